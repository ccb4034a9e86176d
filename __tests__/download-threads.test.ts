// download() with Md5Threads against the storage stand-in (real HTTP, real files):
// resumes, restarts and MD5 mismatches must leave the thread's hash covering exactly the file.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConnectionBudget } from '../src/transfer/connection-budget.js'
import { download } from '../src/transfer/download.js'
import { HttpPool } from '../src/common/http-pool.js'
import { contentAddress } from '../src/files/integrity.js'
import { Md5Threads } from '../src/files/md5-threads.js'
import { RetryPolicy } from '../src/common/retry.js'
import { SignedUrls } from '../src/transfer/signed-urls.js'
import { StorageHttp } from '../src/transfer/storage-http.js'
import { startStandin, type Standin } from '../test-support/standin.mjs'
import { holdStdout } from '../test-support/stdout.mjs'
import { testBytes } from '../test-support/bytes.mjs'

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex')

let standin: Standin
let library: HttpPool
let http: StorageHttp
let dir: string
let threads: Md5Threads
let stdout: ReturnType<typeof holdStdout>
beforeEach(async () => {
  standin = await startStandin()
  library = new HttpPool(10_000)
  http = new StorageHttp(library, 10_000)
  dir = mkdtempSync(join(tmpdir(), 'download-threads-'))
  threads = new Md5Threads(2)
  stdout = holdStdout()
})
afterEach(async () => {
  stdout.stop()
  await threads.close()
  http.dispose()
  library.dispose()
  await standin.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function fetch(key: string, partBytes = 0, md5Threads: Md5Threads | undefined = threads) {
  const url = standin.sign(standin.pathOf(key))
  const urls = new SignedUrls({ [key]: url }, async () => ({ [key]: standin.sign(standin.pathOf(key)) }))
  const staged = join(dir, `${key}.partial`)
  const result = await download(
    key,
    staged,
    contentAddress(url),
    {
      http,
      connections: new ConnectionBudget(4),
      partBytes,
      md5Threads,
      urls,
      policy: new RetryPolicy({ retries: 4, delayScale: 0.001 }),
      stallTimeoutMs: 5000,
      progressIntervalMs: 60_000
    },
    new AbortController().signal
  )
  return { result, staged }
}

const requests = (key: string) =>
  standin.storageRequests.filter((r) => r.url.startsWith(standin.pathOf(key))).map((r) => r.headers.range ?? '-')

test.each([
  ['a reset mid-body resumes with Range', [{ reset: 0.5 }], 2],
  ['a reset, then storage ignores the Range', [{ reset: 0.5 }, { ignoreRange: true }], 2],
  ['a reset, then a truncate, then a resume', [{ reset: 0.3 }, { truncate: 0.5 }], 3],
  ['a corrupt body: MD5 mismatch, restart', [{ corrupt: true }], 2],
  ['a reset, then a corrupt resume: mismatch and restart', [{ reset: 0.5 }, { corrupt: true }], 3],
  ['a reset at the very start', [{ reset: 0 }], 2]
])('%s: the hash covers the file exactly', async (_name, faults, expected) => {
  const content = testBytes((3 << 20) + 777, 1)
  standin.addVersion({ repo: 'r', name: 'm', version: 'v1', files: { 'big.bin': content } })
  standin.inject('big.bin', ...faults)
  const { result, staged } = await fetch('big.bin')
  expect(readFileSync(staged).equals(content)).toBe(true)
  expect(result).toEqual({ size: content.length, md5: md5(content), verified: true })
  expect(requests('big.bin')).toHaveLength(expected)
})

test('bodies between 256 KiB and 1 MiB (written whole) hashed behind, with a reset', async () => {
  const content = testBytes(300 << 10, 2)
  standin.addVersion({ repo: 'r', name: 'm', version: 'v1', files: { 'mid.bin': content } })
  standin.inject('mid.bin', { reset: 0.5 })
  const { result } = await fetch('mid.bin')
  expect(result).toEqual({ size: content.length, md5: md5(content), verified: true })
  expect(requests('mid.bin')).toHaveLength(2)
})

test('DVC 2 text with CRLF never goes to a thread (its text hash needs every byte)', async () => {
  const line = Buffer.from('a,b,c\r\n')
  const content = Buffer.concat(Array.from({ length: 100_000 }, () => line))
  standin.addVersion({ repo: 'r', name: 'm', version: 'v1', layout: 'dvc2', files: { 'text.csv': content } })
  const { result } = await fetch('text.csv')
  expect(result.verified).toBe(true)
  expect(requests('text.csv')).toHaveLength(1)
})

test('in parts, with resets, on a thread', async () => {
  const content = testBytes((5 << 20) + 99, 3)
  standin.addVersion({ repo: 'r', name: 'm', version: 'v1', files: { 'parts.bin': content } })
  standin.inject('parts.bin', {}, { reset: 0.5 }, { reset: 0.2 })
  const { result } = await fetch('parts.bin', 1 << 20)
  expect(result).toEqual({ size: content.length, md5: md5(content), verified: true })
})

test('in parts, storage ignores Range for a part: restart from zero as one stream, on a thread', async () => {
  const content = testBytes((5 << 20) + 99, 4)
  standin.addVersion({ repo: 'r', name: 'm', version: 'v1', files: { 'parts.bin': content } })
  standin.inject('parts.bin', {}, { ignoreRange: true })
  const { result } = await fetch('parts.bin', 1 << 20)
  expect(result).toEqual({ size: content.length, md5: md5(content), verified: true })
  expect(stdout.text).not.toMatch(/MD5 mismatch/)
})

test('eight files at once, some reset, sharing two threads (the threads are used)', async () => {
  const contents = Array.from({ length: 8 }, (_, i) => testBytes((1 << 20) + 4099 * i, 10 + i))
  standin.addVersion({
    repo: 'r',
    name: 'm',
    version: 'v1',
    files: Object.fromEntries(contents.map((c, i) => [`f${i}.bin`, c]))
  })
  for (let i = 0; i < 8; i += 2) standin.inject(`f${i}.bin`, { reset: 0.4 })
  let given = 0
  const streamIfFree = threads.streamIfFree.bind(threads)
  threads.streamIfFree = (p: string) => {
    const s = streamIfFree(p)
    if (s) given++
    return s
  }
  const results = await Promise.all(contents.map((_, i) => fetch(`f${i}.bin`)))
  results.forEach(({ result }, i) =>
    expect(result).toEqual({ size: contents[i].length, md5: md5(contents[i]), verified: true })
  )
  expect(given).toBeGreaterThan(0)
  expect(stdout.text).not.toMatch(/MD5 mismatch/)
})

test('a hashing thread that dies mid-body does not fail the file as a disk problem', async () => {
  const content = testBytes((3 << 20) + 5, 21)
  standin.addVersion({ repo: 'r', name: 'm', version: 'v1', files: { 'big.bin': content } })
  // Slow enough that the body is still arriving when the thread goes.
  standin.inject('big.bin', { bytesPerSecond: 8 << 20 })
  const streamIfFree = threads.streamIfFree.bind(threads)
  threads.streamIfFree = (p: string) => {
    const s = streamIfFree(p)
    // The thread crashes (as on ERR_WORKER_OUT_OF_MEMORY): every thread the pool has.
    for (const t of (threads as unknown as { threads: Array<{ worker: { terminate(): Promise<number> } }> }).threads)
      void t.worker.terminate()
    return s
  }
  const outcome = await fetch('big.bin').then(
    ({ result }) => result,
    (error: Error) => error.message
  )
  // Nothing is wrong with the disk or the bytes: the file comes, hashed elsewhere.
  expect(outcome).toEqual({ size: content.length, md5: md5(content), verified: true })
})

test('in parts: a hashing thread that dies does not fail the file as a disk problem', async () => {
  const content = testBytes((5 << 20) + 5, 22)
  standin.addVersion({ repo: 'r', name: 'm', version: 'v1', files: { 'parts.bin': content } })
  const stream = threads.stream.bind(threads)
  threads.stream = (p: string) => {
    const s = stream(p)
    for (const t of (threads as unknown as { threads: Array<{ worker: { terminate(): Promise<number> } }> }).threads)
      void t.worker.terminate()
    return s
  }
  const outcome = await fetch('parts.bin', 1 << 20).then(
    ({ result }) => result,
    (error: Error) => error.message
  )
  expect(outcome).toEqual({ size: content.length, md5: md5(content), verified: true })
})
