// `npm run demo` is what a newcomer runs first: it must work, and show the version it resolved.
import { spawnSync } from 'node:child_process'

test('npm run demo fetches stage prod, resolved to its version, then from the tool cache', () => {
  const demo = spawnSync(process.execPath, ['scripts/demo.mjs'], { encoding: 'utf8', env: process.env })
  expect(demo.stderr).toBe('')
  expect(demo.status).toBe(0)
  expect(demo.stdout).toContain('Stage prod of churn holds v1.0.0')
  expect(demo.stdout).toContain('version = v1.0.0')
  expect(demo.stdout).toMatch(/: 3 downloaded, 0 from the tool cache\./)
  expect(demo.stdout).toMatch(/: 0 downloaded, 3 from the tool cache\./)
  expect(demo.stdout).toContain('storage: 3 downloads')
})
