import * as core from '@actions/core'
import { ActionError } from '../common/errors.js'
import { ordinal } from '../common/format.js'
import { contentAddress } from '../files/integrity.js'
import { secretForms, setSecrets } from '../common/redact.js'

/** Studio's answer: each file's repo-relative path and its signed URL. */
export type DownloadUris = Record<string, string>

/**
 * The signed URLs of one model, kept current: they expire after an hour, and a large model
 * can outlive them, so a transfer may ask for fresh ones (one Studio call serves all files).
 */
export class SignedUrls {
  private current: DownloadUris
  private inflight: Promise<DownloadUris> | undefined
  private refreshes = 0
  /** When recent refreshes happened: a model may take many hours, but not many refreshes at once. */
  private readonly recent: number[] = []

  constructor(
    initial: DownloadUris,
    private readonly fetchFresh: () => Promise<DownloadUris>,
    private readonly maxRefreshes = 3,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now
  ) {
    this.current = { ...initial }
    maskUrls(initial)
  }

  get(key: string): string {
    const url = this.current[key]
    if (url === undefined) throw new Error(`no signed URL for ${key}`)
    return url
  }

  /** A fresh URL for `key`, replacing `staleUrl`; concurrent callers share one Studio call. */
  async refresh(key: string, staleUrl: string, reason: string): Promise<string> {
    if (this.current[key] !== staleUrl) return this.get(key)
    if (!this.inflight) {
      const now = this.now()
      while (this.recent.length > 0 && now - this.recent[0] >= this.windowMs) this.recent.shift()
      if (this.recent.length >= this.maxRefreshes) {
        throw new ActionError(
          `The signed URL for '${key}' expired again right after ${this.maxRefreshes} fresh sets of URLs from Studio. URLs that expire this fast point at a wrong clock: check the runner's clock (and the storage's), then re-run the job.`
        )
      }
      this.recent.push(now)
      this.refreshes++
      core.info(
        `Signed URL for '${key}' ${reason}: asking Studio for fresh URLs (the ${ordinal(this.refreshes)} time in this run; ${this.recent.length} of at most ${this.maxRefreshes} in any ${Math.round(this.windowMs / 60_000)} minutes).`
      )
      this.inflight = this.fetchFresh().finally(() => {
        this.inflight = undefined
      })
      const fresh = await this.inflight
      maskUrls(fresh)
      this.adopt(fresh)
    } else {
      await this.inflight
    }
    return this.get(key)
  }

  private adopt(fresh: DownloadUris): void {
    for (const [key, url] of Object.entries(this.current)) {
      const replacement = fresh[key]
      if (replacement === undefined || contentAddress(replacement)?.md5 !== contentAddress(url)?.md5) {
        throw new ActionError(
          `The model changed in Studio while it was being downloaded ('${key}' ${replacement === undefined ? 'is gone' : 'has new content'}). Re-run the job, or pin a 'version' so that the files cannot move.`
        )
      }
      this.current[key] = replacement
    }
  }
}

const SIGNATURE_PARAMS = /(?:^|&)(?:X-Amz-Signature|X-Amz-Security-Token|Signature|sig)=([^&]+)/gi

/**
 * Masks what makes each URL a credential: its query string (so the URL never shows whole)
 * and, on their own, its signature and session token, in case part of a query is printed.
 * Folder models can have thousands of files, so only these few strings per URL.
 */
function maskUrls(uris: DownloadUris): void {
  const secrets: string[] = []
  for (const url of Object.values(uris)) {
    const start = url.indexOf('?')
    const query = start >= 0 ? url.slice(start + 1).split('#')[0] : ''
    if (query) secrets.push(query)
    // Each in every form: a server may quote it decoded (`+`, `=`), and the runner masks exact text.
    for (const match of query.matchAll(SIGNATURE_PARAMS)) secrets.push(...secretForms(match[1]))
    const userinfo = /^[a-z]+:\/\/([^/@]+)@/i.exec(url)?.[1]
    if (userinfo) secrets.push(userinfo)
  }
  setSecrets(secrets)
}

/** When a signed URL stops working, as far as its own query says (S3 v4, S3 v2, Azure SAS). */
export function urlExpiry(url: string): number | undefined {
  let params: URLSearchParams
  try {
    params = new URL(url).searchParams
  } catch {
    return undefined
  }
  const amzDate = params.get('X-Amz-Date') ?? params.get('x-amz-date')
  const amzExpires = params.get('X-Amz-Expires') ?? params.get('x-amz-expires')
  if (amzDate && amzExpires) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
    if (m && /^\d+$/.test(amzExpires)) {
      const [, y, mo, d, h, mi, s] = m.map(Number)
      return Date.UTC(y, mo - 1, d, h, mi, s) + Number(amzExpires) * 1000
    }
  }
  const expires = params.get('Expires')
  if (expires && /^\d+$/.test(expires)) return Number(expires) * 1000
  const se = params.get('se')
  if (se && params.get('sig')) {
    const time = Date.parse(se)
    if (!Number.isNaN(time)) return time
  }
  return undefined
}

/** An expired URL is not worth a request; a few seconds of margin cover clock skew. */
export function hasExpired(url: string, now = Date.now(), marginMs = 5000): boolean {
  const expiry = urlExpiry(url)
  return expiry !== undefined && expiry - marginMs <= now
}
