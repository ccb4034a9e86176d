import * as core from '@actions/core'
import type { ConnectionBudget } from './connection-budget.js'
import { ActionError } from '../common/errors.js'
import type { DiskBudget } from '../files/disk-space.js'
import type { ContentHasher } from '../files/integrity.js'
import { HashThreadFailed, type Md5Stream, type Md5Threads } from '../files/md5-threads.js'
import type { DownloadProgress } from './progress.js'
import { PartDiskError, RestartFromZero, downloadRanged, type CurrentUrl, type RangeGetter } from './ranged-download.js'
import { isRetryableStatus, retryAfterMs, type RetryPolicy } from '../common/retry.js'
import { hasExpired } from './signed-urls.js'
import { DiskWriteFailed, receive, type StagedFile } from './sink.js'
import { CONTENT_RANGE, otherObject, rangeFramingFault } from './same-object.js'
import { storageRefusal } from './storage-errors.js'
import { BodyOverrun, readSmallBody, readSmallText, type BodySource } from './storage-http.js'

/**
 * One HTTP request of a download: asks for the bytes still missing (Range, with If-Range so
 * they come from the same object), checks what storage answered, and receives the body.
 * A download from byte zero asks for the first part only (`Range: bytes=0-<part-1>`): the
 * answer says whether storage serves ranges and how large the file is, and a file larger
 * than one part goes on in parallel ranged parts (ranged-download.ts).
 */

/** Why an attempt did not finish, and how the next one should start. */
/** An answer this attempt cannot use: its body is dropped and the attempt fails. */
function refuseAnswer(body: BodySource, reason: string, restart = false): never {
  body.destroy()
  throw new AttemptFailed(reason, restart)
}

export class AttemptFailed extends Error {
  constructor(
    message: string,
    /** The bytes so far cannot be kept: the next attempt starts from byte zero. */
    readonly restart = false,
    readonly retryAfter?: number
  ) {
    super(message)
  }
}

/** Storage refused the URL as expired: ask Studio for a fresh one. */
export class UrlExpired extends Error {}

/** What one file's download has so far, carried from attempt to attempt. */
export class PartialDownload {
  /** The strong ETag of the first answer: a resume asks for the rest of that same object. */
  etag: string | undefined
  /** Storage does not serve parts of this object (or stopped): one stream from byte zero. */
  singleStream = false
  /** The raw MD5, taken on a worker thread from what is on disk (instead of `hasher`). */
  hashBehind: Md5Stream | undefined

  constructor(
    readonly file: StagedFile,
    readonly hasher: ContentHasher,
    readonly progress: DownloadProgress
  ) {}

  /** Empties the file and the hash: the next bytes are byte zero. */
  async startOver(): Promise<void> {
    this.progress.written = 0
    this.hasher.reset()
    await this.hashOnThread(undefined)
    await this.file.truncate()
  }

  /**
   * Drops any earlier hash behind; with `threads`, the bytes from zero are hashed on one if
   * one is free (else here, as they arrive).
   */
  async hashOnThread(threads: Md5Threads | undefined): Promise<void> {
    const stale = this.hashBehind
    this.hashBehind = threads?.streamIfFree(this.file.path)
    await stale?.stop()
  }

  async close(): Promise<void> {
    await this.hashOnThread(undefined)
    await this.file.close()
  }
}

/**
 * Bodies from this size up are hashed behind their writes on a worker thread; below it the
 * messages would cost more than the MD5 (a 4 KiB file hashes in microseconds).
 */
export const HASH_BEHIND_BYTES = 256 << 10

export interface AttemptOptions {
  http: RangeGetter
  stallTimeoutMs: number
  signal: AbortSignal
  /** Files larger than this go in parallel ranged parts of this size (0: never). */
  partBytes: number
  /** Raw MD5s on worker threads, in parallel with receiving (absent: on the main thread). */
  md5Threads?: Md5Threads
  /** For the parts: the file's URL kept current, the shared connections, the retry policy. */
  url: CurrentUrl
  connections: ConnectionBudget
  policy: RetryPolicy
  /** The model's sizes against the free disk: a file that cannot fit is not started. */
  disk?: DiskBudget
}

