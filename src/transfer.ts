import * as core from '@actions/core'
import { setMaxListeners } from 'node:events'
import type { IncomingMessage } from 'node:http'
import { CACHE_LABELS, copyFromCaches, type CacheLookup, type CacheSource } from './cached-copy.js'
import { ActionError, diskFailure } from './errors.js'
import { formatBytes, formatDuration, formatRate, shorten } from './format.js'
import {
  backoffMs,
  isRetryableStatus,
  readSmallBody,
  retryAfterMs,
  sleep,
  type HttpPool,
  type RetryTiming
} from './http.js'
import { ContentHasher, contentAddress, type ContentAddress } from './integrity.js'
import { describeUrl, scrub } from './redact.js'
import { hasExpired, type SignedUrls } from './signed-urls.js'
import { StagedFile, type Staging } from './staging.js'

/**
 * Moving each file's bytes into the staging area: from the tool cache when it has them,
 * else from storage, streamed through the hash to disk, with retries, resume, stall
 * detection and fresh URLs when they expire.
 */

export interface FetchedFile {
  key: string
  target: string
  size: number
  /** MD5 of the bytes written. */
  md5: string
  /** The DVC content address the file was checked against, if its URL had one. */
  address?: ContentAddress
  source: CacheSource | 'download'
  durationMs: number
}

export interface TransferOptions {
  http: HttpPool
  urls: SignedUrls
  cache: CacheLookup
  staging: Staging
  concurrency: number
  retries: number
  stallTimeoutMs: number
  timing: RetryTiming
  progressIntervalMs: number
}

