import { setMaxListeners } from 'node:events'
import { fetchFile, type FetchOptions, type FetchedFile } from './fetch-file.js'

/** The worker pool: every file fetched, several at once; the first failure stops the rest. */

export interface TransferOptions extends FetchOptions {
  concurrency: number
}

/** Fetches every file (`key -> target`), in key order, `concurrency` at a time. */
export async function fetchFiles(targets: Map<string, string>, options: TransferOptions): Promise<FetchedFile[]> {
  const queue = [...targets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const results: FetchedFile[] = []
  const controller = new AbortController()
  // Each transfer under way listens for the abort (twice while it waits to retry).
  setMaxListeners(2 * options.concurrency + 10, controller.signal)
  let failure: unknown
  let next = 0
  async function worker(): Promise<void> {
    while (failure === undefined && next < queue.length) {
      const [key, target] = queue[next++]
      try {
        results.push(await fetchFile(key, target, options, controller.signal))
      } catch (error) {
        if (failure === undefined) failure = error
        controller.abort()
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker))
  if (failure !== undefined) throw failure
  return results.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
