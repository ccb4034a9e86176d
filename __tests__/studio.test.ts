import { HttpPool } from '../src/common/http-pool.js'
import { RetryPolicy } from '../src/common/retry.js'
import { hasExpired, urlExpiry } from '../src/transfer/signed-urls.js'
import { StudioClient, downloadUrisUrl, parseDownloadUris } from '../src/registry/studio.js'
import { studioExplanation, studioFailure } from '../src/registry/studio-errors.js'
import { startHttps } from '../test-support/real-storage.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'
import { holdStdout } from '../test-support/stdout.mjs'

const query = { repo: 'git@github.com:acme/models.git', name: 'nlp:bert', stage: 'prod' }

test.each([
  ['https://studio.datachain.ai', 'https://studio.datachain.ai/api/model-registry/get-download-uris'],
  ['https://studio.datachain.ai/', 'https://studio.datachain.ai/api/model-registry/get-download-uris'],
  ['https://ci.example.com/studio', 'https://ci.example.com/studio/api/model-registry/get-download-uris'],
  ['https://ci.example.com/studio/', 'https://ci.example.com/studio/api/model-registry/get-download-uris']
])('the API URL keeps a path prefix: %s', (base, expected) => {
  const url = new URL(downloadUrisUrl(base, query))
  expect(`${url.origin}${url.pathname}`).toBe(expected)
  expect(url.searchParams.get('repo')).toBe('git@github.com:acme/models.git')
  expect(url.searchParams.get('name')).toBe('nlp:bert')
  expect(url.searchParams.get('stage')).toBe('prod')
  expect(url.searchParams.has('version')).toBe(false)
})

const apiUrl = 'https://ci.example.com/studio/api/model-registry/get-download-uris?repo=x&name=nlp%3Abert&stage=prod'

test("error messages name the Studio asked (no query), the status, Studio's words, and a hint; never the token", () => {
  expect(studioFailure(403, '{"detail":"Token t0k lacks scope"}', query, 't0k', apiUrl)).toBe(
    "Studio at https://ci.example.com/studio/api/model-registry/get-download-uris refused to list the files of nlp:bert (stage prod) from git@github.com:acme/models.git (HTTP 403): \"Token *** lacks scope\". The token is wrong, expired or lacks the Model Registry scope: create a token with that scope in Studio's settings and store it in the secret passed as 'studio-token' (and check that 'studio-url' is the Studio that issued it)."
  )
  expect(studioFailure(404, '{"detail":"not found"}', query, 'tok-123456', apiUrl)).toMatch(
    /^Studio at https:\/\/ci\.example\.com\/studio\/api\/model-registry\/get-download-uris refused .*\(HTTP 404\): "not found"\. Check 'repo'/
  )
  // Studio's own sentence keeps its full stop, and gets no second one.
  expect(studioFailure(401, '{"detail":"Credentials are invalid."}', query, 'tok-123456', apiUrl)).toMatch(
    /\(HTTP 401\): "Credentials are invalid\." The token is wrong/
  )
  expect(studioFailure(500, '', query, 'tok-123456', apiUrl)).toMatch(/\(HTTP 500\)\. Studio is unavailable/)
  // A version just registered may not have reached Studio: said for a version, not for a stage.
  expect(studioFailure(404, '{"detail":"x"}', { ...query, stage: undefined, version: 'v1.0.0' }, 't', apiUrl)).toMatch(
    /and 'version' or 'stage'\. A version registered moments ago may not be known to Studio yet: then re-run the job\.$/
  )
  expect(studioFailure(404, '{"detail":"x"}', query, 't', apiUrl)).not.toContain('moments ago')
  for (const status of [400, 401, 403, 404, 429, 500, 502]) {
    expect(studioFailure(status, '{"detail":"x"}', query, 'tok-123456', apiUrl)).not.toContain('repo=x')
  }
})

