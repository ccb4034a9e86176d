import { describeUrl, scrub } from '../src/redact.js'

test('describeUrl keeps the origin and path only', () => {
  expect(describeUrl('https://user:pw@b.s3.amazonaws.com/p/86/bd?X-Amz-Signature=abc#x')).toBe(
    'https://b.s3.amazonaws.com/p/86/bd'
  )
  expect(describeUrl('not a url')).toBe('(unparseable URL)')
})

test('scrub removes query strings of URLs and request paths, and named secrets', () => {
  const text =
    'Request timeout: /remote/86/bd?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA, also https://a.blob.core.windows.net/c/x?sv=1&sig=a%2Bb%3D and token s3cr3t'
  const out = scrub(text, ['s3cr3t'])
  expect(out).toBe('Request timeout: /remote/86/bd?*** also https://a.blob.core.windows.net/c/x?*** and token ***')
  expect(out).not.toMatch(/deadbeef|AKIA|sig=|s3cr3t/)
})
