// A stand-in for GitHub's REST and GraphQL APIs on loopback, for a repository's tags: the two
// git-database endpoints the action reads, with GitHub's JSON shapes (matching-refs lists refs;
// a tag ref points at a tag object for an annotated tag, at the commit for a lightweight one;
// the tag object carries the tagger's date), and a GraphQL endpoint that validates and executes
// queries with graphql-js against the subset of GitHub's public schema the action uses (so a
// query GitHub would reject fails here too). Both send GitHub's x-ratelimit-* headers and draw
// on hourly budgets (REST requests, GraphQL points); a spent budget is refused as GitHub does.
// Records every request with its headers (and a POST's body).
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { GraphQLError, buildSchema, graphql } from 'graphql'
/** @import { AddressInfo, Socket } from 'node:net' */
/** @import { IncomingHttpHeaders, ServerResponse } from 'node:http' */

/** @typedef {{ method: string, url: string, headers: IncomingHttpHeaders, body?: any }} GithubRequest */
/** @typedef {{ name: string, commit: string, objectSha: string, time: number, annotated: boolean, message: string, brokenTagger?: boolean }} StoredTag */
/** @typedef {{ status: number, body: unknown, headers?: Record<string, string>, api?: 'rest' | 'graphql' }} CannedAnswer */

/**
 * The part of GitHub's public GraphQL schema (https://docs.github.com/graphql) that the action
 * uses, with GitHub's names, types and nullability; fields it does not read are left out.
 */
export const GITHUB_SCHEMA_SUBSET = `
scalar GitObjectID
scalar GitTimestamp
scalar DateTime

interface GitObject {
  oid: GitObjectID!
  abbreviatedOid: String!
}

type Commit implements GitObject {
  oid: GitObjectID!
  abbreviatedOid: String!
  message: String!
}

type GitActor {
  date: GitTimestamp
  email: String
  name: String
}

type Tag implements GitObject {
  oid: GitObjectID!
  abbreviatedOid: String!
  name: String!
  message: String
  tagger: GitActor
  target: GitObject!
}

type Ref {
  id: ID!
  name: String!
  prefix: String!
  target: GitObject
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type RefConnection {
  nodes: [Ref]
  pageInfo: PageInfo!
  totalCount: Int!
}

enum OrderDirection {
  ASC
  DESC
}

enum RefOrderField {
  TAG_COMMIT_DATE
  ALPHABETICAL
}

input RefOrder {
  field: RefOrderField!
  direction: OrderDirection!
}

type Repository {
  name: String!
  nameWithOwner: String!
  refs(
    after: String
    before: String
    first: Int
    last: Int
    query: String
    refPrefix: String!
    direction: OrderDirection
    orderBy: RefOrder
  ): RefConnection
}

type RateLimit {
  cost: Int!
  limit: Int!
  nodeCount: Int!
  remaining: Int!
  resetAt: DateTime!
  used: Int!
}

type Query {
  repository(owner: String!, name: String!, followRenames: Boolean = true): Repository
  rateLimit(dryRun: Boolean = false): RateLimit
}
`

const schema = buildSchema(GITHUB_SCHEMA_SUBSET)

/** @typedef {Awaited<ReturnType<typeof startGithubStandin>>} GithubStandin */

/** @param {string} text */
const sha1 = (text) => createHash('sha1').update(text).digest('hex')

/**
 * Options: token (requests must carry `Authorization: Bearer <token>`), owner, repo,
 * prefix (API path prefix, e.g. '/api/v3' as on GitHub Enterprise Server; GraphQL is then at
 * '/api/graphql', else at '/graphql'), pageSize (refs per matching-refs page; pages are linked
 * with `Link: <...>; rel="next"`), linkOrigin (the origin the next-page links name; default this
 * stand-in's own: another is a hostile or broken API), graphql (false: no GraphQL endpoint,
 * 404, as on an old GHES), restBudget and graphqlBudget (requests / points an hour),
 * resetSeconds (when the budgets refill), limitStatus (403 or 429: how a spent REST budget is
 * refused).
 * @param {{ token?: string, owner?: string, repo?: string, prefix?: string, pageSize?: number, linkOrigin?: string, graphql?: boolean, restBudget?: number, graphqlBudget?: number, resetSeconds?: number, limitStatus?: number }} [options]
 */
