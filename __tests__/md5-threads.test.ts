import { createHash } from 'node:crypto'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Md5Threads, defaultThreadCount } from '../src/files/md5-threads.js'
import { testBytes } from '../test-support/bytes.mjs'

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex')

let dir: string
let threads: Md5Threads
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'md5-threads-'))
  threads = new Md5Threads(2)
})
afterEach(async () => {
  await threads.close()
  rmSync(dir, { recursive: true, force: true })
})

test('a stream hashes a file as it grows, in the steps it is told, across several reads', async () => {
  const content = testBytes((9 << 20) + 123, 7)
  const file = join(dir, 'growing')
  writeFileSync(file, content.subarray(0, 1000))
  const stream = threads.stream(file)
  stream.advance(1000)
  appendFileSync(file, content.subarray(1000))
  stream.advance(5 << 20)
  stream.advance(content.length)
  expect(await stream.digest()).toBe(md5(content))
})

test('a stream with onHashed hears how far the hash has got after each advance', async () => {
  const content = testBytes(3 << 20, 11)
  writeFileSync(join(dir, 'f'), content)
  const heard: number[] = []
  const stream = threads.stream(join(dir, 'f'), (to) => heard.push(to))
  stream.advance(1 << 20)
  stream.advance(2 << 20)
  stream.advance(3 << 20)
  expect(await stream.digest()).toBe(md5(content))
  // Progress may still be on its way when the digest answers; what came is in order.
  expect(heard).toEqual([1 << 20, 2 << 20, 3 << 20].slice(0, heard.length))
  expect(heard.length).toBeGreaterThanOrEqual(2)
})

test('a stream hashes only up to where it was advanced', async () => {
  const content = testBytes(10_000, 3)
  writeFileSync(join(dir, 'f'), content)
  const stream = threads.stream(join(dir, 'f'))
  stream.advance(4096)
  expect(await stream.digest()).toBe(md5(content.subarray(0, 4096)))
})

test('a stream advanced past the end of the file rejects with the offset', async () => {
  writeFileSync(join(dir, 'short'), testBytes(100, 1))
  const stream = threads.stream(join(dir, 'short'))
  stream.advance(200)
  await expect(stream.digest()).rejects.toThrow('the file ends at byte 100, before the bytes written')
})

test('a stream over a missing file rejects', async () => {
  const stream = threads.stream(join(dir, 'missing'))
  stream.advance(1)
  await expect(stream.digest()).rejects.toThrow(/ENOENT/)
})

test('many streams at once each get their own digest', async () => {
  const contents = Array.from({ length: 12 }, (_, i) => testBytes(50_000 + i * 997, i))
  const streams = contents.map((content, i) => {
    writeFileSync(join(dir, `f${i}`), content)
    const stream = threads.stream(join(dir, `f${i}`))
    stream.advance(content.length)
    return stream
  })
  expect(await Promise.all(streams.map((s) => s.digest()))).toEqual(contents.map(md5))
})

test('a stopped stream leaves the threads usable', async () => {
  writeFileSync(join(dir, 'f'), testBytes(5000, 2))
  const stopped = threads.stream(join(dir, 'f'))
  stopped.advance(2000)
  await stopped.stop()
  const fresh = threads.stream(join(dir, 'f'))
  fresh.advance(5000)
  expect(await fresh.digest()).toBe(md5(testBytes(5000, 2)))
})

test('copy writes an exact copy (replacing what was there) and returns its size and MD5', async () => {
  const content = testBytes((4 << 20) * 2 + 17, 9)
  writeFileSync(join(dir, 'src'), content)
  writeFileSync(join(dir, 'dst'), 'an older, longer file that must be replaced entirely'.repeat(300_000))
  const copying = threads.copy(join(dir, 'src'), join(dir, 'dst'))
  expect(copying).toBeDefined()
  expect(await copying).toEqual({ size: content.length, md5: md5(content) })
  expect(readFileSync(join(dir, 'dst')).equals(content)).toBe(true)
})

test('copy of an empty file', async () => {
  writeFileSync(join(dir, 'src'), '')
  expect(await threads.copy(join(dir, 'src'), join(dir, 'dst'))).toEqual({ size: 0, md5: md5(Buffer.alloc(0)) })
  expect(readFileSync(join(dir, 'dst')).length).toBe(0)
})

test('copy of a missing file rejects', async () => {
  await expect(threads.copy(join(dir, 'missing'), join(dir, 'dst'))).rejects.toThrow(/ENOENT/)
})

