// The action's entry point (dist/index.js is this file bundled), for the main and the post
// step alike: the main step leaves state `isPost`, which the runner hands to the post step.
// The post step loads none of the main step's code: ncc emits `import('./action/main.js')` as a chunk
// of its own. post.js, and actions-cache.ts, which both steps use, stay in dist/index.js
// ("eager"): as chunks they would cost the main step more files to load.
import * as core from '@actions/core'
import { endStep } from './action/step-end.js'

if (core.getState('isPost')) {
  const { runPost } = await import(/* webpackMode: "eager" */ './action/post.js')
  await runPost()
} else {
  core.saveState('isPost', 'true')
  const { run } = await import('./action/main.js')
  await run()
}
// Everything the step does has been awaited: the process ends when its event loop drains, with
// the exit code the step set (no process.exit(), which can hang Node 24: see step-end.ts).
endStep()
