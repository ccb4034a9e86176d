/** What to ask Studio for: one model, at a version, a stage, or the latest. */
export interface ModelQuery {
  repo: string
  name: string
  version?: string
  stage?: string
}

export function describeQuery(query: ModelQuery): string {
  const what = query.version ? `version ${query.version}` : query.stage ? `stage ${query.stage}` : 'latest version'
  return `${query.name} (${what}) from ${query.repo}`
}
