// Types for cache-service.mjs.
import type { AzureBackend } from './real-storage.mjs'
import type { RecordedExchange } from './recorder.mjs'
export interface CacheServiceRequest {
  method: string
  body: Record<string, unknown> | undefined
  authorization: string | undefined
  status?: number
}
export interface CacheEntry {
  key: string
  version: string
  blob: string
  finalized: boolean
  created: number
  sizeBytes?: number
}
export interface CacheService {
  token: string
  url: string
  azure: AzureBackend
  entries: Map<string, CacheEntry>
  requests: CacheServiceRequest[]
  mode: 'ok' | 'unavailable' | 'down'
  refuseWrites: boolean
  readonly blobRequests: RecordedExchange[]
  env(): Record<string, string>
  /** Returns the name (an MD5) of the file changed. */
  tamper(key: string): Promise<string>
  truncate(key: string): Promise<void>
  stop(): Promise<void>
}
export declare function startCacheService(options?: { token?: string }): Promise<CacheService>
