// Types for real-storage.mjs.
import type { RecordedExchange } from './recorder.mjs'
export interface StorageBackend {
  kind: 's3' | 'azure' | 'https'
  caFile?: string
  recorder: {
    requests: RecordedExchange[]
    cutOnce(prefix: string, fraction: number): void
    holdOnce?(prefix: string, ms: number): void
  }
  pathOf(key: string): string
  sign(key: string, seconds?: number): Promise<string>
  stop(): Promise<void>
}
export declare function startS3(objects: Record<string, Buffer>): Promise<StorageBackend>
export interface AzureBackend extends StorageBackend {
  /** The container (@azure/storage-blob ContainerClient) holding the objects. */
  container: any // eslint-disable-line @typescript-eslint/no-explicit-any
  signWith(key: string, permissions: string, seconds?: number): Promise<string>
}
export declare function startAzure(objects: Record<string, Buffer>): Promise<AzureBackend>
export declare function startHttps(objects: Record<string, Buffer>): Promise<StorageBackend>
