import * as core from '@actions/core'
import { ActionError } from '../common/errors.js'
import { counted } from '../common/format.js'
import { GithubTags, TagsUnavailable, githubRepoOf, type ListedTag } from './github-tags.js'
import { GithubGraphqlTags, GraphqlRefused } from './github-graphql.js'
import { RequestCount } from './github-api.js'
import {
  activeVersions,
  compareSemver,
  gtoTagOfRef,
  parseGtoTag,
  resolveStage,
  versionsAtCommit,
  type GtoTag,
  type RegistryTag
} from './gto-tags.js'
import { Outputs } from '../common/constants.js'
import type { HttpPool } from '../common/http-pool.js'
import type { RetryPolicy } from '../common/retry.js'
import { describeQuery, type ModelQuery } from './model-query.js'

/**
 * Decides what to fetch, and says which version it is: from the `version` input (a version
 * or a release's registration tag), from the registry tag that triggered the run (tag mode),
 * or by resolving `stage` / latest from the repository's registry tags with GTO's rules.
 * When the tags cannot be read, Studio is asked by stage (or for its latest) as before.
 */

/** The outputs that say what the registry holds and what happened; empty where unknown. */
export interface RegistryOutputs {
  name: string
  version: string
  stage: string
  event: string
}

export interface FetchPlan {
  /** What to ask Studio for; undefined when the run has nothing to fetch. */
  query?: ModelQuery
  outputs: RegistryOutputs
  /** The model and version as the log's group title, closing line and summary name them. */
  title: string
}

/** What planFetch needs from the inputs: the query as given (`name` empty when not given) and the ref. */
export interface PlanInputs {
  query: ModelQuery
  /** The git ref that triggered the run (`refs/tags/churn#prod#3`). */
  ref?: string
}

/**
 * A model's registry tags: which exist and which are annotated (one listing), and a way to read
 * the commit and time of those whose data is needed (a request each on GitHub). Either throws
 * TagsUnavailable saying why the tags cannot be read.
 */
export interface TagListing {
  tags: readonly ListedTag[]
  read(tags: readonly ListedTag[]): Promise<RegistryTag[]>
  /** The requests sent to GitHub so far, for the debug line (GraphQL's reads cost none). */
  count?: RequestCount
}

export type TagReader = (name: string) => Promise<TagListing>

/** Version tags (they say which versions exist and where), and the annotated tags of `stage`. */
function versionOrStage(listing: TagListing, stage: string): ListedTag[] {
  return listing.tags.filter((t) => t.annotated && (t.version !== undefined || t.stage === stage))
}

/**
 * GTO's latest, reading as few tags as it can: versions highest first; a version with an
 * annotated registration and no annotated deregistration is active (no read needed); one with
 * both is active if its newest such tag is a registration, which needs their tagger dates.
 */
async function findLatest(listing: TagListing, name: string): Promise<GtoTag | undefined> {
  const versionTags = listing.tags.filter((t) => t.annotated && t.name === name && t.version)
  const versions = [...new Set(versionTags.map((t) => t.version!))].sort((a, b) => compareSemver(b, a))
  for (const version of versions) {
    const tags = versionTags.filter((t) => t.version === version)
    const registration = tags.filter((t) => t.event === 'registration').at(-1)
    if (!registration) continue
    if (!tags.some((t) => t.event === 'deregistration')) return registration
    const active = activeVersions(await listing.read(tags), name).get(version)
    if (active) return active
  }
  return undefined
}

/** GITHUB_GRAPHQL_URL where the runner does not set it: `<server>/api/graphql` beside GHES's `/api/v3`, else `<api>/graphql`. */
export function graphqlUrlOf(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, '')
  return /\/api\/v3$/.test(trimmed) ? trimmed.replace(/\/v3$/, '/graphql') : `${trimmed}/graphql`
}

/**
 * Reads tags through GitHub's GraphQL API at GITHUB_GRAPHQL_URL (a hundred tags, read whole, a
 * request), for a `repo` on this workflow's GitHub; where GraphQL is refused (an old GHES, a
 * token it does not accept), through the REST API at GITHUB_API_URL, with one notice.
 */
