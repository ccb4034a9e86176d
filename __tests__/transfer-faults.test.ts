// Fault injection: the storage stand-in misbehaves, and the bundled action must end with
// the right bytes, or fail cleanly naming the file, with nothing partial left behind.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { testBytes } from '../test-support/bytes.mjs'
import { makeRunner, runAction } from '../test-support/run-action.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'
import { startProxy } from '../test-support/proxy.mjs'

const REPO = 'https://github.com/acme/models'
const TOKEN = 'fault-test-token-5678'
// Backoff delays shortened 1000x; what is retried, and how, stays the same.
const FAST = { DVC_MODEL_ACTION_DELAY_SCALE: '0.001' }

const big = testBytes(3 * 1024 * 1024 + 123, 1)
const small = testBytes(40_000, 2)
// Over DVC 2's 1 MiB read chunk, with one CRLF split across its first boundary.
const crlfText = Buffer.from('a'.repeat((1 << 20) - 1) + '\r\n' + 'alpha\r\nbeta\r\n'.repeat(30000))

let standin: Standin

async function freshStandin(options: Record<string, unknown> = {}): Promise<Standin> {
  const s = await startStandin({ token: TOKEN, ...options })
  s.addVersion({ repo: REPO, name: 'm', version: 'v1.0.0', files: { 'model/big.bin': big, 'model/small.bin': small } })
  s.addVersion({ repo: REPO, name: 'legacy', version: 'v1.0.0', layout: 'dvc2', files: { 'data/notes.txt': crlfText } })
  return s
}

beforeEach(async () => {
  standin = await freshStandin()
})
afterEach(() => standin.stop())

function fetchModel(extra: Record<string, string> = {}, env: Record<string, string> = {}, s: Standin = standin) {
  return runAction({
    inputs: { name: 'm', repo: REPO, 'studio-token': TOKEN, 'studio-url': s.studioUrl, cache: 'false', ...extra },
    env: { ...FAST, ...env }
  })
}

function expectModel(workspace: string): void {
  expect(readFileSync(join(workspace, 'model/big.bin')).equals(big)).toBe(true)
  expect(readFileSync(join(workspace, 'model/small.bin')).equals(small)).toBe(true)
  expect(readdirSync(join(workspace, 'model')).sort()).toEqual(['big.bin', 'small.bin'])
}

function bigRequests(s: Standin = standin) {
  const path = s.pathOf('model/big.bin')
  return s.storageRequests.filter((r: { url: string }) => r.url.startsWith(path))
}

test('a connection reset mid-body is resumed with a Range request', async () => {
  standin.inject('model/big.bin', { reset: 0.4 })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  const requests = bigRequests()
  expect(requests).toHaveLength(2)
  expect(requests[1].headers.range).toMatch(/^bytes=[1-9]\d*-$/)
  // The resume names the object it continues, so a changed object is sent whole.
  expect(requests[1].headers['if-range']).toMatch(/^"[0-9a-f]{32}"$/)
  expect(result.stdout).toMatch(
    /Retrying 'model\/big.bin' in \S+ \(retry 1 of 5\): connection .*resuming at byte [1-9]\d*\./
  )
  const withoutMasks = result.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'))
  expect(withoutMasks.join('\n')).not.toContain('X-Amz')
})

test('repeated resets are retried until the file is whole', async () => {
  standin.inject('model/big.bin', { reset: 0.2 }, { reset: 0.3 }, { reset: 0.5 })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  expect(bigRequests()).toHaveLength(4)
  expect(result.stdout.match(/Retrying 'model\/big.bin'/g)).toHaveLength(3)
})

test('retries count only failures in a row without progress: a file that gets further each time finishes', async () => {
  standin.inject('model/big.bin', { reset: 0.3 }, { reset: 0.3 }, { reset: 0.3 }, { reset: 0.3 })
  const result = await fetchModel({ retries: '1' })
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  expect(bigRequests()).toHaveLength(5)
  expect(result.stdout.match(/Retrying 'model\/big.bin' in \S+ \(retry 1 of 1\)/g)).toHaveLength(4)

  // With no progress at all, the same budget runs out.
  standin.inject('model/small.bin', { status: 503 }, { status: 503 })
  const stuck = await fetchModel({ retries: '1' })
  expect(stuck.code).toBe(1)
  expect(stuck.stdout).toMatch(
    /::error::Could not download 'model\/small.bin' .* after 2 failed attempts in a row: storage answered HTTP 503/
  )
})

