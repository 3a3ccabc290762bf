/**
 * Seeded random streams, one per entity ("common random numbers").
 *
 * Every entity that needs randomness (a client's arrivals, a service's work times, a balancer's
 * choices, ...) owns a RandomStream derived from the scenario seed and a stable key naming the
 * entity. A stream's numbers depend only on (seed, key) and on how many numbers that stream has
 * drawn, so adding, removing or reordering other entities never changes them. Comparing two
 * variants of a scenario then shows the effect of the change, not a reshuffle of luck.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128-bit state with a
 * counter, so no short cycles; passes PractRand/BigCrush), in 32-bit integer arithmetic only.
 * Keys are hashed into the 128-bit state with a four-lane multiply/rotate string hash and
 * splitmix32-style finalisation.
 */

export type StreamState = [number, number, number, number];

// ---------------------------------------------------------------- hashing

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** splitmix32-style finaliser: a bijection on 32-bit words with full avalanche. */
function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const GOLDEN = 0x9e3779b9; // 2^32 / golden ratio, the splitmix32 increment

/**
 * Absorb a string into four 32-bit lanes (each with its own multiplier and rotation, plus a
 * neighbour feed so the lanes do not evolve independently), then finalise.
 */
function absorb(h0: number, h1: number, h2: number, h3: number, key: string): StreamState {
  const n = key.length;
  for (let i = 0; i < n; i++) {
    const ch = key.charCodeAt(i);
    h0 = (Math.imul(rotl(h0 ^ ch, 13), 0x9e3779b1) + h3) | 0;
    h1 = (Math.imul(rotl(h1 ^ ch, 17), 0x85ebca77) + h0) | 0;
    h2 = (Math.imul(rotl(h2 ^ ch, 11), 0xc2b2ae3d) + h1) | 0;
    h3 = (Math.imul(rotl(h3 ^ ch, 19), 0x27d4eb2f) + h2) | 0;
  }
  // length, so "a" and "a\0" differ even if a lane happens to absorb \0 without change
  h0 ^= n;
  h1 ^= Math.imul(n, 0x2545f491);
  // two cross-lane rounds of splitmix32 steps
  for (let round = 1; round <= 2; round++) {
    const inc = Math.imul(GOLDEN, round);
    h0 = fmix((h0 + h1 + inc) | 0);
    h1 = fmix((h1 + h2 + inc) ^ h0);
    h2 = fmix((h2 + h3 + inc) ^ h1);
    h3 = fmix((h3 + h0 + inc) ^ h2);
  }
  if ((h0 | h1 | h2 | h3) === 0) h0 = GOLDEN; // never all-zero (astronomically unlikely anyway)
  return [h0 >>> 0, h1 >>> 0, h2 >>> 0, h3 >>> 0];
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < -2147483648 || seed > 4294967295) {
    throw new RangeError(`random seed must be a 32-bit integer (0 to 4294967295), got ${seed}`);
  }
}

/**
 * Mix a 32-bit integer seed and a string key into 128 bits of generator state (four unsigned
 * 32-bit words, never all zero). Deterministic and platform-independent. Negative seeds are read
 * as their unsigned 32-bit equivalent (−1 ≡ 4294967295).
 */
export function hashString(seed: number, key: string): StreamState {
  checkSeed(seed);
  const s = seed | 0;
  return absorb(fmix(s ^ 0x243f6a88), fmix(s ^ 0x85a308d3), fmix(s ^ 0x13198a2e), fmix(s ^ 0x03707344), key);
}

// ---------------------------------------------------------------- streams

const WARM_UP = 12; // outputs discarded after seeding from a hash

const TWO_M52 = 2.220446049250313e-16; // 2^-52
const TWO_M53 = 1.1102230246251565e-16; // 2^-53
const TWO_P26 = 67108864; // 2^26
const TWO_P32 = 4294967296; // 2^32

function checkState(state: readonly number[], what: string): void {
  if (state.length !== 4 || !state.every((w) => Number.isInteger(w) && w >= -2147483648 && w <= 4294967295)) {
    throw new RangeError(`${what} must be four 32-bit integers, got [${state.join(', ')}]`);
  }
}

