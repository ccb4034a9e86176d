// The one fault injector for every storage server the tests run: the stand-in's own storage,
// the recording forwarder in front of s3rver and Azurite, and the https static server. Faults
// are queued per exact request path (query excluded); each request of that path takes one.
/** @import { IncomingMessage, ServerResponse } from 'node:http' */

/**
 * What one storage request suffers. Servers apply what they can: all of it in the stand-in,
 * `holdMs`, `status` and the body cuts in front of real storage.
 * @typedef {object} Fault
 * @property {number} [holdMs] wait this long before answering
 * @property {number} [status] answer with this status (and `body`) instead of the object
 * @property {number | string} [retryAfter] with `status`: a Retry-After header
 * @property {string} [body] with `status`: the body
 * @property {boolean} [expired] refuse as an expired URL (403 AccessDenied)
 * @property {boolean} [ignoreRange] answer 200 with the whole object whatever Range asks
 * @property {number} [rangeStartShift] answer a Range request with a 206 whose Content-Range starts this many bytes later than asked
 * @property {boolean} [wrongRange] answer a Range request with the bytes asked, in a 206 whose Content-Range is one byte off
 * @property {string} [redirectHost] answer 302 to the same path and query on this host name
 * @property {number} [bytesPerSecond] send the body no faster than this
 * @property {boolean} [corrupt] flip one byte in the middle of the body
 * @property {number} [reset] send this fraction of the body, then drop the connection
 * @property {number} [truncate] send this fraction of the body, then close cleanly (short of Content-Length)
 * @property {number} [stall] send this fraction of the body, then nothing until the server stops
 */

export class FaultQueue {
  /** @type {Map<string, Fault[]>} */
  #byPath = new Map()

  /**
   * Queues faults for the next requests of this path, one each.
   * @param {string} path
   * @param {...Fault} faults
   */
  add(path, ...faults) {
    this.#byPath.set(path, [...(this.#byPath.get(path) ?? []), ...faults])
  }

  /**
   * The fault for a request of this path (empty when none is queued).
   * @param {string} path the request's path, without the query
   * @returns {Fault}
   */
  take(path) {
    return this.#byPath.get(path)?.shift() ?? {}
  }

  /** Drops every queued fault. */
  clear() {
    this.#byPath.clear()
  }
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Whether a fault cuts the body short (reset, truncate or stall).
 * @param {Fault} fault
 */
export function cutsBody(fault) {
  return fault.reset !== undefined || fault.truncate !== undefined || fault.stall !== undefined
}

/**
 * Makes a response carry only the first part of its body, then end as the fault says: however
 * the body is then written (res.end(buffer), a pipe, serve-static), only that part leaves.
 * Call after the status and headers are decided, before the body is written.
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {Fault} fault one with reset, truncate or stall
 * @param {{ length?: number, onCut?: (sent: number) => void }} [options] the full body's length
 *   (default: the response's Content-Length header); onCut is told how many bytes were sent
 */
export function cutBody(req, res, fault, { length, onCut } = {}) {
  const fraction = /** @type {number} */ (fault.reset ?? fault.truncate ?? fault.stall)
  const write = res.write.bind(res)
  const end = res.end.bind(res)
  let limit = -1
  let sent = 0
  let cut = false
  /** @param {unknown} chunk @param {unknown} encoding */
  const pass = (chunk, encoding) => {
    if (cut || chunk == null || typeof chunk === 'function') return
    if (limit < 0) {
      const total = length ?? Number(res.getHeader('content-length'))
      limit = Math.max(1, Math.floor(total * fraction))
    }
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(
          /** @type {string} */ (chunk),
          typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8'
        )
    const part = bytes.subarray(0, limit - sent)
    sent += part.length
    if (sent < limit) {
      write(part)
      return
    }
    cut = true
    onCut?.(sent)
    write(part, () => {
      if (fault.reset !== undefined) setTimeout(() => req.socket.destroy(), 20)
      else if (fault.truncate !== undefined) setTimeout(() => req.socket.end(), 20)
      // stall: nothing more, until the server stops
    })
  }
  res.write = /** @type {ServerResponse['write']} */ (
    /** @type {unknown} */ (
      /** @param {unknown} chunk @param {unknown} encoding */
      (chunk, encoding) => {
        pass(chunk, encoding)
        return true
      }
    )
  )
  res.end = /** @type {ServerResponse['end']} */ (
    /** @type {unknown} */ (
      /** @param {unknown} chunk @param {unknown} encoding */
      (chunk, encoding) => {
        pass(chunk, encoding)
        if (!cut) end()
        return res
      }
    )
  )
}
