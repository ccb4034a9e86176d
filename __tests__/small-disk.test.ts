// The disk, end to end: the bundled action run as the runner runs it, its destination (or its
// RUNNER_TEMP) on a real small file system (a 64 MiB tmpfs), and its post steps pruning a
// shared tool cache, two at once.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { actionsCacheKey } from '../src/caches/actions-cache.js'
import { testBytes } from '../test-support/bytes.mjs'
import { makeRunner, runAction, runJob, type ActionRun } from '../test-support/run-action.mjs'
import { mountSmallDisk, skipped } from '../test-support/small-disk.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'
import { toolCacheFile, toolCacheMd5s } from '../test-support/tool-cache-layout.mjs'

const REPO = 'https://github.com/acme/models'
const TOKEN = 'studio-small-disk-token-4321'
const MiB = 1 << 20
// 90 MiB in three files: any two fit on the 64 MiB disk (with its folders), three do not.
const BIG = {
  'big/part-1.bin': testBytes(24 * MiB, 11),
  'big/part-2.bin': testBytes(24 * MiB, 12),
  'big/part-3.bin': testBytes(24 * MiB, 13),
  'big/config.json': Buffer.from('{"parts": 3}\n')
}
const SMALL_V1 = { 's/a.bin': testBytes(300_000, 21), 's/b.bin': testBytes(200_000, 22) }
const SMALL_V2 = { 's/a.bin': testBytes(300_000, 23), 's/b.bin': testBytes(200_000, 24) }

let standin: Standin
/** Storage that does not serve ranges: each size comes with a whole-file answer (200). */
let noRanges: Standin

beforeAll(async () => {
  standin = await startStandin({ token: TOKEN })
  noRanges = await startStandin({ token: TOKEN, ranges: false })
  standin.addVersion({ repo: REPO, name: 'big', version: 'v1.0.0', files: BIG })
  noRanges.addVersion({ repo: REPO, name: 'big', version: 'v1.0.0', files: BIG })
  standin.addVersion({ repo: REPO, name: 'small', version: 'v1.0.0', files: SMALL_V1 })
  standin.addVersion({ repo: REPO, name: 'small', version: 'v2.0.0', files: SMALL_V2 })
})
afterAll(async () => {
  await standin.stop()
  await noRanges.stop()
})

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'big',
    version: 'v1.0.0',
    repo: REPO,
    'studio-token': TOKEN,
    'studio-url': standin.studioUrl,
    ...extra
  }
}

function lines(run: ActionRun, kind: 'error' | 'warning'): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith(`::${kind}`))
}

/** Everything under `dir`, folders included. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()
}

/** Runs `body` with a 64 MiB tmpfs at `dir`, or says why it is skipped. */
async function onSmallDisk(name: string, dir: string, body: () => Promise<void>): Promise<void> {
  const mount = mountSmallDisk(dir, '64m')
  if (!mount.mounted) return skipped(name, mount.reason)
  try {
    await body()
  } finally {
    mount.unmount()
  }
}

const NOT_ENOUGH =
  /^::error::Not enough disk space for the model at (\S+)\. The model needs (at least )?\d+\.\d MiB( \(the sizes of \d of its 4 files are known so far\))?, and only \d+\.\d MiB is free on the volume mounted at \1\. The transfer stopped before writing 'big\/part-\d\.bin' \(24\.0 MiB\), and nothing of the model is left there\. Free space on the runner before this step .*, use a runner with a larger disk, or set input 'path' to a folder on a bigger volume\.$/

