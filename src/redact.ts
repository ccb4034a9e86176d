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
