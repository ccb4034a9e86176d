// guardBody: a transfer whose signal was aborted while its request was on the
// way (download/fetchPart check `aborted` only before the request) must still be cut at once.
// addEventListener('abort') on an already aborted signal never fires: the body then runs to
// its end (a whole single-stream file) or to the stall timeout.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { MIN_BYTES_PER_SECOND, StagedFile, Stalled, receive } from '../src/transfer/sink.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guard-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

test('a body received under a signal aborted before it started is cut as aborted, not left to stall', async () => {
  const controller = new AbortController()
  controller.abort()
  const body = new PassThrough()
  body.write(Buffer.alloc(1000))
  const error = await receive(body, {
    file: new StagedFile(join(dir, 'late.bin')),
    progress: { written: 0 },
    // Short, so that the unfixed code ends too (with Stalled) instead of waiting for a body
    // that never ends.
    stallTimeoutMs: 200,
    signal: controller.signal
  }).catch((e: unknown) => e)
  expect(error).not.toBeInstanceOf(Stalled)
  expect((error as Error).message).toBe('aborted')
})

test('a body that trickles (data now and then, under the minimum rate) is a stall; one above it is not', async () => {
  const trickle = async (bytesPerTick: number): Promise<unknown> => {
    const body = new PassThrough()
    body.write(Buffer.alloc(1)) // something at once: the idle timer alone never fires on a trickle
    const timer = setInterval(() => body.write(Buffer.alloc(bytesPerTick)), 20)
    const received = receive(body, {
      file: new StagedFile(join(dir, `trickle-${bytesPerTick}.bin`)),
      progress: { written: 0 },
      stallTimeoutMs: 300,
      signal: new AbortController().signal
    })
    // Above the rate, the body ends after a few windows of the timeout.
    const end = setTimeout(() => body.end(), 1000)
    try {
      return await received.then(
        () => 'whole',
        (e: unknown) => e
      )
    } finally {
      clearInterval(timer)
      clearTimeout(end)
    }
  }
  // 1 byte every 20 ms: at most 15 bytes a window, a tenth of MIN_BYTES_PER_SECOND's 154.
  const slow = await trickle(1)
  expect(slow).toBeInstanceOf(Stalled)
  expect((slow as Error).message).toBe(
    `only ${(slow as Error).message.match(/only (\d+)/)?.[1]} bytes in 300ms, under the ${MIN_BYTES_PER_SECOND} bytes/s a transfer must keep up`
  )
  // 1000 bytes every 20 ms: one tick in a window is enough, however late the timers run.
  expect(await trickle(1000)).toBe('whole')
})
