import { lstatSync, type BigIntStats } from 'node:fs'
import * as fs from 'node:fs/promises'
import { ContentHasher, type ContentAddress } from './integrity.js'

/**
 * What a file is on disk, to the nanosecond: device, inode, size, and the times of its last
 * write (mtime) and last change of any kind (ctime, which no user can set back). A cache entry
 * that is a hard link of a workspace file shares its bytes: when the identity recorded after
 * the file was verified still holds, nothing has written to it since, and it needs no new hash.
 * Kept as decimal strings so it survives a JSON round trip between the main and the post step.
 */
export interface FileIdentity {
  dev: string
  ino: string
  size: string
  mtimeNs: string
  ctimeNs: string
}

/** The identity of `file` (not following a link), or undefined when it is gone. */
export async function fileIdentity(file: string): Promise<FileIdentity | undefined> {
  return identityOf(await fs.lstat(file, { bigint: true }).catch(() => undefined))
}

/**
 * The same, synchronously: for thousands of files at a moment when nothing else runs (the
 * main step after its downloads), 3,000 take ~30 ms so against 100-150 ms through the thread pool.
 */
export function fileIdentitySync(file: string): FileIdentity | undefined {
  try {
    return identityOf(lstatSync(file, { bigint: true }))
  } catch {
    return undefined
  }
}

function identityOf(stat: BigIntStats | undefined): FileIdentity | undefined {
  if (!stat?.isFile()) return undefined
  return {
    dev: String(stat.dev),
    ino: String(stat.ino),
    size: String(stat.size),
    mtimeNs: String(stat.mtimeNs),
    ctimeNs: String(stat.ctimeNs)
  }
}

export function sameIdentity(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  if (!a || !b) return false
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs
}

/** Whether two identities name the same file on disk (one inode), whatever happened to it since. */
export function sameInode(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return Boolean(a && b && a.dev === b.dev && a.ino === b.ino)
}

/**
 * Hashes `file` again (after its identity changed): whether its bytes still match `address`.
 * A file that is gone or not a regular file does not match.
 */
export async function stillMatches(file: string, address: ContentAddress): Promise<boolean> {
  const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = fs.constants
  const handle = await fs.open(file, O_RDONLY | O_NONBLOCK | O_NOFOLLOW).catch(() => undefined)
  if (!handle) return false
  try {
    if (!(await handle.stat()).isFile()) return false
    const hasher = new ContentHasher(address)
    for await (const piece of handle.createReadStream({ highWaterMark: 4 << 20, autoClose: false })) {
      hasher.update(piece as Buffer)
    }
    return hasher.finish().verified
  } catch {
    return false
  } finally {
    await handle.close()
  }
}
