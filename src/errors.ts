/**
 * An error whose message is written for the person reading the workflow log:
 * it says what was wrong and what to do, and is safe to print as it is.
 */
export class ActionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ActionError'
  }
}

/** A local file-system failure (permissions, full disk, a path in the way), said plainly. */
export function diskFailure(what: string, error: unknown): ActionError {
  const code = (error as NodeJS.ErrnoException)?.code
  const reason = code ? `${code}: ${(error as Error).message}` : String((error as Error)?.message ?? error)
  return new ActionError(
    `Could not ${what} (${reason}). Check the runner's free disk space and that input 'path' names a folder the job can write to.`
  )
}
