/** Human-readable figures for log lines and the job summary. */

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(1)}s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`
}

export function formatRate(bytes: number, ms: number): string {
  return `${formatBytes(ms > 0 ? (bytes * 1000) / ms : 0)}/s`
}

/** Text from a server (JSON, plain or an HTML error page) as one short line without markup. */
export function shorten(text: string, limit = 300): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > limit ? `${plain.slice(0, limit - 1)}…` : plain
}

/**
 * Text quoted inside a sentence, then the sentence's end: `"Not found". ` but
 * `"Credentials are invalid." ` (no second full stop after a quote that ends a sentence).
 */
export function quoteThenStop(text: string): string {
  return /[.!?…]$/.test(text) ? `"${text}"` : `"${text}".`
}

/** 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th')
  return `${n}${suffix}`
}

/**
 * An error's reason as one trimmed line for a message or a retry line. OpenSSL's dumps
 * (`80BC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/…/ssl3_record.c:350:`)
 * become their words alone (`wrong version number`); only the first line is kept.
 */
export function errorReason(error: unknown, limit = 300): string {
  const text = String((error as Error | undefined)?.message ?? error)
  const opensslDump = /[0-9A-F]{6,}:error:[0-9A-F]+:[^:\n]*:[^:\n]*:([^:\n]+):[^\s:]*\.c:\d+:?/g
  const firstLine =
    text
      .replace(opensslDump, '$1')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  return shorten(firstLine.replace(/[\s:.]+$/, ''), limit)
}

/** A count and its noun: `1 file`, `3 files`; `many` where the plural is not the noun + s (`entries`). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
