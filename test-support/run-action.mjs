// Runs the bundled action (dist/index.js) the way the GitHub runner does: inputs as
// INPUT_<NAME> variables (hyphens kept), real GITHUB_OUTPUT, GITHUB_STATE and
// GITHUB_STEP_SUMMARY files, RUNNER_TEMP, RUNNER_TOOL_CACHE and GITHUB_WORKSPACE folders; and
// the post step as the runner runs it, with the main step's state as STATE_<name> variables.
import { spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The bundle under test: jest's e2e and storage tiers build one from the current sources and name
// it here (test-support/bundle-for-tests.mjs); scripts run dist/.
const testBundle = process.env.DVC_MODEL_ACTION_TEST_BUNDLE
export const ACTION_ENTRY = testBundle ?? fileURLToPath(new URL('../dist/index.js', import.meta.url))

/**
 * @typedef {object} Runner
 * @property {string} base
 * @property {string} workspace
 * @property {string} temp
 * @property {string} toolCache
 */
/**
 * @typedef {object} ActionRun
 * @property {number} code
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {Record<string, string>} state the main step's saved state (GITHUB_STATE)
 * @property {string} summary
 * @property {Runner} runner
 */

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string>} [inputs]
 * @property {Record<string, string | undefined>} [env]
 * @property {Runner} [runner]
 * @property {string} [entry]
 * @property {Record<string, string>} [state]
 * @property {string} [node] the Node binary (the benchmark runs Node 24 and 20); default this one
 * @property {number} [limitMs] how long the step may run before its process group is killed
 *   and the run rejects with RunLimitExceeded; default RUN_LIMIT_MS
 * @property {boolean} [lingerExpected] the step may end by its last resort (src/action/step-end.ts:
 *   something kept its event loop alive after its work); else that rejects the run
 */

/** What a step prints when something kept it alive after its work and it ended itself (step-end.ts). */
export const LINGERED = /^The step's work is done, but .* still kept the process alive/m

/**
 * How long one step may run before it counts as hung: far longer than any test's step takes
 * (seconds), shorter than jest's testTimeout (120 s), so a hang (e.g. Node hanging at exit,
 * nodejs/node#54918) fails its test with a message saying so instead of running into CI's time limit.
 */
export const RUN_LIMIT_MS = 90_000

/** A step did not end within its limit; its process group was killed. */
export class RunLimitExceeded extends Error {
  /**
   * @param {string} message
   * @param {{ pid: number, stdout: string, stderr: string }} run
   */
  constructor(message, { pid, stdout, stderr }) {
    super(message)
    this.name = 'RunLimitExceeded'
    this.pid = pid
    this.stdout = stdout
    this.stderr = stderr
  }
}

/** Process groups of steps still running: killed if this process exits first (no orphans). */
const liveGroups = new Set()
process.on('exit', () => {
  for (const pid of liveGroups) killGroup(pid)
})

/** @param {number} pid */
function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

/** @param {string} text @param {number} lines */
const lastLines = (text, lines) => text.trimEnd().split('\n').slice(-lines).join('\n')

/**
 * A runner's folders; reuse one across runs to share its tool cache.
 * @param {string} [base]
 * @returns {Runner}
 */
export function makeRunner(base = mkdtempSync(join(tmpdir(), 'runner-'))) {
  const runner = {
    base,
    workspace: join(base, 'workspace'),
    temp: join(base, 'temp'),
    toolCache: join(base, 'tool-cache')
  }
  for (const dir of [runner.workspace, runner.temp, runner.toolCache]) mkdirSync(dir, { recursive: true })
  return runner
}

/**
 * A fresh runner at the same paths as `runner` (empty workspace, temp and tool cache), as a
 * new job on a GitHub-hosted runner gets: its RUNNER_TEMP and workspace paths are the same.
 * @param {Runner} runner
 * @returns {Runner}
 */
export function freshRunner(runner) {
  for (const dir of [runner.workspace, runner.temp, runner.toolCache]) rmSync(dir, { recursive: true, force: true })
  return makeRunner(runner.base)
}

