import { getProxyUrl } from '@actions/http-client'
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import * as net from 'node:net'
import type { Readable } from 'node:stream'
import * as tls from 'node:tls'
import type { HttpPool } from '../common/http-pool.js'
import { readTuning } from '../common/settings.js'

/**
 * GET requests to storage (the signed URLs), received without a copy per chunk.
 *
 * Node's HTTP client copies every body chunk of at most 64 KiB into a new Buffer. At a few
 * hundred MB/s that is most of the receiving cost, and on Node 24 the garbage alone adds
 * ~100 MiB of RSS to a 768 MiB download (measured: 154 MiB peak with @actions/http-client,
 * 55 MiB reading the same socket with `onread`). Here the socket reads straight into 1 MiB
 * batches taken from a small pool (the `onread` option, for TCP and TLS alike); a batch is
 * handed to the consumer (hash, positional write) and comes back when written, and reading
 * pauses while a response's consumer holds a few, so memory stays bounded.
 *
 * Only the plain case is handled here: a direct connection, one request at a time per
 * connection, keep-alive; a redirect is followed to its target (each hop decides again).
 * Through a proxy (HTTPS_PROXY/HTTP_PROXY, NO_PROXY) requests go through @actions/http-client.
 */

/** A response body, delivered in order in pieces that stay valid until their `done()`. */
export interface BodySource {
  /**
   * Calls `deliver` with the next pieces of the body until it ends; `activity` on each read
   * with its byte count (for the stall and rate timers). What arrived before a failure is
   * delivered before the rejection.
   */
  pump(deliver: (pieces: Buffer[], done: () => void) => void, activity?: (bytes: number) => void): Promise<void>
  destroy(error?: Error): void
}

export interface StorageResponse {
  status: number
  headers: IncomingHttpHeaders
  body: BodySource
}

const BATCH_BYTES = 1 << 20
/** A batch with less room than this is handed on rather than read into again. */
const MIN_READ_BYTES = 64 * 1024
/** On a slow link (or a stalled one) what arrived is handed on after this long, so progress shows. */
const HAND_ON_MS = 200
/** Batches one response's consumer may hold before reading pauses. */
const BATCHES_HELD = 3
/** Batches kept for reuse; beyond this, returned ones are left to the GC. */
const POOL_BATCHES = 32
/**
 * Storage is a server the action does not control: what it sends is parsed with limits.
 * A response head (status line and headers) at most this long, as Node's
 * --max-http-header-size; a chunk-size line or the trailers at most this long too.
 */
const MAX_HEAD_BYTES = 16 * 1024
/** Interim (1xx) answers before the final one; Node accepts any number, a loop is refused. */
const MAX_INTERIM = 16
/** A header name: an RFC 9110 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const REDIRECTS = new Set([301, 302, 303, 307, 308])
/** As many as @actions/http-client follows by default. */
const MAX_REDIRECTS = 50

class BatchPool {
  private readonly free: Buffer[] = []
  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(BATCH_BYTES)
  }
  give(batch: Buffer): void {
    if (this.free.length < POOL_BATCHES) this.free.push(batch)
  }
}

/** Reads of an idle connection (normally none) land here, shared: each is handled at once. */
const IDLE_BUFFER = Buffer.allocUnsafe(16 * 1024)

export class StorageHttp {
  private readonly idle = new Map<string, Connection[]>()
  private readonly open = new Set<Connection>()
  private readonly batches = new BatchPool()

  constructor(
    /** The library client: for proxies and redirects. */
    private readonly library: HttpPool,
    private readonly socketTimeoutMs: number,
    /** False: everything goes through the library (DVC_MODEL_ACTION_HTTP=library, for comparison). */
    private readonly direct = readTuning().directHttp
  ) {}

