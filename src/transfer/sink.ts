import { writeFileSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { formatDuration } from '../common/format.js'
import { incomingBody, type BodySource } from './storage-http.js'

/**
 * The receiving end of a download: a response body streamed into the staged file, hashed as
 * it arrives, written behind in the ~1 MiB batches the transport reads into (several writes
 * in flight), and cut when no data comes for too long.
 */

/** No data for the stall timeout: the connection is given up. */
export class Stalled extends Error {}

/** Writing to the staged file failed: a local problem, not worth a retry. */
export class DiskWriteFailed extends Error {
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause })
  }
}

/**
 * The temporary file of one transfer. It is opened only when a body needs more than one
 * write; a body that arrives in one piece (every file under 1 MiB) is written by a single
 * synchronous call, which for a folder model of thousands of small files saves three
 * thread-pool round trips a file.
 */
export class StagedFile {
  private handle: fs.FileHandle | undefined
  /** Several writes may start at once: they share one open. */
  private opening: Promise<fs.FileHandle> | undefined
  private created = false

  constructor(readonly path: string) {}

  get isOpen(): boolean {
    return this.handle !== undefined
  }

  /** Writes `chunks` at `position`, opening the file on first use. */
  async write(chunks: Buffer[], position: number): Promise<void> {
    if (!this.handle) {
      this.opening ??= fs.open(this.path, this.created ? 'r+' : 'w').finally(() => (this.opening = undefined))
      this.handle = await this.opening
      this.created = true
    }
    await this.handle.writev(chunks, position)
  }

  /** Replaces the file's content with `chunks` in one call (the file must not be open). */
  writeWhole(chunks: Buffer[]): void {
    writeFileSync(this.path, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))
    this.created = true
  }

  /** Another writer (the ranged download) made the file: a later write must not truncate it. */
  markCreated(): void {
    this.created = true
  }

  async truncate(): Promise<void> {
    if (this.handle) await this.handle.truncate(0)
    else if (this.created) await fs.truncate(this.path, 0)
  }

  async close(): Promise<void> {
    await this.handle?.close()
    this.handle = undefined
  }
}

/**
 * Positional writes of one body, several in flight at once. They may land out of order;
 * bytes count as written only up to the first gap (`onAdvance` hears where that is), so a
 * resume starts at the right offset.
 */
export class WriteBehind {
  /** Where the next write goes. */
  issuedTo: number
  /** Writes not yet counted: in flight, or landed after a gap. */
  private readonly landed: Array<{ end: number; done: boolean }> = []
  private inFlight = 0
  private drained: (() => void) | undefined

  constructor(
    start: number,
    private readonly write: (pieces: Buffer[], position: number) => Promise<unknown>,
    private readonly onAdvance: (writtenTo: number) => void,
    private readonly onError: (error: unknown) => void
  ) {
    this.issuedTo = start
  }

  /** Writes issued and not yet counted as written. */
  get pending(): number {
    return this.landed.length
  }

  /** Writes `pieces` (`size` bytes) at `issuedTo`; `done` is called once the write settles. */
  issue(pieces: Buffer[], size: number, done: () => void): void {
    const write = { end: this.issuedTo + size, done: false }
    const position = this.issuedTo
    this.issuedTo += size
    this.landed.push(write)
    this.inFlight++
    this.write(pieces, position)
      .then(
        () => {
          write.done = true
          let writtenTo: number | undefined
          while (this.landed.length > 0 && this.landed[0].done) writtenTo = this.landed.shift()!.end
          if (writtenTo !== undefined) this.onAdvance(writtenTo)
        },
        (error: unknown) => this.onError(error)
      )
      .finally(() => {
        done()
        if (--this.inFlight === 0) this.drained?.()
      })
  }

  /** Resolves once no write is in flight. */
  async settled(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve))
  }
}

/**
 * The slowest a body may come, on one connection, averaged over `timeout` seconds (as curl's
 * --speed-limit with --speed-time): slower is a stall, even if a byte comes now and then. Far
 * below any healthy link: a 100 KB/s link split over 64 connections (input `concurrency`'s
 * maximum) gives each about 1.5 KB/s, three times this.
 */
export const MIN_BYTES_PER_SECOND = 512

/**
 * Cuts `body` (with the error `stalled` makes) when no data has come for `stallTimeoutMs`, or
 * when less than MIN_BYTES_PER_SECOND came over that long (a trickle); or when `signal` aborts
 * (with `aborted`'s). `refresh` with each read's byte count; `release` once done.
 */