export async function startGithubStandin({
  token = 'github-test-token',
  owner = 'acme',
  repo = 'models',
  prefix = '',
  pageSize = 0,
  linkOrigin = undefined,
  graphql: graphqlOn = true,
  restBudget = 1000,
  graphqlBudget = 1000,
  resetSeconds = 3600,
  limitStatus = 403
} = {}) {
  /** @type {Map<string, StoredTag>} */
  const tags = new Map()
  /** @type {GithubRequest[]} */
  const requests = []
  /** @type {CannedAnswer[]} Canned answers, used (one per request, of `api` when given) before anything else */
  const answers = []
  const base = `${prefix}/repos/${owner}/${repo}/git/`
  const graphqlPath = /\/v3$/.test(prefix) ? prefix.replace(/\/v3$/, '/graphql') : `${prefix}/graphql`
  let port = 0
  const origin = () => `http://127.0.0.1:${port}`
  /** The hourly budgets, as GitHub keeps them for a repository's GITHUB_TOKEN. */
  const budgets = {
    core: { limit: restBudget, used: 0 },
    graphql: { limit: graphqlBudget, used: 0 },
    /** Epoch ms at which both refill. */
    resetAt: Date.now() + resetSeconds * 1000,
    resetSeconds
  }
  const stats = { inFlight: 0, maxInFlight: 0, refusedByLimit: 0 }

  /**
   * Charges `cost` to `resource`; the headers GitHub sends, and whether the budget was spent already.
   * @param {'core' | 'graphql'} resource @param {number} cost
   */
  function charge(resource, cost) {
    if (Date.now() >= budgets.resetAt) {
      budgets.core.used = 0
      budgets.graphql.used = 0
      budgets.resetAt = Date.now() + budgets.resetSeconds * 1000
    }
    const budget = budgets[resource]
    const spent = budget.used >= budget.limit
    if (!spent) budget.used += cost
    const headers = {
      'x-ratelimit-limit': String(budget.limit),
      'x-ratelimit-remaining': String(Math.max(0, budget.limit - budget.used)),
      'x-ratelimit-used': String(budget.used),
      'x-ratelimit-reset': String(Math.ceil(budgets.resetAt / 1000)),
      'x-ratelimit-resource': resource
    }
    return { headers, spent }
  }

  /** GraphQL resolvers over the stored tags, as GitHub's refs connection answers. */
  const rootValue = {
    /** @param {{ owner: string, name: string }} args */
    repository({ owner: o, name }) {
      if (o.toLowerCase() !== owner.toLowerCase() || name.toLowerCase() !== repo.toLowerCase()) {
        throw new GraphQLError(`Could not resolve to a Repository with the name '${o}/${name}'.`, {
          extensions: { type: 'NOT_FOUND' }
        })
      }
      return {
        name: repo,
        nameWithOwner: `${owner}/${repo}`,
        /** @param {{ first?: number, last?: number, after?: string, query?: string, refPrefix: string }} args */
        refs({ first, last, after, query, refPrefix }) {
          if (first === undefined && last === undefined) {
            throw new GraphQLError(
              'You must provide a `first` or `last` value to properly paginate the `refs` connection.'
            )
          }
          const count = first ?? last ?? 0
          if (count < 1 || count > 100) {
            throw new GraphQLError(
              `Requesting ${count} records on the \`refs\` connection exceeds the \`${first !== undefined ? 'first' : 'last'}\` limit of 100 records.`
            )
          }
          if (refPrefix !== 'refs/tags/')
            return { nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false }, totalCount: 0 }
          const all = [...tags.values()]
            .filter((t) => !query || t.name.includes(query))
            .sort((a, b) => (a.name < b.name ? -1 : 1))
          const start = after
            ? Number(
                Buffer.from(after, 'base64')
                  .toString()
                  .replace(/^cursor:/, '')
              ) + 1
            : 0
          const page = all.slice(start, start + count)
          const cursor = (/** @type {number} */ i) => Buffer.from(`cursor:${i}`).toString('base64')
          return {
            totalCount: all.length,
            pageInfo: {
              hasNextPage: start + count < all.length,
              hasPreviousPage: start > 0,
              startCursor: page.length ? cursor(start) : null,
              endCursor: page.length ? cursor(start + page.length - 1) : null
            },
            nodes: page.map((t) => ({
              id: `REF_${t.objectSha}`,
              name: t.name,
              prefix: 'refs/tags/',
              target: t.annotated ? graphqlTag(t) : commitObject(t.commit)
            }))
          }
        }
      }
    }
  }
  /** @param {string} sha */
  const commitObject = (sha) => ({ __typename: 'Commit', oid: sha, abbreviatedOid: sha.slice(0, 7), message: '' })
  /** @param {StoredTag} t */
  const graphqlTag = (t) => ({
    __typename: 'Tag',
    oid: t.objectSha,
    abbreviatedOid: t.objectSha.slice(0, 7),
    name: t.name,
    message: t.message,
    tagger: () => {
      // A tag whose tagger GitHub cannot read: a field error, the rest of the answer still there.
      if (t.brokenTagger) throw new GraphQLError(`Something went wrong while reading the tagger of ${t.name}.`)
      return {
        name: 'Registry Bot',
        email: 'bot@example.com',
        date: new Date(t.time).toISOString().replace(/\.\d{3}Z$/, 'Z')
      }
    },
    target: commitObject(t.commit)
  })

  /** @param {ServerResponse} res @param {string} text */
  async function serveGraphql(res, text) {
    /** @type {{ query?: unknown, variables?: Record<string, unknown> }} */
    let request
    try {
      request = JSON.parse(text)
    } catch {
      return sendJson(res, 400, {
        message: 'Problems parsing JSON',
        documentation_url: 'https://docs.github.com/graphql'
      })
    }
    if (typeof request?.query !== 'string') {
      return sendJson(res, 200, { errors: [{ message: 'A query attribute must be specified and must be a string.' }] })
    }
    const { headers, spent } = charge('graphql', 1)
    if (spent) {
      stats.refusedByLimit++
      return sendJson(
        res,
        200,
        { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for installation ID 1234.' }] },
        headers
      )
    }
    const result = await graphql({ schema, source: request.query, rootValue, variableValues: request.variables ?? {} })
    /** @type {Record<string, unknown>} */
    const answer = {}
    if (result.data !== undefined) answer.data = result.data
    if (result.errors) {
      answer.errors = result.errors.map((e) => {
        const type = e.extensions?.type
        return { ...(type ? { type } : {}), ...e.toJSON() }
      })
    }
    sendJson(res, 200, answer, headers)
  }

  /**
   * @param {ServerResponse} res @param {number} status @param {unknown} body
   * @param {Record<string, string>} [headers]
   */
  function sendJson(res, status, body, headers = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    res.end(JSON.stringify(body))
  }

  const server = createServer(async (req, res) => {
    stats.inFlight++
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
    res.on('close', () => stats.inFlight--)
    const chunks = []
    for await (const chunk of req) chunks.push(chunk)
    const text = Buffer.concat(chunks).toString('utf8')
    /** @type {GithubRequest} */
    const recorded = { method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } }
    if (text) {
      try {
        recorded.body = JSON.parse(text)
      } catch {
        recorded.body = text
      }
    }
    requests.push(recorded)
    const url = new URL(req.url ?? '/', origin())
    const isGraphql = url.pathname === graphqlPath
    const api = isGraphql ? 'graphql' : 'rest'
    const cannedAt = answers.findIndex((a) => !a.api || a.api === api)
    if (cannedAt >= 0) {
      const [canned] = answers.splice(cannedAt, 1)
      return sendJson(res, canned.status, canned.body, canned.headers)
    }
    if (isGraphql) {
      if (!graphqlOn)
        return sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
      // GitHub takes `bearer` or `token`, in any case.
      const given = /^(?:bearer|token) (.*)$/i.exec(req.headers.authorization ?? '')?.[1]
      if (token && given !== token) {
        return sendJson(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' })
      }
      if (req.method !== 'POST') return sendJson(res, 404, { message: 'Not Found' })
      return serveGraphql(res, text)
    }
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      return sendJson(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401'
      })
    }
    const { headers: limitHeaders, spent } = charge('core', 1)
    if (spent) {
      stats.refusedByLimit++
      return sendJson(
        res,
        limitStatus,
        {
          message: 'API rate limit exceeded for installation ID 1234.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
          status: String(limitStatus)
        },
        limitHeaders
      )
    }
    const sendRest = (
      /** @type {ServerResponse} */ r,
      /** @type {number} */ status,
      /** @type {unknown} */ body,
      headers = {}
    ) => sendJson(r, status, body, { ...limitHeaders, ...headers })
    if (req.method !== 'GET' || !url.pathname.startsWith(base)) {
      return sendRest(res, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404'
      })
    }
    const rest = url.pathname.slice(base.length)
    if (rest.startsWith('matching-refs/tags/') || rest === 'matching-refs/tags') {
      const wanted = decodeURIComponent(rest.slice('matching-refs/tags/'.length))
      const refs = [...tags.values()]
        .filter((t) => t.name.startsWith(wanted))
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((t) => ({
          ref: `refs/tags/${t.name}`,
          node_id: `REF_${t.objectSha}`,
          url: `${origin()}${base}refs/tags/${encodeURIComponent(t.name)}`,
          object: {
            sha: t.objectSha,
            type: t.annotated ? 'tag' : 'commit',
            url: `${origin()}${base}${t.annotated ? 'tags' : 'commits'}/${t.objectSha}`
          }
        }))
      if (!pageSize) return sendRest(res, 200, refs)
      const page = Number(url.searchParams.get('page') || '1')
      const slice = refs.slice((page - 1) * pageSize, page * pageSize)
      /** @type {Record<string, string>} */
      const headers = {}
      if (page * pageSize < refs.length) {
        const linked = linkOrigin ?? origin()
        headers.link = `<${linked}${url.pathname}?page=${page + 1}>; rel="next", <${linked}${url.pathname}?page=${Math.ceil(refs.length / pageSize)}>; rel="last"`
      }
      return sendRest(res, 200, slice, headers)
    }
    const tagObject = /^tags\/([0-9a-f]{40})$/.exec(rest)
    const found = tagObject && [...tags.values()].find((t) => t.annotated && t.objectSha === tagObject[1])
    if (!found)
      return sendRest(res, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest/git/tags#get-a-tag',
        status: '404'
      })
    return sendRest(res, 200, {
      node_id: `TAG_${found.objectSha}`,
      sha: found.objectSha,
      url: `${origin()}${base}tags/${found.objectSha}`,
      tagger: {
        name: 'Registry Bot',
        email: 'bot@example.com',
        date: new Date(found.time).toISOString().replace(/\.\d{3}Z$/, 'Z')
      },
      object: { sha: found.commit, type: 'commit', url: `${origin()}${base}commits/${found.commit}` },
      tag: found.name,
      message: found.message,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
    })
  })
  /** @type {Set<Socket>} */
  const sockets = new Set()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  port = await new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(/** @type {AddressInfo} */ (server.address()).port))
  )

  return {
    port,
    requests,
    answers,
    tags,
    /** GITHUB_API_URL for this stand-in. */
    apiUrl: `${origin()}${prefix}`,
    /** GITHUB_GRAPHQL_URL for this stand-in. */
    graphqlUrl: `${origin()}${graphqlPath}`,
    /** The hourly budgets: `used` may be set to spend them, `resetAt` to move the refill. */
    budgets,
    /** Requests in flight now and at most, and refused because a budget was spent. */
    stats,
    /** The GitHub requests in `list` (default: all so far), by API. @param {GithubRequest[]} [list] */
    countByApi(list = requests) {
      const graphqlRequests = list.filter((r) => r.url === graphqlPath).length
      return { graphql: graphqlRequests, rest: list.length - graphqlRequests }
    },
    /** A commit id from a label: `commit('c1')`. @param {string} label */
    commit: (label) => sha1(`commit ${label}`),
    /**
     * Pushes a tag; `time` is the tagger date (ms or ISO); lightweight tags have none.
     * @param {string} name
     * `brokenTagger`: GraphQL cannot read its tagger (a field error beside partial data).
     * @param {{ commit: string, time?: number | string, annotated?: boolean, message?: string, brokenTagger?: boolean }} options
     */
    addTag(name, { commit, time = Date.now(), annotated = true, message = '', brokenTagger = false }) {
      const commitSha = /^[0-9a-f]{40}$/.test(commit) ? commit : sha1(`commit ${commit}`)
      const objectSha = annotated ? sha1(`tag ${name} ${commitSha} ${time}`) : commitSha
      tags.set(name, {
        name,
        commit: commitSha,
        objectSha,
        time: new Date(time).getTime(),
        annotated,
        message,
        brokenTagger
      })
    },
    /** @returns {Promise<void>} */
    stop() {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
