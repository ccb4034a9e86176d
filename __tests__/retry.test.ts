import {
  RetryPolicy,
  certificateAdvice,
  isCertificateError,
  isRetryableStatus,
  isTlsSetupError,
  retryAfterMs,
  tlsAdvice
} from '../src/common/retry.js'
import { errorReason } from '../src/common/format.js'
import { readTuning } from '../src/common/settings.js'
import { captureStdout } from '../test-support/stdout.mjs'

test('Retry-After as seconds or a date', () => {
  expect(retryAfterMs({ 'retry-after': '7' })).toBe(7000)
  expect(retryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, 4000)).toBe(6000)
  expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined()
  expect(retryAfterMs({})).toBeUndefined()
})

test('backoff grows from about 1 s, with jitter, capped at 30 s', () => {
  const lowest = new RetryPolicy({ retries: 5, delayScale: 1 }, () => 0)
  const highest = new RetryPolicy({ retries: 5, delayScale: 1 }, () => 1)
  expect(lowest.delayMs(1)).toBe(500)
  expect(highest.delayMs(1)).toBe(1000)
  expect(lowest.delayMs(4)).toBe(4000)
  expect(highest.delayMs(4)).toBe(8000)
  expect(highest.delayMs(10)).toBe(30_000)
})

test('a Retry-After of N s waits N s times the scale, at most 5 minutes', () => {
  const real = new RetryPolicy({ retries: 5, delayScale: 1 }, () => 1)
  expect(real.delayMs(1, 20_000)).toBe(20_000)
  expect(real.delayMs(1, 2000)).toBe(2000)
  expect(real.delayMs(1, 3_600_000)).toBe(300_000)
  // Shorter than the backoff: the backoff wins.
  expect(real.delayMs(4, 2000)).toBe(8000)
  const scaled = new RetryPolicy({ retries: 5, delayScale: 0.001 }, () => 1)
  expect(scaled.delayMs(1, 20_000)).toBeCloseTo(20, 9)
  expect(scaled.delayMs(1)).toBeCloseTo(1, 9)
  expect(new RetryPolicy({ retries: 5, delayScale: 0 }).delayMs(3, 20_000)).toBe(0)
})

test('the wait logs the delay it chose, then sleeps', async () => {
  const { printed } = await captureStdout(async () => {
    const policy = new RetryPolicy({ retries: 3, delayScale: 0.001 }, () => 1)
    const budget = policy.budget()
    budget.fail()
    await policy.wait("'a.bin'", budget, 'storage answered HTTP 429', 7000)
  })
  expect(printed).toBe("Retrying 'a.bin' in 7ms (retry 1 of 3): storage answered HTTP 429.\n")
})

test('the budget counts failures in a row; progress starts the count again', () => {
  const budget = new RetryPolicy({ retries: 2, delayScale: 0 }).budget()
  expect(budget.fail(0)).toBe(true)
  expect(budget.fail(0)).toBe(true)
  expect(budget.fail(100)).toBe(true)
  expect(budget.failures).toBe(1)
  expect(budget.fail(100)).toBe(true)
  expect(budget.fail(50)).toBe(false)
  expect(budget.failures).toBe(3)
  const none = new RetryPolicy({ retries: 0, delayScale: 0 }).budget()
  expect(none.fail()).toBe(false)
})

test.each([408, 429, 500, 502, 503, 504])('HTTP %i is retried', (status) => {
  expect(isRetryableStatus(status)).toBe(true)
})

test.each([400, 401, 403, 404, 416])('HTTP %i is not', (status) => {
  expect(isRetryableStatus(status)).toBe(false)
})

test('certificate errors are not retried, and the advice names NODE_EXTRA_CA_CERTS', () => {
  for (const code of [
    'CERT_HAS_EXPIRED',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'ERR_TLS_CERT_ALTNAME_INVALID'
  ]) {
    expect(isCertificateError(Object.assign(new Error('x'), { code }))).toBe(true)
  }
  for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', undefined]) {
    expect(isCertificateError(Object.assign(new Error('x'), { code }))).toBe(false)
  }
  const advice = certificateAdvice(
    'Studio at https://studio.example.com/api',
    Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
  )
  expect(advice).toMatch(/^The TLS connection to Studio at https:\/\/studio.example.com\/api failed \(DEPTH_ZERO/)
  expect(advice).toContain('NODE_EXTRA_CA_CERTS')
  expect(advice).not.toContain('\n')
})

