// The Actions cache lookup the main step makes itself (caches/cache-lookup.ts), held against
// @actions/cache: the same `version` (computed here with the library's own internal function,
// imported by file path, so an upgrade that changes it fails this test), the same compression
// method for the same PATH, the same request to the service; and real HTTP against the cache
// service stand-in for hits, misses and failures, through a proxy too.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  cacheReadable,
  cacheVersion,
  compressionMethod,
  lookUpEntry,
  ownLookupApplies,
  type CompressionMethod
} from '../src/caches/cache-lookup.js'
import { startCacheService, type CacheService } from '../test-support/cache-service.mjs'
import { startProxy } from '../test-support/proxy.mjs'
import { captureStdout } from '../test-support/stdout.mjs'

const library = (file: string): string =>
  pathToFileURL(join(process.cwd(), 'node_modules/@actions/cache/lib', file)).href
interface CacheUtils {
  getCacheVersion(paths: string[], compressionMethod?: string, enableCrossOsArchive?: boolean): string
  getCompressionMethod(): Promise<string>
}
interface CacheConfig {
  isCacheReadable(mode: string): boolean
  getCacheMode(): string
}
let utils: CacheUtils
let config: CacheConfig
let service: CacheService

beforeAll(async () => {
  utils = (await import(library('internal/cacheUtils.js'))) as CacheUtils
  config = (await import(library('internal/config.js'))) as CacheConfig
  service = await startCacheService()
})
afterAll(async () => {
  await service?.stop()
})
beforeEach(() => {
  service.mode = 'ok'
  service.entries.clear()
})

/** Runs `work` with process.env and process.platform changed, then puts them back. */
async function withProcess<T>(
  change: { env?: Record<string, string | undefined>; platform?: NodeJS.Platform },
  work: () => Promise<T> | T
): Promise<T> {
  const saved = { ...process.env }
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!
  for (const [name, value] of Object.entries(change.env ?? {})) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  if (change.platform) Object.defineProperty(process, 'platform', { ...platform, value: change.platform })
  try {
    return await work()
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
    Object.assign(process.env, saved)
    Object.defineProperty(process, 'platform', platform)
  }
}

describe("the entry's version is exactly @actions/cache's", () => {
  const pathSets = [
    ['/home/runner/work/_temp/dvc-model-action-cache/churn'],
    ['D:\\a\\_temp\\dvc-model-action-cache\\my-model'],
    ['/tmp/a', '/tmp/b|c', 'relative/ü']
  ]
  const methods: CompressionMethod[] = ['gzip', 'zstd-without-long']
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    test(`on ${platform}, for each compression method`, async () => {
      for (const paths of pathSets) {
        for (const method of methods) {
          const theirs = await withProcess({ platform }, () => utils.getCacheVersion(paths, method, false))
          expect(cacheVersion(paths, method, platform)).toBe(theirs)
        }
      }
    })
  }
})

describe('the compression method is the one @actions/cache chooses for the same PATH', () => {
  /** Both answers for a PATH of `dirs` (the library runs `zstd --quiet --version` to decide). */
  async function both(dirs: string[]): Promise<{ ours: string; theirs: string }> {
    const PATH = dirs.join(':')
    const theirs = await withProcess({ env: { PATH } }, () => utils.getCompressionMethod())
    return { ours: await compressionMethod({ PATH }, 'linux'), theirs }
  }
  const dir = (name: string): string => {
    return mkdtempSync(join(tmpdir(), `${name}-`))
  }

  test('no zstd on PATH: gzip', async () => {
    expect(await both([dir('empty')])).toEqual({ ours: 'gzip', theirs: 'gzip' })
  })

  test('a zstd that runs: zstd-without-long, whichever PATH entry has it', async () => {
    const bin = dir('bin')
    writeFileSync(join(bin, 'zstd'), '#!/bin/sh\necho v1.5.6\n')
    chmodSync(join(bin, 'zstd'), 0o755)
    expect(await both([dir('first'), bin])).toEqual({ ours: 'zstd-without-long', theirs: 'zstd-without-long' })
  })

  test('a file named zstd without an execute bit, or a folder, is not zstd', async () => {
    const plain = dir('plain')
    writeFileSync(join(plain, 'zstd'), '#!/bin/sh\necho v1.5.6\n')
    chmodSync(join(plain, 'zstd'), 0o644)
    mkdirSync(join(dir('folder'), 'zstd'))
    expect(await both([plain, dir('folder')])).toEqual({ ours: 'gzip', theirs: 'gzip' })
  })

  test("executable only for another user and group: not zstd for either (@actions/io's rule, even as root)", async () => {
    if (process.getuid?.() !== 0) return console.log('skipped: needs root to give the file to another user')
    const other = dir('other')
    writeFileSync(join(other, 'zstd'), '#!/bin/sh\necho v1.5.6\n')
    chmodSync(join(other, 'zstd'), 0o750)
    chownSync(join(other, 'zstd'), 4321, 4321)
    expect(await both([other])).toEqual({ ours: 'gzip', theirs: 'gzip' })
  })

  test("this machine's own PATH", async () => {
    const { ours, theirs } = await both((process.env.PATH ?? '').split(':'))
    expect(ours).toBe(theirs)
  })

  test('Windows: zstd.exe found through PATHEXT, and not without it', async () => {
    const bin = dir('win')
    writeFileSync(join(bin, 'zstd.EXE'), 'MZ')
    expect(await compressionMethod({ PATH: bin, PATHEXT: '.COM;.EXE' }, 'win32')).toBe('zstd-without-long')
    expect(await compressionMethod({ PATH: bin, PATHEXT: '.COM' }, 'win32')).toBe('gzip')
  })
})

