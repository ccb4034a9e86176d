// Types for standin.mjs (plain JS so that `npm run demo` and the benchmark run it without a build).
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string | undefined>
}
export interface Fault {
  status?: number
  retryAfter?: number
  body?: string
  reset?: number
  truncate?: number
  stall?: number
  corrupt?: boolean
  expired?: boolean
  ignoreRange?: boolean
}
export interface StandinOptions {
  token?: string
  prefix?: string
  urlTtlSeconds?: number
  ranges?: boolean
  signing?: 's3' | 'azure'
  publicHost?: string
  bytesPerSecond?: number
}
export interface VersionSpec {
  repo: string
  name: string
  version: string
  stages?: string[]
  files?: Record<string, Buffer | string>
  layout?: 'dvc3' | 'dvc2' | 'plain'
  /** Makes Studio's answer (URLs of real storage), called for each request. */
  sign?: () => Promise<Record<string, string>>
}
export declare function dvcMd5(bytes: Buffer, layout: string): string
export declare function startStandin(options?: StandinOptions): Promise<Standin>
export declare class Standin {
  constructor(options?: StandinOptions)
  token: string
  studioPort: number
  storagePort: number
  readonly studioUrl: string
  readonly storageOrigin: string
  models: Map<string, Map<string, any[]>>
  objects: Map<string, Buffer>
  /** storage path -> queue of faults, each used by one request */
  faults: Map<string, Fault[]>
  studioAnswers: Array<{ status: number; body: unknown; headers?: Record<string, string> }>
  studioRequests: RecordedRequest[]
  storageRequests: RecordedRequest[]
  maxInFlight: number
  /** When set, storage holds every response until this many requests are open at once (once). */
  holdUntilInFlight: number
  urlTtlSeconds: number
  addVersion(spec: VersionSpec): any
  pathOf(key: string): string
  inject(key: string, ...faults: Fault[]): void
  sign(path: string, ttlSeconds?: number, now?: number): string
  stop(): Promise<void>
}