  async get(url: string, headers: Record<string, string> = {}, redirects = 0): Promise<StorageResponse> {
    for (const [name, value] of Object.entries(headers)) {
      // Values can come from storage (If-Range repeats its ETag): none may start another line.
      if (!TOKEN.test(name) || /[\0\r\n]/.test(value)) {
        throw new Error(`refused to send the request header '${name.slice(0, 40)}': not a valid header`)
      }
    }
    const target = new URL(url)
    if (!this.direct || getProxyUrl(url) !== '' || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
      return this.viaLibrary(url, headers)
    }
    let response: StorageResponse
    for (let attempt = 0; ; attempt++) {
      const reused = await this.takeIdle(target.origin)
      const connection = reused ?? this.connect(target)
      try {
        response = await connection.request(target, headers)
        break
      } catch (error) {
        // A kept-alive connection the server closed meanwhile: once more on a fresh one.
        if (!reused || attempt > 0 || !(error as Error & { beforeResponse?: boolean }).beforeResponse) throw error
      }
    }
    if (REDIRECTS.has(response.status) && response.headers.location && redirects < MAX_REDIRECTS) {
      // Followed as @actions/http-client follows them: to the new URL, never from https to http.
      response.body.destroy()
      const next = parseUrl(String(response.headers.location), url)
      if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
        throw new Error(`storage redirected to a location that is not an http(s) URL (HTTP ${response.status})`)
      }
      if (target.protocol === 'https:' && next.protocol !== 'https:') {
        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons.')
      }
      return this.get(next.toString(), headers, redirects + 1)
    }
    return response
  }

  private async viaLibrary(url: string, headers: OutgoingHttpHeaders): Promise<StorageResponse> {
    const { message } = await this.library.get(url, headers)
    return { status: message.statusCode ?? 0, headers: message.headers, body: incomingBody(message) }
  }

  /**
   * A kept-alive connection, checked right before its request is written. Bytes a server sent
   * on an idle connection (an answer to nothing yet asked) close it when they are read; but
   * bytes that arrived since the last read would be taken for the answer to the request
   * written now. So the connection is taken out of the pool, the event loop turns through
   * two polls (each reads whatever is waiting on every socket), and only a connection still
   * usable after that carries the request.
   */
  private async takeIdle(origin: string): Promise<Connection | undefined> {
    const list = this.idle.get(origin)
    while (list && list.length > 0) {
      const connection = list.pop()!
      if (!connection.usable) continue
      connection.reserve()
      await afterPoll()
      await afterPoll()
      if (connection.takeReserved()) return connection
    }
    return undefined
  }

  private connect(target: URL): Connection {
    const connection = new Connection(target, this.batches, this.socketTimeoutMs, (done) => {
      if (done.usable) {
        const list = this.idle.get(done.origin) ?? []
        list.push(done)
        this.idle.set(done.origin, list)
      } else {
        this.open.delete(done)
        const list = this.idle.get(done.origin)
        const at = list?.indexOf(done) ?? -1
        if (at >= 0) list!.splice(at, 1)
      }
    })
    this.open.add(connection)
    return connection
  }

  dispose(): void {
    for (const connection of this.open) connection.destroy()
    this.open.clear()
    this.idle.clear()
  }
}

/** Resolves after the event loop's next poll phase (setImmediate runs right after it). */
function afterPoll(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function parseUrl(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base)
  } catch {
    return undefined
  }
}

/** A body from Node's HTTP client (or any stream), gathered into ~1 MiB deliveries alike. */
export function incomingBody(message: Readable): BodySource {
  return {
    destroy: (error) => message.destroy(error),
    pump: (deliver, activity) =>
      new Promise((resolve, reject) => {
        let pieces: Buffer[] = []
        let size = 0
        let held = 0
        const hand = (): void => {
          if (size === 0) return
          const handed = pieces
          pieces = []
          size = 0
          held++
          if (held >= BATCHES_HELD) message.pause()
          deliver(handed, () => {
            held--
            if (held < BATCHES_HELD) message.resume()
          })
        }
        message.on('data', (chunk: Buffer) => {
          activity?.(chunk.length)
          pieces.push(chunk)
          size += chunk.length
          if (size >= BATCH_BYTES) hand()
        })
        let ended = false
        message.on('end', () => {
          ended = true
          hand()
          resolve()
        })
        message.on('error', (error) => {
          hand()
          reject(error)
        })
        message.on('close', () => {
          if (!ended) {
            hand()
            reject(Object.assign(new Error('connection closed before the body ended'), { code: 'ECONNRESET' }))
          }
        })
      })
  }
}

/** A body longer than its framing said: the attempt's bytes are not kept (see ResponseReader). */
export class BodyOverrun extends Error {
  readonly code = 'EOVERRUN'
}

type Framing = { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'close' } | { kind: 'none' }

/** One kept-alive connection; reads go into the current response's batch. */
class Connection {
  readonly origin: string
  private readonly socket: net.Socket
  private response: ResponseReader | undefined
  private reusable = true