test('copies are taken only while a thread has room: two queued per thread, the rest left to the caller', async () => {
  const one = new Md5Threads(1)
  try {
    writeFileSync(join(dir, 'src'), testBytes(1 << 20, 4))
    const taken = [0, 1, 2].map((i) => one.copy(join(dir, 'src'), join(dir, `dst${i}`)))
    expect(taken.map((t) => t !== undefined)).toEqual([true, true, false])
    await Promise.all(taken)
    // Once they are done, the thread takes copies again.
    expect(await one.copy(join(dir, 'src'), join(dir, 'dst3'))).toEqual({
      size: 1 << 20,
      md5: md5(testBytes(1 << 20, 4))
    })
  } finally {
    await one.close()
  }
})

test('streamIfFree: a stream while a thread has room, else undefined (the caller hashes); room again once digested', async () => {
  const one = new Md5Threads(1)
  try {
    writeFileSync(join(dir, 'f'), testBytes(3000, 6))
    const first = one.streamIfFree(join(dir, 'f'))
    const second = one.streamIfFree(join(dir, 'f'))
    expect(first).toBeDefined()
    expect(second).toBeDefined()
    expect(one.streamIfFree(join(dir, 'f'))).toBeUndefined()
    expect(one.copy(join(dir, 'f'), join(dir, 'g'))).toBeUndefined()
    first!.advance(3000)
    expect(await first!.digest()).toBe(md5(testBytes(3000, 6)))
    await second!.stop()
    const third = one.streamIfFree(join(dir, 'f'))
    expect(third).toBeDefined()
    await third!.stop()
  } finally {
    await one.close()
  }
})

test('copyFile hands files to the thread while it has room and to two copiers here at most, the rest as they free up', async () => {
  const one = new Md5Threads(1)
  try {
    const contents = Array.from({ length: 8 }, (_, i) => testBytes((1 << 20) + i, i))
    contents.forEach((content, i) => writeFileSync(join(dir, `src${i}`), content))
    let hereNow = 0
    let hereMost = 0
    let onThread = 0
    const results = await Promise.all(
      contents.map((_, i) =>
        one.copyFile(
          join(dir, `src${i}`),
          join(dir, `dst${i}`),
          async () => {
            hereMost = Math.max(hereMost, ++hereNow)
            const bytesHere = readFileSync(join(dir, `src${i}`))
            await new Promise((resolve) => setTimeout(resolve, 20))
            writeFileSync(join(dir, `dst${i}`), bytesHere)
            hereNow--
            return { size: bytesHere.length, md5: md5(bytesHere), where: 'here' }
          },
          (copied) => {
            onThread++
            return { ...copied, where: 'thread' }
          }
        )
      )
    )
    expect(results.map((r) => r.md5)).toEqual(contents.map(md5))
    contents.forEach((content, i) => expect(readFileSync(join(dir, `dst${i}`)).equals(content)).toBe(true))
    expect(hereMost).toBe(2)
    expect(onThread).toBeGreaterThanOrEqual(2)
    expect(onThread + results.filter((r) => r.where === 'here').length).toBe(8)
  } finally {
    await one.close()
  }
})

test('copyFile without `there` (a DVC 2 address) never uses a thread', async () => {
  writeFileSync(join(dir, 'src'), testBytes(5000, 1))
  const result = await threads.copyFile(join(dir, 'src'), join(dir, 'dst'), async () => 'here')
  expect(result).toBe('here')
})

test('after close, streams and copies fail instead of hanging', async () => {
  writeFileSync(join(dir, 'f'), testBytes(100, 5))
  const started = Md5Threads.start(1)
  await started.close()
  const stream = started.stream(join(dir, 'f'))
  stream.advance(100)
  await expect(stream.digest()).rejects.toThrow(/stopped/)
  expect(started.copy(join(dir, 'f'), join(dir, 'g'))).toBeUndefined()
})

test('after close, no thread starts: a pool that had not started one yet refuses work too', async () => {
  writeFileSync(join(dir, 'f'), testBytes(100, 6))
  // The pool of beforeEach starts its threads on first use: none yet.
  await threads.close()
  expect(threads.alive).toBe(false)
  const stream = threads.stream(join(dir, 'f'))
  stream.advance(100)
  await expect(stream.digest()).rejects.toThrow(/stopped/)
  expect(threads.streamIfFree(join(dir, 'f'))).toBeUndefined()
  expect(threads.copy(join(dir, 'f'), join(dir, 'g'))).toBeUndefined()
})

test('one thread fewer than the cores, at least one, at most three', () => {
  expect(defaultThreadCount()).toBeGreaterThanOrEqual(1)
  expect(defaultThreadCount()).toBeLessThanOrEqual(3)
})
