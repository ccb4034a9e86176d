// Storage that lies (issue 17): the bundled action, run as the runner runs it, against a raw
// `net` server behind the signed URLs that writes exact bytes: malformed and hostile answers,
// objects that change between ranges, trickles and stalls, refusals that quote the signature.
// The URLs are no DVC content addresses, so no MD5 can catch a wrong byte: only the framing,
// the ranges and the ETags can. Each case asserts the exit code, the workspace (the right
// bytes or nothing), that no form of the signature or token reaches the log, and that the
// run ends by its own limits (small `timeout` and `retries`; no wall-clock assertion).
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { testBytes } from '../test-support/bytes.mjs'
import { runAction, type ActionRun } from '../test-support/run-action.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'

const REPO = 'https://github.com/acme/models'
const TOKEN = 'lies-test-token-4242'
// A SAS-like signature whose decoded form has '+', '/' and '=' in it.
const SIGNATURE = 'k9+Zq/Wx7r=Tt+Mm0pL3vN8/bb=='
const QUERY = `sv=2021-08-06&sr=b&sp=r&sig=${encodeURIComponent(SIGNATURE)}`
const FAST = { DVC_MODEL_ACTION_DELAY_SCALE: '0.001' }
/** Single streams only (no parts), unless a case asks for parts. */
const WHOLE = { DVC_MODEL_ACTION_PART_SIZE: '0' }

const small = testBytes(40_000, 71)
const big = testBytes(300 * 1024 + 77, 72)
const other = testBytes(big.length, 73)
const larger = testBytes(big.length + 5000, 74)

interface Request {
  path: string
  headers: Record<string, string>
  /** Requests of this path so far, from 0. */
  index: number
  /** Connection number, from 1. */
  connection: number
  socket: Socket
}

let storage: Server
let port: number
let connections: number
let requests: Request[]
let answer: (request: Request) => void
const sockets = new Set<Socket>()
const timers = new Set<NodeJS.Timeout>()
let standin: Standin

beforeEach(async () => {
  requests = []
  connections = 0
  storage = createServer((socket) => {
    const connection = ++connections
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
    let pending = ''
    socket.on('data', (data) => {
      pending += data.toString('latin1')
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const [line, ...fields] = pending.slice(0, end).split('\r\n')
        pending = pending.slice(end + 4)
        const headers: Record<string, string> = {}
        for (const field of fields) {
          const colon = field.indexOf(':')
          headers[field.slice(0, colon).trim().toLowerCase()] = field.slice(colon + 1).trim()
        }
        const path = line.split(' ')[1].split('?')[0]
        const index = requests.filter((r) => r.path === path).length
        const request = { path, headers, index, connection, socket }
        requests.push(request)
        answer(request)
      }
    })
  })
  await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', () => resolve()))
  port = (storage.address() as { port: number }).port
})
afterEach(async () => {
  for (const timer of timers) clearInterval(timer)
  timers.clear()
  for (const socket of sockets) socket.destroy()
  await new Promise((resolve) => storage.close(resolve))
  await standin?.stop()
})

