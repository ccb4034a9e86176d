/**
 * The model registry's git tags (GTO): the tag grammar, the event each tag records, and
 * GTO's rules for what a stage holds and which version is the latest. Pure functions.
 * Grammar and rules follow iterative/gto's gto/constants.py, gto/tag.py and gto/base.py.
 */

// gto/constants.py, spelled for JavaScript (a '-' after a range is literal in both).
const DIRNAME = String.raw`[a-zA-Z0-9\-_./]+`
const NAME = String.raw`[a-zA-Z0-9](?:[a-zA-Z0-9\-/_]*[a-zA-Z0-9])?`
const SEMVER =
  String.raw`(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)` +
  String.raw`(?:-(?:(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
  String.raw`(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?`
/** gto's tag_re: `<dir>=<name>` then `#stage[!]`, `@v<semver>[!]`, `@deprecated` or `@created`, then `#<counter>`. */
const TAG_RE = new RegExp(
  `^(?<artifact>(?:${DIRNAME}=)?${NAME})` +
    `(?:(?:#(?<stage>${NAME})|@(?<version>v${SEMVER}))(?<cancel>!?)|@(?:(?<deprecated>deprecated)|(?<created>created)))` +
    `(?:#(?<counter>[0-9]+))?$`
)

/** The events, named as iterative/gto-action names them (plus `creation` for `@created`). */
export type RegistryEvent =
  'registration' | 'deregistration' | 'assignment' | 'unassignment' | 'deprecation' | 'creation'

export interface GtoTag {
  /** The tag as written, e.g. `nlp/sentiment=bert#prod#3`. */
  tag: string
  /** The model's name as GTO and Studio write it: `nlp/sentiment:bert`, or bare `churn`. */
  name: string
  event: RegistryEvent
  version?: string
  stage?: string
  counter?: number
}

/** Parses a tag name with GTO's grammar; anything else (`v1.0`, `release-1`) is undefined. */
export function parseGtoTag(tag: string): GtoTag | undefined {
  const m = TAG_RE.exec(tag)
  if (!m?.groups) return undefined
  const g = m.groups
  const cancelled = g.cancel === '!'
  const parsed: GtoTag = { tag, name: tagToName(g.artifact), event: 'creation' }
  if (g.version) {
    parsed.version = g.version
    parsed.event = cancelled ? 'deregistration' : 'registration'
  } else if (g.stage) {
    parsed.stage = g.stage
    parsed.event = cancelled ? 'unassignment' : 'assignment'
  } else if (g.deprecated) {
    parsed.event = 'deprecation'
  }
  if (g.counter !== undefined) parsed.counter = Number(g.counter)
  return parsed
}

/** `refs/tags/<tag>` -> `<tag>`; any other ref -> undefined. */
export function tagOfRef(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined
}

/** The GTO tag a ref names, if it names one. */
export function gtoTagOfRef(ref: string | undefined): GtoTag | undefined {
  const tag = tagOfRef(ref)
  return tag === undefined ? undefined : parseGtoTag(tag)
}

/** Model names hold `:` between folder and name; tags hold `=` (git refs cannot hold `:`). */
export function nameToTag(name: string): string {
  return name.replace(/:/g, '=')
}

export function tagToName(tag: string): string {
  return tag.replace(/=/g, ':')
}

/**
 * SemVer 2.0.0 precedence of two `v`-prefixed versions (GTO compares with python-semver):
 * numeric major.minor.patch, a pre-release sorts before its release, pre-release identifiers
 * compare numerically when both are numbers, numbers before words, a longer list wins a tie,
 * and build metadata is ignored.
 */
export function compareSemver(a: string, b: string): number {
  const [coreA, preA] = splitSemver(a)
  const [coreB, preB] = splitSemver(b)
  for (let i = 0; i < 3; i++) {
    if (coreA[i] !== coreB[i]) return coreA[i] < coreB[i] ? -1 : 1
  }
  if (!preA.length || !preB.length) return preA.length === preB.length ? 0 : preA.length ? -1 : 1
  for (let i = 0; i < Math.min(preA.length, preB.length); i++) {
    const x = preA[i]
    const y = preB[i]
    if (x === y) continue
    const xn = /^\d+$/.test(x)
    const yn = /^\d+$/.test(y)
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1
    if (xn !== yn) return xn ? -1 : 1
    return x < y ? -1 : 1
  }
  return Math.sign(preA.length - preB.length)
}

function splitSemver(version: string): [bigint[], string[]] {
  const withoutBuild = version.replace(/^v/, '').split('+')[0]
  const dash = withoutBuild.indexOf('-')
  const core = dash < 0 ? withoutBuild : withoutBuild.slice(0, dash)
  const pre = dash < 0 ? [] : withoutBuild.slice(dash + 1).split('.')
  return [core.split('.').map((n) => BigInt(n)), pre]
}

/** An annotated tag as the registry sees it: parsed name, the commit it points to, its time. */
export interface RegistryTag extends GtoTag {
  commit: string
  /** The tag object's creation time (tagger date), in ms: GTO orders events by it. */
  time: number
}

/** Sorted by tag time; ties keep the given order, as Python's stable sort does in GTO. */
function byTime(tags: readonly RegistryTag[]): RegistryTag[] {
  return [...tags].sort((a, b) => a.time - b.time)
}

/**
 * The registered versions of a model that are not deregistered: a version is active while
 * its newest registration or deregistration tag is a registration (gto/base.py Version.is_active).
 */
export function activeVersions(tags: readonly RegistryTag[], name: string): Map<string, RegistryTag> {
  const last = new Map<string, RegistryTag>()
  for (const t of byTime(tags)) {
    if (t.name === name && t.version && (t.event === 'registration' || t.event === 'deregistration')) {
      last.set(t.version, t)
    }
  }
  return new Map([...last].filter(([, t]) => t.event === 'registration'))
}

/** The versions registered (and not deregistered) at a commit: GTO's version for a stage tag there. */
export function versionsAtCommit(tags: readonly RegistryTag[], name: string, commit: string): string[] {
  return [...activeVersions(tags, name).values()].filter((t) => t.commit === commit).map((t) => t.version!)
}

/** GTO's latest: the highest SemVer among registered versions that are not deregistered. */
export function latestVersion(tags: readonly RegistryTag[], name: string): RegistryTag | undefined {
  return [...activeVersions(tags, name).values()].sort((a, b) => compareSemver(b.version!, a.version!))[0]
}

export type StageResolution =
  | { kind: 'version'; version: string; assignment: RegistryTag }
  /** The winning assignment's commit carries no registered version, or more than one. */
  | { kind: 'unversioned' | 'ambiguous'; versions: string[]; assignment: RegistryTag }
  | { kind: 'none' }

/**
 * What a stage holds, by GTO's rules (gto/base.py, `gto show`'s timestamp order): each stage
 * tag belongs to the version registered at its commit; a version holds the stage while its
 * newest assignment or unassignment of that stage is an assignment; of the versions holding
 * it (deregistered ones excluded), the one assigned most recently wins.
 */
export function resolveStage(tags: readonly RegistryTag[], name: string, stage: string): StageResolution {
  const active = activeVersions(tags, name)
  const registered = (commit: string) =>
    tags.some((v) => v.name === name && v.event === 'registration' && v.commit === commit)
  // Keyed by the version at the commit, or the commit itself where none is registered (GTO does the same).
  const holders = new Map<string, { last: RegistryTag; assigned?: RegistryTag; versions: string[] }>()
  for (const t of byTime(tags)) {
    if (t.name !== name || t.stage !== stage) continue
    const versions = [...active.values()].filter((v) => v.commit === t.commit).map((v) => v.version!)
    // A deregistered version no longer holds any stage.
    if (!versions.length && registered(t.commit)) continue
    const key = versions.length === 1 ? `v:${versions[0]}` : `c:${t.commit}`
    const holder = holders.get(key) ?? { last: t, versions }
    holder.last = t
    if (t.event === 'assignment') holder.assigned = t
    holders.set(key, holder)
  }
  let winner: { assigned?: RegistryTag; versions: string[] } | undefined
  for (const holder of holders.values()) {
    if (holder.last.event !== 'assignment') continue
    if (!winner || holder.assigned!.time >= winner.assigned!.time) winner = holder
  }
  if (!winner) return { kind: 'none' }
  const assignment = winner.assigned!
  if (winner.versions.length === 1) return { kind: 'version', version: winner.versions[0], assignment }
  return { kind: winner.versions.length ? 'ambiguous' : 'unversioned', versions: winner.versions, assignment }
}

/**
 * The model a run names without input `name`: the one in a registry tag given as `version`,
 * else (with neither `version` nor `stage`) the one in the registry tag that triggered it.
 */
export function modelNamedByTags(ref: string | undefined, version?: string, stage?: string): string | undefined {
  if (version) return parseGtoTag(version.replace(/^refs\/tags\//, ''))?.name
  return stage ? undefined : gtoTagOfRef(ref)?.name
}
