// Part of a model, a plan without bytes, and the digest, end to end: the bundled action run as
// the runner runs it against the Studio and storage stand-in (whose request log shows what was
// asked of storage) and, for the Actions cache, the stand-in of GitHub's cache service.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { actionsCacheKey } from '../src/caches/actions-cache.js'
import { startCacheService, type CacheService } from '../test-support/cache-service.mjs'
import { freshRunner, makeRunner, runAction, runJob, type ActionRun } from '../test-support/run-action.mjs'
import { toolCacheMd5s } from '../test-support/tool-cache-layout.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'

const REPO = 'https://github.com/acme/models'
const TOKEN = 'studio-part-and-plan-token-4242'

/** An LLM folder of 7 files: two formats of the weights, JSON files, a dot file, checkpoints. */
const LLM: Record<string, Buffer> = {
  'llm/model.safetensors': Buffer.from('safetensors weights '.repeat(4000)),
  'llm/model.onnx': Buffer.from('onnx weights '.repeat(4000)),
  'llm/config.json': Buffer.from('{"layers": 12}\n'),
  'llm/tokenizer.json': Buffer.from('{"vocab": ["a", "b"]}\n'),
  'llm/.gitattributes': Buffer.from('*.safetensors binary\n'),
  'llm/checkpoints/step-1000/model.safetensors': Buffer.from('checkpoint 1000 '.repeat(3000)),
  'llm/checkpoints/step-2000/model.safetensors': Buffer.from('checkpoint 2000 '.repeat(3000))
}
const INCLUDE = '**/*.safetensors\n**/*.json\n'
const EXCLUDE = 'llm/checkpoints/**'
const SELECTED = ['llm/config.json', 'llm/model.safetensors', 'llm/tokenizer.json']
/** DVC 2: the text file's address is the MD5 after CRLF -> LF, not that of its bytes. */
const LEGACY = { 'old/notes.txt': Buffer.from('one\r\ntwo\r\n'), 'old/w.bin': Buffer.from([0, 1, 2, 3]) }
const PLAIN = { 'plain/a.bin': Buffer.from('plain a'), 'plain/b.bin': Buffer.from('plain b') }

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex')
/** The digest as the README defines it, from the MD5s given, in byte order of the paths. */
function digestByHand(md5s: Record<string, string>): string {
  const lines = Object.keys(md5s)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map((path) => `${md5s[path]}  ${path}\n`)
  return createHash('sha256').update(lines.join('')).digest('hex')
}
const pick = (files: Record<string, Buffer>, keys: string[]): Record<string, string> =>
  Object.fromEntries(keys.map((key) => [key, md5(files[key])]))

let standin: Standin
let service: CacheService

beforeAll(async () => {
  standin = await startStandin({ token: TOKEN })
  standin.addVersion({ repo: REPO, name: 'llm', version: 'v1.0.0', stages: ['prod'], files: LLM })
  standin.addVersion({ repo: REPO, name: 'legacy', version: 'v1.0.0', layout: 'dvc2', files: LEGACY })
  standin.addVersion({ repo: REPO, name: 'plain', version: 'v1.0.0', layout: 'plain', files: PLAIN })
  service = await startCacheService()
})
afterAll(async () => {
  await standin?.stop()
  await service?.stop()
})

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return { name: 'llm', repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl, ...extra }
}

/** The storage paths requested while `work` ran. */
async function storagePaths<T>(work: () => Promise<T>): Promise<{ value: T; paths: string[] }> {
  const before = standin.storageRequests.length
  const value = await work()
  return { value, paths: standin.storageRequests.slice(before).map((r) => r.url.split('?')[0]) }
}

function allFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]
  )
}

const annotations = (run: ActionRun, kind: string): string[] =>
  run.stdout.split('\n').filter((line) => line.startsWith(`::${kind}::`))