test.each([
  ['<html><body><h1>Not Found</h1></body></html>', '"Not Found".'],
  ['Not Found', '"Not Found".'],
  ['{"message":"no Route matched with those values"}', '"no Route matched with those values".'],
  ['', "is not Studio's."]
])("a 404 whose body is not Studio's JSON (%s) points at 'studio-url', not at the model", (body, said) => {
  const message = studioFailure(404, body, query, 'tok-123456', apiUrl)
  expect(message).toContain(
    `The server at https://ci.example.com/studio/api/model-registry/get-download-uris answered HTTP 404 for nlp:bert (stage prod) from git@github.com:acme/models.git with a page that is not Studio's`
  )
  expect(message).toContain(said)
  expect(message).toMatch(/That URL does not look like a Studio API: check input 'studio-url' \(or DVC_STUDIO_URL\)\./)
  expect(message).not.toMatch(/Check 'repo'/)
})

test("Studio's explanation: JSON detail or message, else the page's text, shortened", () => {
  expect(studioExplanation('<html><head><style>x{}</style></head><body><h1>502 Bad Gateway</h1></body></html>')).toBe(
    '502 Bad Gateway'
  )
  expect(studioExplanation('x'.repeat(1000))).toHaveLength(300)
  expect(studioExplanation('{"message":"plain"}')).toBe('plain')
})

test.each([
  ['not json', /not with JSON/],
  ['[]', /other than a JSON object/],
  ['"text"', /other than a JSON object/],
  ['{}', /lists no files/],
  ['{"a": 1}', /no http\(s\) download URL for 'a'/],
  ['{"a": "s3://bucket/key"}', /no http\(s\) download URL for 'a'/]
])('a 200 of %s is refused, naming the Studio asked', (body, message) => {
  expect(() => parseDownloadUris(body, query, apiUrl)).toThrow(message)
  expect(() => parseDownloadUris(body, query, apiUrl)).toThrow(
    /^Studio at https:\/\/ci\.example\.com\/studio\/api\/model-registry\/get-download-uris /
  )
})

test('signed URL expiry from S3 v4, S3 v2 and Azure SAS queries', () => {
  expect(
    urlExpiry('https://b.s3.amazonaws.com/k?X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=x')
  ).toBe(Date.UTC(2026, 0, 1, 1))
  expect(urlExpiry('https://b.s3.amazonaws.com/k?AWSAccessKeyId=A&Expires=1700000000&Signature=x')).toBe(1700000000000)
  expect(urlExpiry('https://a.blob.core.windows.net/c/k?sv=2021&se=2026-01-01T00%3A00%3A00Z&sr=b&sp=r&sig=a%2Bb')).toBe(
    Date.UTC(2026, 0, 1)
  )
  expect(urlExpiry('https://files.example.com/k')).toBeUndefined()
  expect(hasExpired('https://b/k?X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600', Date.UTC(2026, 0, 1, 2))).toBe(true)
  expect(hasExpired('https://b/k?X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600', Date.UTC(2026, 0, 1, 0, 30))).toBe(
    false
  )
})

