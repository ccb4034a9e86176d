import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hashingCopy } from '../src/files/hashing-copy.js'
import { testBytes } from '../test-support/bytes.mjs'

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex')
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hashing-copy-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

// Sizes: empty, one whole-file read, just over it, several pieces with a short last one.
test.each([0, 1, 1 << 20, (1 << 20) + 1, (9 << 20) + 12345])(
  'copies %i bytes and hashes them in order',
  async (size) => {
    const content = testBytes(size, size % 251)
    writeFileSync(join(dir, 'src'), content)
    writeFileSync(join(dir, 'dst'), 'an older, longer file that must be replaced entirely'.repeat(100))
    const hash = createHash('md5')
    let pieces = 0
    const copied = await hashingCopy(join(dir, 'src'), join(dir, 'dst'), (piece) => {
      hash.update(piece)
      pieces++
    })
    expect(copied).toBe(size)
    expect(readFileSync(join(dir, 'dst')).equals(content)).toBe(true)
    expect(hash.digest('hex')).toBe(md5(content))
    // Large files go in pieces (memory stays bounded), small ones in one.
    expect(pieces).toBe(size <= 1 << 20 ? 1 : Math.ceil(size / (4 << 20)))
  }
)

test('small files copied many at once (their buffers reused) each get their own bytes and hash', async () => {
  const contents = Array.from({ length: 24 }, (_, i) => testBytes(((i * 97_531) % (1 << 20)) + 1, i + 3))
  contents.forEach((content, i) => writeFileSync(join(dir, `src${i}`), content))
  for (let round = 0; round < 2; round++) {
    const hashes = await Promise.all(
      contents.map(async (_, i) => {
        const hash = createHash('md5')
        await hashingCopy(join(dir, `src${i}`), join(dir, `dst${i}`), (piece) => hash.update(piece))
        return hash.digest('hex')
      })
    )
    contents.forEach((content, i) => {
      expect(readFileSync(join(dir, `dst${i}`)).equals(content)).toBe(true)
      expect(hashes[i]).toBe(md5(content))
    })
  }
})

test('a missing source or an unwritable destination rejects, naming the errno', async () => {
  await expect(hashingCopy(join(dir, 'nope'), join(dir, 'dst'), () => undefined)).rejects.toMatchObject({
    code: 'ENOENT'
  })
  writeFileSync(join(dir, 'big'), testBytes(3 << 20, 1))
  await expect(hashingCopy(join(dir, 'big'), join(dir, 'no/such/dir/dst'), () => undefined)).rejects.toMatchObject({
    code: 'ENOENT'
  })
})
