import * as core from '@actions/core'
import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { muteCacheLog, TIMED_OUT, withDeadline, type MutedOutcome } from './actions-cache-log.js'
import {
  cacheReadable,
  cacheVersion,
  compressionMethod,
  lookUpEntry,
  ownLookupApplies,
  type CompressionMethod,
  type LookupOutcome
} from './cache-lookup.js'
import type { CachedFile } from './cached-copy.js'
import { counted, formatBytes, formatDuration } from '../common/format.js'
import { contentAddress } from '../files/integrity.js'
import { archiveRoomProblem } from './archive-room.js'
import { scrub } from '../common/redact.js'
import type { FetchedFile } from '../caches/cached-copy.js'
import { onAllCores, tryLink } from '../files/place-file.js'

/**
 * The model's files in GitHub's Actions cache service, so that jobs on fresh hosted runners
 * (a matrix, build -> deploy) get them without going to storage. One entry per model content:
 * key `dvc-model-v1-<RUNNER_OS>-<model slug>-<sha256 of the sorted MD5s>`, restore key the
 * same without the hash, so a new version restores the newest earlier entry and downloads only
 * what changed. The entry is one folder of files named by MD5. Restored in the main step (under
 * a deadline), saved in the post step. Every failure is one warning; the files then come from
 * storage.
 *
 * The entry is saved from `<RUNNER_TEMP>/dvc-model-action-cache/<model slug>`, the same on every run:
 * - the service files entries under a version hashed from the path as given, so the path
 *   must not change between runs; RUNNER_TEMP is fixed on hosted runners (per OS),
 * - @actions/cache's tar stores it relative to GITHUB_WORKSPACE (`../../_temp/...`), which
 *   is also fixed for one repository (`/home/runner/work/<repo>/<repo>`),
 * - the runner empties RUNNER_TEMP after each job, and nothing lands in the workspace where
 *   later steps (`docker build .`, artifact uploads, `git status`) would see it,
 * - per model, so two models fetched in one job keep separate entries.
 * Runners where those paths differ (self-hosted ones with `actions-cache: true`) just miss.
 * That path is only where an entry is unpacked and packed: each step keeps its entry in a folder
 * of its own (`.steps/<hash>-<random>` beside it) between, because post steps run in reverse
 * order, and two steps of one job (two versions, or two models whose slugs collide) would
 * otherwise each save the other's files under their own key, for good.
 */

export const KEY_PREFIX = 'dvc-model-v1'
const FOLDER_NAME = 'dvc-model-action-cache'
const MD5_NAME = /^[0-9a-f]{32}$/
const STATE = {
  key: 'actions-cache-key',
  folder: 'actions-cache-folder',
  path: 'actions-cache-path',
  skip: 'actions-cache-skip',
  damaged: 'actions-cache-damaged'
} as const
/** How a lookup fails when the service cannot be reached or answers 5xx (after the library's retries). */
const UNREACHABLE =
  /Failed to make request after \d+ attempts|\(5\d\d\)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up/i

type Env = Record<string, string | undefined>

/** Where zstd is, looked up once per step (warmUp starts it while Studio answers). */
let zstdProbe: Promise<CompressionMethod> | undefined

/** The model name as it may appear in a key and a folder name. */
export function modelSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 100)
  return slug || 'model'
}

/** The entry's key and the restore key that finds earlier versions of the same model. */
export function actionsCacheKey(
  runnerOs: string,
  modelName: string,
  md5s: Iterable<string>
): { key: string; restorePrefix: string } {
  const restorePrefix = `${KEY_PREFIX}-${runnerOs}-${modelSlug(modelName)}-`
  return { key: restorePrefix + contentHash(md5s), restorePrefix }
}

/** The last part of a key: the sha256 of the sorted, de-duplicated MD5s. */
function contentHash(md5s: Iterable<string>): string {
  return createHash('sha256')
    .update([...new Set(md5s)].sort().join('\n'))
    .digest('hex')
}

/** Whether this run uses the Actions cache: `auto` is on for GitHub-hosted runners that provide it. */
export function actionsCacheWanted(
  setting: 'auto' | 'true' | 'false',
  cache: boolean,
  env: Env = process.env,
  quiet = false
): boolean {
  if (!cache || setting === 'false') return false
  const provided = Boolean(
    (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL) && env.ACTIONS_RUNTIME_TOKEN && env.RUNNER_TEMP
  )
  if (setting === 'auto') return provided && env.RUNNER_ENVIRONMENT === 'github-hosted'
  if (!provided && !quiet) {
    core.warning(
      "Input 'actions-cache' is true, but this runner provides no Actions cache service (ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL, ACTIONS_RUNTIME_TOKEN and RUNNER_TEMP must be set): the files come from storage."
    )
  }
  return provided
}

