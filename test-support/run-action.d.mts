// Types for run-action.mjs.
export interface Runner {
  base: string
  workspace: string
  temp: string
  toolCache: string
}
export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  runner: Runner
}
export declare const ACTION_ENTRY: string
export declare function makeRunner(base?: string): Runner
export declare function parseOutputFile(text: string): Record<string, string>
export declare function runAction(options?: {
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  runner?: Runner
  entry?: string
  /** The Node binary; default the one running the caller. */
  node?: string
}): Promise<ActionRun>
