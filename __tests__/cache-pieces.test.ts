// The Actions cache's parts on their own: key derivation, the switch, sizes, the muting of
// @actions/cache's own warnings, and verified copies out of a cache.
import * as core from '@actions/core'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actionsCacheKey, actionsCacheWanted, modelSlug } from '../src/caches/actions-cache.js'
import { muteCacheLog, TIMED_OUT, withDeadline } from '../src/caches/actions-cache-log.js'
import { cacheChain, copyVerified, type CachedFile } from '../src/caches/cached-copy.js'
import { fromCache } from '../src/fetch/from-cache.js'
import { parseSize } from '../src/action/inputs.js'
import { dvcMd5 } from '../test-support/standin.mjs'
import { captureStdout, holdStdout } from '../test-support/stdout.mjs'

/** The warnings in what the code printed (core.warning writes `::warning::...` to stdout). */
const warningsIn = (printed: string): string[] => printed.split('\n').filter((l) => l.startsWith('::warning::'))

const A = 'a'.repeat(32)
const B = 'b'.repeat(32)

test('the key hashes the sorted, de-duplicated MD5s; the restore key is the key without the hash', () => {
  const { key, restorePrefix } = actionsCacheKey('Linux', 'path/to:churn', [B, A, B])
  const hash = createHash('sha256').update(`${A}\n${B}`).digest('hex')
  expect(key).toBe(`dvc-model-v1-Linux-path-to-churn-${hash}`)
  expect(restorePrefix).toBe('dvc-model-v1-Linux-path-to-churn-')
  expect(actionsCacheKey('Linux', 'path/to:churn', [A, B]).key).toBe(key)
  expect(actionsCacheKey('Linux', 'path/to:churn', [A]).key).not.toBe(key)
  expect(actionsCacheKey('macOS', 'path/to:churn', [A, B]).key).not.toBe(key)
})

test('model names become slugs with no comma (the service refuses them) and a bounded length', () => {
  expect(modelSlug('Churn Model,v2')).toBe('churn-model-v2')
  expect(modelSlug('../x')).toBe('x')
  expect(modelSlug('!!!')).toBe('model')
  expect(modelSlug('m'.repeat(600))).toHaveLength(100)
})

test("'auto' is on only on GitHub-hosted runners that provide the service; 'true' warns when it is missing", async () => {
  const hosted = {
    RUNNER_ENVIRONMENT: 'github-hosted',
    ACTIONS_RESULTS_URL: 'http://results/',
    ACTIONS_RUNTIME_TOKEN: 't',
    RUNNER_TEMP: '/tmp'
  }
  expect(actionsCacheWanted('auto', true, hosted)).toBe(true)
  expect(actionsCacheWanted('auto', true, { ...hosted, ACTIONS_RESULTS_URL: '', ACTIONS_CACHE_URL: 'http://c/' })).toBe(
    true
  )
  expect(actionsCacheWanted('auto', true, { ...hosted, RUNNER_ENVIRONMENT: 'self-hosted' })).toBe(false)
  expect(actionsCacheWanted('auto', false, hosted)).toBe(false)
  expect(actionsCacheWanted('false', true, hosted)).toBe(false)
  expect(actionsCacheWanted('true', true, { ...hosted, RUNNER_ENVIRONMENT: 'self-hosted' })).toBe(true)
  const missing = await captureStdout(() =>
    actionsCacheWanted('true', true, { ...hosted, ACTIONS_RUNTIME_TOKEN: undefined })
  )
  expect(missing.result).toBe(false)
  expect(warningsIn(missing.printed)).toHaveLength(1)
})

test('sizes: binary units, plain bytes; anything else is refused', () => {
  expect(parseSize('5GB')).toBe(5 * 2 ** 30)
  expect(parseSize('750mb')).toBe(750 * 2 ** 20)
  expect(parseSize('1.5GiB')).toBe(1.5 * 2 ** 30)
  expect(parseSize('1000')).toBe(1000)
  expect(parseSize('5 GB')).toBe(5 * 2 ** 30)
  expect(parseSize('five')).toBeUndefined()
  expect(parseSize('-1GB')).toBeUndefined()
})

