// The tests' environment: Node's, plus two kinds of tidiness.
// - Temporary folders: each test file gets its own temporary folder (TMPDIR, so os.tmpdir()
//   and mkdtemp land there); what a test creates in it is removed when the test ends, what
//   beforeAll created when the file ends. Nothing is left behind in the system's temp folder.
// - Quiet output: what tests print on stdout (the runner commands `::add-mask::`, `::debug::`
//   and the log lines of modules run in-process) is held back and shown only for a test that
//   fails (SHOW_TEST_STDOUT=1 shows it always). Jest reports on stderr, so its own output is
//   untouched.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TestEnvironment } from 'jest-environment-node'

export default class TidyEnvironment extends TestEnvironment {
  /**
   * @param {ConstructorParameters<typeof TestEnvironment>[0]} config
   * @param {ConstructorParameters<typeof TestEnvironment>[1]} context
   */
  constructor(config, context) {
    super(config, context)
    this.savedTmpdir = process.env.TMPDIR
    this.root = mkdtempSync(join(tmpdir(), 'studio-model-action-test-'))
    /** @type {Set<string>} */
    this.before = new Set()
    /** @type {string[]} stdout held back until the test's outcome is known */
    this.held = []
    /** @type {typeof process.stdout.write | undefined} */
    this.realWrite = undefined
  }

  async setup() {
    await super.setup()
    process.env.TMPDIR = this.root
    if (process.env.SHOW_TEST_STDOUT) return
    this.realWrite = process.stdout.write
    const held = this.held
    /** @type {any} */
    const holdBack = function holdBack(
      /** @type {string | Uint8Array} */ chunk,
      /** @type {any} */ encoding,
      /** @type {any} */ callback
    ) {
      held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString())
      const done = typeof encoding === 'function' ? encoding : callback
      if (typeof done === 'function') process.nextTick(done)
      return true
    }
    process.stdout.write = holdBack
  }

  /** @param {import('@jest/types').Circus.Event} event */
  async handleTestEvent(event) {
    if (event.name === 'test_start') {
      this.before = new Set(readdirSync(this.root))
    } else if (event.name === 'test_done') {
      if (event.test.errors.length > 0) this.release(event.test.name)
      else this.held.length = 0
      for (const entry of readdirSync(this.root)) {
        if (!this.before.has(entry)) rmSync(join(this.root, entry), { recursive: true, force: true })
      }
    } else if (event.name === 'hook_failure') {
      this.release(`${event.hook.type} hook`)
    }
  }

  /** Shows what was held back, for a test that failed. */
  /** @param {string} label */
  release(label) {
    if (this.held.length === 0 || !this.realWrite) return
    this.realWrite.call(process.stdout, `\n--- stdout of "${label}" (failed) ---\n${this.held.join('')}\n---\n`)
    this.held.length = 0
  }

  async teardown() {
    if (this.realWrite) process.stdout.write = this.realWrite
    if (this.savedTmpdir === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = this.savedTmpdir
    rmSync(this.root, { recursive: true, force: true })
    await super.teardown()
  }
}
