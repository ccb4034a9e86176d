import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
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
  expect(await cache.add(file, md5, 'link')).toEqual({ outcome: 'linked' })
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
  expect((await cache.add(file, md5, 'copy')).outcome).toMatch(/^(cloned|copied)$/)
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)

  const other = join(mkdtempSync(join(tmpdir(), 'src-')), 'other.bin')
  writeFileSync(other, 'different')
  expect(await cache.add(other, md5, 'link')).toEqual({ outcome: 'present' })
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)
})

test('two jobs storing the same file at once both succeed, and the entry is whole', async () => {
  const { root, file, md5, bytes } = setup()
  const jobs = [new ModelCache(true, { RUNNER_TOOL_CACHE: root }), new ModelCache(true, { RUNNER_TOOL_CACHE: root })]
  await Promise.all(jobs.map((c) => c.add(file, md5, 'link')))
  expect(readFileSync(jobs[0].find(md5)!).equals(bytes)).toBe(true)
  expect(readdirSync(join(root, CACHE_TOOL_NAME, cacheVersion(md5))).sort()).toEqual([arch(), `${arch()}.complete`])
})

test('without RUNNER_TOOL_CACHE, or with cache off, nothing is read or written', async () => {
  const { file, md5 } = setup()
  const off = new ModelCache(false, { RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE })
  expect(await off.add(file, md5, 'copy')).toEqual({ outcome: 'failed' })
  expect(off.find(md5)).toBeUndefined()
  expect(existsSync(join(process.env.RUNNER_TOOL_CACHE!, CACHE_TOOL_NAME))).toBe(false)
  expect(new ModelCache(true, {}).enabled).toBe(false)
})

test("a link shares the workspace file's inode; a copy (or clone) is a file of its own", async () => {
  const { cache, file, md5 } = setup()
  await cache.add(file, md5, 'link')
  expect(statSync(cache.find(md5)!).ino).toBe(statSync(file).ino)
  expect(statSync(file).nlink).toBe(2)
  const copied = setup()
  await copied.cache.add(copied.file, copied.md5, 'copy')
  expect(statSync(copied.cache.find(copied.md5)!).ino).not.toBe(statSync(copied.file).ino)
  expect(statSync(copied.file).nlink).toBe(1)
})

test('discardIfLinkOf removes an entry that is the given file, and no other', async () => {
  const { cache, file, md5 } = setup()
  const { fileIdentity } = await import('../src/files/file-identity.js')
  const other = join(mkdtempSync(join(tmpdir(), 'src-')), 'other.bin')
  writeFileSync(other, readFileSync(file))
  await cache.add(file, md5, 'link')
  expect(await cache.discardIfLinkOf(md5, (await fileIdentity(other))!)).toBe(false)
  expect(cache.find(md5)).toBeDefined()
  expect(await cache.discardIfLinkOf(md5, (await fileIdentity(file))!)).toBe(true)
  expect(cache.find(md5)).toBeUndefined()
  expect(readFileSync(file).length).toBeGreaterThan(0)
})

test('a link over an entry folder left without its marker (a run that died) replaces it', async () => {
  const { root, cache, file, md5, bytes } = setup()
  const entry = join(root, CACHE_TOOL_NAME, cacheVersion(md5), arch())
  mkdirSync(entry, { recursive: true })
  writeFileSync(join(entry, 'content'), 'half')
  expect(await cache.add(file, md5, 'link')).toEqual({ outcome: 'linked' })
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)
  expect(statSync(cache.find(md5)!).ino).toBe(statSync(file).ino)
  expect(readdirSync(join(root, CACHE_TOOL_NAME, cacheVersion(md5))).sort()).toEqual([arch(), `${arch()}.complete`])
})
