// Bundled in place of undici (tsconfig.json "paths", checked by tools/bundle.mjs): @actions/http-client
// imports undici only for ProxyAgent, which only getAgentDispatcher() uses, a fetch dispatcher this action
// never asks for. The real undici would add ~940 kB to dist/ and ~40-60 ms to every run's start.
// Should anything ever construct it, it fails loudly instead of silently.
export class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled in this action: HttpClient.getAgentDispatcher() is not supported')
  }
}
