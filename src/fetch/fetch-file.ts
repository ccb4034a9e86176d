import * as core from '@actions/core'
import { CACHE_LABELS, type CacheLookup, type FetchedFile } from '../caches/cached-copy.js'
import { download, type DownloadOptions } from '../transfer/download.js'
import { formatBytes, formatDuration, formatRate } from '../common/format.js'
import { fromCache } from './from-cache.js'
import { contentAddress } from '../files/integrity.js'
import type { FileLog } from '../transfer/progress.js'
import type { Staging } from '../files/staging.js'

/** One file into the staging area: from a cache when one has it, else from storage. */

export interface FetchOptions extends DownloadOptions {
  /** The caches to look in first, in order. */
  cache: CacheLookup
  staging: Staging
  /** Where each file's line goes (a large model's are summarised); else one line each. */
  fileLog?: FileLog
}

export async function fetchFile(
  key: string,
  target: string,
  options: FetchOptions,
  signal: AbortSignal
): Promise<FetchedFile> {
  const started = Date.now()
  const address = contentAddress(options.urls.get(key))
  const staged = await options.staging.prepare(target)
  const hit = await fromCache(options.cache, key, address, staged, options.md5Threads, options.disk)
  const log = (line: string, size: number): void =>
    options.fileLog ? options.fileLog.fileDone(line, size) : core.info(line)
  if (hit) {
    log(`${key}: ${formatBytes(hit.size)} from ${CACHE_LABELS[hit.source]}, MD5 verified`, hit.size)
    return { key, target, ...hit, address, durationMs: Date.now() - started }
  }
  const { size, md5, verified } = await download(key, staged, address, options, signal)
  const durationMs = Date.now() - started
  log(
    `${key}: ${formatBytes(size)} downloaded in ${formatDuration(durationMs)} (${formatRate(size, durationMs)})`,
    size
  )
  return { key, target, size, md5, address, verified, source: 'download', durationMs }
}
