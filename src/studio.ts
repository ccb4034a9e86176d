import * as core from '@actions/core'
import { ActionError } from './errors.js'
import {
  backoffMs,
  isRetryableStatus,
  readSmallBody,
  retryAfterMs,
  sleep,
  type HttpPool,
  type RetryTiming
} from './http.js'
import { quoteThenStop, shorten } from './format.js'
import { describeUrl, scrub } from './redact.js'

/** What to ask Studio for: one model, at a version, a stage, or the latest. */
export interface ModelQuery {
  repo: string
  name: string
  version?: string
  stage?: string
}

/** Repo-relative file path -> signed URL. */
export type DownloadUris = Record<string, string>

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

export function describeQuery(query: ModelQuery): string {
  const what = query.version ? `version ${query.version}` : query.stage ? `stage ${query.stage}` : 'latest version'
  return `${query.name} (${what}) from ${query.repo}`
}

export class StudioClient {
  constructor(
    private readonly studioUrl: string,
    private readonly token: string,
    private readonly http: HttpPool,
    private readonly retries: number,
    private readonly timing: RetryTiming
  ) {}

  /** Asks Studio for signed URLs; retries connection errors, 408, 429 and 5xx. */
  async getDownloadUris(query: ModelQuery): Promise<DownloadUris> {
    const url = downloadUrisUrl(this.studioUrl, query)
    for (let attempt = 0; ; attempt++) {
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
        if (!isRetryableStatus(status) || attempt >= this.retries) {
          throw new ActionError(studioFailure(status, body, query, this.token, url))
        }
        problem = `HTTP ${status}`
        wait = retryAfterMs(response.message.headers)
      } catch (error) {
        if (error instanceof ActionError) throw error
        const reason = scrub(String((error as Error)?.message ?? error), [this.token])
        if (attempt >= this.retries) {
          throw new ActionError(
            `Could not reach Studio at ${describeUrl(url)}: ${reason}. Check input 'studio-url' (or DVC_STUDIO_URL) and the runner's network or proxy settings (HTTPS_PROXY, NO_PROXY).`
          )
        }
        problem = reason
      }
      const delay = backoffMs(attempt + 1, this.timing, wait)
      core.info(
        `Studio request failed (${problem}); retrying in ${(delay / 1000).toFixed(1)}s (retry ${attempt + 1} of ${this.retries}).`
      )
      await sleep(delay)
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

/**
 * One paragraph: which Studio was asked (`url`, the request, printed without its query), the
 * status, Studio's own words, and what to do.
 */
export function studioFailure(status: number, body: string, query: ModelQuery, token: string, url: string): string {
  const studio = `Studio at ${describeUrl(url)}`
  const explanation = scrub(studioExplanation(body), [token])
  const said = explanation ? `: ${quoteThenStop(explanation)}` : '.'
  if (status === 404 && !isStudioJson(body)) {
    return `The server at ${describeUrl(url)} answered HTTP 404 for ${describeQuery(query)} with a page that is not Studio's${said} That URL does not look like a Studio API: check input 'studio-url' (or DVC_STUDIO_URL). It is Studio's base address, such as https://studio.datachain.ai, or https://ci.example.com/studio for a self-hosted Studio under a path prefix; the action adds ${API_PATH} to it.`
  }
  let hint: string
  if (status === 401 || status === 403) {
    hint =
      "The token is wrong, expired or lacks the Model Registry scope: create a token with that scope in Studio's settings and store it in the secret passed as 'studio-token' (and check that 'studio-url' is the Studio that issued it)."
  } else if (status === 404) {
    hint =
      "Check 'repo' (the Git URL Studio knows the project by), 'name' (for a monorepo model, path/to/dvc.yaml:model), and 'version' or 'stage'."
  } else if (status === 400) {
    hint = "Check the inputs 'repo', 'name', 'version' and 'stage'."
  } else if (status >= 500 || status === 429 || status === 408) {
    hint = 'Studio is unavailable or overloaded; re-run the job later.'
  } else {
    hint = "Check input 'studio-url' and the inputs naming the model."
  }
  return `${studio} refused to list the files of ${describeQuery(query)} (HTTP ${status})${said} ${hint}`
}

/** Studio answers its own errors with a JSON object carrying `detail`; a proxy or another server does not. */
function isStudioJson(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as unknown
    return parsed !== null && typeof parsed === 'object' && 'detail' in parsed
  } catch {
    return false
  }
}

/** Studio's JSON `detail` (or `message`/`error`), else the body's text without markup. */
export function studioExplanation(body: string): string {
  try {
    const parsed = JSON.parse(body) as unknown
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>
      for (const field of ['detail', 'message', 'error']) {
        const value = record[field]
        if (typeof value === 'string') return shorten(value)
        if (value !== undefined) return shorten(JSON.stringify(value))
      }
    }
    if (typeof parsed === 'string') return shorten(parsed)
  } catch {
    // Not JSON: plain text or an HTML page from a proxy.
  }
  return shorten(body)
}
