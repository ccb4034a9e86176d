import type { IncomingHttpHeaders } from 'node:http'
import { shorten } from '../common/format.js'
import { retryAfterMs, type RetryPolicy } from '../common/retry.js'

/**
 * What GitHub's REST and GraphQL readers share: the error that says the tags cannot be read,
 * GitHub's rate limits told from refusals (x-ratelimit-* and retry-after), the retries and
 * waits they allow, and how many requests a resolution took.
 */

/** A rate limit GitHub answered with: when it lifts, and whether it was the hourly budget. */
export interface RateLimit {
  /** `primary`: the hourly budget is used up; `secondary`: too many requests at once. */
  kind: 'primary' | 'secondary'
  /** Epoch ms at which a request may succeed again. */
  resetAt: number
  /** `core` (REST) or `graphql`, as x-ratelimit-resource says. */
  resource?: string
}

/** Why the tags could not be read: said in one notice line (a warning for a rate limit), then Studio is asked instead. */
export class TagsUnavailable extends Error {
  constructor(
    readonly reason: string,
    /** Worth another try: a connection error, 408 or 5xx. */
    readonly transient = false,
    readonly retryAfterMs?: number,
    /** Set when GitHub's rate limit refused the request (not retried past the retry budget). */
    readonly rateLimit?: RateLimit
  ) {
    super(reason)
    this.name = 'TagsUnavailable'
  }
}

/** GitHub asks for at least a minute after a secondary limit that names no retry-after. */
const SECONDARY_DEFAULT_MS = 60_000

/**
 * The rate limit behind an answer, if it is one: a 403 or 429 with `x-ratelimit-remaining: 0`
 * (primary), or with `retry-after` or a message naming a secondary rate limit, or any 429
 * (secondary). GraphQL's `RATE_LIMITED` error (`graphqlLimited`) reads the same headers.
 * A 403 without those signs is a permission problem, not a limit.
 */
export function rateLimitOf(
  status: number,
  headers: IncomingHttpHeaders,
  message: string,
  graphqlLimited = false,
  now = Date.now()
): RateLimit | undefined {
  if (status !== 403 && status !== 429 && !graphqlLimited) return undefined
  const resource = typeof headers['x-ratelimit-resource'] === 'string' ? headers['x-ratelimit-resource'] : undefined
  const after = retryAfterMs(headers, now)
  const reset = Number(headers['x-ratelimit-reset'])
  if (headers['x-ratelimit-remaining'] === '0') {
    const resetAt =
      after !== undefined ? now + after : Number.isFinite(reset) ? reset * 1000 : now + SECONDARY_DEFAULT_MS
    return { kind: 'primary', resetAt, resource }
  }
  if (after !== undefined) return { kind: 'secondary', resetAt: now + after, resource }
  if (status === 429 || graphqlLimited || /secondary rate limit|rate limit exceeded/i.test(message)) {
    return { kind: 'secondary', resetAt: now + SECONDARY_DEFAULT_MS, resource }
  }
  return undefined
}

/** The limit in words, for the reason and the warning: which one, and when it lifts. */
export function describeRateLimit(limit: RateLimit, now = Date.now()): string {
  const api = limit.resource === 'graphql' ? "GitHub's GraphQL API" : "GitHub's API"
  const which =
    limit.kind === 'primary'
      ? `${api} rate limit for this token is used up (the repository's ${limit.resource === 'graphql' ? '1,000 points' : '1,000 requests'} an hour for GITHUB_TOKEN, shared by all its workflows)`
      : `${api} secondary rate limit refused the request (too many requests at once, as when many jobs start together)`
  const at = new Date(limit.resetAt).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return `${which}; it lifts at ${at} (${inWords(limit.resetAt - now)})`
}

function inWords(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 90) return `in ${seconds} s`
  return `in ${Math.round(seconds / 60)} min`
}

/** GitHub's `message` in an error answer, else the body shortened. */
/** What a 401, 403 or 404 from either API means for the tags, and what to do. */
export function tokenCannotReadTags(repository: string): string {
  return `the token in input 'github-token' cannot read ${repository}'s tags: the job needs \`permissions: contents: read\`, or a token for that repository`
}

export function apiMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown }
    if (typeof parsed?.message === 'string') return shorten(parsed.message, 200)
  } catch {
    // Not JSON.
  }
  return shorten(body, 200)
}

/** Requests sent to GitHub's APIs during one resolution, for the debug line. */
export class RequestCount {
  rest = 0
  graphql = 0

  get total(): number {
    return this.rest + this.graphql
  }
}

/**
 * Runs `attempt` with the policy's retries: connection errors, 408 and 5xx with backoff; a
 * rate limit only when it lifts within what the retries could wait in all (policy.waitLimitMs),
 * else at once, so that a job does not sleep through an hourly reset.
 */
export async function withGithubRetries<T>(policy: RetryPolicy | undefined, attempt: () => Promise<T>): Promise<T> {
  const budget = policy?.budget()
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (!(error instanceof TagsUnavailable) || !policy || !budget) throw error
      let wait = error.retryAfterMs
      if (error.rateLimit) {
        wait = Math.max(0, error.rateLimit.resetAt - Date.now())
        if (wait > policy.waitLimitMs) throw error
      } else if (!error.transient) {
        throw error
      }
      if (!budget.fail()) throw error
      await policy.wait('the GitHub API request', budget, error.reason, wait)
    }
  }
}
