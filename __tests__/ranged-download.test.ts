// The ranged engine on its own, against the storage stand-in over real HTTP: parts land at
// their offsets, the MD5 sees the bytes in order, each part is retried and resumed alone,
// and no more connections are open than the budget allows.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConnectionBudget } from '../src/transfer/connection-budget.js'
import { ActionError } from '../src/common/errors.js'
import { HttpPool } from '../src/common/http-pool.js'
import { Md5Threads } from '../src/files/md5-threads.js'
import { RestartFromZero, downloadRanged, type RangedDownload } from '../src/transfer/ranged-download.js'
import { RetryPolicy } from '../src/common/retry.js'
import { StorageHttp } from '../src/transfer/storage-http.js'
import { startStandin, type Standin } from '../test-support/standin.mjs'
import { holdStdout } from '../test-support/stdout.mjs'

const PART = 256 * 1024
const content = Buffer.alloc(5 * PART + 4321)
for (let i = 0; i < content.length; i++) content[i] = (i * 7 + (i >> 9)) & 0xff
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex')

let standin: Standin
let library: HttpPool
let http: StorageHttp
let dir: string
beforeEach(async () => {
  standin = await startStandin({ bytesPerSecond: 20 * 2 ** 20 })
  standin.addVersion({ repo: 'r', name: 'm', version: 'v1', files: { 'big.bin': content } })
  library = new HttpPool(10_000)
  http = new StorageHttp(library, 10_000)
  dir = mkdtempSync(join(tmpdir(), 'ranged-'))
})
const heldStdout: Array<ReturnType<typeof holdStdout>> = []
afterEach(async () => {
  // Last held, first restored: each hold put back the write it found.
  for (const stdout of heldStdout.splice(0).reverse()) stdout.stop()
  http.dispose()
  library.dispose()
  await standin.stop()
  rmSync(dir, { recursive: true, force: true })
})

function job(overrides: Partial<RangedDownload> = {}) {
  // Retry lines are the retry policy's, on stdout as in a run.
  const stdout = holdStdout()
  heldStdout.push(stdout)
  const refreshes: string[] = []
  let url = standin.sign(standin.pathOf('big.bin'))
  const hash = createHash('md5')
  const options: RangedDownload = {
    key: 'big.bin',
    path: join(dir, 'big.bin.partial'),
    total: content.length,
    partBytes: PART,
    http,
    url: {
      get: () => url,
      refresh: async (_stale, reason) => {
        refreshes.push(reason)
        url = standin.sign(standin.pathOf('big.bin'))
        return url
      }
    },
    hash: (piece) => hash.update(piece),
    connections: new ConnectionBudget(3),
    retry: new RetryPolicy({ retries: 3, delayScale: 0.001 }),
    stallTimeoutMs: 5000,
    signal: new AbortController().signal,
    refused: (status) => new ActionError(`refused with HTTP ${status}`),
    ...overrides
  }
  return { options, printed: () => stdout.text, refreshes, digest: () => hash.digest('hex') }
}

const partRequests = () =>
  standin.storageRequests.filter((r) => r.url.startsWith(standin.pathOf('big.bin'))).map((r) => r.headers.range)

test('parts land at their offsets, the hash sees the bytes in order, connections stay within the budget', async () => {
  const budget = new ConnectionBudget(3)
  // The caller holds one connection of its own; two more are free in the budget.
  await budget.acquire()
  const { options, digest } = job({ connections: budget })
  // Overlap made certain, not likely: storage answers nothing until three requests are open.
  standin.holdUntilInFlight = 3
  await downloadRanged(options)
  expect(readFileSync(options.path).equals(content)).toBe(true)
  expect(digest()).toBe(md5(content))
  expect(partRequests().sort()).toEqual(
    [0, 1, 2, 3, 4, 5].map((i) => `bytes=${i * PART}-${Math.min(content.length, (i + 1) * PART) - 1}`).sort()
  )
  expect(standin.maxInFlight).toBe(3)
  expect(budget.available).toBe(2)
})

test('with no connection to spare, the parts go one after another on the caller’s own', async () => {
  const budget = new ConnectionBudget(1)
  budget.tryAcquire()
  const { options, digest } = job({ connections: budget })
  await downloadRanged(options)
  expect(digest()).toBe(md5(content))
  expect(standin.maxInFlight).toBe(1)
})

test('a reset in one part resumes that part alone, where it stopped', async () => {
  standin.inject('big.bin', {}, { reset: 0.5 })
  const { options, printed, digest } = job()
  await downloadRanged(options)
  expect(readFileSync(options.path).equals(content)).toBe(true)
  expect(digest()).toBe(md5(content))
  const requests = partRequests()
  expect(requests).toHaveLength(7)
  const resumed = requests[6]!
  const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(resumed)!.map(Number)
  // The resume starts inside the part (past its start), and ends where the part ends.
  expect(from % PART).toBeGreaterThan(0)
  expect(to + 1).toBe(Math.min(content.length, (Math.floor(from / PART) + 1) * PART))
  expect(printed()).toMatch(/Retrying 'big.bin' \(part \d of 6\) in \S+ \(retry 1 of 3\): .*resuming at byte \d+/)
})