export class ActionsCache {
  /** The key of the entry restored, if any. */
  matchedKey?: string
  private readonly present = new Set<string>()
  /** Files of an exact-hit entry that failed their MD5 check. */
  private readonly discarded = new Set<string>()
  /** Why the entry with exactly this key could not be restored, when the service was fine. */
  private exactEntryProblem?: string
  /** The service could not be reached or answered 5xx: the post step does not try again. */
  private unreachable = false

  private constructor(
    readonly key: string,
    readonly restorePrefix: string,
    /** Where entries are unpacked and packed: the same path on every run. */
    readonly savedPath: string,
    /** This step's own folder for its entry, from the restore to the post step. */
    readonly folder: string,
    private readonly md5s: ReadonlySet<string>,
    /**
     * On a GitHub-hosted runner the tool cache starts empty in every job, so with the Actions
     * cache on a copy there would only take disk (README: Caches).
     */
    readonly replacesToolCache: boolean,
    private readonly lookupDeadlineMs: number,
    private readonly env: Env
  ) {}

  /**
   * Starts what the lookup needs while Studio answers. On cache service v2: where zstd is (the
   * compression method is part of the entry's version); @actions/cache itself is loaded only
   * if there is an entry to restore (cache-lookup.ts). Elsewhere (GHES, v1) the library looks
   * up, so it starts loading now (a large chunk: ~0.1 s of a run's start).
   */
  static warmUp(inputs: { cache: boolean; actionsCache: 'auto' | 'true' | 'false' }, env: Env = process.env): void {
    if (!actionsCacheWanted(inputs.actionsCache, inputs.cache, env, true)) return
    if (ownLookupApplies(env)) zstdProbe ??= compressionMethod(env)
    else void import('@actions/cache').catch(() => undefined)
  }

  /**
   * The cache for this model, or undefined when it is off or nothing can be cached (files
   * without a DVC content address are never cached). `urls`: Studio's signed URLs.
   */
  static open(
    inputs: { cache: boolean; actionsCache: 'auto' | 'true' | 'false' },
    modelName: string,
    urls: Iterable<string>,
    lookupDeadlineMs: number,
    env: Env = process.env
  ): ActionsCache | undefined {
    if (!actionsCacheWanted(inputs.actionsCache, inputs.cache, env)) return undefined
    core.setSecret(env.ACTIONS_RUNTIME_TOKEN as string)
    const md5s = [...urls].map((url) => contentAddress(url)?.md5).filter((md5): md5 is string => Boolean(md5))
    if (md5s.length === 0) {
      core.info('No file has a DVC content address, so the Actions cache is not used.')
      return undefined
    }
    const { key, restorePrefix } = actionsCacheKey(env.RUNNER_OS || process.platform, modelName, md5s)
    const root = path.join(env.RUNNER_TEMP as string, FOLDER_NAME)
    // Short (Windows paths): the hash's start tells entries apart, the random part two steps.
    const own = path.join(root, '.steps', `${key.slice(-64, -48)}-${randomBytes(4).toString('hex')}`)
    return new ActionsCache(
      key,
      restorePrefix,
      path.join(root, modelSlug(modelName)),
      own,
      new Set(md5s),
      env.RUNNER_ENVIRONMENT === 'github-hosted',
      lookupDeadlineMs,
      env
    )
  }

  get exactHit(): boolean {
    return this.matchedKey === this.key
  }

