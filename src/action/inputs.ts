import * as core from '@actions/core'
import * as path from 'node:path'
import { Inputs } from '../common/constants.js'
import { ActionError } from '../common/errors.js'
import { modelNamedByTags } from '../registry/gto-tags.js'
import type { ModelQuery } from '../registry/model-query.js'
import type { FilePatterns } from '../registry/selection.js'

export const DEFAULT_STUDIO_URL = 'https://studio.datachain.ai'

/** Everything the action was asked to do, checked and normalized. */
export interface ActionInputs {
  /** What to ask Studio for; its `name` is in the form Studio expects (`path/to:model`, or bare `model`). */
  query: ModelQuery
  /** The git ref that triggered the run; a registry tag there decides what to fetch. */
  ref: string
  token: string
  /** Studio base URL, always ending in `/` so that relative API paths keep any prefix. */
  studioUrl: string
  /** Absolute destination folder. */
  destination: string
  /** Which of the model's files to fetch (none: every file). */
  selection: FilePatterns
  /** False: resolve and list the files, then stop (a plan: no storage request, no file, no cache). */
  download: boolean
  cache: boolean
  /** Whether to use GitHub's Actions cache service; `auto` decides from the runner. */
  actionsCache: 'auto' | 'true' | 'false'
  /** Models larger than this are not saved to the Actions cache. */
  actionsCacheMaxBytes: number
  /** This action's entries in the runner's tool cache are pruned to this after a run (0: no limit). */
  toolCacheMaxBytes: number
  concurrency: number
  retries: number
  timeoutSeconds: number
}

type Env = Record<string, string | undefined>

/** The token comes first and is masked at once, before any check can print anything. */
export function readToken(env: Env = process.env): string {
  const token = core.getInput(Inputs.StudioToken) || env.DVC_STUDIO_TOKEN?.trim() || env.STUDIO_TOKEN?.trim() || ''
  if (token) core.setSecret(token)
  return token
}

/** All inputs; `token` is what readToken returned, read (and masked) before anything else. */
export function readInputs(token: string, env: Env = process.env): ActionInputs {
  const name = core.getInput(Inputs.Name)
  const ref = readExpandedInput(Inputs.Ref) || env.GITHUB_REF || ''
  if (!name && !modelNamedByTags(ref, core.getInput(Inputs.Version), core.getInput(Inputs.Stage))) {
    throw new ActionError(
      "Input 'name' is required unless the run was triggered by a model registry tag: set it to the model's name as registered in Studio, for example `name: churn-model` (or `path/to/dvc.yaml:churn-model` for a model in a monorepo subfolder)."
    )
  }
  const version = core.getInput(Inputs.Version) || undefined
  const stage = core.getInput(Inputs.Stage) || undefined
  if (version && stage) {
    throw new ActionError(
      `Inputs 'version' (${version}) and 'stage' (${stage}) were both given, but Studio takes at most one of them: keep 'version' to pin a release, or 'stage' to follow what is assigned to a stage (leave both empty for the latest version).`
    )
  }
  if (!token) {
    throw new ActionError(
      "No Studio token: set input 'studio-token' (for example `studio-token: ${{ secrets.DVC_STUDIO_TOKEN }}`) or the environment variable DVC_STUDIO_TOKEN. Create the token in Studio's profile settings with the Model Registry scope and store it as a repository secret (note that runs for pull requests from forks get no secrets)."
    )
  }
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  return {
    // Without `name`, a registry tag names the model (see registry-plan.ts).
    query: { repo: readRepo(env), name: name ? normalizeModelName(name) : '', version, stage },
    ref,
    token,
    studioUrl: normalizeStudioUrl(core.getInput(Inputs.StudioUrl) || env.DVC_STUDIO_URL?.trim() || DEFAULT_STUDIO_URL),
    destination: path.resolve(workspace, core.getInput(Inputs.Path) || '.'),
    selection: { include: readPatterns(Inputs.Include), exclude: readPatterns(Inputs.Exclude) },
    download: readBoolean(Inputs.Download, true),
    cache: readBoolean(Inputs.Cache, true),
    actionsCache: readChoice(Inputs.ActionsCache, ['auto', 'true', 'false'] as const, 'auto'),
    actionsCacheMaxBytes: readSize(Inputs.ActionsCacheMaxSize, '5GB'),
    toolCacheMaxBytes: readSize(Inputs.ToolCacheMaxSize, '20GB'),
    concurrency: readInteger(Inputs.Concurrency, 8, 1, 64),
    retries: readInteger(Inputs.Retries, 5, 0, 100),
    timeoutSeconds: readInteger(Inputs.Timeout, 60, 1, 3600)
  }
}

/** The GitHub token comes in first and is masked at once; it is only ever sent to GITHUB_GRAPHQL_URL and GITHUB_API_URL. */
export function readGithubToken(): string {
  // Unexpanded (`${{ github.token }}` under a local runner) is no token at all.
  const token = readExpandedInput(Inputs.GithubToken).trim()
  if (token) core.setSecret(token)
  return token
}

/**
 * An input as core.getInput reads it, but empty when it is an expression nobody expanded: local
 * runners (@github/local-action, act) pass action.yml's defaults such as
 * `${{ github.repository }}` as written.
 */
export function readExpandedInput(name: string): string {
  const value = core.getInput(name)
  return /\$\{\{.*\}\}/.test(value) ? '' : value
}

