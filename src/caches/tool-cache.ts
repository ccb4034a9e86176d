import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import * as core from '@actions/core'
import type { CachedFile } from './cached-copy.js'
import { counted } from '../common/format.js'
import { scrub } from '../common/redact.js'
import { fileIdentity, sameInode, type FileIdentity } from '../files/file-identity.js'
import { lstatOrNothing } from '../files/paths.js'
import { CANNOT_LINK, cloneOrCopy, type Placement } from '../files/place-file.js'

/** What adding a file to the tool cache did. */
export interface ToolCacheAdd {
  outcome: Placement | 'present' | 'cannot-link' | 'failed'
  /** Why a link could not be made (EXDEV: another file system), or why adding failed. */
  why?: string
}

/**
 * Model binaries in the runner's tool cache, one file per content hash, in DVC's own cache
 * layout: `<RUNNER_TOOL_CACHE>/dvc-studio-model-files/md5/<first 2 hex digits>/<other 30>`.
 *
 * Not `@actions/tool-cache`'s layout (`<tool>/<version>/<arch>/` plus an `<arch>.complete`
 * marker): made for tools found by semver, it costs two folders and a marker per file, four
 * inodes to create, which for 3,000 small files took this runner's disk 2 s against 0.07 s for
 * the links alone (docs/speed.md). Here an entry is one name: a hard link of the verified
 * workspace file (no byte written), which appears whole or not at all, so it needs no marker;
 * where a link cannot be made, a clone or copy under a private dot-name, renamed into place.
 * A later step that edits the workspace file in place edits the entry too, which is why every
 * hit is copied out with its MD5 checked, never linked.
 */
export const CACHE_TOOL_NAME = 'dvc-studio-model-files'
const MD5 = /^[0-9a-f]{32}$/

/** The folder the entries' two-digit folders are in. */
export function entriesRoot(toolCacheRoot: string): string {
  return path.join(toolCacheRoot, CACHE_TOOL_NAME, 'md5')
}

/** Where the entry for `md5` is (whether or not it exists); undefined for what is not an MD5. */
export function entryPath(toolCacheRoot: string, md5: string): string | undefined {
  if (!MD5.test(md5)) return undefined
  return path.join(entriesRoot(toolCacheRoot), md5.slice(0, 2), md5.slice(2))
}

/** A name no reader looks at, in the entry's folder, for a copy being made. */
export function isPrivateName(name: string): boolean {
  return name.startsWith('.')
}

/**
 * One warning for the files `add` could not keep ('failed'), with the first one's reason: a tool
 * cache that cannot be written to fails for every file alike.
 */
export function warnNotKept(reasons: readonly string[], verb: 'keep' | 'copy'): void {
  if (!reasons.length) return
  const them = reasons.length === 1 ? 'it' : 'them'
  core.warning(
    `Tool cache: could not ${verb} ${counted(reasons.length, 'file')} ${verb === 'keep' ? 'there' : 'into it'} (${scrub(reasons[0])}); the next run on this runner downloads ${them} again.`
  )
}

export class ModelCache {
  readonly enabled: boolean
  private readonly root: string

  constructor(wanted: boolean, env: Record<string, string | undefined> = process.env) {
    this.root = env.RUNNER_TOOL_CACHE ?? ''
    this.enabled = wanted && Boolean(this.root)
    if (wanted && !this.enabled) core.info('RUNNER_TOOL_CACHE is not set: the tool cache is not used.')
  }

  /** The cached file with this MD5, if there is one (a regular file: a link planted there is none). */
  find(md5: string | undefined): string | undefined {
    if (!this.enabled || !md5) return undefined
    const file = entryPath(this.root, md5)
    return file && isRegularFile(file) ? file : undefined
  }

  /** The entry for this MD5, to be copied out with a check; a bad one can be discarded. */
  entry(md5: string): CachedFile | undefined {
    const file = this.find(md5)
    if (!file) return undefined
    return { file, source: 'tool-cache', discard: () => fs.rm(file, { force: true }) }
  }

  /**
   * Adds a verified file to the cache: `link` as a hard link of it (no byte written; the
   * outcome is 'cannot-link' where this file system cannot, for the post step to copy), `copy`
   * as a clone where the file system can, else a copy. A failure here costs the next run a
   * download, not this run its model: the outcome is 'failed' with why (the caller says it once
   * for all files), and nothing partial is left.
   */
  async add(file: string, md5: string, how: 'link' | 'copy'): Promise<ToolCacheAdd> {
    const entry = this.enabled ? entryPath(this.root, md5) : undefined
    if (!entry) return { outcome: 'failed', why: this.enabled ? 'not an MD5' : 'the tool cache is off' }
    try {
      return how === 'link' ? await this.link(file, entry) : await this.copy(file, entry)
    } catch (error) {
      return { outcome: 'failed', why: String((error as NodeJS.ErrnoException).code ?? (error as Error).message) }
    }
  }

  /**
   * Removes the entry for `md5` if it is `file` itself (a hard link of it, same device and
   * inode): the post step does so when the workspace file changed after it was verified.
   */
  async discardIfLinkOf(md5: string, file: FileIdentity): Promise<boolean> {
    const cached = this.find(md5)
    if (!cached || !sameInode(await fileIdentity(cached), file)) return false
    await fs.rm(cached, { force: true })
    return true
  }

  /** One link, and one folder the first time its two digits come up. */
  private async link(file: string, entry: string): Promise<ToolCacheAdd> {
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.link(file, entry)
        return { outcome: 'linked' }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? ''
        // Another job's entry, or this run's for a second file of the same content; what is
        // not a regular file there (a symlink or folder someone planted) makes way, once.
        if (code === 'EEXIST') {
          if (isRegularFile(entry) || attempt > 0) return { outcome: 'present' }
          await fs.rm(entry, { recursive: true, force: true })
          continue
        }
        if (CANNOT_LINK.has(code)) return { outcome: 'cannot-link', why: code }
        if (code !== 'ENOENT' || attempt > 0) throw error
        await fs.mkdir(path.dirname(entry), { recursive: true })
      }
    }
  }

  /** A clone or copy under a private name, renamed into place whole (over what is not a regular file). */
  private async copy(file: string, entry: string): Promise<ToolCacheAdd> {
    const there = lstatOrNothing(entry)
    if (there?.isFile()) return { outcome: 'present' }
    if (there) await fs.rm(entry, { recursive: true, force: true })
    const dir = path.dirname(entry)
    const temp = path.join(dir, `.${path.basename(entry)}.${randomBytes(4).toString('hex')}.partial`)
    await fs.mkdir(dir, { recursive: true })
    try {
      const outcome = await cloneOrCopy(file, temp)
      // Where a rename cannot replace a file (Windows), an entry already there stays.
      await fs.rename(temp, entry).catch((error: unknown) => {
        if (!isRegularFile(entry)) throw error
      })
      return { outcome }
    } finally {
      await fs.rm(temp, { force: true }).catch(() => undefined)
    }
  }
}

function isRegularFile(file: string): boolean {
  return lstatOrNothing(file)?.isFile() ?? false
}
