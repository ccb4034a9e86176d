import { setMaxListeners } from 'node:events'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type { ConnectionBudget } from './connection-budget.js'
import { ActionError } from '../common/errors.js'
import { HashThreadFailed, type Md5Stream, type Md5Threads } from '../files/md5-threads.js'
import { describeUrl, scrub } from '../common/redact.js'
import { isTlsSetupError, retryAfterMs, tlsAdvice, type RetryPolicy } from '../common/retry.js'
import { CONTENT_RANGE, otherObject, rangeFramingFault } from './same-object.js'
import { hasExpired } from './signed-urls.js'
import { gaveUp } from './storage-errors.js'
import { WriteBehind, guardBody } from './sink.js'
import {
  BodyOverrun,
  StorageTimeout,
  readSmallBody,
  type BodySource,
  type SmallBody,
  type StorageResponse
} from './storage-http.js'

/**
 * One large file in parts: several ranged requests at once, each part written at its
 * offset as it arrives, retried and resumed on its own. The MD5 is still taken once, over
 * the bytes in order, as the contiguous stretch from byte zero grows on disk. Memory stays
 * bounded whatever the file's size: a few megabytes per part in flight, nothing per part
 * waiting to be hashed (the hash reads what is on disk, from the page cache).
 *
 * Why: one connection to S3 or Azure gets roughly 50-100 MB/s, far less than a runner's
 * link; `aws s3 cp`, s5cmd and aria2c split large objects into ranged requests for this.
 */

/**
 * Part size: aws-cli's default multipart chunk. At 100 MB/s a part takes ~80 ms, a few times
 * S3's time to first byte, so a connection spends most of its time receiving; a 768 MiB file
 * is 96 parts, so the parts in flight finish close together at the end.
 */
export const PART_BYTES = 8 << 20
/** At most this many parts of one file in flight (aws-cli: 10 requests; curl --parallel: 50). */
export const MAX_PARTS_IN_FLIGHT = 8
/**
 * A part starts only once the hash has reached this far behind its first byte. The MD5 (one
 * core, ~600 MiB/s) is slower than eight connections can be: receiving further ahead only
 * takes CPU from it, and a download is done when its hash is.
 */
export const AHEAD_OF_HASH_BYTES = 64 << 20
/** The hash reads back what is on disk in pieces of this size, into one reused buffer. */
const HASH_READ_BYTES = 4 << 20

/** The signed URL of the file, kept current (see SignedUrls). */
export interface CurrentUrl {
  get(): string
  refresh(staleUrl: string, reason: string): Promise<string>
}

export interface RangeGetter {
  get(url: string, headers: Record<string, string>): Promise<StorageResponse>
}

export interface RangedDownload {
  /** The file's name in messages (the model's repo-relative path). */
  key: string
  /** The staged file: created if missing; bytes already in it are overwritten. */
  path: string
  /** The object's size, from the Content-Range of the first answer. */
  total: number
  partBytes?: number
  /** The strong ETag of the first answer: every part asks for that same object (If-Range). */
  etag?: string
  /** The body of the answer to `bytes=0-<partBytes-1>`, if that request was made already. */
  firstPart?: BodySource
  http: RangeGetter
  url: CurrentUrl
  /**
   * Sees every byte of the file once, in order, on the main thread. Without it the raw MD5 is
   * computed on one of `md5Threads` and returned.
   */
  hash?(piece: Buffer): void
  md5Threads?: Md5Threads
  /** The caller holds one connection; more parts run on connections borrowed from here. */
  connections: ConnectionBudget
  /** Each part has its own count of failures in a row, under the run's one retry policy. */
  retry: RetryPolicy
  stallTimeoutMs: number
  signal: AbortSignal
  /** Storage's refusal of a request (not worth a retry), as the error to fail with. */
  refused(status: number, url: string, body: SmallBody): Error
  /** Bytes newly on disk. */
  onWritten?(bytes: number): void
  /** How far ahead of the hash a part may start (AHEAD_OF_HASH_BYTES; tests use less). */
  aheadOfHash?: number
}

