// The file sink alone: real files in a temporary folder, bodies from Readables and from a
// real loopback HTTP server.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { DiskWriteFailed, FLUSH_BYTES, StagedFile, Stalled, WriteBehind, receive } from '../src/transfer/sink.js'
import { testBytes } from '../test-support/bytes.mjs'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sink-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Chunks of `size` bytes, as a socket would deliver them. */
function chunked(data: Buffer, size = 64 * 1024): Buffer[] {
  const chunks: Buffer[] = []
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size))
  return chunks
}

function md5Hasher(): { update(chunk: Buffer): void; digest(): string; seen: number } {
  const hash = createHash('md5')
  const hasher = {
    seen: 0,
    update(chunk: Buffer): void {
      hash.update(chunk)
      hasher.seen += chunk.length
    },
    digest: (): string => hash.digest('hex')
  }
  return hasher
}

function sinkOptions(file: StagedFile, written = 0, stallTimeoutMs = 60_000) {
  return {
    file,
    hasher: md5Hasher(),
    progress: { written },
    stallTimeoutMs,
    signal: new AbortController().signal
  }
}

test('a small body is written whole, without opening the file, and counted', async () => {
  const file = new StagedFile(join(dir, 'small.bin'))
  const data = testBytes(300_000)
  const options = sinkOptions(file)
  await receive(Readable.from(chunked(data)), options)
  expect(file.isOpen).toBe(false)
  expect(readFileSync(file.path).equals(data)).toBe(true)
  expect(options.progress.written).toBe(data.length)
  expect(options.hasher.digest()).toBe(createHash('md5').update(data).digest('hex'))
})

test('an empty body makes an empty file', async () => {
  const file = new StagedFile(join(dir, 'empty.bin'))
  const options = sinkOptions(file)
  await receive(Readable.from([]), options)
  expect(readFileSync(file.path).length).toBe(0)
  expect(options.progress.written).toBe(0)
})

test('a body of several MiB is written behind, in order, and every byte hashed', async () => {
  const file = new StagedFile(join(dir, 'big.bin'))
  const data = testBytes(3 * FLUSH_BYTES + 12_345)
  const options = sinkOptions(file)
  await receive(Readable.from(chunked(data, 50_000)), options)
  await file.close()
  expect(readFileSync(file.path).equals(data)).toBe(true)
  expect(options.progress.written).toBe(data.length)
  expect(options.hasher.seen).toBe(data.length)
})

test('a resume appends at progress.written and keeps the bytes before it', async () => {
  const data = testBytes(2 * FLUSH_BYTES + 777)
  const head = FLUSH_BYTES + 5
  const path = join(dir, 'resumed.bin')
  const file = new StagedFile(path)
  await file.write([data.subarray(0, head)], 0)
  const options = sinkOptions(file, head)
  await receive(Readable.from(chunked(data.subarray(head))), options)
  await file.close()
  expect(readFileSync(path).equals(data)).toBe(true)
  expect(options.progress.written).toBe(data.length)
})

test('a body cut mid-way rejects, and what arrived is on disk and counted', async () => {
  const data = testBytes(FLUSH_BYTES + 300_000)
  const file = new StagedFile(join(dir, 'cut.bin'))
  const options = sinkOptions(file)
  async function* cut(): AsyncGenerator<Buffer> {
    yield* chunked(data)
    throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
  }
  await expect(receive(Readable.from(cut()), options)).rejects.toThrow('socket hang up')
  await file.close()
  expect(options.progress.written).toBe(data.length)
  expect(readFileSync(file.path).equals(data)).toBe(true)
})

test('no data for the stall timeout cuts the body with Stalled, keeping what came', async () => {
  const body = new PassThrough()
  const file = new StagedFile(join(dir, 'stalled.bin'))
  const options = sinkOptions(file, 0, 50)
  body.write(testBytes(1000))
  const error = await receive(body, options).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(Stalled)
  expect((error as Error).message).toBe('no data for 50ms')
  expect(options.progress.written).toBe(1000)
  expect(readFileSync(file.path).equals(testBytes(1000))).toBe(true)
})

