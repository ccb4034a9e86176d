import { createHash } from 'node:crypto'
import { ContentHasher, DVC2_CHUNK_SIZE, contentAddress } from '../src/files/integrity.js'

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
      matches: true,
      verified: true
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
  expect(hashInChunks(hasher, text, 3)).toEqual({ md5: md5(text), matches: true, verified: true })
  // No address: nothing to match, and nothing verified.
  expect(hashInChunks(new ContentHasher(undefined), text, 3)).toEqual({
    md5: md5(text),
    matches: true,
    verified: false
  })
})

test("DVC 2: a CRLF split across DVC's 1 MiB read chunks stays CRLF, as DVC 2 hashed it", () => {
  const text = Buffer.alloc(DVC2_CHUNK_SIZE * 2 + 10, 'a')
  text[DVC2_CHUNK_SIZE - 1] = 0x0d // CR ends DVC's first chunk...
  text[DVC2_CHUNK_SIZE] = 0x0a // ...LF starts the second: not converted
  text[DVC2_CHUNK_SIZE + 5] = 0x0d // a CRLF inside the second chunk: converted
  text[DVC2_CHUNK_SIZE + 6] = 0x0a
  const dvc = createHash('md5')
  for (let i = 0; i < text.length; i += DVC2_CHUNK_SIZE) {
    dvc.update(
      Buffer.from(
        text
          .subarray(i, i + DVC2_CHUNK_SIZE)
          .toString('latin1')
          .replace(/\r\n/g, '\n'),
        'latin1'
      )
    )
  }
  const expected = dvc.digest('hex')
  expect(expected).not.toBe(md5(Buffer.from(text.toString('latin1').replace(/\r\n/g, '\n'), 'latin1')))
  for (const size of [65536, 1000, DVC2_CHUNK_SIZE - 1, DVC2_CHUNK_SIZE, 3 * DVC2_CHUNK_SIZE]) {
    expect(hashInChunks(new ContentHasher({ md5: expected, layout: 'dvc2' }), text, size).matches).toBe(true)
  }
})

test('a raw MD5 computed elsewhere is adopted for DVC 3 addresses, refused for DVC 2 ones, forgotten on reset', () => {
  const bytes = Buffer.from('computed on a worker thread')
  const hasher = new ContentHasher({ md5: md5(bytes), layout: 'dvc3' })
  expect(hasher.rawOnly).toBe(true)
  hasher.adoptRaw(md5(bytes))
  expect(hasher.finish()).toEqual({ md5: md5(bytes), matches: true, verified: true })
  const other = new ContentHasher({ md5: md5(bytes), layout: 'dvc3' })
  other.adoptRaw(md5('something else'))
  other.reset()
  other.update(bytes)
  expect(other.finish().matches).toBe(true)
  const legacy = new ContentHasher({ md5: md5(bytes), layout: 'dvc2' })
  expect(legacy.rawOnly).toBe(false)
  expect(() => legacy.adoptRaw(md5(bytes))).toThrow(/DVC 2/)
})