export function guardBody(
  body: { destroy(error?: Error): void },
  stallTimeoutMs: number,
  signal: AbortSignal,
  errors: { stalled(message: string): Error; aborted(): Error }
): { refresh(bytes: number): void; release(): void } {
  const stall = setTimeout(() => {
    body.destroy(errors.stalled(`no data for ${formatDuration(stallTimeoutMs)}`))
  }, stallTimeoutMs)
  const floor = Math.ceil((MIN_BYTES_PER_SECOND * stallTimeoutMs) / 1000)
  let inWindow = 0
  const trickle = setInterval(() => {
    if (inWindow < floor) {
      body.destroy(
        errors.stalled(
          `only ${inWindow} bytes in ${formatDuration(stallTimeoutMs)}, under the ${MIN_BYTES_PER_SECOND} bytes/s a transfer must keep up`
        )
      )
    }
    inWindow = 0
  }, stallTimeoutMs)
  const abort = (): void => body.destroy(errors.aborted())
  signal.addEventListener('abort', abort, { once: true })
  // Aborted while the request was on its way: the listener would never hear it.
  if (signal.aborted) abort()
  return {
    refresh: (bytes) => {
      inWindow += bytes
      stall.refresh()
    },
    release: () => {
      clearTimeout(stall)
      clearInterval(trickle)
      signal.removeEventListener('abort', abort)
    }
  }
}

/** Roughly the size of each write: what the transport hands on at a time. */
export const FLUSH_BYTES = 1 << 20

export interface ReceiveOptions {
  file: StagedFile
  /** Sees every chunk, in order, as it arrives; absent when the bytes are hashed from disk. */
  hasher?: { update(chunk: Buffer): void }
  /** `written` is where the body's first byte goes; it grows only as bytes reach the disk. */
  progress: { written: number }
  /** Hears each time `progress.written` grows (a hash reading the file behind the writes). */
  onWritten?(writtenTo: number): void
  stallTimeoutMs: number
  signal: AbortSignal
  /** The body's length, when known: a body over one write is written behind from the start. */
  length?: number
}

/**
 * Streams `body` into the file at `progress.written`. What arrived before a failure is on
 * disk and counted when this rejects, so the next attempt can resume after it.
 */
export async function receive(body: Readable | BodySource, options: ReceiveOptions): Promise<void> {
  const { file, hasher, progress, stallTimeoutMs, signal } = options
  const source: BodySource = 'pump' in body ? body : incomingBody(body)
  const guard = guardBody(source, stallTimeoutMs, signal, {
    stalled: (message) => new Stalled(message),
    aborted: () => new Error('aborted')
  })
  let failure: DiskWriteFailed | undefined
  const writes = new WriteBehind(
    progress.written,
    (pieces, position) => file.write(pieces, position),
    (writtenTo) => {
      progress.written = writtenTo
      options.onWritten?.(writtenTo)
    },
    (error) => {
      failure ??= new DiskWriteFailed(error)
      source.destroy()
    }
  )
  // The first delivery waits for a second: a body that comes in one piece (every file under
  // 1 MiB) is written by one call, without opening a file handle.
  let first: { pieces: Buffer[]; size: number; done: () => void } | undefined
  const holdFirst =
    progress.written === 0 && !file.isOpen && (options.length === undefined || options.length <= FLUSH_BYTES)
  let pumped: unknown
  try {
    await source.pump(
      (pieces, done) => {
        let size = 0
        for (const piece of pieces) {
          hasher?.update(piece)
          size += piece.length
        }
        if (failure) return done()
        if (holdFirst && writes.issuedTo === 0 && !first && writes.pending === 0) {
          first = { pieces, size, done }
          return
        }
        if (first) {
          const held = first
          first = undefined
          writes.issue(held.pieces, held.size, held.done)
        }
        writes.issue(pieces, size, done)
      },
      (bytes) => guard.refresh(bytes)
    )
  } catch (error) {
    pumped = error
  } finally {
    guard.release()
  }
  // What arrived before a failure is good: keep it for the resume.
  if (holdFirst && writes.issuedTo === 0 && !file.isOpen) {
    try {
      file.writeWhole(first?.pieces ?? [])
      progress.written = writes.issuedTo = first?.size ?? 0
      options.onWritten?.(progress.written)
    } catch (error) {
      failure ??= new DiskWriteFailed(error)
    } finally {
      first?.done()
      first = undefined
    }
  } else if (first) {
    const held = first
    first = undefined
    writes.issue(held.pieces, held.size, held.done)
  }
  await writes.settled()
  if (failure) throw failure
  if (pumped !== undefined) throw pumped
}
