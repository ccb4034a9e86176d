// Part of a model and its content identity, as modules: which files `include` and `exclude`
// select, what the inputs accept, how the digest is computed, and how the report counts.
// The bundled action doing the same end to end: part-and-plan.test.ts.
import { createHash } from 'node:crypto'
import { readInputs } from '../src/action/inputs.js'
import { planHtml } from '../src/action/plan-report.js'
import { countFiles, fetchedDigest, summaryHtml, SUMMARY_MAX_BYTES } from '../src/action/report.js'
import type { FetchedFile } from '../src/caches/cached-copy.js'
import { ActionError } from '../src/common/errors.js'
import { digestOfUrls, modelDigest } from '../src/files/model-digest.js'
import { normalizePattern, selectFiles, type FilePatterns } from '../src/registry/selection.js'
import { clearActionEnv, setInputs } from '../test-support/action-env.mjs'
import { captureStdout, holdStdout } from '../test-support/stdout.mjs'

const md5Of = (text: string): string => createHash('md5').update(text).digest('hex')
/** A signed URL of a DVC 3 remote naming `md5`, as Studio hands it out. */
const urlOf = (md5: string): string =>
  `https://bucket.s3.amazonaws.com/remote/files/md5/${md5.slice(0, 2)}/${md5.slice(2)}?X-Amz-Signature=abc`

/** An LLM folder: two formats of the weights, tokenizer files, a dot file, checkpoints. */
const MODEL = Object.fromEntries(
  [
    'llm/model.safetensors',
    'llm/model.onnx',
    'llm/config.json',
    'llm/tokenizer/vocab.json',
    'llm/tokenizer/merges.txt',
    'llm/.gitattributes',
    'llm/checkpoints/step-1000/model.safetensors',
    'llm/checkpoints/step-2000/model.safetensors'
  ].map((path) => [path, urlOf(md5Of(path))])
)

/** The paths selected, and what selectFiles printed. */
async function select(patterns: Partial<FilePatterns>, uris: Record<string, string> = MODEL) {
  const { result, printed } = await captureStdout(() =>
    selectFiles(uris, { include: patterns.include ?? [], exclude: patterns.exclude ?? [] })
  )
  return {
    paths: Object.keys(result.uris),
    selection: result,
    printed,
    warnings: printed.match(/^::warning::.*$/gm) ?? []
  }
}

