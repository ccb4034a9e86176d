import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { entryFolderToSave } from './actions-cache.js'
import { ModelCache, warnNotKept } from './tool-cache.js'
import type { ContentAddress } from '../files/integrity.js'
import { fileIdentity, sameIdentity, stillMatches, type FileIdentity } from '../files/file-identity.js'
import { cloneOrCopy, onAllCores, type Placement } from '../files/place-file.js'
import { counted, formatBytes, formatDuration } from '../common/format.js'
import { scrub } from '../common/redact.js'

/**
 * What the main step left in the caches for the post step to check and complete. The main step
 * hard-links each verified file into the caches and records its identity (files/file-identity.ts)
 * once the links are made (a link changes the inode's ctime; nothing else of the job runs
 * meanwhile). The post step, before the Actions cache entry is saved:
 * - checks each linked entry file's identity; one that changed (a later step edited the
 *   workspace file in place, same inode) is hashed again, and left out of the entry, and out
 *   of the tool cache, if it no longer matches;
 * - clones or copies, on all cores at once, the files the main step could not link (the cache
 *   on another file system), from workspace files whose identity holds or that still match.
 * The list is a file in RUNNER_TEMP (the runner empties it after the job), not the step's
 * state: the state reaches the post step as environment variables, too small for 3,000 files.
 */

const STATE_FILE = 'cache-fill'

/** A verified file the caches keep, and how. */
export interface KeptFile {
  key: string
  target: string
  size: number
  address: ContentAddress
  identity: FileIdentity
  toolCache?: 'linked' | 'copy'
  entry?: 'linked' | 'copy'
}

/** What the caches were given, for the line after the result line. */
export interface CachingSummary {
  toolCache?: { linked: number; deferred: number; present: number; failed: number; why?: string }
  actionsCache?: { linked: number; deferred: number; why?: string; skipped?: string }
  bytes: number
  /** What filling them took in the main step (links, identities, the list for the post step). */
  durationMs: number
}

/** Writes the list for the post step; its path goes in the step's state. */
export async function recordForPost(files: readonly KeptFile[], env = process.env): Promise<void> {
  if (files.length === 0) return
  const dir = env.RUNNER_TEMP || os.tmpdir()
  const file = path.join(dir, `dvc-model-action-fill-${randomBytes(6).toString('hex')}.json`)
  try {
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(file, JSON.stringify(files))
    core.saveState(STATE_FILE, file)
  } catch (error) {
    core.warning(`Caches: could not record the files for the post step (${scrub(String(error))}).`)
  }
}

/** One line: what the main step put in which cache, how, and what it skipped and why. */
export function describeCaching(summary: CachingSummary | undefined): string {
  if (!summary) return 'Caches: not used.'
  const parts: string[] = []
  const noLink = (why?: string): string => (why === 'EXDEV' ? 'another file system' : `no hard links here: ${why}`)
  const tool = summary.toolCache
  if (tool) {
    const bits = [
      tool.linked ? `${counted(tool.linked, 'file')} linked into the tool cache (no copy)` : '',
      tool.deferred ? `${counted(tool.deferred, 'file')} to copy into it in the post step (${noLink(tool.why)})` : '',
      tool.present ? `${counted(tool.present, 'file')} already there` : '',
      tool.failed ? `${counted(tool.failed, 'file')} not kept (see the warnings)` : ''
    ].filter(Boolean)
    parts.push(bits.length ? bits.join(', ') : 'nothing new for the tool cache')
  }
  const entry = summary.actionsCache
  if (entry?.skipped) parts.push(`Actions cache: not saved (${entry.skipped})`)
  else if (entry) {
    const bits = [
      entry.linked ? `${counted(entry.linked, 'file')} linked into the Actions cache entry` : '',
      entry.deferred ? `${counted(entry.deferred, 'file')} to copy into it (${noLink(entry.why)})` : ''
    ].filter(Boolean)
    parts.push(`${bits.join(', ') || 'the Actions cache entry as restored'}, saved in the post step`)
  }
  if (!parts.length) return 'Caches: nothing to keep.'
  return `Caches (${formatBytes(summary.bytes)} model, ${formatDuration(summary.durationMs)}): ${parts.join('; ')}.`
}

/**
 * The post step's part, before the Actions cache entry is saved: the MD5s it left out of the
 * entry (their workspace file changed after it was verified and no longer matches).
 */
