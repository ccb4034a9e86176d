import * as core from '@actions/core'
import * as fs from 'node:fs/promises'
import { CACHE_LABELS, copyVerified, type CacheLookup, type CacheSource } from '../caches/cached-copy.js'
import type { DiskBudget } from '../files/disk-space.js'
import type { ContentAddress } from '../files/integrity.js'
import type { Md5Threads } from '../files/md5-threads.js'
import { scrub } from '../common/redact.js'

/** What a cache put in the staged file. */
export interface CacheHit {
  size: number
  md5: string
  source: CacheSource
  /** Hashed as copied, and matching the content address. */
  verified: boolean
}

/**
 * The first step of every file: a copy into `staged` from the first cache (tool cache, then
 * Actions cache) whose copy matches the file's content address, hashed as it is copied; else
 * undefined, with nothing left in `staged`, so that it is downloaded. A copy that does not
 * match is discarded from its cache, and it and an unreadable one cost one warning line each.
 */
export async function fromCache(
  caches: CacheLookup,
  key: string,
  address: ContentAddress | undefined,
  staged: string,
  md5Threads?: Md5Threads,
  disk?: DiskBudget
): Promise<CacheHit | undefined> {
  if (!address) return undefined
  for (const hit of caches.find(address.md5)) {
    const where = CACHE_LABELS[hit.source]
    // A copy that cannot fit is not started; a cache's size is not trusted, so the download's
    // own size decides whether the run stops.
    if (disk && !(await fitsOnDisk(disk, key, staged, hit.file))) continue
    try {
      // A copy, never a link: editing the workspace file must not change the cache.
      const copied = await copyVerified(hit.file, staged, address, md5Threads)
      // The caller logs the hit (summarised for a large model).
      if (copied.matches) {
        return { size: copied.size, md5: copied.md5, source: hit.source, verified: copied.verified }
      }
      core.warning(
        `${key}: the copy in ${where} does not match its MD5 (${address.md5}, got ${copied.md5}); it was discarded and the file is fetched again.`
      )
      await hit.discard?.().catch(() => undefined)
    } catch (error) {
      core.warning(
        `${key}: could not copy it from ${where} (${scrub(String((error as Error).message))}); fetching it again.`
      )
    }
    await fs.rm(staged, { force: true })
  }
  return undefined
}

async function fitsOnDisk(disk: DiskBudget, key: string, staged: string, cached: string): Promise<boolean> {
  const size = await fs.stat(cached).then(
    (stat) => stat.size,
    () => undefined
  )
  if (size === undefined) return true
  await disk.watch(staged)
  try {
    disk.need(key, staged, size)
    return true
  } catch {
    return false
  }
}