test('a selection: exactly the selected files requested, written, cached and reported ("3 of 7 files")', async () => {
  const { value: run, paths } = await storagePaths(() =>
    runAction({ inputs: inputs({ stage: 'prod', include: INCLUDE, exclude: EXCLUDE }) })
  )
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(annotations(run, 'warning')).toEqual([])
  // Storage was asked for the three files, once each, and for nothing else.
  expect(paths.sort()).toEqual(SELECTED.map((key) => standin.pathOf(key)).sort())
  const ws = run.runner.workspace
  expect(allFiles(ws).sort()).toEqual(SELECTED)
  for (const key of SELECTED) expect(readFileSync(join(ws, key)).equals(LLM[key])).toBe(true)
  // The tool cache keeps the selected files only.
  expect(toolCacheMd5s(run.runner.toolCache)).toEqual(SELECTED.map((key) => md5(LLM[key])).sort())

  expect(JSON.parse(run.outputs.paths)).toEqual(SELECTED.map((key) => join(ws, key)))
  expect(JSON.parse(run.outputs.files)).toEqual(Object.fromEntries(SELECTED.map((key) => [key, join(ws, key)])))
  expect(run.outputs.digest).toBe(digestByHand(pick(LLM, SELECTED)))
  expect(run.outputs['cache-hit']).toBe('false')

  expect(run.stdout).toMatch(
    /^Fetched llm, stage prod: 3 of 7 files, \S+ KiB in .*: 3 downloaded, 0 from the tool cache\.$/m
  )
  expect(run.summary.split('\n')[0]).toMatch(/^<p>✅ Fetched 3 of 7 files, /)
  expect(run.summary).toContain(
    '<p>Selected by include <code>**/*.safetensors</code>, <code>**/*.json</code>; exclude <code>llm/checkpoints/**</code>.</p>'
  )
  expect(run.summary).toContain(`<p>Digest <code>${run.outputs.digest}</code> (output <code>digest</code>).</p>`)
  for (const key of SELECTED) expect(run.summary).toContain(`<code>${key}</code>`)
  expect(run.summary).not.toContain('step-1000')
  expect(run.summary).toContain('<strong>total: 3 files</strong>')
})

test('dot files: ** reaches them; an exclude of a folder and a type leaves the rest', async () => {
  const run = await runAction({ inputs: inputs({ exclude: 'llm/checkpoints/\n**/*.onnx' }) })
  expect(run.code).toBe(0)
  const kept = ['llm/.gitattributes', 'llm/config.json', 'llm/model.safetensors', 'llm/tokenizer.json']
  expect(allFiles(run.runner.workspace).sort()).toEqual(kept)
  expect(run.stdout).toMatch(/^Fetched llm, latest version: 4 of 7 files, /m)
  expect(run.outputs.digest).toBe(digestByHand(pick(LLM, kept)))
})

test('a pattern that matches no file: one warning naming it, and the rest is fetched', async () => {
  const run = await runAction({ inputs: inputs({ include: 'llm/config.json\n*.json', exclude: 'llm/optimizer/**' }) })
  expect(run.code).toBe(0)
  expect(annotations(run, 'warning')).toEqual([
    "::warning::Pattern '*.json' of input 'include' matches none of the model's 7 files.",
    "::warning::Pattern 'llm/optimizer/**' of input 'exclude' matches none of the model's 7 files."
  ])
  expect(allFiles(run.runner.workspace)).toEqual(['llm/config.json'])
})

test('a selection of nothing: exit 1 before any storage request, naming the patterns and some paths', async () => {
  const studioBefore = standin.studioRequests.length
  const { value: run, paths } = await storagePaths(() => runAction({ inputs: inputs({ include: '*.safetensors' }) }))
  expect(run.code).toBe(1)
  expect(paths).toEqual([])
  expect(standin.studioRequests.length).toBe(studioBefore + 1)
  const errors = annotations(run, 'error')
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(
    /^::error::Input 'include' \('\*\.safetensors'\) selects none of the model's 7 files, so there is nothing to fetch\. Pattern '\*\.safetensors' matches no file at all\. It holds 'llm\/model\.safetensors', 'llm\/model\.onnx', 'llm\/config\.json', 'llm\/tokenizer\.json', 'llm\/\.gitattributes', and 2 more\. Patterns match/
  )
  expect(run.stdout).not.toMatch(/\n\s+at /)
  expect(allFiles(run.runner.workspace)).toEqual([])
  expect(allFiles(run.runner.toolCache)).toEqual([])
  expect(run.outputs.paths).toBeUndefined()
})

test('download: false is a plan: no storage request, no file, no cache touched; the outputs as a download sets them', async () => {
  const before = service.requests.length
  const { value: run, paths } = await storagePaths(() =>
    runAction({
      inputs: inputs({ name: '', ref: 'refs/tags/llm@v1.0.0', include: INCLUDE, exclude: EXCLUDE, download: 'false' }),
      env: service.env()
    })
  )
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(paths).toEqual([])
  expect(service.requests.length).toBe(before)
  expect(allFiles(run.runner.workspace)).toEqual([])
  expect(allFiles(run.runner.toolCache)).toEqual([])
  expect(allFiles(run.runner.temp)).toEqual([])
  // Nothing for the post step to do.
  expect(Object.keys(run.state)).toEqual(['isPost'])

  const ws = run.runner.workspace
  expect(run.outputs).toEqual({
    name: 'llm',
    version: 'v1.0.0',
    stage: '',
    event: 'registration',
    path: ws,
    paths: JSON.stringify(SELECTED.map((key) => join(ws, key))),
    files: expect.any(String),
    digest: digestByHand(pick(LLM, SELECTED))
  })
  expect(JSON.parse(run.outputs.files)).toEqual(Object.fromEntries(SELECTED.map((key) => [key, join(ws, key)])))
  expect(run.stdout).toContain('::group::Listing the files of llm v1.0.0 from')
  expect(run.stdout).toMatch(
    new RegExp(
      `^Planned llm, version v1\\.0\\.0: 3 of 7 files, digest ${run.outputs.digest}\\. Nothing was downloaded \\('download: false'\\)\\.$`,
      'm'
    )
  )
  expect(run.summary.split('\n')[0]).toBe(
    '<p>📋 Plan only (<code>download: false</code>): 3 of 7 files would be fetched; nothing was downloaded.</p>'
  )
  expect(run.summary).toContain('<h3>llm, version v1.0.0</h3>')
  for (const key of SELECTED)
    expect(run.summary).toContain(`<tr><td><code>${key}</code></td><td><code>${md5(LLM[key])}</code></td></tr>`)
  expect(run.summary).not.toContain('✅')
})

