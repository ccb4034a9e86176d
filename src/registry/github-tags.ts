import type { IncomingHttpHeaders } from 'node:http'
import { readSmallBody, type HttpPool } from '../common/http-pool.js'
import {
  isCertificateError,
  isRetryableStatus,
  isTlsProtocolError,
  notTlsPhrase,
  retryAfterMs,
  type RetryPolicy
} from '../common/retry.js'
import { errorReason } from '../common/format.js'
import { nameToTag, parseGtoTag, type GtoTag, type RegistryTag } from './gto-tags.js'
import { scrub } from '../common/redact.js'
import {
  RequestCount,
  TagsUnavailable,
  apiMessage,
  describeRateLimit,
  rateLimitOf,
  tokenCannotReadTags,
  withGithubRetries
} from './github-api.js'

export { TagsUnavailable } from './github-api.js'

/**
 * Reads a model's registry tags through GitHub's REST API: no checkout and no git needed.
 * One listing says which tags exist and which are annotated (only those count in GTO); a tag
 * whose commit or tagger date (the registry's event order) is needed costs one more request.
 */

type Env = Record<string, string | undefined>

export interface GithubRepo {
  owner: string
  name: string
}

/**
 * The GitHub repository behind input `repo`, when it lives on this workflow's GitHub
 * (GITHUB_SERVER_URL): `https://host/owner/name[.git]`, `git@host:owner/name[.git]` or `owner/name`.
 */
export function githubRepoOf(repo: string, env: Env = process.env): GithubRepo | undefined {
  const serverHost = hostOf(env.GITHUB_SERVER_URL || 'https://github.com')
  const trimmed = repo.trim().replace(/\/+$/, '')
  let host: string | undefined
  let path: string
  const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+)$/.exec(trimmed)
  if (ssh) {
    host = ssh[1].toLowerCase()
    path = ssh[2]
  } else if (/^https?:\/\//i.test(trimmed)) {
    host = hostOf(trimmed)
    path = new URL(trimmed).pathname.replace(/^\/+/, '')
  } else {
    host = serverHost
    path = trimmed
  }
  const m = /^([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(path)
  if (!m || host !== serverHost) return undefined
  return { owner: m[1], name: m[2] }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return undefined
  }
}

interface GitRef {
  ref: string
  object: { sha: string; type: string }
}

interface GitTagObject {
  tag: string
  tagger?: { date?: string }
  object: { sha: string; type: string }
}

/** A registry tag as matching-refs lists it: annotated (a tag object) or lightweight (a commit). */
export interface ListedTag extends GtoTag {
  annotated: boolean
  /** The tag object (annotated) or commit (lightweight) the ref points at. */
  objectSha: string
}

const PEEL_CONCURRENCY = 8

export class GithubTags {
  private readonly base: string

  constructor(
    apiUrl: string,
    private readonly repo: GithubRepo,
    private readonly token: string,
    private readonly http: HttpPool,
    /** Connection errors, 408 and 5xx are retried like the Studio call, rate limits waited for when they lift soon; refusals are not. */
    private readonly policy?: RetryPolicy,
    /** Counts each request sent. */
    readonly count = new RequestCount()
  ) {
    this.base = `${apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}/git/`
  }

  get description(): string {
    return `${this.repo.owner}/${this.repo.name}`
  }

  /**
   * The tags of model `name` (a GTO name, `dir:model`) that GTO's grammar accepts, annotated
   * or lightweight, from one matching-refs listing (one request, unless GitHub pages the answer).
   */
  async listModelTags(name: string): Promise<ListedTag[]> {
    const refs = await this.matchingRefs(nameToTag(name))
    const listed: ListedTag[] = []
    for (const ref of refs) {
      const parsed = parseGtoTag(ref.ref.replace(/^refs\/tags\//, ''))
      if (parsed?.name !== name) continue
      listed.push({ ...parsed, annotated: ref.object.type === 'tag', objectSha: ref.object.sha })
    }
    return listed
  }

  /**
   * The commit and tagger date of annotated tags: one request per tag, PEEL_CONCURRENCY at a
   * time, so callers read only the tags whose data they need. Lightweight ones are left out.
   */
  async readTags(tags: readonly ListedTag[]): Promise<RegistryTag[]> {
    const annotated = tags.filter((t) => t.annotated)
    const peeled: Array<{ commit?: string; time: number }> = new Array(annotated.length)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < annotated.length) {
        const i = next++
        peeled[i] = await this.peel(annotated[i].objectSha)
      }
    }
    await Promise.all(Array.from({ length: Math.min(PEEL_CONCURRENCY, annotated.length) }, worker))
    const read: RegistryTag[] = []
    annotated.forEach(({ annotated: _, objectSha: __, ...tag }, i) => {
      const { commit, time } = peeled[i]
      if (commit) read.push({ ...tag, commit, time })
    })
    return read
  }

