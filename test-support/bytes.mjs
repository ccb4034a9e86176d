// The one generator of test content: deterministic pseudo-random bytes (xorshift32), so a
// failing test sees the same bytes again, and distinct seeds give unrelated content (and MD5s).

/**
 * `size` bytes from `seed`; the same arguments give the same bytes.
 * @param {number} size
 * @param {number} [seed]
 * @returns {Buffer}
 */
export function testBytes(size, seed = 1) {
  const bytes = Buffer.allocUnsafe(size)
  let x = (seed * 2654435761) >>> 0 || 1
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    for (let j = 0; j < 4 && i + j < size; j++) bytes[i + j] = (x >>> (8 * j)) & 0xff
  }
  return bytes
}
