// For .github/workflows/e2e-os.yml, which runs the action with `uses: ./` on Linux, Windows and
// macOS. Plain Node with no packages, so the workflow needs no `npm ci`.
//   node test-support/os-e2e.mjs serve <state.json>  Studio stand-in with a sample model, until
//     killed; writes { studioUrl, token, repo, name, files: { key: md5 } } once it listens. The
//     content comes from OS_E2E_SEED (the workflow passes its run id), so each workflow run has
//     a model no Actions cache entry holds yet, and its later jobs find the one it saved.
//   node test-support/os-e2e.mjs check <state.json>  checks one run's outputs, passed in the
//     variables PATH_OUT, FILES_OUT, CACHE_HIT_OUT, and the expected cache-hit in EXPECT_CACHE_HIT.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { testBytes } from './bytes.mjs'
import { startStandin } from './standin.mjs'

const [command, stateFile] = process.argv.slice(2)
const seed = [...(process.env.OS_E2E_SEED ?? '1')].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)
const REPO = 'https://github.com/acme/os-e2e'
const TOKEN = 'os-e2e-token-not-secret'
/** Over Windows' 260-character MAX_PATH once under the workspace, each segment well under 255. */
const LONG_KEY = `long/${Array.from({ length: 9 }, (_, i) => `a-folder-name-of-twenty-${i}`).join('/')}/weights.bin`
/** @type {Record<string, Buffer>} */
const FILES = {
  'models/clf/weights.bin': testBytes(3 * 1024 * 1024 + 5, seed),
  'models/clf/config.json': Buffer.from(`{"threshold": 0.5, "seed": ${seed}}\n`),
  'models/clf/notes.txt': Buffer.from(`line one\r\nline two\r\nseed ${seed}\r\n`),
  [LONG_KEY]: testBytes(70_000, seed + 1)
}

/** @param {Buffer} bytes */
const md5 = (bytes) => createHash('md5').update(bytes).digest('hex')

/** @param {string} message @returns {never} */
function fail(message) {
  console.log(`::error::${message}`)
  process.exit(1)
}

if (command === 'serve') {
  const standin = await startStandin({ token: TOKEN })
  standin.addVersion({ repo: REPO, name: 'clf', version: 'v1.0.0', stages: ['prod'], files: FILES })
  const state = {
    studioUrl: standin.studioUrl,
    token: TOKEN,
    repo: REPO,
    name: 'clf',
    files: Object.fromEntries(Object.entries(FILES).map(([key, bytes]) => [key, md5(bytes)]))
  }
  // Written whole, then renamed: the workflow waits for the file to appear.
  writeFileSync(`${stateFile}.tmp`, JSON.stringify(state, null, 2))
  renameSync(`${stateFile}.tmp`, stateFile)
  console.log(`Studio stand-in at ${standin.studioUrl}`)
  setInterval(() => console.log(`storage requests so far: ${standin.storageRequests.length}`), 60_000)
} else if (command === 'check') {
  /** @type {{ files: Record<string, string> }} */
  const state = JSON.parse(readFileSync(stateFile, 'utf8'))
  const env = process.env
  if (!env.PATH_OUT || !isAbsolute(env.PATH_OUT) || !existsSync(env.PATH_OUT)) fail(`output path: ${env.PATH_OUT}`)
  if (env.CACHE_HIT_OUT !== env.EXPECT_CACHE_HIT) fail(`cache-hit is ${env.CACHE_HIT_OUT}, not ${env.EXPECT_CACHE_HIT}`)
  /** @type {Record<string, string>} */
  const files = JSON.parse(env.FILES_OUT ?? '{}')
  const keys = Object.keys(files).sort()
  if (JSON.stringify(keys) !== JSON.stringify(Object.keys(state.files).sort())) fail(`files: ${keys.join(', ')}`)
  for (const [key, local] of Object.entries(files)) {
    if (!local.startsWith(env.PATH_OUT)) fail(`${key} is at ${local}, outside ${env.PATH_OUT}`)
    const actual = md5(readFileSync(local))
    if (actual !== state.files[key]) fail(`${key} at ${local} has MD5 ${actual}, not ${state.files[key]}`)
    console.log(`ok ${key} -> ${local} (${local.length} characters)`)
  }
} else {
  fail('usage: node test-support/os-e2e.mjs serve|check <state.json>')
}
