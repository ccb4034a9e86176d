import { SignedUrls } from '../src/transfer/signed-urls.js'

const url = (n: number): string =>
  `https://b.s3.amazonaws.com/r/files/md5/86/bd02376ac675568ba2fac566169ef9?X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=${n}`

test('concurrent refreshes share one Studio call; a long download may refresh again and again, a fast loop may not', async () => {
  let clock = 0
  let calls = 0
  const urls = new SignedUrls(
    { 'a.bin': url(0), 'b.bin': url(0) },
    async () => {
      calls++
      return { 'a.bin': url(calls), 'b.bin': url(calls) }
    },
    3,
    15 * 60_000,
    () => clock
  )
  const [a, b] = await Promise.all([urls.refresh('a.bin', url(0), 'expired'), urls.refresh('b.bin', url(0), 'expired')])
  expect(calls).toBe(1)
  expect([a, b]).toEqual([url(1), url(1)])
  // A stale URL that another file already refreshed is simply replaced.
  expect(await urls.refresh('b.bin', url(0), 'expired')).toBe(url(1))
  expect(calls).toBe(1)

  // Hours of download: one refresh an hour goes on for as long as it takes.
  for (let hour = 1; hour <= 8; hour++) {
    clock = hour * 3_600_000
    await urls.refresh('a.bin', urls.get('a.bin'), 'expired')
  }
  expect(calls).toBe(9)

  // Three at once, then a fourth within the window: the clock must be wrong.
  await urls.refresh('a.bin', urls.get('a.bin'), 'expired')
  await urls.refresh('a.bin', urls.get('a.bin'), 'expired')
  await expect(urls.refresh('a.bin', urls.get('a.bin'), 'expired')).rejects.toThrow(
    /expired again right after 3 fresh sets of URLs from Studio\. .*check the runner's clock/
  )
})

test('a model that changed in Studio between two answers fails rather than mixing versions', async () => {
  const urls = new SignedUrls({ 'a.bin': url(0) }, async () => ({
    'a.bin': url(1).replace('86/bd02376ac675568ba2fac566169ef9', '11/111111111111111111111111111111')
  }))
  await expect(urls.refresh('a.bin', url(0), 'expired')).rejects.toThrow(
    /The model changed in Studio while it was being downloaded \('a.bin' has new content\)/
  )
})
