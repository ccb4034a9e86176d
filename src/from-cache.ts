import * as core from '@actions/core'
import * as fs from 'node:fs/promises'
import type { ModelCache } from './cache.js'
import { formatBytes } from './format.js'
import { hashingCopy } from './hashing-copy.js'
import { ContentHasher, type ContentAddress } from './integrity.js'
import { scrub } from './redact.js'

/** What a cache put in the staged file. */
export interface CacheHit {
  size: number
  md5: string
}

/**
 * The first step of every file: a copy from the tool cache into `staged` when the cache holds
 * the file's content address, hashed while it is copied (a cache is not trusted: on a shared
 * self-hosted runner another job can write to it); else undefined, with nothing left in
 * `staged`, so that it is downloaded.
 */
export async function fromCache(
  cache: ModelCache,
  key: string,
  address: ContentAddress | undefined,
  staged: string
): Promise<CacheHit | undefined> {
  const cached = cache.find(address?.md5)
  if (!cached || !address) return undefined
  const hasher = new ContentHasher(address)
  try {
    // A copy, never a link: editing the workspace file must not change the cache.
    const size = await hashingCopy(cached, staged, (piece) => hasher.update(piece))
    const { md5, matches } = hasher.finish()
    if (matches) {
      core.info(`${key}: ${formatBytes(size)} from the tool cache, MD5 verified`)
      return { size, md5: address.md5 }
    }
    core.warning(
      `${key}: the copy in the tool cache does not match its MD5 (${address.md5}, got ${md5}); the file is fetched again.`
    )
  } catch (error) {
    core.warning(
      `${key}: could not copy it from the tool cache (${scrub(String((error as Error).message))}); fetching it again.`
    )
  }
  await fs.rm(staged, { force: true })
  return undefined
}
