// How a step ends: when its event loop drains, with the exit code it set, never by
// process.exit() (which hangs Node 24 about once in 300 runs: nodejs/node#54918). Every run of
// the bundle in the tests checks that it ended so (test-support/run-action rejects a step that
// had to end itself); these are the cases where something else could keep it alive.
import { createServer, type Server } from 'node:net'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { makeRunner, runAction, LINGERED } from '../test-support/run-action.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'
import { testBytes } from '../test-support/bytes.mjs'

const REPO = 'https://github.com/acme/models'
const TOKEN = 'studio-step-end-token-4321'
let standin: Standin

beforeAll(async () => {
  standin = await startStandin({ token: TOKEN })
  standin.addVersion({ repo: REPO, name: 'm', version: 'v1.0.0', files: { 'm/w.bin': testBytes(600_000, 9) } })
})
afterAll(() => standin?.stop())

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  name: 'm',
  repo: REPO,
  'studio-token': TOKEN,
  'studio-url': standin.studioUrl,
  ...extra
})

test('a cache service that never answers: the lookup is let go at its deadline and the step ends on its own', async () => {
  // Accepts the connection and says nothing: @actions/cache's request would wait forever.
  const silent: Server = createServer(() => undefined)
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  const { port } = silent.address() as { port: number }
  try {
    const run = await runAction({
      inputs: inputs(),
      env: {
        ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`,
        ACTIONS_RUNTIME_TOKEN: 'runtime-token',
        ACTIONS_CACHE_SERVICE_V2: 'true',
        RUNNER_ENVIRONMENT: 'github-hosted',
        DVC_MODEL_ACTION_CACHE_LOOKUP_MS: '500'
      }
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning::Actions cache: could not restore .*did not answer within/)
    expect(run.stdout).toMatch(/m\/w\.bin: .* downloaded/)
    // runAction rejects a step that had to end itself; and the request is still open here.
    expect(run.stdout).not.toMatch(LINGERED)
  } finally {
    silent.close()
  }
})

test('something else keeping the process alive: the step ends itself after a grace, says what, keeps its exit code', async () => {
  const runner = makeRunner()
  // A leak planted in the step's process: an interval nobody clears.
  const leak = join(runner.base, 'leak.mjs')
  writeFileSync(leak, 'setInterval(() => undefined, 1000)\n')
  const env = { NODE_OPTIONS: `--import=${pathToFileURL(leak).href}` }
  const [succeeded, failed] = await Promise.all([
    runAction({ inputs: inputs(), env, runner, lingerExpected: true }),
    runAction({ inputs: inputs({ 'studio-token': '' }), env, lingerExpected: true })
  ])
  expect(succeeded.code).toBe(0)
  expect(succeeded.stdout).toMatch(LINGERED)
  expect(succeeded.stdout).toMatch(/Timeout.* still kept the process alive 5 s later: ending it\./)
  expect(failed.code).toBe(1)
  expect(failed.stdout).toMatch(/::error::/)
  expect(failed.stdout).toMatch(LINGERED)
})