test('a 206 for other bytes than asked is retried; the file still comes out right', async () => {
  standin.inject('big.bin', { wrongRange: true })
  const { options, printed, digest } = job()
  await downloadRanged(options)
  expect(digest()).toBe(md5(content))
  expect(printed()).toMatch(/storage answered bytes (\d+)-\d+\/1315041 to a request for bytes (\d+)-\d+\/1315041/)
})

test('a 206 that starts later than asked but ends right is refused (the start is checked, not only the end)', async () => {
  const budget = new ConnectionBudget(1)
  budget.tryAcquire()
  // One lane: the second request is part 2's, and it gets the shifted answer.
  standin.inject('big.bin', {}, { rangeStartShift: 100 })
  const { options, printed, digest } = job({ connections: budget })
  await downloadRanged(options)
  expect(readFileSync(options.path).equals(content)).toBe(true)
  expect(digest()).toBe(md5(content))
  expect(printed()).toMatch(
    `storage answered bytes ${PART + 100}-${2 * PART - 1}/${content.length} to a request for bytes ${PART}-${2 * PART - 1}/${content.length}`
  )
})

test('a part cut more often than `retries`, further each time, still completes: its progress resets the failures in a row', async () => {
  const budget = new ConnectionBudget(1)
  budget.tryAcquire()
  // One lane: part 1 whole, then part 2 cut five times (each answer sends 40% of what it was asked).
  const cut = { reset: 0.4 }
  standin.inject('big.bin', {}, cut, cut, cut, cut, cut)
  const { options, printed, digest } = job({
    connections: budget,
    retry: new RetryPolicy({ retries: 2, delayScale: 0.001 })
  })
  await downloadRanged(options)
  expect(readFileSync(options.path).equals(content)).toBe(true)
  expect(digest()).toBe(md5(content))
  const resumes = printed().match(/Retrying 'big.bin' \(part 2 of 6\) .*resuming at byte \d+/g) ?? []
  expect(resumes).toHaveLength(5)
  expect(printed()).not.toMatch(/retry 3 of 2/)
})

test('a URL refused as expired mid-way is refreshed once and the parts go on', async () => {
  standin.inject('big.bin', {}, {}, { expired: true })
  const { options, refreshes, digest } = job()
  await downloadRanged(options)
  expect(digest()).toBe(md5(content))
  expect(refreshes).toEqual(['was refused as expired by storage'])
})

test('storage answering a part with the whole object means starting over', async () => {
  standin.inject('big.bin', {}, { ignoreRange: true })
  const { options } = job()
  await expect(downloadRanged(options)).rejects.toBeInstanceOf(RestartFromZero)
})

test('a refusal stops every part; failures in a row beyond the retries fail the file', async () => {
  standin.inject('big.bin', {}, { status: 404 })
  await expect(downloadRanged(job().options)).rejects.toThrow('refused with HTTP 404')

  standin.inject('big.bin', { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 })
  const { options } = job({ connections: new ConnectionBudget(0) })
  await expect(downloadRanged(options)).rejects.toThrow(
    /Could not download 'big.bin' \(part 1 of 6\) after 4 failed attempts in a row: storage answered HTTP 503/
  )
})

test('without a hash function the MD5 is computed on a worker thread and returned', async () => {
  const md5Threads = new Md5Threads(1)
  try {
    const { options } = job({ hash: undefined, md5Threads })
    const { md5: digest } = await downloadRanged(options)
    expect(digest).toBe(md5(content))
    expect(readFileSync(options.path).equals(content)).toBe(true)
  } finally {
    await md5Threads.close()
  }
})

test('neither a hash function nor threads: refused before any request', async () => {
  const before = standin.storageRequests.length
  await expect(downloadRanged(job({ hash: undefined }).options)).rejects.toThrow('needs a hash function')
  expect(standin.storageRequests.length).toBe(before)
})

