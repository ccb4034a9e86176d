/**
 * Keeping credentials out of logs. Signed URLs carry their credentials in the
 * query string, so anything printed shows a URL's origin and path at most.
 */

/** `https://host/path` of a URL: no query string, no fragment, no user info. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`
  } catch {
    return '(unparseable URL)'
  }
}

const URL_WITH_QUERY = /\b(https?:\/\/[^\s?#"'<>]*)\?[^\s"'<>]*/gi
const PATH_WITH_QUERY = /(\/[^\s?#"'<>]*)\?[^\s"'<>]*/g

/**
 * Removes query strings from every URL or request path in a text (error messages of
 * HTTP libraries often quote the request path with its query), and any of `secrets`.
 */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***')
  }
  return out.replace(URL_WITH_QUERY, '$1?***').replace(PATH_WITH_QUERY, '$1?***')
}

/**
 * Masks every value, as core.setSecret does (`::add-mask::`, escaped alike), in one write:
 * stdout to the runner is a pipe, written synchronously, and a folder model of thousands of
 * files has two secrets per URL (measured: 6,000 masks cost ~0.3 s one write each).
 */
export function setSecrets(values: Iterable<string>): void {
  const lines = [...new Set(values)]
    .filter((value) => value !== '')
    .map((value) => `::add-mask::${value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`)
  if (lines.length > 0) process.stdout.write(lines.join(''))
}
