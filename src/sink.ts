import { writeFileSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { formatDuration } from './format.js'

/**
 * The receiving end of a download: a response body streamed into the staged file, hashed as
 * it arrives, written behind in 1 MiB batches, and cut when no data comes for too long.
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
  private created = false

  constructor(readonly path: string) {}

  get isOpen(): boolean {
    return this.handle !== undefined
  }

  /** Writes `chunks` at `position`, opening the file on first use. */
  async write(chunks: Buffer[], position: number): Promise<void> {
    this.handle ??= await fs.open(this.path, this.created ? 'r+' : 'w')
    this.created = true
    await this.handle.writev(chunks, position)
  }

  /** Replaces the file's content with `chunks` in one call (the file must not be open). */
  writeWhole(chunks: Buffer[]): void {
    writeFileSync(this.path, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))
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

export const FLUSH_BYTES = 1 << 20

export interface ReceiveOptions {
  file: StagedFile
  /** Sees every chunk, in order, as it arrives. */
  hasher: { update(chunk: Buffer): void }
  /** `written` is where the body's first byte goes; it grows only as bytes reach the disk. */
  progress: { written: number }
  stallTimeoutMs: number
  signal: AbortSignal
}

/**
 * Streams `body` into the file at `progress.written`. What arrived before a failure is on
 * disk and counted when this rejects, so the next attempt can resume after it.
 */
export async function receive(body: Readable, options: ReceiveOptions): Promise<void> {
  const { file, hasher, progress, stallTimeoutMs, signal } = options
  const stall = setTimeout(() => {
    body.destroy(new Stalled(`no data for ${formatDuration(stallTimeoutMs)}`))
  }, stallTimeoutMs)
  const abort = (): void => {
    body.destroy(new Error('aborted'))
  }
  signal.addEventListener('abort', abort, { once: true })
  // Writes go out while the next megabyte arrives (one in flight at a time, in order), and
  // bytes count as written only once on disk, so a resume starts at the right offset.
  let buffered: Buffer[] = []
  let bufferedBytes = 0
  let issuedTo = progress.written
  let inFlight: Promise<void> = Promise.resolve()
  const flush = async (last = false): Promise<void> => {
    await inFlight
    if (last && issuedTo === 0 && !file.isOpen) {
      // The whole body (or all that came of it) in one piece: one call, no file handle.
      try {
        file.writeWhole(buffered)
      } catch (error) {
        throw new DiskWriteFailed(error)
      }
      progress.written += bufferedBytes
      issuedTo += bufferedBytes
      buffered = []
      bufferedBytes = 0
      return
    }
    if (bufferedBytes === 0) return
    const chunks = buffered
    const size = bufferedBytes
    const position = issuedTo
    buffered = []
    bufferedBytes = 0
    issuedTo += size
    inFlight = file.write(chunks, position).then(
      () => {
        progress.written += size
      },
      (error: unknown) => {
        throw new DiskWriteFailed(error)
      }
    )
  }
  try {
    for await (const chunk of body) {
      stall.refresh()
      hasher.update(chunk as Buffer)
      buffered.push(chunk as Buffer)
      bufferedBytes += (chunk as Buffer).length
      if (bufferedBytes >= FLUSH_BYTES) await flush()
    }
  } finally {
    clearTimeout(stall)
    signal.removeEventListener('abort', abort)
    // What arrived before a failure is good: keep it for the resume.
    await flush(true)
    await inFlight
  }
}
