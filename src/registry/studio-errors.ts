import { quoteThenStop, shorten } from '../common/format.js'
import { describeQuery, type ModelQuery } from './model-query.js'
import { describeUrl, scrub } from '../common/redact.js'

/** What Studio said when it refused to list a model's files, and what to do (storage's: storage-errors.ts). */

/**
 * One paragraph: which Studio was asked (`url`, the request, printed without its query), the
 * status, Studio's own words, and what to do.
 */
export function studioFailure(status: number, body: string, query: ModelQuery, token: string, url: string): string {
  const studio = `Studio at ${describeUrl(url)}`
  const explanation = scrub(studioExplanation(body), [token])
  const said = explanation ? `: ${quoteThenStop(explanation)}` : '.'
  if (status === 404 && !isStudioJson(body)) {
    return `The server at ${describeUrl(url)} answered HTTP 404 for ${describeQuery(query)} with a page that is not Studio's${said} That URL does not look like a Studio API: check input 'studio-url' (or DVC_STUDIO_URL). It is Studio's base address, such as https://studio.datachain.ai, or https://ci.example.com/studio for a self-hosted Studio under a path prefix; the action adds the API's path to it.`
  }
  let hint: string
  if (status === 401 || status === 403) {
    hint =
      "The token is wrong, expired or lacks the Model Registry scope: create a token with that scope in Studio's settings and store it in the secret passed as 'studio-token' (and check that 'studio-url' is the Studio that issued it)."
  } else if (status === 404) {
    hint =
      "Check 'repo' (the Git URL Studio knows the project by), 'name' (for a monorepo model, path/to/dvc.yaml:model), and 'version' or 'stage'."
    // Studio reads a pushed registry tag a little after the push (tag mode runs at once).
    if (query.version) hint += ' A version registered moments ago may not be known to Studio yet: then re-run the job.'
  } else if (status === 400) {
    hint = "Check the inputs 'repo', 'name', 'version' and 'stage'."
  } else if (status >= 500 || status === 429 || status === 408) {
    hint = 'Studio is unavailable or overloaded; re-run the job later.'
  } else {
    hint = "Check input 'studio-url' and the inputs naming the model."
  }
  return `${studio} refused to list the files of ${describeQuery(query)} (HTTP ${status})${said} ${hint}`
}

/** Studio answers its own errors with a JSON object carrying `detail`; a proxy or another server does not. */
function isStudioJson(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as unknown
    return parsed !== null && typeof parsed === 'object' && 'detail' in parsed
  } catch {
    return false
  }
}

/** Studio's JSON `detail` (or `message`/`error`), else the body's text without markup. */
export function studioExplanation(body: string): string {
  try {
    const parsed = JSON.parse(body) as unknown
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>
      for (const field of ['detail', 'message', 'error']) {
        const value = record[field]
        if (typeof value === 'string') return shorten(value)
        if (value !== undefined) return shorten(JSON.stringify(value))
      }
    }
    if (typeof parsed === 'string') return shorten(parsed)
  } catch {
    // Not JSON: plain text or an HTML page from a proxy.
  }
  return shorten(body)
}
