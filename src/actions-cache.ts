import * as core from '@actions/core'
import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { muteCacheLog, TIMED_OUT, withDeadline, type MutedOutcome } from './cache-log.js'
import type { CachedFile } from './cached-copy.js'
import { formatBytes, formatDuration } from './format.js'
import { contentAddress } from './integrity.js'
import { scrub } from './redact.js'
import type { FetchedFile } from './fetch-file.js'

/**
 * The model's files in GitHub's Actions cache service, so that jobs on fresh hosted runners
 * (a matrix, build -> deploy) get them without going to storage. One entry per model content:
 * key `dvc-model-v1-<RUNNER_OS>-<model slug>-<sha256 of the sorted MD5s>`, restore key the
 * same without the hash, so a new version restores the newest earlier entry and downloads only
 * what changed. The entry is one folder of files named by MD5. Restored in the main step (under
 * a deadline), saved in the post step. Every failure is one warning; the files then come from
 * storage.
 *
 * The folder is `<RUNNER_TEMP>/dvc-model-action-cache/<model slug>`, the same on every run:
 * - the service files entries under a version hashed from the path as given, so the path
 *   must not change between runs; RUNNER_TEMP is fixed on hosted runners (per OS),
 * - @actions/cache's tar stores it relative to GITHUB_WORKSPACE (`../../_temp/...`), which
 *   is also fixed for one repository (`/home/runner/work/<repo>/<repo>`),
 * - the runner empties RUNNER_TEMP after each job, and nothing lands in the workspace where
 *   later steps (`docker build .`, artifact uploads, `git status`) would see it,
 * - per model, so two models fetched in one job keep separate entries.
 * Runners where those paths differ (self-hosted ones with `actions-cache: true`) just miss.
 */

export const KEY_PREFIX = 'dvc-model-v1'
const FOLDER_NAME = 'dvc-model-action-cache'
const MD5_NAME = /^[0-9a-f]{32}$/
const STATE = { key: 'actions-cache-key', folder: 'actions-cache-folder', skip: 'actions-cache-skip' } as const

type Env = Record<string, string | undefined>

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
  const list = [...new Set(md5s)].sort().join('\n')
  return { key: restorePrefix + createHash('sha256').update(list).digest('hex'), restorePrefix }
}

