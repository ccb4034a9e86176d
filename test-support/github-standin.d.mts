// Types for github-standin.mjs.
export interface GithubRequest {
  method: string
  url: string
  headers: Record<string, string | undefined>
}
export interface GithubStandin {
  port: number
  apiUrl: string
  requests: GithubRequest[]
  answers: Array<{ status: number; body: unknown }>
  commit(label: string): string
  addTag(name: string, options: { commit: string; time?: number | string; annotated?: boolean; message?: string }): void
  stop(): Promise<void>
}
export declare function startGithubStandin(options?: {
  token?: string
  owner?: string
  repo?: string
  prefix?: string
  pageSize?: number
}): Promise<GithubStandin>