  /**
   * Restores the newest entry for this model into the folder. The lookup has a deadline (a
   * service that does not answer must not hold the job); the download after it is bounded by
   * the library's own stall timeouts. The lookup is this action's own request where it is the
   * library's (cache service v2), so a miss never loads @actions/cache; a hit loads it to restore.
   */
  async restore(): Promise<void> {
    const started = Date.now()
    let problem: string | undefined
    let lookup: LookupOutcome | typeof TIMED_OUT | undefined
    try {
      // Whatever an earlier step left there is not this entry.
      await fs.rm(this.savedPath, { recursive: true, force: true })
      await fs.mkdir(this.savedPath, { recursive: true })
      const paths = [this.savedPath]
      lookup = await this.lookUp(paths)
      if (lookup === TIMED_OUT) {
        problem = `the cache service did not answer within ${formatDuration(this.lookupDeadlineMs)}`
      } else if (lookup.problem !== undefined) {
        problem = lookup.problem
      } else if (lookup.matchedKey) {
        core.debug(`Actions cache: the service has ${lookup.matchedKey}; restoring it.`)
        const cache = await import('@actions/cache')
        const restored = await muteCacheLog(() => cache.restoreCache(paths, this.key, [this.restorePrefix]))
        problem = failure(restored)
        this.matchedKey = restored.value
        if (problem && lookup.matchedKey === this.key) this.exactEntryProblem = problem
      }
    } catch (error) {
      problem = scrub(String((error as Error)?.message ?? error))
    }
    if (problem) {
      this.unreachable = lookup === TIMED_OUT || Boolean(lookup?.unreachable) || UNREACHABLE.test(problem)
      if (this.unreachable) this.exactEntryProblem = undefined
      core.warning(`Actions cache: could not restore the model's files (${problem}); they come from storage.`)
    }
    // Whatever the folder holds is used only once its copy has matched its MD5.
    await this.takeFolder()
    await this.scanFolder()
    if (this.matchedKey) {
      const which = this.exactHit ? '' : ', an entry of an earlier version'
      core.info(
        `Actions cache: restored ${this.present.size} files from ${this.matchedKey}${which} in ${formatDuration(Date.now() - started)}.`
      )
    } else if (!problem) {
      core.info(
        `Actions cache: no entry yet for ${this.key} or an earlier version of the model (looked up in ${formatDuration(Date.now() - started)}).`
      )
    }
  }

  /**
   * Which entry the service would restore, under the deadline: this action's own request on
   * cache service v2, else (GHES, v1) the library's lookup. Inside muteCacheLog either way, so
   * a request abandoned at the deadline does not keep the step alive (letGoOfCacheWork).
   */
  private async lookUp(paths: string[]): Promise<LookupOutcome | typeof TIMED_OUT> {
    if (!cacheReadable(this.env)) {
      // As the library: ACTIONS_CACHE_MODE says this job may not read the cache.
      core.debug(`Actions cache: not looking up ${this.key}: ACTIONS_CACHE_MODE is '${this.env.ACTIONS_CACHE_MODE}'.`)
      return {}
    }
    if (ownLookupApplies(this.env)) {
      const outcome = await muteCacheLog(async () => {
        const version = cacheVersion(paths, await (zstdProbe ??= compressionMethod(this.env)))
        const request = { key: this.key, restoreKeys: [this.restorePrefix], version, deadlineMs: this.lookupDeadlineMs }
        return lookUpEntry(request, this.env)
      })
      return outcome.value ?? { problem: failure(outcome) ?? 'the lookup failed' }
    }
    const cache = await import('@actions/cache')
    const outcome = await withDeadline(
      muteCacheLog(() => cache.restoreCache(paths, this.key, [this.restorePrefix], { lookupOnly: true })),
      this.lookupDeadlineMs
    )
    if (outcome === TIMED_OUT) return TIMED_OUT
    const problem = failure(outcome)
    if (problem !== undefined) return { problem, unreachable: UNREACHABLE.test(problem) }
    return { matchedKey: outcome.value }
  }

  /** Moves what was unpacked into this step's own folder, so a later step cannot change it. */
  private async takeFolder(): Promise<void> {
    await fs.rm(this.folder, { recursive: true, force: true })
    await fs.mkdir(path.dirname(this.folder), { recursive: true })
    // An archive is unpacked by tar as it is: the folder itself must be a real folder, not a
    // link to elsewhere that keepForPost would then write to and prune.
    const stat = await fs.lstat(this.savedPath).catch(() => undefined)
    if (stat?.isDirectory()) {
      const moved = await fs.rename(this.savedPath, this.folder).then(
        () => true,
        () => false
      )
      if (moved) return
    }
    await fs.rm(this.savedPath, { recursive: true, force: true })
    await fs.mkdir(this.folder, { recursive: true })
  }

  private async scanFolder(): Promise<void> {
    const entries = await fs.readdir(this.folder, { withFileTypes: true }).catch(() => [])
    // Regular files only: a link in an entry is not followed.
    for (const e of entries) if (e.isFile() && MD5_NAME.test(e.name)) this.present.add(e.name)
  }

  entry(md5: string): CachedFile | undefined {
    if (!this.present.has(md5)) return undefined
    const file = path.join(this.folder, md5)
    return {
      file,
      source: 'actions-cache',
      discard: async () => {
        this.present.delete(md5)
        if (this.exactHit) this.discarded.add(md5)
        await fs.rm(file, { force: true })
      }
    }
  }

