// The load test in small (`npm run load` runs fifty): ten jobs of a matrix using the bundled
// action at once against Studio limiting itself to two requests a second (the ratio of fifty
// to ten), the GitHub stand-in with its budgets, and an empty Actions cache service.
import { describeLoad, runLoad } from '../test-support/load.mjs'

const RUNS = 10

test('ten jobs at once: all succeed with the same version and bytes, GitHub asked at most 5 times a run, Studio once plus its 429s, the cache saved once', async () => {
  const report = await runLoad({ runs: RUNS, studioRequestsPerSecond: 2 })
  process.stderr.write(`${describeLoad(report)}\n`)
  expect(report.mainProblems).toEqual([])
  expect(report.mainCodes).toEqual(Array(RUNS).fill(0))
  expect(report.postCodes).toEqual(Array(RUNS).fill(0))
  expect(report.versions).toEqual(Array(RUNS).fill(report.prod))
  expect(report.contents).toEqual(Array(RUNS).fill('expected'))
  // 300 versions and 100 assignments: four pages of a hundred, whatever the history.
  for (const requests of report.githubRequestsPerRun) expect(requests).toBeLessThanOrEqual(5)
  expect(report.githubRequests).toBe(report.githubRequestsPerRun.reduce((a, b) => a + b, 0))
  expect(report.githubByApi.rest).toBe(0)
  // Everyone came at once: Studio refused some, and each came back and got its answer once.
  expect(report.studio429s).toBeGreaterThan(0)
  expect(report.studioRequests).toBe(RUNS + report.studio429s)
  expect(report.cacheEntries).toBe(1)
  const saved = report.postLines.filter((lines) => /^Actions cache: saved /.test(lines[0] ?? ''))
  const another = report.postLines.filter((lines) => /another job saved or is saving it\.$/.test(lines[0] ?? ''))
  expect(saved).toHaveLength(1)
  expect(another).toHaveLength(RUNS - 1)
  for (const lines of report.postLines) expect(lines).toHaveLength(1)
}, 600_000)
