// The bounded tool cache (caches/tool-cache-prune.ts) on a real tool-cache folder: entries in
// the layout tool-cache.ts writes, their times as the runs that used them left them.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { arch, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { readInputs } from '../src/action/inputs.js'
import { CACHE_TOOL_NAME, ModelCache, entryPath } from '../src/caches/tool-cache.js'
import {
  describePrune,
  listEntries,
  markToolCacheUse,
  pruneToolCache,
  pruneToolCacheAfterRun
} from '../src/caches/tool-cache-prune.js'
import { clearActionEnv, setInputs } from '../test-support/action-env.mjs'
import { pinFile, skipped } from '../test-support/small-disk.mjs'
import { captureStdout } from '../test-support/stdout.mjs'

const KiB = 1024
const HOUR = 3600_000
const NOW = Date.now()

/** A tool cache holding one entry per size, last used `ageHours` ago, as tool-cache.ts stores them. */
async function toolCache(
  entries: Array<{ bytes: number; ageHours: number }>
): Promise<{ root: string; md5s: string[] }> {
  const root = mkdtempSync(join(tmpdir(), 'tool-cache-'))
  const md5s: string[] = []
  for (const [i, { bytes, ageHours }] of entries.entries()) {
    const content = Buffer.alloc(bytes, i + 1)
    const md5 = createHash('md5').update(content).digest('hex')
    const source = join(root, `source-${i}`)
    writeFileSync(source, content)
    await new ModelCache(true, { RUNNER_TOOL_CACHE: root }).add(source, md5, 'copy')
    const when = new Date(NOW - ageHours * HOUR)
    utimesSync(entry(root, md5), when, when)
    md5s.push(md5)
  }
  return { root, md5s }
}

function entry(root: string, md5: string): string {
  return entryPath(root, md5)!
}

function cached(root: string, md5s: string[]): boolean[] {
  const cache = new ModelCache(true, { RUNNER_TOOL_CACHE: root })
  return md5s.map((md5) => cache.find(md5) !== undefined)
}

test('entries beyond the cap go least recently used first, until the rest fits', async () => {
  const { root, md5s } = await toolCache([
    { bytes: 300 * KiB, ageHours: 3 },
    { bytes: 100 * KiB, ageHours: 5 },
    { bytes: 200 * KiB, ageHours: 1 },
    { bytes: 100 * KiB, ageHours: 4 },
    { bytes: 100 * KiB, ageHours: 2 }
  ])
  const outcome = await pruneToolCache(root, 400 * KiB, NOW)
  // Oldest first: 5 h (100), 4 h (100), 3 h (300) leave 300 KiB <= 400 KiB.
  expect(outcome.removed.map((e) => e.file)).toEqual([md5s[1], md5s[3], md5s[0]].map((m) => entry(root, m)))
  expect(outcome).toMatchObject({ removedBytes: 500 * KiB, keptBytes: 300 * KiB, kept: 2, locked: 0 })
  expect(cached(root, md5s)).toEqual([false, false, true, false, true])
  expect(describePrune(outcome, 400 * KiB, 12)).toBe(
    "Tool cache: removed 3 least recently used entries (500 KiB) to stay within input 'tool-cache-max-size' (400 KiB) in 12ms; it holds 300 KiB in 2 entries."
  )
  // Within the cap: nothing goes, and the line says what the check found and took.
  const again = await pruneToolCache(root, 400 * KiB, NOW)
  expect(again.removed).toEqual([])
  expect(describePrune(again, 400 * KiB, 1)).toBe(
    "Tool cache: 300 KiB in 2 entries, within input 'tool-cache-max-size' (400 KiB); checked in 1ms."
  )
  // Nothing of the action's in the tool cache (a hosted runner): nothing to say.
  expect(describePrune(await pruneToolCache(mkdtempSync(join(tmpdir(), 'empty-')), 1, NOW), 1, 0)).toBeUndefined()
  // A new entry in a pruned one's place is stored and found as before.
  const refill = join(root, 'again')
  writeFileSync(refill, Buffer.alloc(100 * KiB, 2))
  await new ModelCache(true, { RUNNER_TOOL_CACHE: root }).add(refill, md5s[1], 'link')
  expect(cached(root, [md5s[1]])).toEqual([true])
})

