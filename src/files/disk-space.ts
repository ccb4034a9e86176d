import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { ActionError } from '../common/errors.js'
import { formatBytes } from '../common/format.js'

/**
 * The disk, known before it is filled. A model's file sizes come one by one (the first answer
 * of each download, the size of each cache hit); each is reserved on the volume where its
 * file lands, against the space that volume had free when the run first wrote to it. The
 * moment the sum passes that, the run stops before writing the file that cannot fit, rather
 * than filling the disk and failing on ENOSPC part-way through a file (or starving the
 * job's later steps of the disk).
 */

/** Free space on the volume holding `dir` (or its nearest existing parent); undefined if unknown. */
export async function freeSpace(dir: string): Promise<{ free: number; blockBytes: number } | undefined> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      const stats = await fs.statfs(at)
      return { free: stats.bavail * stats.bsize, blockBytes: stats.bsize || 4096 }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || path.dirname(at) === at) return undefined
    }
  }
}

/** The folder a volume is mounted at: the highest parent of `dir` on the same device. */
async function mountPoint(dir: string, dev: number): Promise<string> {
  let at = path.resolve(dir)
  for (;;) {
    const parent = path.dirname(at)
    if (parent === at) return at
    const stat = await fs.stat(parent).catch(() => undefined)
    if (!stat || stat.dev !== dev) return at
    at = parent
  }
}

interface Volume {
  dev: number
  /** Free when the run first saw it, before writing there. */
  free: number
  blockBytes: number
  /** What the files landing there are known to need, in whole blocks. */
  reserved: number
  /** The folder it is mounted at (named in the message). */
  mount: string
}

export class DiskBudget {
  /** Per folder files land in (a folder model has many files per folder); undefined: not checked. */
  private readonly folders = new Map<string, Volume | undefined>()
  private readonly probing = new Map<string, Promise<void>>()
  private readonly devices = new Map<number, Promise<Volume | undefined>>()
  private readonly needs = new Map<string, { volume: Volume; bytes: number }>()

  /**
   * @param destination where the model lands (named in the message)
   * @param fileCount how many files the model has (the message says how many sizes are known)
   */
  constructor(
    private readonly destination: string,
    private readonly fileCount: number
  ) {}

  /**
   * Learns the volume `file` will be written on (once per folder), before its transfer starts,
   * so that `need` can answer at once when the size arrives: a response's body is read on
   * without a pause after its head.
   */
  async watch(file: string): Promise<void> {
    const dir = path.dirname(file)
    let probe = this.probing.get(dir)
    if (!probe) {
      probe = this.volumeOf(dir).then((volume) => void this.folders.set(dir, volume))
      this.probing.set(dir, probe)
    }
    await probe
  }

  /**
   * `key`'s file, written at `file`, will take `bytes`; a later call for the same key replaces
   * this one (a cache hit that failed its check, then downloaded). Throws an ActionError,
   * leaving the budget as it was, when that passes the free space of the file's volume.
   * A folder not watched, or whose volume's free space cannot be read, is not checked (a full
   * disk then says ENOSPC).
   */
  need(key: string, file: string, bytes: number): void {
    const volume = this.folders.get(path.dirname(file))
    if (!volume) return
    // A file takes whole blocks: 3,000 files of 100 bytes take 3,000 blocks.
    const blocks = Math.ceil(bytes / volume.blockBytes) * volume.blockBytes
    const earlier = this.needs.get(key)
    const reservedElsewhere = earlier?.volume === volume ? volume.reserved - earlier.bytes : volume.reserved
    if (reservedElsewhere + blocks > volume.free) throw this.shortage(volume, key, bytes, reservedElsewhere + blocks)
    if (earlier) earlier.volume.reserved -= earlier.bytes
    volume.reserved += blocks
    this.needs.set(key, { volume, bytes: blocks })
  }

  private async volumeOf(dir: string): Promise<Volume | undefined> {
    try {
      const { dev } = await fs.stat(dir)
      let volume = this.devices.get(dev)
      if (!volume) {
        volume = probeVolume(dir, dev)
        this.devices.set(dev, volume)
      }
      return await volume
    } catch {
      return undefined
    }
  }

  private shortage(volume: Volume, key: string, bytes: number, needed: number): ActionError {
    const known = this.needs.size + (this.needs.has(key) ? 0 : 1)
    const sizes =
      known >= this.fileCount
        ? `The model needs ${formatBytes(needed)}`
        : `The model needs at least ${formatBytes(needed)} (the sizes of ${known} of its ${this.fileCount} files are known so far)`
    return new ActionError(
      `Not enough disk space for the model at ${this.destination}. ${sizes}, and only ${formatBytes(volume.free)} is free on the volume mounted at ${volume.mount}. The transfer stopped before writing '${key}' (${formatBytes(bytes)}), and nothing of the model is left there. Free space on the runner before this step (files earlier steps left, unused Docker images or tool versions), use a runner with a larger disk, or set input 'path' to a folder on a bigger volume.`
    )
  }
}

async function probeVolume(dir: string, dev: number): Promise<Volume | undefined> {
  const space = await freeSpace(dir)
  if (!space) return undefined
  return { dev, ...space, reserved: 0, mount: await mountPoint(dir, dev) }
}
