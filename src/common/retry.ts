import * as core from '@actions/core'
import type { IncomingHttpHeaders } from 'node:http'
import { errorReason, formatDuration } from './format.js'
import { describeUrl } from './redact.js'

/**
 * The one retry policy of the Studio client and the downloads: which failures are worth
 * another attempt, how many attempts in a row, how long to wait, and the log line.
 */

/** Statuses that say "try again later": timeouts, rate limits, server trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/**
 * Certificate problems are configuration, not blips: a retry meets the same certificate.
 * Node's (OpenSSL's) codes for a certificate the runner does not trust or that does not fit.
 */
export const CERTIFICATE_ERRORS: ReadonlySet<string> = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

export function isCertificateError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && CERTIFICATE_ERRORS.has(code)
}

/** One paragraph for a certificate the runner does not accept, whoever presented it. */
export function certificateAdvice(what: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
      ? 'its certificate is outside its validity period (check the server, and the runner clock)'
      : code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH'
        ? 'its certificate is for a different host name'
        : 'its certificate is not signed by a certificate authority the runner trusts'
  return `The TLS connection to ${what} failed (${code}): ${reason}. If it uses an internal certificate authority, give the runner that CA's certificate: set the environment variable NODE_EXTRA_CA_CERTS to the path of a PEM file holding it (for example in the workflow's env).`
}

/**
 * TLS spoken to a port that does not speak it (an https:// URL for an http server) or a
 * handshake no retry can mend: OpenSSL's "wrong version number" and its kin. Node reports
 * them as EPROTO (message holding OpenSSL's words) or as ERR_SSL_* codes.
 */
export const TLS_PROTOCOL_ERRORS: ReadonlySet<string> = new Set([
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_UNKNOWN_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR'
])

const TLS_PROTOCOL_WORDS =
  /wrong version number|packet length too long|unsupported protocol|unknown protocol|handshake failure/i

export function isTlsProtocolError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (typeof code === 'string' && TLS_PROTOCOL_ERRORS.has(code)) return true
  return TLS_PROTOCOL_WORDS.test(String((error as Error | undefined)?.message ?? ''))
}

/** Certificate or TLS protocol trouble: configuration, so not retried. */
export function isTlsSetupError(error: unknown): boolean {
  return isCertificateError(error) || isTlsProtocolError(error)
}

/** The phrase for a TLS protocol failure: `url` (printed without its query) does not speak TLS. */
export function notTlsPhrase(url: string): string {
  return `the server at ${describeUrl(url)} does not speak TLS on that port: use http:// or the right port`
}

/**
 * One paragraph for a TLS setup failure (see isTlsSetupError) with `what` (`Studio at …`,
 * `storage at …`) reached at `url`; `fix` names where the address comes from.
 */
export function tlsAdvice(what: string, url: string, error: unknown, fix = ''): string {
  if (!isTlsProtocolError(error)) return certificateAdvice(what, error)
  return `The TLS connection to ${what} failed (${errorReason(error)}): ${notTlsPhrase(url)}${fix ? ` ${fix}` : ''}.`
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), if present and sensible. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const value = headers['retry-after']
  if (typeof value !== 'string' || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export interface RetryOptions {
  /** Failed attempts in a row allowed after the first. */
  retries: number
  /** Multiplies every chosen delay; 1 in real runs (see settings.ts). */
  delayScale: number
}

const BASE_MS = 1000
const MAX_BACKOFF_MS = 30_000
const MAX_RETRY_AFTER_MS = 300_000

export class RetryPolicy {
  readonly retries: number
  readonly delayScale: number

  constructor(
    options: RetryOptions,
    private readonly random: () => number = Math.random
  ) {
    this.retries = options.retries
    this.delayScale = options.delayScale
  }

  /**
   * The wait before retry `retry` (1-based): exponential backoff from 1 s to 30 s with
   * jitter, at least what Retry-After asked for (up to 5 minutes), all times the scale.
   */
  delayMs(retry: number, retryAfter?: number): number {
    const exponential = Math.min(MAX_BACKOFF_MS, BASE_MS * 2 ** (retry - 1))
    const jittered = exponential * (0.5 + this.random() * 0.5)
    const asked = retryAfter === undefined ? 0 : Math.min(retryAfter, MAX_RETRY_AFTER_MS)
    return Math.max(jittered, asked) * this.delayScale
  }

  /** A fresh count of failures in a row, for one request or one file. */
  budget(): RetryBudget {
    return new RetryBudget(this.retries)
  }

  /** Logs the retry line and waits (less if `signal` aborts). */
  async wait(
    subject: string,
    budget: RetryBudget,
    reason: string,
    retryAfter?: number,
    signal?: AbortSignal
  ): Promise<void> {
    const delay = this.delayMs(budget.failures, retryAfter)
    core.info(
      `Retrying ${subject} in ${formatDuration(delay)} (retry ${budget.failures} of ${this.retries}): ${errorReason(reason)}.`
    )
    await sleep(delay, signal)
  }
}

/**
 * Failures in a row. Progress (a position further than any reached before) resets the
 * count, so a huge file on a flaky link goes on while each attempt gets further. A link that
 * makes a little progress and then fails, every time, would go on without end: at
 * PROGRESS_ATTEMPTS_PER_RETRY x retries failed attempts in all (progress or not), it stops too.
 */
export class RetryBudget {
  failures = 0
  /** Failed attempts in all, progress or not. */
  total = 0
  private furthest = 0

  constructor(readonly retries: number) {}

  /** Failed attempts allowed in all, however far each got. */
  get cap(): number {
    return PROGRESS_ATTEMPTS_PER_RETRY * Math.max(1, this.retries)
  }

  /** The count in all ran out (each attempt got further, and still they kept failing). */
  get capped(): boolean {
    return this.total >= this.cap
  }

  /** Counts a failure at `progress`; false once the failures in a row exceed the retries, or all of them the cap. */
  fail(progress = 0): boolean {
    if (progress > this.furthest) {
      this.furthest = progress
      this.failures = 0
    }
    this.failures++
    this.total++
    return this.failures <= this.retries && !this.capped
  }
}

/** Failed attempts of one transfer, in all, per allowed retry (see RetryBudget). */
export const PROGRESS_ATTEMPTS_PER_RETRY = 10

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
