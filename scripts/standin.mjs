// npm run standin: the local Studio stand-in alone, for trying the action by hand.
// It serves a small sample model on loopback (no credentials, no network), prints the
// variables a run needs, and writes them as a dotenv file for @github/local-action.
// Stop it with Ctrl-C.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addSampleModel, SAMPLE_NAME, SAMPLE_REPO, SAMPLE_VERSIONS } from '../test-support/sample-model.mjs'
import { startStandin } from '../test-support/standin.mjs'

const TOKEN = 'standin-token'

const standin = await startStandin({ token: TOKEN })
addSampleModel(standin)

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
  INPUT_NAME: SAMPLE_NAME,
  INPUT_STAGE: 'prod',
  INPUT_REPO: SAMPLE_REPO,
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

// Said from the model's definition, so that this line stays true when the sample changes.
const versionsSaid = SAMPLE_VERSIONS.map(({ version, stages = [], files = {} }, i) => {
  const count = Object.keys(files).length
  const bytes = Object.values(files).reduce((sum, content) => sum + Buffer.byteLength(content), 0)
  const size = bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${bytes} B`
  const latest = i === SAMPLE_VERSIONS.length - 1 ? ', the latest' : ''
  return `${version} (stage ${stages.join(', ')}, ${count} file${count === 1 ? '' : 's'}, ${size}${latest})`
}).join(', ')
const shellExports = Object.entries(variables)
  .map(([k, v]) => `export '${k}=${v}'`)
  .join('\n')
console.log(`Studio stand-in at ${standin.studioUrl} (storage at ${standin.storageOrigin}); Ctrl-C stops it.

Model '${SAMPLE_NAME}' of ${SAMPLE_REPO}: ${versionsSaid}.
Token: ${TOKEN}. Runner folders under ${base}.

Run the bundled action as the runner does, from another shell:

${shellExports}
node dist/index.js

(Change INPUT_STAGE, or set INPUT_VERSION=v1.1.0 with INPUT_STAGE= ; a second run is served from the tool cache.)

Or under @github/local-action, started from this folder (the action's folder):

npx @github/local-action run . src/action/main.ts ${envFile}
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
