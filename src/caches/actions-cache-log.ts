import { AsyncLocalStorage } from 'node:async_hooks'
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