/** The bytes so far cannot be used (storage sent the whole object to a range request, or another object). */
export class RestartFromZero extends Error {
  constructor(
    message: string,
    /** Storage stopped honouring ranges: the next start is one stream. */
    readonly rangesIgnored = true
  ) {
    super(message)
  }
}
/** Writing to (or reading back) the staged file failed: a local problem, not worth a retry. */
export class PartDiskError extends Error {
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause })
  }
}
class PartFailed extends Error {
  constructor(
    message: string,
    readonly retryAfter?: number
  ) {
    super(message)
  }
}
class PartUrlExpired extends Error {}
class PartStalled extends Error {}
class Stopped extends Error {}

interface Part {
  index: number
  start: number
  /** One past the last byte. */
  end: number
  /** Bytes [start, written) are on disk. */
  written: number
}

/** Downloads the file in parts; resolves once every byte is on disk and hashed. */
export async function downloadRanged(job: RangedDownload): Promise<{ md5?: string }> {
  const partBytes = job.partBytes ?? PART_BYTES
  if (!Number.isSafeInteger(partBytes) || partBytes < 1) throw new Error(`part size ${partBytes} is not a byte count`)
  if (!job.hash && !job.md5Threads) throw new Error('a ranged download needs a hash function or hashing threads')
  await checkTotal(job)
  const parts: Part[] = []
  for (let start = 0, index = 0; start < job.total; start += partBytes, index++) {
    parts.push({ index, start, end: Math.min(job.total, start + partBytes), written: start })
  }
  const handle = await fs.open(job.path, fs.constants.O_RDWR | fs.constants.O_CREAT).catch((error: unknown) => {
    throw new PartDiskError(error)
  })
  const controller = new AbortController()
  // Each lane listens for the abort while it receives and while it waits to retry.
  setMaxListeners(2 * MAX_PARTS_IN_FLIGHT + 10, controller.signal)
  const stop = (): void => controller.abort()
  job.signal.addEventListener('abort', stop, { once: true })
  const hash = new InOrderHash(handle, parts, job.total, job.hash ?? job.md5Threads!, job.path)
  let failure: unknown
  let next = 0
  let firstPart = job.firstPart

  const ctx: PartContext = { job, handle, hash, signal: controller.signal, parts: parts.length }
  /** Runs parts one after another on one connection, until none is left or one fails. */
  async function lane(borrowed: boolean): Promise<void> {
    try {
      while (failure === undefined && next < parts.length) {
        const part = parts[next++]
        const body = part.index === 0 ? firstPart : undefined
        if (part.index === 0) firstPart = undefined
        // Connections may have come free: the parts not yet taken get lanes of their own.
        widen()
        try {
          // Receiving no further ahead of the hash than this leaves the hash a core of its own.
          await hash.reached(part.start - (job.aheadOfHash ?? AHEAD_OF_HASH_BYTES), controller.signal)
          await fetchPart(part, ctx, body)
        } catch (error) {
          failure ??= error
          controller.abort()
        }
      }
    } finally {
      if (borrowed) job.connections.release()
    }
  }
  const lanes: Promise<void>[] = []
  let settledLanes = 0
  const open = (borrowed: boolean): void => {
    lanes.push(
      lane(borrowed).finally(() => {
        settledLanes++
      })
    )
  }
  function widen(): void {
    while (
      failure === undefined &&
      next < parts.length &&
      lanes.length - settledLanes < MAX_PARTS_IN_FLIGHT &&
      job.connections.tryAcquire()
    ) {
      open(true)
    }
  }
  try {
    // A stale tail (an earlier attempt's longer file) must not survive; holes read as zeros
    // but are never hashed before they are written.
    await handle.truncate(job.total).catch((error: unknown) => {
      throw new PartDiskError(error)
    })
    open(false)
    // Lanes open while others run: wait until all, including late ones, are done.
    while (settledLanes < lanes.length) await Promise.all(lanes)
    if (failure === undefined) await hash.complete()
  } finally {
    firstPart?.destroy()
    job.signal.removeEventListener('abort', stop)
    await hash.stop()
    await hash.settled()
    await handle.close()
  }
  if (failure instanceof Stopped) {
    throw new ActionError(`Transfer of '${job.key}' was stopped because another file failed.`)
  }
  if (failure !== undefined) throw failure
  if (hash.error) throw hash.error
  return { md5: hash.md5 }
}

