/**
 * Jest in native ESM mode (run through `node --experimental-vm-modules`), TypeScript by ts-jest.
 * Three tiers, each an npm script: `test:unit` (modules alone, seconds), `test:e2e` (the bundled
 * action run as the runner runs it, against loopback stand-ins) and `test:storage` (the bundle
 * against real storage servers). `npm test` runs all three.
 *
 * A test file that runs the bundle (test-support/run-action) belongs in E2E or STORAGE: those
 * tiers bundle the current sources first (test-support/bundle-for-tests.mjs), and run-action
 * refuses to run without that bundle.
 *
 * The environment (test-support/jest-environment.mjs) gives each test file its own temporary
 * folder, emptied after each test, and keeps the runner's commands out of the log unless a test fails.
 */
const E2E = [
  'e2e',
  'cache-links',
  'transfer-faults',
  'storage-lies',
  'tag-mode',
  'download-rules',
  'actions-cache',
  'readme-examples',
  'demo',
  'part-and-plan',
  'step-end',
  'load',
  'small-disk'
]
const STORAGE = ['real-storage']

const base = {
  testEnvironment: '<rootDir>/test-support/jest-environment.mjs',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json', diagnostics: false }]
  }
}
const files = (names) => names.map((name) => `<rootDir>/__tests__/${name}.test.ts`)
const bundled = {
  globalSetup: '<rootDir>/test-support/bundle-for-tests.mjs',
  globalTeardown: '<rootDir>/test-support/bundle-for-tests-teardown.mjs'
}

export default {
  testTimeout: 120000,
  verbose: true,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...files([...E2E, ...STORAGE])]
    },
    { ...base, ...bundled, displayName: 'e2e', testMatch: files(E2E) },
    { ...base, ...bundled, displayName: 'storage', testMatch: files(STORAGE) }
  ]
}