/** A loopback storage that answers ranges of `content` as `answer` says (real HTTP). */
async function rangeServer(
  answer: (range: [number, number], count: number) => { total?: number; extra?: number }
): Promise<{ url: string; ranges: string[]; stop: () => Promise<void> }> {
  const ranges: string[] = []
  const server = createServer((req, res) => {
    ranges.push(req.headers.range ?? '')
    const [from, to] = /^bytes=(\d+)-(\d+)$/
      .exec(req.headers.range ?? '')!
      .slice(1)
      .map(Number)
    const { total = content.length, extra = 0 } = answer([from, to], ranges.length)
    const bytes = Buffer.concat([content.subarray(from, to + 1), Buffer.alloc(extra, 0x55)])
    res.writeHead(206, { 'content-range': `bytes ${from}-${to}/${total}`, 'content-length': String(bytes.length) })
    res.end(bytes)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/big.bin`
  return {
    url,
    ranges,
    stop: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

test('a Content-Range total that changes between parts means starting over, not retrying the part', async () => {
  const storage = await rangeServer(([from]) => (from >= 2 * PART ? { total: content.length + 1 } : {}))
  try {
    const { options } = job({ url: { get: () => storage.url, refresh: async () => storage.url } })
    const failure = downloadRanged(options)
    await expect(failure).rejects.toBeInstanceOf(RestartFromZero)
    await expect(failure).rejects.toThrow(`its size changed from ${content.length} to ${content.length + 1} bytes`)
  } finally {
    await storage.stop()
  }
})

test('a 206 carrying more bytes than its range is not written past the part; the part is asked again', async () => {
  const storage = await rangeServer(([from], count) => (from === PART && count <= 3 ? { extra: 10 } : {}))
  try {
    const { options, printed, digest } = job({ url: { get: () => storage.url, refresh: async () => storage.url } })
    await downloadRanged(options)
    expect(readFileSync(options.path).equals(content)).toBe(true)
    expect(digest()).toBe(md5(content))
    // Its Content-Length (the bytes it carries) is not its range's length: refused before a byte is written.
    expect(printed()).toMatch(
      /\(part 2 of 6\) .*: storage answered 262144 bytes \(262144-524287\) with a Content-Length of 262154/
    )
  } finally {
    await storage.stop()
  }
})

test('a total of 0 is an empty file; an impossible total, or one beyond the free disk, is refused before any request', async () => {
  const empty = job({ total: 0 })
  await downloadRanged(empty.options)
  expect(empty.digest()).toBe(md5(Buffer.alloc(0)))
  expect(readFileSync(empty.options.path).length).toBe(0)
  for (const total of [-1, 1.5, Number.NaN, 1e30]) {
    await expect(downloadRanged(job({ total }).options)).rejects.toThrow(/Storage announced an impossible size/)
  }
  const free = statfsSync(dir)
  const beyond = job({ total: free.bavail * free.bsize + 2 ** 30, partBytes: 8 << 20 })
  await expect(downloadRanged(beyond.options)).rejects.toThrow(
    /Storage says 'big.bin' is \d+ bytes, more than the \d+ bytes free on the disk of .*Free some space/
  )
  await expect(downloadRanged(job({ partBytes: 0 }).options)).rejects.toThrow('part size 0 is not a byte count')
  expect(partRequests()).toEqual([])
})

test('a part that meets a TLS setup failure fails at once with the advice, without retries', async () => {
  // https to the stand-in's plain-HTTP port: a TLS protocol error, which no retry mends.
  const plain = standin.sign(standin.pathOf('big.bin'))
  const tls = plain.replace(/^http:/, 'https:')
  const { options, printed } = job({ url: { get: () => tls, refresh: async () => tls } })
  const before = standin.storageRequests.length
  const failure = await downloadRanged(options).catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(ActionError)
  expect(String((failure as Error).message)).toContain('does not speak TLS on that port')
  expect(String((failure as Error).message)).not.toContain('X-Amz-Signature')
  expect(printed()).not.toMatch(/retry|Retrying/i)
  expect(standin.storageRequests.length).toBe(before)
})

test('a part starts only once the hash has come within `aheadOfHash` of it', async () => {
  let hashed = 0
  const starts: Array<{ start: number; hashed: number }> = []
  const { options, digest } = job()
  const recording: RangedDownload['http'] = {
    get: (url, headers) => {
      starts.push({ start: Number(/bytes=(\d+)-/.exec(headers.Range ?? '')?.[1] ?? 0), hashed })
      return http.get(url, headers)
    }
  }
  const hash = createHash('md5')
  await downloadRanged({
    ...options,
    http: recording,
    connections: new ConnectionBudget(8),
    aheadOfHash: 2 * PART,
    hash: (piece) => {
      hash.update(piece)
      hashed += piece.length
    }
  })
  void digest
  expect(hash.digest('hex')).toBe(md5(content))
  expect(starts.length).toBeGreaterThanOrEqual(6)
  for (const { start, hashed: at } of starts) expect(start - 2 * PART).toBeLessThanOrEqual(at)
  // With eight connections and no gate, parts 3-5 would start before anything is hashed.
  expect(starts.filter((s) => s.start >= 3 * PART).every((s) => s.hashed > 0)).toBe(true)
})
