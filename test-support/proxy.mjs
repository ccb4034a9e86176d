// A forward proxy on loopback for tests: it sends every request, whatever host it names,
// to 127.0.0.1 on the same port, and records the hosts it was asked for. A URL host that
// does not resolve (e.g. studio.example.test) so works only through the proxy.
import { createServer, request } from 'node:http'
import { connect } from 'node:net'
/** @import { AddressInfo } from 'node:net' */
/** @import { Duplex } from 'node:stream' */
/** @import { IncomingHttpHeaders } from 'node:http' */

/** @typedef {{ method: string, host: string, headers: IncomingHttpHeaders }} ProxiedRequest */

export async function startProxy() {
  /** @type {ProxiedRequest[]} */
  const seen = []
  /** @type {Set<Duplex>} */
  const sockets = new Set()
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '')
    seen.push({ method: req.method ?? 'GET', host: target.host, headers: req.headers })
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target.port || 80,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connect', (req, client, head) => {
    const host = req.url ?? ''
    seen.push({ method: 'CONNECT', host, headers: req.headers })
    const port = Number(host.split(':').pop())
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    sockets.add(client).add(upstream)
  })
  server.on('connection', (s) => sockets.add(s))
  /** @type {number} */
  const port = await new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(/** @type {AddressInfo} */ (server.address()).port))
  )
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** @returns {Promise<void>} */
    stop: () => {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