test.each([
  ['in ranged parts', () => standin],
  ['whole, from storage without ranges', () => noRanges]
])(
  'a model larger than the free space fails as soon as the sizes pass it, before the file that cannot fit, leaving nothing (%s)',
  async (_, storage) => {
    const runner = makeRunner()
    const disk = join(runner.workspace, 'on-small-disk')
    await onSmallDisk('download onto a small disk', disk, async () => {
      const standin = storage()
      const before = standin.storageRequests.length
      const run = await runAction({
        inputs: inputs({ path: 'on-small-disk', 'studio-url': standin.studioUrl }),
        runner
      })
      expect(run.code).toBe(1)
      const errors = lines(run, 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(NOT_ENOUGH)
      expect(errors[0]).toContain(`model at ${disk}.`)
      // Not a full disk found by a write (ENOSPC): the budget said no before writing.
      expect(run.stdout).not.toMatch(/ENOSPC|disk is full/)
      expect(tree(disk)).toEqual([])
      // The file refused was asked for once (its size came with its first part), never resumed.
      const refused = /'(big\/part-\d\.bin)'/.exec(errors[0])![1]
      const asked = standin.storageRequests
        .slice(before)
        .filter((r) => r.url.includes(md5Path(BIG[refused as keyof typeof BIG])))
      expect(asked.length).toBeLessThanOrEqual(1)
    })
  }
)

test('copies out of the tool cache are counted too: hits that cannot fit stop the run the same way', async () => {
  const runner = makeRunner()
  // The model lands in the tool cache from a run into the workspace's own disk.
  const first = await runAction({ inputs: inputs({ path: 'roomy' }), runner })
  expect(first.code).toBe(0)
  const disk = join(runner.workspace, 'on-small-disk')
  await onSmallDisk('tool-cache hits onto a small disk', disk, async () => {
    const before = standin.storageRequests.length
    const run = await runAction({ inputs: inputs({ path: 'on-small-disk', concurrency: '1' }), runner })
    expect(run.code).toBe(1)
    const errors = lines(run, 'error')
    expect(errors).toEqual([expect.stringMatching(NOT_ENOUGH)])
    // No copy out of the cache was started and cut short by a full disk.
    expect(lines(run, 'warning')).toEqual([])
    expect(tree(disk)).toEqual([])
    // The sizes came from the tool cache. A cache's size is not trusted to fail the run, so
    // storage was asked once for the file that did not fit, whose answer said the same.
    const refused = /'(big\/part-\d\.bin)'/.exec(errors[0])![1]
    const asked = standin.storageRequests.slice(before).map((r) => r.url.split('?')[0])
    expect(asked).toEqual([expect.stringContaining(md5Path(BIG[refused as keyof typeof BIG]))])
  })
})

test('the post step saves no Actions cache archive that RUNNER_TEMP has no room for: one warning, the step succeeds', async () => {
  const runner = makeRunner()
  await onSmallDisk('archive onto a small RUNNER_TEMP', runner.temp, async () => {
    // The entry the main step prepared: 40 MiB of files named by MD5, in RUNNER_TEMP.
    const files = [testBytes(20 * MiB, 31), testBytes(20 * MiB, 32)]
    const md5s = files.map((bytes) => createHash('md5').update(bytes).digest('hex'))
    const folder = join(runner.temp, 'dvc-model-action-cache', '.steps', 'entry')
    mkdirSync(folder, { recursive: true })
    files.forEach((bytes, i) => writeFileSync(join(folder, md5s[i]), bytes))
    const { key } = actionsCacheKey('Linux', 'big', md5s)
    const post = await runAction({
      runner,
      state: {
        isPost: 'true',
        'actions-cache-key': key,
        'actions-cache-folder': folder,
        'actions-cache-path': join(runner.temp, 'dvc-model-action-cache', 'big')
      },
      // A service that is never reached: the check comes first.
      env: {
        ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/',
        ACTIONS_RUNTIME_TOKEN: 'runtime-token',
        ACTIONS_CACHE_SERVICE_V2: 'true'
      }
    })
    expect(post.code).toBe(0)
    expect(lines(post, 'warning')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::warning::Actions cache: not saving ${key}: its archive needs up to 41\\.0 MiB in ${runner.temp} and only 2\\d\\.\\d MiB is free there \\(free space on the runner, or use a larger runner, for the model to be saved\\); later jobs download the model\\.$`
        )
      )
    ])
    // The entry folder stays where it was (RUNNER_TEMP is emptied after the job).
    expect(readdirSync(folder).sort()).toEqual([...md5s].sort())
  })
})

/** The storage path of a file's content address (the stand-in's DVC 3 layout). */
function md5Path(bytes: Buffer): string {
  const md5 = createHash('md5').update(bytes).digest('hex')
  return `${md5.slice(0, 2)}/${md5.slice(2)}`
}

function entryFile(root: string, md5: string): string {
  return toolCacheFile(root, md5)
}

/** An entry of another model, last used `ageHours` ago. */
function plantEntry(root: string, seed: number, bytes: number, ageHours: number): string {
  const content = testBytes(bytes, seed)
  const md5 = createHash('md5').update(content).digest('hex')
  const file = entryFile(root, md5)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, content)
  const when = new Date(Date.now() - ageHours * 3600_000)
  utimesSync(file, when, when)
  return md5
}

function toolCacheBytes(root: string): number {
  const dir = join(root, 'dvc-studio-model-files')
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => statSync(join(dir, name)))
    .filter((stat) => stat.isFile())
    .reduce((sum, stat) => sum + stat.size, 0)
}

test("a job's post step prunes the tool cache to tool-cache-max-size, least recently used first, keeping what the job used", async () => {
  const runner = makeRunner()
  const small = { name: 'small', 'tool-cache-max-size': '600KB' }
  const v1 = await runJob({ inputs: inputs({ ...small, version: 'v1.0.0' }), runner })
  expect(v1.post?.code).toBe(0)
  // 500,000 bytes of v1 are within 600 KiB: nothing removed, and the check says what it took.
  expect(v1.post!.stdout).toMatch(
    /^Tool cache: 488 KiB in 2 entries, within input 'tool-cache-max-size' \(600 KiB\); checked in \d+ms\.$/m
  )
  // An hour passes (entries used in the last seconds before a run count as used by it).
  const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex')
  const anHourAgo = (files: Record<string, Buffer>): void => {
    const when = new Date(Date.now() - 3600_000)
    for (const bytes of Object.values(files)) utimesSync(entryFile(runner.toolCache, md5(bytes)), when, when)
  }
  anHourAgo(SMALL_V1)
  const v2 = await runJob({ inputs: inputs({ ...small, version: 'v2.0.0' }), runner })
  expect(v2.post?.code).toBe(0)
  expect(v2.post!.stdout).toMatch(
    /^Tool cache: removed 2 least recently used entries \(488 KiB\) to stay within input 'tool-cache-max-size' \(600 KiB\) in \d+ms; it holds 488 KiB in 2 entries\.$/m
  )
  for (const bytes of Object.values(SMALL_V2)) expect(existsSync(entryFile(runner.toolCache, md5(bytes)))).toBe(true)
  for (const bytes of Object.values(SMALL_V1)) expect(existsSync(entryFile(runner.toolCache, md5(bytes)))).toBe(false)
  anHourAgo(SMALL_V2)
  // Another model's entry, used more recently than v2's; then v2 again, from the tool cache:
  // its hits mark v2's entries as used, so the other entry is now the least recently used.
  const other = plantEntry(runner.toolCache, 77, 200_000, 0.1)
  const hits = await runJob({ inputs: inputs({ ...small, version: 'v2.0.0' }), runner })
  expect(hits.main.stdout).toMatch(/s\/a\.bin: .* from the tool cache/)
  expect(hits.post!.stdout).toMatch(/^Tool cache: removed 1 least recently used entry \(195 KiB\)/m)
  expect(existsSync(entryFile(runner.toolCache, other))).toBe(false)
  anHourAgo(SMALL_V2)
  // v1 again: a miss, downloaded, kept; v2's entries are now the oldest and go.
  const again = await runJob({ inputs: inputs({ ...small, version: 'v1.0.0' }), runner })
  expect(again.main.stdout).toMatch(/s\/a\.bin: .* downloaded/)
  for (const bytes of Object.values(SMALL_V1)) expect(existsSync(entryFile(runner.toolCache, md5(bytes)))).toBe(true)
  // 0: no limit.
  const unbounded = await runJob({
    inputs: inputs({ ...small, version: 'v2.0.0', 'tool-cache-max-size': '0' }),
    runner
  })
  expect(unbounded.post!.stdout).not.toMatch(/^Tool cache:/m)
  expect(toolCacheBytes(runner.toolCache)).toBe(1_000_000)
})

test('two jobs pruning one shared tool cache at once both succeed, and the cap holds', async () => {
  const runner = makeRunner()
  // 40 entries of 100 KiB, used 1 to 40 hours ago; the cap keeps 10 of them.
  for (let i = 0; i < 40; i++) plantEntry(runner.toolCache, 100 + i, 100 * 1024, i + 1)
  const state = {
    isPost: 'true',
    'tool-cache-max-bytes': String(1000 * 1024),
    'tool-cache-used-since': String(Date.now() - 60_000)
  }
  const [a, b] = await Promise.all([runAction({ runner, state }), runAction({ runner, state })])
  for (const post of [a, b]) {
    expect(post.code).toBe(0)
    expect(post.stderr).toBe('')
    expect(lines(post, 'warning')).toEqual([])
  }
  // Between them they removed 30 entries, each one exactly once.
  const removed = [a, b].map((post) => Number(/removed (\d+) least recently used/.exec(post.stdout)?.[1] ?? 0))
  expect(removed[0] + removed[1]).toBe(30)
  expect(toolCacheBytes(runner.toolCache)).toBe(10 * 100 * 1024)
  // The ten kept are the ten used last; nothing private is left.
  const kept = toolCacheMd5s(runner.toolCache)
  expect(kept).toHaveLength(10)
  const youngest = Array.from({ length: 10 }, (_, i) =>
    createHash('md5')
      .update(testBytes(100 * 1024, 100 + i))
      .digest('hex')
  )
  expect(kept).toEqual(youngest.sort())
})