  constructor(
    target: URL,
    private readonly batches: BatchPool,
    private readonly timeoutMs: number,
    private readonly released: (connection: Connection) => void
  ) {
    this.origin = target.origin
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80))
    const host = target.hostname.replace(/^\[|\]$/g, '')
    const onread = {
      buffer: (): Buffer => this.response?.readInto() ?? IDLE_BUFFER,
      callback: (bytes: number, buffer: Buffer): boolean => this.onRead(bytes, buffer)
    }
    this.socket =
      target.protocol === 'https:'
        ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, onread } as tls.ConnectionOptions)
        : net.connect({ host, port, onread })
    this.socket.setNoDelay(true)
    this.socket.setTimeout(timeoutMs, () => this.socket.destroy(timeoutError(timeoutMs)))
    this.socket.on('error', (error) => this.fail(error))
    this.socket.on('close', () => this.fail(undefined))
    this.socket.on('end', () => this.fail(undefined))
  }

  get usable(): boolean {
    return this.reusable && !this.socket.destroyed && this.response === undefined && !this.reserved
  }

  /** Taken from the pool and waiting for its last check (no one else may take it meanwhile). */
  private reserved = false

  reserve(): void {
    this.reserved = true
  }

  /** Ends the reservation: true if nothing arrived meanwhile and the connection may carry a request. */
  takeReserved(): boolean {
    this.reserved = false
    if (this.usable) return true
    // Not usable: unread bytes or a close closed it; it is not in the pool any more.
    this.destroy()
    this.released(this)
    return false
  }

  request(target: URL, headers: Record<string, string>): Promise<StorageResponse> {
    const lines = [`GET ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`]
    lines.push('User-Agent: dvc-studio-model-action', 'Connection: keep-alive')
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
    const reader = new ResponseReader(this.batches, this.socket, this.timeoutMs)
    this.response = reader
    this.socket.ref()
    this.socket.setTimeout(this.timeoutMs)
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n`)
    reader.finished.then(
      () => this.release(reader),
      () => this.release(reader)
    )
    return reader.head
  }

  private onRead(bytes: number, buffer: Buffer): boolean {
    const response = this.response
    if (!response) {
      // Bytes nobody asked for: the connection is out of step, so it is not used again.
      this.reusable = false
      this.socket.destroy()
      return false
    }
    const keepReading = response.onRead(bytes, buffer)
    if (response.protocolError) this.reusable = false
    return keepReading
  }

  private release(reader: ResponseReader): void {
    if (this.response !== reader) return
    this.response = undefined
    if (!reader.reusable) this.reusable = false
    if (this.usable) this.socket.unref()
    else this.socket.destroy()
    this.released(this)
  }

  private fail(error: Error | undefined): void {
    const wasUsable = this.usable
    this.reusable = false
    this.response?.fail(error)
    // An idle connection the server closed (or that failed) leaves the pool.
    if (wasUsable) this.released(this)
  }

  destroy(): void {
    this.reusable = false
    this.socket.destroy()
  }
}

/** Storage took too long: no data for the timeout, or no whole response head within it. */
export class StorageTimeout extends Error {
  readonly code = 'ETIMEDOUT'
}

function timeoutError(ms: number): Error {
  return new StorageTimeout(`socket timed out after ${ms} ms`)
}

/** Parses one response from the bytes read, and delivers its body without copying it. */
class ResponseReader implements BodySource {
  readonly head: Promise<StorageResponse>
  readonly finished: Promise<void>
  protocolError = false
  reusable = true
  private resolveHead!: (response: StorageResponse) => void
  private rejectHead!: (error: Error) => void
  private resolveFinished!: () => void
  private rejectFinished!: (error: Error) => void
  private headSeen = false
  private interim = 0
  private framing: Framing = { kind: 'none' }
  private batch: Buffer | undefined
  private filled = 0
  /** Where the unparsed head starts in the batch. */
  private headStart = 0
  private pieces: Buffer[] = []
  private held = 0
  private paused = false
  private ended = false
  private error: Error | undefined
  private deliver: ((pieces: Buffer[], done: () => void) => void) | undefined
  private activity: ((bytes: number) => void) | undefined
  private chunk = {
    state: 'size' as 'size' | 'data' | 'data-end' | 'trailer',
    line: '',
    remaining: 0,
    /** The CRLF after a chunk's data, still to come. */
    skip: 0,
    trailerBytes: 0
  }

  /**
   * The whole head must come within the timeout: the socket's idle timer alone never fires
   * for a head sent a byte at a time.
   */
  private readonly headDeadline: NodeJS.Timeout

  constructor(
    private readonly batches: BatchPool,
    private readonly socket: net.Socket,
    headTimeoutMs: number
  ) {
    this.headDeadline = setTimeout(() => {
      this.socket.destroy()
      this.fail(new StorageTimeout(`no complete response head within ${headTimeoutMs} ms`))
    }, headTimeoutMs)
    this.headDeadline.unref()
    this.head = new Promise((resolve, reject) => {
      this.resolveHead = resolve
      this.rejectHead = reject
    })
    this.finished = new Promise((resolve, reject) => {
      this.resolveFinished = resolve
      this.rejectFinished = reject
    })
    this.finished.catch(() => undefined)
  }

  /** Where the next read goes: the rest of the current batch, or a fresh one. */
  readInto(): Buffer {
    if (this.ended || this.error) return IDLE_BUFFER
    if (!this.batch || BATCH_BYTES - this.filled < MIN_READ_BYTES) this.nextBatch()
    return this.batch!.subarray(this.filled)
  }

  private nextBatch(): void {
    const fresh = this.batches.take()
    this.hold(fresh)
    const carry = this.headSeen ? undefined : this.batch?.subarray(this.headStart, this.filled)
    // A head that did not fit in the rest of the last batch moves to the start of the new one.
    const carried = carry ? carry.copy(fresh) : 0
    this.retire()
    this.batch = fresh
    this.filled = carried
    this.headStart = 0
  }

  onRead(bytes: number, buffer: Buffer): boolean {
    this.activity?.(bytes)
    if (this.ended || this.error) {
      // Bytes after the end of the response: the connection cannot be trusted again.
      this.protocolError = true
      this.reusable = false
      return false
    }
    if (
      !this.batch ||
      buffer.buffer !== this.batch.buffer ||
      buffer.byteOffset !== this.batch.byteOffset + this.filled
    ) {
      // Read into the idle buffer (the first bytes of a response): copy them into a batch.
      const target = this.readInto()
      buffer.copy(target, 0, 0, bytes)
    }
    const from = this.filled
    this.filled += bytes
    this.parse(from, this.filled)
    if (this.ended || this.error) return true
    if (this.headSeen && this.batch && BATCH_BYTES - this.filled < MIN_READ_BYTES) this.retire()
    else if (this.due()) this.handOn()
    return !this.paused
  }

  private parse(from: number, to: number): void {
    const batch = this.batch!
    let at = from
    if (!this.headSeen) {
      const end = batch.subarray(this.headStart, to).indexOf('\r\n\r\n')
      if ((end < 0 ? to - this.headStart : end) > MAX_HEAD_BYTES) {
        return this.protocolFailure(`response head longer than ${MAX_HEAD_BYTES / 1024} KiB`)
      }
      if (end < 0) return
      const head = batch.toString('latin1', this.headStart, this.headStart + end)
      at = this.headStart + end + 4
      if (!this.readHead(head)) {
        if (this.error) return
        // An interim 1xx answer: the real head follows.
        if (++this.interim > MAX_INTERIM) return this.protocolFailure('too many interim (1xx) answers')
        this.headStart = at
        return this.parse(at, to)
      }
      if (this.error) return
      const framing = this.framing
      if (framing.kind === 'none' || (framing.kind === 'length' && framing.remaining === 0)) {
        if (at < to) return this.overrun()
        return this.end()
      }
    }
    while (at < to && !this.ended && !this.error) {
      const framing = this.framing
      if (framing.kind === 'length') {
        const take = Math.min(framing.remaining, to - at)
        this.pieces.push(batch.subarray(at, at + take))
        framing.remaining -= take
        at += take
        if (framing.remaining === 0) {
          // More in the same read than the length said: the length is wrong, not the extra bytes.
          if (at < to) return this.overrun()
          this.end()
        }
      } else if (framing.kind === 'close') {
        this.pieces.push(batch.subarray(at, to))
        at = to
      } else if (framing.kind === 'chunked') {
        at = this.parseChunked(batch, at, to)
      } else {
        break
      }
    }
    if (at < to && this.ended) {
      // Bytes after the end of the response: the connection cannot be trusted again.
      this.protocolError = true
      this.reusable = false
    }
  }

  private parseChunked(batch: Buffer, at: number, to: number): number {
    const c = this.chunk
    while (at < to && !this.ended && !this.error) {
      if (c.state === 'data') {
        const take = Math.min(c.remaining, to - at)
        this.pieces.push(batch.subarray(at, at + take))
        c.remaining -= take
        at += take
        if (c.remaining === 0) {
          c.state = 'data-end'
          c.skip = 2
        }
      } else if (c.state === 'data-end') {
        // A chunk's data ends with CRLF; anything else means the framing is lost.
        if (batch[at] !== (c.skip === 2 ? 0x0d : 0x0a)) {
          this.protocolFailure('chunk data not followed by CRLF')
          continue
        }
        at++
        if (--c.skip === 0) c.state = 'size'
      } else {
        const newline = batch.indexOf(0x0a, at)
        const end = newline < 0 || newline >= to ? to : newline
        c.line += batch.toString('latin1', at, end)
        at = end
        if (c.line.length > MAX_HEAD_BYTES || c.trailerBytes + c.line.length > MAX_HEAD_BYTES) {
          this.protocolFailure(c.state === 'trailer' ? 'trailers too long' : 'chunk-size line too long')
          continue
        }
        if (newline < 0 || newline >= to) continue
        at++
        if (!c.line.endsWith('\r')) {
          this.protocolFailure('chunk line not ended by CRLF')
          continue
        }
        const line = c.line.slice(0, -1)
        c.line = ''
        if (c.state === 'trailer') {
          // Trailer fields are read past and dropped (RFC 9112 7.1.2: none is needed here).
          c.trailerBytes += line.length + 2
          if (line === '') {
            if (at < to) this.overrun()
            else this.end()
          }
          continue
        }
        // chunk-size [ chunk-ext ]: hex digits, at most 2^52 - 1 (a safe integer).
        const size = /^([0-9A-Fa-f]+)[ \t]*(?:;[^\0]*)?$/.exec(line)
        const digits = size?.[1].replace(/^0+(?=.)/, '')
        if (!digits || digits.length > 13) {
          this.protocolFailure(`bad chunk size '${line.slice(0, 40)}'`)
          continue
        }
        const bytes = parseInt(digits, 16)
        if (bytes === 0) c.state = 'trailer'
        else {
          c.state = 'data'
          c.remaining = bytes
        }
      }
    }
    return at
  }

  /**
   * Reads the status line and headers; false for an interim (1xx) answer. The body's framing
   * follows RFC 9112 6.3; what it calls an unrecoverable framing error (a Content-Length that
   * is not one number, Transfer-Encoding beside it or other than chunked) is refused, never
   * guessed at: a response the parser misreads could be taken for the next one.
   */
  private readHead(head: string): boolean {
    const [statusLine, ...lines] = head.split('\r\n')
    const status = /^HTTP\/1\.([01]) ([1-5]\d\d)(?: [^\r\n\0]*)?$/.exec(statusLine)
    if (!status) {
      this.protocolFailure('not an HTTP/1.1 status line')
      return true
    }
    const code = Number(status[2])
    if (code === 101) {
      this.protocolFailure('101 Switching Protocols, not asked for')
      return true
    }
    if (code < 200) return false
    const fields: Array<[string, string]> = []
    for (const line of lines) {
      if (/[\0\r\n]/.test(line)) {
        this.protocolFailure('a header line with CR, LF or NUL in it')
        return true
      }
      if (line.startsWith(' ') || line.startsWith('\t')) {
        // obs-fold (RFC 9112 5.2): a user agent replaces it with a space and reads on.
        if (fields.length === 0) {
          this.protocolFailure('a folded line before any header')
          return true
        }
        const last = fields[fields.length - 1]
        last[1] = `${last[1]} ${line.trim()}`.trim()
        continue
      }
      const colon = line.indexOf(':')
      const name = colon < 0 ? '' : line.slice(0, colon)
      if (!TOKEN.test(name)) {
        this.protocolFailure(`a malformed header line '${line.slice(0, 40)}'`)
        return true
      }
      fields.push([name.toLowerCase(), line.slice(colon + 1).trim()])
    }
    const headers: IncomingHttpHeaders = {}
    for (const [name, value] of fields) {
      const before = headers[name]
      headers[name] = before === undefined ? value : `${String(before)}, ${value}`
    }
    const http10 = status[1] === '0'
    const connection = String(headers.connection ?? '')
    if (/(^|,)\s*close\s*(,|$)/i.test(connection) || (http10 && !/(^|,)\s*keep-alive\s*(,|$)/i.test(connection))) {
      this.reusable = false
    }
    const framing = this.framingOf(code, headers, http10)
    if (typeof framing === 'string') {
      this.protocolFailure(framing)
      return true
    }
    this.headSeen = true
    clearTimeout(this.headDeadline)
    this.framing = framing
    if (framing.kind === 'close') this.reusable = false
    this.resolveHead({ status: code, headers, body: this })
    return true
  }

  /** How the body ends (RFC 9112 6.3), or why that cannot be told. */
  private framingOf(code: number, headers: IncomingHttpHeaders, http10: boolean): Framing | string {
    if (code === 204 || code === 304) return { kind: 'none' }
    const transfer = headers['transfer-encoding']
    const length = headers['content-length']
    if (transfer !== undefined) {
      if (length !== undefined) return 'both Transfer-Encoding and Content-Length'
      if (http10) return 'Transfer-Encoding in an HTTP/1.0 response'
      const codings = String(transfer)
        .split(',')
        .map((coding) => coding.trim().toLowerCase())
        .filter((coding) => coding !== '')
      // No transfer coding was asked for (no TE header): only chunked alone can be read.
      if (codings.length !== 1 || codings[0] !== 'chunked') return `Transfer-Encoding '${String(transfer)}'`
      return { kind: 'chunked' }
    }
    if (length !== undefined) {
      // A repeated Content-Length is allowed only with one value throughout (RFC 9110 8.6).
      const values = new Set(
        String(length)
          .split(',')
          .map((value) => value.trim())
      )
      const [value] = values
      if (values.size !== 1 || !/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
        return `Content-Length '${String(length).slice(0, 40)}'`
      }
      return { kind: 'length', remaining: Number(value) }
    }
    return { kind: 'close' }
  }

  /**
   * The body went on past where its framing said it ends, in the same read: the framing lied
   * (a Content-Length short of the body), so what was read is no file.
   */
  private overrun(): void {
    this.pieces = []
    this.protocolError = true
    this.reusable = false
    this.fail(new BodyOverrun(`storage sent more bytes than the response's framing (${this.framingName()}) said`))
    this.socket.destroy()
  }

  private framingName(): string {
    const framing = this.framing
    if (framing.kind === 'chunked') return 'chunked'
    return framing.kind === 'none' ? 'no body' : 'Content-Length'
  }

  private protocolFailure(message: string): void {
    this.protocolError = true
    this.reusable = false
    this.fail(new Error(`storage sent a malformed response (${message})`))
    this.socket.destroy()
  }

  private lastHandOn = Date.now()
  private due(): boolean {
    return this.pieces.length > 0 && Date.now() - this.lastHandOn >= HAND_ON_MS
  }
  /** Who still uses each batch: the reader (while reading into it) and each delivery of it. */
  private readonly holds = new Map<Buffer, number>()

  private hold(batch: Buffer): void {
    this.holds.set(batch, (this.holds.get(batch) ?? 0) + 1)
  }

  private unhold(batch: Buffer): void {
    const left = (this.holds.get(batch) ?? 1) - 1
    if (left > 0) this.holds.set(batch, left)
    else {
      this.holds.delete(batch)
      this.batches.give(batch)
    }
  }

  /** Hands the pieces read so far to the consumer; the batch stays the reading target. */
  private handOn(): void {
    this.lastHandOn = Date.now()
    const batch = this.batch
    if (!batch || this.pieces.length === 0 || !this.headSeen) return
    const pieces = this.pieces
    this.pieces = []
    this.hold(batch)
    this.held++
    if (this.held >= BATCHES_HELD) this.paused = true
    const done = (): void => {
      this.held--
      this.unhold(batch)
      if (this.paused && this.held < BATCHES_HELD) {
        this.paused = false
        if (!this.ended && !this.error) this.socket.resume()
      }
    }
    if (this.deliver) this.deliver(pieces, done)
    else this.waiting.push([pieces, done])
  }

  /** Hands on what is read, and stops reading into the batch. */
  private retire(): void {
    this.handOn()
    const batch = this.batch
    this.batch = undefined
    if (batch) this.unhold(batch)
  }

  private readonly waiting: Array<[Buffer[], () => void]> = []
  private ticker: NodeJS.Timeout | undefined

  private stopTicking(): void {
    clearInterval(this.ticker)
    this.ticker = undefined
  }

  private end(): void {
    this.ended = true
    clearTimeout(this.headDeadline)
    this.retire()
    this.stopTicking()
    this.settle()
  }

  fail(error: Error | undefined): void {
    if (this.ended || this.error) return
    if (this.framing.kind === 'close' && error === undefined && this.headSeen) return this.end()
    const cause =
      error ??
      Object.assign(new Error(this.headSeen ? 'connection closed before the body ended' : 'connection closed'), {
        code: 'ECONNRESET'
      })
    clearTimeout(this.headDeadline)
    this.error = Object.assign(cause, { beforeResponse: !this.headSeen && this.filled === 0 })
    this.reusable = false
    if (!this.headSeen) this.rejectHead(this.error)
    this.retire()
    this.stopTicking()
    this.settle()
  }

  private settle(): void {
    if (this.error) this.rejectFinished(this.error)
    else if (this.ended) this.resolveFinished()
  }

  pump(deliver: (pieces: Buffer[], done: () => void) => void, activity?: (bytes: number) => void): Promise<void> {
    this.deliver = deliver
    this.activity = activity
    // Between reads on a slow or stalled link, what has arrived is handed on regularly.
    if (!this.ended && !this.error) {
      this.ticker = setInterval(() => {
        if (this.due()) this.handOn()
      }, HAND_ON_MS)
      this.ticker.unref()
    }
    // The consumer watches for stalls itself (and reports them better than a socket timeout).
    if (activity) this.socket.setTimeout(0)
    // Bytes that came with the head, before anyone listened, count for the rate too.
    let early = 0
    for (const [pieces] of this.waiting) for (const piece of pieces) early += piece.length
    for (const piece of this.pieces) early += piece.length
    if (early > 0) activity?.(early)
    for (const [pieces, done] of this.waiting.splice(0)) deliver(pieces, done)
    return this.finished
  }

  destroy(error?: Error): void {
    // A response that has ended no longer owns the connection: it may carry another by now.
    if (this.ended || this.error) return
    this.reusable = false
    this.socket.destroy(error)
    this.fail(error ?? new Error('aborted'))
  }
}

