import { ActionsCache } from '../caches/actions-cache.js'
import { recordForPost, type CachingSummary, type KeptFile } from '../caches/cache-fill.js'
import { ModelCache, warnNotKept, type ToolCacheAdd } from '../caches/tool-cache.js'
import { cacheChain, type CacheLookup } from '../caches/cached-copy.js'
import type { FetchedFile } from '../caches/cached-copy.js'
import { fileIdentitySync } from '../files/file-identity.js'
import { onAllCores } from '../files/place-file.js'

/**
 * The two caches a run reads and fills, in lookup order: the runner's tool cache (files of
 * earlier jobs on this machine), then the Actions cache (one entry per model content, shared
 * between jobs through GitHub's cache service). Storage is asked only for what neither has.
 */
/** What the caches need of the inputs (action/inputs.ts's ActionInputs has these fields). */
export interface CacheInputs {
  cache: boolean
  actionsCache: 'auto' | 'true' | 'false'
  actionsCacheMaxBytes: number
}

export class ModelCaches {
  private constructor(
    private readonly toolCache: ModelCache,
    private readonly actionsCache: ActionsCache | undefined,
    private readonly maxActionsCacheBytes: number
  ) {}

  /** Starts what opening them will need (loading @actions/cache) while Studio answers. */
  static warmUp(inputs: CacheInputs): void {
    ActionsCache.warmUp(inputs)
  }

  /** Opens both (either may be off) and restores the model's Actions cache entry, if any. */
  static async open(
    inputs: CacheInputs,
    modelName: string,
    signedUrls: Iterable<string>,
    lookupDeadlineMs: number
  ): Promise<ModelCaches> {
    const toolCache = new ModelCache(inputs.cache)
    const actionsCache = ActionsCache.open(inputs, modelName, signedUrls, lookupDeadlineMs)
    await actionsCache?.restore()
    return new ModelCaches(toolCache, actionsCache, inputs.actionsCacheMaxBytes)
  }

  /** Where the transfers look for a file before asking storage. */
  get lookup(): CacheLookup {
    return cacheChain(this.toolCache, this.actionsCache)
  }

  /** The Actions cache key used, empty when that cache is off (output `cache-key`). */
  get key(): string {
    return this.actionsCache?.key ?? ''
  }

  /**
   * Keeps what this run fetched (committed to the workspace) for later runs, as hard links of
   * the workspace files, not copies: downloads in the tool cache (not on a hosted runner with
   * the Actions cache on, where it would only take disk), and the Actions cache entry prepared
   * for the post step, which saves it. What cannot be linked is cloned or copied in the post
   * step, so the model reaches the next step first. Undefined when both caches are off.
   */
  async keep(fetched: readonly FetchedFile[]): Promise<CachingSummary | undefined> {
    const useToolCache = this.toolCache.enabled && !this.actionsCache?.replacesToolCache
    if (!useToolCache && !this.actionsCache) return undefined
    const bytes = fetched.reduce((sum, f) => sum + f.size, 0)
    const started = Date.now()
    const summary: CachingSummary = { bytes, durationMs: 0 }
    const kept = new Map<FetchedFile, Omit<KeptFile, 'identity'>>()
    const keptAs = (file: FetchedFile): Omit<KeptFile, 'identity'> => {
      let k = kept.get(file)
      if (!k) {
        const { key, target, size, address } = file
        kept.set(file, (k = { key, target, size, address: address! }))
      }
      return k
    }
    if (useToolCache) {
      const added = await onAllCores(fetched, async (file): Promise<ToolCacheAdd | undefined> => {
        if (file.source === 'tool-cache' || !file.address) return undefined
        return this.toolCache.add(file.target, file.address.md5, 'link')
      })
      const tool = { linked: 0, deferred: 0, present: 0, failed: 0, why: undefined as string | undefined }
      const failures: string[] = []
      added.forEach((add, i) => {
        if (!add) return
        if (add.outcome === 'linked') {
          tool.linked++
          keptAs(fetched[i]).toolCache = 'linked'
        } else if (add.outcome === 'cannot-link') {
          tool.deferred++
          tool.why ??= add.why
          keptAs(fetched[i]).toolCache = 'copy'
        } else if (add.outcome === 'present') tool.present++
        else {
          tool.failed++
          failures.push(add.why ?? 'unknown')
        }
      })
      warnNotKept(failures, 'keep')
      summary.toolCache = tool
    }
    if (this.actionsCache) {
      const entry = await this.actionsCache.keepForPost(fetched, this.maxActionsCacheBytes)
      for (const file of entry.linked) keptAs(file).entry = 'linked'
      for (const file of entry.deferred) keptAs(file).entry = 'copy'
      summary.actionsCache = {
        linked: entry.linked.length,
        deferred: entry.deferred.length,
        why: entry.why,
        skipped: entry.skipped
      }
    }
    // Identities once every link is made (a link changes the inode's ctime): what the post step
    // checks. A file only linked into the tool cache needs none: every hit there is verified.
    const forPost = [...kept.values()].filter((file) => file.entry || file.toolCache === 'copy')
    const files = forPost.map((file) => ({ ...file, identity: fileIdentitySync(file.target)! }))
    await recordForPost(files.filter((f) => f.identity))
    summary.durationMs = Date.now() - started
    return summary
  }
}
