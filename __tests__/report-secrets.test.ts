// The last line of defence: whatever fails, and however, the token does not reach the log.
import { reportFailure } from '../src/action/report.js'
import { ActionError } from '../src/common/errors.js'
import { holdStdout } from '../test-support/stdout.mjs'

const TOKEN = 'studio-secret-token-7777'

function logOf(fn: () => void): string {
  const stdout = holdStdout()
  try {
    fn()
  } finally {
    stdout.stop()
    process.exitCode = undefined
  }
  return stdout.text
}

test.each([false, true])(
  'an unexpected error whose message and stack carry the token never logs it (debug: %s)',
  (debug) => {
    process.env.RUNNER_DEBUG = debug ? '1' : ''
    const error = new TypeError(`Cannot read properties of undefined (reading 'token ${TOKEN}')`)
    const log = logOf(() => reportFailure(error, [TOKEN, '']))
    expect(log).toMatch(/::error::Unexpected error: Cannot read properties of undefined \(reading 'token \*\*\*'\)/)
    expect(log).not.toContain(TOKEN)
    if (debug) expect(log).toMatch(/::debug::TypeError: .*\*\*\*/)
    delete process.env.RUNNER_DEBUG
  }
)

test('an expected error carrying the token never logs it either', () => {
  const log = logOf(() => reportFailure(new ActionError(`Studio refused token ${TOKEN}.`), [TOKEN]))
  expect(log).toContain('::error::Studio refused token ***.')
  expect(log).not.toContain(TOKEN)
})
