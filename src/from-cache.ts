import * as core from '@actions/core'
import * as fs from 'node:fs/promises'
import type { ModelCache } from './cache.js'
import { diskFailure } from './errors.js'
import { formatBytes } from './format.js'
import type { ContentAddress } from './integrity.js'

/** What a cache put in the staged file. */
export interface CacheHit {
  size: number
  md5: string
}

/**
 * The first step of every file: a copy from the tool cache into `staged` when the cache holds
 * the file's content address, else undefined (and nothing written) so that it is downloaded.
 */
export async function fromCache(
  cache: ModelCache,
  key: string,
  address: ContentAddress | undefined,
  staged: string
): Promise<CacheHit | undefined> {
  const cached = cache.find(address?.md5)
  if (!cached || !address) return undefined
  // A copy, never a link: editing the workspace file must not change the cache.
  const size = await fs
    .copyFile(cached, staged, fs.constants.COPYFILE_FICLONE)
    .then(() => fs.stat(staged))
    .then((stat) => stat.size)
    .catch((error: unknown) => {
      throw diskFailure(`copy '${key}' from the tool cache to ${staged}`, error)
    })
  core.info(`${key}: ${formatBytes(size)} from the tool cache`)
  return { size, md5: address.md5 }
}
