import * as core from '@actions/core'
import { letGoOfCacheWork } from '../caches/actions-cache-log.js'

/** How long the event loop may stay busy after the step's work is done before the step ends it anyway. */
export const GRACE_MS = 5000

/**
 * Ends the step by letting its event loop drain, with the exit code the step set
 * (core.setFailed sets process.exitCode), not by process.exit(). On Node 24 process.exit() hangs
 * about once in 300 runs (nodejs/node#54918): it shuts V8's platform threads down while the
 * isolate still lives, and a platform thread in a concurrent compile waits for the main thread,
 * which waits for it; a natural end disposes of the isolate first, which ends its compile jobs.
 * By now the step's work has been awaited and the hashing threads have exited (Md5Threads.close);
 * what @actions/cache still has under way (a lookup abandoned at its deadline keeps retrying)
 * stops keeping the process alive. Should anything else still do so, after GRACE_MS the step
 * says what and exits: a cost the log shows, and that no test run sees.
 */
export function endStep(): void {
  const abandoned = letGoOfCacheWork()
  if (abandoned > 0) {
    core.debug(
      `Ending the step without waiting for the Actions cache library's ${abandoned} abandoned timers and requests.`
    )
  }
  setTimeout(() => {
    core.info(
      `The step's work is done, but ${process.getActiveResourcesInfo().join(', ') || 'something'} still kept the process alive ${GRACE_MS / 1000} s later: ending it.`
    )
    process.exit()
  }, GRACE_MS).unref()
}
