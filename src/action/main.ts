import * as core from '@actions/core'
import { HttpPool } from '../common/http-pool.js'
import { readGithubToken, readInputs, readToken } from './inputs.js'
import { Md5Threads } from '../files/md5-threads.js'
import { ModelCaches } from '../fetch/model-caches.js'
import { DiskBudget } from '../files/disk-space.js'
import { describeCaching } from '../caches/cache-fill.js'
import { resolveDestinations } from '../files/paths.js'
import { githubTagReader, planFetch, setRegistryOutputs } from '../registry/registry-plan.js'
import { fetchedModel, logTotals, reportFailure, setOutputs, writeSummary } from './report.js'
import { reportPlan } from './plan-report.js'
import { RetryPolicy } from '../common/retry.js'
import { readTuning } from '../common/settings.js'
import { SignedUrls } from '../transfer/signed-urls.js'
import { Staging } from '../files/staging.js'
import { StorageHttp } from '../transfer/storage-http.js'
import { StudioClient } from '../registry/studio.js'
import { fetchFiles } from '../fetch/worker-pool.js'
import { markToolCacheUse } from '../caches/tool-cache-prune.js'
import { selectFiles } from '../registry/selection.js'

/**
 * Reads the inputs, asks Studio for the model's signed URLs, keeps the files `include` and
 * `exclude` select, fetches them (unless `download: false` asked for a plan only), reports.
 */
export async function run(): Promise<void> {
  const started = Date.now()
  const token = readToken()
  const githubToken = readGithubToken()
  const staging = new Staging()
  let http: HttpPool | undefined
  let storage: StorageHttp | undefined
  let md5Threads: Md5Threads | undefined
  try {
    const inputs = readInputs(token)
    const tuning = readTuning()
    const policy = new RetryPolicy({ retries: inputs.retries, delayScale: tuning.delayScale })
    const pool = (http = new HttpPool(inputs.timeoutSeconds * 1000))
    // Which version: from the inputs, the registry tag that triggered the run, or the repo's tags.
    const plan = await planFetch(inputs, githubTagReader(inputs.query.repo, githubToken, pool, policy))
    setRegistryOutputs(plan.outputs)
    if (!plan.query) return
    const query = plan.query
    const model = fetchedModel(query, plan.outputs.stage)
    const studio = new StudioClient(inputs.studioUrl, inputs.token, pool, policy)
    /** Studio's list of the model's files, narrowed to the selection, and where each would land. */
    const listFiles = async () => {
      const selection = await selectFiles(await studio.getDownloadUris(query), inputs.selection)
      return { selection, targets: await resolveDestinations(inputs.destination, Object.keys(selection.uris)) }
    }
    if (!inputs.download) {
      // A plan: no storage request, no file written, no cache touched.
      const { selection, targets } = await core.group(`Listing the files of ${plan.title}`, listFiles)
      return await reportPlan(inputs.destination, model, selection, targets)
    }
    const direct = (storage = new StorageHttp(pool, inputs.timeoutSeconds * 1000, tuning.directHttp))
    // MD5s on the other cores; the threads boot while Studio answers.
    md5Threads = tuning.hashWorker ? Md5Threads.start() : undefined
    // @actions/cache loads meanwhile too, when the Actions cache is on.
    ModelCaches.warmUp(inputs)

    const files = await core.group(`Fetching ${plan.title}`, async () => {
      const { selection, targets } = await listFiles()
      const uris = selection.uris
      const urls = new SignedUrls(uris, () => studio.getDownloadUris(query))
      // Per file: the runner's tool cache, then the Actions cache (keyed by the selection), then storage.
      const caches = await ModelCaches.open(inputs, query.name, Object.values(uris), tuning.cacheLookupMs)
      const fetched = await fetchFiles(targets, {
        http: direct,
        partBytes: tuning.partBytes,
        md5Threads,
        urls,
        cache: caches.lookup,
        staging,
        disk: new DiskBudget(inputs.destination, targets.size),
        policy,
        concurrency: inputs.concurrency,
        stallTimeoutMs: inputs.timeoutSeconds * 1000,
        progressIntervalMs: tuning.progressIntervalMs
      })
      await staging.commit()
      const caching = await caches.keep(fetched)
      // Hits mark their entries as used; an entry made now has a fresh marker already.
      const hits = fetched.filter((file) => file.source === 'tool-cache')
      await markToolCacheUse(
        inputs,
        hits.flatMap((file) => file.address?.md5 ?? []),
        started
      )
      return { fetched, cacheKey: caches.key, selection, caching }
    })
    // After the group, which the log shows collapsed: a finished step shows its result.
    logTotals(files.fetched, Date.now() - started, model, files.selection)
    core.info(describeCaching(files.caching))

    setOutputs(inputs.destination, files.fetched, files.cacheKey)
    await writeSummary({ ...inputs, query }, files.fetched, Date.now() - started, plan.outputs.stage, files.selection)
  } catch (error) {
    // The threads first: on Windows a file a thread still holds open cannot be removed.
    await md5Threads?.close()
    await staging.discard()
    reportFailure(error, [token, githubToken])
  } finally {
    storage?.dispose()
    http?.dispose()
    await md5Threads?.close()
  }
}
