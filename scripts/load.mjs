// npm run load: fifty jobs of a matrix using the bundled action at once, on loopback (see
// test-support/load.mjs), with the sources bundled as they are now. Prints the figures and
// fails (exit 1) when a run failed or a figure is off. RUNS=<n> changes the number of jobs.
import { rmSync } from 'node:fs'
import bundleForTests from '../test-support/bundle-for-tests.mjs'

bundleForTests()
const { runLoad, describeLoad } = await import('../test-support/load.mjs')
const runs = Number(process.env.RUNS || 50)
const report = await runLoad({ runs })
console.log(describeLoad(report))

const problems = []
const failed = report.mainCodes.filter((code) => code !== 0).length
if (failed) problems.push(`${failed} main steps failed: ${JSON.stringify(report.mainProblems.slice(0, 3))}`)
if (new Set(report.versions).size !== 1 || report.versions[0] !== report.prod)
  problems.push(`versions differ: ${[...new Set(report.versions)].join(', ')}`)
if (report.contents.some((c) => c !== 'expected')) problems.push('some runs hold other bytes')
if (report.githubRequestsPerRun.some((n) => !(n <= 5)))
  problems.push(`GitHub requests a run: ${report.githubRequestsPerRun}`)
if (report.githubRequests > 5 * runs) problems.push(`GitHub requests: ${report.githubRequests}`)
if (report.studioRequests !== runs + report.studio429s) problems.push(`Studio requests: ${report.studioRequests}`)
if (report.cacheEntries !== 1) problems.push(`cache entries: ${report.cacheEntries}`)
const saved = report.postLines.filter((lines) => lines.length === 1 && /^Actions cache: saved /.test(lines[0])).length
const another = report.postLines.filter(
  (lines) => lines.length === 1 && /another job saved or is saving it\.$/.test(lines[0])
).length
if (saved !== 1 || another !== runs - 1) problems.push(`post steps: ${saved} saved, ${another} another job`)
if (process.env.DVC_MODEL_ACTION_TEST_BUNDLE_TEMP)
  rmSync(process.env.DVC_MODEL_ACTION_TEST_BUNDLE_TEMP, { recursive: true, force: true })
if (problems.length) {
  console.error(`Load test failed:\n- ${problems.join('\n- ')}`)
  process.exit(1)
}
console.log('Load test passed.')
