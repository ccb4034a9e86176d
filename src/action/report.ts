import * as core from '@actions/core'
import { CACHE_LABELS } from '../caches/cached-copy.js'
import { Inputs, Outputs } from '../common/constants.js'
import { ActionError } from '../common/errors.js'
import { counted, formatBytes, formatDuration, formatRate } from '../common/format.js'
import type { ActionInputs } from './inputs.js'
import { scrub } from '../common/redact.js'
import type { FetchedFile } from '../caches/cached-copy.js'
import type { ModelQuery } from '../registry/model-query.js'
import { modelDigest } from '../files/model-digest.js'
import type { FileSelection } from '../registry/selection.js'

/** What the action tells later steps (outputs) and people (log, job summary). */

export function setOutputs(destination: string, files: readonly FetchedFile[], cacheKey: string): void {
  setPlacedOutputs(
    destination,
    files.map((f) => [f.key, f.target]),
    fetchedDigest(files)
  )
  // True when no byte came from storage: every file from the tool cache or the Actions cache.
  core.setOutput(Outputs.CacheHit, String(files.length > 0 && files.every((f) => f.source !== 'download')))
  core.setOutput(Outputs.CacheKey, cacheKey)
}

/** Outputs `path`, `paths`, `files` and `digest`: where the files are (or would be) and what they are. */
export function setPlacedOutputs(destination: string, placed: ReadonlyArray<[string, string]>, digest: string): void {
  core.setOutput(Outputs.Path, destination)
  core.setOutput(Outputs.Paths, JSON.stringify(placed.map(([, target]) => target).sort()))
  core.setOutput(Outputs.Files, JSON.stringify(Object.fromEntries(placed)))
  core.setOutput(Outputs.Digest, digest)
}

/** The digest of what was fetched: each file's content address, or its MD5 where it has none. */
export function fetchedDigest(files: readonly FetchedFile[]): string {
  return modelDigest(files.map((f) => ({ path: f.key, md5: f.address?.md5 ?? f.md5 })))
}

/** What was fetched, as people say it: "churn, stage prod (v1.2.0)". */
export interface ModelDescription extends ModelQuery {
  /** The version a stage or "latest" stood for, when known. */
  resolvedVersion?: string
}

/**
 * The model as fetched: a stage that was resolved to a version (the query then asks Studio for
 * that version) reads "stage prod (v1.2.0)".
 */
export function fetchedModel(query: ModelQuery, stage?: string): ModelDescription {
  if (stage && query.version && !query.stage) {
    return { repo: query.repo, name: query.name, stage, resolvedVersion: query.version }
  }
  return query
}

export function describeModel(model: ModelDescription): string {
  const resolved = model.resolvedVersion ? ` (${model.resolvedVersion})` : ''
  if (model.version) return `${model.name}, version ${model.version}`
  if (model.stage) return `${model.name}, stage ${model.stage}${resolved}`
  return `${model.name}, latest version${resolved}`
}

function totals(files: readonly FetchedFile[]): { bytes: number; sources: string } {
  const count = (source: FetchedFile['source']): number => files.filter((f) => f.source === source).length
  // Downloads and the tool cache always; the Actions cache when it served files.
  const fromActionsCache = count('actions-cache')
  const sources = [
    `${count('download')} downloaded`,
    `${count('tool-cache')} from ${CACHE_LABELS['tool-cache']}`,
    ...(fromActionsCache ? [`${fromActionsCache} from ${CACHE_LABELS['actions-cache']}`] : [])
  ].join(', ')
  return { bytes: files.reduce((sum, f) => sum + f.size, 0), sources }
}

/** "3 files", or "3 of 7 files" when input include or exclude selected them among the model's. */
export function countFiles(n: number, selection?: FileSelection): string {
  const selected = selection && (selection.include.length > 0 || selection.exclude.length > 0)
  const last = selected ? selection.total : n
  return `${n}${selected ? ` of ${selection.total}` : ''} file${last === 1 ? '' : 's'}`
}

/**
 * The result line, printed after the collapsed log group so that a finished step shows it:
 * what was fetched, how much, how fast, and from where.
 */
export function logTotals(
  files: readonly FetchedFile[],
  elapsedMs: number,
  model?: ModelDescription,
  selection?: FileSelection
): void {
  core.info(resultLine(files, elapsedMs, model, selection))
}

export function resultLine(
  files: readonly FetchedFile[],
  elapsedMs: number,
  model?: ModelDescription,
  selection?: FileSelection
): string {
  const { bytes, sources } = totals(files)
  const what = model ? `${describeModel(model)}: ` : ''
  return `Fetched ${what}${countFiles(files.length, selection)}, ${formatBytes(bytes)} in ${formatDuration(elapsedMs)} (${formatRate(bytes, elapsedMs)}): ${sources}.`
}

/** The job summary stays well under GitHub's 1 MiB limit per step, whatever the model. */
export const SUMMARY_MAX_ROWS = 100
export const SUMMARY_MAX_BYTES = 64 * 1024
/** Room kept for the text around the table (heading, status line, the "more" and total rows). */
export const SUMMARY_TABLE_BUDGET = SUMMARY_MAX_BYTES - 8 * 1024
const SUMMARY_MAX_CELL = 200
/** Patterns of each input the summary names. */
const SUMMARY_MAX_PATTERNS = 20

