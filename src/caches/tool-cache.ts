import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { CachedFile } from './cached-copy.js'
import { renameRetrying } from '../files/staging.js'
import { fileIdentity, sameInode, type FileIdentity } from '../files/file-identity.js'
import { cloneOrCopy, tryLink, type Placement } from '../files/place-file.js'

/** What adding a file to the tool cache did. */
export interface ToolCacheAdd {
  outcome: Placement | 'present' | 'cannot-link' | 'failed'
  /** Why a link could not be made (EXDEV: another file system). */
  why?: string
}

/**
 * Model binaries in the runner's tool cache, keyed by content hash, in tool-cache's own
 * layout (`<RUNNER_TOOL_CACHE>/dvc-studio-model-files/0.0.0-md5-<hash>/<arch>/content`,
 * with tool-cache's `<arch>.complete` marker), so `tc.find` reads it.
 *
 * Entries are written here rather than by `tc.cacheFile`, which empties and refills the entry
 * folder in place: a job on the same runner that found the entry a moment earlier could copy
 * a half-written file. Here the file is put into a private folder that is renamed into
 * place whole, so a visible entry is always complete. The file is a hard link of the verified
 * workspace file (no copy, no extra disk); a later step that edits the workspace file in place
 * edits the entry too, which is why every hit is copied out with its MD5 checked, never linked.
 */
export const CACHE_TOOL_NAME = 'dvc-studio-model-files'
const FILE_NAME = 'content'

/** The hash as a semver pre-release, the only version form tool-cache accepts. */
export function cacheVersion(md5: string): string {
  return `0.0.0-md5-${md5}`
}

export class ModelCache {
  readonly enabled: boolean
  private readonly root: string

  constructor(wanted: boolean, env: Record<string, string | undefined> = process.env) {
    this.root = env.RUNNER_TOOL_CACHE ?? ''
    this.enabled = wanted && Boolean(this.root)
    if (wanted && !this.enabled) core.info('RUNNER_TOOL_CACHE is not set: the tool cache is not used.')
  }

  /** The cached file with this MD5, if there is one. */
  find(md5: string | undefined): string | undefined {
    if (!this.enabled || !md5) return undefined
    // What tc.find does for an exact version (a test holds them to agree), without loading
    // tool-cache and the semver it brings, which cost every run ~8 ms of start-up.
    const dir = path.join(this.root, CACHE_TOOL_NAME, cacheVersion(md5), os.arch())
    return existsSync(dir) && existsSync(`${dir}.complete`) ? path.join(dir, FILE_NAME) : undefined
  }

  /** The entry for this MD5, to be copied out with a check; a bad one can be discarded. */
  entry(md5: string): CachedFile | undefined {
    const file = this.find(md5)
    if (!file) return undefined
    const dir = path.dirname(file)
    return {
      file,
      source: 'tool-cache',
      // The marker first: from then on no reader uses the entry, and a new one may replace it.
      discard: async () => {
        await fs.rm(`${dir}.complete`, { force: true })
        await fs.rm(dir, { recursive: true, force: true })
      }
    }
  }