/** Runs the action for a model whose files are served from the raw server at these paths. */
async function fetchModel(
  files: Record<string, string>,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<ActionRun> {
  standin = await startStandin({ token: TOKEN })
  const uris = Object.fromEntries(
    Object.entries(files).map(([key, path]) => [key, `http://127.0.0.1:${port}${path}?${QUERY}`])
  )
  standin.addVersion({ repo: REPO, name: 'm', version: 'v1', sign: async () => uris })
  return runAction({
    inputs: {
      name: 'm',
      repo: REPO,
      'studio-token': TOKEN,
      'studio-url': standin.studioUrl,
      cache: 'false',
      timeout: '1',
      retries: '1',
      ...inputs
    },
    env: { ...FAST, ...WHOLE, ...env }
  })
}

/** Writes a status line, headers and body exactly. */
function write(socket: Socket, status: string, headers: Record<string, string | number>, body: Buffer | string = '') {
  const head = [`HTTP/1.1 ${status}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)]
  socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]))
}

/** An honest storage: the object, whole or the range asked (`bytes=a-b` or `bytes=a-`), with `etag` if given. */
function honest(request: Request, bytes: Buffer, etag?: string): void {
  const tag: Record<string, string> = etag ? { ETag: etag } : {}
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '')
  if (!range) return write(request.socket, '200 OK', { 'Content-Length': bytes.length, ...tag }, bytes)
  const from = Number(range[1])
  const to = range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1
  write(
    request.socket,
    '206 Partial Content',
    { 'Content-Range': `bytes ${from}-${to}/${bytes.length}`, 'Content-Length': to - from + 1, ...tag },
    bytes.subarray(from, to + 1)
  )
}

/** Every form the signature and token could be printed in. */
const SECRET_FORMS = [
  SIGNATURE,
  encodeURIComponent(SIGNATURE),
  SIGNATURE.replace(/\+/g, ' '),
  TOKEN,
  'k9+Zq',
  'k9%2BZq'
]

function expectNoSecret(result: ActionRun): void {
  const log = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  for (const form of SECRET_FORMS) expect(log).not.toContain(form)
  expect(log).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/)
}

function expectFiles(result: ActionRun, files: Record<string, Buffer>): void {
  expect({ code: result.code, errors: result.stdout.match(/::error::.*/g) }).toEqual({ code: 0, errors: null })
  for (const [key, bytes] of Object.entries(files)) {
    expect(readFileSync(join(result.runner.workspace, key)).equals(bytes)).toBe(true)
  }
  const listed = readdirSync(result.runner.workspace, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(result.runner.workspace.length + 1))
  expect(listed.sort()).toEqual(Object.keys(files).sort())
  expectNoSecret(result)
}

/**
 * A clean failure: exit 1, one error paragraph naming the file (or, for a refusal, its URL
 * without the query), nothing in the workspace.
 */
function expectNothing(result: ActionRun, key: string, reason?: RegExp): string {
  expect(result.code).toBe(1)
  const errors = result.stdout.match(/::error::.*/g) ?? []
  expect(errors).toHaveLength(1)
  const error = errors[0] ?? ''
  const path = `/${key.split('/').pop()}`
  expect(error.includes(`'${key}'`) || error.includes(`http://127.0.0.1:${port}${path})`)).toBe(true)
  if (reason) expect(error).toMatch(reason)
  expect(readdirSync(result.runner.workspace)).toEqual([])
  expectNoSecret(result)
  return error
}

const A = { 'model/a.bin': '/a.bin' }
const BIG = { 'model/big.bin': '/big.bin' }

describe('malformed answers, every time: a clean failure, nothing left', () => {
  const cl = `Content-Length: ${small.length}`
  const cases: Array<[string, string | Buffer]> = [
    ['a status line that is not HTTP/1.x', 'HTX/1.1 200 OK\r\n\r\n'],
    ['101 Switching Protocols, not asked for', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n'],
    ['an endless run of interim 1xx answers', 'HTTP/1.1 100 Continue\r\n\r\n'.repeat(20)],
    ['a header line without a colon', `HTTP/1.1 200 OK\r\nno colon here\r\n${cl}\r\n\r\n`],
    ['a folded line before any header', `HTTP/1.1 200 OK\r\n folded\r\n${cl}\r\n\r\n`],
    ['headers over 16 KiB', `HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`],
    ['Transfer-Encoding beside Content-Length', `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n${cl}\r\n\r\n`],
    ['a Transfer-Encoding other than chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n'],
    ['two Content-Length values', 'HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\nabcd'],
    ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nabc'],
    ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'],
    ['chunk data not followed by CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX0\r\n\r\n'],
    ['a chunk line ended by a bare LF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n'],
    // Case 1: the length is 1000 bytes short and the rest follows in the same read.
    [
      'a Content-Length 1000 bytes short, the rest in the same read',
      Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${small.length - 1000}\r\n\r\n`), small])
    ],
    [
      'bytes after a chunked body in the same read',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nmore'
    ],
    ['a 204 for a file', 'HTTP/1.1 204 No Content\r\n\r\n'],
    [
      'a redirect to a location that is not http(s)',
      'HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/a.bin\r\nContent-Length: 0\r\n\r\n'
    ],
    ['a redirect to itself, forever', 'HTTP/1.1 302 Found\r\nLocation: /a.bin\r\nContent-Length: 0\r\n\r\n'],
    ['a head cut by a close', 'HTTP/1.1 200 OK\r\nContent-Le'],
    [
      'a body cut by a close, every time',
      Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\n${cl}\r\n\r\n`), small.subarray(0, 9000)])
    ]
  ]
  test.each(cases)('%s', async (_name, bytes) => {
    const closes = typeof bytes === 'string' ? !bytes.includes('Content-Length: 0') : true
    answer = (request) => {
      request.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes)
      // Framing that can no longer be trusted, or a cut: the server closes (as a broken one would).
      if (closes) request.socket.end()
    }
    const result = await fetchModel(A)
    expectNothing(result, 'model/a.bin')
  })
})