test('503 with Retry-After and 429 are retried', async () => {
  standin.inject('model/big.bin', { status: 503, retryAfter: 2 })
  standin.inject('model/small.bin', { status: 429 }, { status: 500 })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  // Retry-After: 2 (s) beats the first backoff (0.5-1 s); times the test scale of 0.001, 2 ms.
  expect(result.stdout).toContain("Retrying 'model/big.bin' in 2ms (retry 1 of 5): storage answered HTTP 503.")
  expect(result.stdout).toMatch(/Retrying 'model\/small.bin' .*storage answered HTTP 429/)
  expect(result.stdout).toMatch(/Retrying 'model\/small.bin' .*\(retry 2 of 5\): storage answered HTTP 500/)
})

test('a body shorter than Content-Length is resumed', async () => {
  standin.inject('model/big.bin', { truncate: 0.6 })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  expect(bigRequests()[1].headers.range).toBeDefined()
})

test('corrupt bytes once are caught by the MD5 and fetched again', async () => {
  standin.inject('model/big.bin', { corrupt: true })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  expect(result.stdout).toMatch(
    /Retrying 'model\/big.bin' .*MD5 mismatch \(got [0-9a-f]{32}, the DVC remote names [0-9a-f]{32}\)/
  )
  expect(bigRequests()[1].headers.range).toBeUndefined()
})

test('corrupt bytes every time fail the step, name the file, and leave nothing', async () => {
  standin.inject('model/big.bin', { corrupt: true }, { corrupt: true }, { corrupt: true })
  const result = await fetchModel({ retries: '2' })
  expect(result.code).toBe(1)
  expect(result.stdout).toMatch(
    /::error::Could not download 'model\/big.bin' from http:\/\/127\.0\.0\.1:\d+\/remote\/files\/md5\/\S+ after 3 failed attempts in a row: MD5 mismatch/
  )
  expect(existsSync(join(result.runner.workspace, 'model'))).toBe(false)
  expect(readdirSync(result.runner.workspace)).toEqual([])
})

test('a stalled transfer is aborted after `timeout` seconds and resumed, with progress lines meanwhile', async () => {
  standin.inject('model/big.bin', { stall: 0.5 })
  const result = await fetchModel({ timeout: '1' }, { DVC_MODEL_ACTION_PROGRESS_MS: '200' })
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  expect(result.stdout).toMatch(/Retrying 'model\/big.bin' .*no data for 1\.0s, resuming at byte \d+/)
  expect(result.stdout).toMatch(/model\/big.bin: [\d.]+ MiB of 3\.0 MiB \(\d+%\), \S+ \S+\/s, ETA/)
})

test('an expired URL (storage says so) is refreshed through Studio and the download completes', async () => {
  standin.inject('model/big.bin', { expired: true })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  expect(standin.studioRequests).toHaveLength(2)
  expect(result.stdout).toMatch(
    /Signed URL for 'model\/big.bin' was refused as expired by storage: asking Studio for fresh URLs \(the 1st time in this run; 1 of at most 3 in any 15 minutes\)/
  )
})

test('a URL whose own expiry has passed is refreshed before its transfer starts', async () => {
  const stale = {
    'model/big.bin': standin.sign(standin.pathOf('model/big.bin'), 3600, Date.now() - 7200_000),
    'model/small.bin': standin.sign(standin.pathOf('model/small.bin'), 3600, Date.now() - 7200_000)
  }
  standin.studioAnswers.push({ status: 200, body: stale })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  // One refresh serves both files; no request went out with an expired URL.
  expect(standin.studioRequests).toHaveLength(2)
  expect(standin.storageRequests).toHaveLength(2)
  expect(result.stdout).toMatch(/expired before its transfer started/)
})

