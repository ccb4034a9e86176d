// The direct receive path against real loopback servers: bodies by length, chunked and
// until close; kept-alive connections reused; a cut body delivered up to the cut; redirects
// followed to their target; proxies left to @actions/http-client; a consumer that holds
// batches pauses reading.
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { HttpPool } from '../src/common/http-pool.js'
import { StorageHttp } from '../src/transfer/storage-http.js'
import { startProxy } from '../test-support/proxy.mjs'

const body = Buffer.alloc(5 * 1024 * 1024 + 333)
for (let i = 0; i < body.length; i++) body[i] = (i * 13 + (i >> 11)) & 0xff
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex')

let server: Server
let base: string
let connections: number
const sockets = new Set<Socket>()
let handler: (req: IncomingMessage, res: ServerResponse) => void
let library: HttpPool
let http: StorageHttp

beforeEach(async () => {
  connections = 0
  server = createServer((req, res) => handler(req, res))
  server.on('connection', (s) => {
    connections++
    sockets.add(s)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  library = new HttpPool(10_000)
  http = new StorageHttp(library, 10_000)
})
afterEach(async () => {
  http.dispose()
  library.dispose()
  for (const s of sockets) s.destroy()
  await new Promise((r) => server.close(r))
})

async function receive(url: string, headers: Record<string, string> = {}) {
  const response = await http.get(url, headers)
  const pieces: Buffer[] = []
  let error: unknown
  await response.body
    .pump((delivered, done) => {
      pieces.push(Buffer.concat(delivered))
      done()
    })
    .catch((e: unknown) => (error = e))
  return { response, bytes: Buffer.concat(pieces), error }
}

test('bodies by Content-Length, chunked and until close arrive whole; the connection is kept', async () => {
  handler = (req, res) => {
    if (req.url === '/chunked') {
      res.writeHead(200)
      for (let i = 0; i < body.length; i += 70_001) res.write(body.subarray(i, i + 70_001))
      res.end()
    } else if (req.url === '/close') {
      res.writeHead(200, { connection: 'close' })
      res.end(body)
    } else {
      res.writeHead(req.headers.range ? 206 : 200, {
        'content-length': String(body.length),
        'x-seen-range': req.headers.range ?? ''
      })
      res.end(body)
    }
  }
  const plain = await receive(`${base}/file?X-Amz-Signature=abc%2Fdef`, { Range: 'bytes=0-' })
  expect(plain.response.status).toBe(206)
  expect(plain.response.headers['x-seen-range']).toBe('bytes=0-')
  expect(md5(plain.bytes)).toBe(md5(body))
  const chunked = await receive(`${base}/chunked`)
  expect(md5(chunked.bytes)).toBe(md5(body))
  expect(connections).toBe(1)
  const closing = await receive(`${base}/close`)
  expect(md5(closing.bytes)).toBe(md5(body))
  const again = await receive(`${base}/file`)
  expect(md5(again.bytes)).toBe(md5(body))
  // The server closed the third one; the fourth needed a new connection.
  expect(connections).toBe(2)
})

test('a body cut short is delivered up to the cut, then the pump rejects', async () => {
  handler = (_req, res) => {
    res.writeHead(200, { 'content-length': String(body.length) })
    res.write(body.subarray(0, 3_000_000), () => setTimeout(() => res.socket?.destroy(), 20))
  }
  const cut = await receive(`${base}/file`)
  expect(cut.error).toMatchObject({ code: 'ECONNRESET' })
  expect(cut.bytes.equals(body.subarray(0, 3_000_000))).toBe(true)
})

test('a redirect is followed to its target, headers kept', async () => {
  handler = (req, res) => {
    if (req.url === '/moved') {
      res.writeHead(307, { location: `${base}/file`, 'content-length': '0' })
      res.end()
      return
    }
    res.writeHead(206, { 'content-length': '5', 'x-seen-range': req.headers.range ?? '' })
    res.end('hello')
  }
  const moved = await receive(`${base}/moved`, { Range: 'bytes=1-5' })
  expect(moved.response.status).toBe(206)
  expect(moved.response.headers['x-seen-range']).toBe('bytes=1-5')
  expect(moved.bytes.toString()).toBe('hello')
})

test('with HTTP_PROXY set the request goes through the proxy', async () => {
  handler = (_req, res) => {
    res.writeHead(200, { 'content-length': String(body.length) })
    res.end(body)
  }
  const proxy = await startProxy()
  process.env.HTTP_PROXY = proxy.url
  try {
    const port = (server.address() as { port: number }).port
    const viaProxy = await receive(`http://storage.example.test:${port}/file`)
    expect(md5(viaProxy.bytes)).toBe(md5(body))
    expect(proxy.seen.map((s: { host: string }) => s.host)).toEqual([`storage.example.test:${port}`])
  } finally {
    delete process.env.HTTP_PROXY
    await proxy.stop()
  }
})

test('a consumer holding its batches pauses the reading: memory stays bounded', async () => {
  const large = Buffer.alloc(40 * 1024 * 1024, 7)
  handler = (_req, res) => {
    res.writeHead(200, { 'content-length': String(large.length) })
    res.end(large)
  }
  const response = await http.get(`${base}/large`)
  let held = 0
  let mostHeld = 0
  let received = 0
  await response.body.pump((pieces, done) => {
    held++
    mostHeld = Math.max(mostHeld, held)
    for (const piece of pieces) received += piece.length
    setTimeout(() => {
      held--
      done()
    }, 5)
  })
  expect(received).toBe(large.length)
  expect(mostHeld).toBeLessThanOrEqual(4)
})