/** Fetches every file (`key -> target`), several at once; the first failure stops the rest. */
export async function fetchFiles(targets: Map<string, string>, options: TransferOptions): Promise<FetchedFile[]> {
  const queue = [...targets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const results: FetchedFile[] = []
  const controller = new AbortController()
  // Each transfer under way listens for the abort (twice while it waits to retry).
  setMaxListeners(2 * options.concurrency + 10, controller.signal)
  let failure: unknown
  let next = 0
  async function worker(): Promise<void> {
    while (failure === undefined && next < queue.length) {
      const [key, target] = queue[next++]
      try {
        results.push(await fetchFile(key, target, options, controller.signal))
      } catch (error) {
        if (failure === undefined) failure = error
        controller.abort()
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker))
  if (failure !== undefined) throw failure
  return results.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

async function fetchFile(
  key: string,
  target: string,
  options: TransferOptions,
  signal: AbortSignal
): Promise<FetchedFile> {
  const started = Date.now()
  const address = contentAddress(options.urls.get(key))
  const staged = await options.staging.prepare(target)
  const hit = address && (await copyFromCaches(key, staged, address, options.cache))
  if (hit) {
    core.info(`${key}: ${formatBytes(hit.size)} from ${CACHE_LABELS[hit.source]}, MD5 verified`)
    return { key, target, size: hit.size, md5: hit.md5, address, source: hit.source, durationMs: Date.now() - started }
  }
  const { size, md5 } = await download(key, staged, address, options, signal)
  const durationMs = Date.now() - started
  core.info(
    `${key}: ${formatBytes(size)} downloaded in ${formatDuration(durationMs)} (${formatRate(size, durationMs)})`
  )
  return { key, target, size, md5, address, source: 'download', durationMs }
}

/** Why an attempt did not finish, and how the next one should start. */
class AttemptFailed extends Error {
  constructor(
    message: string,
    readonly restart = false,
    readonly retryAfter?: number
  ) {
    super(message)
  }
}
class UrlExpired extends Error {}
class Stalled extends Error {}
class DiskError extends Error {}

function diskError(error: unknown): DiskError {
  return new DiskError((error as Error).message, { cause: error })
}

/** Empties the file and the hash: the next attempt starts from byte zero. */
async function startOver(file: StagedFile, hasher: ContentHasher, progress: Progress): Promise<void> {
  progress.written = 0
  hasher.reset()
  await file.truncate()
}

interface Progress {
  written: number
  total?: number
  /** The strong ETag of the first answer: a resume asks for the rest of that same object. */
  etag?: string
}

async function download(
  key: string,
  staged: string,
  address: ContentAddress | undefined,
  options: TransferOptions,
  signal: AbortSignal
): Promise<{ size: number; md5: string }> {
  const file = new StagedFile(staged)
  const hasher = new ContentHasher(address)
  const progress: Progress = { written: 0 }
  const started = Date.now()
  const ticker = setInterval(() => reportProgress(key, progress, started), options.progressIntervalMs)
  ticker.unref()
  let url = options.urls.get(key)
  // Failures count towards `retries` only while no new bytes arrive: a huge file on a flaky
  // link keeps going as long as each attempt gets further than the last.
  let failures = 0
  let furthest = 0
  try {
    for (;;) {
      if (signal.aborted) throw new ActionError(`Transfer of '${key}' was stopped because another file failed.`)
      if (hasExpired(url)) url = await options.urls.refresh(key, url, 'expired before its transfer started')
      try {
        await attempt(key, url, file, hasher, progress, options, signal)
        const { md5, matches } = hasher.finish()
        if (matches) return { size: progress.written, md5 }
        throw new AttemptFailed(`MD5 mismatch (got ${md5}, the DVC remote names ${address?.md5})`, true)
      } catch (error) {
        if (error instanceof UrlExpired) {
          url = await options.urls.refresh(key, url, 'was refused as expired by storage')
          continue
        }
        if (error instanceof ActionError) throw error
        if (error instanceof DiskError) throw diskFailure(`write '${key}' to ${staged}`, error.cause ?? error)
        if (signal.aborted) throw new ActionError(`Transfer of '${key}' was stopped because another file failed.`)
        const reason = describeFailure(error, progress)
        if (progress.written > furthest) {
          furthest = progress.written
          failures = 0
        }
        const restart = error instanceof AttemptFailed && error.restart
        if (restart) await startOver(file, hasher, progress)
        failures++
        if (failures > options.retries) {
          throw new ActionError(
            `Could not download '${key}' from ${describeUrl(url)} after ${failures} failed attempts in a row: ${reason}. Storage or the network kept failing; re-run the job, or raise input 'retries' (now ${options.retries}) or 'timeout' for a slow link.`
          )
        }
        const delay = backoffMs(failures, options.timing, error instanceof AttemptFailed ? error.retryAfter : undefined)
        const resume = progress.written > 0 ? `, resuming at byte ${progress.written}` : ''
        core.info(
          `Retrying '${key}' in ${formatDuration(delay)} (retry ${failures} of ${options.retries}): ${reason}${resume}.`
        )
        await sleep(delay, signal)
      }
    }
  } finally {
    clearInterval(ticker)
    await file.close()
  }
}

function describeFailure(error: unknown, progress: Progress): string {
  if (error instanceof AttemptFailed || error instanceof Stalled) return error.message
  const code = (error as NodeJS.ErrnoException)?.code
  const message = scrub(String((error as Error)?.message ?? error))
  const where = progress.total ? ` after ${progress.written} of ${progress.total} bytes` : ''
  return `connection failed${where} (${code ?? message})`
}

const FLUSH_BYTES = 1 << 20

/** One request: asks for the remaining bytes and appends them to the file as they arrive. */
async function attempt(
  key: string,
  url: string,
  file: StagedFile,
  hasher: ContentHasher,
  progress: Progress,
  options: TransferOptions,
  signal: AbortSignal
): Promise<void> {
  const resumeAt = progress.written
  const headers: Record<string, string> = {}
  if (resumeAt > 0) {
    headers.Range = `bytes=${resumeAt}-`
    if (progress.etag) headers['If-Range'] = progress.etag
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
      core.info(`Storage ignored the range request for '${key}': downloading it again from the start.`)
      await startOver(file, hasher, progress)
    }
    const length = body.headers['content-length']
    progress.total = length !== undefined ? Number(length) : undefined
    const etag = body.headers.etag
    progress.etag = etag && !etag.startsWith('W/') ? etag : undefined
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
    throw new ActionError(
      `Storage refused the download (HTTP ${status} from ${describeUrl(url)})${text ? `: "${storageExplanation(text)}"` : ''}. ${storageHint(status)}`
    )
  }
  await receive(body, file, hasher, progress, options.stallTimeoutMs, signal)
  if (progress.total !== undefined && progress.written < progress.total) {
    throw new AttemptFailed(`connection closed after ${progress.written} of ${progress.total} bytes`)
  }
  if (progress.total !== undefined && progress.written > progress.total) {
    throw new AttemptFailed(`storage sent more bytes than announced`, true)
  }
}

/** Streams the body into the file at the current offset, hashing each chunk as it arrives. */
async function receive(
  body: IncomingMessage,
  file: StagedFile,
  hasher: ContentHasher,
  progress: Progress,
  stallTimeoutMs: number,
  signal: AbortSignal
): Promise<void> {
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
        throw diskError(error)
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
        throw diskError(error)
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

/**
 * S3 and Azure explain themselves in XML `<Code>` and `<Message>`; only those are shown, since
 * the rest (S3's StringToSign, CanonicalRequest) repeats parts of the signed query.
 */
function storageExplanation(text: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
  if (code || message) return shorten([code, message].filter(Boolean).join(': '))
  return scrub(shorten(text))
}

function storageHint(status: number): string {
  if (status === 403 || status === 401) {
    return "The signed URL was refused: check the DVC remote's credentials in Studio's project settings."
  }
  if (status === 404) {
    return "The file is missing from the DVC remote: push it with 'dvc push' from the commit that registered the model."
  }
  return 'Check the DVC remote configured for the project in Studio.'
}

function reportProgress(key: string, progress: Progress, started: number): void {
  const elapsed = Date.now() - started
  const rate = progress.written / Math.max(elapsed, 1)
  if (progress.total) {
    const percent = Math.floor((100 * progress.written) / progress.total)
    const eta = rate > 0 ? formatDuration((progress.total - progress.written) / rate) : '?'
    core.info(
      `${key}: ${formatBytes(progress.written)} of ${formatBytes(progress.total)} (${percent}%), ${formatRate(progress.written, elapsed)}, ETA ${eta}`
    )
  } else {
    core.info(`${key}: ${formatBytes(progress.written)}, ${formatRate(progress.written, elapsed)}`)
  }
}