  /**
   * What was wrong with the entry holding exactly this key, if anything: it is never
   * replaced, so until someone deletes it every job downloads those files again.
   */
  private damage(): string | undefined {
    if (this.exactEntryProblem) return `restoring it failed: ${this.exactEntryProblem}`
    if (!this.exactHit) return undefined
    const missing = [...this.md5s].filter((md5) => !this.present.has(md5) && !this.discarded.has(md5)).length
    const problems = [
      this.discarded.size ? `${this.discarded.size} of ${this.md5s.size} files did not match their MD5` : '',
      missing ? `${missing} of ${this.md5s.size} files were missing` : ''
    ].filter(Boolean)
    return problems.length ? problems.join(', ') : undefined
  }

  /**
   * Leaves this step's folder holding exactly this version's files, each a hard link of its
   * verified workspace file (no copy, no extra disk), and tells the post step what to do: save
   * it, or why not (an exact hit cannot be replaced; a model over the size cap must not evict
   * the rest of the repository's 10 GB). A later step that edits a workspace file in place
   * edits the entry's file too: the post step checks each file's identity before saving and
   * leaves out any that no longer matches (cache-fill.ts). Where this file system cannot link,
   * the file is left for the post step to clone or copy (`deferred`).
   */
  async keepForPost(files: readonly FetchedFile[], maxBytes: number): Promise<EntryKeep> {
    core.saveState(STATE.key, this.key)
    core.saveState(STATE.folder, this.folder)
    core.saveState(STATE.path, this.savedPath)
    const skip = async (reason: string, state: string = STATE.skip): Promise<EntryKeep> => {
      // Nothing is saved: the folder's copies would only take disk until the job ends.
      await fs.rm(this.folder, { recursive: true, force: true }).catch(() => undefined)
      core.saveState(state, reason)
      return { linked: [], deferred: [], skipped: reason }
    }
    if (this.unreachable) return skip('the cache service could not be reached in the main step')
    const damage = this.damage()
    if (damage) return skip(damage, STATE.damaged)
    if (this.exactHit) return skip('an entry with this key exists, and entries are never replaced')
    const wanted = new Map<string, FetchedFile>()
    for (const file of files) if (file.address) wanted.set(file.address.md5, file)
    const bytes = [...wanted.values()].reduce((sum, f) => sum + f.size, 0)
    if (bytes > maxBytes) {
      return skip(
        `the model's ${formatBytes(bytes)} are more than input 'actions-cache-max-size' (${formatBytes(maxBytes)})`
      )
    }
    // Entry files this run copied out and checked: where no link can be made, they stay.
    const checked = new Set(files.filter((f) => f.source === 'actions-cache').map((f) => f.address?.md5))
    const keep: EntryKeep = { linked: [], deferred: [] }
    try {
      await fs.mkdir(this.folder, { recursive: true })
      await onAllCores([...wanted], async ([md5, file]) => {
        const link = await linkInto(this.folder, md5, file.target)
        if (link.linked) keep.linked.push(file)
        else if (!checked.has(md5)) {
          keep.why ??= link.why
          keep.deferred.push(file)
        }
      })
      for (const name of await fs.readdir(this.folder)) {
        if (!wanted.has(name)) await fs.rm(path.join(this.folder, name), { recursive: true, force: true })
      }
    } catch (error) {
      core.warning(
        `Actions cache: could not prepare the entry (${scrub(String((error as Error).message))}); it is not saved.`
      )
      return skip('preparing the entry failed')
    }
    return keep
  }
}

/**
 * Hard-links `file` into the entry folder as `md5`: one call when the name is free (a miss),
 * else a link under a private name renamed over the restored copy (the workspace file has the
 * same bytes, and the entry one inode less).
 */
