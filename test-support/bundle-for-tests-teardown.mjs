// Jest globalTeardown: remove the folder test-support/bundle-for-tests.mjs bundled into.
import { rmSync } from 'node:fs'

export default function removeTestBundle() {
  const out = process.env.DVC_MODEL_ACTION_TEST_BUNDLE_TEMP
  if (out) rmSync(out, { recursive: true, force: true })
  delete process.env.DVC_MODEL_ACTION_TEST_BUNDLE_TEMP
}
