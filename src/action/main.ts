import * as core from '@actions/core'
import { HttpPool } from '../common/http-pool.js'
import { readGithubToken, readInputs, readToken } from './inputs.js'
import { Md5Threads } from '../files/md5-threads.js'
import { ModelCaches } from '../fetch/model-caches.js'
import { describeCaching } from '../caches/cache-fill.js'
import { resolveDestinations } from '../files/paths.js'
import { githubTagReader, planFetch, setRegistryOutputs } from '../registry/registry-plan.js'
import { fetchedModel, logTotals, reportFailure, setOutputs, writeSummary } from './report.js'
import { RetryPolicy } from '../common/retry.js'
import { readTuning } from '../common/settings.js'
import { SignedUrls } from '../transfer/signed-urls.js'
import { Staging } from '../files/staging.js'
import { StorageHttp } from '../transfer/storage-http.js'
import { StudioClient } from '../registry/studio.js'
import { fetchFiles } from '../fetch/worker-pool.js'

/** Reads the inputs, asks Studio for the model's signed URLs, fetches the files, reports. */
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
    const studio = new StudioClient(inputs.studioUrl, inputs.token, pool, policy)
    const direct = (storage = new StorageHttp(pool, inputs.timeoutSeconds * 1000, tuning.directHttp))
    // MD5s on the other cores; the threads boot while Studio answers.
    md5Threads = tuning.hashWorker ? Md5Threads.start() : undefined
    // @actions/cache loads meanwhile too, when the Actions cache is on.
    ModelCaches.warmUp(inputs)

    const files = await core.group(`Fetching ${plan.title}`, async () => {
      const uris = await studio.getDownloadUris(query)
      const urls = new SignedUrls(uris, () => studio.getDownloadUris(query))
      const targets = await resolveDestinations(inputs.destination, Object.keys(uris))
      // Per file: the runner's tool cache, then the Actions cache, then storage.
      const caches = await ModelCaches.open(inputs, query.name, Object.values(uris), tuning.cacheLookupMs)
      const fetched = await fetchFiles(targets, {
        http: direct,
        partBytes: tuning.partBytes,
        md5Threads,
        urls,
        cache: caches.lookup,
        staging,
        policy,
        concurrency: inputs.concurrency,
        stallTimeoutMs: inputs.timeoutSeconds * 1000,
        progressIntervalMs: tuning.progressIntervalMs
      })
      await staging.commit()
      const caching = await caches.keep(fetched)
      return { fetched, cacheKey: caches.key, caching }
    })
    // After the group, which the log shows collapsed: a finished step shows its result.
    logTotals(files.fetched, Date.now() - started, fetchedModel(query, plan.outputs.stage))
    core.info(describeCaching(files.caching))

    setOutputs(inputs.destination, files.fetched, files.cacheKey)
    await writeSummary({ ...inputs, query }, files.fetched, Date.now() - started, plan.outputs.stage)
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
