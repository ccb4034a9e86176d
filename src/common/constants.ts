/** The action's public interface: the names of its inputs and outputs, as action.yml declares them. */

export const Inputs = {
  Name: 'name',
  Repo: 'repo',
  Version: 'version',
  Stage: 'stage',
  Ref: 'ref',
  GithubToken: 'github-token',
  StudioToken: 'studio-token',
  StudioUrl: 'studio-url',
  Path: 'path',
  Include: 'include',
  Exclude: 'exclude',
  Download: 'download',
  Cache: 'cache',
  ActionsCache: 'actions-cache',
  ActionsCacheMaxSize: 'actions-cache-max-size',
  ToolCacheMaxSize: 'tool-cache-max-size',
  Concurrency: 'concurrency',
  Retries: 'retries',
  Timeout: 'timeout'
} as const

export const Outputs = {
  Path: 'path',
  Paths: 'paths',
  Files: 'files',
  CacheHit: 'cache-hit',
  CacheKey: 'cache-key',
  Digest: 'digest',
  Name: 'name',
  Version: 'version',
  Stage: 'stage',
  Event: 'event'
} as const