  /** The annotated tags of model `name` that `wanted` accepts, read whole (one request each, after the listing). */
  async modelTags(name: string, wanted: (tag: GtoTag) => boolean = () => true): Promise<RegistryTag[]> {
    return this.readTags((await this.listModelTags(name)).filter(wanted))
  }

  /** GET git/matching-refs/tags/{prefix}, following `Link: rel="next"` pages. */
  private async matchingRefs(prefix: string): Promise<GitRef[]> {
    // Tag names hold letters, digits and `-_./=`; anything else a name holds is escaped ('=' is a plain path character).
    const path = `matching-refs/tags/${prefix
      .split('/')
      .map((segment) => encodeURIComponent(segment).replace(/%3D/g, '='))
      .join('/')}`
    let url: string | undefined = this.base + path
    const refs: GitRef[] = []
    for (let page = 0; url && page < 100; page++) {
      const { body, link } = await this.getJson(url)
      if (!Array.isArray(body)) throw new TagsUnavailable(`GitHub's answer for ${path} is not a list of refs`)
      refs.push(...(body as GitRef[]).filter((r) => typeof r?.ref === 'string' && r.object?.sha))
      url = /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1]
      // Follow pages only on the API's own origin: the token goes nowhere else.
      if (url && new URL(url).origin !== new URL(this.base).origin) url = undefined
    }
    return refs
  }

  /** A tag object: the commit it finally points to (nested tags peeled), and its tagger date. */
  private async peel(sha: string): Promise<{ commit?: string; time: number }> {
    let time = NaN
    for (let depth = 0; depth < 5; depth++) {
      const { body } = await this.getJson(`${this.base}tags/${encodeURIComponent(sha)}`)
      const tag = body as GitTagObject
      if (Number.isNaN(time)) time = Date.parse(tag?.tagger?.date ?? '')
      if (tag?.object?.type === 'commit') return { commit: tag.object.sha, time: Number.isNaN(time) ? 0 : time }
      if (tag?.object?.type !== 'tag') return { time }
      sha = tag.object.sha
    }
    return { time }
  }

  private getJson(url: string): Promise<{ body: unknown; link?: string }> {
    return withGithubRetries(this.policy, () => this.getJsonOnce(url))
  }

  private async getJsonOnce(url: string): Promise<{ body: unknown; link?: string }> {
    const headers: Record<string, string> = {
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28'
    }
    if (this.token) headers.Authorization = `Bearer ${this.token}`
    let status: number
    let text: string
    let link: string | undefined
    let wait: number | undefined
    let responseHeaders: IncomingHttpHeaders = {}
    this.count.rest++
    try {
      const response = await this.http.get(url, headers)
      responseHeaders = response.message.headers
      status = response.message.statusCode ?? 0
      link = String(response.message.headers.link ?? '')
      wait = retryAfterMs(response.message.headers)
      text = status === 200 ? await response.readBody() : await readSmallBody(response)
    } catch (error) {
      // Neither a certificate the runner does not trust nor TLS to an http port changes on a retry.
      if (isTlsProtocolError(error)) throw new TagsUnavailable(`${notTlsPhrase(url)} in GITHUB_API_URL`)
      throw new TagsUnavailable(
        `could not reach the GitHub API (${scrub(errorReason(error), [this.token])})`,
        !isCertificateError(error)
      )
    }
    if (status !== 200) {
      const said = apiMessage(text)
      const limit = rateLimitOf(status, responseHeaders, said)
      if (limit) throw new TagsUnavailable(`${describeRateLimit(limit)}: HTTP ${status}`, false, undefined, limit)
      const hint =
        status === 401 || status === 403 || status === 404 ? ` (${tokenCannotReadTags(this.description)})` : ''
      throw new TagsUnavailable(
        `the GitHub API answered HTTP ${status}${said ? `: "${said}"` : ''}${hint}`,
        isRetryableStatus(status) && status !== 429,
        wait
      )
    }
    try {
      return { body: JSON.parse(text), link }
    } catch {
      throw new TagsUnavailable(`the GitHub API answered 200 but not with JSON`)
    }
  }
}