/**
 * The size comes from storage (a Content-Range): a size that is no byte count, or more than
 * the disk has free, is refused before anything is allocated for it (a part list, a sparse
 * file of that length) rather than discovered parts later.
 */
async function checkTotal(job: RangedDownload): Promise<void> {
  if (!Number.isSafeInteger(job.total) || job.total < 0) {
    throw new ActionError(`Storage announced an impossible size for '${job.key}' (${job.total} bytes).`)
  }
  const free = await freeBytes(job.path)
  if (free !== undefined && job.total > free) {
    throw new ActionError(
      `Storage says '${job.key}' is ${job.total} bytes, more than the ${free} bytes free on the disk of ${path.dirname(job.path)}. Free some space, or set input 'path' to a folder on a larger disk.`
    )
  }
}

/** Bytes the file may grow to: free space plus what it holds already; undefined if unknown. */
async function freeBytes(file: string): Promise<number | undefined> {
  try {
    const stats = await fs.statfs(path.dirname(file))
    const existing = await fs.stat(file).then(
      (stat) => stat.size,
      () => 0
    )
    return stats.bavail * stats.bsize + existing
  } catch {
    return undefined
  }
}

interface PartContext {
  job: RangedDownload
  handle: fs.FileHandle
  hash: InOrderHash
  signal: AbortSignal
  parts: number
}