describe('StudioClient against the stand-in', () => {
  let standin: Standin
  let http: HttpPool
  beforeAll(async () => {
    standin = await startStandin({ token: 'tok', prefix: '/studio' })
    standin.addVersion({ repo: 'acme/models', name: 'm', version: 'v1.0.0', stages: ['prod'], files: { 'a.bin': 'A' } })
    standin.addVersion({ repo: 'acme/models', name: 'm', version: 'v10.0.0', files: { 'a.bin': 'B' } })
    standin.addVersion({ repo: 'acme/models', name: 'm', version: 'v9.0.0', files: { 'a.bin': 'C' } })
    http = new HttpPool(5000)
  })
  afterAll(async () => {
    http.dispose()
    await standin.stop()
  })
  const client = (token = 'tok', retries = 2): StudioClient =>
    new StudioClient(`${standin.studioUrl}`, token, http, new RetryPolicy({ retries, delayScale: 0 }))

  test('latest is the greatest SemVer; stage and version select', async () => {
    const latest = await client().getDownloadUris({ repo: 'acme/models', name: 'm' })
    expect(Object.keys(latest)).toEqual(['a.bin'])
    const v10 = standin.models
      .get('acme/models')!
      .get('m')!
      .find((v) => v.version === 'v10.0.0')!
    expect(new URL(latest['a.bin']).pathname).toBe(v10.files['a.bin'].path)
    const prod = await client().getDownloadUris({ repo: 'acme/models', name: 'm', stage: 'prod' })
    const v1 = await client().getDownloadUris({ repo: 'acme/models', name: 'm', version: 'v1.0.0' })
    expect(new URL(prod['a.bin']).pathname).toBe(new URL(v1['a.bin']).pathname)
    expect(new URL(prod['a.bin']).pathname).not.toBe(new URL(latest['a.bin']).pathname)
    expect(standin.studioRequests.at(-1)!.headers.authorization).toBe('token tok')
  })

  test('a folder model with thousands of files (a multi-megabyte answer) is read whole', async () => {
    const many: Record<string, string> = {}
    for (let i = 0; i < 20_000; i++)
      many[`data/images/img-${i}.png`] = standin.sign(`/remote/files/md5/00/${String(i).padStart(30, '0')}`)
    const body = JSON.stringify(many)
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024)
    standin.studioAnswers.push({ status: 200, body: many })
    const uris = await client().getDownloadUris({ repo: 'acme/models', name: 'm' })
    expect(Object.keys(uris)).toHaveLength(20_000)
    expect(uris['data/images/img-19999.png']).toBe(many['data/images/img-19999.png'])
  })

  test('a wrong token is a 401 with a hint, not retried', async () => {
    const before = standin.studioRequests.length
    await expect(client('bad').getDownloadUris({ repo: 'acme/models', name: 'm' })).rejects.toThrow(
      /HTTP 401.*Model Registry scope/
    )
    expect(standin.studioRequests.length).toBe(before + 1)
  })

  test("a wrong path prefix gets the web server's 404 page: the error points at 'studio-url'", async () => {
    const noPrefix = new StudioClient(
      `http://127.0.0.1:${standin.studioPort}/`,
      'tok',
      http,
      new RetryPolicy({ retries: 0, delayScale: 0 })
    )
    await expect(noPrefix.getDownloadUris({ repo: 'acme/models', name: 'm' })).rejects.toThrow(
      /^The server at http:\/\/127\.0\.0\.1:\d+\/api\/model-registry\/get-download-uris answered HTTP 404 for m \(latest version\) from acme\/models with a page that is not Studio's: "Not Found"\. That URL does not look like a Studio API: check input 'studio-url'/
    )
    // A 401 names the Studio that refused, so a token for another Studio shows.
    await expect(client('bad').getDownloadUris({ repo: 'acme/models', name: 'm' })).rejects.toThrow(
      /^Studio at http:\/\/127\.0\.0\.1:\d+\/studio\/api\/model-registry\/get-download-uris refused .*\(HTTP 401\)/
    )
  })

  test('an unreachable Studio is retried, then explained', async () => {
    const dead = new StudioClient('http://127.0.0.1:1/', 'tok', http, new RetryPolicy({ retries: 1, delayScale: 0 }))
    await expect(dead.getDownloadUris({ repo: 'r', name: 'm' })).rejects.toThrow(
      /^Could not reach Studio at http:\/\/127.0.0.1:1\/api\/model-registry\/get-download-uris: .*ECONNREFUSED.*Check input 'studio-url'/
    )
  })
})

test('a certificate the runner does not trust fails at once, with advice to trust the CA', async () => {
  // A TLS server with a fresh self-signed certificate, not given to Node: every attempt
  // would fail alike, so there is no retry (and no wait: a retry would take seconds).
  const tls = await startHttps({})
  const http = new HttpPool(5000)
  const stdout = holdStdout()
  try {
    const origin = new URL(await tls.sign('x', 60)).origin
    const client = new StudioClient(`${origin}/`, 'tok', http, new RetryPolicy({ retries: 5, delayScale: 0 }))
    const error = await client.getDownloadUris({ repo: 'r', name: 'm' }).catch((e: unknown) => e as Error)
    expect(error.message).toMatch(
      /^The TLS connection to Studio at https:\/\/[\w.]+:\d+\/api\/model-registry\/get-download-uris failed \(DEPTH_ZERO_SELF_SIGNED_CERT\): .*NODE_EXTRA_CA_CERTS/
    )
    expect(error.message).not.toContain('\n')
  } finally {
    stdout.stop()
    http.dispose()
    await tls.stop()
  }
  expect(stdout.text).not.toContain('Retrying')
})

