import * as core from '@actions/core'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { HttpPool, readSmallBody } from '../common/http-pool.js'
import { errorReason, formatDuration, shorten } from '../common/format.js'
import { scrub } from '../common/redact.js'
import { TIMED_OUT, withDeadline } from './actions-cache-log.js'

/**
 * The Actions cache lookup without @actions/cache. Loading the library is ~0.1 s of CPU (a
 * 2.4 MB chunk) and its lookup spawns `zstd --version`; on a miss (every first job of a model)
 * that is all the Actions cache costs the main step, for one small POST. So the main step asks
 * the service itself, the way the library's v2 client does (Twirp JSON, the runtime token as
 * bearer), with the same key, restore keys and `version`, and loads the library only to restore
 * a hit (and in the post step, to save). Where the library would not speak v2 (GHES, the v1
 * service), `ownLookupApplies` says no and the library looks up as before.
 *
 * The `version` scopes entries: it must be exactly what @actions/cache computes for the same
 * paths and compression method, or every lookup misses (__tests__/cache-lookup.test.ts
 * computes it with the library's own function).
 */

export type CompressionMethod = 'gzip' | 'zstd-without-long'
type Env = Record<string, string | undefined>

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/'
/** @actions/cache's `versionSalt`. */
const VERSION_SALT = '1.0'
/** Statuses the library's Twirp client retries. */
const RETRYABLE = new Set([500, 502, 503, 504])
/** Network failures the library reports at once ("Unable to make request: <code>"), no retry. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'EAI_AGAIN'])
/** One retry of a 5xx, after this long (the library waits 3 s and tries 5 times). */
const RETRY_AFTER_MS = 1000

/** @actions/cache's getCacheVersion (internal/cacheUtils.js), for enableCrossOsArchive false. */
export function cacheVersion(
  paths: readonly string[],
  compression: CompressionMethod,
  platform: NodeJS.Platform = process.platform
): string {
  const components = [...paths, compression]
  if (platform === 'win32') components.push('windows-only')
  components.push(VERSION_SALT)
  return createHash('sha256').update(components.join('|')).digest('hex')
}

/**
 * The compression method @actions/cache will choose: `zstd-without-long` when `zstd --quiet
 * --version` prints anything, which is when @actions/io's which() finds `zstd` on PATH, else
 * `gzip`. The same search (PATH in order; on Windows with PATHEXT's extensions; on Unix a file
 * with an execute bit for us), without spawning zstd. A zstd that runs but prints nothing
 * would make the library say gzip and this say zstd: the lookup would then miss, never restore
 * a wrong archive (the library's restore computes its own version).
 */
export async function compressionMethod(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform
): Promise<CompressionMethod> {
  const windows = platform === 'win32'
  const delimiter = windows ? ';' : ':'
  const extensions = windows ? (env.PATHEXT ?? '').split(delimiter).filter(Boolean) : []
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const base = path.join(dir, 'zstd')
    // As which(): the name itself (on Windows only with a PATHEXT extension, which 'zstd' has not), then with each extension.
    for (const file of windows ? extensions.map((ext) => base + ext) : [base]) {
      const stats = await fs.stat(file).catch(() => undefined)
      if (stats?.isFile() && (windows || unixExecutable(stats))) return 'zstd-without-long'
    }
  }
  return 'gzip'
}

/** @actions/io's isUnixExecutable. */
function unixExecutable(stats: { mode: number; uid: number; gid: number }): boolean {
  return (
    (stats.mode & 1) > 0 ||
    ((stats.mode & 8) > 0 && stats.gid === process.getgid?.()) ||
    ((stats.mode & 64) > 0 && stats.uid === process.getuid?.())
  )
}

/**
 * Whether this lookup is exactly the one @actions/cache would make: cache service v2
 * (ACTIONS_CACHE_SERVICE_V2 set, and not GHES, where the library uses v1), at ACTIONS_RESULTS_URL.
 */
export function ownLookupApplies(env: Env = process.env): boolean {
  if (!env.ACTIONS_CACHE_SERVICE_V2 || !env.ACTIONS_RESULTS_URL || !env.ACTIONS_RUNTIME_TOKEN) return false
  try {
    const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.trimEnd().toUpperCase()
    const ghes = host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST')
    return !ghes && Boolean(new URL(SERVICE, env.ACTIONS_RESULTS_URL))
  } catch {
    return false
  }
}