test("which runners get the action's own lookup: cache service v2 outside GHES, as the library decides", () => {
  const v2 = {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: 'https://results.example/',
    ACTIONS_RUNTIME_TOKEN: 't'
  }
  expect(ownLookupApplies(v2)).toBe(true)
  expect(ownLookupApplies({ ...v2, GITHUB_SERVER_URL: 'https://github.com' })).toBe(true)
  expect(ownLookupApplies({ ...v2, GITHUB_SERVER_URL: 'https://acme.ghe.com' })).toBe(true)
  // GHES: the library speaks v1 there.
  expect(ownLookupApplies({ ...v2, GITHUB_SERVER_URL: 'https://git.acme.internal' })).toBe(false)
  expect(ownLookupApplies({ ...v2, ACTIONS_CACHE_SERVICE_V2: undefined, ACTIONS_CACHE_URL: 'https://x/' })).toBe(false)
  expect(ownLookupApplies({ ...v2, ACTIONS_RESULTS_URL: undefined })).toBe(false)
})

test('ACTIONS_CACHE_MODE: reads allowed exactly where the library allows them', async () => {
  for (const mode of [undefined, '', 'read', 'write', 'write-only', 'none', ' READ ', 'unknown']) {
    const theirs = await withProcess({ env: { ACTIONS_CACHE_MODE: mode } }, () =>
      config.isCacheReadable(config.getCacheMode())
    )
    expect([mode, cacheReadable({ ACTIONS_CACHE_MODE: mode })]).toEqual([mode, theirs])
  }
})

