import * as core from '@actions/core'
import { CACHE_LABELS } from '../caches/cached-copy.js'
import { Outputs } from '../common/constants.js'
import { ActionError } from '../common/errors.js'
import { formatBytes, formatDuration, formatRate } from '../common/format.js'
import type { ActionInputs } from './inputs.js'
import { scrub } from '../common/redact.js'
import type { FetchedFile } from '../caches/cached-copy.js'
import type { ModelQuery } from '../registry/model-query.js'

/** What the action tells later steps (outputs) and people (log, job summary). */

export function setOutputs(destination: string, files: readonly FetchedFile[], cacheKey: string): void {
  core.setOutput(Outputs.Path, destination)
  core.setOutput(Outputs.Paths, JSON.stringify(files.map((f) => f.target).sort()))
  core.setOutput(Outputs.Files, JSON.stringify(Object.fromEntries(files.map((f) => [f.key, f.target]))))
  // True when no byte came from storage: every file from the tool cache or the Actions cache.
  core.setOutput(Outputs.CacheHit, String(files.length > 0 && files.every((f) => f.source !== 'download')))
  core.setOutput(Outputs.CacheKey, cacheKey)
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

function countFiles(n: number): string {
  return `${n} file${n === 1 ? '' : 's'}`
}

/**
 * The result line, printed after the collapsed log group so that a finished step shows it:
 * what was fetched, how much, how fast, and from where.
 */
export function logTotals(files: readonly FetchedFile[], elapsedMs: number, model?: ModelDescription): void {
  core.info(resultLine(files, elapsedMs, model))
}

export function resultLine(files: readonly FetchedFile[], elapsedMs: number, model?: ModelDescription): string {
  const { bytes, sources } = totals(files)
  const what = model ? `${describeModel(model)}: ` : ''
  return `Fetched ${what}${countFiles(files.length)}, ${formatBytes(bytes)} in ${formatDuration(elapsedMs)} (${formatRate(bytes, elapsedMs)}): ${sources}.`
}

/** The job summary stays well under GitHub's 1 MiB limit per step, whatever the model. */
export const SUMMARY_MAX_ROWS = 100
export const SUMMARY_MAX_BYTES = 64 * 1024
/** Room kept for the text around the table (heading, status line, the "more" and total rows). */
const SUMMARY_TABLE_BUDGET = SUMMARY_MAX_BYTES - 8 * 1024
const SUMMARY_MAX_CELL = 200

/** The job summary; skipped where the runner provides no summary file. */
export async function writeSummary(
  inputs: ActionInputs,
  files: readonly FetchedFile[],
  elapsedMs: number,
  stage?: string
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary
    .addRaw(summaryHtml(inputs.destination, fetchedModel(inputs.query, stage), files, elapsedMs))
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
  elapsedMs: number
): string {
  const { bytes, sources } = totals(files)
  const repo = /^https:\/\/[^\s"<>]{1,2000}$/i.test(model.repo)
    ? `<a href="${escapeHtml(model.repo)}">${escapeHtml(shortenMiddle(model.repo))}</a>`
    : `<code>${escapeHtml(shortenMiddle(model.repo))}</code>`
  const lines = [
    `<p>✅ Fetched ${countFiles(files.length)}, ${formatBytes(bytes)} in ${formatDuration(elapsedMs)}: ${escapeHtml(sources)}.</p>`,
    `<h3>${escapeHtml(shortenMiddle(describeModel(model)))}</h3>`,
    `<p>From ${repo}, into <code>${escapeHtml(shortenMiddle(destination))}</code>.</p>`
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
    rows.push(
      tableRow([`<em>and ${rest.length} more file${rest.length === 1 ? '' : 's'}</em>`, formatBytes(restBytes), '', ''])
    )
  }
  rows.push(
    tableRow([`<strong>total: ${countFiles(files.length)}</strong>`, `<strong>${formatBytes(bytes)}</strong>`, '', ''])
  )
  const header = tableRow(['File', 'Size', 'Source', 'MD5 (✓ verified)'], 'th')
  lines.push(`<table>${header}${rows.join('')}</table>`)
  return `${lines.join('\n')}\n`
}

function describeSource(file: FetchedFile): string {
  if (file.source === 'download') return `download (${formatDuration(file.durationMs)})`
  return CACHE_LABELS[file.source].replace(/^the /, '')
}

function tableRow(cells: readonly string[], tag = 'td'): string {
  return `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`
}

/** Long names (Studio's keys are untrusted) keep their start and end. */
function shortenMiddle(text: string, limit = SUMMARY_MAX_CELL): string {
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
