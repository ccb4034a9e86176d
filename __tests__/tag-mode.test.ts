// End to end: the bundled action run on registry (GTO) tags, against the Studio stand-in and a
// GitHub stand-in (GraphQL, and REST where GraphQL is refused) on loopback, with the variables
// the runner sets for a tag push.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startGithubStandin, type GithubStandin } from '../test-support/github-standin.mjs'
import { runAction, type ActionRun } from '../test-support/run-action.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'

const REPO = 'https://github.com/acme/models'
const STUDIO_TOKEN = 'studio-tag-mode-secret-5678'
const GITHUB_TOKEN = 'ghs_tagModeSecretToken0123456789'
const WRONG_GITHUB_TOKEN = 'ghs_wrongTokenWrongTokenWrong000'
const v100 = Buffer.from('weights of v1.0.0\n')
const v120 = Buffer.from('weights of v1.2.0\n')
const bert = Buffer.from('bert weights\n')

let studio: Standin
let github: GithubStandin
const minute = (n: number) => Date.UTC(2026, 0, 1) + n * 60_000

beforeAll(async () => {
  studio = await startStandin({ token: STUDIO_TOKEN })
  studio.addVersion({ repo: REPO, name: 'churn', version: 'v1.0.0', stages: ['prod'], files: { 'churn.bin': v100 } })
  studio.addVersion({
    repo: REPO,
    name: 'churn',
    version: 'v1.2.0',
    stages: ['dev', 'staging'],
    files: { 'churn.bin': v120 }
  })
  studio.addVersion({ repo: REPO, name: 'nlp/sentiment:bert', version: 'v0.3.0', files: { 'nlp/bert.bin': bert } })

  // Three refs per page, so that every listing follows GitHub's Link pagination.
  github = await startGithubStandin({ token: GITHUB_TOKEN, owner: 'acme', repo: 'models', pageSize: 3 })
  github.addTag('churn@v1.0.0', { commit: 'c1', time: minute(1) })
  github.addTag('churn@v1.2.0', { commit: 'c2', time: minute(2) })
  github.addTag('churn#prod#1', { commit: 'c1', time: minute(3) })
  github.addTag('churn#dev#2', { commit: 'c2', time: minute(4) })
  github.addTag('churn#staging#3', { commit: 'c9', time: minute(5) })
  github.addTag('churn@v1.2.0-rc.1', { commit: 'c3', time: minute(6) })
  github.addTag('churn@v1.2.0-rc.2', { commit: 'c3', time: minute(7) })
  github.addTag('churn#qa#4', { commit: 'c3', time: minute(8) })
  github.addTag('churn#dev!#5', { commit: 'c2', time: minute(9) })
  // A lightweight tag counts for nothing in GTO, however new.
  github.addTag('churn#prod#6', { commit: 'c2', time: minute(10), annotated: false })
  github.addTag('churn@v1.3.0', { commit: 'c4', time: minute(10), annotated: false })
  // Another model whose name starts alike: listed by the prefix, then left out.
  github.addTag('churn-v2@v9.0.0', { commit: 'c7', time: minute(11) })
  github.addTag('nlp/sentiment=bert@v0.3.0', { commit: 'c5', time: minute(12) })
  github.addTag('v1.0', { commit: 'c1', time: minute(13) })
})
afterAll(async () => {
  await studio.stop()
  await github.stop()
})

/** A run as the runner starts it for a push of `ref`, with action.yml's defaults filled in. */
function run(ref: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    inputs: {
      repo: REPO,
      'studio-token': STUDIO_TOKEN,
      'studio-url': studio.studioUrl,
      'github-token': GITHUB_TOKEN,
      ref,
      ...inputs
    },
    env: { GITHUB_API_URL: github.apiUrl, GITHUB_REF: ref, ...env }
  })
}

/** The Studio requests a run made, as their query parameters. */
async function studioQueries<T>(action: () => Promise<T>): Promise<{ result: T; queries: Record<string, string>[] }> {
  const before = studio.studioRequests.length
  const result = await action()
  const queries = studio.studioRequests
    .slice(before)
    .map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))
  return { result, queries }
}

