// A cache entry is untrusted (cached-copy.ts): a copy out of it must refuse what is not
// a regular file, on a thread as on the main thread. A FIFO planted under an MD5 blocks the
// open forever (the run hangs); a link to /dev/zero never ends (the copy fills the disk).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hashingCopy } from '../src/files/hashing-copy.js'
import { Md5Threads } from '../src/files/md5-threads.js'

let dir: string
let threads: Md5Threads
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cache-copy-'))
  threads = new Md5Threads(1)
})
afterEach(async () => {
  await threads.close()
  rmSync(dir, { recursive: true, force: true })
})

const posix = process.platform === 'win32' ? test.skip : test

/**
 * What `copy` settles with, given a FIFO planted where a cached file should be. Without a
 * writer an open(2) for reading never returns; a non-blocking writer, opened once a reader
 * waits, lets it through, so the test ends whichever way the copy goes.
 */
async function copyOfFifo(copy: (fifo: string) => Promise<unknown>): Promise<unknown> {
  const fifo = join(dir, 'planted')
  execFileSync('mkfifo', [fifo])
  let settled = false
  const outcome = copy(fifo).then(
    (result) => result,
    (error: unknown) => error
  )
  void outcome.finally(() => (settled = true))
  while (!settled) {
    try {
      await (await fs.open(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)).close()
    } catch {
      // ENXIO: no reader yet.
    }
    await new Promise((resolve) => setImmediate(resolve))
  }
  return outcome
}

posix('a FIFO in the cache is refused, not opened for a blocking read (which no terminate can end)', async () => {
  const result = await copyOfFifo((fifo) => {
    const copying = threads.copy(fifo, join(dir, 'staged'))
    expect(copying).toBeDefined()
    return copying!
  })
  expect(result).toBeInstanceOf(Error)
  expect((result as Error).message).toMatch(/not a regular file/)
})

posix('hashingCopy (the main thread’s copy) refuses a FIFO too', async () => {
  const result = await copyOfFifo((fifo) => hashingCopy(fifo, join(dir, 'staged'), () => undefined))
  expect(result).toBeInstanceOf(Error)
  expect((result as Error).message).toMatch(/not a regular file/)
})

test('a thread’s read or copy failure keeps its errno code (diskFailure chooses its advice by it)', async () => {
  const stream = threads.stream(join(dir, 'missing'))
  stream.advance(1)
  await expect(stream.digest()).rejects.toMatchObject({ code: 'ENOENT' })
  await expect(threads.copy(join(dir, 'missing'), join(dir, 'dst'))).rejects.toMatchObject({ code: 'ENOENT' })
})

test('a stopped stream does not answer a digest with the MD5 of nothing', async () => {
  writeFileSync(join(dir, 'f'), Buffer.alloc(100, 1))
  const stream = threads.stream(join(dir, 'f'))
  stream.advance(100)
  await stream.stop()
  await expect(stream.digest()).rejects.toThrow()
})
