import { quoteThenStop, shorten } from '../common/format.js'
import { describeUrl, scrub } from '../common/redact.js'

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
