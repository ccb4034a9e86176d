import * as core from '@actions/core'
import * as tc from '@actions/tool-cache'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'

/**
 * Model binaries in the runner's tool cache, keyed by content hash, in tool-cache's own
 * layout (`<RUNNER_TOOL_CACHE>/dvc-studio-model-files/0.0.0-md5-<hash>/<arch>/content`,
 * with tool-cache's `.complete` marker), so `tc.find` reads it and a half-written entry is
 * never found.
 */
export const CACHE_TOOL_NAME = 'dvc-studio-model-files'
const FILE_NAME = 'content'

/** The hash as a semver pre-release, the only version form tool-cache accepts. */
export function cacheVersion(md5: string): string {
  return `0.0.0-md5-${md5}`
}

export class ModelCache {
  readonly enabled: boolean

  constructor(wanted: boolean, env: Record<string, string | undefined> = process.env) {
    this.enabled = wanted && Boolean(env.RUNNER_TOOL_CACHE)
    if (wanted && !this.enabled) core.info('RUNNER_TOOL_CACHE is not set: the tool cache is not used.')
  }

  /** The cached file with this MD5, if there is one. */
  find(md5: string | undefined): string | undefined {
    if (!this.enabled || !md5) return undefined
    const dir = tc.find(CACHE_TOOL_NAME, cacheVersion(md5))
    return dir ? path.join(dir, FILE_NAME) : undefined
  }

  /**
   * Copies a verified file into the cache. A failure here costs the next run a download,
   * not this run its model, so it is a warning, and the partial entry is removed.
   */
  async store(file: string, md5: string): Promise<void> {
    if (!this.enabled || this.find(md5)) return
    try {
      await tc.cacheFile(file, FILE_NAME, CACHE_TOOL_NAME, cacheVersion(md5))
    } catch (error) {
      const dir = path.join(process.env.RUNNER_TOOL_CACHE as string, CACHE_TOOL_NAME, cacheVersion(md5))
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined)
      core.warning(`Could not keep ${path.basename(file)} in the tool cache: ${(error as Error).message}`)
    }
  }
}
