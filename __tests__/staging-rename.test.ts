// renameRetrying: the rename that puts staged files (and tool-cache entries) into place. Real
// renames on this machine; the Windows errors, which no Linux file system gives, are fed in.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renameRetrying, Staging } from '../src/files/staging.js'

function failing(codes: string[]): { rename: (from: string, to: string) => Promise<void>; calls: number } {
  const state = {
    calls: 0,
    rename: async (): Promise<void> => {
      const code = codes[state.calls++]
      if (code) throw Object.assign(new Error(`${code}: operation not permitted, rename`), { code })
    }
  }
  return state
}
const delaysMs = [0, 0, 0]

test('replaces an existing file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rename-'))
  writeFileSync(join(dir, 'new'), 'new')
  writeFileSync(join(dir, 'target'), 'old')
  await renameRetrying(join(dir, 'new'), join(dir, 'target'))
  expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('new')
})

test.each(['EPERM', 'EACCES', 'EBUSY'])('on Windows, %s from a scanner holding the file is retried', async (code) => {
  const fake = failing([code, code])
  await renameRetrying('a', 'b', { platform: 'win32', rename: fake.rename, delaysMs })
  expect(fake.calls).toBe(3)
})

test('on Windows, a lasting EPERM fails after the retries; other errors and other systems fail at once', async () => {
  const lasting = failing(['EPERM', 'EPERM', 'EPERM', 'EPERM', 'EPERM'])
  await expect(renameRetrying('a', 'b', { platform: 'win32', rename: lasting.rename, delaysMs })).rejects.toThrow(
    /EPERM/
  )
  expect(lasting.calls).toBe(4)
  const missing = failing(['ENOENT'])
  await expect(renameRetrying('a', 'b', { platform: 'win32', rename: missing.rename, delaysMs })).rejects.toThrow(
    /ENOENT/
  )
  expect(missing.calls).toBe(1)
  const linux = failing(['EPERM'])
  await expect(renameRetrying('a', 'b', { platform: 'linux', rename: linux.rename, delaysMs })).rejects.toThrow(/EPERM/)
  expect(linux.calls).toBe(1)
})

test('discarding never throws, even when a temporary file cannot be removed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'discard-'))
  const staging = new Staging()
  const temp = await staging.prepare(join(dir, 'models', 'a.bin'))
  // A folder where the temporary file should be: rm without `recursive` refuses it.
  mkdirSync(temp)
  writeFileSync(join(temp, 'inside'), 'x')
  await expect(staging.discard()).resolves.toBeUndefined()
})