/** One part, retried and resumed on its own until it is whole on disk. */
async function fetchPart(part: Part, ctx: PartContext, firstBody: BodySource | undefined): Promise<void> {
  const { job } = ctx
  const subject = `'${job.key}' (part ${part.index + 1} of ${ctx.parts})`
  let body = firstBody
  const budget = job.retry.budget()
  let url = job.url.get()
  for (;;) {
    if (ctx.signal.aborted) throw new Stopped()
    try {
      if (!body) {
        if (hasExpired(url)) url = await job.url.refresh(url, 'expired before its transfer started')
        body = await requestPart(part, url, ctx)
      }
      const received = body
      body = undefined
      await receivePart(received, part, ctx)
      if (part.written < part.end) {
        throw new PartFailed(
          `connection closed after ${part.written - part.start} of ${part.end - part.start} bytes of the part`
        )
      }
      return
    } catch (error) {
      body?.destroy()
      body = undefined
      if (error instanceof PartUrlExpired) {
        url = await job.url.refresh(url, 'was refused as expired by storage')
        continue
      }
      if (error instanceof ActionError || error instanceof PartDiskError || error instanceof RestartFromZero)
        throw error
      if (ctx.signal.aborted) throw new Stopped()
      // A certificate or TLS-protocol problem does not go away on a retry.
      if (isTlsSetupError(error)) throw new ActionError(tlsAdvice(`storage at ${describeUrl(url)}`, url, error))
      const reason = describe(error)
      if (!budget.fail(part.written)) throw new ActionError(gaveUp(subject, budget, reason, job.retry.retries))
      const resume = part.written > part.start ? `, resuming at byte ${part.written}` : ''
      const retryAfter = error instanceof PartFailed ? error.retryAfter : undefined
      await job.retry.wait(subject, budget, `${reason}${resume}`, retryAfter, ctx.signal)
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof PartFailed || error instanceof PartStalled || error instanceof StorageTimeout)
    return error.message
  const code = (error as NodeJS.ErrnoException)?.code
  return `connection failed (${code ?? scrub(String((error as Error)?.message ?? error))})`
}

/** Asks for the part's missing bytes of the same object; checks the answer is that range. */
async function requestPart(part: Part, url: string, ctx: PartContext): Promise<BodySource> {
  const { job } = ctx
  const headers: Record<string, string> = { Range: `bytes=${part.written}-${part.end - 1}` }
  if (job.etag) headers['If-Range'] = job.etag
  const message = await job.http.get(url, headers)
  const status = message.status
  if (status === 206) {
    const range = CONTENT_RANGE.exec(String(message.headers['content-range'] ?? ''))
    const total = range?.[3] === '*' ? job.total : Number(range?.[3])
    // Another object under the same URL (storage ignored If-Range, or there was no ETag to ask
    // it with): the parts so far are of the old one.
    const other = range && otherObject(job.etag, job.total, message.headers.etag, total)
    if (other) {
      message.body.destroy()
      throw new RestartFromZero(`${other}; starting over from byte 0`, false)
    }
    if (!range || Number(range[1]) !== part.written || Number(range[2]) !== part.end - 1) {
      message.body.destroy()
      throw new PartFailed(
        `storage answered bytes ${range ? `${range[1]}-${range[2]}/${range[3]}` : '(no Content-Range)'} to a request for bytes ${part.written}-${part.end - 1}/${job.total}`
      )
    }
    const framing = rangeFramingFault(range, message.headers['content-length'], total)
    if (framing) {
      message.body.destroy()
      throw new PartFailed(framing)
    }
    return message.body
  }
  if (status === 200) {
    // The object changed (If-Range) or storage stopped honouring ranges: start again whole.
    message.body.destroy()
    throw new RestartFromZero('storage answered a range request with the whole object')
  }
  const said = await readSmallBody(message)
  const text = said.text
  if (status === 403 && (/expired/i.test(text) || hasExpired(url, Date.now(), 0))) throw new PartUrlExpired()
  if (status === 408 || status === 429 || status >= 500) {
    throw new PartFailed(`storage answered HTTP ${status}`, retryAfterMs(message.headers))
  }
  throw job.refused(status, url, said)
}

/**
 * Writes the body at the part's offsets as it arrives, one positional write per batch read
 * (the transport pauses while a few are in flight), and `part.written` grows only as writes
 * land, in order, so a resume starts at the right byte. Settles once nothing is in flight.
 */
async function receivePart(body: BodySource, part: Part, ctx: PartContext): Promise<void> {
  const { job, handle, hash } = ctx
  let failure: unknown
  const writes = new WriteBehind(
    part.written,
    (pieces, position) => handle.writev(pieces, position),
    (writtenTo) => {
      const before = part.written
      part.written = writtenTo
      if (part.written > before) {
        job.onWritten?.(part.written - before)
        hash.poke()
      }
    },
    (error) => {
      failure = new PartDiskError(error)
      body.destroy()
    }
  )
  const guard = guardBody(body, job.stallTimeoutMs, ctx.signal, {
    stalled: (message) => new PartStalled(message),
    aborted: () => new Stopped()
  })
  const write = (pieces: Buffer[], done: () => void): void => {
    let size = 0
    for (const piece of pieces) size += piece.length
    if (failure !== undefined || writes.issuedTo + size > part.end) {
      failure ??= new PartFailed('storage sent more bytes than the range asked for')
      body.destroy()
      done()
      return
    }
    writes.issue(pieces, size, done)
  }
  try {
    await body.pump(write, (bytes) => guard.refresh(bytes))
  } catch (error) {
    // A body longer than its framing: the part's bytes so far may be of a lie, so the file starts over.
    failure ??= error instanceof BodyOverrun ? new RestartFromZero(`${error.message}; starting over`, false) : error
  } finally {
    guard.release()
    // What arrived before a failure is written: the resume starts after it.
    await writes.settled()
  }
  if (failure !== undefined) throw failure
}

/**
 * The MD5 over the file in order: whenever the stretch of bytes on disk from `hashedTo`
 * grows, it is read back (from the page cache) and hashed, here or on a worker thread. Parts
 * finishing out of order cost nothing in memory. `reached` lets the lanes wait for the hash,
 * so that receiving does not run far ahead of it (see AHEAD_OF_HASH_BYTES).
 */
class InOrderHash {
  /** Bytes handed to the hash (read and hashed here, or told to the thread). */
  hashedTo = 0
  /** Bytes the hash has taken in for certain. */
  private confirmed = 0
  error: unknown
  md5: string | undefined
  private running: Promise<void> | undefined
  private stopped = false
  private readonly buffer: Buffer | undefined
  private readonly hasher: ((piece: Buffer) => void) | Md5Stream
  private waiters: Array<{ offset: number; wake: () => void }> = []

  constructor(
    private readonly handle: fs.FileHandle,
    private readonly parts: Part[],
    private readonly total: number,
    hash: ((piece: Buffer) => void) | Md5Threads,
    path: string
  ) {
    if (typeof hash === 'function') {
      this.hasher = hash
      this.buffer = Buffer.allocUnsafe(HASH_READ_BYTES)
    } else {
      this.hasher = hash.stream(path, (to) => this.progress(to))
    }
  }

  /** The end of the contiguous bytes on disk from byte zero. */
  private frontier(): number {
    if (this.parts.length === 0) return 0
    const size = this.parts[0].end - this.parts[0].start
    for (let i = Math.floor(this.hashedTo / size); i < this.parts.length; i++) {
      if (this.parts[i].written < this.parts[i].end) return this.parts[i].written
    }
    return this.total
  }

  /** The hash has taken in bytes [0, to): wake the lanes waiting for that. */
  private progress(to: number): void {
    this.confirmed = Math.max(this.confirmed, to)
    if (this.waiters.length === 0) return
    const waiting = this.waiters
    this.waiters = []
    for (const waiter of waiting) {
      if (waiter.offset <= this.confirmed) waiter.wake()
      else this.waiters.push(waiter)
    }
  }

  /** Wakes every waiting lane: the hash failed or stopped, or the download is over. */
  private wakeAll(): void {
    const waiting = this.waiters
    this.waiters = []
    for (const waiter of waiting) waiter.wake()
  }

  /** Resolves once the hash has taken in bytes [0, offset), or it failed, or `signal` aborts. */
  async reached(offset: number, signal: AbortSignal): Promise<void> {
    if (offset <= this.confirmed || this.error !== undefined || this.stopped || signal.aborted) return
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        signal.removeEventListener('abort', wake)
        resolve()
      }
      signal.addEventListener('abort', wake, { once: true })
      this.waiters.push({ offset, wake })
    })
  }

  poke(): void {
    if (typeof this.hasher !== 'function') {
      // The worker reads and hashes; tell it in steps of a few megabytes, not every write.
      const to = this.frontier()
      if (to - this.hashedTo >= HASH_READ_BYTES || (to === this.total && to > this.hashedTo)) {
        this.hasher.advance(to)
        this.hashedTo = to
      }
      return
    }
    if (this.running || this.stopped || this.error !== undefined) return
    this.running = this.run().finally(() => {
      this.running = undefined
      if (this.error !== undefined) this.wakeAll()
      else if (this.hashedTo < this.frontier()) this.poke()
    })
  }

  private async run(): Promise<void> {
    const hash = this.hasher as (piece: Buffer) => void
    const buffer = this.buffer!
    try {
      for (let to = this.frontier(); this.hashedTo < to && !this.stopped; to = this.frontier()) {
        const wanted = Math.min(HASH_READ_BYTES, to - this.hashedTo)
        const { bytesRead } = await this.handle.read(buffer, 0, wanted, this.hashedTo)
        if (bytesRead === 0) throw new Error(`the file ends at byte ${this.hashedTo}, before the bytes written`)
        hash(buffer.subarray(0, bytesRead))
        this.hashedTo += bytesRead
        this.progress(this.hashedTo)
      }
    } catch (error) {
      this.error = new PartDiskError(error)
    }
  }

  /** Hashes the rest; every part must be on disk. */
  async complete(): Promise<void> {
    if (typeof this.hasher !== 'function') {
      this.poke()
      try {
        this.md5 = await this.hasher.digest()
      } catch (error) {
        // A dead thread is no disk problem: the caller starts over (AttemptFailed, restart).
        this.error = error instanceof HashThreadFailed ? error : new PartDiskError(error)
      }
      return
    }
    while (this.hashedTo < this.total && this.error === undefined) {
      this.poke()
      await this.running
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.wakeAll()
    if (typeof this.hasher !== 'function') await this.hasher.stop()
  }

  async settled(): Promise<void> {
    while (this.running) await this.running
  }
}
