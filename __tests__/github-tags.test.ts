import { GithubTags, TagsUnavailable, githubRepoOf } from '../src/registry/github-tags.js'
import { HttpPool } from '../src/common/http-pool.js'
import { RetryPolicy } from '../src/common/retry.js'
import { startGithubStandin, type GithubStandin } from '../test-support/github-standin.mjs'
import { captureStdout } from '../test-support/stdout.mjs'

describe('githubRepoOf: the repository behind input repo, on this GitHub only', () => {
  const env = { GITHUB_SERVER_URL: 'https://github.com' }
  test.each([
    ['https://github.com/acme/models', 'acme/models'],
    ['https://github.com/acme/models.git', 'acme/models'],
    ['https://github.com/acme/models/', 'acme/models'],
    ['git@github.com:acme/models.git', 'acme/models'],
    ['ssh://git@github.com/acme/models.git', 'acme/models'],
    ['acme/my.models', 'acme/my.models'],
    ['https://GitHub.com/acme/models', 'acme/models']
  ])('%s -> %s', (repo, expected) => {
    const found = githubRepoOf(repo, env)
    expect(found && `${found.owner}/${found.name}`).toBe(expected)
  })
  test.each([
    'https://gitlab.com/acme/models',
    'git@gitlab.com:acme/models.git',
    'https://github.com/acme',
    'https://github.com/acme/models/tree/main'
  ])('%s is not read', (repo) => {
    expect(githubRepoOf(repo, env)).toBeUndefined()
  })
  test('GitHub Enterprise Server: its own host', () => {
    expect(
      githubRepoOf('https://ghe.example.com/acme/models', { GITHUB_SERVER_URL: 'https://ghe.example.com' })
    ).toEqual({
      owner: 'acme',
      name: 'models'
    })
    expect(
      githubRepoOf('https://github.com/acme/models', { GITHUB_SERVER_URL: 'https://ghe.example.com' })
    ).toBeUndefined()
  })
})

