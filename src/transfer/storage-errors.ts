import { quoteThenStop, shorten } from '../common/format.js'
import { describeUrl, scrub } from '../common/redact.js'
import type { RetryBudget } from '../common/retry.js'

/** What storage (S3, Azure, GCS, an http remote) said when it refused a download, and what to do. */

export function storageRefusal(status: number, url: string, body: string): string {
  // A quoted sentence keeps its own full stop and gets no second one.
  const said = body ? `: ${quoteThenStop(storageExplanation(body))}` : '.'
  return `Storage refused the download (HTTP ${status} from ${describeUrl(url)})${said} ${storageHint(status)}`
}

/**
 * S3 and Azure explain themselves in XML `<Code>` and `<Message>`; only those are shown, since
 * the rest (S3's StringToSign, CanonicalRequest) repeats parts of the signed query.
 */
export function storageExplanation(text: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
  if (code || message) return shorten([code, message].filter(Boolean).join(': '))
  return scrub(shorten(text))
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
