// guardBody: a transfer whose signal was aborted while its request was on the
// way (download/fetchPart check `aborted` only before the request) must still be cut at once.
// addEventListener('abort') on an already aborted signal never fires: the body then runs to
// its end (a whole single-stream file) or to the stall timeout.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { StagedFile, Stalled, receive } from '../src/transfer/sink.js'

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
