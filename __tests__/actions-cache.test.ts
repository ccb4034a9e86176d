// The Actions cache end to end: the bundled action's main and post steps, run as the runner
// runs them, with the real @actions/cache talking to a stand-in of the cache service (v2
// Twirp protocol) whose archives live in Azurite. Jobs on "fresh hosted runners" reuse the
// same paths with empty folders, as GitHub-hosted runners do.
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startCacheService, type CacheService } from '../test-support/cache-service.mjs'
import {
  ACTION_ENTRY,
  freshRunner,
  makeRunner,
  runAction,
  runJob,
  type ActionRun
} from '../test-support/run-action.mjs'
import { toolCacheFile } from '../test-support/tool-cache-layout.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'

const REPO = 'https://github.com/acme/models'
const TOKEN = 'studio-actions-cache-token-5678'
const weights = Buffer.from(Array.from({ length: 400_000 }, (_, i) => (i * 7919) % 251))
const config = Buffer.from('{"layers": 3}\n')
const vocab = Buffer.from('alpha\nbeta\ngamma\n'.repeat(1000))
const V1 = { 'm/weights.bin': weights, 'm/config.json': config, 'm/vocab.txt': vocab }
const V2 = { ...V1, 'm/weights.bin': Buffer.concat([weights, Buffer.from('fine-tuned')]) }
// Content no other test saves, for tests that need the service to hold no entry of it yet.
const TWIN_V1 = { 't/a.bin': Buffer.from('twin a '.repeat(5000)), 't/b.bin': Buffer.from('twin b '.repeat(5000)) }
const TWIN_V2 = { ...TWIN_V1, 't/b.bin': Buffer.from('twin b, retrained '.repeat(5000)) }
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex')

let standin: Standin
let service: CacheService

beforeAll(async () => {
  standin = await startStandin({ token: TOKEN })
  standin.addVersion({ repo: REPO, name: 'churn', version: 'v1.0.0', files: V1 })
  standin.addVersion({ repo: REPO, name: 'churn', version: 'v2.0.0', files: V2 })
  standin.addVersion({ repo: REPO, name: 'plain', version: 'v1.0.0', layout: 'plain', files: { 'p/a.txt': 'a' } })
  standin.addVersion({ repo: REPO, name: 'twin', version: 'v1.0.0', files: TWIN_V1 })
  standin.addVersion({ repo: REPO, name: 'twin', version: 'v1.1.0', files: TWIN_V2 })
  service = await startCacheService()
})
afterAll(async () => {
  await standin?.stop()
  await service?.stop()
})
beforeEach(() => {
  service.mode = 'ok'
  service.refuseWrites = false
})

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'churn',
    version: 'v1.0.0',
    repo: REPO,
    'studio-token': TOKEN,
    'studio-url': standin.studioUrl,
    ...extra
  }
}

/** What a step printed, without the runner's mask registrations (which carry the secrets). */
function log(run: ActionRun): string {
  return run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** What a step printed that the log shows without debug logging. */
function shown(run: ActionRun): string {
  return log(run)
    .split('\n')
    .filter((line) => !line.startsWith('::debug::'))
    .join('\n')
}

/** @actions/cache's own plain lines, which the action turns into debug lines. */
const LIBRARY_LINES =
  /Cache hit for|Lookup only|\[command\]|Cache restored successfully|Cache Size|Sent \d+ of|Cache saved|Attempt \d+ of|Unable to reserve|Failed to (save|restore)/

function warnings(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => /^::(warning|error)/.test(line))
}

function expectModel(run: ActionRun, files: Record<string, Buffer>): void {
  for (const [key, bytes] of Object.entries(files)) {
    expect(readFileSync(join(run.runner.workspace, key)).equals(bytes)).toBe(true)
  }
}

function sigs(run: ActionRun): string[] {
  return [...run.stdout.matchAll(/::add-mask::(.+)/g)].map((m) => m[1])
}

/** Service requests made while `work` ran, by method. */
async function serviceCalls<T>(work: () => Promise<T>): Promise<{ value: T; calls: string[] }> {
  const before = service.requests.length
  const value = await work()
  return { value, calls: service.requests.slice(before).map((r) => r.method) }
}

