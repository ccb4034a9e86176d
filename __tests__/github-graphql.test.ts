// The registry's tags read through GitHub's GraphQL API, against the GitHub stand-in (whose
// GraphQL endpoint validates and executes queries with graphql-js against GitHub's schema),
// its REST fallback, and GitHub's rate limits in both forms it answers them.
import { graphql, buildSchema, parse, validate } from 'graphql'
import { GithubGraphqlTags, GraphqlRefused, MODEL_TAGS_QUERY } from '../src/registry/github-graphql.js'
import { GithubTags, TagsUnavailable } from '../src/registry/github-tags.js'
import { rateLimitOf } from '../src/registry/github-api.js'
import { HttpPool } from '../src/common/http-pool.js'
import { RetryPolicy } from '../src/common/retry.js'
import type { ModelQuery } from '../src/registry/model-query.js'
import { githubTagReader, graphqlUrlOf, planFetch } from '../src/registry/registry-plan.js'
import { GITHUB_SCHEMA_SUBSET, startGithubStandin, type GithubStandin } from '../test-support/github-standin.mjs'
import { holdStdout } from '../test-support/stdout.mjs'

const TOKEN = 'ghs_graphqlTestToken0123456789abcdef'
const repo = { owner: 'acme', name: 'models' }
const minute = (n: number) => Date.UTC(2026, 0, 1) + n * 60_000
const pool = new HttpPool(10_000)
afterAll(() => pool.dispose())

let stdout: ReturnType<typeof holdStdout>
beforeEach(() => {
  stdout = holdStdout()
})
afterEach(() => stdout.stop())

const annotations = (kind: 'notice' | 'warning' | 'error') =>
  stdout.text.split('\n').filter((l) => l.startsWith(`::${kind}::`))

/**
 * A registry of `versions` versions of churn (one commit each), stage prod assigned to every
 * third of them in turn, and another model whose name contains churn's.
 */
function fillRegistry(github: GithubStandin, versions: number): { prod: string } {
  let prod = ''
  for (let i = 0; i < versions; i++) {
    github.addTag(`churn@v1.${i}.0`, { commit: `c${i}`, time: minute(2 * i) })
    if (i % 3 === 0) {
      github.addTag(`churn#prod#${i + 1}`, { commit: `c${i}`, time: minute(2 * i + 1) })
      prod = `v1.${i}.0`
    }
  }
  github.addTag('churn-v2@v9.0.0', { commit: 'other', time: minute(0) })
  return { prod }
}

function readerFor(github: GithubStandin, policy = new RetryPolicy({ retries: 5, delayScale: 0.001 }), extra = {}) {
  return githubTagReader('acme/models', TOKEN, pool, policy, {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: github.apiUrl,
    ...extra
  })
}

async function resolve(github: GithubStandin, query: Partial<ModelQuery>, reader = readerFor(github)) {
  const before = github.requests.length
  const planned = await planFetch(
    { query: { name: 'churn', repo: 'https://github.com/acme/models', ...query } },
    reader
  )
  const sent = github.requests.slice(before)
  return { plan: planned, requests: sent.length, byApi: github.countByApi(sent), sent }
}

