import { HttpClient, type HttpClientResponse } from '@actions/http-client'
import type { OutgoingHttpHeaders } from 'node:http'

/**
 * HTTP plumbing shared by the Studio client and the transfers: proxy-aware clients
 * (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, through @actions/http-client). Retries: retry.ts.
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

  /**
   * POSTs `body` (GitHub's GraphQL API) to `url` alone: a redirect is answered as it is, not
   * followed, since the library keeps the Authorization header on another port of the same host.
   */
  post(url: string, body: string, headers: OutgoingHttpHeaders = {}): Promise<HttpClientResponse> {
    return this.client(new URL(url).protocol, false).request('POST', url, body, headers)
  }

  private client(protocol: string, followRedirects = true): HttpClient {
    const key = `${protocol}${followRedirects ? '' : ' no redirects'}`
    let client = this.clients.get(key)
    if (!client) {
      client = new HttpClient(USER_AGENT, [], {
        keepAlive: true,
        allowRetries: false,
        allowRedirects: followRedirects,
        allowRedirectDowngrade: false,
        socketTimeout: this.socketTimeoutMs
      })
      this.clients.set(key, client)
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