/** Whether the runner's ACTIONS_CACHE_MODE lets this job read the cache (unset or unknown: yes), as the library decides. */
export function cacheReadable(env: Env = process.env): boolean {
  const mode = (env.ACTIONS_CACHE_MODE || '').trim().toLowerCase()
  return !['none', 'read', 'write', 'write-only'].includes(mode) || mode === 'read' || mode === 'write'
}

/** What the lookup found; neither key nor problem: no entry. */
export interface LookupOutcome {
  /** The entry the service would restore: the newest for the key, else for the first restore key with one. */
  matchedKey?: string
  /** Why there is no answer. */
  problem?: string
  /** The service could not be reached or answered 5xx, so the post step's save would fail too. */
  unreachable?: boolean
}

export interface LookupRequest {
  key: string
  restoreKeys: readonly string[]
  /** cacheVersion() of the paths the entry is restored to. */
  version: string
  /** How long the whole lookup may take, retry included. */
  deadlineMs: number
}

/**
 * Asks the cache service (v2, GetCacheEntryDownloadURL) which entry it would restore. The
 * runtime token goes to ACTIONS_RESULTS_URL only: a redirect is not followed (it is a failure).
 * Through HTTPS_PROXY/HTTP_PROXY/NO_PROXY as the library (both use @actions/http-client).
 * The signed download URL in the answer is not kept (the library asks again to restore), but
 * its signature is masked as the library masks it, in case the service hands out the same URL.
 */
export async function lookUpEntry(request: LookupRequest, env: Env = process.env): Promise<LookupOutcome> {
  const url = new URL(`${SERVICE}GetCacheEntryDownloadURL`, env.ACTIONS_RESULTS_URL).href
  const body = JSON.stringify({
    key: request.key,
    // As the library's JSON (emitDefaultValues: false): no empty list.
    ...(request.restoreKeys.length ? { restore_keys: request.restoreKeys } : {}),
    version: request.version
  })
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}` }
  const pool = new HttpPool(request.deadlineMs)
  let givenUp = false
  const attempts = async (): Promise<LookupOutcome> => {
    for (let attempt = 1; ; attempt++) {
      const { retry, ...outcome } = await ask(pool, url, body, headers)
      if (!retry || attempt === 2 || givenUp) return outcome
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS).unref())
    }
  }
  try {
    const outcome = await withDeadline(attempts(), request.deadlineMs)
    if (outcome !== TIMED_OUT) return outcome
    givenUp = true
    return {
      problem: `the cache service did not answer within ${formatDuration(request.deadlineMs)}`,
      unreachable: true
    }
  } finally {
    // Ends a request still under way at the deadline (through a proxy, its socket is unref'd
    // at the step's end instead: the caller runs this inside muteCacheLog).
    pool.dispose()
  }
}

async function ask(
  pool: HttpPool,
  url: string,
  body: string,
  headers: Record<string, string>
): Promise<LookupOutcome & { retry?: boolean }> {
  let status: number
  let text: string
  try {
    const response = await pool.post(url, body, headers)
    status = response.message.statusCode ?? 0
    text = await readSmallBody(response)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code
    const reason = scrub(errorReason(error))
    const problem = `could not reach the cache service: ${code && !reason.includes(code) ? `${code}, ` : ''}${reason}`
    return { problem, unreachable: code === undefined || NETWORK_CODES.has(code) }
  }
  let answer: Record<string, unknown> | undefined
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed && typeof parsed === 'object') answer = parsed as Record<string, unknown>
  } catch {
    // Described below.
  }
  if (status < 200 || status >= 300) {
    const said = typeof answer?.msg === 'string' ? answer.msg : shorten(text, 200)
    const problem = scrub(`the cache service answered ${status}${said ? `: ${said}` : ''}`)
    return { problem, unreachable: status >= 500, retry: RETRYABLE.has(status) }
  }
  if (!answer) return { problem: `the cache service answered ${status} without JSON` }
  // protobuf-ts JSON: proto field names, or their lowerCamelCase forms.
  const matchedKey = answer.matched_key ?? answer.matchedKey
  maskSignature(answer.signed_download_url ?? answer.signedDownloadUrl)
  return answer.ok === true && typeof matchedKey === 'string' && matchedKey ? { matchedKey } : {}
}

/** As @actions/cache's maskSigUrl: the SAS signature, raw and URL-encoded. */
function maskSignature(url: unknown): void {
  if (typeof url !== 'string' || !url) return
  try {
    const signature = new URL(url).searchParams.get('sig')
    if (signature) {
      core.setSecret(signature)
      core.setSecret(encodeURIComponent(signature))
    }
  } catch {
    // Not a URL: nothing to mask, and nothing of it is printed.
  }
}
