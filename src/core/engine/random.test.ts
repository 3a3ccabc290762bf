import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RandomStream, hashString } from './random';

// Statistical checks below use fixed seeds, so they are deterministic: they either always pass or
// always fail. The bounds are still honest ones — each is a two-sided check that a correct
// generator would fail with probability of about 0.1% or less for a random seed — so a failure
// points at a real defect, not bad luck that a reseed would hide.

/** Chi-square critical values at p = 0.001, by degrees of freedom. */
const CHI2_CRIT_001: Record<number, number> = { 2: 13.816, 5: 20.515, 6: 22.458, 9: 27.877 };

function chiSquare(counts: number[], expectedEach: number): number {
  let chi = 0;
  for (const c of counts) chi += ((c - expectedEach) * (c - expectedEach)) / expectedEach;
  return chi;
}

function draws(s: RandomStream, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(s.uint32());
  return out;
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) c++;
  return c;
}

describe('hashString', () => {
  it('is deterministic and returns four unsigned 32-bit words', () => {
    const h = hashString(42, 'service/web');
    expect(hashString(42, 'service/web')).toEqual(h);
    expect(h).toHaveLength(4);
    for (const w of h) {
      expect(Number.isInteger(w)).toBe(true);
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThan(2 ** 32);
    }
  });

  it('is never all-zero and separates keys and seeds (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.string(), fc.string(), (seed, k1, k2) => {
        const h = hashString(seed, k1);
        expect(h.some((w) => w !== 0)).toBe(true);
        if (k1 !== k2) expect(hashString(seed, k2)).not.toEqual(h);
        expect(hashString((seed + 1) >>> 0, k1)).not.toEqual(h);
      }),
      { numRuns: 2000 },
    );
  });

  it('distinguishes near-identical keys', () => {
    const keys = ['', 'a', 'b', 'a\0', '\0a', 'ab', 'ba', 'aa', 'client-1', 'client-2', 'client-10', 'client-01'];
    const seen = new Set(keys.map((k) => hashString(1, k).join(',')));
    expect(seen.size).toBe(keys.length);
  });

  it('avalanches: changing one character or the seed flips about half of the 128 bits', () => {
    // 2000 pairs: the mean number of differing bits of a good hash is 64 with a standard error
    // of sqrt(32)/sqrt(2000) ≈ 0.13, so ±1 is a generous (~8 standard errors) band.
    const s = RandomStream.forEntity(7, 'avalanche');
    let keyFlips = 0;
    let seedFlips = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const len = 1 + s.below(20);
      let key = '';
      for (let j = 0; j < len; j++) key += String.fromCharCode(32 + s.below(95));
      const pos = s.below(len);
      const other = key.slice(0, pos) + String.fromCharCode(key.charCodeAt(pos) ^ (1 << s.below(7))) + key.slice(pos + 1);
      const seed = s.uint32();
      const a = hashString(seed, key);
      const b = hashString(seed, other);
      const c = hashString(seed ^ (1 << s.below(32)), key);
      for (let w = 0; w < 4; w++) {
        keyFlips += popcount((a[w] as number) ^ (b[w] as number));
        seedFlips += popcount((a[w] as number) ^ (c[w] as number));
      }
    }
    expect(Math.abs(keyFlips / n - 64)).toBeLessThan(1);
    expect(Math.abs(seedFlips / n - 64)).toBeLessThan(1);
  });

  it('rejects seeds that are not 32-bit integers', () => {
    expect(() => hashString(1.5, 'x')).toThrow(RangeError);
    expect(() => hashString(2 ** 32, 'x')).toThrow(RangeError);
    expect(() => hashString(NaN, 'x')).toThrow(RangeError);
    expect(hashString(-1, 'x')).toEqual(hashString(0xffffffff, 'x'));
  });
});

