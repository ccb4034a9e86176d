// A stand-in for DVC Studio's model registry API and for the storage behind its signed
// URLs, on loopback. Storage checks a signature over the raw URL (so a re-encoded query
// fails, as on S3), refuses requests with an Authorization header (S3: "Only one auth
// mechanism allowed"), honours Range, expires URLs, and injects faults on request.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { cutBody, cutsBody, FaultQueue, sleep } from './faults.mjs'
/** @import { IncomingMessage, ServerResponse, Server } from 'node:http' */
/** @import { Socket } from 'node:net' */
/** @import { Fault } from './faults.mjs' */

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} url
 * @property {import('node:http').IncomingHttpHeaders} headers
 */
/**
 * @typedef {object} StandinOptions
 * @property {string} [token]
 * @property {string} [prefix] Studio's path prefix, e.g. '/studio'
 * @property {number} [urlTtlSeconds]
 * @property {boolean} [ranges] storage honours Range
 * @property {'s3' | 'azure'} [signing]
 * @property {string} [publicHost] the host name in the URLs handed out (another than 127.0.0.1 needs the test proxy)
 * @property {number} [bytesPerSecond] pace each storage response to this rate (0: as fast as loopback goes)
 * @property {number} [studioRequestsPerSecond] Studio limits itself to this rate (a bucket of as many, refilled
 *   evenly), answering 429 with Retry-After beyond it, as a throttled API does (0: no limit)
 */
/**
 * @typedef {object} VersionSpec
 * @property {string} repo
 * @property {string} name
 * @property {string} version
 * @property {string[]} [stages]
 * @property {Record<string, Buffer | string>} [files] repo-relative path -> content
 * @property {'dvc3' | 'dvc2' | 'plain'} [layout] files/md5/ab/cd..., ab/cd..., or no content address
 * @property {() => Promise<Record<string, string>>} [sign] makes Studio's answer (URLs of real storage)
 */
/** @typedef {{ bytes: Buffer, path: string, md5: string }} StoredFile */
/** @typedef {{ version: string, stages: string[], files: Record<string, StoredFile>, sign?: VersionSpec['sign'] }} Version */

const SECRET = randomBytes(16)

/**
 * The MD5 DVC records: DVC 3 hashes raw bytes; DVC 2 turned CRLF into LF in text files.
 * @param {Buffer} bytes
 * @param {string} [layout]
 */
export function dvcMd5(bytes, layout) {
  const text = !bytes.subarray(0, 8000).includes(0)
  if (layout !== 'dvc2' || !text) return createHash('md5').update(bytes).digest('hex')
  // DVC 2: dos2unix on each 1 MiB read chunk on its own (file_md5 with LOCAL_CHUNK_SIZE).
  const hash = createHash('md5')
  for (let i = 0; i < bytes.length; i += 1 << 20) {
    const chunk = bytes.subarray(i, i + (1 << 20)).toString('latin1')
    hash.update(Buffer.from(chunk.replace(/\r\n/g, '\n'), 'latin1'))
  }
  return hash.digest('hex')
}

/** @param {string} a @param {string} b */
function compareSemver(a, b) {
  /** @param {string} v @returns {Array<number | string>} */
  const parse = (v) =>
    v
      .replace(/^v/, '')
      .split(/[.-]/)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
  const pa = parse(a)
  const pb = parse(b)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue
    if (pa[i] === undefined) return -1
    if (pb[i] === undefined) return 1
    return pa[i] < pb[i] ? -1 : 1
  }
  return 0
}

/** @param {Server} server @returns {Promise<number>} */
function listen(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port))
  )
}

/** Starts the stand-in. @param {StandinOptions} [options] */
export async function startStandin(options = {}) {
  const standin = new Standin(options)
  standin.studioPort = await listen(standin.studioServer)
  standin.storagePort = await listen(standin.storageServer)
  return standin
}

