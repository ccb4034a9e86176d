// npm run standin: the local Studio stand-in alone, for trying the action by hand.
// It serves a small sample model on loopback (no credentials, no network), prints the
// variables a run needs, and writes them as a dotenv file for @github/local-action.
// Stop it with Ctrl-C.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStandin } from '../test-support/standin.mjs'

const TOKEN = 'standin-token'
const REPO = 'https://github.com/acme/churn-models'

const standin = await startStandin({ token: TOKEN })
standin.addVersion({
  repo: REPO,
  name: 'churn',
  version: 'v1.0.0',
  stages: ['prod'],
  files: {
    'models/churn/model.pkl': Buffer.alloc(2 * 1024 * 1024, 7),
    'models/churn/metrics.json': '{"auc": 0.91}\n'
  }
})
standin.addVersion({
  repo: REPO,
  name: 'churn',
  version: 'v1.1.0',
  stages: ['dev'],
  files: { 'models/churn/model.pkl': 'dev model', 'models/churn/metrics.json': '{"auc": 0.93}\n' }
})

// A runner's folders of its own, so that a try writes nothing into this checkout.
const base = mkdtempSync(join(tmpdir(), 'studio-standin-'))
const runner = { workspace: join(base, 'workspace'), temp: join(base, 'temp'), toolCache: join(base, 'tool-cache') }
for (const dir of Object.values(runner)) mkdirSync(dir, { recursive: true })
const outputFile = join(base, 'github-output.txt')
const summaryFile = join(base, 'step-summary.md')
const stateFile = join(base, 'state.txt')
for (const file of [outputFile, summaryFile, stateFile]) writeFileSync(file, '')

const variables = {
  DVC_STUDIO_URL: standin.studioUrl,
  DVC_STUDIO_TOKEN: TOKEN,
  INPUT_NAME: 'churn',
  INPUT_STAGE: 'prod',
  INPUT_REPO: REPO,
  GITHUB_REPOSITORY: 'acme/churn-models',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_WORKSPACE: runner.workspace,
  RUNNER_TEMP: runner.temp,
  RUNNER_TOOL_CACHE: runner.toolCache,
  GITHUB_OUTPUT: outputFile,
  GITHUB_STEP_SUMMARY: summaryFile,
  GITHUB_STATE: stateFile
}
const envFile = join(base, 'local-action.env')
writeFileSync(
  envFile,
  Object.entries(variables)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n'
)

const shellExports = Object.entries(variables)
  .map(([k, v]) => `export '${k}=${v}'`)
  .join('\n')
console.log(`Studio stand-in at ${standin.studioUrl} (storage at ${standin.storageOrigin}); Ctrl-C stops it.

Model 'churn' of ${REPO}: v1.0.0 (stage prod, 2 files, 2 MiB), v1.1.0 (stage dev, the latest).
Token: ${TOKEN}. Runner folders under ${base}.

Run the bundled action as the runner does, from another shell:

${shellExports}
node dist/index.js

(Change INPUT_STAGE, or set INPUT_VERSION=v1.1.0 with INPUT_STAGE= ; a second run is served from the tool cache.)

Or under @github/local-action, started from this folder (the action's folder):

npx @github/local-action run . src/main.ts ${envFile}
`)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await standin.stop()
  rmSync(base, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
