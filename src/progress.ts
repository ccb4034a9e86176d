import * as core from '@actions/core'
import { formatBytes, formatDuration, formatRate } from './format.js'

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
