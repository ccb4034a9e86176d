import * as core from '@actions/core'
import { CACHE_LABELS } from './cached-copy.js'
import { Outputs } from './constants.js'
import { ActionError } from './errors.js'
import { formatBytes, formatDuration, formatRate } from './format.js'
import type { ActionInputs } from './inputs.js'
import { scrub } from './redact.js'
import type { FetchedFile } from './fetch-file.js'

/** What the action tells later steps (outputs) and people (log, job summary). */

export function setOutputs(destination: string, files: readonly FetchedFile[], cacheKey: string): void {
  core.setOutput(Outputs.Path, destination)
  core.setOutput(Outputs.Paths, JSON.stringify(files.map((f) => f.target).sort()))
  core.setOutput(Outputs.Files, JSON.stringify(Object.fromEntries(files.map((f) => [f.key, f.target]))))
  // True when no byte came from storage: every file from the tool cache or the Actions cache.
  core.setOutput(Outputs.CacheHit, String(files.length > 0 && files.every((f) => f.source !== 'download')))
  core.setOutput(Outputs.CacheKey, cacheKey)
}

export function logTotals(files: readonly FetchedFile[], elapsedMs: number, model?: string): void {
  const bytes = files.reduce((sum, f) => sum + f.size, 0)
  const count = (source: FetchedFile['source']): number => files.filter((f) => f.source === source).length
  const fromActionsCache = count('actions-cache')
  core.info(
    `Fetched ${files.length} file${files.length === 1 ? '' : 's'}, ${formatBytes(bytes)} in ${formatDuration(elapsedMs)} (${formatRate(bytes, elapsedMs)}): ${count('download')} downloaded, ${count('tool-cache')} from the tool cache${fromActionsCache ? `, ${fromActionsCache} from the Actions cache` : ''}.${model ? ` Model ${model}.` : ''}`
  )
}

/** The job summary; skipped where the runner provides no summary file. */
export async function writeSummary(
  inputs: ActionInputs,
  files: readonly FetchedFile[],
  elapsedMs: number,
  stage?: string
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const { query } = inputs
  const asked = query.version
    ? `version <code>${escapeHtml(query.version)}</code>${stage ? ` (stage <code>${escapeHtml(stage)}</code>)` : ''}`
    : query.stage
      ? `stage <code>${escapeHtml(query.stage)}</code>`
      : 'latest version'
  const bytes = files.reduce((sum, f) => sum + f.size, 0)
  await core.summary
    .addHeading(`Model ${query.name}${query.version ? ` ${query.version}` : ''}`, 3)
    .addRaw(
      `Fetched the ${asked} of <code>${escapeHtml(query.name)}</code> from ${escapeHtml(query.repo)} into <code>${escapeHtml(inputs.destination)}</code>: ${files.length} files, ${formatBytes(bytes)} in ${formatDuration(elapsedMs)}.`,
      true
    )
    .addTable([
      [
        { data: 'File', header: true },
        { data: 'Size', header: true },
        { data: 'Source', header: true },
        { data: 'MD5 (✓ verified)', header: true }
      ],
      ...files.map((f) => [
        `<code>${escapeHtml(f.key)}</code>`,
        formatBytes(f.size),
        f.source === 'download'
          ? `download (${formatDuration(f.durationMs)})`
          : CACHE_LABELS[f.source].replace(/^the /, ''),
        // The DVC content address when there is one (what dvc.lock records); ✓ when this run
        // hashed the bytes, from storage or a cache, and they matched it.
        f.address ? `<code>${f.address.md5}</code>${f.verified ? ' ✓' : ''}` : `<code>${f.md5}</code>`
      ])
    ])
    .write()
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
