import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

/**
 * MD5 on the other cores. MD5 runs at ~600 MB/s on one core and cannot be split (each block
 * depends on the last), so a run spends most of its CPU hashing: a 64 MiB model ~100 ms. The
 * main thread receives, writes and copies; worker threads read the bytes back from disk (the
 * page cache) and hash them, or copy a cached file while hashing it. Only raw MD5s: DVC 2's
 * text hash stays on the main thread (integrity.ts).
 *
 * The threads start on first use (or at once, `start`), are shared by every file of the run,
 * and hold the process open only while they have work.
 */

/** The hash of a file as it grows on disk: `advance` as bytes land, then `digest`. */
export interface Md5Stream {
  /** Bytes [0, to) are on disk: hash up to there. */
  advance(to: number): void
  /** The MD5 of everything advanced to (rejects if the bytes could not be read). */
  digest(): Promise<string>
  /** Gives the stream up (no digest wanted). */
  stop(): Promise<void>
}

// Plain CommonJS, evaluated: no file of its own for the bundler to find. Synchronous I/O: the
// thread has nothing else to do, and one reused buffer keeps it from allocating (1 MiB: reads
// that size cost no more time, and a thread already adds ~20 MiB of RSS).
const SOURCE = `
const { parentPort } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const fs = require('node:fs')
const buffer = Buffer.allocUnsafe(1 << 20)
const streams = new Map()
function close(fd) { if (fd !== undefined) try { fs.closeSync(fd) } catch {} }
// A cache is untrusted: a FIFO must not block the open, a link not be followed, and only a
// regular file copied (a link to /dev/zero would never end).
const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = fs.constants
function copy(source, destination) {
  const input = fs.openSync(source, O_RDONLY | O_NONBLOCK | O_NOFOLLOW)
  let output
  try {
    if (!fs.fstatSync(input).isFile()) throw new Error(source + ' is not a regular file')
    output = fs.openSync(destination, 'w')
    const hash = createHash('md5')
    let size = 0
    for (;;) {
      const bytes = fs.readSync(input, buffer, 0, buffer.length, size)
      if (bytes === 0) break
      const piece = buffer.subarray(0, bytes)
      hash.update(piece)
      for (let done = 0; done < bytes;) done += fs.writeSync(output, piece, done, bytes - done, size + done)
      size += bytes
    }
    return { size, md5: hash.digest('hex') }
  } finally {
    close(output)
    close(input)
  }
}
parentPort.on('message', (m) => {
  if (m.op === 'copy') {
    try {
      parentPort.postMessage({ id: m.id, ...copy(m.source, m.destination) })
    } catch (error) {
      parentPort.postMessage({ id: m.id, error: String((error && error.message) || error), code: error && error.code })
    }
    return
  }
  let s = streams.get(m.id)
  if (m.op === 'drop') {
    if (s) close(s.fd)
    streams.delete(m.id)
    return
  }
  if (!s) streams.set(m.id, (s = { fd: undefined, hash: createHash('md5'), at: 0, failed: false }))
  if (s.failed) {
    // Its read failed and was reported; a digest asked for since gets an answer too.
    if (m.op === 'digest') {
      streams.delete(m.id)
      parentPort.postMessage({ id: m.id, error: 'the read failed' })
    }
    return
  }
  try {
    if (m.op === 'digest') {
      close(s.fd)
      streams.delete(m.id)
      parentPort.postMessage({ id: m.id, md5: s.hash.digest('hex') })
      return
    }
    if (s.fd === undefined) s.fd = fs.openSync(m.path, 'r')
    while (s.at < m.to) {
      const bytes = fs.readSync(s.fd, buffer, 0, Math.min(buffer.length, m.to - s.at), s.at)
      if (bytes === 0) throw new Error('the file ends at byte ' + s.at + ', before the bytes written')
      s.hash.update(buffer.subarray(0, bytes))
      s.at += bytes
    }
    if (m.ack) parentPort.postMessage({ id: m.id, hashedTo: s.at })
  } catch (error) {
    s.failed = true
    close(s.fd)
    s.fd = undefined
    parentPort.postMessage({ id: m.id, error: String((error && error.message) || error), code: error && error.code })
  }
})
`

interface Reply {
  id: number
  md5?: string
  size?: number
  error?: string
  /** The error's errno code (ENOSPC, EMFILE...): what diskFailure's advice is chosen by. */
  code?: string
  /** The error is the thread's (it exited or was stopped), not a read of the file. */
  thread?: boolean
  /** How far a stream's hash has got (asked for with `onHashed`). */
  hashedTo?: number
}

