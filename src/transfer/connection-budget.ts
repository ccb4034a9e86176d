/**
 * The connections to storage a run may have open at once (input `concurrency`), shared by
 * the files in flight and the extra ranged requests of a large file, so that splitting a
 * file never opens more connections than the user allowed.
 */
export class ConnectionBudget {
  private free: number
  private readonly waiting: Array<() => void> = []

  constructor(readonly size: number) {
    this.free = size
  }

  /** Waits for a connection (in turn). */
  async acquire(): Promise<void> {
    if (this.free > 0 && this.waiting.length === 0) {
      this.free--
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  /** Takes a connection only if one is free now and nobody waits for one. */
  tryAcquire(): boolean {
    if (this.free === 0 || this.waiting.length > 0) return false
    this.free--
    return true
  }

  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.free++
  }

  get available(): number {
    return this.free
  }
}
