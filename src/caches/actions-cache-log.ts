import { AsyncLocalStorage } from 'node:async_hooks'
import { subscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'
import { EOL } from 'node:os'

/**
 * @actions/cache reports its own failures, often twice (`Failed to restore: ...` as a warning,
 * as an `::error::` for a 5xx, a second warning from its upload code). A cache is an
 * optimisation, so the action says so once, in its own words. Inside `muteCacheLog`, the
 * warnings and errors the library writes become debug lines (still there with debug logging
 * on) and are handed back, so the caller can report one line; its plain lines become debug
 * lines too. AsyncLocalStorage scopes this
 * to the library's own work: the action's messages printed meanwhile pass unchanged.
 */
const capture = new AsyncLocalStorage<{ problems: string[]; debug: string[] }>()
/** The wrapper in place; installed again if something put another write in its place. */
let installed: typeof process.stdout.write | undefined

const ANNOTATION = /^::(warning|error)(?: [^:]*)?::(.*?)(\r?\n)?$/s
const DEBUG = /^::debug::(.*?)(\r?\n)?$/s

function install(): void {
  if (installed !== undefined && process.stdout.write === installed) return
  const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean
  process.stdout.write = installed = ((chunk: unknown, ...rest: unknown[]) => {
    const store = capture.getStore()
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : ''
    if (store && text) {
      const match = ANNOTATION.exec(text)
      if (match) {
        store.problems.push(unescapeCommand(match[2]))
        return write(`::debug::${match[2]}${match[3] ?? ''}`, ...rest)
      }
      const debug = DEBUG.exec(text)
      if (debug) store.debug.push(unescapeCommand(debug[1]))
      // Plain lines (`Cache hit for: ...`, `[command]/usr/bin/tar ...`, `Sent N of N`, retry
      // attempts, tar's own output): the action prints one line of its own instead.
      else if (!text.startsWith('::')) return write(asDebug(text), ...rest)
    }
    return write(chunk, ...rest)
  }) as typeof process.stdout.write
}

function asDebug(text: string): string {
  const lines = text.split(/\r?\n/)
  if (lines.at(-1) === '') lines.pop()
  return lines.map((line) => `::debug::${escapeData(line)}${EOL}`).join('')
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

export interface MutedOutcome<T> {
  value?: T
  error?: unknown
  /** The warnings and errors the library wrote, first line of each. */
  problems: string[]
  /** Its debug lines: some failures are told only there. */
  debug: string[]
}

/** Runs `work` with the library's warnings and errors turned into debug lines and collected. */
export async function muteCacheLog<T>(work: () => Promise<T>): Promise<MutedOutcome<T>> {
  install()
  trackLibraryWork()
  const store = { problems: [] as string[], debug: [] as string[] }
  try {
    const value = await capture.run(store, work)
    return { value, problems: firstLines(store.problems), debug: store.debug }
  } catch (error) {
    return { error, problems: firstLines(store.problems), debug: store.debug }
  }
}

function firstLines(problems: string[]): string[] {
  return problems.map((p) => p.split('\n')[0].trim())
}

export const TIMED_OUT = Symbol('timed out')

/** `promise`'s value, or TIMED_OUT after `ms`; the timer does not keep the process alive. */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms)
    timer.unref()
  })
  try {
    return await Promise.race([promise, deadline])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The library's work is not always awaited to its end: a lookup past its deadline is abandoned
 * (withDeadline), and the library keeps retrying it for ~30 s (timers), or waits forever on a
 * service that never answers (a socket). The step must still end on its own, by its event loop
 * draining (process.exit() can hang Node 24: nodejs/node#54918). So the timers and HTTP
 * requests the library starts inside muteCacheLog are tracked, and letGoOfCacheWork(), called
 * once the step's own work is done, unrefs those still pending and any it starts afterwards:
 * they no longer keep the process alive, and end with it.
 */
type Handle = { unref(): unknown }
/** Tracked timers and requests not yet fired, cleared or closed. */
const pending = new Set<Handle>()
let lettingGo = false
let tracking = false

/** Tracks `handle` until `forget` is called; once letting go, unrefs it at once instead. */
function track(handle: Handle): () => void {
  if (lettingGo) handle.unref()
  else pending.add(handle)
  return () => pending.delete(handle)
}

function trackLibraryWork(): void {
  if (tracking) return
  tracking = true
  // The library calls the global setTimeout (its retry sleeps, the Azure SDK's delays); only
  // calls made inside muteCacheLog are tracked.
  const setTimeoutAsIs = globalThis.setTimeout
  const clearTimeoutAsIs = globalThis.clearTimeout
  globalThis.setTimeout = Object.assign((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (!capture.getStore() || typeof callback !== 'function') return setTimeoutAsIs(callback, ms, ...args)
    let forget = (): unknown => undefined
    const timer = setTimeoutAsIs(
      (...given: unknown[]) => {
        forget()
        callback(...given)
      },
      ms,
      ...args
    )
    forget = track(timer)
    return timer
  }, setTimeoutAsIs) as typeof setTimeout
  globalThis.clearTimeout = Object.assign((timer?: Parameters<typeof clearTimeout>[0]) => {
    if (timer && typeof timer === 'object') pending.delete(timer)
    clearTimeoutAsIs(timer)
  }, clearTimeoutAsIs) as typeof clearTimeout
  // Every HTTP(S) request, as it is created (in the caller's async context); its socket comes later.
  subscribe('http.client.request.start', (message) => {
    if (!capture.getStore()) return
    const request = (message as { request: ClientRequest }).request
    request.on('socket', (socket) => {
      if (lettingGo) socket.unref()
    })
    request.once('close', track({ unref: () => request.socket?.unref() }))
  })
}

/**
 * The step's own work is done: whatever the library still has under way (abandoned work)
 * stops keeping the process alive. Returns how many of its timers and requests were pending.
 */
export function letGoOfCacheWork(): number {
  lettingGo = true
  const count = pending.size
  for (const handle of pending) handle.unref()
  pending.clear()
  return count
}