describe('selectFiles', () => {
  test('no pattern: every file, with its URL, and nothing printed', async () => {
    const { selection, printed } = await select({})
    expect(selection.uris).toEqual(MODEL)
    expect(selection.total).toBe(8)
    expect(printed).toBe('')
  })

  test('one pattern: the whole path must match; * stays within a folder, ** crosses folders', async () => {
    expect((await select({ include: ['llm/*.json'] })).paths).toEqual(['llm/config.json'])
    expect((await select({ include: ['llm/**/*.json'] })).paths).toEqual([
      'llm/config.json',
      'llm/tokenizer/vocab.json'
    ])
    expect((await select({ include: ['**/model.safetensors'] })).paths).toEqual([
      'llm/model.safetensors',
      'llm/checkpoints/step-1000/model.safetensors',
      'llm/checkpoints/step-2000/model.safetensors'
    ])
  })

  test('several patterns: a file matching any of them, in Studio order, with its own URL', async () => {
    const { selection, warnings, printed } = await select({ include: ['llm/model.safetensors', 'llm/tokenizer/**'] })
    expect(selection.uris).toEqual({
      'llm/model.safetensors': MODEL['llm/model.safetensors'],
      'llm/tokenizer/vocab.json': MODEL['llm/tokenizer/vocab.json'],
      'llm/tokenizer/merges.txt': MODEL['llm/tokenizer/merges.txt']
    })
    expect(selection).toMatchObject({ total: 8, include: ['llm/model.safetensors', 'llm/tokenizer/**'], exclude: [] })
    expect(warnings).toEqual([])
    expect(printed).toBe("Selected 3 of the model's 8 files with inputs 'include' and 'exclude'.\n")
  })

  test('include with exclude: matched by an include pattern and by no exclude pattern', async () => {
    const { paths } = await select({ include: ['**/*.safetensors', '**/*.json'], exclude: ['**/vocab.json'] })
    expect(paths).toEqual([
      'llm/model.safetensors',
      'llm/config.json',
      'llm/checkpoints/step-1000/model.safetensors',
      'llm/checkpoints/step-2000/model.safetensors'
    ])
  })

  test('a folder excluded, with folder/** or folder/', async () => {
    const expected = [
      'llm/model.safetensors',
      'llm/model.onnx',
      'llm/config.json',
      'llm/tokenizer/vocab.json',
      'llm/tokenizer/merges.txt',
      'llm/.gitattributes'
    ]
    expect((await select({ exclude: ['llm/checkpoints/**'] })).paths).toEqual(expected)
    expect((await select({ exclude: ['llm/checkpoints/'] })).paths).toEqual(expected)
    expect((await select({ exclude: ['**/checkpoints/**', '*.onnx'] })).paths).toEqual(expected)
  })

  test('dot files: ** and * match them (dot: true)', async () => {
    expect((await select({ include: ['**'] })).paths).toContain('llm/.gitattributes')
    expect((await select({ include: ['llm/*'] })).paths).toContain('llm/.gitattributes')
    const dotFolder = {
      '.dvc/config': urlOf(md5Of('a')),
      'm/.cache/x.bin': urlOf(md5Of('b')),
      'm/y.bin': urlOf(md5Of('c'))
    }
    expect((await select({ include: ['**/*.bin'] }, dotFolder)).paths).toEqual(['m/.cache/x.bin', 'm/y.bin'])
    expect((await select({ exclude: ['**/.*/**'] }, dotFolder)).paths).toEqual(['m/y.bin'])
  })

  test("a leading / or ./ changes nothing; a trailing / is the folder's files", () => {
    expect(normalizePattern('/llm/*.json')).toBe('llm/*.json')
    expect(normalizePattern('./llm/*.json')).toBe('llm/*.json')
    expect(normalizePattern('llm/tokenizer/')).toBe('llm/tokenizer/**')
    expect(normalizePattern('**/*.bin')).toBe('**/*.bin')
  })

  test('braces and classes alternate; case counts', async () => {
    expect((await select({ include: ['llm/model.{onnx,safetensors}'] })).paths).toEqual([
      'llm/model.safetensors',
      'llm/model.onnx'
    ])
    expect((await select({ include: ['llm/[cm]o*.json'] })).paths).toEqual(['llm/config.json'])
    const { paths, warnings } = await select({ include: ['LLM/**', 'llm/config.json'] })
    expect(paths).toEqual(['llm/config.json'])
    expect(warnings).toHaveLength(1)
  })

  test('a pattern that matches no file: one warning naming it, with a hint for a folder name', async () => {
    const { paths, warnings } = await select({
      include: ['llm/model.safetensors', '*.safetensors', 'llm/tokenizer'],
      exclude: ['llm/optimizer/**']
    })
    expect(paths).toEqual(['llm/model.safetensors'])
    expect(warnings).toEqual([
      "::warning::Pattern '*.safetensors' of input 'include' matches none of the model's 8 files.",
      "::warning::Pattern 'llm/tokenizer' of input 'include' matches none of the model's 8 files ('llm/tokenizer' is a folder: write 'llm/tokenizer/**' for its files).",
      "::warning::Pattern 'llm/optimizer/**' of input 'exclude' matches none of the model's 8 files."
    ])
  })

  test("a Windows separator in a pattern escapes: the warning says paths use '/'", async () => {
    const { paths, warnings } = await select({ include: ['llm\\config.json', 'llm/model.onnx'] })
    expect(paths).toEqual(['llm/model.onnx'])
    expect(warnings).toEqual([
      "::warning::Pattern 'llm\\config.json' of input 'include' matches none of the model's 8 files (paths use '/': a '\\' in a pattern escapes the character after it)."
    ])
  })

  test('an exclude pattern that matches only files no include selects is no warning', async () => {
    const { paths, warnings } = await select({ include: ['llm/*.onnx'], exclude: ['llm/checkpoints/**'] })
    expect(paths).toEqual(['llm/model.onnx'])
    expect(warnings).toEqual([])
  })

  test('a selection of nothing: an input error naming the patterns and showing the first paths', async () => {
    const held = holdStdout()
    let error: unknown
    try {
      await selectFiles(MODEL, { include: ['*.safetensors'], exclude: [] })
    } catch (e) {
      error = e
    } finally {
      held.stop()
    }
    expect(error).toBeInstanceOf(ActionError)
    expect((error as Error).message).toBe(
      "Input 'include' ('*.safetensors') selects none of the model's 8 files, so there is nothing to fetch. Pattern '*.safetensors' matches no file at all. It holds 'llm/model.safetensors', 'llm/model.onnx', 'llm/config.json', 'llm/tokenizer/vocab.json', 'llm/tokenizer/merges.txt', and 3 more. Patterns match these repo-relative paths as a whole: '*' stays within a folder and '**' crosses folders, so write 'models/**/*.onnx' or '**/*.onnx' rather than '*.onnx' for a file in a folder."
    )
    // The error says it all: no warning besides it.
    expect(held.text).toBe('')
    await expect(
      selectFiles({ 'a/x.bin': urlOf(md5Of('x')) }, { include: ['a/**'], exclude: ['**/*.bin'] })
    ).rejects.toThrow(
      /^Inputs 'include' \('a\/\*\*'\) and 'exclude' \('\*\*\/\*\.bin'\) select none of the model's 1 file, so there is nothing to fetch\. It holds 'a\/x\.bin'\. /
    )
  })
})

