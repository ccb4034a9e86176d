import type { IncomingHttpHeaders } from 'node:http'
import { readSmallBody, type HttpPool } from '../common/http-pool.js'
import { errorReason, shorten } from '../common/format.js'
import {
  isCertificateError,
  isRetryableStatus,
  isTlsProtocolError,
  notTlsPhrase,
  type RetryPolicy
} from '../common/retry.js'
import { describeUrl, scrub } from '../common/redact.js'
import { nameToTag, parseGtoTag, type RegistryTag } from './gto-tags.js'
import {
  RequestCount,
  TagsUnavailable,
  describeRateLimit,
  rateLimitOf,
  tokenCannotReadTags,
  withGithubRetries
} from './github-api.js'
import type { GithubRepo, ListedTag } from './github-tags.js'

/**
 * Reads a model's registry tags through GitHub's GraphQL API: a hundred refs a request, each
 * with its tag object's tagger date and commit, so a stage or the latest version costs one
 * request per hundred tags of the model however many of them must be read (REST: one each).
 */

/** The refs whose names contain `query`, with what GTO needs of each (a tag of a tag peeled once more). */
export const MODEL_TAGS_QUERY = `query ModelTags($owner: String!, $name: String!, $query: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    refs(refPrefix: "refs/tags/", query: $query, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        name
        target {
          __typename
          oid
          ... on Tag {
            tagger { date }
            target { __typename oid ... on Tag { target { __typename oid } } }
          }
        }
      }
    }
  }
}`

interface GitObject {
  __typename?: string
  oid?: string
  tagger?: { date?: string | null } | null
  target?: GitObject | null
}

interface Answer {
  data?: {
    repository?: {
      refs?: {
        pageInfo?: { hasNextPage?: boolean; endCursor?: string | null }
        nodes?: Array<{ name?: string; target?: GitObject | null } | null>
      } | null
    } | null
  } | null
  errors?: Array<{ type?: string; message?: string }>
}

/**
 * GraphQL refused what REST may still do: no GraphQL endpoint (an old GitHub Enterprise
 * Server), a token or scope it does not accept, an answer with errors. Read through REST instead.
 */
export class GraphqlRefused extends TagsUnavailable {
  constructor(reason: string) {
    super(reason)
    this.name = 'GraphqlRefused'
  }
}

/** A model's tags as GraphQL lists them, and the annotated ones read whole (commit and tagger date). */
export interface GraphqlTags {
  listed: ListedTag[]
  read: RegistryTag[]
}

const MAX_PAGES = 100

export class GithubGraphqlTags {
  constructor(
    /** GITHUB_GRAPHQL_URL: the token goes there and nowhere else. */
    private readonly url: string,
    private readonly repo: GithubRepo,
    private readonly token: string,
    private readonly http: HttpPool,
    private readonly policy?: RetryPolicy,
    readonly count = new RequestCount()
  ) {}

  /** Every tag of model `name` (a GTO name, `dir:model`) that GTO's grammar accepts, all pages read. */
  async modelTags(name: string): Promise<GraphqlTags> {
    const tags: GraphqlTags = { listed: [], read: [] }
    let after: string | null = null
    for (let page = 0; page < MAX_PAGES; page++) {
      const variables = { owner: this.repo.owner, name: this.repo.name, query: nameToTag(name), after }
      const body: string = JSON.stringify({ query: MODEL_TAGS_QUERY, variables })
      const answer: Answer = await withGithubRetries(this.policy, () => this.postOnce(body))
      const refs = answer.data?.repository?.refs
      if (!refs || !Array.isArray(refs.nodes)) {
        throw new GraphqlRefused(`GitHub's GraphQL API answered without the refs of ${this.description}`)
      }
      for (const node of refs.nodes) {
        const parsed = typeof node?.name === 'string' ? parseGtoTag(node.name) : undefined
        if (!parsed || parsed.name !== name || !node?.target?.oid) continue
        const annotated = node.target.__typename === 'Tag'
        tags.listed.push({ ...parsed, annotated, objectSha: node.target.oid })
        const commit = annotated ? peeledCommit(node.target) : undefined
        if (commit) {
          const time = Date.parse(node.target.tagger?.date ?? '')
          tags.read.push({ ...parsed, commit, time: Number.isNaN(time) ? 0 : time })
        }
      }
      if (!refs.pageInfo?.hasNextPage || !refs.pageInfo.endCursor) return tags
      after = refs.pageInfo.endCursor
    }
    return tags
  }

  private get description(): string {
    return `${this.repo.owner}/${this.repo.name}`
  }

  private async postOnce(body: string): Promise<Answer> {
    let status: number
    let text: string
    let headers: IncomingHttpHeaders
    this.count.graphql++
    try {
      const response = await this.http.post(this.url, body, {
        Authorization: `bearer ${this.token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json'
      })
      status = response.message.statusCode ?? 0
      headers = response.message.headers
      text = status === 200 ? await response.readBody() : await readSmallBody(response)
    } catch (error) {
      if (isTlsProtocolError(error)) throw new TagsUnavailable(`${notTlsPhrase(this.url)} in GITHUB_GRAPHQL_URL`)
      throw new TagsUnavailable(
        `could not reach GitHub's GraphQL API (${scrub(errorReason(error), [this.token])})`,
        !isCertificateError(error)
      )
    }
    const said = graphqlMessage(text)
    if (status !== 200) {
      const limit = rateLimitOf(status, headers, said, /RATE_LIMITED/.test(text))
      if (limit) throw new TagsUnavailable(`${describeRateLimit(limit)}: HTTP ${status}`, false, undefined, limit)
      const answered = `GitHub's GraphQL API at ${describeUrl(this.url)} answered HTTP ${status}${said ? `: "${said}"` : ''}`
      if (status === 401) {
        // REST would refuse the same token: no point asking it.
        throw new TagsUnavailable(`${answered} (${tokenCannotReadTags(this.description)})`)
      }
      if (isRetryableStatus(status)) throw new TagsUnavailable(answered, true)
      throw new GraphqlRefused(answered)
    }
    let answer: Answer
    try {
      answer = JSON.parse(text) as Answer
    } catch {
      throw new GraphqlRefused(`GitHub's GraphQL API answered 200 but not with JSON`)
    }
    const errors = Array.isArray(answer?.errors) ? answer.errors : []
    if (errors.some((e) => e?.type === 'RATE_LIMITED')) {
      const limit = rateLimitOf(status, headers, said, true)!
      throw new TagsUnavailable(`${describeRateLimit(limit)}: RATE_LIMITED`, false, undefined, limit)
    }
    if (errors.length > 0) {
      // Partial data may lack the very tag that decides a stage: read them all through REST instead.
      const partial = answer.data ? ' (with partial data, not used: a tag missing from it could change the answer)' : ''
      throw new GraphqlRefused(`GitHub's GraphQL API answered with errors: "${said}"${partial}`)
    }
    return answer
  }
}

/** The commit a tag object finally points at: directly, or through one tag of a tag. */
function peeledCommit(object: GitObject | null | undefined): string | undefined {
  for (let depth = 0; object && depth < 3; depth++) {
    if (object.__typename === 'Commit') return object.oid
    if (object.__typename !== 'Tag') return undefined
    object = object.target
  }
  return undefined
}

/** The first error's message (GraphQL's `errors`, or REST's `message`), else the body shortened. */
function graphqlMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; errors?: Array<{ message?: unknown }> }
    const message = parsed?.errors?.[0]?.message ?? parsed?.message
    if (typeof message === 'string') return shorten(message, 200)
  } catch {
    // Not JSON.
  }
  return shorten(body, 200)
}