describe('RandomStream: determinism and independence', () => {
  it('gives the same sequence for the same seed and key', () => {
    expect(draws(RandomStream.forEntity(1, 'web'), 1000)).toEqual(draws(RandomStream.forEntity(1, 'web'), 1000));
  });

  it('gives different sequences for different keys or seeds', () => {
    const base = draws(RandomStream.forEntity(1, 'web'), 8);
    expect(draws(RandomStream.forEntity(1, 'web2'), 8)).not.toEqual(base);
    expect(draws(RandomStream.forEntity(2, 'web'), 8)).not.toEqual(base);
    // and they do not share values position by position
    const other = draws(RandomStream.forEntity(1, 'db'), 1000);
    const mine = draws(RandomStream.forEntity(1, 'web'), 1000);
    expect(mine.filter((v, i) => v === other[i]).length).toBe(0);
  });

  it("is not affected by creating or drawing from other entities' streams", () => {
    const alone = draws(RandomStream.forEntity(9, 'target'), 200);
    const target = RandomStream.forEntity(9, 'target');
    const others = ['a', 'b', 'c'].map((k) => RandomStream.forEntity(9, k));
    const interleaved: number[] = [];
    for (let i = 0; i < 200; i++) {
      for (const o of others) o.next();
      interleaved.push(target.uint32());
      others[i % 3]?.fork(`x${i}`).uint32();
    }
    expect(interleaved).toEqual(alone);
  });

  it('reproduces the recorded first outputs (replay stability)', () => {
    // These values define every simulation's randomness; change them only deliberately.
    expect(draws(RandomStream.forEntity(1, 'client/web'), 4)).toEqual(GOLDEN_CLIENT_WEB);
    expect(hashString(0, '')).toEqual(GOLDEN_HASH_EMPTY);
  });
});

describe('RandomStream: fork, state and identity', () => {
  it('forks deterministically from identity, not position', () => {
    const s = RandomStream.forEntity(3, 'parent');
    const early = draws(s.fork('child'), 50);
    for (let i = 0; i < 123; i++) s.next();
    const late = draws(s.fork('child'), 50);
    expect(late).toEqual(early);
    expect(draws(s.fork('other'), 50)).not.toEqual(early);
  });

  it('does not advance the parent when forking', () => {
    const a = RandomStream.forEntity(3, 'p');
    const b = RandomStream.forEntity(3, 'p');
    a.fork('x');
    a.fork('y');
    expect(draws(a, 20)).toEqual(draws(b, 20));
  });

  it('gives a child different from the parent and from the same key at top level', () => {
    const p = RandomStream.forEntity(3, 'p');
    const child = draws(p.fork('p'), 20);
    expect(child).not.toEqual(draws(RandomStream.forEntity(3, 'p'), 20));
    expect(draws(RandomStream.forEntity(3, 'p').fork('q'), 20)).not.toEqual(draws(RandomStream.forEntity(4, 'p').fork('q'), 20));
  });

  it('restores from a snapshot of state and identity', () => {
    const s = RandomStream.forEntity(5, 'snap');
    for (let i = 0; i < 37; i++) s.next();
    const copy = new RandomStream(s.state(), s.identity());
    expect(draws(copy, 100)).toEqual(draws(s, 100));
    expect(draws(copy.fork('k'), 10)).toEqual(draws(s.fork('k'), 10));
    expect(s.state().every((w) => w >= 0 && w < 2 ** 32)).toBe(true);
  });

  it('accepts any 128-bit state, including all zero', () => {
    const z = new RandomStream([0, 0, 0, 0]);
    const out = draws(z, 64);
    expect(new Set(out).size).toBeGreaterThan(60);
    expect(() => new RandomStream([1, 2, 3])).toThrow(RangeError);
    expect(() => new RandomStream([1, 2, 3, 2 ** 32])).toThrow(RangeError);
    expect(() => new RandomStream([1, 2, 3, 0.5])).toThrow(RangeError);
  });
});

