/**
 * Whether a ranged answer belongs with the bytes so far: a download's bytes come from one
 * object, in the places its Content-Range says. Parts and resumes of one file are answers to
 * separate requests, and storage that ignores If-Range (or a cache in between) may answer one
 * from a newer object of the same name; joining them would be a file that never existed.
 */

/** A Content-Range header: first byte, last byte, total (or `*`). */
export const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/

/**
 * Why a ranged answer is not of the object the download began with, or undefined if it is:
 * with a strong ETag at the start, every answer must carry that same ETag; without one, the
 * total size is the sign left (a changed size is another object).
 */
export function otherObject(
  etag: string | undefined,
  total: number | undefined,
  answerEtag: string | undefined,
  answerTotal: number | undefined
): string | undefined {
  if (etag !== undefined && answerEtag !== etag) {
    return answerEtag === undefined
      ? 'storage answered a range without the ETag of the object it began with'
      : 'storage answered a range from another object (its ETag changed)'
  }
  if (total !== undefined && answerTotal !== undefined && answerTotal !== total) {
    return `storage answered a range from another object (its size changed from ${total} to ${answerTotal} bytes)`
  }
  return undefined
}

/** A 206 whose Content-Length is not the length of its Content-Range: its body cannot be placed. */
export function rangeFramingFault(
  range: RegExpExecArray,
  contentLength: string | undefined,
  total: number | undefined
): string | undefined {
  const from = Number(range[1])
  const to = Number(range[2])
  if (to < from || (total !== undefined && to >= total)) {
    return `storage answered an impossible range (bytes ${range[1]}-${range[2]}/${range[3]})`
  }
  if (contentLength !== undefined && Number(contentLength) !== to - from + 1) {
    return `storage answered ${to - from + 1} bytes (${range[1]}-${range[2]}) with a Content-Length of ${contentLength.slice(0, 20)}`
  }
  return undefined
}