describe('the inputs', () => {
  let restoreEnv: () => void
  beforeEach(() => {
    restoreEnv = clearActionEnv()
    process.env.GITHUB_REPOSITORY = 'acme/models'
  })
  afterEach(() => restoreEnv())

  test('one pattern a line: spaces, blank lines, # comments and repeats left out; download defaults to true', () => {
    setInputs({
      name: 'llm',
      include: '  llm/*.json \n\n# the weights\nllm/model.safetensors\r\nllm/*.json\n',
      exclude: ''
    })
    expect(readInputs('t')).toMatchObject({
      selection: { include: ['llm/*.json', 'llm/model.safetensors'], exclude: [] },
      download: true
    })
    setInputs({ download: 'false', exclude: 'llm/checkpoints/**' })
    expect(readInputs('t')).toMatchObject({ selection: { exclude: ['llm/checkpoints/**'] }, download: false })
    setInputs({ download: 'no' })
    expect(() => readInputs('t')).toThrow("Input 'download' must be true or false, not 'no'.")
  })

  test('a pattern starting with ! is refused before any request, saying to use exclude', () => {
    setInputs({ name: 'llm', include: 'llm/**\n!llm/checkpoints/**' })
    expect(() => readInputs('t')).toThrow(
      "Input 'include' has the pattern '!llm/checkpoints/**', but patterns are not negated with '!': a file is fetched when it matches an 'include' pattern (any file when there is none) and no 'exclude' pattern, so list what to fetch in 'include' and what to leave out in 'exclude'."
    )
  })
})

describe('the digest', () => {
  test('sha256 of "<md5>  <path>\\n" lines sorted by path, as md5sum writes them', () => {
    const a = md5Of('a')
    const b = md5Of('b')
    const byHand = createHash('sha256').update(`${b}  m/a.bin\n${a}  m/b.bin\n`).digest('hex')
    expect(
      modelDigest([
        { path: 'm/b.bin', md5: a },
        { path: 'm/a.bin', md5: b }
      ])
    ).toBe(byHand)
    expect(
      modelDigest([
        { path: 'm/a.bin', md5: b },
        { path: 'm/b.bin', md5: a }
      ])
    ).toBe(byHand)
    // Content moved to another path is another model.
    expect(
      modelDigest([
        { path: 'm/a.bin', md5: a },
        { path: 'm/b.bin', md5: b }
      ])
    ).not.toBe(byHand)
  })

  test('paths sort in byte order (LC_ALL=C sort), not by UTF-16 code unit', () => {
    // U+FF5E sorts before U+1F600 in UTF-16 (a surrogate pair, 0xD83D...), after it in UTF-8.
    const wide = 'm/\uff5e.bin'
    const emoji = 'm/\u{1f600}.bin'
    const md5 = md5Of('x')
    const byHand = createHash('sha256').update(`${md5}  ${wide}\n${md5}  ${emoji}\n`).digest('hex')
    expect(
      modelDigest([
        { path: emoji, md5 },
        { path: wide, md5 }
      ])
    ).toBe(byHand)
  })

  test('from the URLs alone: the content addresses; empty when a URL has none', () => {
    const a = md5Of('a')
    const dvc2 = `https://h/remote/${a.slice(0, 2)}/${a.slice(2)}?sig=x`
    const byHand = createHash('sha256').update(`${a}  m/a.bin\n${a}  m/b.bin\n`).digest('hex')
    expect(digestOfUrls({ 'm/b.bin': urlOf(a), 'm/a.bin': dvc2 })).toEqual({ digest: byHand, unaddressed: [] })
    expect(digestOfUrls({ 'm/a.bin': urlOf(a), 'm/p.txt': 'https://h/plain/p.txt?sig=x' })).toEqual({
      digest: '',
      unaddressed: ['m/p.txt']
    })
  })

  test('after a download: the content address (DVC 2 text: not the raw MD5), else the MD5 of the bytes', () => {
    const file = (key: string, md5: string, address?: string): FetchedFile => ({
      key,
      target: `/ws/${key}`,
      size: 1,
      md5,
      address: address ? { md5: address, layout: 'dvc2' } : undefined,
      verified: true,
      source: 'download',
      durationMs: 1
    })
    const [raw, unix, plain] = [md5Of('raw'), md5Of('unix'), md5Of('plain')]
    expect(fetchedDigest([file('t.txt', raw, unix), file('p.bin', plain)])).toBe(
      createHash('sha256').update(`${plain}  p.bin\n${unix}  t.txt\n`).digest('hex')
    )
  })
})

