import { ActionError } from '../common/errors.js'
import { readSmallBody, type HttpPool } from '../common/http-pool.js'
import { errorReason, quoteThenStop, shorten } from '../common/format.js'
import { studioFailure } from './studio-errors.js'
import { type ModelQuery, describeQuery } from './model-query.js'
import { describeUrl, scrub } from '../common/redact.js'
import { isRetryableStatus, isTlsSetupError, retryAfterMs, tlsAdvice, type RetryPolicy } from '../common/retry.js'
import type { DownloadUris } from '../transfer/signed-urls.js'

export const API_PATH = 'api/model-registry/get-download-uris'

/** The endpoint's URL. `studioUrl` ends in '/', so a self-hosted path prefix is kept. */
export function downloadUrisUrl(studioUrl: string, query: ModelQuery): string {
  const url = new URL(API_PATH, studioUrl.endsWith('/') ? studioUrl : `${studioUrl}/`)
  url.searchParams.set('repo', query.repo)
  url.searchParams.set('name', query.name)
  if (query.version) url.searchParams.set('version', query.version)
  if (query.stage) url.searchParams.set('stage', query.stage)
  return url.toString()
}

export class StudioClient {
  constructor(
    private readonly studioUrl: string,
    private readonly token: string,
    private readonly http: HttpPool,
    private readonly policy: RetryPolicy
  ) {}

  /** Asks Studio for signed URLs; retries connection errors, 408, 429 and 5xx. */
  async getDownloadUris(query: ModelQuery): Promise<DownloadUris> {
    const url = downloadUrisUrl(this.studioUrl, query)
    const budget = this.policy.budget()
    for (;;) {
      let problem: string
      let wait: number | undefined
      try {
        const response = await this.http.get(url, {
          Authorization: `token ${this.token}`,
          Accept: 'application/json'
        })
        const status = response.message.statusCode ?? 0
        // A model tracked as a folder can list thousands of files: read a 200 whole.
        if (status === 200) return parseDownloadUris(await response.readBody(), query, url)
        const body = await readSmallBody(response)
        if (!isRetryableStatus(status) || !budget.fail()) {
          throw new ActionError(studioFailure(status, body, query, this.token, url))
        }
        problem = `HTTP ${status}`
        wait = retryAfterMs(response.message.headers)
      } catch (error) {
        if (error instanceof ActionError) throw error
        // Neither a certificate nor an https:// URL for an http port changes on a retry.
        if (isTlsSetupError(error)) {
          throw new ActionError(
            tlsAdvice(`Studio at ${describeUrl(url)}`, url, error, "in input 'studio-url' (or DVC_STUDIO_URL)")
          )
        }
        const reason = scrub(errorReason(error), [this.token])
        if (!budget.fail()) {
          throw new ActionError(
            `Could not reach Studio at ${describeUrl(url)}: ${reason}. Check input 'studio-url' (or DVC_STUDIO_URL) and the runner's network or proxy settings (HTTPS_PROXY, NO_PROXY).`
          )
        }
        problem = reason
      }
      await this.policy.wait('the Studio request', budget, problem, wait)
    }
  }
}

/** A 200 must be a non-empty JSON object of string to string. `url`: the request, named in errors. */
export function parseDownloadUris(body: string, query: ModelQuery, url = ''): DownloadUris {
  const studio = url ? `Studio at ${describeUrl(url)}` : 'Studio'
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new ActionError(
      `${studio} answered 200 but not with JSON when asked for ${describeQuery(query)}: ${quoteThenStop(shorten(body))} Check input 'studio-url': it should be Studio's base address, not a page behind a login or proxy.`
    )
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ActionError(
      `${studio} answered for ${describeQuery(query)} with something other than a JSON object of file paths to URLs. Check input 'studio-url' points at Studio.`
    )
  }
  const entries = Object.entries(parsed as Record<string, unknown>)
  if (entries.length === 0) {
    throw new ActionError(
      `${studio} lists no files for ${describeQuery(query)}. Check that the model's files are pushed to a DVC remote that Studio can reach (dvc push), and that the remote's credentials are set in Studio.`
    )
  }
  const uris: DownloadUris = {}
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) {
      throw new ActionError(
        `${studio} has no http(s) download URL for '${key}' of ${describeQuery(query)}. Check the model's DVC remote in Studio: only cloud or http remotes can be downloaded.`
      )
    }
    uris[key] = value
  }
  return uris
}
