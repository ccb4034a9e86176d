import { Worker } from 'node:worker_threads'

/**
 * The MD5 of a file as it grows on disk, computed on a worker thread: the main thread keeps
 * receiving and writing while another core hashes (MD5 runs at ~600 MB/s, below what eight
 * ranged connections deliver). The worker reads the bytes back itself (from the page cache).
 * Only the raw MD5: DVC 2's text hash stays on the main thread (integrity.ts).
 */

// Plain CommonJS, evaluated: no file of its own for the bundler to find.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const { openSync, readSync, closeSync } = require('node:fs')
const hash = createHash('md5')
const buffer = Buffer.allocUnsafe(4 << 20)
let fd
let at = 0
parentPort.on('message', (message) => {
  try {
    fd ??= openSync(workerData.path, 'r')
    if (message === 'digest') {
      closeSync(fd)
      parentPort.postMessage({ at, md5: hash.digest('hex') })
      return
    }
    while (at < message) {
      const bytes = readSync(fd, buffer, 0, Math.min(buffer.length, message - at), at)
      if (bytes === 0) throw new Error('the file ends at byte ' + at + ', before the bytes written')
      hash.update(buffer.subarray(0, bytes))
      at += bytes
    }
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) })
  }
})
`

export class Md5Worker {
  private readonly worker: Worker
  private failure: Error | undefined
  private waiting: ((result: { md5?: string; error?: Error }) => void) | undefined

  constructor(path: string) {
    this.worker = new Worker(SOURCE, { eval: true, workerData: { path } })
    this.worker.unref()
    this.worker.on('message', (message: { md5?: string; error?: string }) => {
      if (message.error !== undefined) this.failure ??= new Error(message.error)
      if (message.md5 !== undefined || message.error !== undefined) this.settle()
      if (message.md5 !== undefined) this.waiting?.({ md5: message.md5 })
    })
    this.worker.on('error', (error) => {
      this.failure ??= error
      this.settle()
    })
  }

  private settle(): void {
    if (this.failure) this.waiting?.({ error: this.failure })
  }

  /** Bytes [0, to) are on disk: hash up to there. */
  advance(to: number): void {
    this.worker.postMessage(to)
  }

  /** The MD5 of everything advanced to; the worker ends. */
  async digest(): Promise<string> {
    try {
      const result = await new Promise<{ md5?: string; error?: Error }>((resolve) => {
        this.waiting = resolve
        if (this.failure) return resolve({ error: this.failure })
        this.worker.postMessage('digest')
      })
      if (result.error) throw result.error
      return result.md5!
    } finally {
      await this.stop()
    }
  }

  async stop(): Promise<void> {
    await this.worker.terminate()
  }
}