describe('RandomStream: distribution of next() and nextOpen()', () => {
  it('next() is in [0, 1) and nextOpen() in (0, 1) (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.string(), (seed, key) => {
        const s = RandomStream.forEntity(seed, key);
        for (let i = 0; i < 50; i++) {
          const u = s.next();
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThan(1);
          const v = s.nextOpen();
          expect(v).toBeGreaterThan(0);
          expect(v).toBeLessThan(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('next() and nextOpen() hit their extreme values exactly as documented', () => {
    // Force the uint32 draws by choosing a state whose next outputs we control is impractical;
    // instead check the formulas at the bit-pattern extremes directly.
    expect((2 ** 27 - 1) * 2 ** 26 + (2 ** 26 - 1)).toBe(2 ** 53 - 1);
    expect(((2 ** 53 - 1) * 2 ** -53) < 1).toBe(true);
    expect((2 ** 52 - 1 + 0.5) * 2 ** -52).toBe(1 - 2 ** -53);
    expect(0.5 * 2 ** -52).toBeGreaterThan(0);
  });

  for (const seed of [1, 2, 3]) {
    it(`is uniform: mean, variance and a 10-bin chi-square over 100k draws (seed ${seed})`, () => {
      const s = RandomStream.forEntity(seed, 'uniformity');
      const n = 100_000;
      const bins = new Array<number>(10).fill(0);
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const u = s.next();
        sum += u;
        sumSq += u * u;
        const b = Math.floor(u * 10);
        bins[b] = (bins[b] as number) + 1;
      }
      const mean = sum / n;
      const variance = sumSq / n - mean * mean;
      // standard error of the mean: sqrt(1/12 / n) ≈ 0.000913; of the variance: sqrt(1/180 / n) ≈ 0.000236
      expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
      expect(Math.abs(variance - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / n));
      expect(chiSquare(bins, n / 10)).toBeLessThan(CHI2_CRIT_001[9] as number);
    });
  }

  it('has no lag-1 correlation within a stream nor between neighbouring entities', () => {
    const n = 100_000;
    const a = RandomStream.forEntity(11, 'replica-1');
    const b = RandomStream.forEntity(11, 'replica-2');
    let prev = a.next();
    let lag = 0;
    let cross = 0;
    for (let i = 0; i < n; i++) {
      const u = a.next();
      const v = b.next();
      lag += (u - 0.5) * (prev - 0.5);
      cross += (u - 0.5) * (v - 0.5);
      prev = u;
    }
    // correlation estimate = sum / (n · 1/12); its standard error is 1/sqrt(n)
    expect(Math.abs((lag / n) * 12)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs((cross / n) * 12)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('produces every bit with probability 1/2', () => {
    const s = RandomStream.forEntity(12, 'bits');
    const n = 50_000;
    const ones = new Array<number>(32).fill(0);
    for (let i = 0; i < n; i++) {
      const x = s.uint32();
      for (let bit = 0; bit < 32; bit++) if ((x >>> bit) & 1) ones[bit] = (ones[bit] as number) + 1;
    }
    // each count ~ Binomial(n, 1/2): sd = sqrt(n)/2 ≈ 112; 4.5 sd keeps the family-wise risk < 0.03%
    for (const c of ones) expect(Math.abs(c - n / 2)).toBeLessThan(4.5 * (Math.sqrt(n) / 2));
  });
});

describe('RandomStream.below', () => {
  it('returns integers in [0, n) (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const s = RandomStream.forEntity(seed, 'below');
        for (let i = 0; i < 20; i++) {
          const k = s.below(n);
          expect(Number.isInteger(k)).toBe(true);
          expect(k).toBeGreaterThanOrEqual(0);
          expect(k).toBeLessThan(n);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is exact at the edges: below(1) is 0, below(2^32) is a plain uint32', () => {
    const a = RandomStream.forEntity(1, 'edge');
    const b = RandomStream.forEntity(1, 'edge');
    for (let i = 0; i < 100; i++) expect(a.below(1)).toBe(0);
    for (let i = 0; i < 100; i++) b.uint32();
    for (let i = 0; i < 100; i++) expect(a.below(2 ** 32)).toBe(b.uint32());
  });

  for (const n of [3, 6, 7]) {
    it(`is uniform for n = ${n} (chi-square, 100k draws)`, () => {
      const s = RandomStream.forEntity(21, `below-${n}`);
      const draws = 100_000;
      const counts = new Array<number>(n).fill(0);
      for (let i = 0; i < draws; i++) {
        const k = s.below(n);
        counts[k] = (counts[k] as number) + 1;
      }
      expect(chiSquare(counts, draws / n)).toBeLessThan(CHI2_CRIT_001[n - 1] as number);
    });
  }

  it('is unbiased for an n where plain modulo would be visibly biased', () => {
    // n = 3·2^30: 2^32 mod n = 2^30, so "uint32 % n" would make [0, 2^30) twice as likely as the rest.
    const n = 3 * 2 ** 30;
    const s = RandomStream.forEntity(22, 'bias');
    const draws = 60_000;
    let low = 0;
    for (let i = 0; i < draws; i++) if (s.below(n) < 2 ** 30) low++;
    // unbiased: P(low) = 1/3; sd of the count = sqrt(draws·(1/3)(2/3)) ≈ 115
    expect(Math.abs(low - draws / 3)).toBeLessThan(4 * Math.sqrt((draws * 2) / 9));
  });

  it('rejects impossible n', () => {
    const s = RandomStream.forEntity(1, 'bad');
    for (const n of [0, -1, 1.5, 2 ** 32 + 1, NaN, Infinity]) expect(() => s.below(n)).toThrow(RangeError);
  });
});

const GOLDEN_CLIENT_WEB = [2442178440, 4182389645, 583209927, 3436636000];
const GOLDEN_HASH_EMPTY = [4224049601, 2549474250, 2752687276, 2276190807];