describe('GithubTags against the GitHub REST stand-in', () => {
  let github: GithubStandin
  const pool = new HttpPool(10_000)
  const repo = { owner: 'acme', name: 'models' }
  beforeAll(async () => {
    github = await startGithubStandin({ token: 'gh-token', prefix: '/api/v3', pageSize: 2 })
    github.addTag('nlp/sentiment=bert@v0.3.0', { commit: 'c1', time: '2026-01-01T10:00:00Z' })
    github.addTag('nlp/sentiment=bert#prod#1', { commit: 'c1', time: '2026-01-02T10:00:00Z' })
    github.addTag('nlp/sentiment=bert#dev', { commit: 'c1', annotated: false })
    github.addTag('nlp/sentiment=bert-large@v1.0.0', { commit: 'c2' })
    github.addTag('nlp/sentiment=bert-notes', { commit: 'c2' })
  })
  afterAll(async () => {
    pool.dispose()
    await github.stop()
  })

  test('lists annotated tags of the model with their commit and tagger date, across pages, under an API prefix', async () => {
    const tags = await new GithubTags(github.apiUrl, repo, 'gh-token', pool).modelTags('nlp/sentiment:bert')
    expect(tags.map((t) => [t.tag, t.commit, new Date(t.time).toISOString()]).sort()).toEqual([
      ['nlp/sentiment=bert#prod#1', github.commit('c1'), '2026-01-02T10:00:00.000Z'],
      ['nlp/sentiment=bert@v0.3.0', github.commit('c1'), '2026-01-01T10:00:00.000Z']
    ])
    const listed = github.requests.filter((r) => r.url.includes('matching-refs')).map((r) => r.url)
    expect(listed).toEqual([
      '/api/v3/repos/acme/models/git/matching-refs/tags/nlp/sentiment=bert',
      '/api/v3/repos/acme/models/git/matching-refs/tags/nlp/sentiment=bert?page=2',
      '/api/v3/repos/acme/models/git/matching-refs/tags/nlp/sentiment=bert?page=3'
    ])
  })

  test('a refusal or an unknown repository is TagsUnavailable, with the API message and a hint', async () => {
    const wrong = new GithubTags(github.apiUrl, repo, 'not-the-token', pool).modelTags('churn')
    await expect(wrong).rejects.toThrow(TagsUnavailable)
    await expect(new GithubTags(github.apiUrl, repo, 'not-the-token', pool).modelTags('churn')).rejects.toThrow(
      /HTTP 401: "Bad credentials" \(the token in input 'github-token' cannot read acme\/models's tags/
    )
    const other = new GithubTags(github.apiUrl, { owner: 'acme', name: 'other' }, 'gh-token', pool)
    await expect(other.modelTags('churn')).rejects.toThrow(/HTTP 404: "Not Found"/)
  })

  test('a 502 or 429 is retried (Retry-After honoured); a 403 is not', async () => {
    const policy = new RetryPolicy({ retries: 2, delayScale: 0.001 })
    const tags = new GithubTags(github.apiUrl, repo, 'gh-token', pool, policy)
    github.answers.push(
      { status: 502, body: { message: 'Server Error' } },
      { status: 429, body: { message: 'slow down' } }
    )
    let before = github.requests.length
    await expect(tags.modelTags('nlp/sentiment:bert')).resolves.toHaveLength(2)
    expect(github.requests.length - before).toBe(2 + 3 + 2)

    github.answers.push({ status: 403, body: { message: 'Resource not accessible by integration' } })
    before = github.requests.length
    await expect(tags.modelTags('nlp/sentiment:bert')).rejects.toThrow(/HTTP 403/)
    expect(github.requests.length - before).toBe(1)

    github.answers.push(...[1, 2, 3].map(() => ({ status: 503, body: { message: 'Unavailable' } })))
    await expect(tags.modelTags('nlp/sentiment:bert')).rejects.toThrow(/HTTP 503: "Unavailable"/)
  })

  test('the listing says which tags are annotated; only the tags asked for are read, one request each', async () => {
    const tags = new GithubTags(github.apiUrl, repo, 'gh-token', pool)
    const before = github.requests.length
    const listed = await tags.listModelTags('nlp/sentiment:bert')
    expect(listed.map((t) => [t.tag, t.annotated]).sort()).toEqual([
      ['nlp/sentiment=bert#dev', false],
      ['nlp/sentiment=bert#prod#1', true],
      ['nlp/sentiment=bert@v0.3.0', true]
    ])
    expect(github.requests.length - before).toBe(3) // the listing's three pages, no tag object
    const read = await tags.readTags(listed.filter((t) => t.version))
    expect(read).toEqual([expect.objectContaining({ tag: 'nlp/sentiment=bert@v0.3.0', commit: github.commit('c1') })])
    expect(read[0]).not.toHaveProperty('objectSha')
    expect(github.requests.length - before).toBe(3 + 1)
    // A lightweight tag has no tag object to read: no request.
    await expect(tags.readTags(listed.filter((t) => !t.annotated))).resolves.toEqual([])
    expect(github.requests.length - before).toBe(3 + 1)
  })

  test('https:// to an API port that speaks http is said in words at once, not retried', async () => {
    const policy = new RetryPolicy({ retries: 3, delayScale: 0 })
    const apiUrl = github.apiUrl.replace(/^http:/, 'https:')
    const { result: error, printed } = await captureStdout(() =>
      new GithubTags(apiUrl, repo, 'gh-token', pool, policy).modelTags('churn').catch((e: unknown) => e)
    )
    expect(error).toBeInstanceOf(TagsUnavailable)
    expect((error as TagsUnavailable).transient).toBe(false)
    expect((error as TagsUnavailable).reason).toBe(
      `the server at ${apiUrl}/repos/acme/models/git/matching-refs/tags/churn does not speak TLS on that port: use http:// or the right port in GITHUB_API_URL`
    )
    expect(printed).not.toContain('Retrying')
  })

  test('a next page on another origin is not followed: the token goes to the API only', async () => {
    const elsewhere = await startGithubStandin({ token: 'gh-token', prefix: '/api/v3', pageSize: 2 })
    // Same scheme and host, another port: another origin all the same.
    const linking = await startGithubStandin({
      token: 'gh-token',
      prefix: '/api/v3',
      pageSize: 2,
      linkOrigin: `http://127.0.0.1:${elsewhere.port}`
    })
    try {
      for (const standin of [elsewhere, linking]) {
        standin.addTag('nlp/sentiment=bert@v0.3.0', { commit: 'c1' })
        standin.addTag('nlp/sentiment=bert@v0.2.0', { commit: 'c1' })
        standin.addTag('nlp/sentiment=bert@v0.1.0', { commit: 'c1' })
      }
      const listed = await new GithubTags(linking.apiUrl, repo, 'gh-token', pool).listModelTags('nlp/sentiment:bert')
      expect(listed).toHaveLength(2)
      expect(elsewhere.requests).toEqual([])
    } finally {
      await elsewhere.stop()
      await linking.stop()
    }
  })

  test('an unreachable API is TagsUnavailable, without the token in the reason', async () => {
    const closed = await startGithubStandin()
    await closed.stop()
    const tags = new GithubTags(closed.apiUrl, repo, 'gh-token', pool)
    await expect(tags.modelTags('churn')).rejects.toThrow(/could not reach the GitHub API/)
  })
})
