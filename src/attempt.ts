import * as core from '@actions/core'
import { ActionError } from './errors.js'
import { readSmallBody, type HttpPool } from './http.js'
import type { ContentHasher } from './integrity.js'
import type { DownloadProgress } from './progress.js'
import { isRetryableStatus, retryAfterMs } from './retry.js'
import { hasExpired } from './signed-urls.js'
import { receive, type StagedFile } from './sink.js'
import { storageRefusal } from './storage-errors.js'

/**
 * One HTTP request of a download: asks for the bytes still missing (Range, with If-Range so
 * they come from the same object), checks what storage answered, and receives the body.
 */

/** Why an attempt did not finish, and how the next one should start. */
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

  constructor(
    readonly file: StagedFile,
    readonly hasher: ContentHasher,
    readonly progress: DownloadProgress
  ) {}

  /** Empties the file and the hash: the next bytes are byte zero. */
  async startOver(): Promise<void> {
    this.progress.written = 0
    this.hasher.reset()
    await this.file.truncate()
  }
}

export interface AttemptOptions {
  http: HttpPool
  stallTimeoutMs: number
  signal: AbortSignal
}

/** One request for the rest of the file at `url`, appended to `partial` as it arrives. */
export async function attempt(url: string, partial: PartialDownload, options: AttemptOptions): Promise<void> {
  const { progress } = partial
  const resumeAt = progress.written
  const headers: Record<string, string> = {}
  if (resumeAt > 0) {
    headers.Range = `bytes=${resumeAt}-`
    if (partial.etag) headers['If-Range'] = partial.etag
  }
  const response = await options.http.get(url, headers)
  const body = response.message
  const status = body.statusCode ?? 0
  if (status === 206 && resumeAt > 0) {
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(body.headers['content-range'] ?? ''))
    if (!range || Number(range[1]) !== resumeAt) {
      body.destroy()
      throw new AttemptFailed('storage answered a different range than asked for; starting over', true)
    }
    progress.total = range[3] === '*' ? undefined : Number(range[3])
  } else if (status === 200) {
    if (resumeAt > 0) {
      core.info(`Storage ignored the range request for '${progress.key}': downloading it again from the start.`)
      await partial.startOver()
    }
    const length = body.headers['content-length']
    progress.total = length !== undefined ? Number(length) : undefined
    const etag = body.headers.etag
    partial.etag = etag && !etag.startsWith('W/') ? etag : undefined
  } else if (status === 416 && resumeAt > 0) {
    await readSmallBody(response)
    throw new AttemptFailed('storage refused to resume at that offset; starting over', true)
  } else {
    const text = await readSmallBody(response)
    // S3 and Azure say "expired"; emulators may not, so a URL past its own expiry counts too.
    if (status === 403 && (/expired/i.test(text) || hasExpired(url, Date.now(), 0))) throw new UrlExpired()
    if (isRetryableStatus(status)) {
      throw new AttemptFailed(`storage answered HTTP ${status}`, false, retryAfterMs(body.headers))
    }
    throw new ActionError(storageRefusal(status, url, text))
  }
  await receive(body, {
    file: partial.file,
    hasher: partial.hasher,
    progress,
    stallTimeoutMs: options.stallTimeoutMs,
    signal: options.signal
  })
  if (progress.total !== undefined && progress.written < progress.total) {
    throw new AttemptFailed(`connection closed after ${progress.written} of ${progress.total} bytes`)
  }
  if (progress.total !== undefined && progress.written > progress.total) {
    throw new AttemptFailed(`storage sent more bytes than announced`, true)
  }
}
