import { ActionError, diskFailure } from '../common/errors.js'
import { AttemptFailed, PartialDownload, UrlExpired, attempt } from './attempt.js'
import type { ConnectionBudget } from './connection-budget.js'
import { errorReason } from '../common/format.js'
import type { DiskBudget } from '../files/disk-space.js'
import { ContentHasher, type ContentAddress } from '../files/integrity.js'
import type { Md5Threads } from '../files/md5-threads.js'
import { DownloadProgress } from './progress.js'
import { describeUrl, scrub } from '../common/redact.js'
import { isTlsSetupError, tlsAdvice, type RetryPolicy } from '../common/retry.js'
import { hasExpired, type SignedUrls } from './signed-urls.js'
import { DiskWriteFailed, StagedFile, Stalled } from './sink.js'
import { gaveUp } from './storage-errors.js'
import { StorageTimeout, type StorageHttp } from './storage-http.js'

/**
 * One file from storage into its staged path, attempt after attempt: retries under the
 * shared policy, resume where the last attempt got to, fresh URLs when they expire, and the
 * MD5 checked against the DVC content address at the end.
 */

export interface DownloadOptions {
  http: StorageHttp
  /** Connections to storage: the file's own, and what its parts may borrow (fetch/worker-pool.ts). */
  connections: ConnectionBudget
  /** Files larger than this go in parallel ranged parts (0: never). */
  partBytes: number
  /** Raw MD5s on worker threads (absent: every byte hashed on the main thread). */
  md5Threads?: Md5Threads
  urls: SignedUrls
  policy: RetryPolicy
  stallTimeoutMs: number
  progressIntervalMs: number
  /** The model's sizes against the free disk, shared by its files (absent: not checked). */
  disk?: DiskBudget
}

export async function download(
  key: string,
  staged: string,
  address: ContentAddress | undefined,
  options: DownloadOptions,
  signal: AbortSignal
): Promise<{ size: number; md5: string; verified: boolean }> {
  const { policy } = options
  const progress = new DownloadProgress(key, options.progressIntervalMs)
  const partial = new PartialDownload(new StagedFile(staged), new ContentHasher(address), progress)
  const budget = policy.budget()
  const stopped = (): ActionError => new ActionError(`Transfer of '${key}' was stopped because another file failed.`)
  // Its volume known before the first answer, whose size is then checked at once.
  await options.disk?.watch(staged)
  progress.start()
  let url = options.urls.get(key)
  try {
    for (;;) {
      if (signal.aborted) throw stopped()
      if (hasExpired(url)) url = await options.urls.refresh(key, url, 'expired before its transfer started')
      try {
        await attempt(url, partial, {
          http: options.http,
          stallTimeoutMs: options.stallTimeoutMs,
          signal,
          partBytes: options.partBytes,
          md5Threads: options.md5Threads,
          url: {
            get: () => options.urls.get(key),
            refresh: (stale, reason) => options.urls.refresh(key, stale, reason)
          },
          connections: options.connections,
          policy,
          disk: options.disk
        })
        const { md5, matches, verified } = partial.hasher.finish()
        if (matches) return { size: progress.written, md5, verified }
        throw new AttemptFailed(`MD5 mismatch (got ${md5}, the DVC remote names ${address?.md5})`, true)
      } catch (error) {
        if (error instanceof UrlExpired) {
          url = await options.urls.refresh(key, url, 'was refused as expired by storage')
          continue
        }
        if (error instanceof ActionError) throw error
        if (error instanceof DiskWriteFailed) throw diskFailure(`write '${key}' to ${staged}`, error.cause ?? error)
        if (signal.aborted) throw stopped()
        if (isTlsSetupError(error)) throw new ActionError(tlsAdvice(`storage at ${describeUrl(url)}`, url, error))
        const reason = describeFailure(error, progress)
        const more = budget.fail(progress.written)
        if (error instanceof AttemptFailed && error.restart) await partial.startOver()
        if (!more) throw new ActionError(gaveUp(`'${key}' from ${describeUrl(url)}`, budget, reason, policy.retries))
        const resume = progress.written > 0 ? `, resuming at byte ${progress.written}` : ''
        const retryAfter = error instanceof AttemptFailed ? error.retryAfter : undefined
        await policy.wait(`'${key}'`, budget, `${reason}${resume}`, retryAfter, signal)
      }
    }
  } finally {
    progress.stop()
    await partial.close()
  }
}

function describeFailure(error: unknown, progress: DownloadProgress): string {
  if (error instanceof AttemptFailed || error instanceof Stalled || error instanceof StorageTimeout)
    return error.message
  const code = (error as NodeJS.ErrnoException)?.code
  const message = scrub(errorReason(error))
  const where = progress.total ? ` after ${progress.written} of ${progress.total} bytes` : ''
  return `connection failed${where} (${code ?? message})`
}
