// The environment a step of the action reads its inputs from, for unit tests of that reading:
// each starts without the inputs (INPUT_*) and the runner's and Studio's variables that the
// machine running the tests may have (a CI runner sets GITHUB_*), and sets its own.

/**
 * Removes the action's inputs and variables from process.env; the function it returns puts the
 * environment back as it was.
 * @returns {() => void}
 */
export function clearActionEnv() {
  const saved = { ...process.env }
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_') || /STUDIO|^GITHUB_/.test(key)) delete process.env[key]
  }
  return () => {
    process.env = saved
  }
}

/**
 * Sets inputs as the runner passes them: `{ 'studio-token': 't' }` becomes INPUT_STUDIO-TOKEN.
 * @param {Record<string, string>} values
 */
export function setInputs(values) {
  for (const [k, v] of Object.entries(values)) process.env[`INPUT_${k.toUpperCase()}`] = v
}
