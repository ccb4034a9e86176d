// End to end, the rules of a download that a deliberate bug once broke without any test
// noticing: each test here was checked to fail with the rule's line broken (see the comments).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { testBytes } from '../test-support/bytes.mjs'
import { makeRunner, runAction } from '../test-support/run-action.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'

const REPO = 'https://github.com/acme/rules'
const TOKEN = 'rules-test-token-4321'
const FAST = { DVC_MODEL_ACTION_DELAY_SCALE: '0.001' }

const big = testBytes(3 * 1024 * 1024 + 17, 11)
const small = testBytes(30_000, 12)
const extra = testBytes(50_000, 13)
// Over DVC 2's 1 MiB read chunk, CRLF text: DVC 2 hashed it with LF line ends.
const notes = Buffer.from('legacy\r\nnotes\r\n'.repeat(80_000))

let standin: Standin

beforeEach(async () => {
  standin = await startStandin({ token: TOKEN })
  standin.addVersion({
    repo: REPO,
    name: 'm',
    version: 'v1.0.0',
    files: { 'model/big.bin': big, 'model/small.bin': small }
  })
  standin.addVersion({
    repo: REPO,
    name: 'legacy',
    version: 'v1.0.0',
    layout: 'dvc2',
    files: { 'data/notes.txt': notes }
  })
})
afterEach(() => standin.stop())

function fetchModel(extraInputs: Record<string, string> = {}, runner = makeRunner()) {
  return runAction({
    inputs: {
      name: 'm',
      repo: REPO,
      'studio-token': TOKEN,
      'studio-url': standin.studioUrl,
      cache: 'false',
      ...extraInputs
    },
    env: FAST,
    runner
  })
}

function requestsOf(key: string) {
  const path = standin.pathOf(key)
  return standin.storageRequests.filter((r) => r.url.split('?')[0] === path)
}

function expectModel(workspace: string): void {
  expect(readFileSync(join(workspace, 'model/big.bin')).equals(big)).toBe(true)
  expect(readFileSync(join(workspace, 'model/small.bin')).equals(small)).toBe(true)
}

test('a run where some files come from the tool cache and some are downloaded has cache-hit false', async () => {
  // Broken by: cache-hit from `some` file from the cache instead of `every` (report.ts).
  standin.addVersion({
    repo: REPO,
    name: 'm',
    version: 'v2.0.0',
    files: { 'model/small.bin': small, 'model/extra.bin': extra }
  })
  const runner = makeRunner()
  const first = await fetchModel({ version: 'v1.0.0', cache: 'true' }, runner)
  expect(first.code).toBe(0)
  const second = await fetchModel({ version: 'v2.0.0', cache: 'true' }, runner)
  expect(second.code).toBe(0)
  expect(second.stdout).toMatch(/Fetched m, version v2.0.0: 2 files, .*: 1 downloaded, 1 from the tool cache\./)
  expect(second.outputs['cache-hit']).toBe('false')
  expect(readFileSync(join(runner.workspace, 'model/extra.bin')).equals(extra)).toBe(true)
})

test('URLs that arrive in a refresh are masked like the first ones', async () => {
  // Broken by: no maskUrls() of the fresh set in SignedUrls.refresh (signed-urls.ts).
  const answer = (ttl: number) =>
    Object.fromEntries(['model/big.bin', 'model/small.bin'].map((key) => [key, standin.sign(standin.pathOf(key), ttl)]))
  const first = answer(3600)
  const fresh = answer(1800) // another expiry: another query string and signature
  standin.studioAnswers.push({ status: 200, body: first }, { status: 200, body: fresh })
  standin.inject('model/big.bin', { expired: true })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  expect(standin.studioRequests).toHaveLength(2)
  const usedFresh = requestsOf('model/big.bin').at(-1)!.url
  expect(usedFresh).toBe(new URL(fresh['model/big.bin']).pathname + new URL(fresh['model/big.bin']).search)
  const masks = new Set(
    result.stdout
      .split('\n')
      .filter((line) => line.startsWith('::add-mask::'))
      .map((line) => line.slice('::add-mask::'.length))
  )
  for (const url of Object.values(fresh)) {
    const query = url.split('?')[1]
    // Command data escapes '%' as '%25'.
    expect(masks).toContain(query.replace(/%/g, '%25'))
    expect(masks).toContain(/X-Amz-Signature=([0-9a-f]+)/.exec(query)![1])
  }
})

test('a signed URL that redirects (302 to another host) is followed, with no Authorization', async () => {
  // Broken by: allowRedirects: false in the storage client (http.ts).
  standin.inject('model/big.bin', { redirectHost: 'localhost' })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  const tries = requestsOf('model/big.bin')
  expect(tries.map((r) => r.headers.host)).toEqual([
    `127.0.0.1:${standin.storagePort}`,
    `localhost:${standin.storagePort}`
  ])
  for (const request of tries) {
    expect(request.headers.authorization).toBeUndefined()
    expect(JSON.stringify(request.headers)).not.toContain(TOKEN)
  }
})

