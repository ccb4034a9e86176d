// The load test: a matrix of `runs` jobs using the bundled action at once, on loopback, against
// Studio limiting itself (429 with Retry-After beyond its rate), the GitHub stand-in speaking
// GraphQL and REST with its rate-limit headers and hourly budgets, and the Actions cache
// service stand-in holding no entry at first. Each job resolves `stage: prod` of a registry of
// 300 versions with their assignments, fetches the model, and runs its post step. Used by
// __tests__/load.test.ts (10 runs) and scripts/load.mjs (`npm run load`, 50 runs).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startCacheService } from './cache-service.mjs'
import { startGithubStandin } from './github-standin.mjs'
import { makeRunner, runAction } from './run-action.mjs'
import { startStandin } from './standin.mjs'

const REPO = 'https://github.com/acme/models'
const STUDIO_TOKEN = 'studio-load-test-token-2468'
const GITHUB_TOKEN = 'ghs_loadTestToken0123456789abcdefgh'
export const LOAD_VERSIONS = 300

/** The model's files: a few, large enough that every job downloads real bytes. */
function modelFiles() {
  /** @type {Record<string, Buffer>} */
  const files = {}
  for (let i = 0; i < 4; i++) {
    files[`model/part-${i}.bin`] = Buffer.from(Array.from({ length: 256 * 1024 }, (_, j) => (j * 31 + i * 7) % 251))
  }
  files['model/config.json'] = Buffer.from('{"layers": 12}\n')
  return files
}

/** @param {Buffer} bytes */
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')

/**
 * @typedef {object} LoadReport
 * @property {number} runs
 * @property {number} wallMs from the first main step's start to the last post step's end
 * @property {number} mainWallMs from the first main step's start to the last main step's end
 * @property {number} studioRequests
 * @property {number} studio429s
 * @property {number} studioPeakInFlight
 * @property {number} githubRequests
 * @property {{ graphql: number, rest: number }} githubByApi
 * @property {number} githubPeakInFlight
 * @property {number} githubPointsUsed GraphQL points drawn from the hourly budget
 * @property {number} storagePeakInFlight
 * @property {number[]} githubRequestsPerRun as each run's debug line counts them
 * @property {string[]} versions each run's output `version`
 * @property {string[]} contents each run's files, as one digest
 * @property {number[]} mainCodes
 * @property {number[]} postCodes
 * @property {string[][]} postLines what each post step showed (no debug lines, no masks)
 * @property {number} cacheEntries finalized entries in the cache service
 * @property {string[][]} mainProblems each failed main step's error lines
 * @property {string} prod the version stage prod holds
 */

/**
 * Runs the matrix; main steps all at once, then the post steps all at once (as in a matrix
 * whose jobs' own steps outlast the fetch, so every post step comes after every restore).
 * @param {{ runs: number, studioRequestsPerSecond?: number, node?: string }} options
 * @returns {Promise<LoadReport>}
 */
