import { ActionError } from '../src/common/errors.js'
import {
  normalizeModelName,
  normalizeStudioUrl,
  readInputs,
  readExpandedInput,
  readGithubToken,
  readRepo,
  readToken
} from '../src/action/inputs.js'
import { clearActionEnv, setInputs } from '../test-support/action-env.mjs'
import { holdStdout } from '../test-support/stdout.mjs'

describe('normalizeModelName', () => {
  test.each([
    ['churn', 'churn'],
    ['dvc.yaml:churn', 'churn'],
    ['./dvc.yaml:churn', 'churn'],
    ['path/to/dvc.yaml:churn', 'path/to:churn'],
    ['path/to/dvc.yml:churn', 'path/to:churn'],
    ['path/to:churn', 'path/to:churn'],
    ['path/to/:churn', 'path/to:churn'],
    ['./path/to/dvc.yaml:churn', 'path/to:churn'],
    ['path\\to\\dvc.yaml:churn', 'path/to:churn'],
    ['  churn  ', 'churn']
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeModelName(raw)).toBe(expected)
  })

  test('a folder without a model name is refused', () => {
    expect(() => normalizeModelName('path/to/dvc.yaml:')).toThrow(/names a folder but no model/)
  })
})

describe('readRepo: what Studio is asked for', () => {
  const saved = process.env.INPUT_REPO
  afterEach(() => {
    if (saved === undefined) delete process.env.INPUT_REPO
    else process.env.INPUT_REPO = saved
  })
  const env = { GITHUB_SERVER_URL: 'https://ghe.example.com/', GITHUB_REPOSITORY: 'acme/models' }
  function repoFor(value: string, environment: Record<string, string | undefined> = env): string {
    process.env.INPUT_REPO = value
    return readRepo(environment)
  }

  test.each([
    // owner/name is expanded on this run's GitHub server.
    ['acme/churn-models', 'https://ghe.example.com/acme/churn-models'],
    ['acme/models.git', 'https://ghe.example.com/acme/models.git'],
    ['  acme/x_y.z  ', 'https://ghe.example.com/acme/x_y.z'],
    // Full URLs and ssh addresses are sent as given.
    ['https://github.com/acme/models', 'https://github.com/acme/models'],
    ['https://gitlab.com/group/sub/project.git', 'https://gitlab.com/group/sub/project.git'],
    ['git@github.com:acme/models.git', 'git@github.com:acme/models.git'],
    ['ssh://git@github.com/acme/models.git', 'ssh://git@github.com/acme/models.git'],
    // An unexpanded expression (local runners do not expand action.yml defaults) is as empty.
    ['${{ github.server_url }}/${{ github.repository }}', 'https://ghe.example.com/acme/models'],
    ['', 'https://ghe.example.com/acme/models']
  ])('%j -> %s', (value, expected) => {
    expect(repoFor(value)).toBe(expected)
  })

  test('any input left as an unexpanded expression reads as empty (the GitHub token too)', () => {
    process.env['INPUT_GITHUB-TOKEN'] = '${{ github.token }}'
    process.env.INPUT_REF = '${{ github.ref }}'
    try {
      expect(readExpandedInput('github-token')).toBe('')
      expect(readGithubToken()).toBe('')
      expect(readExpandedInput('ref')).toBe('')
      process.env.INPUT_REF = 'refs/tags/churn@v1.0.0'
      expect(readExpandedInput('ref')).toBe('refs/tags/churn@v1.0.0')
    } finally {
      delete process.env['INPUT_GITHUB-TOKEN']
      delete process.env.INPUT_REF
    }
  })

  test('without GITHUB_SERVER_URL, owner/name means github.com', () => {
    expect(repoFor('acme/models', {})).toBe('https://github.com/acme/models')
    expect(repoFor('', { GITHUB_REPOSITORY: 'acme/models' })).toBe('https://github.com/acme/models')
  })

  test.each([
    'acme models',
    '/models',
    'acme/',
    'models',
    'https://github.com//models',
    'https://github.com',
    'https://github.com/acme/my models',
    'git@github.com:/models.git',
    'git@github.com:models.git',
    'file:///srv/git/models'
  ])('%j is refused before any request, with the forms that work', (value) => {
    expect(() => repoFor(value)).toThrow(
      new ActionError(
        `Input 'repo' (${value.trim()}) is not a Git repository: write it as owner/name (sent as https://ghe.example.com/owner/name), as an https URL such as https://github.com/acme/models, or as an ssh address such as git@github.com:acme/models.git.`
      )
    )
  })
})

describe('normalizeStudioUrl', () => {
  test.each([
    ['https://studio.datachain.ai', 'https://studio.datachain.ai/'],
    ['https://studio.iterative.ai/', 'https://studio.iterative.ai/'],
    ['https://ci.example.com/studio', 'https://ci.example.com/studio/'],
    ['https://ci.example.com/studio/', 'https://ci.example.com/studio/'],
    ['http://127.0.0.1:8000/a/b?x=1#f', 'http://127.0.0.1:8000/a/b/']
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeStudioUrl(raw)).toBe(expected)
  })

  test.each(['studio.example.com', 'ftp://studio.example.com', '/studio', ''])('%s is refused', (raw) => {
    expect(() => normalizeStudioUrl(raw)).toThrow(/Input 'studio-url' .* is not an absolute http\(s\) URL/)
  })
})