async function storageCalls<T>(work: () => Promise<T>): Promise<{ value: T; paths: string[] }> {
  const before = standin.storageRequests.length
  const value = await work()
  return { value, paths: standin.storageRequests.slice(before).map((r) => r.url.split('?')[0]) }
}

/** Job A on an empty runner: downloads, and its post step saves one entry. */
async function seed(runner = makeRunner(), extra: Record<string, string> = {}) {
  const job = await runJob({ inputs: inputs(extra), env: service.env(), runner })
  expect(job.main.code).toBe(0)
  expect(job.post?.code).toBe(0)
  return { runner, key: job.main.outputs['cache-key'], job }
}

test('1. job A downloads, and its post step saves one entry holding the files by MD5', async () => {
  const runner = makeRunner()
  const { value: job, calls } = await serviceCalls(() =>
    storageCalls(() => runJob({ inputs: inputs(), env: service.env(), runner }))
  )
  const { main, post } = job.value
  expect(main.stderr).toBe('')
  expect(main.code).toBe(0)
  expectModel(main, V1)
  expect(job.paths).toHaveLength(3)
  expect(main.outputs['cache-hit']).toBe('false')
  const key = main.outputs['cache-key']
  const hash = createHash('sha256')
    .update([md5(weights), md5(config), md5(vocab)].sort().join('\n'))
    .digest('hex')
  expect(key).toBe(`dvc-model-v1-Linux-churn-${hash}`)
  expect(warnings(main)).toEqual([])

  expect(post?.code).toBe(0)
  expect(post?.stderr).toBe('')
  expect(warnings(post!)).toEqual([])
  expect(log(post!)).toContain(`Actions cache: saved ${key}`)
  expect(shown(main)).not.toMatch(LIBRARY_LINES)
  expect(shown(post!)).not.toMatch(LIBRARY_LINES)
  // One lookup (a miss) in the main step; reserve and finalize in the post step.
  expect(calls).toEqual(['GetCacheEntryDownloadURL', 'CreateCacheEntry', 'FinalizeCacheEntryUpload'])
  const saved = [...service.entries.values()].filter((e) => e.key === key)
  expect(saved).toHaveLength(1)
  expect(saved[0].finalized).toBe(true)
  // The entry's folder holds exactly the files, named by MD5, and nothing is in the workspace.
  const folder = join(runner.temp, 'dvc-model-action-cache', 'churn')
  expect(readdirSync(folder).sort()).toEqual([md5(weights), md5(config), md5(vocab)].sort())
  expect(readdirSync(runner.workspace)).toEqual(['m'])
  // Every request to the service carried the runtime token, which is masked.
  expect(service.requests.every((r) => r.authorization === `Bearer ${service.token}`)).toBe(true)
  expect(main.stdout).toContain(`::add-mask::${service.token}`)
  expect(log(main) + log(post!)).not.toContain(service.token)
})

test('2. job B on a fresh runner gets every file from the Actions cache, storage untouched', async () => {
  const { runner, key } = await seed()
  // Storage answers 500 to everything: any request to it would show.
  for (const file of Object.keys(V1)) standin.inject(file, ...Array(10).fill({ status: 500 }))
  const fresh = freshRunner(runner)
  const { value: job, calls } = await serviceCalls(() =>
    storageCalls(() => runJob({ inputs: inputs(), env: service.env(), runner: fresh }))
  )
  standin.faults.clear()
  const { main, post } = job.value
  expect(main.stderr).toBe('')
  expect(main.code).toBe(0)
  expect(job.paths).toEqual([])
  expectModel(main, V1)
  expect(main.outputs['cache-hit']).toBe('true')
  expect(main.outputs['cache-key']).toBe(key)
  expect(warnings(main)).toEqual([])
  expect(log(main)).toMatch(/0 downloaded, 0 from the tool cache, 3 from the Actions cache/)
  expect(shown(main)).not.toMatch(LIBRARY_LINES)
  expect(shown(main)).toContain(`Actions cache: restored 3 files from ${key} in`)
  expect(main.summary).toContain('Actions cache')
  expect(main.summary.match(/<\/code> ✓/g)).toHaveLength(3)
  // A lookup, then the restore; the post step saves nothing on an exact hit.
  expect(calls).toEqual(['GetCacheEntryDownloadURL', 'GetCacheEntryDownloadURL'])
  expect(log(post!)).toContain(`Actions cache: not saving ${key}: an entry with this key exists`)
  // The archive came from blob storage with a SAS URL whose signature never reaches the log.
  expect(service.blobRequests.some((r) => r.method === 'GET' && /sig=/.test(r.url))).toBe(true)
  const sig = new URL(service.blobRequests.at(-1)!.url, 'http://x').searchParams.get('sig')!
  expect(sigs(main)).toContain(sig)
  expect(log(main)).not.toContain(sig)
  expect(log(main)).not.toContain(encodeURIComponent(sig))
})

