// The direct receive path against storage that misbehaves: raw loopback servers write exact
// bytes (malformed heads, bad framing, extra bytes, stalls, resets), and each answer must be
// refused with a clear error, or read as RFC 9112 says, never misread, grown without bound,
// or left to crash the process. TLS: SNI for host names only, certificates verified.
import { execFileSync, execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import ts from 'typescript'
import { createSecureContext, createServer as createTlsServer } from 'node:tls'
import { HttpPool } from '../src/common/http-pool.js'
import { BodyOverrun, StorageHttp } from '../src/transfer/storage-http.js'

interface Request {
  head: string
  /** The connection it came on, counted from 1. */
  connection: number
}

/** Answers each request by calling `answer` with the raw socket; records requests and closes. */
let answer: (socket: Socket, request: Request, index: number) => void
let server: Server
let port: number
let requests: Request[]
let connections: number
let closed: number[]
const sockets = new Set<Socket>()
let library: HttpPool
let http: StorageHttp

async function listen(host = '127.0.0.1'): Promise<void> {
  server = createServer((socket) => {
    const connection = ++connections
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => closed.push(connection))
    let pending = ''
    socket.on('data', (data) => {
      pending += data.toString('latin1')
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const request = { head: pending.slice(0, end), connection }
        pending = pending.slice(end + 4)
        requests.push(request)
        answer(socket, request, requests.length)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()))
  port = (server.address() as { port: number }).port
}

beforeEach(async () => {
  requests = []
  connections = 0
  closed = []
  await listen()
  library = new HttpPool(10_000)
  http = new StorageHttp(library, 10_000, true)
})
afterEach(async () => {
  http.dispose()
  library.dispose()
  for (const socket of sockets) socket.destroy()
  sockets.clear()
  await new Promise((resolve) => server.close(resolve))
})

const url = (path = '/file'): string => `http://127.0.0.1:${port}${path}`

async function receive(target = url(), headers: Record<string, string> = {}) {
  const response = await http.get(target, headers)
  const pieces: Buffer[] = []
  let error: (Error & { code?: string }) | undefined
  await response.body
    .pump((delivered, done) => {
      pieces.push(Buffer.concat(delivered))
      done()
    })
    .catch((e: Error) => (error = e))
  return { response, text: Buffer.concat(pieces).toString('latin1'), error }
}

/** Answers every request with these bytes, then (optionally) closes. */
function always(bytes: string, close = false): void {
  answer = (socket) => {
    socket.write(Buffer.from(bytes, 'latin1'))
    if (close) socket.end()
  }
}

const waitFor = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('the response head', () => {
  test('an endless status line is refused at 16 KiB, the connection closed', async () => {
    answer = (socket) => {
      socket.write('HTTP/1.1 200 ')
      const more = (): void => {
        if (!socket.destroyed) socket.write('x'.repeat(4096), more)
      }
      more()
    }
    await expect(http.get(url())).rejects.toThrow(/malformed response \(response head longer than 16 KiB\)/)
    await waitFor(() => closed.length === 1)
  })

  test('endless headers are refused at 16 KiB, even when they come in one read', async () => {
    const headers = Array.from({ length: 400 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(40)}\r\n`).join('')
    always(`HTTP/1.1 200 OK\r\n${headers}Content-Length: 2\r\n\r\nok`)
    await expect(http.get(url())).rejects.toThrow(/response head longer than 16 KiB/)
  })

  test('a folded header line is joined to the one before (RFC 9112 5.2), not read as a header', async () => {
    always('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Note: a\r\n Content-Length: 999\r\n\r\nhello')
    const folded = await receive()
    expect(folded.response.headers['x-note']).toBe('a Content-Length: 999')
    expect(folded.response.headers['content-length']).toBe('5')
    expect(folded.text).toBe('hello')
  })

  test('header lines that are not name: value are refused', async () => {
    always('HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello')
    await expect(http.get(url())).rejects.toThrow(/malformed header line/)
    always('HTTP/1.1 200 OK\r\nno colon here\r\nContent-Length: 5\r\n\r\nhello')
    await expect(http.get(url())).rejects.toThrow(/malformed header line/)
    always('HTTP/1.1 200 OK\r\nX-A: 1\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nhello')
    await expect(http.get(url())).rejects.toThrow(/CR, LF or NUL/)
  })

  test('a status line that is not HTTP/1.x NNN is refused', async () => {
    for (const line of ['HTTP/1.1 2000 OK', 'HTTP/2 200', 'HTTP/1.1 099 Low', 'ICY 200 OK']) {
      always(`${line}\r\nContent-Length: 0\r\n\r\n`)
      await expect(http.get(url())).rejects.toThrow(/not an HTTP\/1.1 status line/)
    }
  })

  test('interim 1xx answers are skipped to the final one; an endless run of them is refused', async () => {
    always(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'
    )
    const final = await receive()
    expect(final.response.status).toBe(200)
    expect(final.text).toBe('hello')
    always('HTTP/1.1 100 Continue\r\n\r\n'.repeat(40))
    await expect(http.get(url())).rejects.toThrow(/too many interim/)
    always('HTTP/1.1 101 Switching Protocols\r\nUpgrade: evil\r\n\r\n')
    await expect(http.get(url())).rejects.toThrow(/101 Switching Protocols/)
  })

  test('a server that stalls in the middle of the head fails with a timeout, not a hang', async () => {
    http = new StorageHttp(library, 300, true)
    answer = (socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Le')
    await expect(http.get(url())).rejects.toMatchObject({ code: 'ETIMEDOUT' })
  })

  test('a head that trickles a byte at a time meets the same deadline: the idle timer alone never fires', async () => {
    http = new StorageHttp(library, 300, true)
    const timers: NodeJS.Timeout[] = []
    answer = (socket) => {
      socket.write('HTTP/1.1 200 OK\r\nX-Slow: ')
      timers.push(setInterval(() => socket.destroyed || socket.write('a'), 50))
    }
    try {
      await expect(http.get(url())).rejects.toMatchObject({
        code: 'ETIMEDOUT',
        message: 'no complete response head within 300 ms'
      })
    } finally {
      for (const timer of timers) clearInterval(timer)
    }
  })

  test('a server closing in the middle of the head is a connection failure (ECONNRESET)', async () => {
    always('HTTP/1.1 200 OK\r\nContent-Le', true)
    await expect(http.get(url())).rejects.toMatchObject({ code: 'ECONNRESET' })
  })
})

describe('the body framing (RFC 9112 6.3)', () => {
  test('Content-Length repeated with one value is read; with two values it is refused', async () => {
    always('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello')
    expect((await receive()).text).toBe('hello')
    always('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 11\r\n\r\nhello world')
    await expect(http.get(url())).rejects.toThrow(/malformed response \(Content-Length '5, 11'\)/)
    always('HTTP/1.1 200 OK\r\nContent-Length: 5, 11\r\n\r\nhello world')
    await expect(http.get(url())).rejects.toThrow(/Content-Length '5, 11'/)
  })

  test('a negative, non-numeric or unsafe Content-Length is refused, not read until close', async () => {
    for (const length of ['-1', 'abc', '1e3', '0x10', '', '+5', '99999999999999999999']) {
      always(`HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\n\r\nhello`, true)
      await expect(http.get(url())).rejects.toThrow(/malformed response \(Content-Length/)
    }
  })

  test('Transfer-Encoding beside Content-Length, or other than chunked, is refused', async () => {
    always('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n')
    await expect(http.get(url())).rejects.toThrow(/both Transfer-Encoding and Content-Length/)
    always('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n')
    await expect(http.get(url())).rejects.toThrow(/Transfer-Encoding 'gzip, chunked'/)
    always('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n', true)
    await expect(http.get(url())).rejects.toThrow(/Transfer-Encoding 'chunked, identity'/)
    always('HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n', true)
    await expect(http.get(url())).rejects.toThrow(/Transfer-Encoding in an HTTP\/1.0 response/)
  })

  test('chunk sizes that are huge, negative or not hex are refused; extensions are read past', async () => {
    const chunked = (body: string): void => always(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${body}`, true)
    for (const size of ['fffffffffffffffffff', '-5', 'zz', '0x5', '5 5', '']) {
      chunked(`${size}\r\nhello\r\n0\r\n\r\n`)
      const bad = await receive()
      expect(bad.error?.message).toMatch(/malformed response \(bad chunk size/)
      expect(bad.text).toBe('')
    }
    chunked('5;name=value\r\nhello\r\n6 ; quoted="a;b"\r\n world\r\n0000\r\n\r\n')
    const extended = await receive()
    expect(extended.error).toBeUndefined()
    expect(extended.text).toBe('hello world')
  })

  test('chunk data not followed by CRLF, or lines ended by a bare LF, are refused', async () => {
    always('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n', true)
    expect((await receive()).error?.message).toMatch(/chunk data not followed by CRLF/)
    always('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n', true)
    expect((await receive()).error?.message).toMatch(/chunk line not ended by CRLF/)
  })

  test('an endless chunk-size line or endless trailers are refused at 16 KiB', async () => {
    always(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;${'e'.repeat(20_000)}`)
    expect((await receive()).error?.message).toMatch(/chunk-size line too long/)
    const trailers = Array.from({ length: 1000 }, (_, i) => `X-T-${i}: ${'t'.repeat(30)}\r\n`).join('')
    always(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n${trailers}`)
    expect((await receive()).error?.message).toMatch(/trailers too long/)
  })

  test('a chunked body with trailers ends after them; the connection is used again', async () => {
    always(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-More: 1\r\n\r\n'
    )
    expect((await receive()).text).toBe('hello')
    expect((await receive()).text).toBe('hello')
    expect(connections).toBe(1)
  })

  test('a server closing in the middle of a chunk is a connection failure after the bytes it sent', async () => {
    always('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\na\r\nworl', true)
    const cut = await receive()
    expect(cut.error).toMatchObject({ code: 'ECONNRESET' })
    expect(cut.text).toBe('helloworl')
  })

  test('204 and 304 have no body, whatever their headers say; the connection is kept', async () => {
    answer = (socket, _request, index) => {
      if (index === 1) socket.write('HTTP/1.1 204 No Content\r\n\r\n')
      else if (index === 2) socket.write('HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n')
      else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    }
    expect((await receive()).response.status).toBe(204)
    expect((await receive()).response.status).toBe(304)
    expect((await receive()).text).toBe('ok')
    expect(connections).toBe(1)
  })
})

describe('keep-alive', () => {
  test('bytes beyond Content-Length in the same read fail that body (the length lied) and are not read as the next response', async () => {
    answer = (socket, request) => {
      if (request.connection === 1) {
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil'
        )
      } else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngood')
    }
    const first = await receive()
    expect(first.error).toBeInstanceOf(BodyOverrun)
    expect(first.text).toBe('')
    expect((await receive()).text).toBe('good')
    expect(connections).toBe(2)
  })

  test('bytes arriving on an idle kept-alive connection close it', async () => {
    answer = (socket, request) => {
      if (request.connection === 1) {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello')
        setTimeout(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil'), 20)
      } else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngood')
    }
    expect((await receive()).text).toBe('hello')
    await waitFor(() => closed.includes(1))
    expect((await receive()).text).toBe('good')
  })

  test('an answer that arrived before its request was written is never read as its answer', async () => {
    answer = (socket, request) => {
      if (request.connection === 1 && request.head.startsWith('GET /first')) {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello')
        // The next answer, before the next request: a separate segment, read after the first.
        setTimeout(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil'), 10)
      } else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngood')
    }
    const first = await http.get(url('/first'))
    await first.body.pump((_pieces, done) => done())
    // The event loop does not turn until the next request is written (as when a worker takes
    // the next file at once), while the early answer lands in the socket's receive buffer.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
    const second = await receive(url('/second'))
    expect(second.text).toBe('good')
    expect(connections).toBe(2)
  })

  test('destroying a body that has ended leaves the connection alone: it may carry the next response', async () => {
    let rest: (() => void) | undefined
    answer = (socket, _request, index) => {
      if (index === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst')
      else {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsec')
        rest = () => socket.write('ond')
      }
    }
    const first = await receive()
    expect(first.text).toBe('first')
    const second = await http.get(url())
    first.response.body.destroy()
    await waitFor(() => rest !== undefined)
    rest!()
    const pieces: Buffer[] = []
    await second.body.pump((delivered, done) => {
      pieces.push(...delivered.map((piece) => Buffer.from(piece)))
      done()
    })
    expect(Buffer.concat(pieces).toString()).toBe('second')
    expect(connections).toBe(1)
  })

  test('Connection: close and HTTP/1.0 are honoured: the next request opens a new connection', async () => {
    answer = (socket, _request, index) => {
      if (index === 1) socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok')
      else if (index === 2) socket.write('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok')
      else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    }
    for (let i = 0; i < 3; i++) expect((await receive()).text).toBe('ok')
    expect(connections).toBe(3)
  })

  test('a reset of an idle pooled connection is handled: no crash, the next request works', async () => {
    answer = (socket, request) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
      if (request.connection === 1) setTimeout(() => socket.resetAndDestroy(), 20)
    }
    const errors: unknown[] = []
    const record = (error: unknown): number => errors.push(error)
    process.on('uncaughtException', record)
    try {
      expect((await receive()).text).toBe('ok')
      await waitFor(() => closed.includes(1))
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect((await receive()).text).toBe('ok')
      expect(errors).toEqual([])
      expect(connections).toBe(2)
    } finally {
      process.off('uncaughtException', record)
    }
  })

  test('a pooled connection the server half-closed is not used again; requests in a row all work', async () => {
    answer = (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    for (let i = 0; i < 5; i++) expect((await receive()).text).toBe('ok')
    expect(connections).toBe(5)
    // Closed connections leave the pool (nothing kept per connection ever opened).
    const open = (http as unknown as { open: Set<unknown> }).open
    await waitFor(() => open.size === 0)
  })

  test('an IPv6 literal host is connected to, with its brackets in the Host header', async () => {
    server.close()
    try {
      await listen('::1')
    } catch {
      return // No IPv6 loopback on this machine.
    }
    always('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    expect((await receive(`http://[::1]:${port}/file`)).text).toBe('ok')
    expect(requests[0].head).toContain(`\r\nHost: [::1]:${port}\r\n`)
  })
})

describe('redirects', () => {
  test('a header value with CR or LF (an ETag repeated in If-Range) is never sent', async () => {
    always('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    await expect(http.get(url(), { 'If-Range': '"e"\r\nX-Injected: 1' })).rejects.toThrow(
      /refused to send the request header 'If-Range'/
    )
    await expect(http.get(url(), { 'If-Range': '"e"\nGET /other HTTP/1.1' })).rejects.toThrow(/If-Range/)
    expect(requests).toEqual([])
    expect((await receive()).text).toBe('ok')
  })

  test('a redirect loop is bounded: after 50 hops the redirect itself is the answer', async () => {
    always('HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n')
    const looped = await http.get(url())
    expect(looped.status).toBe(302)
    expect(requests.length).toBe(51)
  })

  test('a relative Location is resolved against the URL asked for', async () => {
    answer = (socket, request) => {
      if (request.head.startsWith('GET /a/b?sig=1 ')) {
        socket.write('HTTP/1.1 301 Moved\r\nLocation: ../c?sig=2\r\nContent-Length: 0\r\n\r\n')
      } else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    }
    expect((await receive(url('/a/b?sig=1'))).text).toBe('ok')
    expect(requests[1].head.split('\r\n')[0]).toBe('GET /c?sig=2 HTTP/1.1')
  })

  test('a redirect to another host carries only the range headers, no credential', async () => {
    answer = (socket, request) => {
      if (request.head.includes(`Host: 127.0.0.1:`)) {
        socket.write(`HTTP/1.1 307 Moved\r\nLocation: http://localhost:${port}/there\r\nContent-Length: 0\r\n\r\n`)
      } else socket.write('HTTP/1.1 206 Partial\r\nContent-Length: 2\r\n\r\nok')
    }
    expect((await receive(url(), { Range: 'bytes=0-1', 'If-Range': '"e1"' })).text).toBe('ok')
    const names = requests[1].head
      .split('\r\n')
      .slice(1)
      .map((line) => line.slice(0, line.indexOf(':')).toLowerCase())
    expect(names.sort()).toEqual(['connection', 'host', 'if-range', 'range', 'user-agent'])
  })

  test('a redirect to something other than http(s) is refused', async () => {
    for (const location of ['file:///etc/passwd', 'ftp://example.test/x', 'http://[bad']) {
      always(`HTTP/1.1 302 Found\r\nLocation: ${location}\r\nContent-Length: 0\r\n\r\n`)
      await expect(http.get(url())).rejects.toThrow(/redirected to a location that is not an http\(s\) URL/)
    }
  })
})

describe('TLS', () => {
  let dir: string
  let key: Buffer
  let cert: Buffer
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'storage-tls-'))
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
        ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']
      ],
      { stdio: 'ignore' }
    )
    key = readFileSync(join(dir, 'key.pem'))
    cert = readFileSync(join(dir, 'cert.pem'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('SNI names the host for a host name and is left out for an IP literal; certificates are verified', async () => {
    const names: string[] = []
    let tlsConnections = 0
    const context = createSecureContext({ key, cert })
    const tlsServer = createTlsServer(
      {
        key,
        cert,
        SNICallback: (name, done) => {
          names.push(name)
          done(null, context)
        }
      },
      (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    )
    tlsServer.on('connection', () => tlsConnections++)
    tlsServer.on('tlsClientError', () => undefined)
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', () => resolve()))
    const tlsPort = (tlsServer.address() as { port: number }).port
    try {
      // This process does not trust the certificate: both are refused, after the handshake began.
      await expect(http.get(`https://localhost:${tlsPort}/f`)).rejects.toMatchObject({
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT'
      })
      await expect(http.get(`https://127.0.0.1:${tlsPort}/f`)).rejects.toMatchObject({
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT'
      })
      expect(names).toEqual(['localhost'])
      expect(tlsConnections).toBe(2)
    } finally {
      await new Promise((resolve) => tlsServer.close(resolve))
    }
  })

  /**
   * What needs a trusted certificate runs in a child process started with NODE_EXTRA_CA_CERTS
   * (read only at start-up), on this module compiled as it is (no bundle needed).
   */
  async function inTrustingProcess(script: string): Promise<string> {
    const out = mkdtempSync(join(process.cwd(), 'node_modules', '.storage-http-test-'))
    try {
      writeFileSync(join(out, 'package.json'), '{"type":"module"}')
      for (const name of ['transfer/storage-http', 'common/settings']) {
        mkdirSync(join(out, dirname(name)), { recursive: true })
        const source = readFileSync(join(process.cwd(), 'src', `${name}.ts`), 'utf8')
        const compiled = ts.transpileModule(source, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
        })
        writeFileSync(join(out, `${name}.js`), compiled.outputText)
      }
      writeFileSync(join(out, 'run.js'), script)
      return await new Promise((resolve, reject) =>
        execFile(
          process.execPath,
          [join(out, 'run.js')],
          { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') } },
          (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))
        )
      )
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }

  test('with NODE_EXTRA_CA_CERTS the certificate is trusted; a redirect from https to http is refused', async () => {
    always('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nhttp')
    const tlsServer = createTlsServer({ key, cert }, (socket) => {
      socket.on('data', (data) => {
        const path = data.toString('latin1').split(' ')[1]
        if (path === '/direct') socket.write('HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\ntls ok')
        else socket.write(`HTTP/1.1 302 Found\r\nLocation: ${url('/plain')}\r\nContent-Length: 0\r\n\r\n`)
      })
    })
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', () => resolve()))
    const tlsPort = (tlsServer.address() as { port: number }).port
    try {
      const output = await inTrustingProcess(`
        import { StorageHttp } from './transfer/storage-http.js'
        const http = new StorageHttp(undefined, 10000, true)
        for (const host of ['localhost', '127.0.0.1']) {
          const response = await http.get('https://' + host + ':${tlsPort}/direct')
          const pieces = []
          await response.body.pump((delivered, done) => { pieces.push(...delivered.map((b) => Buffer.from(b))); done() })
          console.log(host, response.status, Buffer.concat(pieces).toString())
        }
        await http.get('https://localhost:${tlsPort}/moved').then(
          (response) => console.log('followed', response.status),
          (error) => console.log('refused:', error.message)
        )
        http.dispose()
      `)
      expect(output.trim().split('\n')).toEqual([
        'localhost 200 tls ok',
        '127.0.0.1 200 tls ok',
        'refused: Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons.'
      ])
      expect(requests).toEqual([])
    } finally {
      await new Promise((resolve) => tlsServer.close(resolve))
    }
  })
})
