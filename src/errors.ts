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
