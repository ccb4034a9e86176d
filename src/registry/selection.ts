import * as core from '@actions/core'
import { Inputs } from '../common/constants.js'
import { ActionError } from '../common/errors.js'
import { counted } from '../common/format.js'
import type { DownloadUris } from '../transfer/signed-urls.js'

/**
 * Part of a model: inputs `include` and `exclude` applied to Studio's answer, before anything
 * else sees it, so that storage, the caches, the outputs and the digest know only the files
 * selected. A file is selected when it matches an `include` pattern (every file when there is
 * none) and no `exclude` pattern. Patterns are minimatch globs matched against the
 * repo-relative paths Studio gives: `*` stays within a folder, `**` crosses folders and, with
 * `dot: true`, matches dot files and folders too.
 */

/** The patterns as the inputs gave them: one a line, blank lines and `#` comments left out. */
export interface FilePatterns {
  include: readonly string[]
  exclude: readonly string[]
}

export interface FileSelection extends FilePatterns {
  /** The selected files and their signed URLs, in Studio's order. */
  uris: DownloadUris
  /** How many files the model holds. */
  total: number
}

/** How many of the model's paths an error shows, when the patterns select none of them. */
const EXAMPLE_PATHS = 5

/**
 * A pattern as matched: the paths are relative to the repository's root, so a leading `/` or
 * `./` (gitignore's "from the root") adds nothing, and a trailing `/` names a folder: its files.
 */
export function normalizePattern(pattern: string): string {
  const relative = pattern.replace(/^(?:\.?\/)+/, '')
  return relative.endsWith('/') ? `${relative}**` : relative
}

/**
 * The files of Studio's answer that the patterns select. Each pattern that matches none of the
 * model's files is one warning; a selection of no file is an input error that shows some of
 * the paths the model holds.
 */
export async function selectFiles(uris: DownloadUris, patterns: FilePatterns): Promise<FileSelection> {
  const paths = Object.keys(uris)
  const base = { ...patterns, uris, total: paths.length }
  if (patterns.include.length === 0 && patterns.exclude.length === 0) return base
  // Loaded only by runs that select: most runs fetch every file.
  const { Minimatch } = await import('minimatch')
  // POSIX on every runner: Studio's paths use '/', and a selection (and its digest) must not
  // depend on the runner's OS; a '\' in a pattern escapes, as in minimatch's own rules.
  const compile = (input: string, pattern: string): Matcher => {
    const glob = new Minimatch(normalizePattern(pattern), { dot: true, platform: 'linux', nonegate: true })
    return { input, pattern, matches: (path) => glob.match(path) }
  }
  const include = patterns.include.map((pattern) => compile(Inputs.Include, pattern))
  const exclude = patterns.exclude.map((pattern) => compile(Inputs.Exclude, pattern))
  const unmatched = [...include, ...exclude].filter((m) => !paths.some((path) => m.matches(path)))
  const selected = paths.filter(
    (path) => (include.length === 0 || include.some((m) => m.matches(path))) && !exclude.some((m) => m.matches(path))
  )
  if (selected.length === 0) throw nothingSelected(patterns, paths, unmatched)
  for (const m of unmatched) {
    const why = noMatchHint(m.pattern, paths)
    core.warning(
      `Pattern '${m.pattern}' of input '${m.input}' matches none of the model's ${counted(paths.length, 'file')}${why}.`
    )
  }
  core.info(
    `Selected ${selected.length} of the model's ${counted(paths.length, 'file')} with inputs '${Inputs.Include}' and '${Inputs.Exclude}'.`
  )
  return { ...base, uris: Object.fromEntries(selected.map((path) => [path, uris[path]])) }
}

interface Matcher {
  /** The input that gave the pattern. */
  input: string
  pattern: string
  matches(path: string): boolean
}

/**
 * Why a pattern may match nothing: a Windows separator, which escapes instead; a folder's name,
 * which matches no file: say how to name the folder's files.
 */
function noMatchHint(pattern: string, paths: readonly string[]): string {
  if (pattern.includes('\\')) return " (paths use '/': a '\\' in a pattern escapes the character after it)"
  const folder = normalizePattern(pattern).replace(/\/+$/, '')
  if (!folder || /[*?[\]{}]/.test(folder)) return ''
  if (!paths.some((path) => path.startsWith(`${folder}/`))) return ''
  return ` ('${folder}' is a folder: write '${folder}/**' for its files)`
}

function nothingSelected(patterns: FilePatterns, paths: readonly string[], unmatched: readonly Matcher[]): ActionError {
  const list = (lines: readonly string[]): string => lines.map((l) => `'${l}'`).join(', ')
  const given = [
    patterns.include.length ? `'${Inputs.Include}' (${list(patterns.include)})` : '',
    patterns.exclude.length ? `'${Inputs.Exclude}' (${list(patterns.exclude)})` : ''
  ].filter(Boolean)
  const examples = paths.slice(0, EXAMPLE_PATHS).map((p) => `'${p}'`)
  const more = paths.length > EXAMPLE_PATHS ? `, and ${paths.length - EXAMPLE_PATHS} more` : ''
  const noMatch = unmatched.length
    ? ` ${unmatched.length === 1 ? 'Pattern' : 'Patterns'} ${list(unmatched.map((m) => m.pattern))} ${unmatched.length === 1 ? 'matches' : 'match'} no file at all.`
    : ''
  const holds = paths.length ? `It holds ${examples.join(', ')}${more}.` : 'Studio listed no file for it.'
  return new ActionError(
    `Input${given.length > 1 ? 's' : ''} ${given.join(' and ')} select${given.length > 1 ? '' : 's'} none of the model's ${counted(paths.length, 'file')}, so there is nothing to fetch.${noMatch} ${holds} Patterns match these repo-relative paths as a whole: '*' stays within a folder and '**' crosses folders, so write 'models/**/*.onnx' or '**/*.onnx' rather than '*.onnx' for a file in a folder.`
  )
}
