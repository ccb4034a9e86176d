// @actions/http-client imports ProxyAgent for getAgentDispatcher(), a fetch dispatcher this
// action never asks for. Should anything ever call it, it fails loudly instead of silently.
export class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled in this action: HttpClient.getAgentDispatcher() is not supported')
  }
}
