import * as core from '@actions/core'
import { ModelCache } from './cache.js'
import { HttpPool, retryTiming } from './http.js'
import { readInputs, readToken } from './inputs.js'
import { resolveDestinations } from './paths.js'
import { logTotals, reportFailure, setOutputs, writeSummary } from './report.js'
import { SignedUrls } from './signed-urls.js'
import { Staging } from './staging.js'
import { StudioClient, describeQuery, type ModelQuery } from './studio.js'
import { fetchFiles } from './transfer.js'

/** Reads the inputs, asks Studio for the model's signed URLs, fetches the files, reports. */
export async function run(): Promise<void> {
  const started = Date.now()
  const token = readToken()
  const staging = new Staging()
  let http: HttpPool | undefined
  try {
    const inputs = readInputs(token)
    const query: ModelQuery = {
      repo: inputs.repo,
      name: inputs.modelName,
      version: inputs.version,
      stage: inputs.stage
    }
    const timing = retryTiming()
    const pool = (http = new HttpPool(inputs.timeoutSeconds * 1000))
    const studio = new StudioClient(inputs.studioUrl, inputs.token, pool, inputs.retries, timing)

    const files = await core.group(`Fetching ${describeQuery(query)}`, async () => {
      const uris = await studio.getDownloadUris(query)
      const urls = new SignedUrls(uris, () => studio.getDownloadUris(query))
      const targets = await resolveDestinations(inputs.destination, Object.keys(uris))
      const cache = new ModelCache(inputs.cache)
      const fetched = await fetchFiles(targets, {
        http: pool,
        urls,
        cache,
        staging,
        timing,
        concurrency: inputs.concurrency,
        retries: inputs.retries,
        stallTimeoutMs: inputs.timeoutSeconds * 1000,
        progressIntervalMs: Number(process.env.DVC_MODEL_ACTION_PROGRESS_MS) || 10_000
      })
      await staging.commit()
      for (const file of fetched) {
        if (file.source === 'download' && file.address) await cache.store(file.target, file.address.md5)
      }
      return fetched
    })
    // After the group, which the log shows collapsed: a finished step shows its result.
    logTotals(files, Date.now() - started, query)

    setOutputs(inputs.destination, files)
    await writeSummary(inputs, query, files, Date.now() - started)
  } catch (error) {
    await staging.discard()
    reportFailure(error, [token])
  } finally {
    http?.dispose()
  }
}
