// The integration tier against storage we did not write: s3rver with AWS SDK v3 presigned
// URLs, Azurite with @azure/storage-blob SAS URLs, and an https static server (serve-static,
// real TLS). The Studio stand-in answers with these real URLs; the bundled action runs as
// the runner runs it. Run only this tier: npm run test:storage
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { testBytes } from '../test-support/bytes.mjs'
import { runAction } from '../test-support/run-action.mjs'
import { startAzure, startHttps, startS3, type StorageBackend } from '../test-support/real-storage.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'

const REPO = 'https://github.com/acme/real-storage'
const TOKEN = 'real-storage-token-9876-secret'

const md5 = (b: Buffer | string): string => createHash('md5').update(b).digest('hex')
const dvc3 = (hash: string): string => `files/md5/${hash.slice(0, 2)}/${hash.slice(2)}`
const dvc2 = (hash: string): string => `${hash.slice(0, 2)}/${hash.slice(2)}`

const weights = testBytes(2 * 1024 * 1024 + 77, 1)
const config = Buffer.from('{"threshold": 0.5}\n')
const notes = Buffer.from('legacy\r\nnotes\r\n'.repeat(200))
const impostor = testBytes(50_000, 9)
// Repo-relative path -> object key in the remote (DVC 3, DVC 2 CRLF text, and a wrong object).
const model: Record<string, { key: string; body: Buffer }> = {
  'models/clf/weights.bin': { key: dvc3(md5(weights)), body: weights },
  'models/clf/config.json': { key: dvc3(md5(config)), body: config },
  'models/clf/notes.txt': { key: dvc2(md5(notes.toString().replace(/\r\n/g, '\n'))), body: notes }
}
const corruptKey = dvc3(md5('what the address promises'))

const starters: Array<[string, (objects: Record<string, Buffer>) => Promise<StorageBackend>]> = [
  ['S3 (s3rver, AWS SDK v3 presigner)', startS3],
  ['Azure Blob (Azurite, SAS)', startAzure],
  ['https static server (serve-static, TLS)', startHttps]
]

