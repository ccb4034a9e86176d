// The test helpers' limit on a step that never ends (a hang at exit, nodejs/node#54918, or a wait
// without a deadline): its whole process group is killed and the run fails saying so, instead of
// the test running into CI's time limit.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeRunner, runAction, RunLimitExceeded } from '../test-support/run-action.mjs'

/** Dead: gone, or a zombie waiting to be reaped. */
function dead(pid: number): boolean {
  const stat = `/proc/${pid}/stat`
  if (!existsSync(stat)) return true
  // `pid (comm) state ...`: the state follows the last parenthesis.
  return readFileSync(stat, 'utf8').split(') ').pop()!.startsWith('Z')
}

test('a step that does not end is killed with its whole process group, and the run fails saying so', async () => {
  const runner = makeRunner()
  const script = join(runner.base, 'hang.sh')
  // A child of its own (as @actions/cache starts tar), then waits forever.
  writeFileSync(script, 'sleep 600 &\necho "started $!"\nwait\n')
  const run = runAction({ node: '/bin/sh', entry: script, runner, limitMs: 3000 })
  const error = (await run.catch((e: unknown) => e)) as RunLimitExceeded
  expect(error).toBeInstanceOf(RunLimitExceeded)
  expect(error.message).toMatch(/did not end within 3 s, so its process group was killed/)
  expect(error.message).toContain('nodejs/node#54918')
  // Its last output is in the message: here, the child it started.
  const child = Number(/started (\d+)/.exec(error.stdout)?.[1])
  expect(error.message).toContain(`started ${child}`)
  expect(dead(error.pid)).toBe(true)
  expect(dead(child)).toBe(true)
})

test('a step that ends within the limit is not touched', async () => {
  const runner = makeRunner()
  const script = join(runner.base, 'quick.sh')
  writeFileSync(script, 'echo done\nexit 3\n')
  const run = await runAction({ node: '/bin/sh', entry: script, runner, limitMs: 60_000 })
  expect(run.code).toBe(3)
  expect(run.stdout).toBe('done\n')
})
