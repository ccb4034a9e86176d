import { createHash, type Hash } from 'node:crypto'

/**
 * DVC remotes are content-addressed, so a signed URL's path names the MD5 of the file it
 * serves. That gives an integrity check with no extra request.
 */
export interface ContentAddress {
  md5: string
  /** DVC 3 hashes the raw bytes; DVC 2 hashed text files after turning CRLF into LF. */
  layout: 'dvc3' | 'dvc2'
}

const DVC3_PATH = /\/files\/md5\/([0-9a-f]{2})\/([0-9a-f]{30})$/i
const DVC2_PATH = /\/([0-9a-f]{2})\/([0-9a-f]{30})$/i

/** The content address in a storage URL's path, if the path has the DVC remote shape. */
export function contentAddress(url: string): ContentAddress | undefined {
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url).pathname)
  } catch {
    return undefined
  }
  const dvc3 = DVC3_PATH.exec(pathname)
  if (dvc3) return { md5: (dvc3[1] + dvc3[2]).toLowerCase(), layout: 'dvc3' }
  const dvc2 = DVC2_PATH.exec(pathname)
  if (dvc2) return { md5: (dvc2[1] + dvc2[2]).toLowerCase(), layout: 'dvc2' }
  return undefined
}

const CR = 0x0d
const LF = 0x0a

/**
 * DVC 2 read a text file in chunks of this size and replaced CRLF by LF in each chunk on its
 * own, so a CRLF split across two of its chunks stayed as it was. The check does the same.
 */
export const DVC2_CHUNK_SIZE = 1 << 20

/**
 * Hashes bytes as they arrive, once. For DVC 2 addresses it also keeps the MD5 that DVC 2
 * computed for text files: CRLF turned into LF within each of its 1 MiB read chunks.
 */
export class ContentHasher {
  private raw: Hash = createHash('md5')
  private unix: Hash | undefined
  private pendingCR = false
  /** Bytes fed since the last reset: where DVC 2's chunk boundaries fall. */
  private offset = 0
  /** The raw MD5 of the bytes, computed elsewhere (a worker thread) instead of fed here. */
  private adopted: string | undefined

  constructor(private readonly address: ContentAddress | undefined) {
    this.reset()
  }

  reset(): void {
    this.raw = createHash('md5')
    this.unix = this.address?.layout === 'dvc2' ? createHash('md5') : undefined
    this.pendingCR = false
    this.offset = 0
    this.adopted = undefined
  }

  /** Only the raw MD5 counts (no DVC 2 text hash): it may be computed elsewhere. */
  get rawOnly(): boolean {
    return this.unix === undefined
  }

  /** The raw MD5 of the bytes, computed elsewhere instead of fed to update() (rawOnly only). */
  adoptRaw(md5: string): void {
    if (!this.rawOnly) throw new Error('a DVC 2 address needs every byte fed to update()')
    this.adopted = md5
  }

  update(chunk: Buffer): void {
    this.raw.update(chunk)
    if (!this.unix) return
    for (let start = 0; start < chunk.length;) {
      const room = DVC2_CHUNK_SIZE - (this.offset % DVC2_CHUNK_SIZE)
      const piece = chunk.subarray(start, start + room)
      this.updateUnix(piece)
      start += piece.length
      this.offset += piece.length
      if (this.offset % DVC2_CHUNK_SIZE === 0 && this.pendingCR) {
        // A CR that ends one of DVC 2's chunks was hashed as it was.
        this.unix.update(Buffer.of(CR))
        this.pendingCR = false
      }
    }
  }

  /** CRLF -> LF within one DVC 2 chunk, a trailing CR held until the next byte is seen. */
  private updateUnix(chunk: Buffer): void {
    const unix = this.unix as Hash
    if (chunk.length === 0) return
    let start = 0
    if (this.pendingCR) {
      this.pendingCR = false
      if (chunk[0] !== LF) unix.update(Buffer.of(CR))
    }
    for (let cr = chunk.indexOf(CR, start); cr !== -1; cr = chunk.indexOf(CR, start)) {
      if (cr === chunk.length - 1) {
        unix.update(chunk.subarray(start, cr))
        this.pendingCR = true
        return
      }
      if (chunk[cr + 1] === LF) {
        unix.update(chunk.subarray(start, cr))
        start = cr + 1
      } else {
        unix.update(chunk.subarray(start, cr + 1))
        start = cr + 1
      }
    }
    unix.update(chunk.subarray(start))
  }

  /**
   * The raw MD5; whether the bytes match the content address (true when there is none); and
   * whether they were verified: there was an address and the bytes hash to it.
   */
  finish(): { md5: string; matches: boolean; verified: boolean } {
    const md5 = this.adopted ?? this.raw.digest('hex')
    let unixMd5: string | undefined
    if (this.unix) {
      if (this.pendingCR) this.unix.update(Buffer.of(CR))
      unixMd5 = this.unix.digest('hex')
    }
    const expected = this.address?.md5
    const verified = expected !== undefined && (expected === md5 || expected === unixMd5)
    return { md5, matches: verified || !expected, verified }
  }
}