/**
 * A deterministic stream of random numbers (sfc32).
 *
 * A stream has a position (state(), which changes with every draw) and an identity (identity(),
 * fixed at creation), from which fork() derives child streams. To snapshot a stream completely,
 * keep both: `new RandomStream(s.state(), s.identity())` continues exactly where s is and forks
 * exactly as s does.
 */
export class RandomStream {
  // The four sfc32 words live in an Int32Array: int32 values do not all fit V8's small-integer
  // representation, and plain fields holding them were ~3× slower (boxed numbers on every store).
  private readonly s = new Int32Array(4);
  private readonly id: StreamState;

  /**
   * @param state    the four generator words (e.g. from state() or hashString()).
   * @param identity what fork() derives children from; defaults to `state`.
   */
  constructor(state: readonly number[], identity: readonly number[] = state) {
    checkState(state, 'stream state');
    checkState(identity, 'stream identity');
    const s = this.s;
    s[0] = state[0] as number;
    s[1] = state[1] as number;
    s[2] = state[2] as number;
    s[3] = state[3] as number;
    this.id = [
      (identity[0] as number) >>> 0,
      (identity[1] as number) >>> 0,
      (identity[2] as number) >>> 0,
      (identity[3] as number) >>> 0,
    ];
  }

  /** The stream of the entity named `key` under scenario seed `seed`. */
  static forEntity(seed: number, key: string): RandomStream {
    return RandomStream.fromHash(hashString(seed, key));
  }

  private static fromHash(h: StreamState): RandomStream {
    const s = new RandomStream(h, h);
    for (let i = 0; i < WARM_UP; i++) s.uint32();
    return s;
  }

  /** Next 32 random bits as an unsigned integer in [0, 2^32). */
  uint32(): number {
    const s = this.s;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = rotl(c, 21) + t;
    s[3] = d + 1; // Int32Array stores wrap modulo 2^32, as sfc32 wants
    return t >>> 0;
  }

  /** Uniform in [0, 1) on the grid of multiples of 2^-53 (53 random bits, two uint32 draws). */
  next(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * TWO_P26 + lo) * TWO_M53;
  }

  /**
   * Uniform in (0, 1): the midpoints (j + 1/2)·2^-52, j in [0, 2^52) (52 random bits, two uint32
   * draws). Never 0 or 1, so ln(u) and ln(1 − u) are always finite. Symmetric: 1 − u has exactly
   * the same distribution and is computed exactly.
   */
  nextOpen(): number {
    const hi = this.uint32() >>> 6; // 26 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * TWO_P26 + lo + 0.5) * TWO_M52;
  }

  /**
   * Unbiased integer in [0, n) for an integer 1 ≤ n ≤ 2^32, by rejection: draws above the largest
   * multiple of n below 2^32 are redrawn (fewer than one redraw in two on average, in the worst
   * case; none when n is a power of two).
   */
  below(n: number): number {
    if (!(n >= 1 && n <= TWO_P32) || Math.floor(n) !== n) {
      throw new RangeError(`below(n) needs an integer n from 1 to 4294967296, got ${n}`);
    }
    const limit = TWO_P32 - (TWO_P32 % n);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return x % n;
  }

  /**
   * A child stream for `key`, derived from this stream's identity only: the same parent and key
   * always give the same child, however many numbers either has drawn. Does not advance this stream.
   */
  fork(key: string): RandomStream {
    const id = this.id;
    // lane initialisers differ from hashString's, so forks live in their own domain
    return RandomStream.fromHash(
      absorb(
        fmix(id[0] ^ 0xa4093822),
        fmix(id[1] ^ 0x299f31d0),
        fmix(id[2] ^ 0x082efa98),
        fmix(id[3] ^ 0xec4e6c89),
        key,
      ),
    );
  }

  /** Current position (unsigned words), for snapshots. */
  state(): StreamState {
    const s = this.s;
    return [(s[0] as number) >>> 0, (s[1] as number) >>> 0, (s[2] as number) >>> 0, (s[3] as number) >>> 0];
  }

  /** The identity fork() derives children from (unsigned words). */
  identity(): StreamState {
    return [this.id[0], this.id[1], this.id[2], this.id[3]];
  }
}