test('a hit marks its entry used (its access time, not its modification time): it is never removed in that run', async () => {
  const { root, md5s } = await toolCache([
    { bytes: 100 * KiB, ageHours: 10 },
    { bytes: 500 * KiB, ageHours: 9 },
    { bytes: 100 * KiB, ageHours: 8 }
  ])
  const runStarted = NOW - HOUR
  const mtimeBefore = statSync(entry(root, md5s[0])).mtimeMs
  await captureStdout(() =>
    markToolCacheUse({ cache: true, toolCacheMaxBytes: 200 * KiB }, md5s.slice(0, 2), runStarted, {
      RUNNER_TOOL_CACHE: root
    })
  )
  // The same inode may still be a workspace file on this runner: its modification time stays
  // (to the microsecond: utimes takes a double of seconds).
  expect(Math.abs(statSync(entry(root, md5s[0])).mtimeMs - mtimeBefore)).toBeLessThan(0.001)
  expect(statSync(entry(root, md5s[0])).atimeMs).toBeGreaterThanOrEqual(runStarted)
  const outcome = await pruneToolCache(root, 200 * KiB, runStarted)
  expect(cached(root, md5s)).toEqual([true, true, false])
  expect(outcome).toMatchObject({ removedBytes: 100 * KiB, keptBytes: 600 * KiB, kept: 2 })
  expect(describePrune(outcome, 200 * KiB, 3)).toMatch(
    /removed 1 least recently used entry \(100 KiB\) .*; it holds 600 KiB in 2 entries, more than the cap: they were used since this run started\.$/
  )
})

test('an entry made in this run counts as used in it (its files were written since it started)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tool-cache-'))
  const runStarted = Date.now() - 2000
  const source = join(root, 'new.bin')
  writeFileSync(source, Buffer.alloc(300 * KiB, 9))
  const md5 = createHash('md5')
    .update(Buffer.alloc(300 * KiB, 9))
    .digest('hex')
  await new ModelCache(true, { RUNNER_TOOL_CACHE: root }).add(source, md5, 'link')
  const outcome = await pruneToolCache(root, 100 * KiB, runStarted)
  expect(outcome.removed).toEqual([])
  expect(cached(root, [md5])).toEqual([true])
})

test("the post step prunes as the main step asked; '0' is no limit; the input reads like actions-cache-max-size", async () => {
  const restore = clearActionEnv()
  try {
    setInputs({ name: 'm', repo: 'acme/models' })
    expect(readInputs('t').toolCacheMaxBytes).toBe(20 * 1024 ** 3)
    setInputs({ 'tool-cache-max-size': '0' })
    expect(readInputs('t').toolCacheMaxBytes).toBe(0)
    setInputs({ 'tool-cache-max-size': '750MB' })
    expect(readInputs('t').toolCacheMaxBytes).toBe(750 * 1024 ** 2)
    setInputs({ 'tool-cache-max-size': 'all of it' })
    expect(() => readInputs('t')).toThrow("Input 'tool-cache-max-size' must be a size such as 5GB")

    const { root, md5s } = await toolCache([
      { bytes: 100 * KiB, ageHours: 3 },
      { bytes: 100 * KiB, ageHours: 2 }
    ])
    const post = (maxBytes: number) => {
      process.env['STATE_tool-cache-max-bytes'] = String(maxBytes)
      process.env['STATE_tool-cache-used-since'] = String(NOW - 60_000)
      return captureStdout(() => pruneToolCacheAfterRun({ RUNNER_TOOL_CACHE: root }))
    }
    expect((await post(0)).printed).toBe('')
    expect(cached(root, md5s)).toEqual([true, true])
    const { printed } = await post(150 * KiB)
    expect(printed).toMatch(
      /^Tool cache: removed 1 least recently used entry \(100 KiB\) to stay within input 'tool-cache-max-size' \(150 KiB\) in \d+ms; it holds 100 KiB in 1 entry\.\n$/
    )
    expect(cached(root, md5s)).toEqual([false, true])
    expect((await post(150 * KiB)).printed).toMatch(
      /^Tool cache: 100 KiB in 1 entry, within input 'tool-cache-max-size' \(150 KiB\); checked in \d+ms\.\n$/
    )
  } finally {
    restore()
  }
})

