// A recording forwarder on loopback, put in front of a real storage server (s3rver, Azurite):
// it records every request's headers and the answer's status, forwards with the Host header
// the URL was signed for, and can cut a transfer mid-body or hold a request, once per path.
import { createServer, request } from 'node:http'

export async function startRecorder(upstreamPort) {
  const requests = []
  const cuts = new Map()
  const holds = new Map()
  const sockets = new Set()
  const server = createServer(async (req, res) => {
    const path = req.url.split('?')[0]
    const record = { method: req.method, url: req.url, path, headers: { ...req.headers }, status: 0 }
    requests.push(record)
    const hold = [...holds].find(([prefix]) => path.startsWith(prefix))
    if (hold) {
      holds.delete(hold[0])
      await new Promise((r) => setTimeout(r, hold[1]))
    }
    const cut = [...cuts].find(([prefix]) => path.startsWith(prefix))
    if (cut) cuts.delete(cut[0])
    const upstream = request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}` }
      },
      (answer) => {
        record.status = answer.statusCode
        res.writeHead(answer.statusCode, answer.headers)
        if (!cut || answer.statusCode >= 300) return answer.pipe(res)
        const limit = Math.floor(Number(answer.headers['content-length']) * cut[1])
        let sent = 0
        answer.on('data', (chunk) => {
          if (sent >= limit) return
          const part = chunk.subarray(0, limit - sent)
          sent += part.length
          res.write(part)
          if (sent >= limit) {
            record.cutAt = sent
            answer.destroy()
            setTimeout(() => req.socket.destroy(), 20)
          }
        })
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)))
  return {
    port,
    requests,
    /** The next response under this path prefix is cut after `fraction` of its body. */
    cutOnce: (prefix, fraction) => cuts.set(prefix, fraction),
    /** The next request under this path prefix waits `ms` before it is forwarded. */
    holdOnce: (prefix, ms) => holds.set(prefix, ms),
    /** A URL signed for the upstream, pointed at the recorder; the query is untouched. */
    route: (url) => url.replace(`//127.0.0.1:${upstreamPort}/`, `//127.0.0.1:${port}/`),
    stop: () => {
      for (const s of sockets) s.destroy()
      return new Promise((r) => server.close(() => r()))
    }
  }
}
