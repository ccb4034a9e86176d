import * as core from '@actions/core'
import { ModelCache } from './cache.js'
import { HttpPool } from './http.js'
import { readInputs, readToken } from './inputs.js'
import { resolveDestinations } from './paths.js'
import { describeQuery } from './model-query.js'
import { logTotals, reportFailure, setOutputs, writeSummary } from './report.js'
import { RetryPolicy } from './retry.js'
import { readTuning } from './settings.js'
import { SignedUrls } from './signed-urls.js'
import { Staging } from './staging.js'
import { StudioClient } from './studio.js'
import { fetchFiles } from './transfer.js'

/** Reads the inputs, asks Studio for the model's signed URLs, fetches the files, reports. */
export async function run(): Promise<void> {
  const started = Date.now()
  const token = readToken()
  const staging = new Staging()
  let http: HttpPool | undefined
  try {
    const inputs = readInputs(token)
    const { query } = inputs
    const tuning = readTuning()
    const policy = new RetryPolicy({ retries: inputs.retries, delayScale: tuning.delayScale })
    const pool = (http = new HttpPool(inputs.timeoutSeconds * 1000))
    const studio = new StudioClient(inputs.studioUrl, inputs.token, pool, policy)

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
        policy,
        concurrency: inputs.concurrency,
        stallTimeoutMs: inputs.timeoutSeconds * 1000,
        progressIntervalMs: tuning.progressIntervalMs
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
    await writeSummary(inputs, files, Date.now() - started)
  } catch (error) {
    await staging.discard()
    reportFailure(error, [token])
  } finally {
    http?.dispose()
  }
}