export function githubTagReader(
  repo: string,
  githubToken: string,
  http: HttpPool,
  policy: RetryPolicy,
  env: Record<string, string | undefined> = process.env
): TagReader {
  return async (name) => {
    if (!githubToken) throw new TagsUnavailable("input 'github-token' is empty")
    const github = githubRepoOf(repo, env)
    if (!github) {
      throw new TagsUnavailable(`repo ${repo} is not a repository on ${env.GITHUB_SERVER_URL || 'https://github.com'}`)
    }
    const apiUrl = env.GITHUB_API_URL || 'https://api.github.com'
    const graphqlUrl = env.GITHUB_GRAPHQL_URL || graphqlUrlOf(apiUrl)
    const count = new RequestCount()
    let refused: GraphqlRefused
    try {
      if (!/^https?:\/\/[^/]/i.test(graphqlUrl)) throw new GraphqlRefused(`GITHUB_GRAPHQL_URL is not an http(s) URL`)
      const graphql = new GithubGraphqlTags(graphqlUrl, github, githubToken, http, policy, count)
      const { listed, read } = await graphql.modelTags(name)
      const byTag = new Map(read.map((tag) => [tag.tag, tag]))
      return { tags: listed, read: async (some) => some.flatMap((t) => byTag.get(t.tag) ?? []), count }
    } catch (error) {
      if (!(error instanceof GraphqlRefused)) throw error
      refused = error
    }
    const rest = new GithubTags(apiUrl, github, githubToken, http, policy, count)
    let tags: ListedTag[]
    try {
      tags = await rest.listModelTags(name)
    } catch (error) {
      if (!(error instanceof TagsUnavailable) || error.rateLimit) throw error
      throw new TagsUnavailable(`${error.reason} (and through GraphQL: ${refused.reason})`)
    }
    core.notice(
      `Reading the registry tags of ${name} through GitHub's REST API, one request per tag it needs, because the GraphQL API refused: ${refused.reason}.`
    )
    return { tags, read: (some) => rest.readTags(some), count }
  }
}

/**
 * The tags could not be read: a notice; a warning when a rate limit is why, with when it lifts
 * (in the reason) and how to stay under it.
 */
function tellUnread(error: TagsUnavailable, text: string): void {
  if (!error.rateLimit) return core.notice(text)
  core.warning(
    `${text} To stay under GitHub's rate limit, resolve the version once in a setup job and pass it to the other jobs as input 'version' (README: "Many jobs, one model").`
  )
}

/** The debug line of what the resolution cost: flat as the registry grows, with GraphQL. */
function logCost(listing: TagListing | undefined, what: string): void {
  const count = listing?.count
  if (!count) return
  const parts = [count.graphql ? `${count.graphql} GraphQL` : '', count.rest ? `${count.rest} REST` : ''].filter(
    Boolean
  )
  core.debug(
    `Resolving ${what} took ${counted(count.total, 'GitHub API request')}${parts.length ? ` (${parts.join(', ')})` : ''}.`
  )
}

