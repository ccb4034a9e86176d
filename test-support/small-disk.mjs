// A small disk for the tests of what the action does when space runs out: a tmpfs of a given
// size mounted on a folder (the tests run as root in CI and in the dev container). Where mount
// is not allowed (no root, no tmpfs, macOS) the caller skips, saying why.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'

/**
 * Mounts a tmpfs of `size` (as mount takes it: `64m`) on `dir`, made if missing.
 * @param {string} dir
 * @param {string} size
 * @returns {{ mounted: true, unmount(): void } | { mounted: false, reason: string }}
 */
export function mountSmallDisk(dir, size) {
  mkdirSync(dir, { recursive: true })
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' })
  if (mount.error || mount.status !== 0) {
    return { mounted: false, reason: (mount.error?.message ?? mount.stderr ?? '').trim() || `exit ${mount.status}` }
  }
  return {
    mounted: true,
    unmount() {
      // Lazily: a child process of a failed test may still hold a file open there.
      spawnSync('umount', ['-l', dir])
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/**
 * Says on stderr (which the tests' environment does not hold back) that a test could not run.
 * @param {string} test
 * @param {string} reason
 */
export function skipped(test, reason) {
  process.stderr.write(
    `SKIPPED "${test}": no small disk could be mounted (${reason}); run the tests as root on Linux.\n`
  )
}

/**
 * Makes `file` impossible to remove, as a file another job holds open is on Windows: it is
 * bind-mounted onto itself, so unlink answers EBUSY. Needs root, as mountSmallDisk does.
 * @param {string} file
 * @returns {{ mounted: true, release(): void } | { mounted: false, reason: string }}
 */
export function pinFile(file) {
  const mount = spawnSync('mount', ['--bind', file, file], { encoding: 'utf8' })
  if (mount.error || mount.status !== 0) {
    return { mounted: false, reason: (mount.error?.message ?? mount.stderr ?? '').trim() || `exit ${mount.status}` }
  }
  return { mounted: true, release: () => void spawnSync('umount', ['-l', file]) }
}