test("the library's warnings and errors become debug lines and are handed back; others pass", async () => {
  const stdout = holdStdout()
  try {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const outcome = muteCacheLog(async () => {
      core.warning('Failed to restore: boom\nsecond line')
      await gate
      core.error('Failed to save: 503')
      core.debug('Failed to reserve cache: told only here')
      // Its plain lines, and a tool's output written as bytes, become debug lines too.
      core.info('Cache hit for: dvc-model-v1-Linux-churn-0123')
      process.stdout.write(Buffer.from('tar: 100% done\nsecond\n'))
      return 7
    })
    // The action's own lines, printed while the library's work is under way, are kept.
    core.warning('our own warning')
    core.info('our own line')
    release()
    expect(await outcome).toEqual({
      value: 7,
      problems: ['Failed to restore: boom', 'Failed to save: 503'],
      debug: ['Failed to reserve cache: told only here']
    })
    const failing = await muteCacheLog(() => Promise.reject(new Error('thrown')))
    expect((failing.error as Error).message).toBe('thrown')
  } finally {
    stdout.stop()
  }
  const lines = stdout.text.split('\n').filter(Boolean)
  expect(lines.filter((l) => !l.startsWith('::debug::'))).toEqual(['::warning::our own warning', 'our own line'])
  // One for each of the library's five writes; the bytes it wrote held two lines.
  expect(lines.filter((l) => l.startsWith('::debug::'))).toHaveLength(6)
  expect(lines).toContain('::debug::Cache hit for: dvc-model-v1-Linux-churn-0123')
  expect(stdout.text).toContain('\n::debug::tar: 100%25 done\n::debug::second\n')
})

test('muting works again after something else took over stdout (a later hold, another wrapper)', async () => {
  const first = holdStdout()
  await muteCacheLog(async () => core.warning('Failed to restore: first'))
  first.stop()
  const second = holdStdout()
  try {
    const outcome = await muteCacheLog(async () => core.warning('Failed to restore: second'))
    expect(outcome.problems).toEqual(['Failed to restore: second'])
  } finally {
    second.stop()
  }
  expect(second.text).toContain('::debug::Failed to restore: second')
  expect(second.text).not.toContain('::warning::')
})

test('a deadline gives up on a promise that does not settle', async () => {
  expect(await withDeadline(new Promise(() => undefined), 10)).toBe(TIMED_OUT)
  expect(await withDeadline(Promise.resolve(3), 10_000)).toBe(3)
})

describe('verified copies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cached-copy-'))
  const good = Buffer.from('model bytes '.repeat(100_000))
  const address = { md5: createHash('md5').update(good).digest('hex'), layout: 'dvc3' as const }

  test('bytes are hashed while copied; DVC 2 text files match their CRLF-to-LF hash', async () => {
    writeFileSync(join(dir, 'good'), good)
    expect(await copyVerified(join(dir, 'good'), join(dir, 'out'), address)).toMatchObject({
      size: good.length,
      matches: true
    })
    expect(readFileSync(join(dir, 'out')).equals(good)).toBe(true)
    const text = Buffer.from('a\r\nb\r\n'.repeat(1000))
    writeFileSync(join(dir, 'text'), text)
    const dvc2 = { md5: dvcMd5(text, 'dvc2'), layout: 'dvc2' as const }
    expect((await copyVerified(join(dir, 'text'), join(dir, 'out2'), dvc2)).matches).toBe(true)
  })

  test('a copy that does not match is discarded with one warning, and the next cache is tried', async () => {
    writeFileSync(join(dir, 'bad'), 'planted')
    writeFileSync(join(dir, 'good'), good)
    const discarded: string[] = []
    const cached = (file: string, source: CachedFile['source']): { entry: () => CachedFile } => ({
      entry: () => ({ file, source, discard: async () => void discarded.push(file) })
    })
    const chain = cacheChain(
      cached(join(dir, 'bad'), 'tool-cache'),
      undefined,
      cached(join(dir, 'good'), 'actions-cache')
    )
    const first = await captureStdout(() => fromCache(chain, 'm/w.bin', address, join(dir, 'target')))
    expect(first.result).toMatchObject({ source: 'actions-cache', size: good.length })
    expect(readFileSync(join(dir, 'target')).equals(good)).toBe(true)
    expect(discarded).toEqual([join(dir, 'bad')])
    expect(warningsIn(first.printed)).toHaveLength(1)
    expect(warningsIn(first.printed)[0]).toContain('m/w.bin: the copy in the tool cache does not match its MD5')

    // Nothing good anywhere: no hit, and no partial target left for the download.
    const onlyBad = cacheChain(cached(join(dir, 'bad'), 'tool-cache'))
    const none = await captureStdout(() => fromCache(onlyBad, 'm/w.bin', address, join(dir, 'target2')))
    expect(none.result).toBeUndefined()
    expect(existsSync(join(dir, 'target2'))).toBe(false)
    // An unreadable cache file is one warning too, not a failure.
    const gone = cacheChain(cached(join(dir, 'missing'), 'actions-cache'))
    const unreadable = await captureStdout(() => fromCache(gone, 'm/w.bin', address, join(dir, 'target3')))
    expect(unreadable.result).toBeUndefined()
    expect(warningsIn(unreadable.printed)).toHaveLength(1)
  })
})
