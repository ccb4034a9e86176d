import { hashingCopy } from '../files/hashing-copy.js'
import { ContentHasher, type ContentAddress } from '../files/integrity.js'
import type { Md5Threads } from '../files/md5-threads.js'

/**
 * Copies out of the caches, every byte checked against the file's MD5 as it is copied. A
 * cache is not trusted: on a self-hosted runner shared by several repositories one job can
 * plant a file under another model's hash, and an Actions cache entry can be corrupt.
 */

export type CacheSource = 'tool-cache' | 'actions-cache'

/** A file in the staging area, as it was fetched and checked: what the caches keep and the report lists. */
export interface FetchedFile {
  key: string
  target: string
  size: number
  /** MD5 of the bytes written. */
  md5: string
  /** The DVC content address of its URL, if it had one. */
  address?: ContentAddress
  /** This run hashed the bytes and they matched the content address. */
  verified: boolean
  source: CacheSource | 'download'
  durationMs: number
}

export const CACHE_LABELS: Record<CacheSource, string> = {
  'tool-cache': 'the tool cache',
  'actions-cache': 'the Actions cache'
}

/** A file a cache holds under an MD5. */
export interface CachedFile {
  file: string
  source: CacheSource
  /** Removes the entry, after it failed its check, so a good copy can take its place. */
  discard?(): Promise<void>
}

/** Where to look for a file, in order. */
export interface CacheLookup {
  find(md5: string): CachedFile[]
}

/** The caches in lookup order; those that are off are left out. */
export function cacheChain(...caches: Array<{ entry(md5: string): CachedFile | undefined } | undefined>): CacheLookup {
  return {
    find: (md5) => caches.map((cache) => cache?.entry(md5)).filter((hit): hit is CachedFile => hit !== undefined)
  }
}

/**
 * Copies `source` to `target`, every byte hashed as it goes: on a worker thread when one is
 * free and only the raw MD5 counts, else here (hashingCopy), so all cores copy at once.
 */
export async function copyVerified(
  source: string,
  target: string,
  address: ContentAddress,
  md5Threads?: Md5Threads
): Promise<{ size: number; md5: string; matches: boolean; verified: boolean }> {
  const hasher = new ContentHasher(address)
  const here = async (): Promise<{ size: number; md5: string; matches: boolean; verified: boolean }> => {
    const size = await hashingCopy(source, target, (piece) => hasher.update(piece))
    return { size, ...hasher.finish() }
  }
  if (!md5Threads) return here()
  // DVC 2's text hash needs every byte here: such a file is never copied on a thread.
  const there = hasher.rawOnly
    ? ({ size, md5 }: { size: number; md5: string }) => {
        hasher.adoptRaw(md5)
        return { size, ...hasher.finish() }
      }
    : undefined
  return md5Threads.copyFile(source, target, here, there)
}
