import * as fs from 'node:fs/promises'
import { availableParallelism } from 'node:os'

/**
 * Putting a second name on a verified file, at the cheapest cost the file system allows: a
 * hard link (no byte written, no byte of disk), else a clone (copy-on-write: btrfs, XFS with
 * reflink, APFS, ReFS), else a copy.
 */
export type Placement = 'linked' | 'cloned' | 'copied'

/**
 * Why a link cannot be made here, as opposed to a real failure: another file system (EXDEV),
 * a file system or mount without hard links or with a policy against them (EPERM, ENOTSUP,
 * ENOSYS; fs.protected_hardlinks answers EPERM for a file the user does not own), or the
 * file's link count at its limit (EMLINK).
 */
export const CANNOT_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK'])

/** Hard-links `existing` at `link`; false when this file system cannot (see CANNOT_LINK), and `why`. */
export async function tryLink(existing: string, link: string): Promise<{ linked: boolean; why?: string }> {
  try {
    await fs.link(existing, link)
    return { linked: true }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (CANNOT_LINK.has(code)) return { linked: false, why: code }
    throw error
  }
}

/** A clone of `source` at `target` where the file system can make one, else a copy. */
export async function cloneOrCopy(source: string, target: string): Promise<'cloned' | 'copied'> {
  try {
    await fs.copyFile(source, target, fs.constants.COPYFILE_FICLONE_FORCE)
    return 'cloned'
  } catch {
    // No clone here (another file system, or one without copy-on-write): a real copy, whose
    // own failure is the one that counts. (Linux copies with copy_file_range, in the kernel.)
    await fs.copyFile(source, target)
    return 'copied'
  }
}

/**
 * Runs `work` on every item, several at once: copies run on libuv's threads (and in the
 * kernel), so all cores work instead of one file after another.
 */
export async function onAllCores<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const lanes = Math.min(items.length, Math.max(4, 2 * availableParallelism()))
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await work(items[i])
      }
    })
  )
  return results
}