function annotations(stdout: string, kind: 'notice' | 'warning' | 'error'): string[] {
  return stdout.split('\n').filter((l) => l.startsWith(`::${kind}`))
}

function outputsOf(r: ActionRun) {
  return { name: r.outputs.name, version: r.outputs.version, stage: r.outputs.stage, event: r.outputs.event }
}

/** No token goes where it does not belong: GitHub's only to GitHub, Studio's only to Studio. */
function expectTokensKeptApart(): void {
  for (const request of [...studio.studioRequests, ...studio.storageRequests]) {
    expect(JSON.stringify(request)).not.toContain(GITHUB_TOKEN)
  }
  for (const request of studio.storageRequests) expect(JSON.stringify(request)).not.toContain(STUDIO_TOKEN)
  for (const request of github.requests) {
    expect(JSON.stringify(request)).not.toContain(STUDIO_TOKEN)
    // GraphQL takes `bearer`, REST `Bearer`: both only ever GitHub's token.
    const scheme = request.url === '/graphql' ? 'bearer' : 'Bearer'
    expect([`${scheme} ${GITHUB_TOKEN}`, `${scheme} ${WRONG_GITHUB_TOKEN}`]).toContain(request.headers.authorization)
  }
}

afterEach(() => expectTokensKeptApart())

/**
 * The GitHub requests `action` made: GraphQL queries, and through REST the listing's pages and
 * the tag objects read.
 */
async function githubCalls<T>(
  action: () => Promise<T>
): Promise<{ result: T; graphql: number; listings: number; tagReads: number }> {
  const before = github.requests.length
  const result = await action()
  const calls = github.requests.slice(before)
  const graphql = calls.filter((c) => c.method === 'POST' && c.url === '/graphql').length
  const listings = calls.filter((c) => c.url.includes('/git/matching-refs/')).length
  const tagReads = calls.filter((c) => c.url.includes('/git/tags/')).length
  expect(graphql + listings + tagReads).toBe(calls.length)
  return { result, graphql, listings, tagReads }
}

/** Pages of the REST listing of churn's refs (three refs a page). */
const CHURN_PAGES = 4

test('a registration tag fetches that version, without input name, once the listing shows it annotated', async () => {
  const {
    result: counted,
    graphql,
    listings,
    tagReads
  } = await githubCalls(() => studioQueries(() => run('refs/tags/churn@v1.2.0')))
  const { result, queries } = counted
  // One GraphQL query (the model's tags, a hundred a page) says the tag is annotated.
  expect([graphql, listings, tagReads]).toEqual([1, 0, 0])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', version: 'v1.2.0' }])
  expect(readFileSync(join(result.runner.workspace, 'churn.bin')).equals(v120)).toBe(true)
  expect(outputsOf(result)).toEqual({ name: 'churn', version: 'v1.2.0', stage: '', event: 'registration' })
  expect(annotations(result.stdout, 'notice')).toEqual([])
  expect(result.stdout).toContain(`::group::Fetching churn v1.2.0 from ${REPO}`)
  expect(result.stdout).toMatch(/::endgroup::\nFetched churn, version v1\.2\.0: 1 file, .* from the tool cache\.\n/)
  expect(result.summary).toContain('<h3>churn, version v1.2.0</h3>')
})

