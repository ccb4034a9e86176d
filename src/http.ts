import { HttpClient, type HttpClientResponse } from '@actions/http-client'
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'

/**
 * HTTP plumbing shared by the Studio client and the transfers: proxy-aware clients
 * (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, through @actions/http-client), and retry timing.
 */

const USER_AGENT = 'dvc-studio-model-action'

/**
 * One keep-alive client per protocol: an HttpClient caches the agent of the first URL it
 * served, so http and https must not share one.
 */
export class HttpPool {
  private readonly clients = new Map<string, HttpClient>()

  constructor(private readonly socketTimeoutMs: number) {}

  /** Sends `url` exactly as received: no retries or auth handlers of the library's own. */
  get(url: string, headers: OutgoingHttpHeaders = {}): Promise<HttpClientResponse> {
    return this.client(new URL(url).protocol).request('GET', url, null, headers)
  }

  private client(protocol: string): HttpClient {
    let client = this.clients.get(protocol)
    if (!client) {
      client = new HttpClient(USER_AGENT, [], {
        keepAlive: true,
        allowRetries: false,
        allowRedirects: true,
        allowRedirectDowngrade: false,
        socketTimeout: this.socketTimeoutMs
      })
      this.clients.set(protocol, client)
    }
    return client
  }

  dispose(): void {
    for (const client of this.clients.values()) client.dispose()
    this.clients.clear()
  }
}

/** Reads at most `limit` bytes of a response body (error pages can be large), then drops the rest. */
export async function readSmallBody(response: HttpClientResponse, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of response.message) {
      const buffer = chunk as Buffer
      if (size < limit) chunks.push(buffer.subarray(0, limit - size))
      size += buffer.length
      if (size >= limit) break
    }
  } catch {
    // A body cut short still explains what it can.
  } finally {
    response.message.destroy()
  }
  return Buffer.concat(chunks).toString('utf8')
}

export interface RetryTiming {
  /** First backoff delay; doubles each attempt. */
  baseMs: number
  /** Largest backoff delay. */
  maxMs: number
  /** Longest Retry-After honoured. */
  maxRetryAfterMs: number
}

/** Backoff near 1 s doubling to 30 s. DVC_MODEL_ACTION_DELAY_SCALE shortens every wait, for tests. */
export function retryTiming(env: Record<string, string | undefined> = process.env): RetryTiming {
  const scale = Number(env.DVC_MODEL_ACTION_DELAY_SCALE ?? '1')
  const factor = Number.isFinite(scale) && scale >= 0 ? scale : 1
  return { baseMs: 1000 * factor, maxMs: 30_000 * factor, maxRetryAfterMs: 300_000 * factor }
}

/** Exponential backoff with jitter for retry `attempt` (1-based), at least what Retry-After asks. */
export function backoffMs(attempt: number, timing: RetryTiming, retryAfterMs?: number): number {
  const exponential = Math.min(timing.maxMs, timing.baseMs * 2 ** (attempt - 1))
  const jittered = exponential * (0.5 + Math.random() * 0.5)
  if (retryAfterMs === undefined) return jittered
  const scaled = retryAfterMs * (timing.baseMs / 1000)
  return Math.max(jittered, Math.min(scaled, timing.maxRetryAfterMs))
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), if present and sensible. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const value = headers['retry-after']
  if (typeof value !== 'string' || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