const opensslDump = Object.assign(
  new Error(
    'write EPROTO 80BC4BD9A07F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n'
  ),
  { code: 'EPROTO' }
)

test('TLS spoken to a port that does not speak it is not retried, and is said in words', () => {
  expect(isTlsSetupError(opensslDump)).toBe(true)
  expect(isTlsSetupError(Object.assign(new Error('x'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }))).toBe(true)
  expect(isTlsSetupError(new Error('ssl3_read_bytes:sslv3 alert handshake failure'))).toBe(true)
  expect(isTlsSetupError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(false)
  const advice = tlsAdvice('Studio at https://s.example.com/api', 'https://s.example.com/api?token=x', opensslDump)
  expect(advice).toBe(
    'The TLS connection to Studio at https://s.example.com/api failed (write EPROTO wrong version number): the server at https://s.example.com/api does not speak TLS on that port: use http:// or the right port.'
  )
})

test("an error's reason is one trimmed line without OpenSSL's source locations", () => {
  expect(errorReason(opensslDump)).toBe('write EPROTO wrong version number')
  expect(errorReason(new Error('\n  first line  \nsecond line'))).toBe('first line')
  expect(errorReason('plain text.')).toBe('plain text')
  expect(errorReason(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBe('connect ECONNREFUSED 127.0.0.1:1')
})

test('the retry line shows the reason as one line', async () => {
  const { printed } = await captureStdout(async () => {
    const policy = new RetryPolicy({ retries: 2, delayScale: 0 })
    const budget = policy.budget()
    budget.fail()
    await policy.wait('the Studio request', budget, opensslDump.message)
  })
  expect(printed).toMatch(
    /^Retrying the Studio request in 0ms \(retry 1 of 2\): write EPROTO wrong version number\.\n$/
  )
})

test('tuning knobs come from the environment, in one place', () => {
  expect(readTuning({})).toEqual({
    delayScale: 1,
    progressIntervalMs: 10_000,
    partBytes: 8 << 20,
    hashWorker: true,
    cacheLookupMs: 30_000,
    directHttp: true
  })
  expect(
    readTuning({
      DVC_MODEL_ACTION_DELAY_SCALE: '0.001',
      DVC_MODEL_ACTION_PROGRESS_MS: '200',
      DVC_MODEL_ACTION_PART_SIZE: '0',
      DVC_MODEL_ACTION_HASH_WORKER: '0',
      DVC_MODEL_ACTION_CACHE_LOOKUP_MS: '1000',
      DVC_MODEL_ACTION_HTTP: 'library'
    })
  ).toEqual({
    delayScale: 0.001,
    progressIntervalMs: 200,
    partBytes: 0,
    hashWorker: false,
    cacheLookupMs: 1000,
    directHttp: false
  })
  expect(readTuning({ DVC_MODEL_ACTION_DELAY_SCALE: '-1' }).delayScale).toBe(1)
  expect(readTuning({ DVC_MODEL_ACTION_DELAY_SCALE: '0' }).delayScale).toBe(0)
})

test('progress resets the failures in a row, but at most 10 x retries attempts fail in all', async () => {
  const { PROGRESS_ATTEMPTS_PER_RETRY } = await import('../src/common/retry.js')
  const budget = new RetryPolicy({ retries: 2, delayScale: 0 }).budget()
  const results: boolean[] = []
  // Every attempt gets 16 KiB further and fails.
  for (let attempt = 1; attempt <= 25; attempt++) results.push(budget.fail(attempt * 16384))
  expect(budget.cap).toBe(PROGRESS_ATTEMPTS_PER_RETRY * 2)
  expect(results.indexOf(false)).toBe(19) // the 20th failure is the last
  expect(budget.capped).toBe(true)
  expect(budget.failures).toBeLessThanOrEqual(2)
})
