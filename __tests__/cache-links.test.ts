// The caches filled by hard links of the verified workspace files, end to end: the bundled
// action's main and post steps as the runner runs them, real files, the cache service's
// stand-in. What a link costs in safety is paid back by checks: an in-place edit between the
// main and the post step never reaches the saved Actions cache entry, and an edit that reaches a
// tool-cache entry through its link is caught by the next hit. Where no link can be made (the
// cache on another file system: a tmpfs mounted for the test), the post step copies.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { join } from 'node:path'
import { startCacheService, type CacheService } from '../test-support/cache-service.mjs'
import { freshRunner, makeRunner, runAction, runJob, type ActionRun } from '../test-support/run-action.mjs'
import { toolCacheFile as toolCacheEntry } from '../test-support/tool-cache-layout.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'
import { testBytes } from '../test-support/bytes.mjs'

const REPO = 'https://github.com/acme/models'
const TOKEN = 'studio-cache-links-token-4321'
const weights = testBytes(500_000, 11)
const config = Buffer.from('{"layers": 4}\n')
const FILES = { 'w/weights.bin': weights, 'w/config.json': config }
// Content no other test in this file saves to the Actions cache.
const EDITED = { 'e/a.bin': testBytes(200_000, 21), 'e/b.bin': testBytes(100_000, 22) }
// Content for the entry on another file system.
const MOVED = { 'e/a.bin': testBytes(150_000, 31), 'e/b.bin': testBytes(90_000, 32) }
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex')

let standin: Standin
let service: CacheService

beforeAll(async () => {
  standin = await startStandin({ token: TOKEN })
  standin.addVersion({ repo: REPO, name: 'links', version: 'v1.0.0', files: FILES })
  standin.addVersion({ repo: REPO, name: 'edited', version: 'v1.0.0', files: EDITED })
  standin.addVersion({ repo: REPO, name: 'moved', version: 'v1.0.0', files: MOVED })
  service = await startCacheService()
})
afterAll(async () => {
  await standin?.stop()
  await service?.stop()
})

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'links',
    version: 'v1.0.0',
    repo: REPO,
    'studio-token': TOKEN,
    'studio-url': standin.studioUrl,
    ...extra
  }
}

function lines(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::') && !line.startsWith('::debug::'))
}
const warnings = (run: ActionRun): string[] => lines(run).filter((line) => /^::(warning|error)/.test(line))
const toolCacheFile = (runner: { toolCache: string }, hash: string): string => toolCacheEntry(runner.toolCache, hash)

async function storageCalls<T>(work: () => Promise<T>): Promise<{ value: T; paths: string[] }> {
  const before = standin.storageRequests.length
  const value = await work()
  return { value, paths: standin.storageRequests.slice(before).map((r) => r.url.split('?')[0]) }
}

/** Overwrites `file` in place (same inode, same size), as a step that edits it would. */
function editInPlace(file: string): void {
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.from('EDITED'), 0, 6, 0)
  closeSync(fd)
}

test('a default self-hosted run: each workspace file and its tool-cache entry are one inode, two links', async () => {
  const { main, post } = await runJob({ inputs: inputs(), env: { RUNNER_ENVIRONMENT: 'self-hosted' } })
  expect(main.code).toBe(0)
  for (const [key, bytes] of Object.entries(FILES)) {
    const workspace = statSync(join(main.runner.workspace, key))
    const cached = statSync(toolCacheFile(main.runner, md5(bytes)))
    expect(cached.ino).toBe(workspace.ino)
    expect(workspace.nlink).toBe(2)
  }
  // The result line, then one line of what caching did.
  const result = lines(main).findIndex((line) => line.startsWith('Fetched '))
  expect(lines(main)[result + 1]).toMatch(/^Caches \(.*\): 2 files linked into the tool cache \(no copy\)\.$/)
  expect(warnings(main)).toEqual([])
  expect(post?.code).toBe(0)
  expect(warnings(post!)).toEqual([])
  // Nothing was copied, so the post step has nothing to say about the caches.
  expect(lines(post!).filter((line) => line.startsWith('Caches'))).toEqual([])
})