describe("the GraphQL endpoint of the stand-in speaks GitHub's schema", () => {
  let github: GithubStandin
  beforeAll(async () => {
    github = await startGithubStandin({ token: TOKEN })
  })
  afterAll(() => github.stop())

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(github.graphqlUrl, {
      method: 'POST',
      headers: { authorization: `bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables })
    })
    const body = (await response.json()) as { data?: unknown; errors: Array<Record<string, unknown>> }
    return { status: response.status, headers: response.headers, body }
  }

  test("the action's query is valid against the schema subset", () => {
    expect(validate(buildSchema(GITHUB_SCHEMA_SUBSET), parse(MODEL_TAGS_QUERY))).toEqual([])
  })

  test('queries GitHub would reject are rejected: an unknown field, first above 100, no first', async () => {
    const unknown = await post('{ repository(owner: "acme", name: "models") { tags { name } } }')
    expect(unknown.body.errors[0].message).toMatch(/Cannot query field "tags" on type "Repository"/)
    expect(unknown.body.data).toBeUndefined()
    const tooMany = await post(MODEL_TAGS_QUERY.replace('first: 100', 'first: 101'), {
      owner: 'acme',
      name: 'models',
      query: 'churn'
    })
    expect(tooMany.body.errors[0].message).toMatch(/exceeds the `first` limit of 100 records/)
    const none = await post(
      '{ repository(owner: "acme", name: "models") { refs(refPrefix: "refs/tags/") { totalCount } } }'
    )
    expect(none.body.errors[0].message).toMatch(/You must provide a `first` or `last` value/)
    // A variable of the wrong type is refused before anything runs.
    const wrongType = await post(MODEL_TAGS_QUERY, { owner: 'acme', name: 'models', query: 5 })
    expect(wrongType.body.errors[0].message).toMatch(/Variable "\$query" got invalid value 5/)
    expect(Number(unknown.headers.get('x-ratelimit-remaining'))).toBeLessThan(1000)
    expect(unknown.headers.get('x-ratelimit-resource')).toBe('graphql')
  })

  test('an unknown repository is an error of type NOT_FOUND, with data null', async () => {
    const answer = await post(MODEL_TAGS_QUERY, { owner: 'acme', name: 'nope', query: 'churn' })
    expect(answer.body.data).toEqual({ repository: null })
    expect(answer.body.errors[0]).toMatchObject({ type: 'NOT_FOUND', path: ['repository'] })
  })

  test('graphql-js is what executes it (the same library the schema comes from)', async () => {
    const result = await graphql({ schema: buildSchema(GITHUB_SCHEMA_SUBSET), source: '{ __typename }' })
    expect(result.data).toEqual({ __typename: 'Query' })
  })
})

describe('reading tags through GraphQL', () => {
  test('pages past 100 tags; annotated tags come with commit and tagger date; lightweight and other models left out', async () => {
    const github = await startGithubStandin({ token: TOKEN })
    try {
      for (let i = 0; i < 230; i++) github.addTag(`churn@v1.${i}.0`, { commit: `c${i}`, time: minute(i) })
      github.addTag('churn#dev#1', { commit: 'c3', annotated: false })
      github.addTag('churn-v2@v9.0.0', { commit: 'c9' })
      const graphqlTags = new GithubGraphqlTags(github.graphqlUrl, repo, TOKEN, pool)
      const { listed, read } = await graphqlTags.modelTags('churn')
      expect(listed).toHaveLength(231)
      expect(read).toHaveLength(230)
      expect(listed.find((t) => t.tag === 'churn#dev#1')).toMatchObject({ annotated: false })
      // The 232 refs churn's name is in: three pages of at most 100, each request a valid query.
      const posts = github.requests.filter((r) => r.method === 'POST')
      expect(posts).toHaveLength(3)
      expect(posts.map((r) => r.body.variables.after === null)).toEqual([true, false, false])
      for (const post of posts) {
        expect(post.headers.authorization).toBe(`bearer ${TOKEN}`)
        expect(post.url).toBe('/graphql')
      }
      expect(graphqlTags.count).toMatchObject({ graphql: 3, rest: 0 })

      // The same tags, commits and dates as REST reads them one by one.
      const rest = new GithubTags(github.apiUrl, repo, TOKEN, pool)
      const restRead = await rest.modelTags('churn')
      const key = (t: { tag: string; commit: string; time: number }) => `${t.tag} ${t.commit} ${t.time}`
      expect(read.map(key).sort()).toEqual(restRead.map(key).sort())
    } finally {
      await github.stop()
    }
  })

  test.each([
    [10, 1],
    [100, 2],
    [300, 5]
  ])(
    '%i versions with their assignments: stage and latest cost at most %i requests, all GraphQL',
    async (versions, most) => {
      const github = await startGithubStandin({ token: TOKEN })
      try {
        const { prod } = fillRegistry(github, versions)
        const stage = await resolve(github, { stage: 'prod' })
        expect(stage.plan.outputs.version).toBe(prod)
        expect(stage.requests).toBeLessThanOrEqual(most)
        expect(stage.byApi.rest).toBe(0)
        const latest = await resolve(github, {})
        expect(latest.plan.outputs.version).toBe(`v1.${versions - 1}.0`)
        expect(latest.requests).toBeLessThanOrEqual(most)
        // The cost, in the debug line: one request per hundred tags, however many must be read.
        const tagCount = versions + Math.ceil(versions / 3) + 1
        const pages = Math.ceil(tagCount / 100)
        expect(stage.requests).toBe(pages)
        expect(stdout.text).toContain(
          `::debug::Resolving stage prod of churn took ${pages} GitHub API request${pages === 1 ? '' : 's'} (${pages} GraphQL).`
        )
        expect(annotations('notice')).toEqual([])
      } finally {
        await github.stop()
      }
    }
  )

  test('GITHUB_GRAPHQL_URL is where GraphQL goes (GHES: <server>/api/graphql), and its origin alone gets the token that way', async () => {
    expect(graphqlUrlOf('https://api.github.com')).toBe('https://api.github.com/graphql')
    expect(graphqlUrlOf('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com/api/graphql')
    const ghes = await startGithubStandin({ token: TOKEN, prefix: '/api/v3' })
    const elsewhere = await startGithubStandin({ token: TOKEN })
    try {
      fillRegistry(ghes, 5)
      fillRegistry(elsewhere, 5)
      expect(ghes.graphqlUrl).toMatch(/\/api\/graphql$/)
      const derived = await resolve(ghes, { stage: 'prod' })
      expect(derived.sent.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/graphql'])
      // The runner's GITHUB_GRAPHQL_URL wins over the derived one.
      const reader = readerFor(ghes, undefined, { GITHUB_GRAPHQL_URL: elsewhere.graphqlUrl })
      const given = await resolve(ghes, { stage: 'prod' }, reader)
      expect(given.requests).toBe(0)
      expect(elsewhere.requests.map((r) => `${r.method} ${r.url} ${r.headers.authorization}`)).toEqual([
        `POST /graphql bearer ${TOKEN}`
      ])
      expect(given.plan.outputs.version).toBe('v1.3.0')
    } finally {
      await ghes.stop()
      await elsewhere.stop()
    }
  })
})

describe('the REST fallback', () => {
  test('no GraphQL endpoint (an old GHES answers 404): REST reads the tags, with one notice', async () => {
    const github = await startGithubStandin({ token: TOKEN, graphql: false })
    try {
      const { prod } = fillRegistry(github, 10)
      const stage = await resolve(github, { stage: 'prod' })
      expect(stage.plan.outputs.version).toBe(prod)
      // One refused POST, the listing, and each tag it needs (10 versions, 4 assignments).
      expect(stage.byApi).toEqual({ graphql: 1, rest: 1 + 10 + 4 })
      const notices = annotations('notice')
      expect(notices).toHaveLength(1)
      expect(notices[0]).toMatch(
        /Reading the registry tags of churn through GitHub's REST API, one request per tag it needs, because the GraphQL API refused: GitHub's GraphQL API at http:\/\/127\.0\.0\.1:\d+\/graphql answered HTTP 404: "Not Found"\./
      )
      expect(stdout.text).toContain(
        '::debug::Resolving stage prod of churn took 16 GitHub API requests (1 GraphQL, 15 REST).'
      )
    } finally {
      await github.stop()
    }
  })

  test('an answer with errors and partial data is not trusted: REST reads them all, and the notice says why', async () => {
    const github = await startGithubStandin({ token: TOKEN })
    try {
      const { prod } = fillRegistry(github, 10)
      // GraphQL cannot read the newest assignment's tagger: without its date, prod would look older.
      github.addTag('churn#prod#99', { commit: 'c1', time: minute(500), brokenTagger: true })
      const graphqlTags = new GithubGraphqlTags(github.graphqlUrl, repo, TOKEN, pool)
      const refused = await graphqlTags.modelTags('churn').catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(GraphqlRefused)
      expect((refused as GraphqlRefused).reason).toMatch(
        /answered with errors: "Something went wrong while reading the tagger of churn#prod#99\." \(with partial data, not used/
      )
      const answer = github.requests.at(-1)
      expect(answer?.method).toBe('POST')

      const stage = await resolve(github, { stage: 'prod' })
      expect(prod).not.toBe('v1.1.0')
      expect(stage.plan.outputs.version).toBe('v1.1.0')
      expect(stage.byApi.graphql).toBe(1)
      expect(annotations('notice')).toHaveLength(1)
      expect(annotations('notice')[0]).toMatch(/because the GraphQL API refused: .*partial data, not used/)
    } finally {
      await github.stop()
    }
  })

  test('a redirect of the GraphQL request is not followed: the token goes to GITHUB_GRAPHQL_URL alone', async () => {
    const github = await startGithubStandin({ token: TOKEN })
    const elsewhere = await startGithubStandin({ token: TOKEN })
    try {
      const { prod } = fillRegistry(github, 3)
      github.answers.push({ api: 'graphql', status: 307, body: {}, headers: { location: elsewhere.graphqlUrl } })
      const stage = await resolve(github, { stage: 'prod' })
      expect(elsewhere.requests).toEqual([])
      expect(stage.plan.outputs.version).toBe(prod)
      expect(annotations('notice')[0]).toMatch(/because the GraphQL API refused: .*answered HTTP 307/)
    } finally {
      await github.stop()
      await elsewhere.stop()
    }
  })

  test('a wrong token (401) is not tried again through REST: one notice, Studio asked by stage', async () => {
    const github = await startGithubStandin({ token: TOKEN })
    try {
      fillRegistry(github, 3)
      const reader = githubTagReader('acme/models', 'ghs_wrong', pool, new RetryPolicy({ retries: 3, delayScale: 0 }), {
        GITHUB_API_URL: github.apiUrl
      })
      const stage = await resolve(github, { stage: 'prod' }, reader)
      expect(stage.byApi).toEqual({ graphql: 1, rest: 0 })
      expect(stage.plan.query).toEqual({ repo: 'https://github.com/acme/models', name: 'churn', stage: 'prod' })
      expect(annotations('notice')).toHaveLength(1)
      expect(annotations('notice')[0]).toMatch(/HTTP 401: "Bad credentials" \(the token in input 'github-token'/)
    } finally {
      await github.stop()
    }
  })

  test('refused by both: one notice with both reasons', async () => {
    const github = await startGithubStandin({ token: TOKEN, graphql: false })
    try {
      github.answers.push({
        api: 'rest',
        status: 403,
        body: { message: 'Resource not accessible by integration' }
      })
      const stage = await resolve(github, { stage: 'prod' })
      expect(stage.plan.outputs.version).toBe('')
      expect(annotations('notice')).toHaveLength(1)
      expect(annotations('notice')[0]).toMatch(
        /HTTP 403: "Resource not accessible by integration" .*contents: read.*\(and through GraphQL: .*HTTP 404/
      )
    } finally {
      await github.stop()
    }
  })
})

describe('rate limits', () => {
  test('told from refusals: remaining 0 is the primary limit, retry-after or the words a secondary one', () => {
    const now = 1_000_000_000
    const reset = String(now / 1000 + 1800)
    for (const status of [403, 429]) {
      expect(rateLimitOf(status, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, '', false, now)).toEqual(
        {
          kind: 'primary',
          resetAt: now + 1_800_000,
          resource: undefined
        }
      )
      expect(rateLimitOf(status, { 'retry-after': '30' }, '', false, now)).toMatchObject({
        kind: 'secondary',
        resetAt: now + 30_000
      })
    }
    expect(rateLimitOf(403, {}, 'You have exceeded a secondary rate limit.', false, now)).toMatchObject({
      kind: 'secondary',
      resetAt: now + 60_000
    })
    expect(rateLimitOf(429, {}, '', false, now)).toMatchObject({ kind: 'secondary' })
    expect(
      rateLimitOf(403, { 'x-ratelimit-remaining': '12' }, 'Resource not accessible by integration')
    ).toBeUndefined()
    expect(rateLimitOf(404, { 'x-ratelimit-remaining': '0' }, '')).toBeUndefined()
  })

  test.each([403, 429])(
    'the primary limit spent (REST answers %i), resetting in half an hour: Studio by stage at once, one warning',
    async (limitStatus) => {
      const github = await startGithubStandin({ token: TOKEN, graphql: false, limitStatus, resetSeconds: 1800 })
      try {
        fillRegistry(github, 3)
        github.budgets.core.used = github.budgets.core.limit
        const stage = await resolve(github, { stage: 'prod' })
        expect(stage.byApi).toEqual({ graphql: 1, rest: 1 })
        expect(stage.plan.query).toEqual({ repo: 'https://github.com/acme/models', name: 'churn', stage: 'prod' })
        expect(stdout.text).not.toContain('Retrying')
        expect(annotations('notice')).toEqual([])
        const warnings = annotations('warning')
        expect(warnings).toHaveLength(1)
        expect(warnings[0]).toMatch(
          new RegExp(
            `Not resolving stage prod of churn from the registry's git tags: GitHub's API rate limit for this token is used up \\(the repository's 1,000 requests an hour .*\\); it lifts at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(in 30 min\\): HTTP ${limitStatus}\\. Asking Studio for stage prod; output 'version' stays empty\\. To stay under GitHub's rate limit, resolve the version once in a setup job and pass it to the other jobs as input 'version'`
          )
        )
      } finally {
        await github.stop()
      }
    }
  )

  test('GraphQL RATE_LIMITED (its points spent): Studio by stage at once, one warning, REST not tried', async () => {
    const github = await startGithubStandin({ token: TOKEN, resetSeconds: 3000 })
    try {
      fillRegistry(github, 3)
      github.budgets.graphql.used = github.budgets.graphql.limit
      const stage = await resolve(github, { stage: 'prod' })
      expect(stage.byApi).toEqual({ graphql: 1, rest: 0 })
      expect(stage.plan.outputs.version).toBe('')
      expect(annotations('warning')).toHaveLength(1)
      expect(annotations('warning')[0]).toMatch(
        /GitHub's GraphQL API rate limit for this token is used up \(the repository's 1,000 points an hour.*\(in 50 min\): RATE_LIMITED/
      )
    } finally {
      await github.stop()
    }
  })

  test('the primary limit lifting within the retry budget is waited for, then the tags are read', async () => {
    const github = await startGithubStandin({ token: TOKEN, resetSeconds: 1 })
    try {
      const { prod } = fillRegistry(github, 3)
      github.budgets.graphql.used = github.budgets.graphql.limit
      // Real waits (delay scale 1): the stand-in refills when its reset comes.
      const reader = readerFor(github, new RetryPolicy({ retries: 2, delayScale: 1 }))
      const stage = await resolve(github, { stage: 'prod' }, reader)
      expect(stage.plan.outputs.version).toBe(prod)
      expect(stage.byApi).toEqual({ graphql: 2, rest: 0 })
      expect(stdout.text).toMatch(
        /Retrying the GitHub API request in \S+ \(retry 1 of 2\): GitHub's GraphQL API rate limit/
      )
      expect(annotations('warning')).toEqual([])
    } finally {
      await github.stop()
    }
  })

  test.each([403, 429])(
    'a secondary limit (%i with retry-after): waited for when short, Studio at once when long',
    async (status) => {
      const github = await startGithubStandin({ token: TOKEN })
      try {
        const { prod } = fillRegistry(github, 3)
        const secondary = (seconds: number) => ({
          api: 'graphql' as const,
          status,
          body: {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url:
              'https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api'
          },
          headers: { 'retry-after': String(seconds) }
        })
        github.answers.push(secondary(2))
        const short = await resolve(github, { stage: 'prod' })
        expect(short.plan.outputs.version).toBe(prod)
        expect(short.byApi).toEqual({ graphql: 2, rest: 0 })
        expect(stdout.text).toMatch(/Retrying the GitHub API request .*secondary rate limit refused the request/)

        github.answers.push(secondary(120))
        const long = await resolve(github, { stage: 'prod' })
        expect(long.byApi).toEqual({ graphql: 1, rest: 0 })
        expect(long.plan.outputs.version).toBe('')
        expect(annotations('warning')).toHaveLength(1)
        expect(annotations('warning')[0]).toMatch(/secondary rate limit refused the request .*\(in 2 min\): HTTP \d+\./)
      } finally {
        await github.stop()
      }
    }
  )

  test('a secondary limit met by REST (the fallback) is a warning too, and the retries of a 5xx go on', async () => {
    const github = await startGithubStandin({ token: TOKEN, graphql: false })
    try {
      fillRegistry(github, 3)
      github.answers.push(
        { api: 'rest', status: 502, body: { message: 'Server Error' } },
        { api: 'rest', status: 403, body: { message: 'You have exceeded a secondary rate limit.' } }
      )
      const stage = await resolve(github, { stage: 'prod' })
      expect(stage.byApi).toEqual({ graphql: 1, rest: 2 })
      expect(annotations('warning')).toHaveLength(1)
      expect(annotations('warning')[0]).toMatch(/secondary rate limit .*\(in 60 s\): HTTP 403/)
      expect(annotations('notice')).toEqual([])
    } finally {
      await github.stop()
    }
  })

  test('TagsUnavailable carries the limit', async () => {
    const github = await startGithubStandin({ token: TOKEN })
    try {
      github.budgets.graphql.used = github.budgets.graphql.limit
      const error = await new GithubGraphqlTags(
        github.graphqlUrl,
        repo,
        TOKEN,
        pool,
        new RetryPolicy({ retries: 0, delayScale: 0 })
      )
        .modelTags('churn')
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TagsUnavailable)
      expect((error as TagsUnavailable).rateLimit).toMatchObject({ kind: 'primary', resource: 'graphql' })
    } finally {
      await github.stop()
    }
  })
})