test('the digest: computed by hand, the same with download: false as after a download, for every layout', async () => {
  const cases = [
    { name: 'llm', md5s: pick(LLM, Object.keys(LLM)) },
    // DVC 2: the address of a text file is its MD5 after CRLF -> LF, in both modes.
    {
      name: 'legacy',
      md5s: { 'old/notes.txt': md5(Buffer.from('one\ntwo\n')), 'old/w.bin': md5(LEGACY['old/w.bin']) }
    }
  ]
  for (const { name, md5s } of cases) {
    const plan = await runAction({ inputs: inputs({ name, download: 'false' }) })
    const fetched = await runAction({ inputs: inputs({ name }) })
    expect([plan.code, fetched.code]).toEqual([0, 0])
    expect(plan.outputs.digest).toBe(digestByHand(md5s))
    expect(fetched.outputs.digest).toBe(plan.outputs.digest)
    // The same files, at the same places in each run's workspace.
    const placed = (run: ActionRun) => JSON.parse(run.outputs.files.replaceAll(run.runner.workspace, '<ws>'))
    expect(placed(plan)).toEqual(placed(fetched))
    expect(Object.keys(placed(plan)).sort()).toEqual(Object.keys(md5s).sort())
  }
})

test('URLs without a content address: the plan leaves the digest empty with one notice; a download uses the MD5 of the bytes', async () => {
  const plan = await runAction({ inputs: inputs({ name: 'plain', version: 'v1.0.0', download: 'false' }) })
  expect(plan.code).toBe(0)
  expect(plan.outputs.digest).toBe('')
  expect(annotations(plan, 'notice')).toEqual([
    "::notice::Output 'digest' is empty: 2 files (such as 'plain/a.bin') have URLs with no DVC content address, so their MD5 is known only once downloaded. With 'download: true' the digest uses the MD5 of the bytes."
  ])
  expect(plan.summary).toContain('<em>none in its URL</em>')
  const fetched = await runAction({ inputs: inputs({ name: 'plain', version: 'v1.0.0' }) })
  expect(fetched.outputs.digest).toBe(digestByHand(pick(PLAIN, Object.keys(PLAIN))))
})

test("the Actions cache key is the selection's: saved with the selected files, restored by the next job", async () => {
  const runner = makeRunner()
  const selection = { include: INCLUDE, exclude: EXCLUDE }
  const first = await runJob({ inputs: inputs({ version: 'v1.0.0', ...selection }), env: service.env(), runner })
  expect(first.main.code).toBe(0)
  const key = actionsCacheKey(
    'Linux',
    'llm',
    SELECTED.map((file) => md5(LLM[file]))
  ).key
  expect(first.main.outputs['cache-key']).toBe(key)
  expect(key).not.toBe(actionsCacheKey('Linux', 'llm', Object.values(LLM).map(md5)).key)
  expect(first.post!.stdout).toContain(`Actions cache: saved ${key} in`)
  expect([...service.entries.values()].filter((e) => e.finalized).map((e) => e.key)).toContain(key)

  // The next job on a fresh runner: the three files from the Actions cache, storage untouched.
  const { value: second, paths } = await storagePaths(() =>
    runAction({ inputs: inputs({ version: 'v1.0.0', ...selection }), env: service.env(), runner: freshRunner(runner) })
  )
  expect(second.code).toBe(0)
  expect(paths).toEqual([])
  expect(second.outputs['cache-hit']).toBe('true')
  expect(second.stdout).toContain(`Actions cache: restored 3 files from ${key} in`)
  expect(allFiles(second.runner.workspace).sort()).toEqual(SELECTED)
  expect(second.outputs.digest).toBe(first.main.outputs.digest)
})