test('a server without range support starts over and still ends with the right bytes', async () => {
  await standin.stop()
  standin = await freshStandin({ ranges: false })
  standin.inject('model/big.bin', { reset: 0.5 })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  expect(result.stdout).toMatch(
    /Storage ignored the range request for 'model\/big.bin': downloading it again from the start/
  )
  // The partial bytes were dropped before the whole body was written: one re-download, not a
  // second one after an MD5 mismatch.
  expect(bigRequests()).toHaveLength(2)
  expect(result.stdout).not.toContain('MD5 mismatch')
})

test('a legacy DVC 2 text file with CRLF passes the check, bytes unchanged, even after a resume', async () => {
  standin.inject('data/notes.txt', { reset: 0.5 })
  const result = await fetchModel({ name: 'legacy' })
  expect(result.code).toBe(0)
  expect(readFileSync(join(result.runner.workspace, 'data/notes.txt')).equals(crlfText)).toBe(true)
  const path = standin.pathOf('data/notes.txt')
  expect(path.replace(/\//g, '').slice(-32)).not.toBe(createHash('md5').update(crlfText).digest('hex'))
})

test('the Studio call is retried on 503 and 429, not on 404', async () => {
  standin.studioAnswers.push({
    status: 503,
    body: '<html><body><h1>503 Service Unavailable</h1></body></html>',
    headers: { 'retry-after': '3' }
  })
  standin.studioAnswers.push({ status: 429, body: { detail: 'slow down' } })
  const ok = await fetchModel()
  expect(ok.code).toBe(0)
  expect(standin.studioRequests).toHaveLength(3)
  // Retry-After: 3 (s), times the test scale of 0.001: the chosen wait is 3 ms.
  expect(ok.stdout).toContain('Retrying the Studio request in 3ms (retry 1 of 5): HTTP 503.')

  const before = standin.studioRequests.length
  const missing = await fetchModel({ name: 'missing' })
  expect(missing.code).toBe(1)
  expect(standin.studioRequests.length).toBe(before + 1)

  for (let i = 0; i < 3; i++)
    standin.studioAnswers.push({
      status: 502,
      body: '<html><head><title>502</title></head><body>Bad <b>gateway</b></body></html>'
    })
  const down = await fetchModel({ retries: '2' })
  expect(down.code).toBe(1)
  expect(down.stdout).toMatch(
    /::error::Studio at http:\/\/127\.0\.0\.1:\d+\/api\/model-registry\/get-download-uris refused .*\(HTTP 502\): "502 Bad gateway"\. Studio is unavailable/
  )
})

test('several files download at once, bounded by `concurrency`', async () => {
  const files: Record<string, Buffer> = {}
  for (let i = 0; i < 24; i++) files[`many/f${String(i).padStart(2, '0')}.bin`] = testBytes(200_000 + i, i)
  standin.addVersion({ repo: REPO, name: 'many', version: 'v1.0.0', files })
  // Storage answers nothing until 3 requests are open: the overlap is certain, not likely.
  standin.holdUntilInFlight = 3
  const result = await fetchModel({ name: 'many', concurrency: '3' })
  expect(result.code).toBe(0)
  for (const [key, bytes] of Object.entries(files)) {
    expect(readFileSync(join(result.runner.workspace, key)).equals(bytes)).toBe(true)
  }
  expect(standin.maxInFlight).toBe(3)
  expect(result.stderr).toBe('')

  // Wide fan-out: all 24 at once (storage waits for every one), and no listener-leak warning.
  standin.maxInFlight = 0
  standin.holdUntilInFlight = 24
  const wide = await fetchModel({ name: 'many', concurrency: '24' })
  expect(wide.code).toBe(0)
  expect(standin.maxInFlight).toBe(24)
  expect(wide.stderr).toBe('')
  expect(wide.stdout).toMatch(
    /Fetched many, latest version: 24 files, 4\.6 MiB in \S+ \(\S+ \S+\/s\): 24 downloaded, 0 from the tool cache\./
  )
})

test('HTTP_PROXY carries both the Studio call and the storage downloads', async () => {
  await standin.stop()
  standin = await freshStandin({ publicHost: 'models.example.test' })
  const proxy = await startProxy()
  try {
    const runner = makeRunner()
    const result = await runAction({
      inputs: { name: 'm', repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl, cache: 'false' },
      env: { ...FAST, HTTP_PROXY: proxy.url },
      runner
    })
    expect(result.code).toBe(0)
    expectModel(runner.workspace)
    const hosts = new Set(proxy.seen.map((s: { host: string }) => s.host))
    expect(hosts).toEqual(
      new Set([`models.example.test:${standin.studioPort}`, `models.example.test:${standin.storagePort}`])
    )

    const bypass = await runAction({
      inputs: { name: 'm', repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl, retries: '0' },
      env: { ...FAST, HTTP_PROXY: proxy.url, NO_PROXY: 'example.test' }
    })
    expect(bypass.code).toBe(1)
    expect(bypass.stdout).toMatch(
      /::error::Could not reach Studio at http:\/\/models.example.test:\d+\/api\/model-registry\/get-download-uris: .*ENOTFOUND/
    )
  } finally {
    await proxy.stop()
  }
})

test('empty and tiny files are written (in one call each), also after a retry', async () => {
  standin.addVersion({
    repo: REPO,
    name: 'tiny',
    version: 'v1.0.0',
    files: { 'tiny/empty.txt': '', 'tiny/one.txt': 'x', 'tiny/small.bin': small }
  })
  standin.inject('tiny/small.bin', { truncate: 0.5 }, { corrupt: true })
  const result = await fetchModel({ name: 'tiny' })
  expect(result.code).toBe(0)
  const ws = result.runner.workspace
  expect(readFileSync(join(ws, 'tiny/empty.txt')).length).toBe(0)
  expect(readFileSync(join(ws, 'tiny/one.txt'), 'utf8')).toBe('x')
  expect(readFileSync(join(ws, 'tiny/small.bin')).equals(small)).toBe(true)
  expect(readdirSync(join(ws, 'tiny')).sort()).toEqual(['empty.txt', 'one.txt', 'small.bin'])
  expect(result.stdout).toMatch(/Retrying 'tiny\/small.bin' .*resuming at byte 20000/)
  expect(result.stdout).toMatch(/Retrying 'tiny\/small.bin' .*MD5 mismatch/)
})

describe('a file larger than a part, in parallel ranged parts', () => {
  // 512 KiB parts: big.bin (3 MiB) is 7 parts, small.bin one.
  const PARTS = { DVC_MODEL_ACTION_PART_SIZE: String(512 * 1024) }
  const partRange = /^bytes=(\d+)-(\d+)$/

  test('parts come at once, each asking for its range of the same object; the bytes and MD5 are right', async () => {
    const result = await fetchModel({}, PARTS)
    expect(result.code).toBe(0)
    expectModel(result.runner.workspace)
    const ranges = bigRequests().map((r) => r.headers.range ?? '')
    expect(ranges).toHaveLength(7)
    expect(ranges.every((r) => partRange.test(r))).toBe(true)
    expect(bigRequests().every((r) => r.headers['if-range'] || r.headers.range === `bytes=0-${512 * 1024 - 1}`)).toBe(
      true
    )
  })

  test('a reset in one part resumes that part alone, from where it stopped', async () => {
    standin.inject('model/big.bin', {}, {}, { reset: 0.5 })
    const result = await fetchModel({}, PARTS)
    expect(result.code).toBe(0)
    expectModel(result.runner.workspace)
    const requests = bigRequests()
    expect(requests).toHaveLength(8)
    // The resumed request is the one that starts inside a part; where it falls among the eight
    // depends on which part the reset cut and how the others were scheduled.
    const ranges = requests.map((request) => partRange.exec(request.headers.range ?? '')!.map(Number))
    const resumed = ranges.filter(([, from]) => from % (512 * 1024) > 0)
    expect(resumed).toHaveLength(1)
    const [[, , to]] = resumed
    expect((to + 1) % (512 * 1024) === 0 || to + 1 === big.length).toBe(true)
    expect(result.stdout).toMatch(
      /Retrying 'model\/big.bin' \(part \d of 7\) in \S+ \(retry 1 of 5\): connection .*resuming at byte [1-9]\d*\./
    )
  })

  test('a corrupt part fails the MD5 of the whole file, which is fetched again', async () => {
    standin.inject('model/big.bin', {}, { corrupt: true })
    const result = await fetchModel({}, PARTS)
    expect(result.code).toBe(0)
    expectModel(result.runner.workspace)
    expect(result.stdout).toMatch(/Retrying 'model\/big.bin' .*MD5 mismatch/)
    // Parts land out of order, so nothing is kept: all 7 parts again.
    expect(bigRequests()).toHaveLength(14)
  })

  test('with the MD5 on the main thread a corrupt part is caught alike', async () => {
    standin.inject('model/big.bin', {}, {}, {}, { corrupt: true })
    const result = await fetchModel({}, { ...PARTS, DVC_MODEL_ACTION_HASH_WORKER: '0' })
    expect(result.code).toBe(0)
    expectModel(result.runner.workspace)
    expect(result.stdout).toMatch(/Retrying 'model\/big.bin' .*MD5 mismatch/)
  })

  test('a legacy DVC 2 text file in parts passes its CRLF hash (fed in order on the main thread, worker or not)', async () => {
    standin.inject('data/notes.txt', {}, { reset: 0.5 })
    const result = await fetchModel(
      { name: 'legacy' },
      { DVC_MODEL_ACTION_PART_SIZE: String(256 * 1024), DVC_MODEL_ACTION_HASH_WORKER: '1' }
    )
    expect(result.code).toBe(0)
    expect(readFileSync(join(result.runner.workspace, 'data/notes.txt')).equals(crlfText)).toBe(true)
    expect(result.stdout).toMatch(/Retrying 'data\/notes.txt' \(part \d of \d\)/)
  })

  test('a 206 for other bytes than the part asked is refused and the part asked again', async () => {
    standin.inject('model/big.bin', {}, {}, { wrongRange: true })
    const result = await fetchModel({}, PARTS)
    expect(result.code).toBe(0)
    expectModel(result.runner.workspace)
    expect(result.stdout).toMatch(
      /Retrying 'model\/big.bin' \(part \d of 7\) .*storage answered bytes \d+-\d+\/3145851 to a request for bytes \d+-\d+\/3145851/
    )
    expect(bigRequests()).toHaveLength(8)
  })

  test('a URL that expires mid-way is refreshed once through Studio and every part completes', async () => {
    standin.inject('model/big.bin', {}, {}, { expired: true })
    const result = await fetchModel({}, PARTS)
    expect(result.code).toBe(0)
    expectModel(result.runner.workspace)
    expect(standin.studioRequests).toHaveLength(2)
    expect(result.stdout).toMatch(/Signed URL for 'model\/big.bin' was refused as expired by storage/)
  })

  test('storage that stops honouring ranges mid-way: the file starts over as one stream', async () => {
    standin.inject('model/big.bin', {}, { ignoreRange: true })
    const result = await fetchModel({}, PARTS)
    expect(result.code).toBe(0)
    expectModel(result.runner.workspace)
    expect(result.stdout).toMatch(/Retrying 'model\/big.bin' .*storage answered a range request with the whole object/)
    // The next attempt asks for the whole file, without a range.
    expect(bigRequests().at(-1)?.headers.range).toBeUndefined()
  })

  test('a part that keeps failing fails the step naming the file and part, leaving nothing', async () => {
    standin.inject('model/big.bin', {}, { status: 503 }, { status: 503 }, { status: 503 })
    const result = await fetchModel({ retries: '2', concurrency: '1' }, PARTS)
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /::error::Could not download 'model\/big.bin' \(part 2 of 7\) after 3 failed attempts in a row: storage answered HTTP 503/
    )
    expect(readdirSync(result.runner.workspace)).toEqual([])
  })

  test('with concurrency 2 no more than two connections are open, parts and files together', async () => {
    await standin.stop()
    standin = await freshStandin({ bytesPerSecond: 20 * 2 ** 20 })
    const result = await fetchModel({ concurrency: '2' }, PARTS)
    expect(result.code).toBe(0)
    expectModel(result.runner.workspace)
    expect(standin.maxInFlight).toBe(2)
  })
})