export class Standin {
  /** @param {StandinOptions} [options] */
  constructor({
    token = 'studio-test-token',
    prefix = '',
    urlTtlSeconds = 3600,
    ranges = true,
    signing = 's3',
    publicHost = '127.0.0.1',
    bytesPerSecond = 0,
    studioRequestsPerSecond = 0
  } = {}) {
    /** Studio's own rate limit (see StandinOptions): the bucket, and what it did. */
    this.studioLimit = {
      perSecond: studioRequestsPerSecond,
      tokens: studioRequestsPerSecond,
      refilledAt: Date.now(),
      /** 429s answered. */
      refused: 0,
      inFlight: 0,
      maxInFlight: 0,
      /**
       * When set, Studio holds every request until this many have come, then answers them all
       * (rate limit first) and holds nothing more: a matrix's jobs asking at the same moment.
       */
      holdUntil: 0,
      /** @type {Array<(now: number) => void>} */
      held: []
    }
    /** Pace each storage response to this rate (0: as fast as loopback goes), like a real link. */
    this.bytesPerSecond = bytesPerSecond
    this.token = token
    this.studioPort = 0
    this.storagePort = 0
    /** The host name in the URLs handed out (a name other than 127.0.0.1 needs the test proxy). */
    this.publicHost = publicHost
    this.inFlight = 0
    this.maxInFlight = 0
    /**
     * When set, storage holds every response until this many requests are open at once, then
     * answers them all and holds nothing more (the gate opens once).
     */
    this.holdUntilInFlight = 0
    /** @type {Array<() => void>} responses held until enough requests are open */
    this.held = []
    this.prefix = prefix.replace(/\/+$/, '')
    this.urlTtlSeconds = urlTtlSeconds
    this.ranges = ranges
    this.signing = signing
    /** @type {Map<string, Map<string, Version[]>>} repo -> name -> versions */
    this.models = new Map()
    /** @type {Map<string, Buffer>} storage path -> bytes */
    this.objects = new Map()
    this.faults = new FaultQueue()
    /** @type {Array<{ status: number, body: unknown, headers?: Record<string, string> }>} Canned Studio answers, used before the registry */
    this.studioAnswers = []
    /** @type {RecordedRequest[]} */
    this.studioRequests = []
    /** @type {RecordedRequest[]} */
    this.storageRequests = []
    /** @type {Set<Socket>} */
    this.sockets = new Set()
    this.studioServer = createServer((req, res) => this.serveStudio(req, res))
    this.storageServer = createServer((req, res) => this.serveStorage(req, res))
    for (const server of [this.studioServer, this.storageServer]) {
      server.on('connection', (socket) => {
        this.sockets.add(socket)
        socket.on('close', () => this.sockets.delete(socket))
      })
    }
  }

  get studioUrl() {
    return `http://${this.publicHost}:${this.studioPort}${this.prefix}`
  }

  get storageOrigin() {
    return `http://${this.publicHost}:${this.storagePort}`
  }