/** One request for the rest of the file at `url`, appended to `partial` as it arrives. */
export async function attempt(url: string, partial: PartialDownload, options: AttemptOptions): Promise<void> {
  const { progress } = partial
  const resumeAt = progress.written
  const { partBytes } = options
  // From byte zero, ask for the first part, unless the file is known to fit in one.
  const firstPart =
    resumeAt === 0 &&
    partBytes > 0 &&
    !partial.singleStream &&
    !(progress.total !== undefined && progress.total <= partBytes)
  const headers: Record<string, string> = {}
  if (resumeAt > 0) {
    headers.Range = `bytes=${resumeAt}-`
    if (partial.etag) headers['If-Range'] = partial.etag
  } else if (firstPart) {
    headers.Range = `bytes=0-${partBytes - 1}`
  }
  let response = await options.http.get(url, headers)
  if (firstPart && response.status === 416) {
    // An empty object has no byte zero (S3 refuses the range): ask for it whole.
    await readSmallText(response.body)
    partial.singleStream = true
    response = await options.http.get(url, {})
  }
  const { status, body } = response
  if (status === 206 && firstPart) {
    const range = CONTENT_RANGE.exec(String(response.headers['content-range'] ?? ''))
    const total = range && range[3] !== '*' ? Number(range[3]) : undefined
    if (
      !range ||
      total === undefined ||
      Number(range[1]) !== 0 ||
      Number(range[2]) !== Math.min(total, partBytes) - 1
    ) {
      partial.singleStream = true
      refuseAnswer(body, 'storage answered a different range than asked for; starting over', true)
    }
    const framing = rangeFramingFault(range, response.headers['content-length'], total)
    if (framing) {
      refuseAnswer(body, framing)
    }
    progress.total = total
    reserveDisk(partial, options, body)
    const etag = response.headers.etag
    partial.etag = etag && !etag.startsWith('W/') ? etag : undefined
    if (total > partBytes) return inParts(partial, options, body)
    // The whole file came as the first part: received like any body.
  } else if (status === 206 && resumeAt > 0) {
    const range = CONTENT_RANGE.exec(String(response.headers['content-range'] ?? ''))
    if (!range || Number(range[1]) !== resumeAt) {
      refuseAnswer(body, 'storage answered a different range than asked for; starting over', true)
    }
    const total = range[3] === '*' ? progress.total : Number(range[3])
    // The rest must be of the object the first bytes came from: never two objects spliced.
    const other = otherObject(partial.etag, progress.total, response.headers.etag, total)
    if (other) {
      refuseAnswer(body, `${other}; starting over from byte 0`, true)
    }
    const framing = rangeFramingFault(range, response.headers['content-length'], total)
    if (framing) {
      refuseAnswer(body, framing)
    }
    progress.total = total
    // A first answer without a length (chunked) reserved nothing: this one says the size.
    reserveDisk(partial, options, body)
  } else if (status === 200) {
    if (resumeAt > 0) {
      core.info(`Storage ignored the range request for '${progress.key}': downloading it again from the start.`)
      await partial.startOver()
    }
    // Asked for the first part and sent everything: storage does not serve ranges.
    if (firstPart) partial.singleStream = true
    const length = response.headers['content-length']
    progress.total = length !== undefined ? Number(length) : undefined
    reserveDisk(partial, options, body)
    const etag = response.headers.etag
    partial.etag = etag && !etag.startsWith('W/') ? etag : undefined
  } else if (status === 416 && resumeAt > 0) {
    await readSmallText(body)
    throw new AttemptFailed('storage refused to resume at that offset; starting over', true)
  } else {
    const said = await readSmallBody(response)
    const text = said.text
    // S3 and Azure say "expired"; emulators may not, so a URL past its own expiry counts too.
    if (status === 403 && (/expired/i.test(text) || hasExpired(url, Date.now(), 0))) throw new UrlExpired()
    if (isRetryableStatus(status)) {
      throw new AttemptFailed(`storage answered HTTP ${status}`, false, retryAfterMs(response.headers))
    }
    throw new ActionError(storageRefusal(status, url, said))
  }
  // From byte zero, a large enough body is hashed on a worker thread behind its writes.
  if (resumeAt === 0) {
    const large = progress.total !== undefined && progress.total >= HASH_BEHIND_BYTES
    await partial.hashOnThread(large && partial.hasher.rawOnly ? options.md5Threads : undefined)
  }
  const behind = partial.hashBehind
  try {
    await receive(body, {
      file: partial.file,
      hasher: behind ? undefined : partial.hasher,
      onWritten: behind && ((writtenTo) => behind.advance(writtenTo)),
      progress,
      stallTimeoutMs: options.stallTimeoutMs,
      signal: options.signal,
      length: progress.total === undefined ? undefined : progress.total - progress.written
    })
  } catch (error) {
    // A body longer than its framing: nothing of this answer can be trusted, earlier bytes included.
    if (error instanceof BodyOverrun) throw new AttemptFailed(`${error.message}; starting over`, true)
    throw error
  }
  if (progress.total !== undefined && progress.written < progress.total) {
    throw new AttemptFailed(`connection closed after ${progress.written} of ${progress.total} bytes`)
  }
  if (progress.total !== undefined && progress.written > progress.total) {
    throw new AttemptFailed(`storage sent more bytes than announced`, true)
  }
  if (behind) {
    partial.hashBehind = undefined
    try {
      partial.hasher.adoptRaw(await behind.digest())
    } catch (error) {
      // A thread that died is no disk problem: start over, hashed here (no dead thread is picked).
      if (error instanceof HashThreadFailed) throw new AttemptFailed(`the MD5 thread failed (${error.message})`, true)
      throw new DiskWriteFailed(error)
    }
  }
}

