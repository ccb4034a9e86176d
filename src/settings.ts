/**
 * The action's tuning knobs that are not inputs: environment variables for tests and for
 * people chasing a problem. Read here, once, and passed on as plain options.
 */
export interface Tuning {
  /** Multiplies every retry delay (backoff and Retry-After alike); tests use 0 or 0.001. */
  delayScale: number
  /** How often a running download logs its progress. */
  progressIntervalMs: number
  /** How long the Actions cache lookup may take before the files come from storage. */
  cacheLookupMs: number
}

type Env = Record<string, string | undefined>

export function readTuning(env: Env = process.env): Tuning {
  return {
    delayScale: nonNegative(env.DVC_MODEL_ACTION_DELAY_SCALE, 1),
    progressIntervalMs: nonNegative(env.DVC_MODEL_ACTION_PROGRESS_MS, 10_000) || 10_000,
    cacheLookupMs: nonNegative(env.DVC_MODEL_ACTION_CACHE_LOOKUP_MS, 30_000) || 30_000
  }
}

function nonNegative(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const number = Number(value)
  return Number.isFinite(number) && number >= 0 ? number : fallback
}