test('an assignment tag fetches the version registered at its commit, asking Studio for that version', async () => {
  const before = github.requests.length
  const { result, queries } = await studioQueries(() => run('refs/tags/churn#prod#1', { name: 'churn' }))
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', version: 'v1.0.0' }])
  expect(readFileSync(join(result.runner.workspace, 'churn.bin')).equals(v100)).toBe(true)
  expect(outputsOf(result)).toEqual({ name: 'churn', version: 'v1.0.0', stage: 'prod', event: 'assignment' })
  expect(result.stdout).toContain('::group::Fetching churn v1.0.0 (stage prod)')
  // The stage resolved to its version, worded as people say it.
  expect(result.stdout).toMatch(/::endgroup::\nFetched churn, stage prod \(v1\.0\.0\): 1 file, /)
  expect(result.summary).toContain('<h3>churn, stage prod (v1.0.0)</h3>')

  expect(annotations(result.stdout, 'warning')).toEqual([])

  // GitHub was asked once, through GraphQL with its own token: the model's tags with their
  // tag objects (commit, tagger date); no tag object read one by one.
  const calls = github.requests.slice(before)
  expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /graphql'])
  expect(calls[0].headers.authorization).toBe(`bearer ${GITHUB_TOKEN}`)
  expect(calls[0].body.variables).toEqual({ owner: 'acme', name: 'models', query: 'churn', after: null })

  // Both tokens are masked before anything else is printed.
  const lines = result.stdout.split('\n')
  expect(lines.slice(0, 2)).toEqual([`::add-mask::${STUDIO_TOKEN}`, `::add-mask::${GITHUB_TOKEN}`])
  expect(lines.filter((l) => l.includes(GITHUB_TOKEN))).toEqual([`::add-mask::${GITHUB_TOKEN}`])
})

test('a monorepo model: tag nlp/sentiment=bert@v0.3.0 is model nlp/sentiment:bert', async () => {
  const { result, queries } = await studioQueries(() => run('refs/tags/nlp/sentiment=bert@v0.3.0'))
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'nlp/sentiment:bert', version: 'v0.3.0' }])
  expect(outputsOf(result)).toEqual({
    name: 'nlp/sentiment:bert',
    version: 'v0.3.0',
    stage: '',
    event: 'registration'
  })
})

