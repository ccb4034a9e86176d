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
  state: Record<string, string>
  summary: string
  runner: Runner
}
export declare const ACTION_ENTRY: string
export declare function makeRunner(base?: string): Runner
export declare function parseOutputFile(text: string): Record<string, string>
export interface RunOptions {
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  runner?: Runner
  entry?: string
  state?: Record<string, string>
}
export declare function freshRunner(runner: Runner): Runner
export declare function runAction(options?: RunOptions): Promise<ActionRun>
export declare function runJob(options?: RunOptions): Promise<{ main: ActionRun; post: ActionRun | undefined }>
