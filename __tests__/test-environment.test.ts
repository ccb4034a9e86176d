// The tests' own environment (test-support/jest-environment.mjs): a temporary folder per test
// file, emptied after each test, and stdout held back (shown only for a failing test).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

let made = ''

test('temporary folders go to a folder of this test file', () => {
  expect(tmpdir()).toMatch(/studio-model-action-test-[^/]+$/)
  made = mkdtempSync(join(tmpdir(), 'runner-'))
  writeFileSync(join(made, 'file'), 'x')
  expect(existsSync(made)).toBe(true)
})

test('what a test made there is gone when the next test starts', () => {
  expect(made).not.toBe('')
  expect(existsSync(made)).toBe(false)
})

test("stdout is held back: the runner's commands do not reach the real stdout", () => {
  if (!process.env.SHOW_TEST_STDOUT) expect(process.stdout.write.name).toBe('holdBack')
  // A held write still returns true and reports completion, as a stream would.
  let done = false
  expect(process.stdout.write('::add-mask::held-back\n', () => (done = true))).toBe(true)
  return new Promise<void>((resolve) => setImmediate(() => resolve())).then(() => expect(done).toBe(true))
})
