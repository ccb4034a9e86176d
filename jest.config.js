/**
 * Jest in native ESM mode (run through `node --experimental-vm-modules`), TypeScript by ts-jest.
 * The environment keeps temporary folders and the runner's commands out of the way.
 */
export default {
  testEnvironment: '<rootDir>/test-support/jest-environment.mjs',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json', diagnostics: false }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 120000,
  verbose: true
}
