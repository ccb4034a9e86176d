// Error wording: one readable paragraph, the code once, a hint that matches the cause.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { diskFailure } from '../src/common/errors.js'
import { ordinal, quoteThenStop } from '../src/common/format.js'

function errnoError(code: string, text: string, syscall: string, path?: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: ${text}, ${syscall}${path ? ` '${path}'` : ''}`) as NodeJS.ErrnoException
  Object.assign(error, { code, syscall, path })
  return error
}

test('a file in the way of a folder: the code once, no path twice, and a hint about that, not about disk space', () => {
  const dir = mkdtempSync(join(tmpdir(), 'occupied-'))
  writeFileSync(join(dir, 'occupied'), 'a file')
  let caught: unknown
  try {
    mkdirSync(join(dir, 'occupied/model'), { recursive: true })
  } catch (error) {
    caught = error
  }
  expect(diskFailure(`create the folder ${dir}/occupied/model`, caught).message).toBe(
    `Could not create the folder ${dir}/occupied/model (ENOTDIR: not a directory). Part of that path is a file where a folder must go: remove the file, or choose another 'path'.`
  )
})

test.each([
  ['ENOSPC', 'no space left on device', /\(ENOSPC: no space left on device\)\. The runner's disk is full/],
  ['EACCES', 'permission denied', /\(EACCES: permission denied\)\. The job may not write there/],
  ['EROFS', 'read-only file system', /\(EROFS: read-only file system\)\. That file system is read-only/],
  [
    'EMFILE',
    'too many open files',
    /\(EMFILE: too many open files\)\. The runner ran out of open files: lower 'concurrency'\./
  ],
  ['EIO', 'i/o error', /\(EIO: i\/o error\)\. Check the runner's free disk space/]
])('%s gets its own hint', (code, text, expected) => {
  const message = diskFailure("write 'm.bin' to /ws/.m.bin.partial", errnoError(code, text, 'write')).message
  expect(message).toMatch(expected)
  expect(message.match(new RegExp(code, 'g'))).toHaveLength(1)
  if (code !== 'ENOSPC') expect(message).not.toContain('disk is full')
})

test('an error without a code is still one sentence', () => {
  expect(diskFailure('copy x', new Error('stream closed')).message).toBe(
    "Could not copy x (stream closed). Check the runner's free disk space and that input 'path' names a folder the job can write to."
  )
})

test('a quoted sentence keeps its own full stop and gets no second one', () => {
  expect(quoteThenStop('Credentials are invalid.')).toBe('"Credentials are invalid."')
  expect(quoteThenStop('Not Found')).toBe('"Not Found".')
  expect(quoteThenStop('Really?')).toBe('"Really?"')
})

test('ordinals', () => {
  expect([1, 2, 3, 4, 9, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
    '1st',
    '2nd',
    '3rd',
    '4th',
    '9th',
    '11th',
    '12th',
    '13th',
    '21st',
    '22nd',
    '101st',
    '111th'
  ])
})
