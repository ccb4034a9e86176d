// Types for proxy.mjs.
export declare function startProxy(): Promise<{
  url: string
  seen: Array<{ method: string; host: string; headers: Record<string, string | undefined> }>
  stop(): Promise<void>
}>
