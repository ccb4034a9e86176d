// Jest globalSetup of the tiers that run the bundled action (jest.config.js): bundle the sources as
// they are now into a temporary folder, so an edit of src/ is what the next test run runs, and
// point test-support/run-action.mjs at it. The committed dist/ is checked separately by .ci/run,
// which sets DVC_MODEL_ACTION_TEST_BUNDLE to dist/index.js once it has rebuilt dist/, sparing the
// second bundle.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export default function bundleForTests() {
  // Preset by .ci/run, or by the first tier's setup when `npm test` runs several tiers.
  if (process.env.DVC_MODEL_ACTION_TEST_BUNDLE) return
  const out = mkdtempSync(join(tmpdir(), 'action-bundle-'))
  const bundle = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../tools/bundle.mjs', import.meta.url)), '--out', out, '--quiet'],
    { stdio: 'inherit' }
  )
  if (bundle.status !== 0)
    throw new Error(`Bundling the sources for the end-to-end tests failed (exit ${bundle.status})`)
  process.env.DVC_MODEL_ACTION_TEST_BUNDLE = join(out, 'index.js')
  process.env.DVC_MODEL_ACTION_TEST_BUNDLE_TEMP = out
}