  /**
   * Registers a model version.
   * @param {VersionSpec} spec
   * @returns {Version}
   */
  addVersion({ repo, name, version, stages = [], files = {}, layout = 'dvc3', sign }) {
    const names = this.models.get(repo) ?? new Map()
    this.models.set(repo, names)
    const versions = names.get(name) ?? []
    /** @type {Version} */
    const entry = { version, stages, files: {}, sign }
    for (const [key, content] of Object.entries(files)) {
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content)
      const md5 = dvcMd5(bytes, layout)
      const path =
        layout === 'dvc3'
          ? `/remote/files/md5/${md5.slice(0, 2)}/${md5.slice(2)}`
          : layout === 'dvc2'
            ? `/remote/${md5.slice(0, 2)}/${md5.slice(2)}`
            : `/plain/${encodeURIComponent(key)}-${md5.slice(0, 8)}`
      this.objects.set(path, bytes)
      entry.files[key] = { bytes, path, md5 }
    }
    versions.push(entry)
    names.set(name, versions)
    return entry
  }

  /** The storage path serving a file of the most recently added versions. @param {string} key */
  pathOf(key) {
    for (const names of this.models.values()) {
      for (const versions of names.values()) {
        for (const v of [...versions].reverse()) if (v.files[key]) return v.files[key].path
      }
    }
    throw new Error(`no file ${key}`)
  }

  /**
   * Queues faults for the next requests of a file: each entry is used by one request.
   * @param {string} key
   * @param {...Fault} faults
   */
  inject(key, ...faults) {
    this.faults.add(this.pathOf(key), ...faults)
  }

  /** @param {string} path @param {number} [ttlSeconds] @param {number} [now] */
  sign(path, ttlSeconds = this.urlTtlSeconds, now = Date.now()) {
    if (this.signing === 'azure') {
      const se = new Date(now + ttlSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
      const unsigned = `${path}?sv=2021-08-06&se=${encodeURIComponent(se)}&sr=b&sp=r`
      const sig = createHmac('sha256', SECRET).update(unsigned).digest('base64')
      return `${this.storageOrigin}${unsigned}&sig=${encodeURIComponent(sig)}`
    }
    const date = new Date(now)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')
    const credential = encodeURIComponent(`AKIASTANDIN/${date.slice(0, 8)}/us-east-1/s3/aws4_request`)
    const unsigned = `${path}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-Date=${date}&X-Amz-Expires=${ttlSeconds}&X-Amz-SignedHeaders=host`
    const signature = createHmac('sha256', SECRET).update(unsigned).digest('hex')
    return `${this.storageOrigin}${unsigned}&X-Amz-Signature=${signature}`
  }

  /**
   * Checks the signature over the URL exactly as received; returns the refusal or undefined.
   * @param {string} rawUrl
   * @returns {{ status: number, code: string, message: string } | undefined}
   */
  verify(rawUrl) {
    const azure = /^(.*)&sig=([^&]*)$/.exec(rawUrl)
    if (azure) {
      const expected = encodeURIComponent(createHmac('sha256', SECRET).update(azure[1]).digest('base64'))
      if (azure[2] !== expected)
        return { status: 403, code: 'AuthenticationFailed', message: 'Signature did not match.' }
      const se = new URL(rawUrl, 'http://x').searchParams.get('se') ?? ''
      if (Date.parse(se) <= Date.now()) {
        return {
          status: 403,
          code: 'AuthenticationFailed',
          message: `Signed expiry time [${se}] has to be after signed start time` + ' - the signature has expired.'
        }
      }
      return undefined
    }
    const s3 = /^(.*)&X-Amz-Signature=([0-9a-f]*)$/.exec(rawUrl)
    if (!s3)
      return {
        status: 403,
        code: 'AccessDenied',
        message: 'Query-string authentication requires the Signature parameter.'
      }
    const expected = createHmac('sha256', SECRET).update(s3[1]).digest('hex')
    if (s3[2] !== expected) {
      return {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided.'
      }
    }
    const params = new URL(rawUrl, 'http://x').searchParams
    const d = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(params.get('X-Amz-Date') ?? '')
    if (!d) return { status: 403, code: 'AccessDenied', message: 'X-Amz-Date must be in the ISO8601 Long Format' }
    const issued = Date.UTC(+d[1], +d[2] - 1, +d[3], +d[4], +d[5], +d[6])
    if (issued + Number(params.get('X-Amz-Expires')) * 1000 <= Date.now()) {
      return { status: 403, code: 'AccessDenied', message: 'Request has expired' }
    }
    return undefined
  }

  /** @param {IncomingMessage} req @param {ServerResponse} res */
  serveStudio(req, res) {
    const reqUrl = req.url ?? '/'
    this.studioRequests.push({ method: req.method ?? 'GET', url: reqUrl, headers: req.headers })
    /** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
    const send = (status, body, headers = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body)
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json', ...headers })
      res.end(text)
    }
    const url = new URL(reqUrl, 'http://x')
    if (url.pathname !== `${this.prefix}/api/model-registry/get-download-uris`) return send(404, '<h1>Not Found</h1>')
    const limit = this.studioLimit
    limit.inFlight++
    limit.maxInFlight = Math.max(limit.maxInFlight, limit.inFlight)
    res.on('close', () => limit.inFlight--)
    if (limit.holdUntil > 0) {
      // Held until that many have asked; then answered in the order they came, rate limit first.
      limit.held.push((/** @type {number} */ now) => this.answerStudio(req, url, send, now))
      if (limit.held.length >= limit.holdUntil) {
        limit.holdUntil = 0
        // One moment for all: a busy machine may take a while to send fifty answers, and the
        // bucket must not refill in between.
        const now = Date.now()
        for (const answer of limit.held.splice(0)) answer(now)
      }
      return
    }
    this.answerStudio(req, url, send)
  }

  /**
   * Studio's answer to a request for a model's URLs, after its own rate limit.
   * @param {IncomingMessage} req @param {URL} url
   * @param {(status: number, body: unknown, headers?: Record<string, string>) => void} send
   * @param {number} [now] when the request counts as having come (held ones: all at once)
   */
  answerStudio(req, url, send, now = Date.now()) {
    const limit = this.studioLimit
    if (limit.perSecond > 0) {
      limit.tokens = Math.min(limit.perSecond, limit.tokens + ((now - limit.refilledAt) / 1000) * limit.perSecond)
      limit.refilledAt = now
      if (limit.tokens < 1) {
        limit.refused++
        const seconds = Math.max(1, Math.ceil((1 - limit.tokens) / limit.perSecond))
        return send(
          429,
          { detail: `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.` },
          { 'retry-after': String(seconds) }
        )
      }
      limit.tokens -= 1
    }
    if (req.headers.authorization !== `token ${this.token}`) {
      return send(401, { detail: 'Authentication credentials were not provided or are invalid.' })
    }
    const canned = this.studioAnswers.shift()
    if (canned) return send(canned.status, canned.body, canned.headers)
    const q = url.searchParams
    const repo = q.get('repo')
    const name = q.get('name')
    if (!repo || !name) return send(400, { detail: 'repo and name are required' })
    if (q.get('version') && q.get('stage')) return send(400, { detail: 'version and stage are mutually exclusive' })
    const versions = this.models.get(repo)?.get(name)
    if (!versions) return send(404, { detail: `Model '${name}' not found in ${repo}` })
    let chosen
    const stage = q.get('stage')
    if (q.get('version')) chosen = versions.find((v) => v.version === q.get('version'))
    else if (stage) chosen = [...versions].reverse().find((v) => v.stages.includes(stage))
    else chosen = [...versions].sort((a, b) => compareSemver(a.version, b.version)).at(-1)
    if (!chosen) return send(404, { detail: `No such version or stage for model '${name}'` })
    if (chosen.sign) {
      chosen.sign().then(
        (uris) => send(200, uris),
        (error) => send(500, { detail: String(error) })
      )
      return
    }
    send(200, Object.fromEntries(Object.entries(chosen.files).map(([key, f]) => [key, this.sign(f.path)])))
  }

  /** @param {IncomingMessage} req @param {ServerResponse} res */
  async serveStorage(req, res) {
    const reqUrl = req.url ?? '/'
    this.storageRequests.push({ method: req.method ?? 'GET', url: reqUrl, headers: req.headers })
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    res.on('close', () => this.inFlight--)
    /** @param {number} status @param {string} code @param {string} message */
    const xml = (status, code, message) => {
      res.writeHead(status, { 'content-type': 'application/xml' })
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`)
    }
    if (req.headers.authorization) {
      return xml(
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified'
      )
    }
    const path = reqUrl.split('?')[0]
    const bytes = this.objects.get(path)
    if (!bytes) return xml(404, 'NoSuchKey', 'The specified key does not exist.')
    const denied = this.verify(reqUrl)
    const fault = this.faults.take(path)
    if (fault.holdMs) await sleep(fault.holdMs)
    if (fault.redirectHost) {
      // A signed URL whose storage answers 302 to another host (a CDN, another region).
      res.writeHead(302, { location: `http://${fault.redirectHost}:${this.storagePort}${reqUrl}` })
      return res.end()
    }
    if (fault.expired) return xml(403, 'AccessDenied', 'Request has expired')
    if (denied) return xml(denied.status, denied.code, denied.message)
    if (this.holdUntilInFlight > 0 && this.inFlight < this.holdUntilInFlight) {
      // Overlap made certain, not likely: nothing is answered until enough requests are open.
      this.held.push(() => this.answer(req, res, path, bytes, fault))
      return
    }
    this.holdUntilInFlight = 0
    for (const release of this.held.splice(0)) release()
    this.answer(req, res, path, bytes, fault)
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   * @param {Buffer} bytes
   * @param {import('./faults.mjs').Fault} fault
   */
  answer(req, res, path, bytes, fault) {
    if (fault.status) {
      res.writeHead(fault.status, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {})
      return res.end(fault.body ?? `status ${fault.status}`)
    }
    let start = 0
    // A strong ETag (objects never change under a path here); If-Range with another one asks
    // for the whole object, as for a changed one.
    const etag = `"${createHash('md5').update(path).digest('hex')}"`
    const sameObject = !req.headers['if-range'] || req.headers['if-range'] === etag
    const range =
      this.ranges && !fault.ignoreRange && sameObject ? /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '') : null
    // One past the last byte sent: a closed range (bytes=a-b) ends early, as S3's does.
    let end = bytes.length
    if (range && Number(range[1]) >= bytes.length && (bytes.length === 0 || range[2] !== '')) {
      // As S3: no byte of the range exists (an empty object has no byte zero).
      res.writeHead(416, { 'content-range': `bytes */${bytes.length}`, 'content-type': 'application/xml' })
      return res.end(
        '<Error><Code>InvalidRange</Code><Message>The requested range is not satisfiable</Message></Error>'
      )
    }
    if (range && Number(range[1]) < bytes.length) {
      start = Number(range[1])
      if (range[2] !== '') end = Math.min(bytes.length, Number(range[2]) + 1)
    }
    // A broken server: the 206 names (and sends) a range starting elsewhere than asked.
    if (start > 0 && fault.rangeStartShift) start = Math.min(bytes.length - 1, start + fault.rangeStartShift)
    let body = bytes.subarray(start, end)
    if (fault.corrupt) {
      body = Buffer.from(body)
      body[body.length >> 1] ^= 0xff
    }
    /** @type {Record<string, string>} */
    const headers = {
      'content-length': String(body.length),
      'accept-ranges': this.ranges ? 'bytes' : 'none',
      'content-type': 'application/octet-stream',
      etag
    }
    const partial = start > 0 || end < bytes.length || (range !== null && range[2] !== '')
    // fault.wrongRange: a 206 for other bytes than asked (a broken cache or proxy in between).
    const shift = fault.wrongRange ? 1 : 0
    if (partial) headers['content-range'] = `bytes ${start + shift}-${end - 1 + shift}/${bytes.length}`
    res.writeHead(partial ? 206 : 200, headers)
    if (req.method === 'HEAD') return res.end()
    if (cutsBody(fault)) cutBody(req, res, fault, { length: body.length })
    const bytesPerSecond = fault.bytesPerSecond ?? this.bytesPerSecond
    if (bytesPerSecond > 0) return this.pace(res, body, bytesPerSecond)
    res.end(body)
  }

  /**
   * Sends the body in 64 KiB pieces, no faster than bytesPerSecond.
   * @param {ServerResponse} res @param {Buffer} body @param {number} bytesPerSecond
   */
  pace(res, body, bytesPerSecond) {
    const started = Date.now()
    let sent = 0
    const next = () => {
      while (sent < body.length) {
        const wait = started + (sent / bytesPerSecond) * 1000 - Date.now()
        if (wait > 0) {
          setTimeout(next, wait)
          return
        }
        const piece = body.subarray(sent, sent + 65536)
        sent += piece.length
        if (!res.write(piece)) {
          res.once('drain', next)
          return
        }
      }
      res.end()
    }
    res.on('close', () => (sent = body.length + 1))
    next()
  }

  async stop() {
    for (const socket of this.sockets) socket.destroy()
    await Promise.all(
      [this.studioServer, this.storageServer].map((s) => new Promise((r) => s.close(() => r(undefined))))
    )
  }
}
