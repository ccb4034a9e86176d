import { setMaxListeners } from 'node:events'
import { ConnectionBudget } from '../transfer/connection-budget.js'
import type { FetchedFile } from '../caches/cached-copy.js'
import { fetchFile, type FetchOptions } from './fetch-file.js'
import { FileLog } from '../transfer/progress.js'

/** The worker pool: every file fetched, several at once; the first failure stops the rest. */

export interface TransferOptions extends Omit<FetchOptions, 'connections'> {
  concurrency: number
}

/** Fetches every file (`key -> target`), in key order, `concurrency` at a time. */
export async function fetchFiles(targets: Map<string, string>, options: TransferOptions): Promise<FetchedFile[]> {
  const queue = [...targets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const results: FetchedFile[] = []
  const controller = new AbortController()
  // Each transfer under way listens for the abort (twice while it waits to retry).
  setMaxListeners(2 * options.concurrency + 10, controller.signal)
  // `concurrency` bounds the connections: each file holds one, and a large file's parts
  // borrow the ones no file is using.
  const connections = new ConnectionBudget(options.concurrency)
  const fetchOptions: FetchOptions = { ...options, connections, fileLog: new FileLog(queue.length) }
  let failure: unknown
  let next = 0
  async function worker(): Promise<void> {
    while (failure === undefined && next < queue.length) {
      const [key, target] = queue[next++]
      await connections.acquire()
      try {
        results.push(await fetchFile(key, target, fetchOptions, controller.signal))
      } catch (error) {
        if (failure === undefined) failure = error
        controller.abort()
      } finally {
        connections.release()
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker))
  if (failure !== undefined) throw failure
  return results.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