test('what a killed post step or an earlier layout left is removed and not counted; a copy being made is left alone', async () => {
  const { root, md5s } = await toolCache([
    { bytes: 100 * KiB, ageHours: 1 },
    { bytes: 100 * KiB, ageHours: 2 }
  ])
  const folder = dirname(entry(root, md5s[0]))
  // A private copy a killed post step abandoned hours ago, and one a live post step is writing.
  const abandoned = join(folder, `.${'e'.repeat(30)}.0badf00d.partial`)
  const inProgress = join(folder, `.${'d'.repeat(30)}.0badf00e.partial`)
  writeFileSync(abandoned, Buffer.alloc(50 * KiB))
  writeFileSync(inProgress, Buffer.alloc(50 * KiB))
  const old = new Date(NOW - 5 * HOUR)
  utimesSync(abandoned, old, old)
  // The layout before this one (tool-cache's folders and marker), and its pruner's leftover.
  const earlier = join(root, CACHE_TOOL_NAME, `0.0.0-md5-${'f'.repeat(32)}`)
  mkdirSync(join(earlier, arch()), { recursive: true })
  writeFileSync(join(earlier, arch(), 'content'), Buffer.alloc(100 * KiB))
  writeFileSync(join(earlier, `${arch()}.complete`), '')
  mkdirSync(join(root, CACHE_TOOL_NAME, '.pruned-0123456789ab'))
  // Names that are not entries are neither counted nor touched.
  writeFileSync(join(folder, 'README'), 'mine')
  expect(listEntries(root).length).toBe(2)
  const outcome = await pruneToolCache(root, 200 * KiB, NOW)
  expect(outcome).toMatchObject({ removed: [], kept: 2, keptBytes: 200 * KiB })
  expect(readdirSync(join(root, CACHE_TOOL_NAME))).toEqual(['md5'])
  expect(existsSync(abandoned)).toBe(false)
  expect(existsSync(inProgress)).toBe(true)
  expect(existsSync(join(folder, 'README'))).toBe(true)
  expect(cached(root, md5s)).toEqual([true, true])
})

test('two jobs pruning at once remove the same least recently used entries, and each counts them gone', async () => {
  const { root, md5s } = await toolCache([
    { bytes: 100 * KiB, ageHours: 4 },
    { bytes: 100 * KiB, ageHours: 3 },
    { bytes: 100 * KiB, ageHours: 2 },
    { bytes: 100 * KiB, ageHours: 1 }
  ])
  const [a, b] = await Promise.all([pruneToolCache(root, 200 * KiB, NOW), pruneToolCache(root, 200 * KiB, NOW)])
  expect(cached(root, md5s)).toEqual([false, false, true, true])
  for (const outcome of [a, b]) expect(outcome).toMatchObject({ keptBytes: 200 * KiB, kept: 2, locked: 0 })
  // Each entry was removed once, by one of them.
  expect([...a.removed, ...b.removed].map((e) => e.file).sort()).toEqual(
    [md5s[0], md5s[1]].map((m) => entry(root, m)).sort()
  )
})

test('an entry that cannot be removed (on Windows: open in another job) is kept, and the next one goes', async () => {
  const { root, md5s } = await toolCache([
    { bytes: 100 * KiB, ageHours: 3 },
    { bytes: 100 * KiB, ageHours: 2 },
    { bytes: 100 * KiB, ageHours: 1 }
  ])
  const pinned = pinFile(entry(root, md5s[0]))
  if (!pinned.mounted) return skipped('locked entry', pinned.reason)
  try {
    const outcome = await pruneToolCache(root, 200 * KiB, NOW)
    expect(outcome.removed.map((e) => e.file)).toEqual([entry(root, md5s[1])])
    expect(outcome).toMatchObject({ locked: 1, keptBytes: 200 * KiB, kept: 2 })
    expect(cached(root, md5s)).toEqual([true, false, true])
    expect(describePrune(outcome, 200 * KiB, 5)).toBe(
      "Tool cache: removed 1 least recently used entry (100 KiB) to stay within input 'tool-cache-max-size' (200 KiB) in 5ms; 1 entry could not be removed (in use by another job) and was kept; it holds 200 KiB in 2 entries."
    )
  } finally {
    pinned.release()
  }
})