describe('readInputs', () => {
  let restoreEnv: () => void
  let stdout: ReturnType<typeof holdStdout>
  beforeEach(() => {
    restoreEnv = clearActionEnv()
    stdout = holdStdout()
  })
  afterEach(() => {
    stdout.stop()
    restoreEnv()
  })

  test('defaults: repo from the workflow, path the workspace, cache on', () => {
    setInputs({ name: 'dvc.yaml:churn', 'studio-token': 't0k3n' })
    process.env.GITHUB_SERVER_URL = 'https://github.com'
    process.env.GITHUB_REPOSITORY = 'acme/models'
    process.env.GITHUB_WORKSPACE = '/work/space'
    const token = readToken()
    expect(stdout.text).toBe('::add-mask::t0k3n\n')
    const result = readInputs(token)
    expect(result).toMatchObject({
      query: { name: 'churn', repo: 'https://github.com/acme/models' },
      studioUrl: 'https://studio.datachain.ai/',
      destination: '/work/space',
      cache: true,
      concurrency: 8,
      retries: 5,
      timeoutSeconds: 60
    })
    expect(result.query.version).toBeUndefined()
    expect(result.query.stage).toBeUndefined()
  })

  test('the token falls back to DVC_STUDIO_TOKEN, then STUDIO_TOKEN; the URL to DVC_STUDIO_URL', () => {
    setInputs({ name: 'm', repo: 'acme/models' })
    process.env.STUDIO_TOKEN = 'old-style'
    expect(readToken()).toBe('old-style')
    process.env.DVC_STUDIO_TOKEN = 'new-style'
    process.env.DVC_STUDIO_URL = 'https://self.hosted/studio'
    const token = readToken()
    expect(token).toBe('new-style')
    expect(readInputs(token).studioUrl).toBe('https://self.hosted/studio/')
  })

  test('relative path resolves against the workspace; integers and booleans are checked', () => {
    setInputs({ name: 'm', repo: 'acme/models', path: 'models/out', cache: 'False', concurrency: '2' })
    process.env.GITHUB_WORKSPACE = '/ws'
    expect(readInputs('t')).toMatchObject({ destination: '/ws/models/out', cache: false, concurrency: 2 })
    process.env.INPUT_CACHE = 'yes'
    expect(() => readInputs('t')).toThrow("Input 'cache' must be true or false, not 'yes'.")
    process.env.INPUT_CACHE = 'true'
    process.env.INPUT_CONCURRENCY = '0'
    expect(() => readInputs('t')).toThrow("Input 'concurrency' must be a whole number from 1 to 64, not '0'.")
  })

  test('the Actions cache inputs: auto and 5GB by default, a choice and a size checked', () => {
    setInputs({ name: 'm', repo: 'acme/models' })
    expect(readInputs('t')).toMatchObject({ actionsCache: 'auto', actionsCacheMaxBytes: 5 * 2 ** 30 })
    setInputs({ name: 'm', repo: 'acme/models', 'actions-cache': 'FALSE', 'actions-cache-max-size': '750MB' })
    expect(readInputs('t')).toMatchObject({ actionsCache: 'false', actionsCacheMaxBytes: 750 * 2 ** 20 })
    setInputs({ name: 'm', repo: 'acme/models', 'actions-cache': 'yes' })
    expect(() => readInputs('t')).toThrow("Input 'actions-cache' must be one of auto, true, false, not 'yes'.")
    setInputs({ name: 'm', repo: 'acme/models', 'actions-cache': 'auto', 'actions-cache-max-size': 'huge' })
    expect(() => readInputs('t')).toThrow("Input 'actions-cache-max-size' must be a size such as 5GB")
  })

  test.each([
    [{ repo: 'acme/models' }, 't', /Input 'name' is required/],
    [
      { name: 'm', repo: 'acme/models', version: 'v1', stage: 'prod' },
      't',
      /'version' \(v1\) and 'stage' \(prod\) were both given/
    ],
    [{ name: 'm', repo: 'acme/models' }, '', /No Studio token: set input 'studio-token'.*DVC_STUDIO_TOKEN/],
    [{ name: 'm', repo: 'acme/models', 'studio-url': 'not a url' }, 't', /Input 'studio-url' \(not a url\)/],
    [{ name: 'm' }, 't', /Input 'repo' is empty and GITHUB_REPOSITORY is not set/]
  ])('refuses %j', (values, token, message) => {
    setInputs(values as Record<string, string>)
    let error: unknown
    try {
      readInputs(token)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ActionError)
    expect((error as Error).message).toMatch(message)
  })
})
