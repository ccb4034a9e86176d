// The bounded tool cache (caches/tool-cache-prune.ts) on a real tool-cache folder: entries in
// the layout tool-cache.ts writes, their markers' times as the runs that used them left them.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { arch, tmpdir } from 'node:os'
import { join } from 'node:path'
import { readInputs } from '../src/action/inputs.js'
import { CACHE_TOOL_NAME, ModelCache, cacheVersion } from '../src/caches/tool-cache.js'
import {
  describePrune,
  listEntries,
  markToolCacheUse,
  pruneToolCache,
  pruneToolCacheAfterRun
} from '../src/caches/tool-cache-prune.js'
import { clearActionEnv, setInputs } from '../test-support/action-env.mjs'
import { mountSmallDisk, skipped } from '../test-support/small-disk.mjs'
import { captureStdout } from '../test-support/stdout.mjs'

const KiB = 1024
const HOUR = 3600_000
const NOW = Date.now()

/** A tool cache holding one entry per size, the first used longest ago (`ageHours`), as tool-cache.ts stores them. */
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
    utimesSync(`${entryDir(root, md5)}.complete`, when, when)
    md5s.push(md5)
  }
  return { root, md5s }
}

function entryDir(root: string, md5: string): string {
  return join(root, CACHE_TOOL_NAME, cacheVersion(md5), arch())
}

function cached(root: string, md5s: string[]): boolean[] {
  const cache = new ModelCache(true, { RUNNER_TOOL_CACHE: root })
  return md5s.map((md5) => cache.find(md5) !== undefined)
}

test('entries beyond the cap go least recently used first, until the rest fits; the version folders go with them', async () => {
  const { root, md5s } = await toolCache([
    { bytes: 300 * KiB, ageHours: 3 },
    { bytes: 100 * KiB, ageHours: 5 },
    { bytes: 200 * KiB, ageHours: 1 },
    { bytes: 100 * KiB, ageHours: 4 },
    { bytes: 100 * KiB, ageHours: 2 }
  ])
  const outcome = await pruneToolCache(root, 400 * KiB, NOW)
  // Oldest first: 5 h (100), 4 h (100), 3 h (300) leave 300 KiB <= 400 KiB.
  expect(outcome.removed.map((entry) => entry.dir)).toEqual([md5s[1], md5s[3], md5s[0]].map((m) => entryDir(root, m)))
  expect(outcome).toMatchObject({ removedBytes: 500 * KiB, keptBytes: 300 * KiB, kept: 2, locked: 0 })
  expect(cached(root, md5s)).toEqual([false, false, true, false, true])
  // Nothing of them is left: no version folder, no marker, no private name.
  expect(readdirSync(join(root, CACHE_TOOL_NAME)).sort()).toEqual([md5s[2], md5s[4]].map(cacheVersion).sort())
  expect(describePrune(outcome, 400 * KiB, 12)).toBe(
    "Tool cache: removed 3 least recently used entries (500 KiB) to stay within input 'tool-cache-max-size' (400 KiB) in 12ms; it holds 300 KiB in 2 entries."
  )
  // Within the cap: nothing goes, and nothing is said.
  const again = await pruneToolCache(root, 400 * KiB, NOW)
  expect(again.removed).toEqual([])
  expect(describePrune(again, 400 * KiB, 1)).toBeUndefined()
  // A new entry in the pruned folder's place is stored and found as before.
  const refill = join(root, 'again')
  writeFileSync(refill, Buffer.alloc(100 * KiB, 2))
  await new ModelCache(true, { RUNNER_TOOL_CACHE: root }).add(refill, md5s[1], 'copy')
  expect(cached(root, [md5s[1]])).toEqual([true])
})

test('an entry used since the run started is never removed, even when the cap cannot then hold', async () => {
  const { root, md5s } = await toolCache([
    { bytes: 100 * KiB, ageHours: 10 },
    { bytes: 500 * KiB, ageHours: 9 },
    { bytes: 100 * KiB, ageHours: 8 }
  ])
  const runStarted = NOW - HOUR
  // This run used the oldest two: a hit touches its marker (the main step, after the files are in place).
  await captureStdout(() =>
    markToolCacheUse({ cache: true, toolCacheMaxBytes: 200 * KiB }, md5s.slice(0, 2), runStarted, {
      RUNNER_TOOL_CACHE: root
    })
  )
  const outcome = await pruneToolCache(root, 200 * KiB, runStarted)
  expect(cached(root, md5s)).toEqual([true, true, false])
  expect(outcome).toMatchObject({ removedBytes: 100 * KiB, keptBytes: 600 * KiB, kept: 2 })
  expect(describePrune(outcome, 200 * KiB, 3)).toMatch(
    /removed 1 least recently used entry \(100 KiB\) .*; it holds 600 KiB in 2 entries, more than the cap: they were used since this run started\.$/
  )
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
  } finally {
    restore()
  }
})

test('what a killed pruner left is removed; an entry without its marker counts by its folder time', async () => {
  const { root, md5s } = await toolCache([
    { bytes: 100 * KiB, ageHours: 1 },
    { bytes: 100 * KiB, ageHours: 2 }
  ])
  const leftover = join(root, CACHE_TOOL_NAME, '.pruned-0123456789ab')
  mkdirSync(leftover)
  writeFileSync(join(leftover, 'content'), 'half deleted')
  // A run died between renaming an entry into place and writing its marker: it is unused.
  const orphan = join(root, CACHE_TOOL_NAME, cacheVersion('f'.repeat(32)), arch())
  mkdirSync(orphan, { recursive: true })
  writeFileSync(join(orphan, 'content'), Buffer.alloc(100 * KiB))
  const old = new Date(NOW - 5 * HOUR)
  utimesSync(orphan, old, old)
  expect((await listEntries(join(root, CACHE_TOOL_NAME))).length).toBe(3)
  const outcome = await pruneToolCache(root, 200 * KiB, NOW)
  expect(outcome.removed.map((entry) => entry.dir)).toEqual([orphan])
  expect(existsSync(leftover)).toBe(false)
  expect(cached(root, md5s)).toEqual([true, true])
})

test('an entry that cannot be moved away (on Windows: a file of it open in another job) is kept, and the next one goes', async () => {
  const { root, md5s } = await toolCache([
    { bytes: 100 * KiB, ageHours: 3 },
    { bytes: 100 * KiB, ageHours: 2 },
    { bytes: 100 * KiB, ageHours: 1 }
  ])
  // A mount point cannot be renamed (EBUSY), as a Windows folder holding an open file cannot.
  const oldest = entryDir(root, md5s[0])
  const content = readFileSync(join(oldest, 'content'))
  const mount = mountSmallDisk(oldest, '1m')
  if (!mount.mounted) return skipped('locked entry', mount.reason)
  try {
    writeFileSync(join(oldest, 'content'), content)
    const outcome = await pruneToolCache(root, 200 * KiB, NOW)
    expect(outcome.removed.map((entry) => entry.dir)).toEqual([entryDir(root, md5s[1])])
    expect(outcome).toMatchObject({ locked: 1, keptBytes: 200 * KiB, kept: 2 })
    expect(cached(root, md5s)).toEqual([true, false, true])
    expect(describePrune(outcome, 200 * KiB, 5)).toBe(
      "Tool cache: removed 1 least recently used entry (100 KiB) to stay within input 'tool-cache-max-size' (200 KiB) in 5ms; 1 entry could not be moved away (in use by another job) and was kept; it holds 200 KiB in 2 entries."
    )
  } finally {
    mount.unmount()
  }
})