test('a tool cache that cannot be written to: one warning for all files, the model in place, exit 0', async () => {
  const runner = makeRunner()
  // A file where the action's folder would be: every entry fails alike (ENOTDIR), as a
  // read-only tool cache would for a user who is not root.
  writeFileSync(join(runner.toolCache, 'dvc-studio-model-files'), 'not a folder')
  const main = await runAction({ inputs: inputs(), env: { RUNNER_ENVIRONMENT: 'self-hosted' }, runner })
  expect(main.code).toBe(0)
  for (const [key, bytes] of Object.entries(FILES))
    expect(readFileSync(join(runner.workspace, key)).equals(bytes)).toBe(true)
  expect(warnings(main)).toEqual([
    expect.stringMatching(
      /^::warning::Tool cache: could not keep 2 files there \(ENOTDIR\); the next run on this runner downloads them again\.$/
    )
  ])
  expect(lines(main).find((line) => line.startsWith('Caches ('))).toMatch(/2 files not kept \(see the warnings\)\.$/)
})

test('a default hosted run: the Actions cache entry links the workspace files; no tool-cache copy', async () => {
  const runner = makeRunner()
  const main = await runAction({ inputs: inputs(), env: service.env(), runner })
  expect(main.code).toBe(0)
  expect(readdirSync(runner.toolCache)).toEqual([])
  const folder = main.state['actions-cache-folder']
  for (const [key, bytes] of Object.entries(FILES)) {
    const workspace = statSync(join(runner.workspace, key))
    expect(statSync(join(folder, md5(bytes))).ino).toBe(workspace.ino)
    expect(workspace.nlink).toBe(2)
  }
  expect(lines(main).join('\n')).toMatch(
    /Caches \(.*\): 2 files linked into the Actions cache entry, saved in the post step\./
  )
  const post = await runAction({ inputs: inputs(), env: service.env(), runner, state: main.state })
  expect(lines(post).join('\n')).toContain(`Actions cache: saved ${main.outputs['cache-key']} in`)
})

test('an in-place edit between the main and the post step (same inode, same size) never reaches the saved entry', async () => {
  const runner = makeRunner()
  const job = inputs({ name: 'edited' })
  const main = await runAction({ inputs: job, env: service.env(), runner })
  expect(main.code).toBe(0)
  const edited = join(runner.workspace, 'e/a.bin')
  const before = statSync(edited, { bigint: true })
  editInPlace(edited)
  const after = statSync(edited, { bigint: true })
  expect([after.ino, after.size]).toEqual([before.ino, before.size])
  const post = await runAction({ inputs: job, env: service.env(), runner, state: main.state })
  expect(warnings(post)).toEqual([])
  const said = lines(post).join('\n')
  expect(said).toMatch(
    /Caches: 1 file changed after it was verified and no longer matches its MD5 \(e\/a\.bin\): left out/
  )
  // Saved under the key of what it holds, which the restore key of the model finds.
  const fullKey = main.outputs['cache-key']
  const partialKey = `${fullKey.slice(0, -64)}${createHash('sha256').update(md5(EDITED['e/b.bin'])).digest('hex')}`
  expect(said).toContain(`Actions cache: saved ${partialKey}, without the 1 changed file in`)

  // A fresh job restores the entry: the other file, original bytes; the edited one downloaded.
  const { value: fresh, paths } = await storageCalls(() =>
    runJob({ inputs: job, env: service.env(), runner: freshRunner(runner) })
  )
  expect(fresh.main.code).toBe(0)
  expect(warnings(fresh.main)).toEqual([])
  expect(paths).toEqual([standin.pathOf('e/a.bin')])
  for (const [key, bytes] of Object.entries(EDITED)) {
    expect(readFileSync(join(runner.workspace, key)).equals(bytes)).toBe(true)
  }
  expect(lines(fresh.main).join('\n')).toContain('1 downloaded, 0 from the tool cache, 1 from the Actions cache')
  // ... and saves the whole model under its own key.
  expect(lines(fresh.post!).join('\n')).toContain(`Actions cache: saved ${fullKey} in`)
})

