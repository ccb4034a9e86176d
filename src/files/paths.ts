import { lstatSync, type Stats } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { ActionError } from '../common/errors.js'

/**
 * Studio's response keys are paths chosen by someone else. This module turns them into
 * destinations that are guaranteed to lie inside the destination folder, or refuses.
 */

/** Names Windows gives to devices in every folder, with any extension ('nul.txt' too). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i

/**
 * Why a key is unsafe, or undefined when it is a plain relative path. On Windows, a ':' names
 * an NTFS alternate stream of another file, `<>"|?*` cannot be in a name, a trailing dot or
 * space is dropped (so 'a.' would overwrite 'a'), and device names open the device.
 */
export function unsafeKeyReason(key: string, platform: NodeJS.Platform = process.platform): string | undefined {
  if (key.length === 0) return 'it is empty'
  if (key.includes('\0')) return 'it contains a NUL byte'
  if (/^[a-zA-Z]:/.test(key)) return 'it starts with a drive letter'
  if (key.startsWith('/') || key.startsWith('\\')) return 'it is an absolute path'
  const segments = key.split(/[\\/]/)
  if (segments.includes('..')) return "it contains a '..' segment"
  if (segments.every((s) => s === '' || s === '.')) return 'it names no file'
  if (segments[segments.length - 1] === '' || segments[segments.length - 1] === '.')
    return 'it names a folder, not a file'
  if (platform === 'win32') {
    for (const segment of segments) {
      if (segment === '' || segment === '.') continue
      const bad = /[<>:"|?*]/.exec(segment)
      if (bad) return `it contains '${bad[0]}', which Windows does not allow in a file name`
      if ([...segment].some((c) => c.charCodeAt(0) < 32)) return 'it contains a control character'
      if (/[. ]$/.test(segment)) return `'${segment}' ends with a dot or a space, which Windows drops from names`
      if (WINDOWS_DEVICE.test(segment)) return `'${segment}' is a device name on Windows`
    }
  }
  return undefined
}

/**
 * How the file system compares names: Windows and macOS (by default) ignore case, and macOS
 * Unicode normalization, so 'Model.bin' and 'model.bin' are one file there.
 */
function sameFileKey(target: string, platform: NodeJS.Platform): string {
  return platform === 'win32' || platform === 'darwin' ? target.normalize('NFC').toLowerCase() : target
}

/**
 * Maps each key to an absolute path under `destination`, after checking every key:
 * nothing is written when any key is unsafe, when two keys land on the same file or a
 * file would have to be a folder, or when a folder on the way is a symlink leading out.
 */
export async function resolveDestinations(
  destination: string,
  keys: readonly string[],
  platform: NodeJS.Platform = process.platform
): Promise<Map<string, string>> {
  const root = path.resolve(destination)
  const result = new Map<string, string>()
  const owners = new Map<string, string>()
  /** The same, keyed as the file system compares names. */
  const sameFile = new Map<string, string>()
  for (const key of keys) {
    const reason = unsafeKeyReason(key, platform)
    const target = path.resolve(root, ...key.split(/[\\/]/).filter((s) => s !== '' && s !== '.'))
    if (reason || !isInside(root, target)) {
      throw unsafe(key, reason ?? 'it resolves outside the destination folder')
    }
    const earlier = sameFile.get(sameFileKey(target, platform))
    if (earlier !== undefined) throw unsafe(key, `it names the same file as '${earlier}'`)
    owners.set(target, key)
    sameFile.set(sameFileKey(target, platform), key)
    result.set(key, target)
  }
  // A file's path must not be a folder of another file ('a' and 'a/b').
  for (const [target, key] of owners) {
    for (let dir = path.dirname(target); dir !== root && isInside(root, dir); dir = path.dirname(dir)) {
      const other = sameFile.get(sameFileKey(dir, platform))
      if (other !== undefined) throw unsafe(key, `its folder '${other}' is also one of the model's files`)
    }
  }
  await checkExistingPaths(root, owners)
  return result
}

/**
 * What is at `file` now, not following a link, or undefined: missing, or nothing this user can
 * look at (ENOTDIR, EACCES), whose use will tell.
 */
export function lstatOrNothing(file: string): Stats | undefined {
  try {
    return lstatSync(file, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

/**
 * Symlinks already in the destination could carry a write outside of it. Synchronous: one
 * `lstat` a file, and nothing else to do meanwhile; awaited one by one they cost a thread-pool
 * round trip each (a folder model of 3,000 files: ~0.1 s).
 */
async function checkExistingPaths(root: string, owners: Map<string, string>): Promise<void> {
  const realRoot = await realpathOrSelf(root)
  const checked = new Set<string>()
  for (const [target, key] of owners) {
    for (let dir = path.dirname(target); isInside(root, dir) && !checked.has(dir); dir = path.dirname(dir)) {
      checked.add(dir)
      const stat = lstatOrNothing(dir)
      if (!stat) continue
      if (stat.isSymbolicLink()) {
        const real = await fs.realpath(dir).catch(() => undefined)
        if (!real || !isInside(realRoot, real)) {
          throw unsafe(key, `'${path.relative(root, dir)}' is a symlink that leads outside the destination folder`)
        }
      } else if (!stat.isDirectory()) {
        throw new ActionError(
          `Cannot write '${key}': '${dir}' exists and is not a folder. Remove it, or set input 'path' to another destination folder.`
        )
      }
      if (dir === root) break
    }
    const existing = lstatOrNothing(target)
    if (existing?.isDirectory()) {
      throw new ActionError(
        `Cannot write '${key}': '${target}' exists and is a folder. Remove it, or set input 'path' to another destination folder.`
      )
    }
  }
}

async function realpathOrSelf(dir: string): Promise<string> {
  // The destination may not exist yet: resolve its nearest existing ancestor.
  const missing: string[] = []
  let current = dir
  for (;;) {
    try {
      return path.join(await fs.realpath(current), ...missing.reverse())
    } catch {
      const parent = path.dirname(current)
      if (parent === current) return dir
      missing.push(path.basename(current))
      current = parent
    }
  }
}

export function isInside(root: string, candidate: string): boolean {
  // The common case, cheaply: a normalized path under the root's own spelling (path.relative
  // resolves both paths again each call, a cost a folder model of thousands of files feels).
  const prefix = root.endsWith(path.sep) ? root : root + path.sep
  if (candidate.startsWith(prefix) && path.normalize(candidate) === candidate) return true
  const relative = path.relative(root, candidate)
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}

function unsafe(key: string, reason: string): ActionError {
  return new ActionError(
    `Studio returned the file path '${key.replace(/\0/g, '\\0')}', which is refused because ${reason}; nothing was written. The model's registered paths must be relative paths inside the repository: check the model's declaration in dvc.yaml, or report this to your Studio administrator.`
  )
}
