import * as core from '@actions/core'
import { saveActionsCache } from '../caches/actions-cache.js'
import { scrub } from '../common/redact.js'
import { pruneToolCacheAfterRun } from '../caches/tool-cache-prune.js'

/**
 * The post step (action.yml `runs.post`, run only when the main step succeeded): saves the
 * model's files to the Actions cache, now that the job's own steps have had them, and keeps the
 * runner's tool cache within its cap. Never fails.
 */
export async function runPost(): Promise<void> {
  try {
    await saveActionsCache()
  } catch (error) {
    core.warning(`Actions cache: the post step failed (${scrub(String((error as Error)?.message ?? error))}).`)
  }
  await pruneToolCacheAfterRun()
}
