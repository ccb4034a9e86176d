// The action's entries in a runner's tool cache, spelt out as docs/how-it-works.md describes
// them (DVC's cache layout), so the tests hold the layout rather than import it.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The tool-cache entry of the file with this MD5.
 * @param {string} toolCache RUNNER_TOOL_CACHE
 * @param {string} md5
 */
export function toolCacheFile(toolCache, md5) {
  return join(toolCache, 'dvc-studio-model-files', 'md5', md5.slice(0, 2), md5.slice(2))
}

/**
 * The MD5s the tool cache holds entries for, sorted.
 * @param {string} toolCache RUNNER_TOOL_CACHE
 */
export function toolCacheMd5s(toolCache) {
  const top = join(toolCache, 'dvc-studio-model-files', 'md5')
  if (!existsSync(top)) return []
  return readdirSync(top)
    .flatMap((two) => readdirSync(join(top, two)).map((rest) => two + rest))
    .sort()
}
