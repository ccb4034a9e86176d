/**
 * The action's tuning knobs that are not inputs: environment variables for tests and for
 * people chasing a problem. Read here, once, and passed on as plain options.
 */
export interface Tuning {
  /** Multiplies every retry delay (backoff and Retry-After alike); tests use 0 or 0.001. */
  delayScale: number
  /** How often a running download logs its progress. */
  progressIntervalMs: number
  /** Files larger than this are fetched in parallel ranged parts of this size; 0 never splits. */
  partBytes: number
  /**
   * MD5s on worker threads (md5-threads.ts: files in parts, bodies of 256 KiB and up, cache
   * hits); DVC_MODEL_ACTION_HASH_WORKER=0 keeps every byte on the main thread.
   */
  hashWorker: boolean
  /** How long the Actions cache lookup may take before the files come from storage. */
  cacheLookupMs: number
  /**
   * Storage GETs on a direct connection go through the receive path of storage-http.ts;
   * DVC_MODEL_ACTION_HTTP=library sends them through @actions/http-client (for comparison).
   */
  directHttp: boolean
}

type Env = Record<string, string | undefined>

/** Default part size (see ranged-download.ts for why 8 MiB). */
export const PART_BYTES = 8 << 20

export function readTuning(env: Env = process.env): Tuning {
  return {
    delayScale: nonNegative(env.DVC_MODEL_ACTION_DELAY_SCALE, 1),
    progressIntervalMs: nonNegative(env.DVC_MODEL_ACTION_PROGRESS_MS, 10_000) || 10_000,
    partBytes: Math.floor(nonNegative(env.DVC_MODEL_ACTION_PART_SIZE, PART_BYTES)),
    hashWorker: env.DVC_MODEL_ACTION_HASH_WORKER !== '0',
    cacheLookupMs: nonNegative(env.DVC_MODEL_ACTION_CACHE_LOOKUP_MS, 30_000) || 30_000,
    directHttp: env.DVC_MODEL_ACTION_HTTP !== 'library'
  }
}

function nonNegative(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const number = Number(value)
  return Number.isFinite(number) && number >= 0 ? number : fallback
}
