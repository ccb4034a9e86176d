import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { arch, tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tc from '@actions/tool-cache'
import { CACHE_TOOL_NAME, ModelCache, cacheVersion } from '../src/caches/tool-cache.js'

function setup(): { root: string; cache: ModelCache; file: string; md5: string; bytes: Buffer } {
  const root = mkdtempSync(join(tmpdir(), 'tool-cache-'))
  process.env.RUNNER_TOOL_CACHE = root
  const bytes = Buffer.from('model bytes '.repeat(1000))
  const file = join(mkdtempSync(join(tmpdir(), 'src-')), 'model.bin')
  writeFileSync(file, bytes)
  return {
    root,
    cache: new ModelCache(true, { RUNNER_TOOL_CACHE: root }),
    file,
    md5: createHash('md5').update(bytes).digest('hex'),
    bytes
  }
}

test("entries use tool-cache's layout: tc.find sees them, and nothing private is left", async () => {
  const { root, cache, file, md5, bytes } = setup()
  expect(cache.find(md5)).toBeUndefined()
  await cache.store(file, md5)
  const found = tc.find(CACHE_TOOL_NAME, cacheVersion(md5))
  expect(found).toBe(join(root, CACHE_TOOL_NAME, cacheVersion(md5), arch()))
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)
  expect(readdirSync(join(root, CACHE_TOOL_NAME, cacheVersion(md5))).sort()).toEqual([arch(), `${arch()}.complete`])
})

test('find agrees with tc.find: it sees an entry tool-cache wrote, and none without its marker', async () => {
  const { root, cache, file, md5, bytes } = setup()
  await tc.cacheFile(file, 'content', CACHE_TOOL_NAME, cacheVersion(md5))
  expect(cache.find(md5)).toBe(join(tc.find(CACHE_TOOL_NAME, cacheVersion(md5)), 'content'))
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)
  rmSync(`${join(root, CACHE_TOOL_NAME, cacheVersion(md5), arch())}.complete`)
  expect(tc.find(CACHE_TOOL_NAME, cacheVersion(md5))).toBe('')
  expect(cache.find(md5)).toBeUndefined()
})

test('an entry left without its marker by a run that died is replaced; a complete one is kept', async () => {
  const { root, cache, file, md5, bytes } = setup()
  const entry = join(root, CACHE_TOOL_NAME, cacheVersion(md5), arch())
  mkdirSync(entry, { recursive: true })
  writeFileSync(join(entry, 'content'), 'half')
  expect(cache.find(md5)).toBeUndefined()
  await cache.store(file, md5)
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)

  const other = join(mkdtempSync(join(tmpdir(), 'src-')), 'other.bin')
  writeFileSync(other, 'different')
  await cache.store(other, md5)
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)
})

test('two jobs storing the same file at once both succeed, and the entry is whole', async () => {
  const { root, file, md5, bytes } = setup()
  const jobs = [new ModelCache(true, { RUNNER_TOOL_CACHE: root }), new ModelCache(true, { RUNNER_TOOL_CACHE: root })]
  await Promise.all(jobs.map((c) => c.store(file, md5)))
  expect(readFileSync(jobs[0].find(md5)!).equals(bytes)).toBe(true)
  expect(readdirSync(join(root, CACHE_TOOL_NAME, cacheVersion(md5))).sort()).toEqual([arch(), `${arch()}.complete`])
})

test('without RUNNER_TOOL_CACHE, or with cache off, nothing is read or written', async () => {
  const { file, md5 } = setup()
  const off = new ModelCache(false, { RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE })
  await off.store(file, md5)
  expect(off.find(md5)).toBeUndefined()
  expect(existsSync(join(process.env.RUNNER_TOOL_CACHE!, CACHE_TOOL_NAME))).toBe(false)
  expect(new ModelCache(true, {}).enabled).toBe(false)
})