/** A hashing thread died or was stopped: nothing is wrong with the file or the disk. */
export class HashThreadFailed extends Error {}

function replyError(reply: Reply): Error {
  if (reply.thread) return new HashThreadFailed(reply.error)
  return Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {})
}

/** One worker thread and what it has been given (none if made after close: a stopped one). */
class HashThread {
  readonly worker: Worker | undefined
  /** Copies in flight and streams open: the process waits for the thread while any are. */
  private load = 0
  private failure: Error | undefined
  /** Answers awaited (a copy, a digest), by id. */
  private readonly waiting = new Map<number, (reply: Reply) => void>()
  /** Open streams' listeners: their read failures and progress, by id. */
  private readonly listeners = new Map<number, (reply: Reply) => void>()

  constructor(
    private readonly onRelease: () => void = () => undefined,
    stopped = false
  ) {
    if (stopped) {
      this.failure = new Error('the hashing threads were stopped')
      return
    }
    this.worker = new Worker(SOURCE, { eval: true })
    this.worker.unref()
    this.worker.on('message', (reply: Reply) => {
      const answer = reply.hashedTo === undefined ? this.waiting.get(reply.id) : undefined
      if (answer) answer(reply)
      else this.listeners.get(reply.id)?.(reply)
    })
    this.worker.on('error', (error) => this.fail(error))
    this.worker.on('exit', (code) => this.fail(new Error(`the hashing thread exited (code ${code})`)))
  }

  get busy(): number {
    return this.load
  }

  get usable(): boolean {
    return this.failure === undefined
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const [id, answer] of [...this.waiting, ...this.listeners]) {
      answer({ id, error: this.failure.message, thread: true })
    }
    this.waiting.clear()
    this.listeners.clear()
  }

  take(): void {
    if (this.load++ === 0) this.worker?.ref()
  }

  release(): void {
    if (--this.load === 0) this.worker?.unref()
    this.onRelease()
  }

  send(message: Record<string, unknown>): void {
    if (this.failure === undefined) this.worker?.postMessage(message)
  }

  /** Sends `message` and resolves with the answer to `message.id`. */
  ask(message: { id: number } & Record<string, unknown>): Promise<Reply> {
    if (this.failure) return Promise.resolve({ id: message.id, error: this.failure.message, thread: true })
    return new Promise((resolve) => {
      this.waiting.set(message.id, (reply) => {
        this.waiting.delete(message.id)
        resolve(reply)
      })
      this.worker?.postMessage(message)
    })
  }

  /** Hears a stream's read failure as soon as it happens, and how far its hash has got. */
  listen(id: number, onError: (error: Error) => void, onHashed?: (to: number) => void): void {
    this.listeners.set(id, (reply) => {
      if (reply.error !== undefined) onError(replyError(reply))
      else if (reply.hashedTo !== undefined) onHashed?.(reply.hashedTo)
    })
  }

  forget(id: number): void {
    this.listeners.delete(id)
  }

  /** Stops the thread; resolves once it has exited. */
  async terminate(): Promise<void> {
    this.failure ??= new Error('the hashing threads were stopped')
    await this.worker?.terminate()
  }
}

/** Jobs a thread takes at once (copies, streams) before the caller's own thread takes more. */
const QUEUED_PER_THREAD = 2
/** Copies on the caller's own thread at once: two, so that one hashes while the other reads. */
const COPIES_HERE = 2

/** Worker threads: one fewer than the cores (the main thread has its own work), 1 to 3. */
export function defaultThreadCount(): number {
  return Math.max(1, Math.min(3, availableParallelism() - 1))
}

export class Md5Threads {
  private readonly threads: HashThread[] = []
  private nextId = 1
  /** Copies under way on the caller's own thread (copyFile's `here`). */
  private copyingHere = 0
  /** Copies waiting for a copier to come free. */
  private copyWaiters: Array<() => void> = []
  /** Closed: no thread starts any more (one started later would outlive the run). */
  private closed = false

  constructor(private readonly size = defaultThreadCount()) {}

  /** Threads started now: they boot (30-70 ms each) while the main thread does other work. */
  static start(size = defaultThreadCount()): Md5Threads {
    const threads = new Md5Threads(size)
    while (threads.threads.length < size) threads.addThread()
    return threads
  }

  private addThread(): HashThread {
    const thread = new HashThread(() => this.wakeCopies(), this.closed)
    this.threads.push(thread)
    return thread
  }

  /** Some thread can still take work (one is alive, or another may start). */
  get alive(): boolean {
    return !this.closed && (this.threads.length < this.size || this.threads.some((thread) => thread.usable))
  }