describe('the lookup against the cache service stand-in (v2 Twirp, real HTTP)', () => {
  const paths = ['/home/runner/work/_temp/dvc-model-action-cache/churn']
  const prefix = 'dvc-model-v1-Linux-churn-'
  const key = `${prefix}${'1'.repeat(64)}`
  const version = cacheVersion(paths, 'zstd-without-long', 'linux')
  const env = (): Record<string, string> => service.env()
  const request = { key, restoreKeys: [prefix], version, deadlineMs: 10_000 }
  const seed = (entryKey: string, entryVersion = version): void => {
    const created = service.entries.size + 1
    service.entries.set(`${entryKey}\0${entryVersion}`, {
      key: entryKey,
      version: entryVersion,
      blob: `caches/${created}.tzst`,
      finalized: true,
      created
    })
  }

  test("the request is the library's own: same method, body and bearer token", async () => {
    const before = service.requests.length
    await lookUpEntry(request, env())
    const ours = service.requests.slice(before)
    const cache = await import('@actions/cache')
    const theirs = await withProcess({ env: { ...env(), PATH: process.env.PATH } }, async () => {
      const at = service.requests.length
      const zstd = await utils.getCompressionMethod()
      expect(zstd).toBe('zstd-without-long') // the version above assumes this machine has zstd
      await cache.restoreCache(paths, key, [prefix], { lookupOnly: true })
      return service.requests.slice(at)
    })
    expect(ours).toHaveLength(1)
    expect(theirs).toHaveLength(1)
    expect(ours[0].method).toBe(theirs[0].method)
    expect(ours[0].body).toEqual(theirs[0].body)
    expect(ours[0].authorization).toBe(`Bearer ${service.token}`)
    expect(ours[0].authorization).toBe(theirs[0].authorization)
  })

  test('a hit on the key, a hit on the restore key (newest first), and a miss', async () => {
    expect(await lookUpEntry(request, env())).toEqual({})
    seed(`${prefix}${'a'.repeat(64)}`)
    seed(`${prefix}${'b'.repeat(64)}`)
    expect(await lookUpEntry(request, env())).toEqual({ matchedKey: `${prefix}${'b'.repeat(64)}` })
    seed(key)
    const { result: hit, printed } = await captureStdout(() => lookUpEntry(request, env()))
    expect(hit).toEqual({ matchedKey: key })
    // The SAS URL in the answer is not kept, and its signature is masked as the library masks it.
    // (A command escapes % as %25.)
    const masks = [...printed.matchAll(/::add-mask::(.+)/g)].map((m) => m[1].replace(/%25/g, '%'))
    expect(masks).toHaveLength(2)
    expect(masks[0].length).toBeGreaterThan(20)
    expect(masks[1]).toBe(encodeURIComponent(masks[0]))
    // Another version (another path or compression method) is another entry.
    expect(await lookUpEntry({ ...request, version: cacheVersion(paths, 'gzip', 'linux') }, env())).toEqual({})
  })

  test('503: tried twice, then a problem that marks the service unreachable', async () => {
    service.mode = 'unavailable'
    const before = service.requests.length
    const outcome = await lookUpEntry(request, env())
    expect(service.requests.length - before).toBe(2)
    expect(outcome).toEqual({ problem: 'the cache service answered 503: service unavailable', unreachable: true })
  })

  test('connection cut: a problem naming it, unreachable, no retry', async () => {
    service.mode = 'down'
    const before = service.requests.length
    const outcome = await lookUpEntry(request, env())
    expect(service.requests.length - before).toBe(1)
    expect(outcome.problem).toMatch(/^could not reach the cache service: .*ECONNRESET/)
    expect(outcome.unreachable).toBe(true)
  })

  test('a wrong token: 401 is a problem, not an unreachable service', async () => {
    const outcome = await lookUpEntry(request, { ...env(), ACTIONS_RUNTIME_TOKEN: 'wrong' })
    expect(outcome).toEqual({ problem: 'the cache service answered 401: invalid runtime token', unreachable: false })
  })

  test('through a proxy (HTTP_PROXY), as the library goes', async () => {
    const proxy = await startProxy()
    try {
      seed(key)
      const port = new URL(service.url).port
      // A host that resolves only through the proxy (which sends everything to 127.0.0.1).
      const proxied = { ...env(), ACTIONS_RESULTS_URL: `http://cache.example.test:${port}/` }
      const outcome = await withProcess({ env: { HTTP_PROXY: proxy.url } }, () => lookUpEntry(request, proxied))
      expect(outcome).toEqual({ matchedKey: key })
      expect(proxy.seen.map((r) => r.host)).toEqual([`cache.example.test:${port}`])
    } finally {
      await proxy.stop()
    }
  })
})

describe('the lookup against servers that misbehave', () => {
  const sockets = new Set<Socket>()
  let servers: Server[] = []
  async function serve(handler: RequestListener): Promise<string> {
    const server = createServer(handler)
    server.on('connection', (s) => sockets.add(s))
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  }
  afterEach(async () => {
    for (const s of sockets) s.destroy()
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
    servers = []
  })
  const request = { key: 'k-1', restoreKeys: ['k-'], version: 'v', deadlineMs: 300 }
  const envFor = (url: string): Record<string, string> => ({
    ACTIONS_RESULTS_URL: url,
    ACTIONS_RUNTIME_TOKEN: 'runtime-token-for-this-test'
  })

  test('no answer: the deadline ends the lookup, unreachable', async () => {
    const url = await serve(() => undefined)
    const outcome = await lookUpEntry(request, envFor(url))
    expect(outcome).toEqual({ problem: 'the cache service did not answer within 300ms', unreachable: true })
  })

  test('a redirect is not followed: the runtime token goes nowhere else', async () => {
    const elsewhere: string[] = []
    const other = await serve((req, res) => {
      elsewhere.push(String(req.headers.authorization))
      res.end('{}')
    })
    const url = await serve((req, res) => {
      res.writeHead(307, { location: `${other}twirp/x` })
      res.end()
    })
    const outcome = await lookUpEntry(request, envFor(url))
    expect(outcome.problem).toMatch(/^the cache service answered 307/)
    expect(elsewhere).toEqual([])
  })

  test('200 without JSON is a problem; ok without a key is a miss', async () => {
    const html = await serve((req, res) => res.end('<html>login</html>'))
    expect(await lookUpEntry(request, envFor(html))).toEqual({ problem: 'the cache service answered 200 without JSON' })
    const empty = await serve((req, res) => res.end('{"ok":true,"matched_key":""}'))
    expect(await lookUpEntry(request, envFor(empty))).toEqual({})
  })
})