test('the count says "3 of 7 files" when patterns selected them', () => {
  const selection = (include: string[]) => ({ uris: {}, total: 7, include, exclude: [] })
  expect(countFiles(3)).toBe('3 files')
  expect(countFiles(1)).toBe('1 file')
  expect(countFiles(3, selection(['**/*.json']))).toBe('3 of 7 files')
  expect(countFiles(1, selection(['a']))).toBe('1 of 7 files')
  expect(countFiles(7, selection([]))).toBe('7 files')
  expect(countFiles(1, { uris: {}, total: 1, include: ['a'], exclude: [] })).toBe('1 of 1 file')
})

test("a plan's summary: what would be fetched, by path, each with its address, bounded whatever the model", () => {
  const model = { repo: 'https://github.com/acme/models', name: 'llm', stage: 'prod', resolvedVersion: 'v2.0.0' }
  const small = {
    uris: { 'b/<x>.bin': urlOf(md5Of('b')), 'a.bin': 'https://h/plain/a.bin?sig=x' },
    total: 5,
    include: ['**/*.bin'],
    exclude: []
  }
  expect(planHtml('/ws', model, small, '')).toBe(
    [
      '<p>📋 Plan only (<code>download: false</code>): 2 of 5 files would be fetched; nothing was downloaded.</p>',
      '<h3>llm, stage prod (v2.0.0)</h3>',
      '<p>From <a href="https://github.com/acme/models">https://github.com/acme/models</a>, into <code>/ws</code>.</p>',
      '<p>Selected by include <code>**/*.bin</code>.</p>',
      `<table><tr><th>File</th><th>MD5 (DVC content address)</th></tr><tr><td><code>a.bin</code></td><td><em>none in its URL</em></td></tr><tr><td><code>b/&#60;x&#62;.bin</code></td><td><code>${md5Of('b')}</code></td></tr></table>`
    ].join('\n') + '\n'
  )
  const many = Object.fromEntries(
    Array.from({ length: 5000 }, (_, i) => [
      `shards/${'x'.repeat(150)}-${String(i).padStart(4, '0')}.bin`,
      urlOf(md5Of(String(i)))
    ])
  )
  const html = planHtml('/ws', model, { uris: many, total: 5000, include: [], exclude: [] }, 'f'.repeat(64))
  expect(Buffer.byteLength(html)).toBeLessThan(SUMMARY_MAX_BYTES)
  expect(html).toContain('<p>Digest <code>ffff')
  const shown = html.match(/<tr><td><code>shards\//g)!.length
  expect(shown).toBeLessThanOrEqual(100)
  expect(html).toContain(`<tr><td><em>and ${5000 - shown} more files</em></td><td></td></tr></table>`)
})

test('the summary names at most 20 patterns of each input, each shortened', () => {
  const include = Array.from({ length: 25 }, (_, i) => `shard-${i}/**`)
  const html = summaryHtml('/ws', { repo: 'r', name: 'llm' }, [], 1, {
    uris: {},
    total: 30,
    include,
    exclude: [`${'x'.repeat(300)}/**`]
  })
  const line = html.split('\n').find((l) => l.startsWith('<p>Selected by'))!
  expect(line.match(/<code>shard-/g)).toHaveLength(20)
  expect(line).toContain('<code>shard-19/**</code> and 5 more; exclude <code>xxx')
  expect(line.length).toBeLessThan(1000)
})