/** The start of a body that is not the file (an error page), and what it is. */
export interface SmallBody {
  /** The bytes kept (at most the limit), as UTF-8 text. */
  text: string
  /** Bytes the body had, as far as it was read (at least the bytes kept). */
  size: number
  /** Not text: binary bytes, or a type that is no text; never quoted. */
  binary: boolean
  /** Its Content-Type, or 'no Content-Type'. */
  type: string
}

const TEXT_TYPE = /^(text\/|application\/(?:[\w.+-]*\+)?(?:xml|json)\b)/i

/**
 * At most `limit` bytes of a body (an error page); the rest is dropped. It counts as text if
 * its type says so (or none is given) and its bytes are UTF-8 without control characters.
 */
export async function readSmallBody(response: StorageResponse, limit = 64 * 1024): Promise<SmallBody> {
  const { bytes, size } = await readCapped(response.body, limit)
  const type = String(response.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // A cut at the limit may split a character: only the bytes before the last one need to be whole.
    text = bytes.toString('utf8')
    if (size <= limit || text.slice(0, -1).includes('\ufffd'))
      return { text: '', size, binary: true, type: type || 'no Content-Type' }
  }
  const binary = (type !== '' && !TEXT_TYPE.test(type)) || hasControlCharacters(text)
  return { text: binary ? '' : text, size, binary, type: type || 'no Content-Type' }
}

/** Control characters other than tab, line feed, form feed and carriage return: no text has them. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f) return true
  }
  return false
}

/** At most `limit` bytes of a body (an error page), as text; the rest is dropped. */
export async function readSmallText(body: BodySource, limit = 64 * 1024): Promise<string> {
  return (await readCapped(body, limit)).bytes.toString('utf8')
}

/** The first `limit` bytes of a body and its whole size; it is cut once past the limit. */
async function readCapped(body: BodySource, limit: number): Promise<{ bytes: Buffer; size: number }> {
  const kept: Buffer[] = []
  let size = 0
  await body
    .pump((pieces, done) => {
      for (const piece of pieces) {
        if (size < limit) kept.push(Buffer.from(piece.subarray(0, limit - size)))
        size += piece.length
      }
      done()
      if (size >= limit) body.destroy()
    })
    .catch(() => undefined)
  return { bytes: Buffer.concat(kept), size }
}