describe.each(starters)('%s', (_label, start) => {
  let storage: StorageBackend
  let standin: Standin
  let ttlForNextAnswer: number | undefined
  let answers = 0

  beforeAll(async () => {
    const objects: Record<string, Buffer> = { [corruptKey]: impostor }
    for (const { key, body } of Object.values(model)) objects[key] = body
    storage = await start(objects)
    standin = await startStandin({ token: TOKEN })
    const signAll = async (entries: Array<[string, string]>): Promise<Record<string, string>> => {
      answers++
      const ttl = ttlForNextAnswer ?? 3600
      ttlForNextAnswer = undefined
      return Object.fromEntries(
        await Promise.all(entries.map(async ([path, key]) => [path, await storage.sign(key, ttl)]))
      )
    }
    standin.addVersion({
      repo: REPO,
      name: 'clf',
      version: 'v1.0.0',
      sign: () => signAll(Object.entries(model).map(([p, o]) => [p, o.key]))
    })
    standin.addVersion({
      repo: REPO,
      name: 'corrupt',
      version: 'v1.0.0',
      sign: () => signAll([['bad.bin', corruptKey]])
    })
  })
  afterAll(async () => {
    await standin?.stop()
    await storage?.stop()
  })

  function fetchModel(name = 'clf', extra: Record<string, string> = {}, env: Record<string, string> = {}) {
    return runAction({
      inputs: { name, repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl, cache: 'false', ...extra },
      env: {
        DVC_MODEL_ACTION_DELAY_SCALE: '0.001',
        ...(storage.caFile ? { NODE_EXTRA_CA_CERTS: storage.caFile } : {}),
        ...env
      }
    })
  }

  function expectIntact(workspace: string): void {
    for (const [path, { body }] of Object.entries(model))
      expect(readFileSync(join(workspace, path)).equals(body)).toBe(true)
  }

  test('bytes arrive intact at their paths, MD5-checked, and no token or Authorization reaches storage', async () => {
    const seen = storage.requests.length
    const result = await fetchModel()
    expect(result.stdout).not.toContain('::error::')
    expect(result.code).toBe(0)
    expectIntact(result.runner.workspace)
    // Every file had a DVC content address, and this run hashed each and found it matching (✓).
    expect(result.summary.match(/<\/code> ✓/g)).toHaveLength(3)
    expect(result.stdout).not.toMatch(/MD5 mismatch|Retrying/)
    const requests = storage.requests.slice(seen)
    // Each file's first request asks for its first part; the answer (206) gives its size.
    expect(requests.map((r) => r.status)).toEqual([206, 206, 206])
    expect(requests.map((r) => r.headers.range)).toEqual(Array(3).fill(`bytes=0-${8 * 1024 * 1024 - 1}`))
    for (const request of requests) {
      expect(request.headers.authorization).toBeUndefined()
      expect(JSON.stringify(request)).not.toContain(TOKEN)
    }
  })

  test('a file larger than a part comes in parallel ranged parts, each answered 206 for its range', async () => {
    const path = storage.pathOf(model['models/clf/weights.bin'].key)
    const seen = storage.requests.length
    const part = 512 * 1024
    const result = await fetchModel('clf', {}, { DVC_MODEL_ACTION_PART_SIZE: String(part) })
    expect(result.code).toBe(0)
    expectIntact(result.runner.workspace)
    const parts = storage.requests.slice(seen).filter((r) => r.path === path)
    const size = weights.length
    const expected = Array.from({ length: Math.ceil(size / part) }, (_, i) => {
      return `bytes=${i * part}-${Math.min(size, (i + 1) * part) - 1}`
    })
    expect(parts.map((r) => r.headers.range).sort()).toEqual(expected.sort())
    expect(parts.every((r) => r.status === 206)).toBe(true)
    // Every part after the first names the object the first answer came from, where its ETag
    // is strong (S3, Azure); serve-static's is weak, which If-Range cannot use.
    const named = parts.filter((r) => r.headers['if-range']).length
    expect(named).toBe(storage.kind === 'https' ? 0 : expected.length - 1)
  })

  test('a connection cut mid-file is resumed with a Range request and ends with the right bytes', async () => {
    const key = model['models/clf/weights.bin'].key
    const path = storage.pathOf(key)
    storage.inject(key, { reset: 0.4 })
    const seen = storage.requests.length
    const result = await fetchModel()
    expect(result.code).toBe(0)
    expectIntact(result.runner.workspace)
    const tries = storage.requests.slice(seen).filter((r) => r.path === path)
    expect(tries).toHaveLength(2)
    expect(tries[0].cutAt).toBeGreaterThan(0)
    expect(tries[1].headers.range).toMatch(/^bytes=\d+-$/)
    expect(Number(/\d+/.exec(tries[1].headers.range!)![0])).toBeGreaterThan(0)
    expect(tries[1].status).toBe(206)
    expect(result.stdout).toMatch(/resuming at byte [1-9]/)
  })

  test('URLs already expired when Studio hands them out are refreshed before any request', async () => {
    ttlForNextAnswer = 1
    const before = answers
    const seen = storage.requests.length
    await new Promise((r) => setTimeout(r, 1100))
    const result = await fetchModel()
    expect(result.code).toBe(0)
    expectIntact(result.runner.workspace)
    expect(answers - before).toBe(2)
    expect(storage.requests.slice(seen).map((r) => r.status)).toEqual([206, 206, 206])
    expect(result.stdout).toMatch(/expired before its transfer started: asking Studio for fresh URLs/)
  })

  test('a URL that expires in flight is refused by storage, refreshed through Studio, and the download completes', async () => {
    // Valid when sent (8 s left, more than the action's 5 s margin), held past expiry on the way.
    ttlForNextAnswer = 8
    const key = model['models/clf/config.json'].key
    const path = storage.pathOf(key)
    storage.inject(key, { holdMs: 8500 })
    const before = answers
    const seen = storage.requests.length
    const result = await fetchModel('clf', { concurrency: '1' })
    expect(result.code).toBe(0)
    expectIntact(result.runner.workspace)
    expect(answers - before).toBe(2)
    const tries = storage.requests.slice(seen).filter((r) => r.path === path)
    expect(tries.map((r) => r.status)).toEqual([403, 206])
    expect(result.stdout).toMatch(/Signed URL for 'models\/clf\/config.json' was refused as expired by storage/)
  })

  test('storage whose certificate the runner does not trust fails at once, saying to trust the CA', async () => {
    if (!storage.caFile) return // Only the https server has a certificate of its own.
    const seen = storage.requests.length
    const result = await runAction({
      inputs: { name: 'clf', repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl, cache: 'false' },
      env: { DVC_MODEL_ACTION_DELAY_SCALE: '0.001' }
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /::error::The TLS connection to storage at https:\/\/\S+ failed \(DEPTH_ZERO_SELF_SIGNED_CERT\): .*NODE_EXTRA_CA_CERTS/
    )
    expect(result.stdout).not.toContain('Retrying')
    expect(storage.requests.length).toBe(seen)
  })

  test('the MD5 check is live: an object whose bytes do not match its address fails the step', async () => {
    const result = await fetchModel('corrupt', { retries: '1' })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /::error::Could not download 'bad.bin' .* after 2 failed attempts in a row: MD5 mismatch/
    )
  })
})