export async function planFetch({ query, ref }: PlanInputs, readTags: TagReader): Promise<FetchPlan> {
  const inputs = { ...query, ref }
  const versionTag = inputs.version ? parseGtoTag(inputs.version.replace(/^refs\/tags\//, '')) : undefined
  const refTag = !inputs.version && !inputs.stage ? gtoTagOfRef(inputs.ref) : undefined
  if (refTag) return planFromTag(inputs, refTag, readTags)

  const name = inputs.name || versionTag?.name || ''
  const base = { repo: inputs.repo, name }
  const outputs: RegistryOutputs = { name, version: '', stage: inputs.stage ?? '', event: '' }
  if (inputs.version) {
    const version = versionTag ? registeredVersionOf(versionTag, name, inputs.version) : inputs.version
    return fetchVersion(base, { ...outputs, version }, inputs.stage)
  }

  const asked = inputs.stage ? `stage ${inputs.stage}` : 'the latest version'
  let latest: GtoTag | undefined
  let tags: RegistryTag[] = []
  let listing: TagListing | undefined
  try {
    listing = await readTags(name)
    if (inputs.stage) tags = await listing.read(versionOrStage(listing, inputs.stage))
    else latest = await findLatest(listing, name)
  } catch (error) {
    if (!(error instanceof TagsUnavailable)) throw error
    logCost(listing, `${asked} of ${name}`)
    tellUnread(
      error,
      `Not resolving ${asked} of ${name} from the registry's git tags: ${error.reason}. Asking Studio for ${asked}; output 'version' stays empty.`
    )
    return fetchUnresolved(base, outputs, inputs.stage)
  }
  logCost(listing, `${asked} of ${name}`)

  if (!inputs.stage) {
    if (!latest) {
      core.notice(
        `No registered version of ${name} among the repository's annotated tags: asking Studio for its latest version; output 'version' stays empty.`
      )
      return fetchUnresolved(base, outputs)
    }
    core.info(
      `The latest version of ${name} is ${latest.version}: the highest registered, not deregistered SemVer among its git tags (${latest.tag}).`
    )
    return fetchVersion(base, { ...outputs, version: latest.version! })
  }

  const held = resolveStage(tags, name, inputs.stage)
  if (held.kind === 'version') {
    core.info(
      `Stage ${inputs.stage} of ${name} holds ${held.version}: assigned by tag ${held.assignment.tag} on ${new Date(held.assignment.time).toISOString()}, the newest assignment not undone.`
    )
    return fetchVersion(base, { ...outputs, version: held.version }, inputs.stage)
  }
  if (held.kind === 'none') {
    core.notice(
      `No assignment of stage ${inputs.stage} to ${name} among the repository's annotated tags: asking Studio by stage; output 'version' stays empty.`
    )
  } else {
    core.warning(
      `Stage ${inputs.stage} of ${name} was last assigned by tag ${held.assignment.tag}, whose commit carries ${held.kind === 'ambiguous' ? `several registered versions (${held.versions.join(', ')})` : 'no registered version'}: asking Studio by stage; output 'version' stays empty.`
    )
  }
  return fetchUnresolved(base, outputs, inputs.stage)
}

/** Tag mode: the registry tag that triggered the run decides. */
async function planFromTag(inputs: ModelQuery, tag: GtoTag, readTags: TagReader): Promise<FetchPlan> {
  if (inputs.name && inputs.name !== tag.name) {
    const name = inputs.name
    core.info(`Tag ${tag.tag} is a registry event of model ${tag.name}, not ${name}: nothing to fetch.`)
    return { outputs: { name, version: '', stage: '', event: '' }, title: name }
  }
  const name = tag.name
  const base = { repo: inputs.repo, name }
  const outputs: RegistryOutputs = { name, version: tag.version ?? '', stage: tag.stage ?? '', event: tag.event }
  core.info(`Tag ${tag.tag}: ${tag.event} of ${describeTag(tag)}.`)
  const nothing: FetchPlan = { outputs: { name, version: '', stage: '', event: '' }, title: name }

  // GTO counts only annotated tags: one listing says whether this one is.
  let listing: TagListing | undefined
  let unreadable: TagsUnavailable | undefined
  try {
    listing = await readTags(name)
  } catch (error) {
    if (!(error instanceof TagsUnavailable)) throw error
    unreadable = error
  }
  if (listing) {
    const listed = listing.tags.find((t) => t.tag === tag.tag)
    if (!listed?.annotated) {
      core.info(
        `Tag ${tag.tag} is ${listed ? 'a lightweight tag' : "not among the repository's tags (deleted since it was pushed?)"}, and GTO counts only annotated tags: nothing to fetch.`
      )
      return nothing
    }
  }

  if (tag.event !== 'assignment') logCost(listing, `tag ${tag.tag}`)
  if (unreadable && tag.event !== 'assignment') {
    tellUnread(
      unreadable,
      `Could not check that tag ${tag.tag} is annotated (GTO counts only annotated tags): ${unreadable.reason}. Taking it as the ${tag.event} it names.`
    )
  }
  if (tag.event === 'registration') return fetchVersion(base, outputs)
  if (tag.event !== 'assignment') {
    core.info(`Nothing to fetch for ${withArticle(tag.event)}; the outputs say what happened.`)
    return { outputs, title: name }
  }

  let tags: RegistryTag[] = []
  try {
    if (!listing) throw unreadable!
    tags = await listing.read(listing.tags.filter((t) => t.annotated && (t.version !== undefined || t.tag === tag.tag)))
  } catch (error) {
    if (!(error instanceof TagsUnavailable)) throw error
    logCost(listing, `tag ${tag.tag}`)
    const check = listing ? '' : `, and could not check that the tag is annotated`
    tellUnread(
      error,
      `Cannot find the version tag ${tag.tag} assigns${check}: ${error.reason}. Asking Studio by stage ${tag.stage}; output 'version' stays empty.`
    )
    return fetchUnresolved(base, outputs, tag.stage)
  }
  logCost(listing, `tag ${tag.tag}`)
  const self = tags.find((t) => t.tag === tag.tag)
  if (!self) {
    core.info(`Tag ${tag.tag} does not point at a commit through its tag object: nothing to fetch.`)
    return nothing
  }
  const versions = versionsAtCommit(tags, name, self.commit)
  if (versions.length > 1) {
    throw new ActionError(
      `Tag ${tag.tag} assigns stage ${tag.stage} at commit ${self.commit}, which carries several registered versions of ${name} (${versions.join(', ')}), so the version it assigns is ambiguous (GTO refuses it too). Deregister all but one of them (gto deregister), or give input 'version' to choose.`
    )
  }
  if (versions.length === 0) {
    core.warning(
      `Tag ${tag.tag} assigns stage ${tag.stage} at commit ${self.commit}, where no version of ${name} is registered (no annotated ${name}@v… tag there, or it was deregistered): asking Studio by stage; output 'version' stays empty.`
    )
    return fetchUnresolved(base, outputs, tag.stage)
  }
  core.info(`Stage ${tag.stage} is assigned to ${versions[0]}, the version registered at commit ${self.commit}.`)
  return fetchVersion(base, { ...outputs, version: versions[0] }, tag.stage)
}

/** The version a registration tag given as input 'version' names, when it names this model. */
function registeredVersionOf(tag: GtoTag, name: string, raw: string): string {
  if (tag.name !== name) {
    throw new ActionError(
      `Input 'version' (${raw}) is a registry tag of model ${tag.name}, but input 'name' is ${name}. Give the version alone (for example \`${tag.version ?? 'v1.0.0'}\`), or the release tag of this model.`
    )
  }
  if (tag.event !== 'registration') {
    throw new ActionError(
      `Input 'version' (${raw}) is the registry tag of ${withArticle(tag.event)}, not of a registered version. Give a version such as \`v1.0.0\` or \`${name}@v1.0.0\`${tag.stage ? `, or \`stage: ${tag.stage}\`` : ''}.`
    )
  }
  return tag.version!
}

function withArticle(event: string): string {
  return `${/^[aeiou]/.test(event) ? 'an' : 'a'} ${event}`
}

function describeTag(tag: GtoTag): string {
  return `${tag.name}${tag.version ? ` ${tag.version}` : ''}${tag.stage ? ` (stage ${tag.stage})` : ''}`
}

function fetchVersion(base: { repo: string; name: string }, outputs: RegistryOutputs, stage?: string): FetchPlan {
  const query = { ...base, version: outputs.version }
  return {
    query,
    outputs,
    title: `${base.name} ${outputs.version}${stage ? ` (stage ${stage})` : ''} from ${base.repo}`
  }
}

function fetchUnresolved(base: { repo: string; name: string }, outputs: RegistryOutputs, stage?: string): FetchPlan {
  const query: ModelQuery = stage ? { ...base, stage } : { ...base }
  return { query, outputs, title: describeQuery(query) }
}

/** Sets outputs name, version, stage and event (empty outside tag mode). */
export function setRegistryOutputs(outputs: RegistryOutputs): void {
  core.setOutput(Outputs.Name, outputs.name)
  core.setOutput(Outputs.Version, outputs.version)
  core.setOutput(Outputs.Stage, outputs.stage)
  core.setOutput(Outputs.Event, outputs.event)
}
