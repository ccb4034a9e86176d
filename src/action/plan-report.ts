import * as core from '@actions/core'
import { Inputs, Outputs } from '../common/constants.js'
import { contentAddress } from '../files/integrity.js'
import { counted } from '../common/format.js'
import { digestOfUrls } from '../files/model-digest.js'
import type { FileSelection } from '../registry/selection.js'
import {
  SUMMARY_MAX_ROWS,
  SUMMARY_TABLE_BUDGET,
  countFiles,
  describeModel,
  escapeHtml,
  repoHtml,
  selectionHtml,
  setPlacedOutputs,
  shortenMiddle,
  tableRow,
  type ModelDescription
} from './report.js'

/**
 * What a plan (`download: false`) tells: the outputs as a download would set them (where each
 * file would land, and the digest when every URL names its content), one log line, and a job
 * summary that says nothing was downloaded. Sizes are not known: storage is not asked.
 */
export async function reportPlan(
  destination: string,
  model: ModelDescription,
  selection: FileSelection,
  targets: ReadonlyMap<string, string>
): Promise<void> {
  const { digest, unaddressed } = digestOfUrls(selection.uris)
  if (unaddressed.length > 0) {
    core.notice(
      `Output '${Outputs.Digest}' is empty: ${countFiles(unaddressed.length)} (such as '${shortenMiddle(unaddressed[0])}') ${unaddressed.length === 1 ? 'has a URL' : 'have URLs'} with no DVC content address, so ${unaddressed.length === 1 ? 'its' : 'their'} MD5 is known only once downloaded. With '${Inputs.Download}: true' the digest uses the MD5 of the bytes.`
    )
  }
  setPlacedOutputs(destination, [...targets], digest)
  const files = countFiles(targets.size, selection)
  core.info(
    `Planned ${describeModel(model)}: ${files}${digest ? `, digest ${digest}` : ''}. Nothing was downloaded ('${Inputs.Download}: false').`
  )
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(planHtml(destination, model, selection, digest)).write()
}

/** The plan's summary: what would be fetched and where, each file with its content address. */
export function planHtml(
  destination: string,
  model: ModelDescription,
  selection: FileSelection,
  digest: string
): string {
  const paths = Object.keys(selection.uris)
  const lines = [
    `<p>📋 Plan only (<code>${Inputs.Download}: false</code>): ${countFiles(paths.length, selection)} would be fetched; nothing was downloaded.</p>`,
    `<h3>${escapeHtml(shortenMiddle(describeModel(model)))}</h3>`,
    `<p>From ${repoHtml(model.repo)}, into <code>${escapeHtml(shortenMiddle(destination))}</code>.</p>`,
    ...selectionHtml(selection, digest)
  ]
  const rows: string[] = []
  let used = 0
  for (const path of [...paths].sort()) {
    const md5 = contentAddress(selection.uris[path])?.md5
    const row = tableRow([
      `<code>${escapeHtml(shortenMiddle(path))}</code>`,
      md5 ? `<code>${md5}</code>` : '<em>none in its URL</em>'
    ])
    const size = Buffer.byteLength(row)
    if (rows.length >= SUMMARY_MAX_ROWS || used + size > SUMMARY_TABLE_BUDGET) break
    rows.push(row)
    used += size
  }
  const rest = paths.length - rows.length
  if (rest > 0) rows.push(tableRow([`<em>and ${counted(rest, 'more file')}</em>`, '']))
  const header = tableRow(['File', 'MD5 (DVC content address)'], 'th')
  lines.push(`<table>${header}${rows.join('')}</table>`)
  return `${lines.join('\n')}\n`
}
