/**
 * 32-bit hashing for the hash-based balancers (ip-hash, consistent-hash, maglev). Integer
 * arithmetic only (Math.imul, shifts), so results are identical on every platform.
 *
 * - `fmix32` is MurmurHash3's 32-bit finaliser: a bijection on 32-bit words with full avalanche
 *   (every input bit flips each output bit with probability close to 1/2).
 * - `hashWords` is MurmurHash3_x86_32 applied to one or two 32-bit little-endian words (4 or 8
 *   input bytes) under a seed: the standard block mixing, then the length and the finaliser.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3's finaliser: a bijective 32-bit mix with full avalanche. Returns an unsigned word. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3_x86_32 of the 4-byte word `a` (little-endian) with `seed`. Unsigned result. */
export function hashWord(seed: number, a: number): number {
  return fmix32(mixBlock(seed | 0, a | 0) ^ 4);
}

/** MurmurHash3_x86_32 of the 8 bytes `a`, `b` (two little-endian words) with `seed`. Unsigned result. */
export function hashWords(seed: number, a: number, b: number): number {
  return fmix32(mixBlock(mixBlock(seed | 0, a | 0), b | 0) ^ 8);
}

/** The routing hash of an affinity key under a balancer's salt (a bijection of the key for a fixed salt). */
export function keyHash(salt: number, key: number): number {
  return fmix32((key ^ salt) >>> 0);
}