export async function settleCaches(env = process.env): Promise<Set<string>> {
  const leftOut = new Set<string>()
  const listFile = core.getState(STATE_FILE)
  if (!listFile) return leftOut
  const started = Date.now()
  let files: KeptFile[]
  try {
    files = JSON.parse(await fs.readFile(listFile, 'utf8')) as KeptFile[]
  } catch (error) {
    core.warning(
      `Caches: could not read the main step's list (${scrub(String(error))}); nothing added in the post step.`
    )
    return leftOut
  }
  const folder = entryFolderToSave()
  const toolCache = new ModelCache(
    files.some((f) => f.toolCache),
    env
  )
  const entryFile = (file: KeptFile): string => path.join(folder as string, file.address.md5)
  // Each file's state before anything is touched (removing a link changes the inode's ctime).
  const changed: KeptFile[] = []
  const checks = await onAllCores(files, async (file) => {
    // A linked entry file is the workspace file; a deferred copy is made from the workspace file.
    const linkedEntry = folder && file.entry === 'linked' ? entryFile(file) : undefined
    const at = linkedEntry ?? file.target
    const now = await fileIdentity(at)
    if (sameIdentity(now, file.identity)) return { file, good: true, now, at }
    const good = await stillMatches(at, file.address)
    if (!good) changed.push(file)
    return { file, good, now, at }
  })
  for (const { file, good } of checks) {
    if (good) continue
    if (folder && file.entry) {
      await fs.rm(entryFile(file), { force: true })
      leftOut.add(file.address.md5)
    }
    // A tool-cache entry that is this very file would fail its next hit's check: gone now.
    if (file.toolCache === 'linked') await toolCache.discardIfLinkOf(file.address.md5, file.identity)
  }
  if (changed.length) {
    const names = changed.map((f) => f.key)
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '')
    core.info(
      `Caches: ${counted(changed.length, 'file')} changed after ${changed.length === 1 ? 'it was' : 'they were'} verified and no longer match${changed.length === 1 ? 'es' : ''} ${changed.length === 1 ? 'its' : 'their'} MD5 (${shown}): left out of the caches.`
    )
  }
  const notCopied = await copyDeferred(
    checks.filter((c) => c.good),
    folder,
    toolCache,
    started
  )
  for (const md5 of notCopied) leftOut.add(md5)
  await fs.rm(listFile, { force: true }).catch(() => undefined)
  return leftOut
}

/**
 * Clones or copies the files the main step could not link, all at once, and says so in one
 * line; returns the MD5s of entry files it could not copy.
 */
async function copyDeferred(
  checked: Array<{ file: KeptFile; now?: FileIdentity; at: string }>,
  folder: string | undefined,
  toolCache: ModelCache,
  started: number
): Promise<string[]> {
  // From `at`: the file whose identity was checked (a linked entry file, else the workspace file).
  const jobs: Array<{ file: KeptFile; now?: FileIdentity; at: string; into: 'tool cache' | 'entry' }> = []
  for (const c of checked) {
    if (c.file.toolCache === 'copy' && toolCache.enabled) jobs.push({ ...c, into: 'tool cache' })
    if (c.file.entry === 'copy' && folder) jobs.push({ ...c, into: 'entry' })
  }
  if (!jobs.length) return []
  const toolCacheFailures: string[] = []
  const done = await onAllCores(jobs, async ({ file, now, at, into }): Promise<Placement | 'skipped'> => {
    if (into === 'tool cache') {
      const added = await toolCache.add(at, file.address.md5, 'copy')
      if (added.outcome === 'failed') toolCacheFailures.push(added.why ?? 'unknown')
      return added.outcome === 'cloned' || added.outcome === 'copied' ? added.outcome : 'skipped'
    }
    const dest = path.join(folder as string, file.address.md5)
    const temp = `${path.dirname(dest)}/.${file.address.md5}.${randomBytes(4).toString('hex')}`
    try {
      const how = await cloneOrCopy(at, temp)
      // Changed while it was copied (a process a step left running): not this file any more.
      if (!sameIdentity(await fileIdentity(at), now)) {
        await fs.rm(temp, { force: true })
        return 'skipped'
      }
      await fs.rename(temp, dest)
      return how
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined)
      core.warning(`Actions cache: could not copy ${file.key} into the entry (${scrub(String(error))}).`)
      return 'skipped'
    }
  })
  warnNotKept(toolCacheFailures, 'copy')
  const count = (into: string, how: string): number =>
    jobs.filter((job, i) => job.into === into && done[i] === how).length
  const said = (['tool cache', 'entry'] as const)
    .map((into) => {
      const where = into === 'entry' ? 'the Actions cache entry' : 'the tool cache'
      const bits = (['cloned', 'copied'] as const)
        .filter((how) => count(into, how))
        .map((how) => `${count(into, how)} ${how}`)
      return bits.length ? `${bits.join(', ')} into ${where}` : ''
    })
    .filter(Boolean)
  const bytes = jobs.filter((_, i) => done[i] !== 'skipped').reduce((sum, j) => sum + j.file.size, 0)
  if (said.length) {
    core.info(`Caches: ${said.join(', ')} (${formatBytes(bytes)}) in ${formatDuration(Date.now() - started)}.`)
  }
  return jobs.filter((job, i) => job.into === 'entry' && done[i] === 'skipped').map((job) => job.file.address.md5)
}