/** Whether this run uses the Actions cache: `auto` is on for GitHub-hosted runners that provide it. */
export function actionsCacheWanted(
  setting: 'auto' | 'true' | 'false',
  cache: boolean,
  env: Env = process.env
): boolean {
  if (!cache || setting === 'false') return false
  const provided = Boolean(
    (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL) && env.ACTIONS_RUNTIME_TOKEN && env.RUNNER_TEMP
  )
  if (setting === 'auto') return provided && env.RUNNER_ENVIRONMENT === 'github-hosted'
  if (!provided) {
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

  private constructor(
    readonly key: string,
    readonly restorePrefix: string,
    readonly folder: string,
    private readonly lookupDeadlineMs: number
  ) {}

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
    const folder = path.join(env.RUNNER_TEMP as string, FOLDER_NAME, modelSlug(modelName))
    return new ActionsCache(key, restorePrefix, folder, lookupDeadlineMs)
  }

  get exactHit(): boolean {
    return this.matchedKey === this.key
  }

  /**
   * Restores the newest entry for this model into the folder. The lookup has a deadline (a
   * service that does not answer must not hold the job; @actions/cache alone retries a 503
   * for about 30 s); the download after it is bounded by the library's own stall timeouts.
   */
  async restore(): Promise<void> {
    const started = Date.now()
    let problem: string | undefined
    try {
      await fs.mkdir(this.folder, { recursive: true })
      const cache = await import('@actions/cache')
      const paths = [this.folder]
      const lookup = await withDeadline(
        muteCacheLog(() => cache.restoreCache(paths, this.key, [this.restorePrefix], { lookupOnly: true })),
        this.lookupDeadlineMs
      )
      if (lookup === TIMED_OUT) {
        problem = `the cache service did not answer within ${formatDuration(this.lookupDeadlineMs)}`
      } else if ((problem = failure(lookup)) === undefined && lookup.value) {
        const restored = await muteCacheLog(() => cache.restoreCache(paths, this.key, [this.restorePrefix]))
        problem = failure(restored)
        this.matchedKey = restored.value
      }
    } catch (error) {
      problem = scrub(String((error as Error)?.message ?? error))
    }
    if (problem)
      core.warning(`Actions cache: could not restore the model's files (${problem}); they come from storage.`)
    // Whatever the folder holds is used only once its copy has matched its MD5.
    await this.scanFolder()
    if (this.matchedKey) {
      const which = this.exactHit ? '' : ', an entry of an earlier version'
      core.info(
        `Actions cache: restored ${this.matchedKey}${which} (${this.present.size} files) in ${formatDuration(Date.now() - started)}.`
      )
    } else if (!problem) {
      core.info(`Actions cache: no entry yet for ${this.key} or an earlier version of the model.`)
    }
  }

  private async scanFolder(): Promise<void> {
    // An archive is unpacked by tar as it is: the folder itself must be a real folder, not a
    // link to elsewhere that keepForPost would then write to and prune.
    const stat = await fs.lstat(this.folder).catch(() => undefined)
    if (!stat?.isDirectory()) {
      await fs.rm(this.folder, { recursive: true, force: true })
      await fs.mkdir(this.folder, { recursive: true })
      return
    }
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
        await fs.rm(file, { force: true })
      }
    }
  }

  /**
   * Leaves the folder holding exactly this version's files and tells the post step what to
   * do: save it, or why not (an exact hit cannot be replaced; a model over the size cap must
   * not evict the rest of the repository's 10 GB).
   */
  async keepForPost(files: readonly FetchedFile[], maxBytes: number): Promise<void> {
    core.saveState(STATE.key, this.key)
    core.saveState(STATE.folder, this.folder)
    if (this.exactHit)
      return core.saveState(STATE.skip, 'an entry with this key exists, and entries are never replaced')
    const wanted = new Map<string, FetchedFile>()
    for (const file of files) if (file.address) wanted.set(file.address.md5, file)
    // Entry files this run copied out and checked; any other is replaced by the checked file.
    const checked = new Set(files.filter((f) => f.source === 'actions-cache').map((f) => f.address?.md5))
    const bytes = [...wanted.values()].reduce((sum, f) => sum + f.size, 0)
    if (bytes > maxBytes) {
      await fs.rm(this.folder, { recursive: true, force: true }).catch(() => undefined)
      return core.saveState(
        STATE.skip,
        `the model's ${formatBytes(bytes)} are more than input 'actions-cache-max-size' (${formatBytes(maxBytes)})`
      )
    }
    try {
      await fs.mkdir(this.folder, { recursive: true })
      for (const [md5, file] of wanted) {
        if (checked.has(md5)) continue
        // A copy (a clone where the file system can), so editing the workspace file later
        // in the job cannot change what is saved.
        const temp = path.join(this.folder, `.${md5}.${randomBytes(4).toString('hex')}`)
        await fs.copyFile(file.target, temp, fs.constants.COPYFILE_FICLONE)
        await fs.rename(temp, path.join(this.folder, md5))
      }
      for (const name of await fs.readdir(this.folder)) {
        if (!wanted.has(name)) await fs.rm(path.join(this.folder, name), { recursive: true, force: true })
      }
    } catch (error) {
      core.warning(
        `Actions cache: could not prepare the entry (${scrub(String((error as Error).message))}); it is not saved.`
      )
      core.saveState(STATE.skip, 'preparing the entry failed')
    }
  }
}

/** The first problem the library reported, or its exception, as one line. */
function failure(outcome: MutedOutcome<unknown>): string | undefined {
  if (outcome.error !== undefined)
    return scrub(String((outcome.error as Error)?.message ?? outcome.error).split('\n')[0])
  return outcome.problems.length ? scrub(outcome.problems[0]) : undefined
}

/**
 * The post step: saves the entry the main step prepared, unless it said why not. A refusal,
 * a duplicate key from a concurrent job or a service failure is at most one warning.
 */
export async function saveActionsCache(env: Env = process.env): Promise<void> {
  const key = core.getState(STATE.key)
  if (!key) return
  const skip = core.getState(STATE.skip)
  if (skip) return core.info(`Actions cache: not saving ${key}: ${skip}.`)
  if (env.ACTIONS_RUNTIME_TOKEN) core.setSecret(env.ACTIONS_RUNTIME_TOKEN)
  const folder = core.getState(STATE.folder)
  const started = Date.now()
  let outcome: MutedOutcome<number>
  try {
    const cache = await import('@actions/cache')
    outcome = await muteCacheLog(() => cache.saveCache([folder], key))
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
  core.info(`Actions cache: saved ${key} in ${formatDuration(Date.now() - started)}.`)
}
