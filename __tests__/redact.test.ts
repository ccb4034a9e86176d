import { jest } from '@jest/globals'
import { describeUrl, scrub } from '../src/common/redact.js'

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

test('setSecrets writes what core.setSecret writes for each value, in one write', async () => {
  const core = await import('@actions/core')
  const { setSecrets } = await import('../src/common/redact.js')
  const values = ['X-Amz-Credential=AKIA%2F20261129&X-Amz-Signature=ab', 'multi\nline\rvalue', 'ab', 'ab', '']
  const written: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
  try {
    for (const value of new Set(values)) if (value) core.setSecret(value)
    const one = written.splice(0).join('')
    setSecrets(values)
    expect(written).toHaveLength(1)
    expect(written[0]).toBe(one)
  } finally {
    spy.mockRestore()
  }
})

test('secretForms: a query value as in the URL, decoded, with a raw + as a space, and re-encoded in either hex case', async () => {
  const { secretForms, queryValueForms } = await import('../src/common/redact.js')
  const forms = secretForms('a%2Bb%2fc%3D')
  expect(forms).toEqual(expect.arrayContaining(['a%2Bb%2fc%3D', 'a+b/c=', 'a b/c=', 'a%2Bb%2Fc%3D', 'a%2bb%2fc%3d']))
  // Not percent-encoded at all: itself, and the space a form-decoding server makes of a raw +.
  expect(secretForms('ab+cd=')).toEqual(expect.arrayContaining(['ab+cd=', 'ab cd=', 'ab%2Bcd%3D']))
  expect(secretForms('%E0%A4%A')).toContain('%E0%A4%A') // not decodable: kept as it is
  const url = 'https://a.blob.core.windows.net/c/x?sv=2021-08-06&sr=b&sig=k9%2BZq%2FWx7r%3D'
  const values = queryValueForms(url)
  expect(values).toEqual(expect.arrayContaining(['k9+Zq/Wx7r=', 'k9%2BZq%2FWx7r%3D', '2021-08-06']))
  expect(values).not.toContain('b')
  expect(scrub('denied: k9+Zq/Wx7r= and k9 Zq/Wx7r=', values)).toBe('denied: *** and ***')
})
