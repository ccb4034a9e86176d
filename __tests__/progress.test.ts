import { DownloadProgress } from '../src/progress.js'

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
  let logged = ''
  const write = process.stdout.write
  process.stdout.write = ((text: string) => {
    logged += text
    return true
  }) as typeof process.stdout.write
  const progress = new DownloadProgress('t.bin', 5)
  try {
    progress.written = 10
    progress.start()
    while (!logged.includes('t.bin: 10 B')) await new Promise((resolve) => setTimeout(resolve, 5))
    progress.stop()
    const after = logged
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(logged).toBe(after)
  } finally {
    progress.stop()
    process.stdout.write = write
  }
})