test('a miss does not load @actions/cache: the main step runs with the library taken out of the bundle', async () => {
  // The bundle's chunk holding @actions/cache, found by a name only the library has.
  const bundle = dirname(ACTION_ENTRY)
  const copy = mkdtempSync(join(tmpdir(), 'bundle-without-cache-'))
  cpSync(bundle, copy, { recursive: true })
  const chunks = readdirSync(copy).filter(
    (f) => f.endsWith('.js') && readFileSync(join(copy, f), 'utf8').includes('getCacheServiceVersion')
  )
  expect(chunks).toHaveLength(1)
  expect(chunks[0]).not.toBe('index.js')
  rmSync(join(copy, chunks[0]))
  standin.addVersion({
    repo: REPO,
    name: 'lone',
    version: 'v1.0.0',
    files: { 'l/a.bin': Buffer.from('lone '.repeat(999)) }
  })
  const entry = join(copy, 'index.js')
  const { value: main, calls } = await serviceCalls(() =>
    runAction({ inputs: inputs({ name: 'lone' }), env: service.env(), entry })
  )
  expect(main.code).toBe(0)
  expect(warnings(main)).toEqual([])
  expect(calls).toEqual(['GetCacheEntryDownloadURL'])
  expect(log(main)).toContain(`Actions cache: no entry yet for ${main.outputs['cache-key']}`)
  // The post step (the whole bundle) saves, and the next job's lookup finds the entry.
  const post = await runAction({
    inputs: inputs({ name: 'lone' }),
    env: service.env(),
    runner: main.runner,
    state: main.state
  })
  expect(log(post)).toContain(`Actions cache: saved ${main.outputs['cache-key']}`)
  const next = await runAction({
    inputs: inputs({ name: 'lone' }),
    env: service.env(),
    runner: freshRunner(main.runner)
  })
  expect(next.outputs['cache-hit']).toBe('true')
})

test('3. a new version with one of three files changed: one download, two files restored', async () => {
  const { runner } = await seed()
  const fresh = freshRunner(runner)
  const { value: job, calls } = await serviceCalls(() =>
    storageCalls(() => runJob({ inputs: inputs({ version: 'v2.0.0' }), env: service.env(), runner: fresh }))
  )
  const { main, post } = job.value
  expect(main.code).toBe(0)
  expectModel(main, V2)
  expect(job.paths).toEqual([standin.pathOf('m/weights.bin')])
  expect(main.outputs['cache-hit']).toBe('false')
  expect(log(main)).toMatch(/1 downloaded, 0 from the tool cache, 2 from the Actions cache/)
  expect(log(main)).toContain('an entry of an earlier version')
  expect(warnings(main)).toEqual([])
  // The new version's entry is saved, holding exactly its own files.
  expect(calls).toEqual([
    'GetCacheEntryDownloadURL',
    'GetCacheEntryDownloadURL',
    'CreateCacheEntry',
    'FinalizeCacheEntryUpload'
  ])
  expect(log(post!)).toContain(`Actions cache: saved ${main.outputs['cache-key']}`)
  const folder = join(fresh.temp, 'dvc-model-action-cache', 'churn')
  expect(readdirSync(folder).sort()).toEqual([md5(V2['m/weights.bin']), md5(config), md5(vocab)].sort())
})