test('a transfer that takes longer than `timeout` while data keeps flowing is not cut', async () => {
  // Broken by: a stall timer that is not reset by arriving data (sink.ts), or `timeout` used as
  // a deadline for the whole transfer. 3 MiB at 1 MiB/s takes three times the 1 s timeout.
  standin.inject('model/big.bin', { bytesPerSecond: 1024 * 1024 })
  const result = await fetchModel({ timeout: '1' })
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  expect(requestsOf('model/big.bin')).toHaveLength(1)
  expect(result.stdout).not.toContain('Retrying')
})

test('the first failure stops the other transfers: no storage request after it', async () => {
  // Broken by: workers that go on taking files after a failure (transfer.ts).
  const files: Record<string, Buffer> = {}
  for (let i = 0; i < 6; i++) files[`many/f${i}.bin`] = testBytes(10_000 + i, 20 + i)
  standin.addVersion({ repo: REPO, name: 'many', version: 'v1.0.0', files })
  // Keys are fetched in order; one at a time, so the failure is known before any other starts.
  standin.inject('many/f0.bin', { status: 404, body: '<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>' })
  const result = await fetchModel({ name: 'many', concurrency: '1' })
  expect(result.code).toBe(1)
  expect(result.stdout).toMatch(/::error::Storage refused the download \(HTTP 404 from \S+\): "NoSuchKey: gone"/)
  expect(standin.storageRequests).toHaveLength(1)
  expect(existsSync(join(result.runner.workspace, 'many'))).toBe(false)
})

test('the first failure stops the transfers under way: no retry of them after it', async () => {
  // Broken by: no controller.abort() on the first failure (transfer.ts), so a stalled transfer
  // beside it is retried after `timeout`.
  standin.addVersion({
    repo: REPO,
    name: 'pair',
    version: 'v1.0.0',
    files: { 'pair/a.bin': testBytes(200_000, 30), 'pair/b.bin': testBytes(20_000, 31) }
  })
  standin.inject('pair/a.bin', { stall: 0.5 })
  // Held a moment, so that a.bin is under way when b.bin fails.
  standin.inject('pair/b.bin', {
    holdMs: 300,
    status: 404,
    body: '<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>'
  })
  const result = await fetchModel({ name: 'pair', concurrency: '2', timeout: '2' })
  expect(result.code).toBe(1)
  expect(result.stdout).toMatch(/::error::Storage refused the download \(HTTP 404/)
  expect(requestsOf('pair/a.bin').length).toBeLessThanOrEqual(1)
  expect(result.stdout).not.toMatch(/Retrying 'pair\/a.bin'/)
  expect(existsSync(join(result.runner.workspace, 'pair'))).toBe(false)
})

test('a 206 whose Content-Range starts elsewhere than asked is not appended: the file starts over', async () => {
  // Broken by: accepting any 206 without comparing its start with the Range asked (attempt.ts).
  standin.inject('model/big.bin', { reset: 0.4 }, { rangeStartShift: 1000 })
  const result = await fetchModel()
  expect(result.code).toBe(0)
  expectModel(result.runner.workspace)
  const tries = requestsOf('model/big.bin')
  expect(tries).toHaveLength(3)
  expect(tries[1].headers.range).toMatch(/^bytes=[1-9]\d*-$/)
  expect(tries[2].headers.range).toBeUndefined()
  expect(result.stdout).toMatch(/Retrying 'model\/big.bin' .*storage answered a different range than asked for/)
  expect(result.stdout).not.toContain('MD5 mismatch')
})

test('a corrupt object in a DVC 2 layout fails the MD5 check end to end, and nothing is left', async () => {
  // Broken by: no comparison with the DVC 2 (CRLF -> LF) hash in ContentHasher.finish (integrity.ts).
  standin.inject('data/notes.txt', { corrupt: true }, { corrupt: true })
  const result = await fetchModel({ name: 'legacy', retries: '1' })
  expect(result.code).toBe(1)
  expect(result.stdout).toMatch(
    /::error::Could not download 'data\/notes.txt' from http:\/\/127\.0\.0\.1:\d+\/remote\/[0-9a-f]{2}\/[0-9a-f]{30} after 2 failed attempts in a row: MD5 mismatch/
  )
  expect(readdirSync(result.runner.workspace)).toEqual([])

  // The same object intact passes: the check is the DVC 2 hash, not the raw MD5.
  const intact = await fetchModel({ name: 'legacy' })
  expect(intact.code).toBe(0)
  expect(readFileSync(join(intact.runner.workspace, 'data/notes.txt')).equals(notes)).toBe(true)
  expect(intact.summary).toMatch(/<\/code> ✓/)
})