describe('hostile once, then honest: the right bytes', () => {
  const PARTS = { DVC_MODEL_ACTION_PART_SIZE: String(64 * 1024) }
  const cases: Array<[string, (request: Request) => void, RegExp, Record<string, string>?]> = [
    [
      'a Content-Length 1000 bytes short, the rest in the same read (case 1)',
      (request) => {
        request.socket.end(
          Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${small.length - 1000}\r\n\r\n`), small])
        )
      },
      /more bytes than the response's framing \(Content-Length\) said; starting over/
    ],
    [
      'a reset in the middle of the body',
      (request) => {
        request.socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${small.length}\r\nETag: "s"\r\n\r\n`)
        request.socket.write(small.subarray(0, 20_000), () => request.socket.resetAndDestroy())
      },
      /resuming at byte/
    ],
    [
      'a 503 with Retry-After',
      (request) => write(request.socket, '503 Slow Down', { 'Retry-After': '1', 'Content-Length': 4 }, 'busy'),
      /HTTP 503/
    ],
    [
      'a 206 with a wrong Content-Length for its range',
      (request) => {
        write(
          request.socket,
          '206 Partial Content',
          { 'Content-Range': `bytes 0-${small.length - 1}/${small.length}`, 'Content-Length': 10 },
          small.subarray(0, 10)
        )
      },
      /storage answered 40000 bytes \(0-39999\) with a Content-Length of 10/,
      // With parts on, the first request asks for a range: the 206 is an answer to it.
      PARTS
    ]
  ]
  test.each(cases)('%s', async (_name, hostile, retryLine, env = {}) => {
    answer = (request) => (request.index === 0 ? hostile(request) : honest(request, small, '"s"'))
    const result = await fetchModel(A, {}, env)
    expectFiles(result, { 'model/a.bin': small })
    expect(result.stdout).toMatch(/Retrying 'model\/a.bin'/)
    expect(result.stdout).toMatch(retryLine)
  })
})

