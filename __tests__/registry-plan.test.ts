import { ActionError } from '../src/common/errors.js'
import { TagsUnavailable } from '../src/registry/github-tags.js'
import { parseGtoTag, type RegistryTag } from '../src/registry/gto-tags.js'
import { readInputs } from '../src/action/inputs.js'
import type { ModelQuery } from '../src/registry/model-query.js'
import { HttpPool } from '../src/common/http-pool.js'
import { githubTagReader, planFetch, type TagListing, type TagReader } from '../src/registry/registry-plan.js'
import { RetryPolicy } from '../src/common/retry.js'
import { startGithubStandin } from '../test-support/github-standin.mjs'
import { clearActionEnv, setInputs } from '../test-support/action-env.mjs'
import { holdStdout } from '../test-support/stdout.mjs'

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

describe('readInputs: name is optional when a registry tag names the model', () => {
  test('the pushed registry tag (GITHUB_REF), or input ref before it', () => {
    setInputs({ repo: 'acme/models' })
    process.env.GITHUB_REF = 'refs/tags/churn#prod#1'
    expect(readInputs('t')).toMatchObject({ query: { name: '' }, ref: 'refs/tags/churn#prod#1' })
    process.env.INPUT_REF = 'refs/heads/main'
    expect(() => readInputs('t')).toThrow(/Input 'name' is required unless/)
  })

  test('a registration tag as version', () => {
    setInputs({ repo: 'acme/models', version: 'churn@v1.0.0' })
    expect(readInputs('t')).toMatchObject({ query: { name: '', version: 'churn@v1.0.0' } })
  })

  test.each([
    [{ repo: 'r', ref: 'refs/tags/v1.0' }],
    [{ repo: 'r', ref: 'refs/tags/churn#prod', stage: 'dev' }],
    [{ repo: 'r', ref: 'refs/tags/churn#prod', version: 'v1.0.0' }]
  ])('still required for %j', (values) => {
    setInputs(values)
    expect(() => readInputs('t')).toThrow(ActionError)
  })
})

function tag(name: string, commit: string, minute: number): RegistryTag {
  return { ...parseGtoTag(name)!, commit, time: minute * 60_000 }
}