test('4. a tampered entry is detected: the bad file is downloaded, one warning, the step succeeds', async () => {
  const { runner, key } = await seed()
  const changed = await service.tamper(key)
  const fresh = freshRunner(runner)
  const { value: job, paths } = await storageCalls(() =>
    runJob({ inputs: inputs(), env: service.env(), runner: fresh })
  )
  const { main } = job
  expect(main.code).toBe(0)
  expectModel(main, V1)
  const bad = Object.keys(V1).find((k) => md5(V1[k as keyof typeof V1]) === changed)!
  expect(paths).toEqual([`/remote/files/md5/${changed.slice(0, 2)}/${changed.slice(2)}`])
  expect(warnings(main)).toHaveLength(1)
  expect(warnings(main)[0]).toContain(`${bad}: the copy in the Actions cache does not match its MD5`)
  expect(main.outputs['cache-hit']).toBe('false')
  // The entry is never replaced: the post step says how to delete it, once.
  const { value: post, calls } = await serviceCalls(() =>
    runAction({ inputs: inputs(), env: service.env(), runner: fresh, state: main.state })
  )
  expect(calls).toEqual([])
  expect(warnings(post)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^::warning::Actions cache: the entry ${key} could not be used \\(1 of 3 files did not match their MD5\\).*gh cache delete ${key}.*Caches page`
      )
    )
  ])
})

test('4c. an entry missing a file (saved by another tool): downloaded; the post step says how to delete it', async () => {
  const runner = makeRunner()
  const hash = createHash('sha256')
    .update([md5(weights), md5(config), md5(vocab)].sort().join('\n'))
    .digest('hex')
  const key = `dvc-model-v1-Linux-churn-${hash}`
  // An entry at the action's path and key holding two of the three files.
  const folder = join(runner.temp, 'dvc-model-action-cache', 'churn')
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, md5(config)), config)
  writeFileSync(join(folder, md5(vocab)), vocab)
  const env: Record<string, string | undefined> = {
    ...service.env(),
    GITHUB_WORKSPACE: runner.workspace,
    RUNNER_TEMP: runner.temp
  }
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    const cache = await import('@actions/cache')
    expect(await cache.saveCache([folder], key)).toBeGreaterThan(0)
  } finally {
    for (const name of Object.keys(env)) if (saved[name] === undefined) delete process.env[name]
    Object.assign(process.env, saved)
  }
  const fresh = freshRunner(runner)
  const { value: job, paths } = await storageCalls(() =>
    runJob({ inputs: inputs(), env: service.env(), runner: fresh })
  )
  const { main, post } = job
  expect(main.code).toBe(0)
  expectModel(main, V1)
  expect(paths).toEqual([`/remote/files/md5/${md5(weights).slice(0, 2)}/${md5(weights).slice(2)}`])
  expect(warnings(main)).toEqual([])
  expect(warnings(post!)).toHaveLength(1)
  expect(warnings(post!)[0]).toContain(`the entry ${key} could not be used (1 of 3 files were missing)`)
  expect(warnings(post!)[0]).toContain(`gh cache delete ${key}`)
})

test('4b. a truncated entry: one warning, every file from storage, the step succeeds', async () => {
  const { runner, key } = await seed()
  await service.truncate(key)
  const fresh = freshRunner(runner)
  const { value: job, paths } = await storageCalls(() =>
    runJob({ inputs: inputs(), env: service.env(), runner: fresh })
  )
  const { main, post } = job
  expect(main.code).toBe(0)
  expectModel(main, V1)
  expect(paths).toHaveLength(3)
  expect(warnings(main)).toHaveLength(1)
  expect(warnings(main)[0]).toMatch(/^::warning::Actions cache: could not restore/)
  expect(post?.code).toBe(0)
  expect(warnings(post!)).toHaveLength(1)
  expect(warnings(post!)[0]).toContain(`the entry ${key} could not be used (restoring it failed`)
  expect(warnings(post!)[0]).toContain(`gh cache delete ${key}`)
})

describe('5. the cache failing is at most one warning, and the files come from storage', () => {
  test('the service answers 503 to everything (the lookup has a deadline)', async () => {
    service.mode = 'unavailable'
    const env = { ...service.env(), DVC_MODEL_ACTION_CACHE_LOOKUP_MS: '1000' }
    const main = await runAction({ inputs: inputs(), env })
    expect(main.code).toBe(0)
    expectModel(main, V1)
    expect(warnings(main)).toHaveLength(1)
    expect(warnings(main)[0]).toMatch(/^::warning::Actions cache: could not restore/)
    expect(shown(main)).not.toMatch(LIBRARY_LINES)
    // The post step does not wait for the service a second time.
    const { value: post, calls } = await serviceCalls(() =>
      runAction({ inputs: inputs(), env, runner: main.runner, state: main.state })
    )
    expect(calls).toEqual([])
    expect(warnings(post)).toEqual([])
    expect(log(post)).toContain('not saving')
    expect(log(post)).toContain('the cache service could not be reached in the main step')
  })

  test('the service is down: one warning in the main step; the post step does not try again', async () => {
    service.mode = 'down'
    const main = await runAction({ inputs: inputs(), env: service.env() })
    expect(main.code).toBe(0)
    expectModel(main, V1)
    expect(warnings(main)).toHaveLength(1)
    expect(warnings(main)[0]).toMatch(/could not restore .*ECONNRESET/)
    expect(shown(main)).not.toMatch(LIBRARY_LINES)
    const { value: post, calls } = await serviceCalls(() =>
      runAction({ inputs: inputs(), env: service.env(), runner: main.runner, state: main.state })
    )
    expect(post.code).toBe(0)
    expect(calls).toEqual([])
    expect(warnings(post)).toEqual([])
    expect(log(post)).toContain('the cache service could not be reached in the main step')
  })

  test('writes refused (a read-only token): the post step warns once and succeeds', async () => {
    service.refuseWrites = true
    const { main, post } = await runJob({ inputs: inputs(), env: service.env() })
    expect(main.code).toBe(0)
    expect(warnings(main)).toEqual([])
    expect(post?.code).toBe(0)
    expect(warnings(post!)).toHaveLength(1)
    expect(warnings(post!)[0]).toContain('cache write denied')
  })

  test('no runtime token: off under auto; under true one warning; no request either way', async () => {
    const env = { ...service.env(), ACTIONS_RUNTIME_TOKEN: undefined }
    const { value: runs, calls } = await serviceCalls(async () => [
      await runJob({ inputs: inputs(), env }),
      await runJob({ inputs: inputs({ 'actions-cache': 'true' }), env })
    ])
    expect(calls).toEqual([])
    const [auto, forced] = runs
    expect(auto.main.code).toBe(0)
    expect(warnings(auto.main)).toEqual([])
    expect(auto.main.outputs['cache-key']).toBe('')
    expect(forced.main.code).toBe(0)
    expectModel(forced.main, V1)
    expect(warnings(forced.main)).toHaveLength(1)
    expect(warnings(forced.main)[0]).toContain("Input 'actions-cache' is true, but this runner provides no")
    expect(warnings(forced.post!)).toEqual([])
  })

  test('a duplicate key (a matrix sibling saved first): the post step says so, no warning', async () => {
    // Two matrix siblings (same paths) both miss; the first one's post step saves.
    const twin = inputs({ name: 'twin', version: 'v1.1.0' })
    const first = await runAction({ inputs: twin, env: service.env() })
    const sibling = await runAction({ inputs: twin, env: service.env(), runner: first.runner })
    expect(sibling.outputs['cache-hit']).toBe('false')
    const saved = await runAction({ inputs: twin, env: service.env(), runner: first.runner, state: first.state })
    expect(log(saved)).toContain('Actions cache: saved')
    const { value: again, calls } = await serviceCalls(() =>
      runAction({ inputs: twin, env: service.env(), runner: sibling.runner, state: sibling.state })
    )
    expect(calls).toEqual(['CreateCacheEntry'])
    expect(service.requests.at(-1)?.status).toBe(409)
    expect(again.code).toBe(0)
    expect(warnings(again)).toEqual([])
    expect(log(again)).toContain('another job saved or is saving it')
    expect(shown(again)).not.toMatch(LIBRARY_LINES)
  })
})

test('6. cache: false and actions-cache: false make no request to the service', async () => {
  const { calls, value: runs } = await serviceCalls(async () => [
    await runJob({ inputs: inputs({ cache: 'false' }), env: service.env() }),
    await runJob({ inputs: inputs({ 'actions-cache': 'false' }), env: service.env() })
  ])
  expect(calls).toEqual([])
  for (const { main, post } of runs) {
    expect(main.code).toBe(0)
    expectModel(main, V1)
    expect(main.outputs['cache-key']).toBe('')
    expect(post?.code).toBe(0)
    expect(warnings(post!)).toEqual([])
  }
  // cache: false turns off the tool cache too.
  expect(readdirSync(runs[0].main.runner.toolCache)).toEqual([])
})

test('a self-hosted runner (auto) and a model without content addresses do not use the service', async () => {
  const { calls, value: runs } = await serviceCalls(async () => [
    await runJob({ inputs: inputs(), env: { ...service.env(), RUNNER_ENVIRONMENT: 'self-hosted' } }),
    await runJob({ inputs: inputs({ name: 'plain' }), env: service.env() })
  ])
  expect(calls).toEqual([])
  for (const { main } of runs) expect(main.code).toBe(0)
  expect(runs[1].main.outputs['cache-key']).toBe('')
})

test('7. a planted tool-cache file with the wrong content is detected, replaced and downloaded', async () => {
  const runner = makeRunner()
  const entry = toolCacheFile(runner.toolCache, md5(weights))
  mkdirSync(dirname(entry), { recursive: true })
  writeFileSync(entry, 'planted by another job')
  const { value: main, paths } = await storageCalls(() => runAction({ inputs: inputs(), runner }))
  expect(main.code).toBe(0)
  expectModel(main, V1)
  expect(paths).toHaveLength(3)
  expect(warnings(main)).toHaveLength(1)
  expect(warnings(main)[0]).toContain('m/weights.bin: the copy in the tool cache does not match its MD5')
  // The entry now holds the right bytes, and the next run takes every file from it, verified.
  expect(readFileSync(entry).equals(weights)).toBe(true)
  const { value: again, paths: none } = await storageCalls(() => runAction({ inputs: inputs(), runner }))
  expect(none).toEqual([])
  expect(warnings(again)).toEqual([])
  expect(again.outputs['cache-hit']).toBe('true')
  expect(again.summary.match(/<\/code> ✓/g)).toHaveLength(3)
})

test('a model over actions-cache-max-size is not saved; the post step says why', async () => {
  const { value: job, calls } = await serviceCalls(() =>
    runJob({ inputs: inputs({ 'actions-cache-max-size': '100KB' }), env: service.env() })
  )
  expect(job.main.code).toBe(0)
  expect(calls).toEqual(['GetCacheEntryDownloadURL'])
  expect(log(job.post!)).toMatch(/not saving .*more than input 'actions-cache-max-size' \(100 KiB\)/)
  expect(warnings(job.post!)).toEqual([])
})

test('a step that edits a workspace file in place before the post step: that file is left out of the entry', async () => {
  const runner = makeRunner()
  const main = await runAction({ inputs: inputs(), env: service.env(), runner })
  writeFileSync(join(runner.workspace, 'm/weights.bin'), 'edited by a later step')
  const post = await runAction({ inputs: inputs(), env: service.env(), runner, state: main.state })
  expect(log(post)).toContain('(m/weights.bin): left out of the caches')
  expect(log(post)).toContain('Actions cache: saved')
  const { value: restored, paths } = await storageCalls(() =>
    runAction({ inputs: inputs(), env: service.env(), runner: freshRunner(runner) })
  )
  // The edited bytes never reach a later job: the file is downloaded, the rest restored.
  const edited = md5(weights)
  expect(paths).toEqual([`/remote/files/md5/${edited.slice(0, 2)}/${edited.slice(2)}`])
  expect(warnings(restored)).toEqual([])
  expectModel(restored, V1)
})

test('two versions in one job: each post step saves its own files (post steps run in reverse)', async () => {
  const runner = makeRunner()
  const env = service.env()
  const v1 = await runAction({ inputs: inputs({ name: 'twin', version: 'v1.0.0' }), env, runner })
  const v2 = await runAction({ inputs: inputs({ name: 'twin', version: 'v1.1.0' }), env, runner })
  expect([v1.code, v2.code]).toEqual([0, 0])
  const post2 = await runAction({ inputs: inputs({ name: 'twin', version: 'v1.1.0' }), env, runner, state: v2.state })
  const post1 = await runAction({ inputs: inputs({ name: 'twin', version: 'v1.0.0' }), env, runner, state: v1.state })
  expect(warnings(post2)).toEqual([])
  expect(warnings(post1)).toEqual([])
  expect(log(post2)).toContain(`Actions cache: saved ${v2.outputs['cache-key']}`)
  expect(log(post1)).toContain(`Actions cache: saved ${v1.outputs['cache-key']}`)
  for (const [version, files] of [
    ['v1.0.0', TWIN_V1],
    ['v1.1.0', TWIN_V2]
  ] as const) {
    const { value: fresh, paths } = await storageCalls(() =>
      runAction({ inputs: inputs({ name: 'twin', version }), env, runner: freshRunner(runner) })
    )
    expect(paths).toEqual([])
    expect(fresh.outputs['cache-hit']).toBe('true')
    expect(warnings(fresh)).toEqual([])
    expectModel(fresh, files)
  }
})

test('a folder that no longer holds exactly the files its key names is not saved', async () => {
  const runner = makeRunner()
  const twin = inputs({ name: 'twin', version: 'v1.0.0', 'actions-cache': 'true' })
  // A self-hosted runner: the service holds twin v1.0.0 under another version (paths differ).
  const env = { ...service.env(), RUNNER_ENVIRONMENT: 'self-hosted' }
  const main = await runAction({ inputs: twin, env, runner })
  writeFileSync(join(main.state['actions-cache-folder'], md5(Buffer.from('stray'))), 'stray')
  const { value: post, calls } = await serviceCalls(() => runAction({ inputs: twin, env, runner, state: main.state }))
  expect(calls).toEqual([])
  expect(warnings(post)).toEqual([])
  expect(log(post)).toContain('its folder does not hold exactly the files the key names')
})

describe('disk: the entry folder links the workspace files, no second copy', () => {
  const inodes = (files: string[]): number[] => files.map((f) => statSync(f).ino)

  test('GitHub-hosted: no tool-cache copy; the entry folder holds links of the workspace files', async () => {
    const runner = makeRunner()
    const main = await runAction({ inputs: inputs(), env: service.env(), runner })
    expect(main.code).toBe(0)
    expect(readdirSync(runner.toolCache)).toEqual([])
    const folder = main.state['actions-cache-folder']
    const entry = [md5(weights), md5(config), md5(vocab)].sort()
    expect(readdirSync(folder).sort()).toEqual(entry)
    const workspace = ['m/weights.bin', 'm/config.json', 'm/vocab.txt'].map((key) => join(runner.workspace, key))
    expect(inodes([md5(weights), md5(config), md5(vocab)].map((name) => join(folder, name)))).toEqual(inodes(workspace))
    // Nothing waits at the saved path until the post step moves the folder there.
    expect(existsSync(join(runner.temp, 'dvc-model-action-cache', 'churn'))).toBe(false)
  })

  test('tool cache and Actions cache both on (self-hosted): workspace, tool cache and entry are one inode', async () => {
    const runner = makeRunner()
    const env = { ...service.env(), RUNNER_ENVIRONMENT: 'self-hosted' }
    const main = await runAction({ inputs: inputs({ 'actions-cache': 'true' }), env, runner })
    expect(main.code).toBe(0)
    const folder = main.state['actions-cache-folder']
    const names = [md5(weights), md5(config), md5(vocab)]
    const toolCopies = names.map((name) => toolCacheFile(runner.toolCache, name))
    const workspace = ['m/weights.bin', 'm/config.json', 'm/vocab.txt'].map((key) => join(runner.workspace, key))
    expect(inodes(names.map((name) => join(folder, name)))).toEqual(inodes(toolCopies))
    expect(inodes(workspace)).toEqual(inodes(toolCopies))
    for (const file of workspace) expect(statSync(file).nlink).toBe(3)
  })

  test('an exact hit keeps no entry folder: nothing is saved, so its copies would only take disk', async () => {
    const { runner } = await seed()
    const fresh = freshRunner(runner)
    const main = await runAction({ inputs: inputs(), env: service.env(), runner: fresh })
    expect(main.outputs['cache-hit']).toBe('true')
    expect(existsSync(main.state['actions-cache-folder'])).toBe(false)
  })
})