describe('bytes of one object only', () => {
  test('parts answered from a new object (another ETag, If-Range ignored) restart from byte 0: the new object whole (case 2)', async () => {
    let swapped = false
    answer = (request) => {
      honest(request, swapped ? other : big, swapped ? '"two"' : '"one"')
      // From the first part on, storage holds a new object of the same size and name.
      swapped = true
    }
    const result = await fetchModel(BIG, {}, { DVC_MODEL_ACTION_PART_SIZE: String(64 * 1024) })
    expectFiles(result, { 'model/big.bin': other })
    expect(result.stdout).toMatch(/from another object \(its ETag changed\); starting over from byte 0/)
    // Every part after the restart asked for the new object.
    const last = requests.filter((r) => r.headers['if-range'] === '"two"')
    expect(last.length).toBeGreaterThanOrEqual(4)
  })

  test('a resume answered from a new object (another ETag) restarts from byte 0 (case 3)', async () => {
    answer = (request) => {
      if (request.index === 0) {
        request.socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\nETag: "one"\r\n\r\n`)
        request.socket.write(big.subarray(0, 100_000), () => request.socket.resetAndDestroy())
      } else honest(request, other, '"two"')
    }
    // The cut and the restart are two failures in a row: retries 2.
    const result = await fetchModel(BIG, { retries: '2' })
    expectFiles(result, { 'model/big.bin': other })
    expect(requests.map((r) => r.headers.range ?? '')).toEqual(['', 'bytes=100000-', ''])
    expect(requests[1].headers['if-range']).toBe('"one"')
    expect(result.stdout).toMatch(/its ETag changed\); starting over from byte 0/)
  })

  test('a resume answered from a new, larger object (no ETag) restarts from byte 0 instead of adopting the new size (case 4)', async () => {
    answer = (request) => {
      if (request.index === 0) {
        request.socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\n\r\n`)
        request.socket.write(big.subarray(0, 100_000), () => request.socket.resetAndDestroy())
      } else honest(request, larger)
    }
    const result = await fetchModel(BIG, { retries: '2' })
    expectFiles(result, { 'model/big.bin': larger })
    expect(result.stdout).toMatch(
      new RegExp(`its size changed from ${big.length} to ${larger.length} bytes\\); starting over from byte 0`)
    )
  })

  test('a resume whose 206 starts later than asked (its end right) is refused, never spliced', async () => {
    answer = (request) => {
      if (request.index === 0) {
        request.socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\nETag: "one"\r\n\r\n`)
        request.socket.write(big.subarray(0, 100_000), () => request.socket.resetAndDestroy())
      } else if (request.index === 1) {
        const from = 100_500
        write(
          request.socket,
          '206 Partial Content',
          {
            'Content-Range': `bytes ${from}-${big.length - 1}/${big.length}`,
            'Content-Length': big.length - from,
            ETag: '"one"'
          },
          big.subarray(from)
        )
      } else honest(request, big, '"one"')
    }
    const result = await fetchModel(BIG, { retries: '2' })
    expectFiles(result, { 'model/big.bin': big })
    expect(result.stdout).toMatch(/storage answered a different range than asked for; starting over/)
  })

  test('an answer for the next file written before its request is never taken for it (case 5)', async () => {
    const b = testBytes(small.length, 75)
    let first = true
    answer = (request) => {
      if (request.path === '/a.bin' && first) {
        first = false
        // A valid-looking answer of b's length, sent with a's (one write: it is on the connection
        // before the client can have asked for b, however busy the machine); on a reused
        // connection it would be read as b's. Read with a's end, it cannot be told from a's body
        // running past its Content-Length (case 1): a's attempt fails and is retried; read after
        // it, the idle connection is closed. Either way b comes from a connection of its own.
        request.socket.cork()
        honest(request, small)
        write(request.socket, '200 OK', { 'Content-Length': b.length }, Buffer.alloc(b.length, 0x78))
        request.socket.uncork()
      } else honest(request, request.path === '/a.bin' ? small : b)
    }
    const result = await fetchModel({ 'model/a.bin': '/a.bin', 'model/b.bin': '/b.bin' }, { concurrency: '1' })
    expectFiles(result, { 'model/a.bin': small, 'model/b.bin': b })
  })
})

describe('time limits', () => {
  test('a body trickling a byte every 100 ms is a stall (under the minimum rate), not a wait of hours (case 6)', async () => {
    answer = (request) => {
      request.socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${small.length}\r\n\r\n`)
      let at = 0
      const timer = setInterval(() => {
        if (request.socket.destroyed) return clearInterval(timer)
        request.socket.write(small.subarray(at, ++at))
      }, 100)
      timers.add(timer)
    }
    const result = await fetchModel(A)
    expectNothing(result, 'model/a.bin', /under the 512 bytes\/s a transfer must keep up/)
    expect(requests).toHaveLength(2)
  })

  test('a response head trickling a byte every 100 ms meets its deadline (case 7)', async () => {
    answer = (request) => {
      request.socket.write('HTTP/1.1 200 OK\r\nX-Slow: ')
      const timer = setInterval(() => {
        if (!request.socket.destroyed) request.socket.write('a')
      }, 100)
      timers.add(timer)
    }
    const result = await fetchModel(A)
    expectNothing(result, 'model/a.bin', /no complete response head within 1000 ms/)
  })

  test('16 KiB and then a stall, every time: progress each attempt, but at most 10 x retries attempts (case 8)', async () => {
    answer = (request) => {
      const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '')
      const from = range ? Number(range[1]) : 0
      const head = range
        ? `HTTP/1.1 206 Partial Content\r\nContent-Range: bytes ${from}-${big.length - 1}/${big.length}\r\nETag: "one"\r\n`
        : 'HTTP/1.1 200 OK\r\nETag: "one"\r\n'
      request.socket.write(`${head}Content-Length: ${big.length - from}\r\n\r\n`)
      request.socket.write(big.subarray(from, from + 16 * 1024))
    }
    const result = await fetchModel(BIG)
    expectNothing(
      result,
      'model/big.bin',
      /10 attempts failed, each after getting a little further \(the last: no data for 1\.0s\)\. Storage keeps sending part of the answer/
    )
    expect(requests).toHaveLength(10)
  })

  test('a healthy slow body (6 KB/s, twelve times the minimum rate) is not cut', async () => {
    const file = testBytes(8 * 1024, 76)
    answer = (request) => {
      request.socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${file.length}\r\n\r\n`)
      let at = 0
      const timer = setInterval(() => {
        if (request.socket.destroyed || at >= file.length) return clearInterval(timer)
        // 600 bytes a tick: even a window with one late tick in it is over the 512 the rate asks.
        request.socket.write(file.subarray(at, (at += 600)))
      }, 100)
      timers.add(timer)
    }
    const result = await fetchModel({ 'model/slow.bin': '/slow.bin' }, { retries: '0' })
    expectFiles(result, { 'model/slow.bin': file })
  })
})

describe('refusals: no secret in any form, no binary quoted', () => {
  test('a 403 quoting the signature URL-decoded shows neither form (case 9)', async () => {
    answer = (request) => {
      const text = `<?xml version="1.0"?><Error><Code>AuthenticationFailed</Code><Message>Signature did not match. sig=${SIGNATURE} sig=${encodeURIComponent(SIGNATURE)}</Message></Error>`
      write(
        request.socket,
        '403 Forbidden',
        { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(text) },
        text
      )
    }
    const error = expectNothing(await fetchModel(A), 'model/a.bin', /HTTP 403/)
    expect(error).toContain('AuthenticationFailed: Signature did not match. sig=*** sig=***')
  })

  test('a plain-text refusal quoting the signature decoded and form-decoded shows neither', async () => {
    answer = (request) => {
      const text = `denied: ${SIGNATURE} / ${SIGNATURE.replace(/\+/g, ' ')}`
      write(
        request.socket,
        '401 Unauthorized',
        { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) },
        text
      )
    }
    expectNothing(await fetchModel(A), 'model/a.bin', /HTTP 401/)
  })

  test('a binary refusal is described by size and type, not quoted', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    answer = (request) =>
      write(
        request.socket,
        '404 Not Found',
        { 'Content-Type': 'application/octet-stream', 'Content-Length': 256 },
        bytes
      )
    const error = expectNothing(await fetchModel(A), 'model/a.bin', /HTTP 404/)
    expect(error).toContain('with 256 B of application/octet-stream (not text, not shown).')
  })

  test('a 206 that nobody asked for, with a binary body, is refused without mojibake', async () => {
    answer = (request) =>
      write(
        request.socket,
        '206 Partial Content',
        { 'Content-Range': `bytes 0-99/${small.length}`, 'Content-Length': 100 },
        small.subarray(0, 100)
      )
    const error = expectNothing(await fetchModel(A), 'model/a.bin', /HTTP 206/)
    expect(error).toContain('with 100 B of no Content-Type (not text, not shown).')
  })
})