/** The file's size is known: it must fit on the disk beside the model's other files, before a byte is written. */
function reserveDisk(partial: PartialDownload, options: AttemptOptions, body: BodySource): void {
  const { total, key } = partial.progress
  if (!options.disk || total === undefined || !Number.isSafeInteger(total) || total < 0) return
  try {
    options.disk.need(key, partial.file.path, total)
  } catch (error) {
    body.destroy()
    throw error
  }
}

/**
 * The rest of a file larger than one part, in parallel ranged parts, each retried on its own.
 * Parts land out of order, so nothing of a failed ranged download is kept for a resume.
 */
async function inParts(partial: PartialDownload, options: AttemptOptions, firstPart: BodySource): Promise<void> {
  const { progress } = partial
  const total = progress.total!
  await partial.file.close()
  // The raw MD5 on a worker thread, in parallel with receiving; DVC 2's text hash here.
  const inWorker = options.md5Threads?.alive === true && partial.hasher.rawOnly
  try {
    const { md5 } = await downloadRanged({
      key: progress.key,
      path: partial.file.path,
      total,
      partBytes: options.partBytes,
      etag: partial.etag,
      firstPart,
      http: options.http,
      url: options.url,
      hash: inWorker ? undefined : (piece) => partial.hasher.update(piece),
      md5Threads: options.md5Threads,
      connections: options.connections,
      retry: options.policy,
      stallTimeoutMs: options.stallTimeoutMs,
      signal: options.signal,
      refused: (status, refusedUrl, text) => new ActionError(storageRefusal(status, refusedUrl, text)),
      onWritten: (bytes) => {
        progress.written += bytes
      }
    })
    if (inWorker) partial.hasher.adoptRaw(md5!)
    partial.file.markCreated()
    progress.written = total
  } catch (error) {
    partial.file.markCreated()
    if (error instanceof ActionError) throw error
    if (error instanceof PartDiskError) throw new DiskWriteFailed(error.cause ?? error)
    if (error instanceof RestartFromZero && error.rangesIgnored) partial.singleStream = true
    throw new AttemptFailed(error instanceof Error ? error.message : String(error), true)
  }
}
