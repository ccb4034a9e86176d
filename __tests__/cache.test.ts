import { createHash } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { CACHE_TOOL_NAME, ModelCache, entryPath } from '../src/caches/tool-cache.js'

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

test("an entry is one file in DVC's cache layout, md5/<2 digits>/<30>, and nothing else is made", async () => {
  const { root, cache, file, md5, bytes } = setup()
  expect(cache.find(md5)).toBeUndefined()
  expect(await cache.add(file, md5, 'link')).toEqual({ outcome: 'linked' })
  const entry = join(root, CACHE_TOOL_NAME, 'md5', md5.slice(0, 2), md5.slice(2))
  expect(entryPath(root, md5)).toBe(entry)
  expect(cache.find(md5)).toBe(entry)
  expect(readFileSync(entry).equals(bytes)).toBe(true)
  expect(readdirSync(join(root, CACHE_TOOL_NAME))).toEqual(['md5'])
  expect(readdirSync(join(root, CACHE_TOOL_NAME, 'md5'))).toEqual([md5.slice(0, 2)])
  expect(readdirSync(join(root, CACHE_TOOL_NAME, 'md5', md5.slice(0, 2)))).toEqual([md5.slice(2)])
})

test('what is not an MD5 names no entry: nothing is read or written outside the folder', async () => {
  const { root, cache, file } = setup()
  for (const bad of ['../../../../etc/passwd', 'A'.repeat(32), 'ab/'.padEnd(32, '0'), '0'.repeat(31), '']) {
    expect(entryPath(root, bad)).toBeUndefined()
    expect(cache.find(bad)).toBeUndefined()
    expect((await cache.add(file, bad, 'link')).outcome).toBe('failed')
  }
  expect(existsSync(join(root, CACHE_TOOL_NAME))).toBe(false)
})

test('an entry already there is kept, whether it came by a link or a copy', async () => {
  const { cache, file, md5, bytes } = setup()
  expect((await cache.add(file, md5, 'copy')).outcome).toMatch(/^(cloned|copied)$/)
  const other = join(mkdtempSync(join(tmpdir(), 'src-')), 'other.bin')
  writeFileSync(other, 'different')
  expect(await cache.add(other, md5, 'link')).toEqual({ outcome: 'present' })
  expect(await cache.add(other, md5, 'copy')).toEqual({ outcome: 'present' })
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)
})

test('two jobs storing the same file at once both succeed, and the entry is whole', async () => {
  const { root, file, md5, bytes } = setup()
  const jobs = [new ModelCache(true, { RUNNER_TOOL_CACHE: root }), new ModelCache(true, { RUNNER_TOOL_CACHE: root })]
  const outcomes = await Promise.all([jobs[0].add(file, md5, 'link'), jobs[1].add(file, md5, 'copy')])
  for (const { outcome } of outcomes) expect(['linked', 'cloned', 'copied', 'present']).toContain(outcome)
  expect(readFileSync(jobs[0].find(md5)!).equals(bytes)).toBe(true)
  expect(readdirSync(join(root, CACHE_TOOL_NAME, 'md5', md5.slice(0, 2)))).toEqual([md5.slice(2)])
})

test('a copy is made under a private name and renamed into place: a reader never sees part of it', async () => {
  const { root, cache, file, md5 } = setup()
  // A private copy a killed post step left behind does not stand in the way, nor is it found.
  const folder = join(root, CACHE_TOOL_NAME, 'md5', md5.slice(0, 2))
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, `.${md5.slice(2)}.0badf00d.partial`), 'half')
  expect(cache.find(md5)).toBeUndefined()
  expect((await cache.add(file, md5, 'copy')).outcome).toMatch(/^(cloned|copied)$/)
  expect(readdirSync(folder).filter((name) => !name.endsWith('0badf00d.partial'))).toEqual([md5.slice(2)])
})

test('what is planted where an entry goes (a symlink, a folder) is never found, and a new entry replaces it', async () => {
  const { root, cache, file, md5, bytes } = setup()
  const entry = entryPath(root, md5)!
  const secret = join(mkdtempSync(join(tmpdir(), 'secret-')), 'secret')
  writeFileSync(secret, 'not for the workspace')
  mkdirSync(dirname(entry), { recursive: true })
  symlinkSync(secret, entry)
  expect(cache.find(md5)).toBeUndefined()
  expect(await cache.add(file, md5, 'link')).toEqual({ outcome: 'linked' })
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)
  expect(readFileSync(secret, 'utf8')).toBe('not for the workspace')
  // A folder in its place, and the copy the post step makes.
  rmSync(entry)
  mkdirSync(join(entry, 'inside'), { recursive: true })
  expect(cache.find(md5)).toBeUndefined()
  expect((await cache.add(file, md5, 'copy')).outcome).toMatch(/^(cloned|copied)$/)
  expect(readFileSync(cache.find(md5)!).equals(bytes)).toBe(true)
})

test('without RUNNER_TOOL_CACHE, or with cache off, nothing is read or written', async () => {
  const { file, md5 } = setup()
  const off = new ModelCache(false, { RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE })
  expect((await off.add(file, md5, 'copy')).outcome).toBe('failed')
  expect(off.find(md5)).toBeUndefined()
  expect(existsSync(join(process.env.RUNNER_TOOL_CACHE!, CACHE_TOOL_NAME))).toBe(false)
  expect(new ModelCache(true, {}).enabled).toBe(false)
})

test('a tool cache that cannot be written to fails the add with its reason, and throws nothing', async () => {
  const { root, cache, file, md5 } = setup()
  if (process.getuid?.() === 0) {
    // root writes anywhere: a file where the folder should be stands in for a read-only one.
    writeFileSync(join(root, CACHE_TOOL_NAME), 'not a folder')
  } else {
    chmodSync(root, 0o500)
  }
  const added = await cache.add(file, md5, 'link')
  expect(added.outcome).toBe('failed')
  expect(added.why).toMatch(/^(ENOTDIR|EACCES)$/)
})

test("a link shares the workspace file's inode and leaves its times alone; a copy (or clone) is a file of its own", async () => {
  const { cache, file, md5 } = setup()
  const old = new Date(Date.now() - 3600_000)
  utimesSync(file, old, old)
  await cache.add(file, md5, 'link')
  expect(statSync(cache.find(md5)!).ino).toBe(statSync(file).ino)
  expect(statSync(file).nlink).toBe(2)
  expect(Math.round(statSync(file).mtimeMs)).toBe(old.getTime())
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

test('a discarded entry (it failed its check) goes, and its workspace file stays', async () => {
  const { cache, file, md5 } = setup()
  await cache.add(file, md5, 'link')
  await cache.entry(md5)!.discard!()
  expect(cache.find(md5)).toBeUndefined()
  expect(existsSync(file)).toBe(true)
  expect(await cache.add(file, md5, 'link')).toEqual({ outcome: 'linked' })
})
