// A forward proxy on loopback for tests: it sends every request, whatever host it names,
// to 127.0.0.1 on the same port, and records the hosts it was asked for. A URL host that
// does not resolve (e.g. studio.example.test) so works only through the proxy.
import { createServer, request } from 'node:http'
import { connect } from 'node:net'

export async function startProxy() {
  const seen = []
  const sockets = new Set()
  const server = createServer((req, res) => {
    const target = new URL(req.url)
    seen.push({ method: req.method, host: target.host, headers: req.headers })
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target.port || 80,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers
      },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connect', (req, client, head) => {
    seen.push({ method: 'CONNECT', host: req.url, headers: req.headers })
    const port = Number(req.url.split(':').pop())
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
  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)))
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () => {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
