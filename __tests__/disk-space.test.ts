// The disk, known before it is filled (files/disk-space.ts), and room for the Actions cache's
// archive (caches/archive-room.ts), on a real small file system (a 64 MiB tmpfs).
import { mkdirSync, mkdtempSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { archiveRoomProblem } from '../src/caches/archive-room.js'
import { ActionError } from '../src/common/errors.js'
import { DiskBudget, freeSpace } from '../src/files/disk-space.js'
import { mountSmallDisk, skipped } from '../test-support/small-disk.mjs'

const MiB = 1 << 20

/** What a transfer does: its folder's volume learnt first, then its size reserved when known. */
async function need(budget: DiskBudget, key: string, file: string, bytes: number): Promise<void> {
  await budget.watch(file)
  budget.need(key, file, bytes)
}

/** Runs `body` with a 64 MiB tmpfs at a fresh folder, or says why it is skipped. */
async function onSmallDisk(name: string, body: (disk: string) => Promise<void>): Promise<void> {
  const disk = join(mkdtempSync(join(tmpdir(), 'small-disk-')), 'volume')
  const mount = mountSmallDisk(disk, '64m')
  if (!mount.mounted) return skipped(name, mount.reason)
  try {
    await body(disk)
  } finally {
    mount.unmount()
  }
}

test('sizes are reserved per volume until they pass its free space; the one that passes is refused', async () => {
  await onSmallDisk('DiskBudget reserve', async (disk) => {
    const free = statfsSync(disk).bavail * statfsSync(disk).bsize
    const budget = new DiskBudget(disk, 3)
    mkdirSync(join(disk, 'models'))
    await need(budget, 'models/a.bin', join(disk, 'models', '.a.bin.partial'), 30 * MiB)
    await need(budget, 'models/b.bin', join(disk, 'models', '.b.bin.partial'), 30 * MiB)
    const third = need(budget, 'models/c.bin', join(disk, 'models', '.c.bin.partial'), free - 60 * MiB + 1)
    await expect(third).rejects.toThrow(ActionError)
    await expect(third).rejects.toThrow(
      new RegExp(
        `^Not enough disk space for the model at ${disk}\\. The model needs 64\\.0 MiB, and only 64\\.0 MiB is free on the volume mounted at ${disk}\\. The transfer stopped before writing 'models/c\\.bin' \\(4\\.0 MiB\\), and nothing of the model is left there\\. Free space on the runner .*, use a runner with a larger disk, or set input 'path' to a folder on a bigger volume\\.$`
      )
    )
    // Refused, the reservation was not kept: exactly what is left still fits.
    await need(budget, 'models/c.bin', join(disk, 'models', '.c.bin.partial'), free - 60 * MiB)
  })
})

test('a file takes whole blocks, a second size for one file replaces the first, and the message says how many sizes are known', async () => {
  await onSmallDisk('DiskBudget blocks', async (disk) => {
    const { bsize, bavail } = statfsSync(disk)
    const budget = new DiskBudget(disk, 10)
    // As many one-byte files as there are blocks fit; one more does not.
    const small = new DiskBudget(disk, bavail + 1)
    for (let i = 0; i < bavail; i++) await need(small, `f${i}`, join(disk, `f${i}`), 1)
    await expect(need(small, 'last', join(disk, 'last'), 1)).rejects.toThrow(/needs 64\.0 MiB, and only/)
    // A folder never watched is not checked.
    mkdirSync(join(disk, 'unwatched'))
    budget.need('u.bin', join(disk, 'unwatched', 'u.bin'), 1 << 40)
    // A cache hit's size, then the download's: only the second counts.
    await need(budget, 'w.bin', join(disk, 'w.bin'), bavail * bsize)
    await need(budget, 'w.bin', join(disk, 'w.bin'), 10 * MiB)
    await need(budget, 'x.bin', join(disk, 'x.bin'), bavail * bsize - 10 * MiB)
    await expect(need(budget, 'y.bin', join(disk, 'y.bin'), 1)).rejects.toThrow(
      /The model needs at least 64\.0 MiB \(the sizes of 3 of its 10 files are known so far\)/
    )
  })
})

test('files on another volume have their own budget; a folder not yet made is measured at its parent', async () => {
  await onSmallDisk('DiskBudget volumes', async (disk) => {
    const other = mkdtempSync(join(tmpdir(), 'other-volume-'))
    const budget = new DiskBudget(disk, 3)
    await need(budget, 'a', join(disk, 'a'), 60 * MiB)
    // The test's temp folder is not the tmpfs (its free space is whatever the machine has).
    if (statfsSync(other).bavail * statfsSync(other).bsize > 10 * MiB) {
      await need(budget, 'b', join(other, 'b'), 10 * MiB)
    }
    await expect(need(budget, 'c', join(disk, 'c'), 5 * MiB)).rejects.toThrow(/Not enough disk space/)
    expect((await freeSpace(join(disk, 'not', 'yet', 'made')))?.free).toBe(
      statfsSync(disk).bavail * statfsSync(disk).bsize
    )
  })
})

test("the post step's archive check: room in RUNNER_TEMP for the entry's files, else the reason", async () => {
  await onSmallDisk('archive room', async (disk) => {
    const folder = mkdtempSync(join(tmpdir(), 'entry-'))
    const names = ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210']
    writeFileSync(join(folder, names[0]), Buffer.alloc(20 * MiB))
    writeFileSync(join(folder, names[1]), Buffer.alloc(20 * MiB))
    expect(await archiveRoomProblem(folder, names, { RUNNER_TEMP: disk })).toBeUndefined()
    writeFileSync(join(disk, 'earlier-step-output'), Buffer.alloc(30 * MiB))
    expect(await archiveRoomProblem(folder, names, { RUNNER_TEMP: disk })).toMatch(
      new RegExp(
        `^its archive needs up to 41\\.0 MiB in ${disk} and only 34\\.0 MiB is free there \\(free space on the runner`
      )
    )
  })
})