/**
 * The Git repository as Studio will be asked for it: `owner/name` expanded to a URL on this
 * GitHub server, full URLs and `git@host:owner/name.git` sent as given.
 */
export function readRepo(env: Env = process.env): string {
  const repo = readExpandedInput(Inputs.Repo)
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  if (!repo) {
    // action.yml defaults `repo` to this; the fallback serves runs outside action.yml.
    if (env.GITHUB_REPOSITORY) return `${server}/${env.GITHUB_REPOSITORY}`
    throw new ActionError(
      "Input 'repo' is empty and GITHUB_REPOSITORY is not set: set 'repo' to the Git repository that registers the model, for example `repo: https://github.com/acme/models`."
    )
  }
  if (OWNER_NAME.test(repo)) return `${server}/${repo}`
  if (isRepositoryUrl(repo) || SCP_LIKE.test(repo)) return repo
  throw new ActionError(
    `Input 'repo' (${repo}) is not a Git repository: write it as owner/name (sent as ${server}/owner/name), as an https URL such as https://github.com/acme/models, or as an ssh address such as git@github.com:acme/models.git.`
  )
}

/** GitHub's owner/name shorthand: one slash, both parts non-empty, no spaces. */
const OWNER_NAME = /^[\w.-]+\/[\w.-]+$/
/** ssh in scp form: user@host:owner/name(.git), every path segment non-empty. */
const SCP_LIKE = /^[\w.-]+@[\w.-]+:[\w.~-]+(?:\/[\w.~-]+)+\/?$/

/** An http(s), ssh or git URL with a host and a path of non-empty segments, without spaces. */
function isRepositoryUrl(value: string): boolean {
  if (/\s/.test(value) || !/^(?:https?|ssh|git):\/\//i.test(value)) return false
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  const segments = url.pathname.replace(/\/$/, '').split('/').slice(1)
  if (url.password) core.setSecret(url.password)
  return url.hostname !== '' && segments.length > 0 && segments.every((s) => s !== '')
}

/**
 * Accepts `model`, `dvc.yaml:model`, `path/to/dvc.yaml:model` and `path/to:model`, and
 * returns what DVC sends to Studio: `path/to:model`, or bare `model` at the repo root.
 */
export function normalizeModelName(raw: string): string {
  const name = raw.trim()
  const colon = name.lastIndexOf(':')
  if (colon < 0) return name
  const model = name.slice(colon + 1).trim()
  let dir = name.slice(0, colon).trim().replace(/\\/g, '/')
  if (!model) {
    throw new ActionError(
      `Input 'name' (${raw}) names a folder but no model: write it as \`path/to/dvc.yaml:model\` or \`path/to:model\`.`
    )
  }
  dir = dir
    .replace(/(^|\/)dvc\.ya?ml$/, '')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
  if (dir === '.' || dir === '') return model
  return `${dir}:${model}`
}

/** Checks the URL is absolute http(s) and gives it a trailing slash, so a path prefix survives. */
export function normalizeStudioUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    url = new URL('invalid:')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ActionError(
      `Input 'studio-url' (${raw}) is not an absolute http(s) URL: leave it empty for ${DEFAULT_STUDIO_URL}, or give your Studio's address, for example https://studio.example.com or https://ci.example.com/studio.`
    )
  }
  url.search = ''
  url.hash = ''
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url.toString()
}

/**
 * Glob patterns, one a line: surrounding spaces, blank lines, `#` comments and repeats left
 * out. A leading `!` is refused: with several patterns it would select nearly everything.
 */
function readPatterns(name: string): string[] {
  const patterns = core.getMultilineInput(name).filter((line) => line !== '' && !line.startsWith('#'))
  const negated = patterns.find((pattern) => pattern.startsWith('!'))
  if (negated) {
    throw new ActionError(
      `Input '${name}' has the pattern '${negated}', but patterns are not negated with '!': a file is fetched when it matches an '${Inputs.Include}' pattern (any file when there is none) and no '${Inputs.Exclude}' pattern, so list what to fetch in '${Inputs.Include}' and what to leave out in '${Inputs.Exclude}'.`
    )
  }
  return [...new Set(patterns)]
}

function readBoolean(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).toLowerCase()
  if (!value) return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  throw new ActionError(`Input '${name}' must be true or false, not '${core.getInput(name)}'.`)
}

function readInteger(name: string, fallback: number, min: number, max: number): number {
  const value = core.getInput(name)
  if (!value) return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ActionError(`Input '${name}' must be a whole number from ${min} to ${max}, not '${value}'.`)
  }
  return number
}

function readChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = core.getInput(name).toLowerCase()
  if (!value) return fallback
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new ActionError(`Input '${name}' must be one of ${choices.join(', ')}, not '${core.getInput(name)}'.`)
}

const SIZE_UNITS: Record<string, number> = { '': 1, B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40 }

/** A size such as `5GB`, `750MB` or `1000000` (bytes); units are binary (1 GB = 1024³ bytes). */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?B|[KMGT]iB)?$/i.exec(text.trim())
  if (!m) return undefined
  const unit = (m[2] ?? '').toUpperCase().replace('IB', 'B')
  return Math.floor(Number(m[1]) * SIZE_UNITS[unit])
}

function readSize(name: string, fallback: string): number {
  const value = core.getInput(name) || fallback
  const bytes = parseSize(value)
  if (bytes === undefined) {
    throw new ActionError(`Input '${name}' must be a size such as 5GB, 750MB or a number of bytes, not '${value}'.`)
  }
  return bytes
}