  /** The least loaded thread; a new one while there are fewer than `size` and all are busy. */
  private pick(): HashThread {
    const live = this.threads.filter((thread) => thread.usable)
    const idle = live.find((thread) => thread.busy === 0)
    if (idle) return idle
    if (this.threads.length < this.size) return this.addThread()
    return (live.length > 0 ? live : this.threads).reduce((a, b) => (b.busy < a.busy ? b : a))
  }

  /** The least loaded thread, if it can take a job now (fewer than QUEUED_PER_THREAD). */
  private threadWithRoom(): HashThread | undefined {
    const thread = this.pick()
    return thread.usable && thread.busy < QUEUED_PER_THREAD ? thread : undefined
  }

  /**
   * A hash of `path` as it grows, on one of the threads; `onHashed` hears how far it has got
   * after each `advance` (for a caller that keeps its writes from running far ahead).
   */
  stream(path: string, onHashed?: (to: number) => void): Md5Stream {
    return this.streamOn(this.pick(), path, onHashed)
  }

  /**
   * A stream as `stream` makes, if a thread is free within one job queued ahead; else
   * undefined, and the caller hashes on its own thread, so that all the cores hash at once.
   */
  streamIfFree(path: string): Md5Stream | undefined {
    const thread = this.threadWithRoom()
    return thread && this.streamOn(thread, path)
  }

  private streamOn(thread: HashThread, path: string, onHashed?: (to: number) => void): Md5Stream {
    const id = this.nextId++
    let failure: Error | undefined
    let open = true
    let digesting = false
    thread.take()
    thread.listen(id, (error) => (failure ??= error), onHashed)
    const close = (): void => {
      if (!open) return
      open = false
      thread.forget(id)
      thread.release()
    }
    return {
      advance: (to) => {
        if (open && failure === undefined) thread.send({ op: 'advance', id, path, to, ack: onHashed !== undefined })
      },
      digest: async () => {
        // Stopped (its entry dropped on the thread), a digest would be the MD5 of nothing.
        if (!open) throw new Error('the MD5 stream was stopped')
        digesting = true
        try {
          if (failure) throw failure
          const reply = await thread.ask({ op: 'digest', id })
          if (failure) throw failure
          if (reply.error !== undefined) throw replyError(reply)
          return reply.md5!
        } finally {
          close()
        }
      },
      stop: async () => {
        // A digest under way keeps its answer (forgetting it would leave the digest unanswered).
        if (!open || digesting) return
        thread.send({ op: 'drop', id })
        close()
      }
    }
  }

  /**
   * Copies `source` to `destination` on a thread, hashing as it goes, if one is free within
   * a job queued ahead; else undefined, and the caller copies on its own thread, so that
   * the main thread and every worker thread copy at once.
   */
  copy(source: string, destination: string): Promise<{ size: number; md5: string }> | undefined {
    const thread = this.threadWithRoom()
    if (!thread) return undefined
    thread.take()
    return thread
      .ask({ op: 'copy', id: this.nextId++, source, destination })
      .then((reply) => {
        if (reply.error !== undefined) throw replyError(reply)
        return { size: reply.size!, md5: reply.md5! }
      })
      .finally(() => thread.release())
  }

  /**
   * Copies `source` to `destination`, hashed as it goes: on a thread with room (`there` turns
   * its size and MD5 into the result; absent, no thread may do it), else by `here` on this
   * thread while fewer than COPIES_HERE run here, else once one of them comes free. Files are
   * handed out as the copiers free up, so no core is left idle at the end while another still
   * holds several files.
   */
  async copyFile<T>(
    source: string,
    destination: string,
    here: () => Promise<T>,
    there?: (copied: { size: number; md5: string }) => T
  ): Promise<T> {
    for (;;) {
      const onThread = there ? this.copy(source, destination) : undefined
      if (onThread) return there!(await onThread)
      if (this.copyingHere < COPIES_HERE) {
        this.copyingHere++
        try {
          return await here()
        } finally {
          this.copyingHere--
          this.wakeCopies()
        }
      }
      await new Promise<void>((resolve) => this.copyWaiters.push(resolve))
    }
  }

  private wakeCopies(): void {
    const waiting = this.copyWaiters
    this.copyWaiters = []
    for (const wake of waiting) wake()
  }

  /**
   * Stops the threads (the run's files are done) and resolves once every one has exited, so
   * that none is still running when the process ends; none starts afterwards.
   */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.threads.map((thread) => thread.terminate()))
  }
}
