// npm run demo: the bundled action against a local Studio stand-in, as the runner runs it.
// No credentials, no network: everything is on loopback and in a temporary folder.
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { startGithubStandin } from '../test-support/github-standin.mjs'
import { addSampleModel, addSampleTags, SAMPLE_NAME, SAMPLE_REPO } from '../test-support/sample-model.mjs'
import { startStandin } from '../test-support/standin.mjs'
import { makeRunner, runAction } from '../test-support/run-action.mjs'

const standin = await startStandin({ token: 'demo-token' })
addSampleModel(standin)

// The registry's git tags, as GitHub's REST API serves them: the action reads them to say
// which version stage prod holds, and then asks Studio for exactly that version.
const github = await startGithubStandin({ token: 'demo-github-token', owner: 'acme', repo: 'churn-models' })
addSampleTags(github)

const runner = makeRunner()
const inputs = {
  name: SAMPLE_NAME,
  stage: 'prod',
  repo: SAMPLE_REPO,
  'studio-url': standin.studioUrl,
  'studio-token': 'demo-token',
  'github-token': 'demo-github-token'
}
try {
  for (const attempt of ['first run (downloads)', 'second run on the same runner (tool cache)']) {
    console.log(`\n=== ${attempt}: uses: ./ with name=churn stage=prod`)
    const result = await runAction({ inputs, runner, env: { GITHUB_API_URL: github.apiUrl } })
    // Mask and debug lines are for the runner; a person sees neither.
    process.stdout.write(result.stdout.replace(/^::(add-mask|debug)::.*\n/gm, ''))
    if (result.code !== 0) {
      console.error(result.stderr)
      throw new Error(`the action exited with code ${result.code}`)
    }
    console.log('\n--- outputs (GITHUB_OUTPUT)')
    for (const [name, value] of Object.entries(result.outputs)) console.log(`${name} = ${value}`)
  }
  console.log(`\n--- downloaded tree under ${runner.workspace}`)
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]
    )
  for (const file of walk(runner.workspace))
    console.log(`${relative(runner.workspace, file)}  (${statSync(file).size} bytes)`)
  console.log(
    `\nStudio stand-in: ${standin.studioRequests.length} API calls; storage: ${standin.storageRequests.length} downloads; GitHub API: ${github.requests.length} requests.`
  )
} finally {
  await standin.stop()
  await github.stop()
  rmSync(runner.base, { recursive: true, force: true })
}
