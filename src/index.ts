// The action's entry point (dist/index.js is this file bundled), for the main and the post
// step alike: the main step leaves state `isPost`, which the runner hands to the post step.
import * as core from '@actions/core'
import { run } from './main.js'
import { runPost } from './post.js'

if (core.getState('isPost')) {
  await runPost()
} else {
  core.saveState('isPost', 'true')
  await run()
}
// Everything the step does has been awaited; what may linger is @actions/cache's (keep-alive
// sockets of the storage SDK, retries of a lookup abandoned at its deadline), so end now, as
// actions/setup-node's post step does. The exit code is the one the step set.
process.exit()
