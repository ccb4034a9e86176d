// Types for recorder.mjs.
export interface RecordedExchange {
  method: string
  url: string
  path: string
  headers: Record<string, string | undefined>
  status: number
  cutAt?: number
}
export declare function startRecorder(upstreamPort: number): Promise<{
  port: number
  requests: RecordedExchange[]
  cutOnce(prefix: string, fraction: number): void
  holdOnce(prefix: string, ms: number): void
  route(url: string): string
  stop(): Promise<void>
}>
