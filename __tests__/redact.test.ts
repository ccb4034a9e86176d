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