test('a tool-cache entry changed in place through its workspace link is caught by the next hit and downloaded again', async () => {
  const runner = makeRunner()
  const env = { RUNNER_ENVIRONMENT: 'self-hosted' }
  const first = await runAction({ inputs: inputs(), env, runner })
  expect(first.code).toBe(0)
  editInPlace(join(runner.workspace, 'w/weights.bin'))
  expect(
    readFileSync(toolCacheFile(runner, md5(weights)))
      .subarray(0, 6)
      .toString()
  ).toBe('EDITED')
  // The next job (no post step in between: nothing checked it) finds the entry changed.
  const { value: second, paths } = await storageCalls(() => runAction({ inputs: inputs(), env, runner }))
  expect(second.code).toBe(0)
  expect(paths).toEqual([standin.pathOf('w/weights.bin')])
  expect(warnings(second)).toEqual([
    expect.stringContaining('w/weights.bin: the copy in the tool cache does not match its MD5')
  ])
  expect(readFileSync(join(runner.workspace, 'w/weights.bin')).equals(weights)).toBe(true)
  // The downloaded file took the entry's place, a link again.
  expect(readFileSync(toolCacheFile(runner, md5(weights))).equals(weights)).toBe(true)
  expect(statSync(toolCacheFile(runner, md5(weights))).ino).toBe(statSync(join(runner.workspace, 'w/weights.bin')).ino)
})

/**
 * Runs `work` with a fresh 64 MiB tmpfs mounted at `dir` (unmounted after, before the test's
 * folder is emptied); skips with a message where it cannot be mounted (not root, a container).
 */
async function onTmpfs(dir: string, what: string, work: () => Promise<void>): Promise<void> {
  mkdirSync(dir, { recursive: true })
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    const why = String((error as { stderr?: Buffer }).stderr ?? error).trim()
    console.warn(`skipped: cannot mount a tmpfs for ${what} (${why})`)
    return
  }
  try {
    await work()
  } finally {
    execFileSync('umount', ['-l', dir])
  }
}

describe('caches on another file system: the post step clones or copies, on all cores', () => {
  test('tool cache on another tmpfs', async () => {
    const runner = makeRunner()
    await onTmpfs(runner.toolCache, 'the tool cache', async () => {
      const env = { RUNNER_ENVIRONMENT: 'self-hosted' }
      const main = await runAction({ inputs: inputs(), env, runner })
      expect(main.code).toBe(0)
      expect(warnings(main)).toEqual([])
      // The model reaches the next step first: the main step copied nothing.
      expect(lines(main).join('\n')).toMatch(
        /Caches \(.*\): 2 files to copy into it in the post step \(another file system\)\./
      )
      for (const bytes of Object.values(FILES)) expect(existsSync(toolCacheFile(runner, md5(bytes)))).toBe(false)
      const post = await runAction({ inputs: inputs(), env, runner, state: main.state })
      expect(warnings(post)).toEqual([])
      expect(lines(post).join('\n')).toMatch(/Caches: 2 (cloned|copied) into the tool cache \(.*\) in /)
      for (const [key, bytes] of Object.entries(FILES)) {
        const cached = toolCacheFile(runner, md5(bytes))
        expect(readFileSync(cached).equals(bytes)).toBe(true)
        expect(statSync(join(runner.workspace, key)).nlink).toBe(1)
      }
      // The next job is served from it.
      const { value: again, paths } = await storageCalls(() => runAction({ inputs: inputs(), env, runner }))
      expect(paths).toEqual([])
      expect(again.outputs['cache-hit']).toBe('true')
    })
  })

  test('Actions cache entry on another tmpfs (RUNNER_TEMP), with a file edited before the post step', async () => {
    const runner = makeRunner()
    await onTmpfs(runner.temp, 'RUNNER_TEMP', async () => {
      const job = inputs({ name: 'moved' })
      const env = { ...service.env(), RUNNER_ENVIRONMENT: 'github-hosted' }
      const main = await runAction({ inputs: job, env, runner })
      expect(main.code).toBe(0)
      expect(lines(main).join('\n')).toMatch(/2 files to copy into it \(another file system\), saved in the post step/)
      editInPlace(join(runner.workspace, 'e/b.bin'))
      const post = await runAction({ inputs: job, env, runner, state: main.state })
      expect(warnings(post)).toEqual([])
      const said = lines(post).join('\n')
      expect(said).toMatch(/\(e\/b\.bin\): left out of the caches/)
      expect(said).toMatch(/Caches: 1 (cloned|copied) into the Actions cache entry/)
      expect(said).toMatch(/Actions cache: saved .*, without the 1 changed file in/)
    })
  })
})
