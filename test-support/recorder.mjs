// A recording forwarder on loopback, put in front of a real storage server (s3rver, Azurite):
// it records every request's headers and the answer's status, forwards with the Host header
// the URL was signed for, and applies the faults queued for a path (test-support/faults.mjs).
import { createServer, request } from 'node:http'
import { cutBody, cutsBody, FaultQueue, sleep } from './faults.mjs'
/** @import { AddressInfo, Socket } from 'node:net' */
/** @import { IncomingHttpHeaders } from 'node:http' */
/** @import { Fault } from './faults.mjs' */

/**
 * One request that reached storage, with the status it was answered and, when a fault cut the
 * body, how many bytes were sent.
 * @typedef {object} RecordedExchange
 * @property {string} method
 * @property {string} url
 * @property {string} path
 * @property {IncomingHttpHeaders} headers
 * @property {number} status
 * @property {number} [cutAt]
 */

/**
 * Starts a forwarder to 127.0.0.1:upstreamPort.
 * @param {number} upstreamPort
 */
export async function startRecorder(upstreamPort) {
  /** @type {RecordedExchange[]} */
  const requests = []
  const faults = new FaultQueue()
  /** @type {Set<Socket>} */
  const sockets = new Set()
  const server = createServer(async (req, res) => {
    const url = req.url ?? '/'
    const path = url.split('?')[0]
    /** @type {RecordedExchange} */
    const record = { method: req.method ?? 'GET', url, path, headers: { ...req.headers }, status: 0 }
    requests.push(record)
    const fault = faults.take(path)
    if (fault.holdMs) await sleep(fault.holdMs)
    if (fault.status) {
      record.status = fault.status
      res.writeHead(fault.status, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {})
      res.end(fault.body ?? `status ${fault.status}`)
      return
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: req.method,
        path: url,
        headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}` }
      },
      (answer) => {
        record.status = answer.statusCode ?? 0
        res.writeHead(record.status, answer.headers)
        if (cutsBody(fault) && record.status < 300) {
          cutBody(req, res, fault, {
            length: Number(answer.headers['content-length']),
            onCut: (sent) => (record.cutAt = sent)
          })
        }
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  /** @type {number} */
  const port = await new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(/** @type {AddressInfo} */ (server.address()).port))
  )
  return {
    port,
    requests,
    /**
     * Queues faults for the next requests of this exact path, one each.
     * @param {string} path
     * @param {...Fault} queued
     */
    inject: (path, ...queued) => faults.add(path, ...queued),
    /** A URL signed for the upstream, pointed at the recorder; the query is untouched. @param {string} url */
    route: (url) => url.replace(`//127.0.0.1:${upstreamPort}/`, `//127.0.0.1:${port}/`),
    /** @returns {Promise<void>} */
    stop: () => {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
