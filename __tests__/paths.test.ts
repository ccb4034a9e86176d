import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isInside, resolveDestinations, unsafeKeyReason } from '../src/files/paths.js'

const hostile: Array<[string, RegExp]> = [
  ['', /empty/],
  ['/etc/passwd', /absolute/],
  ['\\windows\\system32', /absolute/],
  ['C:\\evil.dll', /drive letter/],
  ['c:relative', /drive letter/],
  ['../outside', /'\.\.' segment/],
  ['a/../../outside', /'\.\.' segment/],
  ['a\\..\\..\\outside', /'\.\.' segment/],
  ['models/..', /'\.\.' segment/],
  ['nul\0byte', /NUL/],
  ['.', /names no file/],
  ['./', /names no file/],
  ['models/', /names a folder/]
]

test.each(hostile)('refuses %j', async (key, reason) => {
  expect(unsafeKeyReason(key)).toMatch(reason)
  const dest = mkdtempSync(join(tmpdir(), 'dest-'))
  await expect(resolveDestinations(dest, ['fine.bin', key])).rejects.toThrow(
    /Studio returned the file path .* which is refused because/
  )
})

test.each([
  'model.pkl',
  'models/clf/weights.bin',
  './models/a.bin',
  'a/./b',
  '..data/x',
  'x..y',
  '.mlem/model/clf-model'
])('accepts %j inside the destination', async (key) => {
  expect(unsafeKeyReason(key)).toBeUndefined()
  const dest = mkdtempSync(join(tmpdir(), 'dest-'))
  const map = await resolveDestinations(dest, [key])
  expect(map.get(key)!.startsWith(dest + '/')).toBe(true)
})

test("two keys for one file, or a file that is another file's folder, are refused", async () => {
  const dest = mkdtempSync(join(tmpdir(), 'dest-'))
  await expect(resolveDestinations(dest, ['a/b', './a/b'])).rejects.toThrow(/names the same file as 'a\/b'/)
  await expect(resolveDestinations(dest, ['a', 'a/b'])).rejects.toThrow(
    /its folder 'a' is also one of the model's files/
  )
})

test('a symlink in the destination that leads outside is refused; one that stays inside is fine', async () => {
  const dest = mkdtempSync(join(tmpdir(), 'dest-'))
  const outside = mkdtempSync(join(tmpdir(), 'outside-'))
  symlinkSync(outside, join(dest, 'escape'))
  await expect(resolveDestinations(dest, ['escape/x.bin'])).rejects.toThrow(/'escape' is a symlink that leads outside/)
  mkdirSync(join(dest, 'real'))
  symlinkSync(join(dest, 'real'), join(dest, 'alias'))
  expect((await resolveDestinations(dest, ['alias/x.bin'])).get('alias/x.bin')).toBe(join(dest, 'alias/x.bin'))
})

test('an existing file where a folder must go, or a folder where a file must go, is refused', async () => {
  const dest = mkdtempSync(join(tmpdir(), 'dest-'))
  writeFileSync(join(dest, 'file'), 'x')
  await expect(resolveDestinations(dest, ['file/inner.bin'])).rejects.toThrow(/exists and is not a folder/)
  mkdirSync(join(dest, 'dir'))
  await expect(resolveDestinations(dest, ['dir'])).rejects.toThrow(/exists and is a folder/)
})

// Windows rules, checked on any machine by naming the platform.
test.each([
  ['model.bin:hidden', /':', which Windows does not allow/],
  ['models/a"b.bin', /'"', which Windows does not allow/],
  ['models/what?.bin', /'\?', which Windows does not allow/],
  ['models/trailing./x.bin', /ends with a dot or a space/],
  ['models/x.bin ', /ends with a dot or a space/],
  ['models/nul.txt', /'nul.txt' is a device name on Windows/],
  ['CON', /device name/],
  ['logs/com1', /device name/]
])('on Windows, refuses %j', async (key, reason) => {
  expect(unsafeKeyReason(key, 'win32')).toMatch(reason)
  expect(unsafeKeyReason(key, 'linux')).toBeUndefined()
  const dest = mkdtempSync(join(tmpdir(), 'dest-'))
  await expect(resolveDestinations(dest, [key], 'win32')).rejects.toThrow(/which is refused because/)
})

test.each(['console.log', 'models/contoso/a.bin', 'a/./b', 'nullable.bin', 'lpt/readme'])(
  'on Windows, accepts %j',
  (key) => expect(unsafeKeyReason(key, 'win32')).toBeUndefined()
)

test('on Windows and macOS, keys differing only in case (or Unicode form) name one file and are refused', async () => {
  const dest = mkdtempSync(join(tmpdir(), 'dest-'))
  for (const platform of ['win32', 'darwin'] as const) {
    await expect(resolveDestinations(dest, ['Model.bin', 'model.bin'], platform)).rejects.toThrow(
      /'model.bin', which is refused because it names the same file as 'Model.bin'/
    )
    await expect(resolveDestinations(dest, ['Data', 'data/x.bin'], platform)).rejects.toThrow(
      /its folder 'Data' is also one of the model's files/
    )
  }
  await expect(resolveDestinations(dest, ['caf\u00e9.txt', 'cafe\u0301.txt'], 'darwin')).rejects.toThrow(
    /names the same file/
  )
  expect((await resolveDestinations(dest, ['Model.bin', 'model.bin'], 'linux')).size).toBe(2)
})

test.each([
  ['/work/dest', '/work/dest/model.pkl', true],
  ['/work/dest', '/work/dest/a/b/c.bin', true],
  ['/work/dest/', '/work/dest/a', true],
  ['/work/dest', '/work/dest', true],
  ['/work/dest', '/work/dest/./a', true],
  ['/work/dest', '/work/destination/a', false],
  ['/work/dest', '/work/dest/../etc/passwd', false],
  ['/work/dest', '/work/dest/a/../../etc', false],
  ['/work/dest', '/work', false],
  ['/work/dest', '/etc/passwd', false]
])('isInside(%s, %s) is %s', (root, candidate, inside) => {
  expect(isInside(root, candidate)).toBe(inside)
})
