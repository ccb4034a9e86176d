import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { diskFailure } from '../common/errors.js'

/**
 * On Windows a virus scanner or the search indexer that has just opened a new file (or the
 * file being replaced) makes a rename fail with EPERM, EACCES or EBUSY for a moment;
 * `@actions/tool-cache` copies instead of renaming for this reason. Retrying for about three
 * seconds keeps the rename, and so the all-or-nothing update. Elsewhere these errors are final.
 */
const TRANSIENT_ON_WINDOWS = new Set(['EPERM', 'EACCES', 'EBUSY'])
const RENAME_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1600]

export async function renameRetrying(
  from: string,
  to: string,
  {
    platform = process.platform,
    rename = fs.rename,
    delaysMs = RENAME_RETRY_DELAYS_MS
  }: { platform?: NodeJS.Platform; rename?: (from: string, to: string) => Promise<void>; delaysMs?: number[] } = {}
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rename(from, to)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      if (platform !== 'win32' || !TRANSIENT_ON_WINDOWS.has(code) || attempt >= delaysMs.length) throw error
      await new Promise((resolve) => setTimeout(resolve, delaysMs[attempt]))
    }
  }
}

/**
 * All-or-nothing writes into the destination: every file is written to a temporary file
 * beside its target, and only when all of them are complete are they renamed into place.
 * On failure the temporary files, and the folders made for them, are removed.
 */
export class Staging {
  private readonly pending = new Map<string, string>()
  /** Folders that did not exist before this run: removed again on discard if left empty. */
  private readonly createdDirs = new Set<string>()
  /** Each target folder, once made to exist: a folder model has many files per folder. */
  private readonly dirsReady = new Map<string, Promise<void>>()
  /** Temporary names: unique to this run, and cheap to make for thousands of files. */
  private readonly runId = randomBytes(4).toString('hex')
  private counter = 0

  /** A temporary path beside `target`, its folders created. */
  async prepare(target: string): Promise<string> {
    const dir = path.dirname(target)
    let ready = this.dirsReady.get(dir)
    if (!ready) {
      ready = this.makeDir(dir)
      this.dirsReady.set(dir, ready)
    }
    await ready
    const temp = path.join(dir, `.${path.basename(target)}.${this.runId}-${++this.counter}.partial`)
    this.pending.set(temp, target)
    return temp
  }

  private async makeDir(dir: string): Promise<void> {
    const first = await fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
      throw diskFailure(`create the folder ${dir}`, error)
    })
    if (first) {
      for (let d = dir; d.length >= first.length; d = path.dirname(d)) this.createdDirs.add(d)
    }
  }

  /** Renames every staged file onto its target (all at once: renames are independent). */
  async commit(): Promise<void> {
    await Promise.all(
      [...this.pending].map(async ([temp, target]) => {
        await renameRetrying(temp, target).catch((error: unknown) => {
          throw diskFailure(`move the downloaded file into place at ${target}`, error)
        })
        this.pending.delete(temp)
      })
    )
    this.createdDirs.clear()
  }

  /** Removes what was staged and not committed, and the folders made for it if left empty. */
  async discard(): Promise<void> {
    // Never throws: it runs on the way to reporting the failure that matters. (maxRetries: Node
    // retries EBUSY/EPERM on Windows, where a scanner may still hold a temporary file.)
    await Promise.all(
      [...this.pending.keys()].map((temp) => fs.rm(temp, { force: true, maxRetries: 5 }).catch(() => undefined))
    )
    this.pending.clear()
    const deepestFirst = [...this.createdDirs].sort((a, b) => b.length - a.length)
    for (const dir of deepestFirst) await fs.rmdir(dir).catch(() => undefined)
    this.createdDirs.clear()
  }
}