test('an assignment at a commit without a registered version asks Studio by stage, with a warning', async () => {
  const { result, queries } = await studioQueries(() => run('refs/tags/churn#staging#3'))
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', stage: 'staging' }])
  expect(annotations(result.stdout, 'warning')).toHaveLength(1)
  expect(annotations(result.stdout, 'warning')[0]).toMatch(/churn#staging#3 .*no version of churn is registered/)
  expect(outputsOf(result)).toEqual({ name: 'churn', version: '', stage: 'staging', event: 'assignment' })
  expect(readFileSync(join(result.runner.workspace, 'churn.bin')).equals(v120)).toBe(true)
})

test('an assignment at a commit with two registered versions is an error, and Studio is not asked', async () => {
  const { result, queries } = await studioQueries(() => run('refs/tags/churn#qa#4'))
  expect(result.code).toBe(1)
  expect(queries).toEqual([])
  const errors = annotations(result.stdout, 'error')
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(/several registered versions of churn \(v1\.2\.0-rc\.1, v1\.2\.0-rc\.2\)/)
})

test('an unassignment fetches nothing, says so in the outputs, and succeeds', async () => {
  const {
    result: counted,
    graphql,
    listings,
    tagReads
  } = await githubCalls(() => studioQueries(() => run('refs/tags/churn#dev!#5', { name: 'churn' })))
  const { result, queries } = counted
  expect(result.code).toBe(0)
  expect(queries).toEqual([])
  expect([graphql, listings, tagReads]).toEqual([1, 0, 0])
  expect(outputsOf(result)).toEqual({ name: 'churn', version: '', stage: 'dev', event: 'unassignment' })
  expect(result.outputs.paths).toBeUndefined()
})

test('a lightweight stage tag is not a registry event: nothing fetched', async () => {
  const { result, queries } = await studioQueries(() => run('refs/tags/churn#prod#6'))
  expect(result.code).toBe(0)
  expect(queries).toEqual([])
  expect(result.stdout).toContain(
    'Tag churn#prod#6 is a lightweight tag, and GTO counts only annotated tags: nothing to fetch.'
  )
  expect(outputsOf(result)).toEqual({ name: 'churn', version: '', stage: '', event: '' })
})

test('a lightweight registration tag is not a registry event: nothing fetched, Studio not asked, exit 0', async () => {
  const { result, queries } = await studioQueries(() => run('refs/tags/churn@v1.3.0'))
  expect(result.code).toBe(0)
  expect(queries).toEqual([])
  expect(result.stdout).toContain(
    'Tag churn@v1.3.0 is a lightweight tag, and GTO counts only annotated tags: nothing to fetch.'
  )
  expect(outputsOf(result)).toEqual({ name: 'churn', version: '', stage: '', event: '' })
  expect(result.outputs.paths).toBeUndefined()
})

test('a registration tag whose tags cannot be read is fetched as named, with a notice saying it was not checked', async () => {
  const { result, queries } = await studioQueries(() =>
    run('refs/tags/churn@v1.2.0', { 'github-token': WRONG_GITHUB_TOKEN })
  )
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', version: 'v1.2.0' }])
  const notices = annotations(result.stdout, 'notice')
  expect(notices).toHaveLength(1)
  expect(notices[0]).toMatch(
    /Could not check that tag churn@v1\.2\.0 is annotated .*HTTP 401: "Bad credentials".*Taking it as the registration it names\./
  )
  expect(outputsOf(result)).toEqual({ name: 'churn', version: 'v1.2.0', stage: '', event: 'registration' })
})

test('a tag of another model, with name set: nothing fetched, said, exit 0', async () => {
  const { result, queries } = await studioQueries(() => run('refs/tags/nlp/sentiment=bert@v0.3.0', { name: 'churn' }))
  expect(result.code).toBe(0)
  expect(queries).toEqual([])
  expect(result.stdout).toContain('is a registry event of model nlp/sentiment:bert, not churn: nothing to fetch')
  // Empty event and stage, so that steps gated on them do not deploy the wrong model.
  expect(outputsOf(result)).toEqual({ name: 'churn', version: '', stage: '', event: '' })
})

test('stage: prod on a branch push is resolved to a version from the tags, and that version is fetched', async () => {
  const before = github.requests.length
  const { result, queries } = await studioQueries(() => run('refs/heads/main', { name: 'churn', stage: 'prod' }))
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', version: 'v1.0.0' }])
  expect(result.stdout).toMatch(/Stage prod of churn holds v1\.0\.0: assigned by tag churn#prod#1/)
  // One GraphQL query: every tag comes with its commit and date, none read one by one.
  expect(github.requests.slice(before).map((c) => `${c.method} ${c.url}`)).toEqual(['POST /graphql'])
  expect(result.stdout).toContain('::debug::Resolving stage prod of churn took 1 GitHub API request (1 GraphQL).')
  expect(outputsOf(result)).toEqual({ name: 'churn', version: 'v1.0.0', stage: 'prod', event: '' })
  expect(result.stdout).toContain('::group::Fetching churn v1.0.0 (stage prod)')
})

test('latest on a branch push is the highest registered SemVer (a release above its candidates)', async () => {
  const {
    result: counted,
    graphql,
    listings,
    tagReads
  } = await githubCalls(() => studioQueries(() => run('refs/heads/main', { name: 'churn' })))
  const { result, queries } = counted
  // The lightweight churn@v1.3.0 counts for nothing; v1.2.0 was never deregistered.
  expect([graphql, listings, tagReads]).toEqual([1, 0, 0])
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', version: 'v1.2.0' }])
  expect(outputsOf(result)).toEqual({ name: 'churn', version: 'v1.2.0', stage: '', event: '' })
})

test('both APIs refusing (403) falls back to asking Studio by stage, with one notice line', async () => {
  const refusal = { status: 403, body: { message: 'Resource not accessible by integration', status: '403' } }
  github.answers.push({ ...refusal, api: 'graphql' }, { ...refusal, api: 'rest' })
  const { result, queries } = await studioQueries(() => run('refs/heads/main', { name: 'churn', stage: 'prod' }))
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', stage: 'prod' }])
  const notices = annotations(result.stdout, 'notice')
  expect(notices).toHaveLength(1)
  expect(notices[0]).toMatch(
    /HTTP 403: "Resource not accessible by integration".*contents: read.*\(and through GraphQL: .*HTTP 403/
  )
  expect(outputsOf(result)).toEqual({ name: 'churn', version: '', stage: 'prod', event: '' })
  expect(readFileSync(join(result.runner.workspace, 'churn.bin')).equals(v100)).toBe(true)
})

test('GraphQL refused (404, an old GHES): tag mode reads the same through REST, the listing and the tags it needs, with one notice', async () => {
  github.answers.push({ api: 'graphql', status: 404, body: { message: 'Not Found' } })
  const {
    result: counted,
    graphql,
    listings,
    tagReads
  } = await githubCalls(() => studioQueries(() => run('refs/tags/churn#prod#1', { name: 'churn' })))
  const { result, queries } = counted
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', version: 'v1.0.0' }])
  expect(outputsOf(result)).toEqual({ name: 'churn', version: 'v1.0.0', stage: 'prod', event: 'assignment' })
  // The refused query, the listing's pages, then the four version tags and the stage tag itself.
  expect([graphql, listings, tagReads]).toEqual([1, CHURN_PAGES, 5])
  const notices = annotations(result.stdout, 'notice')
  expect(notices).toHaveLength(1)
  expect(notices[0]).toMatch(
    /through GitHub's REST API, one request per tag it needs, because the GraphQL API refused: .*HTTP 404/
  )
  expect(result.stdout).toContain(
    `::debug::Resolving tag churn#prod#1 took ${1 + CHURN_PAGES + 5} GitHub API requests (1 GraphQL, ${CHURN_PAGES + 5} REST).`
  )
})

test('a wrong GitHub token (401) in tag mode falls back to Studio by stage; its text is never printed', async () => {
  const wrong = WRONG_GITHUB_TOKEN
  const { result, queries } = await studioQueries(() => run('refs/tags/churn#prod#1', { 'github-token': wrong }))
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', stage: 'prod' }])
  expect(annotations(result.stdout, 'notice')[0]).toMatch(/HTTP 401: "Bad credentials"/)
  expect(outputsOf(result)).toEqual({ name: 'churn', version: '', stage: 'prod', event: 'assignment' })
  expect(result.stdout.split('\n').filter((l) => l.includes(wrong))).toEqual([`::add-mask::${wrong}`])
})

test('a repository on another host is not read through this GitHub: notice, Studio by stage', async () => {
  const before = github.requests.length
  const { result, queries } = await studioQueries(() =>
    run('refs/heads/main', { name: 'churn', stage: 'prod' }, { GITHUB_SERVER_URL: 'https://ghe.example.com' })
  )
  expect(result.code).toBe(0)
  expect(github.requests.length).toBe(before)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', stage: 'prod' }])
  expect(annotations(result.stdout, 'notice')[0]).toMatch(/is not a repository on https:\/\/ghe\.example\.com/)
})

test('a release tag given as version: its version is fetched', async () => {
  const { result, queries } = await studioQueries(() =>
    run('refs/tags/churn@v1.2.0', { name: 'churn', version: 'churn@v1.0.0' })
  )
  expect(result.code).toBe(0)
  expect(queries).toEqual([{ repo: REPO, name: 'churn', version: 'v1.0.0' }])
  expect(outputsOf(result)).toEqual({ name: 'churn', version: 'v1.0.0', stage: '', event: '' })
})

test('a release tag of another model as version is a clear input error', async () => {
  const { result, queries } = await studioQueries(() =>
    run('refs/heads/main', { name: 'churn', version: 'nlp/sentiment=bert@v0.3.0' })
  )
  expect(result.code).toBe(1)
  expect(queries).toEqual([])
  expect(annotations(result.stdout, 'error')[0]).toMatch(
    /Input 'version' \(nlp\/sentiment=bert@v0\.3\.0\) is a registry tag of model nlp\/sentiment:bert, but input 'name' is churn/
  )
})

test('without name, a ref that is not a registry tag is an input error', async () => {
  const { result, queries } = await studioQueries(() => run('refs/tags/v1.0'))
  expect(result.code).toBe(1)
  expect(queries).toEqual([])
  expect(annotations(result.stdout, 'error')[0]).toMatch(/Input 'name' is required unless/)
})
