import { ActionsCache } from '../caches/actions-cache.js'
import { ModelCache } from '../caches/tool-cache.js'
import { cacheChain, type CacheLookup } from '../caches/cached-copy.js'
import type { FetchedFile } from '../caches/cached-copy.js'

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
   * Keeps what this run fetched for later runs: downloads in the tool cache (not on a hosted
   * runner with the Actions cache on, where it would only take disk), and the Actions cache
   * entry prepared for the post step, which saves it.
   */
  async keep(fetched: readonly FetchedFile[]): Promise<void> {
    if (!this.actionsCache?.replacesToolCache) {
      for (const file of fetched) {
        if (file.source !== 'tool-cache' && file.address) await this.toolCache.store(file.target, file.address.md5)
      }
    }
    await this.actionsCache?.keepForPost(fetched, this.maxActionsCacheBytes, (md5) => this.toolCache.find(md5))
  }
}
