import { formatBytes, quoteThenStop, shorten } from '../common/format.js'
import { describeUrl, queryValueForms, scrub } from '../common/redact.js'
import type { RetryBudget } from '../common/retry.js'
import type { SmallBody } from './storage-http.js'

/** What storage (S3, Azure, GCS, an http remote) said when it refused a download, and what to do. */

export function storageRefusal(status: number, url: string, body: SmallBody | string): string {
  const said = storageSaid(
    url,
    typeof body === 'string' ? { text: body, size: body.length, binary: false, type: '' } : body
  )
  return `Storage refused the download (HTTP ${status} from ${describeUrl(url)})${said} ${storageHint(status)}`
}

/** What storage said, ready to follow the sentence's start: a quote of text, or the size and type of anything else. */
function storageSaid(url: string, body: SmallBody): string {
  if (body.binary) return `, with ${formatBytes(body.size)} of ${body.type} (not text, not shown).`
  // A quoted sentence keeps its own full stop and gets no second one.
  return body.text ? `: ${quoteThenStop(storageExplanation(body.text, url))}` : '.'
}

/**
 * S3 and Azure explain themselves in XML `<Code>` and `<Message>`; only those are shown, since
 * the rest (S3's StringToSign, CanonicalRequest) repeats parts of the signed query. Whatever is
 * shown is scrubbed of the URL's query values in every form (a server may quote them decoded).
 */
export function storageExplanation(text: string, url = ''): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
  const secrets = queryValueForms(url)
  // Scrubbed before shortening too: a cut could leave a secret's start that no longer matches.
  if (code || message) return scrub(shorten(scrub([code, message].filter(Boolean).join(': '), secrets)), secrets)
  return scrub(shorten(scrub(text, secrets)), secrets)
}

export function storageHint(status: number): string {
  if (status === 403 || status === 401) {
    return "The signed URL was refused: check the DVC remote's credentials in Studio's project settings."
  }
  if (status === 404) {
    return "The file is missing from the DVC remote: push it with 'dvc push' from the commit that registered the model."
  }
  return 'Check the DVC remote configured for the project in Studio.'
}

/** Why a file (or a part) is given up: failures in a row, or a link that fails after a little progress each time. */
export function gaveUp(subject: string, budget: RetryBudget, reason: string, retries: number): string {
  if (budget.capped) {
    return `Could not download ${subject}: ${budget.total} attempts failed, each after getting a little further (the last: ${reason}). Storage keeps sending part of the answer and then stalling or cutting the connection, so the download would never end; ${budget.cap} failed attempts (10 x input 'retries', now ${retries}) is the limit. Re-run the job later, or check the storage or proxy in between.`
  }
  return `Could not download ${subject} after ${budget.failures} failed attempts in a row: ${reason}. Storage or the network kept failing; re-run the job, or raise input 'retries' (now ${retries}) or 'timeout' for a slow link.`
}
