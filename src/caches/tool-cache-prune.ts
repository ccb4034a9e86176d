import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { counted, formatBytes, formatDuration } from '../common/format.js'
import { Inputs } from '../common/constants.js'
import { CACHE_TOOL_NAME, cacheVersion } from './tool-cache.js'

/**
 * A bounded tool cache. On a self-hosted runner the tool cache only grows; after each run the
 * post step removes this action's entries beyond input `tool-cache-max-size`, least recently
 * used first. Each entry's `<arch>.complete` marker (tool-cache's own) holds when it was last
 * used: written when the entry is made, touched by the main step of every run that used it.
 * An entry used since this run started (by this run, or by another job on the runner) is never
 * removed.
 *
 * Several runners may share one tool cache: an entry is removed by renaming it to a private
 * name first (after which no reader finds it and no other pruner counts it), then deleting
 * that. A rename that fails because another job removed the entry first is fine; on Windows
 * a file another job holds open makes the rename fail, and that entry is skipped. A job that
 * was copying an entry as it goes keeps its open file (POSIX), and checks every byte anyway.
 */

const STATE = { maxBytes: 'tool-cache-max-bytes', since: 'tool-cache-used-since' } as const
const ENTRY_NAME = /^0\.0\.0-md5-[0-9a-f]{32}$/
/** Entries taken out of the cache, on their way to deletion. */
const PRUNED_PREFIX = '.pruned-'
/** Whole-second file times (some file systems) must not make a just-used entry look older. */
const CLOCK_SLACK_MS = 2000

type Env = Record<string, string | undefined>

export interface ToolCacheEntry {
  /** The `<arch>` folder. */
  dir: string
  marker: string
  bytes: number
  lastUsedMs: number
}

export interface PruneOutcome {
  /** Entries this job removed, oldest first, and their bytes. */
  removed: ToolCacheEntry[]
  removedBytes: number
  /** Entries in use elsewhere (Windows) that could not be removed. */
  locked: number
  /** What the action's entries hold afterwards, and in how many entries. */
  keptBytes: number
  kept: number
}

function toolDir(root: string): string {
  return path.join(root, CACHE_TOOL_NAME)
}

/**
 * The main step: marks the tool-cache entries of the files this run used (hits and new ones)
 * as used now, and leaves the post step what it needs to prune. Never fails the run.
 */
export async function markToolCacheUse(
  inputs: { cache: boolean; toolCacheMaxBytes: number },
  md5s: Iterable<string>,
  runStartedMs: number,
  env: Env = process.env
): Promise<void> {
  const root = env.RUNNER_TOOL_CACHE
  if (!inputs.cache || !root) return
  const now = new Date()
  const markers = [...new Set(md5s)].map((md5) => `${path.join(toolDir(root), cacheVersion(md5), os.arch())}.complete`)
  // A marker that is gone (on a hosted runner, where nothing was kept, or just pruned) is fine.
  await Promise.all(markers.map((marker) => fs.utimes(marker, now, now).catch(() => undefined)))
  core.saveState(STATE.maxBytes, String(inputs.toolCacheMaxBytes))
  core.saveState(STATE.since, String(runStartedMs - CLOCK_SLACK_MS))
}

/** The post step: prunes as the main step asked, in one log line when anything went. Never throws. */
export async function pruneToolCacheAfterRun(env: Env = process.env): Promise<void> {
  const maxBytes = Number(core.getState(STATE.maxBytes) || NaN)
  const usedSinceMs = Number(core.getState(STATE.since) || NaN)
  const root = env.RUNNER_TOOL_CACHE
  if (!root || !Number.isFinite(maxBytes) || maxBytes <= 0 || !Number.isFinite(usedSinceMs)) return
  const started = Date.now()
  try {
    const outcome = await pruneToolCache(root, maxBytes, usedSinceMs)
    const line = describePrune(outcome, maxBytes, Date.now() - started)
    if (line) core.info(line)
    else {
      core.debug(
        `Tool cache: ${formatBytes(outcome.keptBytes)} in ${counted(outcome.kept, 'entry', 'entries')}, within ${formatBytes(maxBytes)} (checked in ${formatDuration(Date.now() - started)}).`
      )
    }
  } catch (error) {
    core.warning(`Tool cache: could not prune it (${String((error as Error)?.message ?? error)}).`)
  }
}

