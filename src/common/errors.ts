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

/** What to do about a local file-system failure, by its errno code. */
const DISK_HINTS: Record<string, string> = {
  ENOSPC:
    "The runner's disk is full: free space before this step, or set 'cache: false' so that no second copy goes to the tool cache.",
  EDQUOT:
    "The disk quota is used up: free space before this step, or set 'cache: false' so that no second copy goes to the tool cache.",
  EACCES: "The job may not write there: choose a 'path' inside the workspace, or fix the folder's permissions.",
  EPERM: "The job may not write there: choose a 'path' inside the workspace, or fix the folder's permissions.",
  EROFS: "That file system is read-only: choose a 'path' inside the workspace.",
  ENOTDIR: "Part of that path is a file where a folder must go: remove the file, or choose another 'path'.",
  EEXIST: "Something is already in the way at that path: remove it, or choose another 'path'.",
  EISDIR: "A folder is where a file must go: remove the folder, or choose another 'path'.",
  ENAMETOOLONG: "The path is too long for the runner's file system: choose a shorter 'path'.",
  EMFILE: "The runner ran out of open files: lower 'concurrency'.",
  ENFILE: "The runner ran out of open files: lower 'concurrency'."
}

/** A local file-system failure (permissions, full disk, a path in the way), said plainly. */
export function diskFailure(what: string, error: unknown): ActionError {
  const err = error as NodeJS.ErrnoException | undefined
  const code = err?.code
  let reason = String(err?.message ?? error)
  // Node writes "ENOTDIR: not a directory, mkdir '/path'": the code once, no repeated path.
  if (err?.syscall) reason = reason.replace(new RegExp(`, ${err.syscall}\\b.*$`, 's'), '')
  if (code && !reason.startsWith(code)) reason = `${code}: ${reason}`
  const hint =
    (code && DISK_HINTS[code]) ??
    "Check the runner's free disk space and that input 'path' names a folder the job can write to."
  return new ActionError(`Could not ${what} (${reason}). ${hint}`)
}
