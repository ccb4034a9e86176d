import { DownloadProgress, FileLog, PER_FILE_LINES } from '../src/transfer/progress.js'
import { holdStdout } from '../test-support/stdout.mjs'

test('the line shows bytes, share, rate and ETA when the size is known', () => {
  let now = 1_000_000
  const progress = new DownloadProgress('model/big.bin', 10_000, () => now)
  progress.total = 4 * 1024 * 1024
  progress.written = 1024 * 1024
  now += 2000
  expect(progress.line()).toBe('model/big.bin: 1.0 MiB of 4.0 MiB (25%), 512 KiB/s, ETA 6.0s')
})

test('without a size: bytes and rate only', () => {
  let now = 0
  const progress = new DownloadProgress('a.bin', 10_000, () => now)
  progress.written = 2048
  now = 1000
  expect(progress.line()).toBe('a.bin: 2.0 KiB, 2.0 KiB/s')
})

test('the timer logs while started, and stop() ends it', async () => {
  const stdout = holdStdout()
  const progress = new DownloadProgress('t.bin', 5)
  try {
    progress.written = 10
    progress.start()
    while (!stdout.text.includes('t.bin: 10 B')) await new Promise((resolve) => setTimeout(resolve, 5))
    progress.stop()
    const after = stdout.text
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(stdout.text).toBe(after)
  } finally {
    progress.stop()
    stdout.stop()
  }
})

/** What `work` printed to stdout (core.info and core.debug write there). */
function printed(work: () => void): string[] {
  const stdout = holdStdout()
  try {
    work()
  } finally {
    stdout.stop()
  }
  return stdout.text.split('\n').filter(Boolean)
}

test('a model of up to PER_FILE_LINES files gets one line per file', () => {
  const log = new FileLog(PER_FILE_LINES, false)
  const lines = printed(() => {
    for (let i = 0; i < PER_FILE_LINES; i++) log.fileDone(`f${i}: 4.0 KiB downloaded`, 4096)
  })
  expect(lines).toHaveLength(PER_FILE_LINES)
  expect(lines[7]).toBe('f7: 4.0 KiB downloaded')
})

test('a larger model gets a line per tenth of its files; each file only with debug logging', () => {
  const quiet = new FileLog(3000, false)
  const lines = printed(() => {
    for (let i = 0; i < 3000; i++) quiet.fileDone(`f${i}: 4.0 KiB downloaded`, 4096)
  })
  expect(lines).toHaveLength(10)
  expect(lines[0]).toBe('300 of 3000 files fetched (1.2 MiB)')
  expect(lines[9]).toBe('3000 of 3000 files fetched (11.7 MiB)')

  const debug = new FileLog(PER_FILE_LINES + 1, true)
  const debugLines = printed(() => {
    for (let i = 0; i <= PER_FILE_LINES; i++) debug.fileDone(`f${i}: 4.0 KiB downloaded`, 4096)
  })
  expect(debugLines.filter((line) => line.startsWith('::debug::'))).toHaveLength(PER_FILE_LINES + 1)
  expect(debugLines.filter((line) => !line.startsWith('::debug::')).at(-1)).toBe('101 of 101 files fetched (404 KiB)')
})
