// What the code under test prints on stdout (core.info, core.notice and the like write there).

/**
 * Starts holding stdout: everything written goes to `text` instead, until `stop()`.
 * @returns {{ readonly text: string, stop(): void }}
 */
export function holdStdout() {
  const write = process.stdout.write
  let text = ''
  process.stdout.write = /** @type {typeof process.stdout.write} */ (
    (/** @type {string | Uint8Array} */ chunk) => {
      text += String(chunk)
      return true
    }
  )
  return {
    get text() {
      return text
    },
    stop() {
      process.stdout.write = write
    }
  }
}

/**
 * Runs `work` with stdout held, and gives back what it printed; stdout is restored even when
 * `work` throws.
 * @template T
 * @param {() => T | Promise<T>} work
 * @returns {Promise<{ result: T, printed: string }>}
 */
export async function captureStdout(work) {
  const held = holdStdout()
  try {
    const result = await work()
    return { result, printed: held.text }
  } finally {
    held.stop()
  }
}
