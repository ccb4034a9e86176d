// A stand-in for GitHub's Actions cache service, v2 protocol (what @actions/cache speaks when
// ACTIONS_CACHE_SERVICE_V2 is set): Twirp JSON under
// /twirp/github.actions.results.api.v1.CacheService/, with the entries' archives as blobs in
// Azurite, reached through SAS URLs as on GitHub. Entries are scoped by key and version; a
// second CreateCacheEntry for the same pair is a 409; a lookup matches the key exactly, then
// each restore key as a prefix, newest entry first. Faults: `mode` 'unavailable' (503 to
// everything) or 'down' (connection refused), `refuseWrites` (a read-only token, as for pull
// requests from forks).
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { gunzipSync, gzipSync } from 'node:zlib'
import { startAzure } from './real-storage.mjs'
/** @import { AddressInfo, Socket } from 'node:net' */

/**
 * @typedef {object} CacheServiceRequest
 * @property {string} method
 * @property {Record<string, any> | undefined} body
 * @property {string | undefined} authorization
 * @property {number} [status]
 */
/**
 * @typedef {object} CacheEntry
 * @property {string} key
 * @property {string} version
 * @property {string} blob
 * @property {boolean} finalized
 * @property {number} created
 * @property {number} [sizeBytes]
 */
/** @typedef {Awaited<ReturnType<typeof startCacheService>>} CacheService */

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/'

/** @param {{ token?: string }} [options] */
export async function startCacheService({ token = 'actions-runtime-token-for-tests' } = {}) {
  const azure = await startAzure({})
  /** @type {Map<string, CacheEntry>} `${key}\0${version}` -> entry */
  const entries = new Map()
  /** @type {CacheServiceRequest[]} */
  const requests = []
  let created = 0
  /** @param {string} key */
  const newest = (key) => [...entries.values()].filter((e) => e.key === key).sort((a, b) => b.created - a.created)[0]
  const service = {
    token,
    azure,
    entries,
    /** { method, body, authorization, status } for each request. */
    requests,
    /** @type {'ok' | 'unavailable' | 'down'} */
    mode: 'ok',
    refuseWrites: false,
    url: '',
    /** The environment the runner gives a job that may use the service. */
    env() {
      return {
        ACTIONS_RESULTS_URL: `${service.url}/`,
        ACTIONS_RUNTIME_TOKEN: token,
        ACTIONS_CACHE_SERVICE_V2: 'true',
        RUNNER_ENVIRONMENT: 'github-hosted',
        GITHUB_SERVER_URL: 'https://github.com'
      }
    },
    /** Requests to storage for the archives (through Azurite's recorder). */
    get blobRequests() {
      return azure.requests
    },
    /**
     * Changes one byte of one file inside the newest entry with this key, leaving a valid
     * archive (so the action's own MD5 check has to catch it). Returns the file's name.
     * @param {string} key
     * @returns {Promise<string>}
     */
    async tamper(key) {
      const blob = azure.container.getBlockBlobClient(newest(key).blob)
      const archive = await blob.downloadToBuffer()
      const gzip = archive[0] === 0x1f && archive[1] === 0x8b
      const tar = gzip ? gunzipSync(archive) : execFileSync('zstd', ['-d', '-c'], { input: archive })
      let name = ''
      for (let at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
        const size =
          parseInt(
            tar
              .subarray(at + 124, at + 136)
              .toString()
              .replace(/\0.*$/s, '')
              .trim(),
            8
          ) || 0
        const type = String.fromCharCode(tar[at + 156])
        if ((type === '0' || type === '\0') && size > 0) {
          name = tar
            .subarray(at, at + 100)
            .toString()
            .replace(/\0.*$/s, '')
          tar[at + 512 + Math.floor(size / 2)] ^= 0xff
          break
        }
        at += 512 + Math.ceil(size / 512) * 512
      }
      await blob.uploadData(gzip ? gzipSync(tar) : execFileSync('zstd', ['-c'], { input: tar }))
      return name.split('/').pop() ?? name
    },
    /** Cuts the newest entry with this key to half its length. @param {string} key */
    async truncate(key) {
      const blob = azure.container.getBlockBlobClient(newest(key).blob)
      const bytes = await blob.downloadToBuffer()
      await blob.uploadData(bytes.subarray(0, Math.floor(bytes.length / 2)))
    },
    stop: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(() => resolve(undefined)))
      await azure.stop()
    }
  }

  /** @type {Set<Socket>} */
  const sockets = new Set()
  const server = createServer((req, res) => {
    const url = req.url ?? '/'
    let text = ''
    req.on('data', (d) => (text += d))
    req.on('end', () => {
      /** @type {CacheServiceRequest} */
      const record = { method: url.replace(SERVICE, ''), body: undefined, authorization: req.headers.authorization }
      requests.push(record)
      /** @param {number} status @param {unknown} body */
      const send = (status, body) => {
        record.status = status
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (service.mode === 'down') return req.socket.destroy()
      if (service.mode === 'unavailable') return send(503, { code: 'unavailable', msg: 'service unavailable' })
      if (req.method !== 'POST' || !url.startsWith(SERVICE)) return send(404, { code: 'bad_route', msg: url })
      if (req.headers.authorization !== `Bearer ${token}`) {
        return send(401, { code: 'unauthenticated', msg: 'invalid runtime token' })
      }
      let body
      try {
        body = JSON.parse(text)
      } catch {
        return send(400, { code: 'malformed', msg: 'body is not JSON' })
      }
      record.body = body
      handle(record.method, body, send).catch((error) => send(500, { code: 'internal', msg: String(error) }))
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  /**
   * @param {string} method
   * @param {Record<string, any>} body
   * @param {(status: number, body: unknown) => void} send
   */
  async function handle(method, body, send) {
    const id = `${body.key}\0${body.version}`
    switch (method) {
      case 'CreateCacheEntry': {
        if (service.refuseWrites) {
          return send(200, { ok: false, message: 'cache write denied: the token of this run is read-only' })
        }
        if (entries.has(id)) {
          return send(409, {
            code: 'already_exists',
            msg: 'cache entry with the same key, version, and scope already exists'
          })
        }
        const blob = `caches/${++created}.tzst`
        entries.set(id, { key: body.key, version: body.version, blob, finalized: false, created })
        return send(200, { ok: true, signed_upload_url: await azure.signWith(blob, 'cw') })
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = entries.get(id)
        if (!entry) return send(404, { code: 'not_found', msg: 'no such cache entry' })
        entry.finalized = true
        entry.sizeBytes = Number(body.size_bytes)
        return send(200, { ok: true, entry_id: String(entry.created) })
      }
      case 'GetCacheEntryDownloadURL': {
        const candidates = [...entries.values()]
          .filter((e) => e.finalized && e.version === body.version)
          .sort((a, b) => b.created - a.created)
        let match = candidates.find((e) => e.key === body.key)
        for (const prefix of /** @type {string[]} */ (body.restore_keys ?? []))
          match ??= candidates.find((e) => e.key.startsWith(prefix))
        if (!match) return send(200, { ok: false, signed_download_url: '', matched_key: '' })
        return send(200, { ok: true, signed_download_url: await azure.sign(match.blob), matched_key: match.key })
      }
      default:
        return send(404, { code: 'bad_route', msg: `no method ${method}` })
    }
  }

  /** @type {number} */
  const port = await new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(/** @type {AddressInfo} */ (server.address()).port))
  )
  service.url = `http://127.0.0.1:${port}`
  return service
}
