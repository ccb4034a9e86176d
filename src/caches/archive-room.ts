import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { formatBytes } from '../common/format.js'
import { freeSpace } from '../files/disk-space.js'

/**
 * Room for the Actions cache's archive. @actions/cache packs the entry into one archive in a
 * folder of RUNNER_TEMP (else `<home>/actions/temp`) before uploading it; on a runner without
 * room for it the library fills the disk (which later post steps may need) and then fails.
 * Model weights barely compress, so the archive is taken to be as large as the files, plus
 * tar's 512-byte header and padding per file.
 */

const TAR_BLOCK = 512
/** The archive's end blocks and the zstd frame, with room to spare. */
const ARCHIVE_SLACK = 1 << 20

/** Where @actions/cache writes the archive (its createTempDirectory). */
export function archiveFolder(env: Record<string, string | undefined> = process.env): string {
  if (env.RUNNER_TEMP) return env.RUNNER_TEMP
  const base =
    process.platform === 'win32' ? env.USERPROFILE || 'C:\\' : process.platform === 'darwin' ? '/Users' : '/home'
  return path.join(base, 'actions', 'temp')
}

/** The most the archive of these files can take. */
export async function archiveBytes(folder: string, names: readonly string[]): Promise<number> {
  const sizes = await Promise.all(names.map((name) => fs.stat(path.join(folder, name)).then((stat) => stat.size)))
  return sizes.reduce((sum, size) => sum + TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK, ARCHIVE_SLACK)
}

/** Why the archive of `names` in `folder` cannot be made, or undefined when there is room (or it cannot be told). */
export async function archiveRoomProblem(
  folder: string,
  names: readonly string[],
  env: Record<string, string | undefined> = process.env
): Promise<string | undefined> {
  const where = archiveFolder(env)
  const [needed, space] = await Promise.all([archiveBytes(folder, names).catch(() => 0), freeSpace(where)])
  if (!space || needed <= space.free) return undefined
  return `its archive needs up to ${formatBytes(needed)} in ${where} and only ${formatBytes(space.free)} is free there (free space on the runner, or use a larger runner, for the model to be saved)`
}