export async function runLoad({ runs, studioRequestsPerSecond = 10, node }) {
  const studio = await startStandin({ token: STUDIO_TOKEN, studioRequestsPerSecond })
  // Studio holds every request until all jobs have asked, then answers at its rate: the
  // matrix's jobs ask together, however long this machine takes to start fifty processes.
  studio.studioLimit.holdUntil = runs
  const github = await startGithubStandin({ token: GITHUB_TOKEN, owner: 'acme', repo: 'models' })
  const service = await startCacheService()
  try {
    const minute = (/** @type {number} */ n) => Date.UTC(2026, 0, 1) + n * 60_000
    let prod = ''
    for (let i = 0; i < LOAD_VERSIONS; i++) {
      github.addTag(`churn@v1.${i}.0`, { commit: `c${i}`, time: minute(2 * i) })
      if (i % 3 === 0) {
        github.addTag(`churn#prod#${i + 1}`, { commit: `c${i}`, time: minute(2 * i + 1) })
        prod = `v1.${i}.0`
      }
    }
    const files = modelFiles()
    studio.addVersion({ repo: REPO, name: 'churn', version: prod, stages: ['prod'], files })
    const expected = Object.entries(files)
      .map(([key, bytes]) => `${key}:${sha256(bytes)}`)
      .sort()
      .join('\n')

    const inputs = {
      name: 'churn',
      stage: 'prod',
      repo: REPO,
      'studio-token': STUDIO_TOKEN,
      'studio-url': studio.studioUrl,
      'github-token': GITHUB_TOKEN,
      // Seconds without data before a request is given up: the first jobs wait at Studio for the
      // last to start (minutes on a busy machine), which a job on GitHub never would.
      timeout: '900'
    }
    // RUNNER_TEMP relative to each job's workspace (its working directory; @actions/cache
    // refuses '..'): the same path in every job, as on GitHub-hosted runners
    // (/home/runner/work/_temp), which the Actions cache's version is computed from, yet a
    // folder of each job's own.
    const env = {
      ...service.env(),
      GITHUB_API_URL: github.apiUrl,
      GITHUB_GRAPHQL_URL: github.graphqlUrl,
      RUNNER_TEMP: 'temp'
    }
    const runners = Array.from({ length: runs }, () => makeRunner())
    const started = Date.now()
    const mains = await Promise.all(runners.map((runner) => runAction({ inputs, env, runner, node })))
    const mainWallMs = Date.now() - started
    const posts = await Promise.all(
      mains.map((main) =>
        main.code === 0 ? runAction({ inputs, env, runner: main.runner, state: main.state, node }) : undefined
      )
    )
    const wallMs = Date.now() - started

    const contents = mains.map((main) =>
      Object.keys(files)
        .map((key) => {
          try {
            return `${key}:${sha256(readFileSync(join(main.runner.workspace, key)))}`
          } catch {
            return `${key}:missing`
          }
        })
        .sort()
        .join('\n')
    )
    const shown = (/** @type {string} */ stdout) =>
      stdout
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('::debug::') && !line.startsWith('::add-mask::'))
    return {
      runs,
      wallMs,
      mainWallMs,
      studioRequests: studio.studioRequests.length,
      studio429s: studio.studioLimit.refused,
      studioPeakInFlight: studio.studioLimit.maxInFlight,
      githubRequests: github.requests.length,
      githubByApi: github.countByApi(),
      githubPeakInFlight: github.stats.maxInFlight,
      githubPointsUsed: github.budgets.graphql.used,
      storagePeakInFlight: studio.maxInFlight,
      githubRequestsPerRun: mains.map((main) =>
        Number(/::debug::Resolving stage prod of churn took (\d+) GitHub API request/.exec(main.stdout)?.[1] ?? NaN)
      ),
      versions: mains.map((main) => main.outputs.version ?? ''),
      contents: contents.map((c) => (c === expected ? 'expected' : c)),
      mainCodes: mains.map((main) => main.code),
      postCodes: posts.map((post) => post?.code ?? -1),
      postLines: posts.map((post) => (post ? shown(post.stdout) : [])),
      cacheEntries: [...service.entries.values()].filter((entry) => entry.finalized).length,
      mainProblems: mains
        .filter((m) => m.code !== 0)
        .map((m) => shown(m.stdout).filter((l) => l.startsWith('::error'))),
      prod
    }
  } finally {
    await studio.stop()
    await github.stop()
    await service.stop()
  }
}

/** The figures as the docs and the script print them. @param {LoadReport} report */
export function describeLoad(report) {
  const perRun = report.githubRequestsPerRun
  return [
    `${report.runs} runs (main and post steps) in ${(report.wallMs / 1000).toFixed(1)} s wall time (main steps: ${(report.mainWallMs / 1000).toFixed(1)} s)`,
    `Studio: ${report.studioRequests} requests, ${report.studio429s} answered 429 with Retry-After, peak ${report.studioPeakInFlight} in flight`,
    `GitHub: ${report.githubRequests} requests (${report.githubByApi.graphql} GraphQL, ${report.githubByApi.rest} REST), ${Math.min(...perRun)}-${Math.max(...perRun)} a run, ${report.githubPointsUsed} GraphQL points of the hour's budget, peak ${report.githubPeakInFlight} in flight`,
    `Storage: peak ${report.storagePeakInFlight} downloads in flight`,
    `Actions cache: ${report.cacheEntries} entry saved; post steps: ${report.postLines.filter((l) => l.some((x) => /^Actions cache: saved /.test(x))).length} saved, ${report.postLines.filter((l) => l.some((x) => /another job saved or is saving it/.test(x))).length} said another job saved it`
  ].join('\n')
}