async function linkInto(folder: string, md5: string, file: string): Promise<{ linked: boolean; why?: string }> {
  const entryFile = path.join(folder, md5)
  try {
    return await tryLink(file, entryFile)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const temp = path.join(folder, `.${md5}.${randomBytes(4).toString('hex')}`)
  const link = await tryLink(file, temp)
  if (link.linked) await fs.rename(temp, entryFile)
  return link
}

/** What keepForPost did with the entry. */
export interface EntryKeep {
  /** Hard links of the workspace files. */
  linked: FetchedFile[]
  /** Files this file system could not link: the post step clones or copies them into the folder. */
  deferred: FetchedFile[]
  /** Why a link could not be made (EXDEV: another file system). */
  why?: string
  /** Why nothing is saved. */
  skipped?: string
}

/**
 * The folder the post step saves as this step's entry, when it is to be saved: the cache-fill
 * step checks and completes it first.
 */
export function entryFolderToSave(): string | undefined {
  if (!core.getState(STATE.key) || core.getState(STATE.skip) || core.getState(STATE.damaged)) return undefined
  return core.getState(STATE.folder) || undefined
}

/** The first problem the library reported, or its exception, as one line, without its "Failed to restore: ". */
function failure(outcome: MutedOutcome<unknown>): string | undefined {
  const problem =
    outcome.error !== undefined
      ? String((outcome.error as Error)?.message ?? outcome.error).split('\n')[0]
      : outcome.problems[0]
  return problem === undefined ? undefined : scrub(problem.replace(/^Failed to (restore|save): /, ''))
}

/**
 * The post step: saves the entry the main step prepared, unless it said why not. A refusal,
 * a duplicate key from a concurrent job or a service failure is at most one warning.
 * `leftOut`: MD5s the post step took out of the folder because their workspace file changed
 * after it was verified; the entry is then saved under the key of what it holds, which the
 * restore key still finds, so the next job restores it, downloads the rest and saves it whole.
 */
export async function saveActionsCache(
  env: Env = process.env,
  leftOut: ReadonlySet<string> = new Set()
): Promise<void> {
  const fullKey = core.getState(STATE.key)
  if (!fullKey) return
  let key = fullKey
  const damaged = core.getState(STATE.damaged)
  if (damaged) {
    return core.warning(
      `Actions cache: the entry ${key} could not be used (${damaged}). Entries are never replaced, so later jobs download these files from storage until it is deleted: \`gh cache delete ${key}\`, or delete it on the repository's Actions > Caches page.`
    )
  }
  const skip = core.getState(STATE.skip)
  if (skip) return core.info(`Actions cache: not saving ${key}: ${skip}.`)
  if (env.ACTIONS_RUNTIME_TOKEN) core.setSecret(env.ACTIONS_RUNTIME_TOKEN)
  const folder = core.getState(STATE.folder)
  const savedPath = core.getState(STATE.path)
  // A guard: the folder must hold exactly the files the key names, nothing else.
  const names = await fs.readdir(folder).catch(() => [] as string[])
  const named = [...names, ...leftOut]
  if (!names.length || !names.every((name) => MD5_NAME.test(name)) || !key.endsWith(`-${contentHash(named)}`)) {
    return core.info(`Actions cache: not saving ${key}: its folder does not hold exactly the files the key names.`)
  }
  if (leftOut.size) key = `${key.slice(0, -64)}${contentHash(names)}`
  const noRoom = await archiveRoomProblem(folder, names, env)
  if (noRoom) return core.warning(`Actions cache: not saving ${key}: ${noRoom}; later jobs download the model.`)
  const started = Date.now()
  let outcome: MutedOutcome<number>
  try {
    // Into the path entries are saved from, which other steps' post steps also use.
    await fs.rm(savedPath, { recursive: true, force: true })
    await fs.mkdir(path.dirname(savedPath), { recursive: true })
    await fs.rename(folder, savedPath)
    const cache = await import('@actions/cache')
    outcome = await muteCacheLog(() => cache.saveCache([savedPath], key))
  } catch (error) {
    outcome = { error, problems: [], debug: [] }
  }
  const problem = failure(outcome)
  if (problem) return core.warning(`Actions cache: could not save ${key} (${problem}); later jobs download the model.`)
  if (outcome.value === -1) {
    // @actions/cache tells a refused reservation only in a debug line: a 409 is another job
    // (a matrix sibling) saving the same content, which is fine; anything else is a failure.
    const reservation = outcome.debug.find((line) => line.startsWith('Failed to reserve cache:')) ?? ''
    if (/\(409\)|already exists/i.test(reservation)) {
      return core.info(`Actions cache: ${key} was not saved; another job saved or is saving it.`)
    }
    // No reservation at all: @actions/cache skipped the save and said why (ACTIONS_CACHE_MODE).
    if (!reservation) return core.info(`Actions cache: ${key} was not saved.`)
    const reason = scrub(reservation.replace(/^Failed to reserve cache: (Error: )?/, '').split('\n')[0])
    return core.warning(`Actions cache: could not save ${key} (${reason}); later jobs download the model.`)
  }
  const without = leftOut.size ? `, without the ${counted(leftOut.size, 'changed file')}` : ''
  core.info(`Actions cache: saved ${key}${without} in ${formatDuration(Date.now() - started)}.`)
}