test('an abort ends the body at once', async () => {
  const body = new PassThrough()
  const controller = new AbortController()
  const file = new StagedFile(join(dir, 'aborted.bin'))
  const received = receive(body, { ...sinkOptions(file), signal: controller.signal })
  body.write(testBytes(10))
  controller.abort()
  await expect(received).rejects.toThrow('aborted')
})

test('a write that fails is a DiskWriteFailed carrying the cause, small body or large', async () => {
  const missing = join(dir, 'no-such-folder', 'x.bin')
  const small = await receive(Readable.from([testBytes(10)]), sinkOptions(new StagedFile(missing))).catch(
    (e: unknown) => e
  )
  expect(small).toBeInstanceOf(DiskWriteFailed)
  expect(((small as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT')
  const large = await receive(
    Readable.from(chunked(testBytes(2 * FLUSH_BYTES))),
    sinkOptions(new StagedFile(missing))
  ).catch((e: unknown) => e)
  expect(large).toBeInstanceOf(DiskWriteFailed)
  expect(((large as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT')
})

test('StagedFile.truncate empties a file written whole or through its handle, and is a no-op before', async () => {
  const path = join(dir, 't.bin')
  const file = new StagedFile(path)
  await file.truncate()
  expect(existsSync(path)).toBe(false)
  file.writeWhole([testBytes(5), testBytes(6)])
  expect(readFileSync(path).length).toBe(11)
  await file.truncate()
  expect(readFileSync(path).length).toBe(0)
  await file.write([testBytes(100)], 0)
  expect(file.isOpen).toBe(true)
  await file.truncate()
  await file.close()
  expect(readFileSync(path).length).toBe(0)
})

test('StagedFile.write reopens an existing staged file without truncating it', async () => {
  const path = join(dir, 'reopen.bin')
  writeFileSync(path, 'stale')
  const file = new StagedFile(path)
  await file.write([Buffer.from('abc')], 0)
  await file.close()
  await file.write([Buffer.from('def')], 3)
  await file.close()
  expect(readFileSync(path, 'utf8')).toBe('abcdef')
})

test('a response from a real loopback HTTP server is received whole', async () => {
  const data = testBytes(2 * FLUSH_BYTES + 999, 7)
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Length': data.length })
    res.end(data)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    const body = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(`http://127.0.0.1:${port}/`, resolve).on('error', reject)
    )
    const file = new StagedFile(join(dir, 'http.bin'))
    const options = sinkOptions(file)
    await receive(body, options)
    await file.close()
    expect(readFileSync(file.path).equals(data)).toBe(true)
    expect(options.progress.written).toBe(data.length)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

test('writes that land out of order count as written only up to the first gap', async () => {
  const finish: Array<() => void> = []
  const advances: number[] = []
  const errors: unknown[] = []
  const writes = new WriteBehind(
    100,
    () => new Promise<void>((resolve) => finish.push(resolve)),
    (writtenTo) => advances.push(writtenTo),
    (error) => errors.push(error)
  )
  let settledCalls = 0
  for (const size of [10, 20, 30]) writes.issue([Buffer.alloc(size)], size, () => settledCalls++)
  expect(writes.issuedTo).toBe(160)
  expect(writes.pending).toBe(3)
  finish[2]() // the last lands first: nothing counts yet
  await new Promise((resolve) => setImmediate(resolve))
  expect(advances).toEqual([])
  finish[0]()
  await new Promise((resolve) => setImmediate(resolve))
  expect(advances).toEqual([110])
  finish[1]() // closes the gap: everything up to the third write counts at once
  await writes.settled()
  expect(advances).toEqual([110, 160])
  expect(writes.pending).toBe(0)
  expect(settledCalls).toBe(3)
  expect(errors).toEqual([])
})
