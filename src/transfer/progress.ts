import * as core from '@actions/core'
import { formatBytes, formatDuration, formatRate } from '../common/format.js'

/** How far one file's download has got, logged every so often while it runs. */
export class DownloadProgress {
  /** Bytes on disk (a resume starts here). */
  written = 0
  /** The object's size, when storage said it. */
  total: number | undefined
  private timer: NodeJS.Timeout | undefined
  private readonly started: number

  constructor(
    readonly key: string,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now
  ) {
    this.started = now()
  }

  /** Logs a line every interval until stop(); the timer never keeps the process alive. */
  start(): void {
    this.timer ??= setInterval(() => core.info(this.line()), this.intervalMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  line(): string {
    const elapsed = this.now() - this.started
    const rate = this.written / Math.max(elapsed, 1)
    if (this.total) {
      const percent = Math.floor((100 * this.written) / this.total)
      const eta = rate > 0 ? formatDuration((this.total - this.written) / rate) : '?'
      return `${this.key}: ${formatBytes(this.written)} of ${formatBytes(this.total)} (${percent}%), ${formatRate(this.written, elapsed)}, ETA ${eta}`
    }
    return `${this.key}: ${formatBytes(this.written)}, ${formatRate(this.written, elapsed)}`
  }
}

/** Models of up to this many files get one log line per file. */
export const PER_FILE_LINES = 100

/**
 * The line each file gets when it is fetched. A folder model of thousands of files would
 * print thousands of lines (each a write to the runner's pipe, about a tenth of the time of a
 * 4 KiB file's fetch): past PER_FILE_LINES files it prints a line per tenth of the files
 * instead, and each file's line only with step debug logging on.
 */
export class FileLog {
  private done = 0
  private bytes = 0
  private readonly step: number

  constructor(
    readonly total: number,
    private readonly debug: boolean = core.isDebug()
  ) {
    this.step = Math.ceil(total / 10)
  }

  get perFile(): boolean {
    return this.total <= PER_FILE_LINES
  }

  fileDone(line: string, size: number): void {
    this.done++
    this.bytes += size
    if (this.perFile) return core.info(line)
    if (this.debug) core.debug(line)
    if (this.done % this.step === 0 || this.done === this.total) {
      core.info(`${this.done} of ${this.total} files fetched (${formatBytes(this.bytes)})`)
    }
  }
}
