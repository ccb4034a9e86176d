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
 * Every form a query value may take when something prints it: as in the URL, percent-decoded
 * (a server quoting its StringToSign, an Azure error showing `+` and `=`), form-decoded (`+`
 * as a space), and re-encoded with either case of hex digits. A mask of one form does not hide
 * another.
 */
export function secretForms(value: string): string[] {
  const forms = new Set<string>([value])
  const decode = (text: string): string | undefined => {
    try {
      return decodeURIComponent(text)
    } catch {
      return undefined
    }
  }
  const decoded = decode(value)
  const formDecoded = decode(value.replace(/\+/g, ' '))
  // A `+` left raw in a URL is a space to a server that form-decodes the query.
  const plusAsSpace = decoded?.includes('+') ? decoded.replace(/\+/g, ' ') : undefined
  for (const form of [decoded, formDecoded, plusAsSpace]) {
    if (form === undefined) continue
    forms.add(form)
    const encoded = encodeURIComponent(form)
    forms.add(encoded)
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()))
  }
  forms.add(value.replace(/%[0-9A-Fa-f]{2}/g, (escape) => escape.toUpperCase()))
  forms.add(value.replace(/%[0-9A-Fa-f]{2}/g, (escape) => escape.toLowerCase()))
  return [...forms].filter((form) => form.length > 0)
}

/**
 * The values of a URL's query in every form (secretForms), longest first so that a longer
 * one is scrubbed before a shorter one inside it. Values under 8 characters (`sr=b`,
 * `sp=r`) are left: they say nothing and would mask common words.
 */
export function queryValueForms(url: string): string[] {
  const start = url.indexOf('?')
  if (start < 0) return []
  const query = url.slice(start + 1).split('#')[0]
  const forms = new Set<string>()
  for (const pair of query.split('&')) {
    const value = pair.slice(pair.indexOf('=') + 1)
    if (pair.includes('=') && value.length >= 8) for (const form of secretForms(value)) forms.add(form)
  }
  return [...forms].filter((form) => form.length >= 8).sort((a, b) => b.length - a.length)
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