describe('planFetch', () => {
  const base = { name: 'churn', repo: 'acme/models' }
  const plan = (query: Partial<ModelQuery>, reader: TagReader, ref?: string) =>
    planFetch({ query: { ...base, ...query }, ref }, reader)
  const tags = [tag('churn@v1.0.0', 'c1', 1), tag('churn@v2.0.0', 'c2', 2), tag('churn#prod#1', 'c2', 3)]
  /** A listing of annotated tags whose reads are counted. */
  let reads: string[] = []
  const listingOf = (all: RegistryTag[]): TagListing => ({
    tags: all.map((t) => ({ ...t, annotated: true, objectSha: t.tag })),
    read: async (some) => {
      reads.push(...some.map((t) => t.tag))
      return all.filter((t) => some.some((s) => s.tag === t.tag))
    }
  })
  beforeEach(() => {
    reads = []
  })
  const reader = async () => listingOf(tags)
  const refusing = async (): Promise<TagListing> => {
    throw new TagsUnavailable('the GitHub API answered HTTP 403')
  }

  test('a plain version needs no tags; a release tag is reduced to its version', async () => {
    await expect(plan({ version: 'v1.0.0' }, refusing)).resolves.toMatchObject({
      query: { name: 'churn', version: 'v1.0.0' },
      title: 'churn v1.0.0 from acme/models'
    })
    await expect(plan({ version: 'refs/tags/churn@v2.0.0#3' }, refusing)).resolves.toMatchObject({
      query: { version: 'v2.0.0' }
    })
    await expect(plan({ name: '', version: 'churn@v2.0.0' }, refusing)).resolves.toMatchObject({
      query: { name: 'churn', version: 'v2.0.0' },
      outputs: { name: 'churn', version: 'v2.0.0' }
    })
    await expect(plan({ version: 'churn#prod#1' }, refusing)).rejects.toThrow(
      /is the registry tag of an assignment, not of a registered version.*`stage: prod`/
    )
  })

  test('stage and latest resolve from the tags; a refusal keeps the stage query and says why', async () => {
    await expect(plan({ stage: 'prod' }, reader)).resolves.toMatchObject({
      query: { version: 'v2.0.0' },
      outputs: { version: 'v2.0.0', stage: 'prod', event: '' }
    })
    await expect(plan({}, reader)).resolves.toMatchObject({ query: { version: 'v2.0.0' } })
    const refused = await plan({ stage: 'prod' }, refusing)
    expect(refused.query).toEqual({ repo: 'acme/models', name: 'churn', stage: 'prod' })
    expect(refused.outputs.version).toBe('')
    expect(stdout.text).toMatch(/::notice::Not resolving stage prod of churn .*HTTP 403/)
  })

  test("latest reads no tag when the highest version was never deregistered; else only that version's tags", async () => {
    await expect(plan({}, reader)).resolves.toMatchObject({ query: { version: 'v2.0.0' } })
    expect(reads).toEqual([])
    const many = [
      ...Array.from({ length: 50 }, (_, i) => tag(`churn@v1.${i}.0`, `c${i}`, i)),
      tag('churn@v3.0.0', 'c3', 60),
      tag('churn@v3.0.0!', 'c3', 61),
      tag('churn@v2.0.0', 'c2', 62),
      tag('churn@v2.0.0!', 'c2', 63),
      tag('churn@v2.0.0#5', 'c2', 64)
    ]
    await expect(plan({}, async () => listingOf(many))).resolves.toMatchObject({ query: { version: 'v2.0.0' } })
    expect(reads.sort()).toEqual(['churn@v2.0.0', 'churn@v2.0.0!', 'churn@v2.0.0#5', 'churn@v3.0.0', 'churn@v3.0.0!'])
  })

  test('a stage no tag assigns is asked of Studio by stage, with a notice', async () => {
    const unassigned = await plan({ stage: 'dev' }, reader)
    expect(unassigned.query).toEqual({ repo: 'acme/models', name: 'churn', stage: 'dev' })
    expect(stdout.text).toMatch(/::notice::No assignment of stage dev/)
  })

  test('a registry tag is ignored when version or stage is given', async () => {
    const given = await plan({ stage: 'prod' }, reader, 'refs/tags/churn#dev!#4')
    expect(given.outputs).toEqual({ name: 'churn', version: 'v2.0.0', stage: 'prod', event: '' })
  })

  test.each(['churn@v2.0.0!', 'churn#prod!#4', 'churn@deprecated'])(
    'tag mode: a lightweight %s is nothing; an unreadable listing is said',
    async (name) => {
      const lightweight: TagListing = {
        tags: [{ ...parseGtoTag(name)!, annotated: false, objectSha: 'c9' }],
        read: async () => []
      }
      const none = await plan({ name: '' }, async () => lightweight, `refs/tags/${name}`)
      expect(none.query).toBeUndefined()
      expect(none.outputs).toEqual({ name: 'churn', version: '', stage: '', event: '' })
      expect(stdout.text).toContain(
        `Tag ${name} is a lightweight tag, and GTO counts only annotated tags: nothing to fetch.`
      )

      // Held afresh, so that what follows is what the second plan printed.
      stdout.stop()
      stdout = holdStdout()
      const unchecked = await plan({ name: '' }, refusing, `refs/tags/${name}`)
      expect(unchecked.query).toBeUndefined()
      expect(unchecked.outputs.event).not.toBe('')
      expect(stdout.text).toMatch(
        /::notice::Could not check that tag .* is annotated \(GTO counts only annotated tags\): the GitHub API answered HTTP 403\. Taking it as the \w+ it names\./
      )
    }
  )

  test('errors other than TagsUnavailable are not swallowed', async () => {
    const broken = async (): Promise<TagListing> => {
      throw new Error('bug')
    }
    await expect(plan({ stage: 'prod' }, broken)).rejects.toThrow('bug')
  })
})

describe('GitHub requests for a model with 100 registry tags, where GraphQL is refused (REST fallback)', () => {
  test('latest: the listing and the tags of deregistered top versions; a stage: its tags and the version tags', async () => {
    const github = await startGithubStandin({ token: 'gh-token', graphql: false })
    const http = new HttpPool(10_000)
    try {
      for (let i = 0; i < 90; i++) github.addTag(`churn@v1.${i}.0`, { commit: `c${i}`, time: i * 60_000 })
      github.addTag('churn@v1.89.0!', { commit: 'c89', time: 100 * 60_000 })
      for (let i = 0; i < 9; i++)
        github.addTag(`churn#prod#${i + 1}`, { commit: `c${80 + i}`, time: (101 + i) * 60_000 })
      const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_API_URL: github.apiUrl }
      const reader = githubTagReader(
        'acme/models',
        'gh-token',
        http,
        new RetryPolicy({ retries: 0, delayScale: 0 }),
        env
      )
      const planFor = async (query: Partial<ModelQuery>) => {
        const before = github.requests.length
        const planned = await planFetch({ query: { name: 'churn', repo: 'acme/models', ...query } }, reader)
        return { version: planned.outputs.version, requests: github.requests.length - before }
      }
      // GraphQL's 404 first; then v1.89.0 is deregistered (its two tags read), v1.88.0 never
      // was: 1 + 1 + 2 requests, not 101.
      await expect(planFor({})).resolves.toEqual({ version: 'v1.88.0', requests: 1 + 3 })
      // A stage needs every version tag's commit (91) and its own tags (9), after the listing.
      await expect(planFor({ stage: 'prod' })).resolves.toEqual({ version: 'v1.88.0', requests: 1 + 1 + 91 + 9 })
      expect(stdout.text.match(/::notice::Reading the registry tags of churn through GitHub's REST API/g)).toHaveLength(
        2
      )
    } finally {
      http.dispose()
      await github.stop()
    }
  })
})