test('https:// to a port that speaks http fails at once, saying so in one line', async () => {
  // The Studio stand-in speaks plain http; asked over https, OpenSSL reads an HTTP answer as a
  // TLS record ("wrong version number"): a retry would meet the same server.
  const standin = await startStandin({ token: 'tok' })
  const http = new HttpPool(5000)
  const stdout = holdStdout()
  try {
    const studioUrl = standin.studioUrl.replace(/^http:/, 'https:')
    const port = new URL(studioUrl).port
    const client = new StudioClient(studioUrl, 'tok', http, new RetryPolicy({ retries: 5, delayScale: 0 }))
    const error = await client.getDownloadUris({ repo: 'r', name: 'm' }).catch((e: unknown) => e as Error)
    expect(error.message).toMatch(
      new RegExp(
        `^The TLS connection to Studio at https://127\\.0\\.0\\.1:${port}/api/model-registry/get-download-uris failed \\([^)]*\\): the server at https://127\\.0\\.0\\.1:${port}/api/model-registry/get-download-uris does not speak TLS on that port: use http:// or the right port in input 'studio-url' \\(or DVC_STUDIO_URL\\)\\.$`
      )
    )
    expect(error.message).not.toMatch(/\n|%0A|ssl3_record\.c|deps\/openssl|repo=/)
  } finally {
    stdout.stop()
    http.dispose()
    await standin.stop()
  }
  expect(stdout.text).not.toContain('Retrying')
})

describe('the storage stand-in behaves as S3 does where it matters', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startStandin({ token: 'tok' })
    standin.addVersion({ repo: 'r', name: 'm', version: 'v1', files: { 'a.bin': 'abc' } })
  })
  afterAll(() => standin.stop())

  test('a URL used as received works; re-encoded, expired or with an Authorization header, it is refused', async () => {
    const url = standin.sign(standin.pathOf('a.bin'))
    expect(url).toContain('%2F')
    expect((await fetch(url)).status).toBe(200)
    const reencoded = await fetch(url.replace(/%2F/g, '/'))
    expect(reencoded.status).toBe(403)
    expect(await reencoded.text()).toContain('SignatureDoesNotMatch')
    const withAuth = await fetch(url, { headers: { authorization: 'token tok' } })
    expect(withAuth.status).toBe(400)
    expect(await withAuth.text()).toContain('Only one auth mechanism allowed')
    const expired = await fetch(standin.sign(standin.pathOf('a.bin'), 60, Date.now() - 3600_000))
    expect(expired.status).toBe(403)
    expect(await expired.text()).toContain('Request has expired')
    const ranged = await fetch(url, { headers: { range: 'bytes=1-' } })
    expect(ranged.status).toBe(206)
    expect(ranged.headers.get('content-range')).toBe('bytes 1-2/3')
    expect(await ranged.text()).toBe('bc')
  })
})

test('Studio throttling itself (429 with Retry-After): jobs asking at once all get their URLs, each waiting as told', async () => {
  // Two requests a second, six clients at once: four are refused, told to come back in a
  // second, and do so spread over the jitter window (real waits: delay scale 1).
  const standin = await startStandin({ token: 'tok', studioRequestsPerSecond: 2 })
  standin.addVersion({ repo: 'r', name: 'm', version: 'v1', files: { 'a.bin': 'abc' } })
  const http = new HttpPool(5000)
  const stdout = holdStdout()
  try {
    const policy = new RetryPolicy({ retries: 5, delayScale: 1 })
    const clients = Array.from({ length: 6 }, () => new StudioClient(standin.studioUrl, 'tok', http, policy))
    const answers = await Promise.all(clients.map((c) => c.getDownloadUris({ repo: 'r', name: 'm' })))
    for (const uris of answers) expect(Object.keys(uris)).toEqual(['a.bin'])
    expect(standin.studioLimit.refused).toBeGreaterThanOrEqual(4)
    expect(standin.studioRequests).toHaveLength(6 + standin.studioLimit.refused)
    const retries = stdout.text.split('\n').filter((l) => l.startsWith('Retrying the Studio request'))
    expect(retries).toHaveLength(standin.studioLimit.refused)
    // Each wait is the second Studio asked for plus the jitter: never less.
    for (const line of retries) {
      expect(line).toMatch(/^Retrying the Studio request in (\d+\.\d)s \(retry \d of 5\): HTTP 429\.$/)
      expect(Number(/in (\d+\.\d)s/.exec(line)![1])).toBeGreaterThanOrEqual(1)
    }
  } finally {
    stdout.stop()
    http.dispose()
    await standin.stop()
  }
})
