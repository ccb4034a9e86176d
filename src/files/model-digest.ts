import { createHash } from 'node:crypto'
import { contentAddress } from './integrity.js'

/**
 * A model's content identity (output `digest`): the sha256 (hex) of one line `<md5>  <path>\n`
 * per file, as `md5sum` writes them, sorted by path in byte order (`LC_ALL=C sort`). `<md5>`
 * is the MD5 DVC records for the file (its content address), `<path>` the repo-relative path
 * as Studio gives it. The same files at the same paths give the same digest, whichever version
 * or stage named them, with or without a download.
 */

export interface DigestLine {
  path: string
  md5: string
}

export function modelDigest(files: Iterable<DigestLine>): string {
  const lines = [...files].map((f) => ({ path: Buffer.from(f.path), line: `${f.md5}  ${f.path}\n` }))
  lines.sort((a, b) => Buffer.compare(a.path, b.path))
  const hash = createHash('sha256')
  for (const { line } of lines) hash.update(line)
  return hash.digest('hex')
}

/**
 * The digest from Studio's answer alone, without a download: every URL's content address.
 * Paths whose URL carries none have no MD5 before their bytes are read: they are returned, and
 * the digest is then empty.
 */
export function digestOfUrls(uris: Record<string, string>): { digest: string; unaddressed: string[] } {
  const lines: DigestLine[] = []
  const unaddressed: string[] = []
  for (const [path, url] of Object.entries(uris)) {
    const md5 = contentAddress(url)?.md5
    if (md5) lines.push({ path, md5 })
    else unaddressed.push(path)
  }
  return { digest: unaddressed.length ? '' : modelDigest(lines), unaddressed }
}