/** One line for the log, or undefined when nothing was removed and the cache is within its cap. */
export function describePrune(outcome: PruneOutcome, maxBytes: number, durationMs: number): string | undefined {
  const over = outcome.keptBytes > maxBytes
  if (!outcome.removed.length && !outcome.locked && !over) return undefined
  const cap = `input '${Inputs.ToolCacheMaxSize}' (${formatBytes(maxBytes)})`
  const parts = [
    outcome.removed.length
      ? `removed ${counted(outcome.removed.length, 'least recently used entry', 'least recently used entries')} (${formatBytes(outcome.removedBytes)}) to stay within ${cap} in ${formatDuration(durationMs)}`
      : `is over ${cap}`,
    outcome.locked
      ? `${counted(outcome.locked, 'entry', 'entries')} could not be moved away (in use by another job) and ${outcome.locked === 1 ? 'was' : 'were'} kept`
      : '',
    `it holds ${formatBytes(outcome.keptBytes)} in ${counted(outcome.kept, 'entry', 'entries')}${over ? (outcome.locked ? ', more than the cap' : ', more than the cap: they were used since this run started') : ''}`
  ].filter(Boolean)
  return `Tool cache: ${parts.join('; ')}.`
}

/**
 * Removes entries least recently used first until those left hold at most `maxBytes`, never
 * one used at or after `usedSinceMs`.
 */
export async function pruneToolCache(root: string, maxBytes: number, usedSinceMs: number): Promise<PruneOutcome> {
  const dir = toolDir(root)
  await removeLeftovers(dir)
  const entries = await listEntries(dir)
  let keptBytes = entries.reduce((sum, entry) => sum + entry.bytes, 0)
  let kept = entries.length
  const outcome: PruneOutcome = { removed: [], removedBytes: 0, locked: 0, keptBytes, kept }
  const oldestFirst = entries
    .filter((entry) => entry.lastUsedMs < usedSinceMs)
    .sort((a, b) => a.lastUsedMs - b.lastUsedMs || a.dir.localeCompare(b.dir))
  for (const entry of oldestFirst) {
    if (keptBytes <= maxBytes) break
    const result = await removeEntry(dir, entry)
    if (result === 'locked') {
      outcome.locked++
      continue
    }
    // Gone either way: removed here, or by another job pruning at the same time.
    keptBytes -= entry.bytes
    kept--
    if (result === 'removed') {
      outcome.removed.push(entry)
      outcome.removedBytes += entry.bytes
    }
  }
  return { ...outcome, keptBytes, kept }
}

/** The action's entries: `<version>/<arch>` folders, sized, with when each was last used. */
export async function listEntries(dir: string): Promise<ToolCacheEntry[]> {
  const versions = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
  const lists = await Promise.all(
    versions
      .filter((version) => version.isDirectory() && ENTRY_NAME.test(version.name))
      .map(async (version) => {
        const versionDir = path.join(dir, version.name)
        const names = await fs.readdir(versionDir, { withFileTypes: true }).catch(() => [])
        const arches = names.filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        const entries = await Promise.all(arches.map((arch) => describeEntry(path.join(versionDir, arch.name))))
        return entries.filter((entry): entry is ToolCacheEntry => entry !== undefined)
      })
  )
  return lists.flat()
}

async function describeEntry(entryDir: string): Promise<ToolCacheEntry | undefined> {
  const marker = `${entryDir}.complete`
  // Without its marker an entry is unused (left by a job that died, or being put in place now,
  // which its recent folder time protects).
  const used = await fs.stat(marker).catch(() => fs.stat(entryDir).catch(() => undefined))
  if (!used) return undefined
  return { dir: entryDir, marker, bytes: await folderBytes(entryDir), lastUsedMs: used.mtimeMs }
}

/** The bytes of the files in a folder, links not followed. */
async function folderBytes(dir: string): Promise<number> {
  const names = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
  const sizes = await Promise.all(
    names.map(async (e) => {
      const file = path.join(dir, e.name)
      if (e.isDirectory()) return folderBytes(file)
      return fs.lstat(file).then(
        (stat) => (stat.isFile() ? stat.size : 0),
        () => 0
      )
    })
  )
  return sizes.reduce((sum, size) => sum + size, 0)
}

/** Takes the entry out of the cache by renaming it, then deletes it. */
async function removeEntry(dir: string, entry: ToolCacheEntry): Promise<'removed' | 'gone' | 'locked'> {
  const privateName = path.join(dir, `${PRUNED_PREFIX}${randomBytes(6).toString('hex')}`)
  try {
    await fs.rename(entry.dir, privateName)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'gone'
    // Windows: another job holds a file of it open (EPERM, EACCES or EBUSY). Elsewhere these
    // are as final, and the entry is kept all the same.
    return 'locked'
  }
  // No reader finds the entry now (its folder is gone); its marker goes, then its bytes.
  await fs.rm(entry.marker, { force: true }).catch(() => undefined)
  await fs.rm(privateName, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined)
  // The version folder, if that was its only entry (a folder another job is filling stays).
  await fs.rmdir(path.dirname(entry.dir)).catch(() => undefined)
  return 'removed'
}

/** Entries a pruner took out and did not finish deleting (it was killed). */
async function removeLeftovers(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[])
  await Promise.all(
    names
      .filter((name) => name.startsWith(PRUNED_PREFIX))
      .map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true }).catch(() => undefined))
  )
}
