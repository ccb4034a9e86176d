import * as core from '@actions/core'
import { saveActionsCache } from '../caches/actions-cache.js'
import { settleCaches } from '../caches/cache-fill.js'
import { scrub } from '../common/redact.js'
import { pruneToolCacheAfterRun } from '../caches/tool-cache-prune.js'

/**
 * The post step (action.yml `runs.post`, run only when the main step succeeded): checks what
 * the main step linked into the caches, copies what it could not link, saves the model's files
 * to the Actions cache, now that the job's own steps have had them, and keeps the runner's tool
 * cache within its cap. Never fails.
 */
export async function runPost(): Promise<void> {
  try {
    // The caches' files checked (and those the main step could not link copied) before the save.
    const leftOut = await settleCaches()
    await saveActionsCache(process.env, leftOut)
  } catch (error) {
    core.warning(`Actions cache: the post step failed (${scrub(String((error as Error)?.message ?? error))}).`)
  }
  await pruneToolCacheAfterRun()
}