/**
 * Parses the GITHUB_OUTPUT file format: `name<<DELIMITER\nvalue\nDELIMITER`.
 * @param {string} text
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(pattern)) outputs[m[1]] = m[3]
  return outputs
}

let runCount = 0

/**
 * Runs the action. inputs: { name: 'x', 'studio-token': '...' } -> INPUT_NAME, INPUT_STUDIO-TOKEN.
 * env: extra variables. state: the main step's state, for the post step (STATE_<name>).
 * Returns { code, stdout, stderr, outputs, state, summary, runner }; rejects with
 * RunLimitExceeded if the step runs longer than `limitMs` (its whole process group is killed).
 * @param {RunOptions} [options]
 * @returns {Promise<ActionRun>}
 */
export function runAction({
  inputs = {},
  env = {},
  runner = makeRunner(),
  entry = ACTION_ENTRY,
  state = {},
  node = process.execPath,
  limitMs = RUN_LIMIT_MS,
  lingerExpected = false
} = {}) {
  if (entry === ACTION_ENTRY && !testBundle && process.env.JEST_WORKER_ID) {
    throw new Error('This test runs the bundled action: list its file in E2E or STORAGE in jest.config.js')
  }
  const run = ++runCount
  const outputFile = join(runner.base, `output-${run}.txt`)
  const stateFile = join(runner.base, `state-${run}.txt`)
  const summaryFile = join(runner.base, `summary-${run}.md`)
  writeFileSync(outputFile, '')
  writeFileSync(stateFile, '')
  writeFileSync(summaryFile, '')
  /** @type {Record<string, string | undefined>} */
  const childEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // The tests' own temp folder (see jest-environment.mjs), so the action's temp files go there too.
    TMPDIR: process.env.TMPDIR,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: runner.workspace,
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STATE: stateFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runner.temp,
    RUNNER_TOOL_CACHE: runner.toolCache,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...env
  }
  for (const [name, value] of Object.entries(state)) childEnv[`STATE_${name}`] = value
  for (const [name, value] of Object.entries(inputs)) {
    childEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(value)
  }
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key]
  return new Promise((resolve, reject) => {
    // A process group of its own (detached), so that the limit kills whatever the step started too.
    const child = spawn(node, [entry], {
      cwd: runner.workspace,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    })
    const pid = /** @type {number} */ (child.pid)
    if (pid !== undefined) liveGroups.add(pid)
    let stdout = ''
    let stderr = ''
    let killed = false
    const limit = setTimeout(() => {
      killed = true
      killGroup(pid)
    }, limitMs)
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', (error) => {
      clearTimeout(limit)
      liveGroups.delete(pid)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(limit)
      liveGroups.delete(pid)
      if (killed) {
        const seconds = limitMs / 1000
        reject(
          new RunLimitExceeded(
            `The step (${node} ${entry}) did not end within ${seconds} s, so its process group was killed: ` +
              `a hang (at exit, e.g. nodejs/node#54918, if its output below is complete) or a wait without a deadline.\n` +
              `Last lines of its output:\n${lastLines(stdout, 15)}\n${lastLines(stderr, 5)}`,
            { pid, stdout, stderr }
          )
        )
        return
      }
      const lingered = LINGERED.exec(stdout)
      if (lingered && !lingerExpected) {
        reject(
          new Error(`The step's event loop did not drain once its work was done, so it ended itself:\n${lingered[0]}`)
        )
        return
      }
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
        state: parseOutputFile(readFileSync(stateFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
        runner
      })
    })
  })
}

/**
 * One job's use of the action: the main step, then, if it succeeded (`post-if: success()`),
 * the post step with the same inputs and environment and the main step's state.
 * Returns { main, post } (post undefined when the main step failed).
 * @param {RunOptions} [options]
 * @returns {Promise<{ main: ActionRun, post: ActionRun | undefined }>}
 */
export async function runJob(options = {}) {
  const main = await runAction(options)
  if (main.code !== 0) return { main, post: undefined }
  const post = await runAction({ ...options, runner: main.runner, state: main.state })
  return { main, post }
}
