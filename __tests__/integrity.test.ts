import { createHash } from 'node:crypto'
import { ContentHasher, contentAddress } from '../src/integrity.js'

const md5 = (b: Buffer | string): string => createHash('md5').update(b).digest('hex')

test.each([
  [
    'https://b.s3.amazonaws.com/p/files/md5/86/bd02376ac675568ba2fac566169ef9?X-Amz-Signature=x',
    { md5: '86bd02376ac675568ba2fac566169ef9', layout: 'dvc3' }
  ],
  [
    'https://b.s3.amazonaws.com/bank-customer-churn/86/bd02376ac675568ba2fac566169ef9',
    { md5: '86bd02376ac675568ba2fac566169ef9', layout: 'dvc2' }
  ],
  [
    'https://acct.blob.core.windows.net/c/86/BD02376AC675568BA2FAC566169EF9?sv=1&sig=a%2Bb',
    { md5: '86bd02376ac675568ba2fac566169ef9', layout: 'dvc2' }
  ],
  ['https://files.example.com/models/model.pkl', undefined],
  ['https://files.example.com/86/bd0237', undefined]
])('contentAddress(%s)', (url, expected) => {
  expect(contentAddress(url)).toEqual(expected)
})

function hashInChunks(hasher: ContentHasher, data: Buffer, size: number): ReturnType<ContentHasher['finish']> {
  for (let i = 0; i < data.length; i += size) hasher.update(data.subarray(i, i + size))
  return hasher.finish()
}

test('DVC 2: a CRLF text file matches its LF MD5 whatever the chunk boundaries, and its raw MD5 too', () => {
  const text = Buffer.from('a\r\nb\r\r\nc\rd\r\n\r\n' + 'x\r\n'.repeat(100) + '\r')
  const unix = Buffer.from(text.toString().replace(/\r\n/g, '\n'))
  for (const size of [1, 2, 3, 7, 64, 10_000]) {
    expect(hashInChunks(new ContentHasher({ md5: md5(unix), layout: 'dvc2' }), text, size)).toEqual({
      md5: md5(text),
      matches: true
    })
    expect(hashInChunks(new ContentHasher({ md5: md5(text), layout: 'dvc2' }), text, size).matches).toBe(true)
  }
  expect(hashInChunks(new ContentHasher({ md5: md5('other'), layout: 'dvc2' }), text, 5).matches).toBe(false)
})

test('DVC 3 checks the raw bytes only; reset starts over', () => {
  const text = Buffer.from('a\r\nb\r\n')
  const unix = Buffer.from('a\nb\n')
  expect(hashInChunks(new ContentHasher({ md5: md5(unix), layout: 'dvc3' }), text, 2).matches).toBe(false)
  const hasher = new ContentHasher({ md5: md5(text), layout: 'dvc3' })
  hasher.update(Buffer.from('garbage'))
  hasher.reset()
  expect(hashInChunks(hasher, text, 3)).toEqual({ md5: md5(text), matches: true })
  expect(hashInChunks(new ContentHasher(undefined), text, 3)).toEqual({ md5: md5(text), matches: true })
})