/** The job summary; skipped where the runner provides no summary file. */
export async function writeSummary(
  inputs: ActionInputs,
  files: readonly FetchedFile[],
  elapsedMs: number,
  stage?: string,
  selection?: FileSelection
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary
    .addRaw(summaryHtml(inputs.destination, fetchedModel(inputs.query, stage), files, elapsedMs, selection))
    .write()
}

/**
 * A status line, a heading worded as people speak, where the files came from and went, then
 * the largest files (up to SUMMARY_MAX_ROWS and a byte budget), "and N more", and totals.
 */
export function summaryHtml(
  destination: string,
  model: ModelDescription,
  files: readonly FetchedFile[],
  elapsedMs: number,
  selection?: FileSelection
): string {
  const { bytes, sources } = totals(files)
  const lines = [
    `<p>✅ Fetched ${countFiles(files.length, selection)}, ${formatBytes(bytes)} in ${formatDuration(elapsedMs)}: ${escapeHtml(sources)}.</p>`,
    `<h3>${escapeHtml(shortenMiddle(describeModel(model)))}</h3>`,
    `<p>From ${repoHtml(model.repo)}, into <code>${escapeHtml(shortenMiddle(destination))}</code>.</p>`,
    ...selectionHtml(selection, fetchedDigest(files))
  ]
  const rows: string[] = []
  let used = 0
  const largestFirst = [...files].sort((a, b) => b.size - a.size || a.key.localeCompare(b.key))
  for (const file of largestFirst) {
    const row = tableRow([
      `<code>${escapeHtml(shortenMiddle(file.key))}</code>`,
      formatBytes(file.size),
      describeSource(file),
      // The DVC content address when there is one (what dvc.lock records); ✓ when this run
      // hashed the bytes, from storage or a cache, and they matched it.
      file.address ? `<code>${file.address.md5}</code>${file.verified ? ' ✓' : ''}` : `<code>${file.md5}</code>`
    ])
    const size = Buffer.byteLength(row)
    if (rows.length >= SUMMARY_MAX_ROWS || used + size > SUMMARY_TABLE_BUDGET) break
    rows.push(row)
    used += size
  }
  const rest = largestFirst.slice(rows.length)
  if (rest.length > 0) {
    const restBytes = rest.reduce((sum, f) => sum + f.size, 0)
    rows.push(tableRow([`<em>and ${counted(rest.length, 'more file')}</em>`, formatBytes(restBytes), '', '']))
  }
  rows.push(
    tableRow([`<strong>total: ${countFiles(files.length)}</strong>`, `<strong>${formatBytes(bytes)}</strong>`, '', ''])
  )
  const header = tableRow(['File', 'Size', 'Source', 'MD5 (✓ verified)'], 'th')
  lines.push(`<table>${header}${rows.join('')}</table>`)
  return `${lines.join('\n')}\n`
}

/** The repository as a link when it is an https URL, else as code. */
export function repoHtml(repo: string): string {
  return /^https:\/\/[^\s"<>]{1,2000}$/i.test(repo)
    ? `<a href="${escapeHtml(repo)}">${escapeHtml(shortenMiddle(repo))}</a>`
    : `<code>${escapeHtml(shortenMiddle(repo))}</code>`
}

/** The patterns that selected the files, if any, and the digest of what was (or would be) fetched. */
export function selectionHtml(selection: FileSelection | undefined, digest: string): string[] {
  // At most SUMMARY_MAX_PATTERNS of each, shortened: the table keeps the summary's room.
  const patterns = (name: string, list: readonly string[]): string => {
    if (list.length === 0) return ''
    const shown = list.slice(0, SUMMARY_MAX_PATTERNS).map((p) => `<code>${escapeHtml(shortenMiddle(p, 100))}</code>`)
    const more = list.length - shown.length
    return `${name} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
  }
  const by = selection
    ? [patterns(Inputs.Include, selection.include), patterns(Inputs.Exclude, selection.exclude)].filter(Boolean)
    : []
  return [
    ...(by.length ? [`<p>Selected by ${by.join('; ')}.</p>`] : []),
    ...(digest ? [`<p>Digest <code>${digest}</code> (output <code>${Outputs.Digest}</code>).</p>`] : [])
  ]
}

function describeSource(file: FetchedFile): string {
  if (file.source === 'download') return `download (${formatDuration(file.durationMs)})`
  return CACHE_LABELS[file.source].replace(/^the /, '')
}

export function tableRow(cells: readonly string[], tag = 'td'): string {
  return `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`
}

/** Long names (Studio's keys are untrusted) keep their start and end. */
export function shortenMiddle(text: string, limit = SUMMARY_MAX_CELL): string {
  if (text.length <= limit) return text
  const half = Math.floor((limit - 1) / 2)
  return `${text.slice(0, half)}…${text.slice(text.length - half)}`
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** One paragraph for the log; the stack only with debug logging on. */
export function reportFailure(error: unknown, secrets: readonly string[]): void {
  const message =
    error instanceof ActionError
      ? error.message
      : `Unexpected error: ${scrub(String((error as Error)?.message ?? error), secrets)}. This is likely a bug in the action: re-run with debug logging on (secret ACTIONS_STEP_DEBUG=true) and report the log.`
  if (core.isDebug() && error instanceof Error && error.stack) core.debug(scrub(error.stack, secrets))
  core.setFailed(scrub(message, secrets))
}