  /**
   * Adds a verified file to the cache: `link` as a hard link of it (no byte written; the
   * outcome is 'cannot-link' where this file system cannot, for the post step to copy), `copy`
   * as a clone where the file system can, else a copy. A failure here costs the next run a
   * download, not this run its model, so it is a warning ('failed'), and nothing partial is left.
   */
  async add(file: string, md5: string, how: 'link' | 'copy'): Promise<ToolCacheAdd> {
    if (!this.enabled) return { outcome: 'failed' }
    if (this.find(md5)) return { outcome: 'present' }
    const versionDir = path.join(this.root, CACHE_TOOL_NAME, cacheVersion(md5))
    const entry = path.join(versionDir, os.arch())
    const privateDir = path.join(versionDir, `.${os.arch()}.${randomBytes(4).toString('hex')}.partial`)
    let privateUsed = false
    try {
      if (how === 'link') {
        const done = await this.linkInPlace(file, versionDir, entry)
        if (done) return done
      }
      privateUsed = true
      await fs.mkdir(privateDir, { recursive: true })
      const content = path.join(privateDir, FILE_NAME)
      let outcome: Placement
      if (how === 'link') {
        const link = await tryLink(file, content)
        if (!link.linked) {
          // Nothing of this entry stays behind (the post step makes it, or another job does).
          await fs.rm(privateDir, { recursive: true, force: true })
          await fs.rmdir(versionDir).catch(() => undefined)
          return { outcome: 'cannot-link', why: link.why }
        }
        outcome = 'linked'
      } else {
        outcome = await cloneOrCopy(file, content)
      }
      if (!(await this.moveIntoPlace(privateDir, entry))) return { outcome: 'present' }
      await fs.writeFile(`${entry}.complete`, '')
      return { outcome }
    } catch (error) {
      core.warning(`Could not keep ${path.basename(file)} in the tool cache: ${(error as Error).message}`)
      return { outcome: 'failed' }
    } finally {
      if (privateUsed) await fs.rm(privateDir, { recursive: true, force: true }).catch(() => undefined)
    }
  }

  /**
   * Removes the entry for `md5` if it is `file` itself (a hard link of it, same device and
   * inode): the post step does so when the workspace file changed after it was verified.
   */
  async discardIfLinkOf(md5: string, file: FileIdentity): Promise<boolean> {
    const cached = this.find(md5)
    if (!cached || !sameInode(await fileIdentity(cached), file)) return false
    await this.entry(md5)?.discard?.()
    return true
  }

  /**
   * The usual case in the fewest system calls (a model of 3,000 files makes 3,000 entries):
   * no entry folder yet, so this run makes it (mkdir is atomic: one job makes it), links the
   * file into it and writes the marker, which is what makes it visible. Undefined when the
   * folder exists (another job's, or one a run that died left): the private folder decides.
   */
  private async linkInPlace(file: string, versionDir: string, entry: string): Promise<ToolCacheAdd | undefined> {
    // The version folder first: for a new entry, two mkdir calls and no failed one.
    await fs.mkdir(versionDir).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') await fs.mkdir(versionDir, { recursive: true })
      else if (error.code !== 'EEXIST') throw error
    })
    const made = await fs.mkdir(entry).then(
      () => true,
      () => false
    )
    if (!made) return undefined
    try {
      const link = await tryLink(file, path.join(entry, FILE_NAME))
      if (!link.linked) {
        // Nothing of this entry stays behind (the post step makes it, or another job does).
        await fs.rmdir(entry)
        await fs.rmdir(versionDir).catch(() => undefined)
        return { outcome: 'cannot-link', why: link.why }
      }
      await fs.writeFile(`${entry}.complete`, '')
      return { outcome: 'linked' }
    } catch (error) {
      await fs.rm(entry, { recursive: true, force: true }).catch(() => undefined)
      throw error
    }
  }

  /** False when another job put a complete entry there first. */
  private async moveIntoPlace(privateDir: string, entry: string): Promise<boolean> {
    try {
      await fs.rename(privateDir, entry)
      return true
    } catch {
      // An entry already there fails the rename with EEXIST or ENOTEMPTY on Linux and macOS, and
      // with EPERM on Windows, which also says EPERM while a scanner holds one of our files.
      if (!(await exists(entry))) {
        await renameRetrying(privateDir, entry)
        return true
      }
    }
    if (await exists(`${entry}.complete`)) return false
    // An entry without its marker is left from a run that died: no reader uses it, so replace it.
    // (maxRetries: Node retries EBUSY/EPERM on Windows, where a scanner may hold a file.)
    await fs.rm(entry, { recursive: true, force: true, maxRetries: 5 })
    await renameRetrying(privateDir, entry)
    return true
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false
  )
}
