import * as core from '@actions/core'
import { ActionError } from './errors.js'
import { GithubTags, TagsUnavailable, githubRepoOf } from './github-tags.js'
import {
  gtoTagOfRef,
  latestVersion,
  parseGtoTag,
  resolveStage,
  versionsAtCommit,
  type GtoTag,
  type RegistryTag
} from './gto-tags.js'
import { Outputs } from './constants.js'
import type { HttpPool } from './http.js'
import type { RetryPolicy } from './retry.js'
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

/** Opens the registry's tags, or throws TagsUnavailable saying why they cannot be read. */
export type TagReader = (name: string, wanted: (tag: GtoTag) => boolean) => Promise<RegistryTag[]>

/** Version tags always matter (they say which versions exist); stage tags only of the stage asked. */
function versionOrStage(stage?: string): (tag: GtoTag) => boolean {
  return (tag) => tag.version !== undefined || (stage !== undefined && tag.stage === stage)
}

/** Reads tags through GitHub's REST API at GITHUB_API_URL, for a `repo` on this workflow's GitHub. */
export function githubTagReader(
  repo: string,
  githubToken: string,
  http: HttpPool,
  policy: RetryPolicy,
  env: Record<string, string | undefined> = process.env
): TagReader {
  return async (name, wanted) => {
    if (!githubToken) throw new TagsUnavailable("input 'github-token' is empty")
    const github = githubRepoOf(repo, env)
    if (!github) {
      throw new TagsUnavailable(`repo ${repo} is not a repository on ${env.GITHUB_SERVER_URL || 'https://github.com'}`)
    }
    const apiUrl = env.GITHUB_API_URL || 'https://api.github.com'
    return new GithubTags(apiUrl, github, githubToken, http, policy).modelTags(name, wanted)
  }
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
  let tags: RegistryTag[]
  try {
    tags = await readTags(name, versionOrStage(inputs.stage))
  } catch (error) {
    if (!(error instanceof TagsUnavailable)) throw error
    core.notice(
      `Not resolving ${asked} of ${name} from the registry's git tags: ${error.reason}. Asking Studio for ${asked}; output 'version' stays empty.`
    )
    return fetchUnresolved(base, outputs, inputs.stage)
  }

  if (!inputs.stage) {
    const latest = latestVersion(tags, name)
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
  if (tag.event === 'registration') return fetchVersion(base, outputs)
  if (tag.event !== 'assignment') {
    core.info(`Nothing to fetch for ${withArticle(tag.event)}; the outputs say what happened.`)
    return { outputs, title: name }
  }

  let tags: RegistryTag[]
  try {
    tags = await readTags(name, (t) => t.version !== undefined || t.tag === tag.tag)
  } catch (error) {
    if (!(error instanceof TagsUnavailable)) throw error
    core.notice(
      `Cannot find the version tag ${tag.tag} assigns: ${error.reason}. Asking Studio by stage ${tag.stage}; output 'version' stays empty.`
    )
    return fetchUnresolved(base, outputs, tag.stage)
  }
  const self = tags.find((t) => t.tag === tag.tag)
  if (!self) {
    core.info(`Tag ${tag.tag} is not an annotated tag, and GTO counts only annotated tags: nothing to fetch.`)
    return { outputs: { name, version: '', stage: '', event: '' }, title: name }
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
