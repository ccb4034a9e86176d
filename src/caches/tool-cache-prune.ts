import * as core from '@actions/core'
import { readdirSync, rmSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { counted, formatBytes, formatDuration } from '../common/format.js'
import { Inputs } from '../common/constants.js'
import { lstatOrNothing } from '../files/paths.js'
import { CACHE_TOOL_NAME, entriesRoot, entryPath, isPrivateName } from './tool-cache.js'

/**
 * A bounded tool cache. On a self-hosted runner the tool cache only grows; after each run the
 * post step removes this action's entries beyond input `tool-cache-max-size`, least recently
 * used first. An entry is one file (caches/tool-cache.ts); when it was last used is the later
 * of its access time and its modification time: the bytes were written by the run that made it
 * (the workspace file it is a link of), and every run that copies it out sets its access time
 * (not its modification time: the same inode may still be a workspace file on this runner).
 * An entry used since this run started (by this run, or by another job on the runner) is never
 * removed.
 *
 * Several runners may share one tool cache: removing an entry is one unlink, atomic; one that
 * another job removed first is simply gone. A job that was copying an entry as it goes keeps
 * its open file (POSIX) and checks every byte anyway; on Windows a file open elsewhere cannot
 * be removed, and that entry is skipped.
 */

const STATE = { maxBytes: 'tool-cache-max-bytes', since: 'tool-cache-used-since' } as const
const ENTRY_FOLDER = /^[0-9a-f]{2}$/
const ENTRY_NAME = /^[0-9a-f]{30}$/
/** The layout before this one (tool-cache's `0.0.0-md5-<hash>/<arch>` folders), and its pruner's leftovers: never read now. */
const EARLIER_LAYOUT = /^(0\.0\.0-md5-[0-9a-f]{32}|\.pruned-[0-9a-f]+)$/
/** A private copy (a `.partial` name) this old was left by a post step that was killed. */
const ABANDONED_COPY_MS = 3600_000
/** Whole-second file times (some file systems) must not make a just-used entry look older. */
const CLOCK_SLACK_MS = 2000

type Env = Record<string, string | undefined>

export interface ToolCacheEntry {
  file: string
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

/**
 * The main step: marks the tool-cache entries of the files this run copied out as used now,
 * and leaves the post step what it needs to prune. Never fails the run.
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
  const files = [...new Set(md5s)].flatMap((md5) => entryPath(root, md5) ?? [])
  // The access time only; an entry that is gone (just pruned by another job) is fine.
  await Promise.all(
    files.map((file) =>
      fs
        .lstat(file)
        .then((stat) => fs.utimes(file, now, stat.mtimeMs / 1000))
        .catch(() => undefined)
    )
  )
  core.saveState(STATE.maxBytes, String(inputs.toolCacheMaxBytes))
  core.saveState(STATE.since, String(runStartedMs - CLOCK_SLACK_MS))
}

/** The post step: prunes as the main step asked, in one log line. Never throws. */
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
  } catch (error) {
    core.warning(`Tool cache: could not prune it (${String((error as Error)?.message ?? error)}).`)
  }
}

/**
 * One line for the log: what the check found and removed, and what it took; undefined when the
 * action has nothing in the tool cache (a hosted runner, where the Actions cache replaces it).
 */
export function describePrune(outcome: PruneOutcome, maxBytes: number, durationMs: number): string | undefined {
  const over = outcome.keptBytes > maxBytes
  const cap = `input '${Inputs.ToolCacheMaxSize}' (${formatBytes(maxBytes)})`
  if (!outcome.removed.length && !outcome.locked && !over) {
    if (!outcome.kept) return undefined
    return `Tool cache: ${formatBytes(outcome.keptBytes)} in ${counted(outcome.kept, 'entry', 'entries')}, within ${cap}; checked in ${formatDuration(durationMs)}.`
  }
  const parts = [
    outcome.removed.length
      ? `removed ${counted(outcome.removed.length, 'least recently used entry', 'least recently used entries')} (${formatBytes(outcome.removedBytes)}) to stay within ${cap} in ${formatDuration(durationMs)}`
      : `is over ${cap}`,
    outcome.locked
      ? `${counted(outcome.locked, 'entry', 'entries')} could not be removed (in use by another job) and ${outcome.locked === 1 ? 'was' : 'were'} kept`
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
  await removeEarlierLayout(path.join(root, CACHE_TOOL_NAME))
  const entries = listEntries(root)
  let keptBytes = entries.reduce((sum, entry) => sum + entry.bytes, 0)
  let kept = entries.length
  const outcome: PruneOutcome = { removed: [], removedBytes: 0, locked: 0, keptBytes, kept }
  const oldestFirst = entries
    .filter((entry) => entry.lastUsedMs < usedSinceMs)
    .sort((a, b) => a.lastUsedMs - b.lastUsedMs || a.file.localeCompare(b.file))
  for (const entry of oldestFirst) {
    if (keptBytes <= maxBytes) break
    const result = await removeEntry(entry.file)
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

/**
 * The action's entries in the tool cache at `root`, sized, with when each was last used; on
 * the way, removes private copies a killed post step abandoned. Synchronous: the post step has
 * nothing else to do meanwhile, and 3,000 entries take 30 ms so against 100-150 ms through the
 * thread pool (their metadata is in memory: this run or a recent one touched them).
 */
export function listEntries(root: string, nowMs = Date.now()): ToolCacheEntry[] {
  const top = entriesRoot(root)
  const entries: ToolCacheEntry[] = []
  for (const folder of readdirOrNone(top)) {
    if (!ENTRY_FOLDER.test(folder)) continue
    const dir = path.join(top, folder)
    for (const name of readdirOrNone(dir)) {
      const file = path.join(dir, name)
      const stat = lstatOrNothing(file)
      if (!stat?.isFile()) continue
      if (isPrivateName(name)) {
        if (nowMs - stat.mtimeMs > ABANDONED_COPY_MS) removeQuietly(file)
      } else if (ENTRY_NAME.test(name)) {
        entries.push({ file, bytes: stat.size, lastUsedMs: Math.max(stat.atimeMs, stat.mtimeMs) })
      }
    }
  }
  return entries
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true })
  } catch {
    // Held open elsewhere (Windows): the next run's post step tries again.
  }
}

function readdirOrNone(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

async function removeEntry(file: string): Promise<'removed' | 'gone' | 'locked'> {
  try {
    await fs.unlink(file)
    return 'removed'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    // Windows: another job holds the file open (EPERM, EACCES or EBUSY). Elsewhere these are
    // as final, and the entry is kept all the same.
    return 'locked'
  }
}

/** Entries in the layout the action used before (see EARLIER_LAYOUT): no run reads them. */
async function removeEarlierLayout(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[])
  await Promise.all(
    names
      .filter((name) => EARLIER_LAYOUT.test(name))
      .map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true }).catch(() => undefined))
  )
}
