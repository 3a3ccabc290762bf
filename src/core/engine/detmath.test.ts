import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ln, exp, pow } from './detmath';

// ---------------------------------------------------------------- helpers (test-only)

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const u32 = new Uint32Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO_WORD = LITTLE_ENDIAN ? 0 : 1;
const HI_WORD = 1 - LO_WORD;

/** Position of a double on the number line in units of the last place (monotone, −0 = +0). */
function ordinal(x: number): bigint {
  f64[0] = x;
  const v = i64[0] as bigint;
  return v < 0n ? -(v & 0x7fffffffffffffffn) : v;
}

/** Distance in ulps between two doubles; 0 when both are NaN or equal. */
function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  if (a === b) return 0;
  return Math.abs(Number(ordinal(a) - ordinal(b)));
}

const MIN_NORMAL = 2.2250738585072014e-308;

/** Agreement rule used throughout: relative error ≤ 4e-16 for normal results, ≤ 1 ulp otherwise. */
function expectClose(actual: number, expected: number, what: string): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected) || expected === 0) {
    expect(Object.is(actual, expected) || (actual === 0 && expected === 0), `${what}: ${actual} vs ${expected}`).toBe(true);
    return;
  }
  if (Math.abs(expected) < MIN_NORMAL) {
    expect(ulpDistance(actual, expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1);
    return;
  }
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  expect(rel, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(4e-16);
}

/** Small deterministic generator for sweeps (independent of the module under test). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const a = s;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (a + s / 4294967296) / 4294967296; // [0, 1) with ~53 bits
  };
}

/** Run a sweep and return the largest ulp distance seen (and assert the agreement rule). */
function sweep(n: number, seed: number, arg: (u: () => number) => number, mine: (x: number) => number, ref: (x: number) => number): number {
  const u = lcg(seed);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const x = arg(u);
    const a = mine(x);
    const b = ref(x);
    const d = ulpDistance(a, b);
    if (d > worst) worst = d;
    if (d > 1) expectClose(a, b, `x = ${x}`); // only pay for expect() on disagreements
  }
  return worst;
}

// ---------------------------------------------------------------- ln

describe('ln', () => {
  it('handles the special values', () => {
    expect(ln(0)).toBe(-Infinity);
    expect(ln(-0)).toBe(-Infinity);
    expect(ln(-1)).toBeNaN();
    expect(ln(-Infinity)).toBeNaN();
    expect(ln(-Number.MIN_VALUE)).toBeNaN();
    expect(ln(NaN)).toBeNaN();
    expect(ln(Infinity)).toBe(Infinity);
    expect(Object.is(ln(1), 0)).toBe(true);
  });

  it('matches Math.log at notable points', () => {
    const points = [
      Number.MIN_VALUE, // smallest subnormal
      2 * Number.MIN_VALUE,
      1e-310,
      MIN_NORMAL - Number.MIN_VALUE, // largest subnormal
      MIN_NORMAL,
      Number.MAX_VALUE,
      1 + Number.EPSILON,
      1 - Number.EPSILON / 2,
      1 + 1e-10,
      1 - 1e-10,
      Math.SQRT2,
      Math.SQRT2 * (1 - Number.EPSILON),
      Math.SQRT1_2,
      Math.SQRT1_2 * (1 + Number.EPSILON),
      1.41420745849609375, // exactly at the reduction threshold
      0.5,
      2,
      Math.E,
      10,
      1e-300,
      1e300,
      123456.789,
    ];
    for (const x of points) expectClose(ln(x), Math.log(x), `ln(${x})`);
    expect(ln(2)).toBe(0.6931471805599453);
    expect(ln(0.5)).toBe(-0.6931471805599453);
  });

  it('is within 1 ulp of Math.log across the whole double range (log-uniform sweep)', () => {
    const worst = sweep(200_000, 1, (u) => 2 ** (u() * 2098 - 1074), ln, Math.log);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('is within 1 ulp of Math.log on [0.5, 2] and just around 1', () => {
    expect(sweep(200_000, 2, (u) => 0.5 + 1.5 * u(), ln, Math.log)).toBeLessThanOrEqual(1);
    expect(sweep(100_000, 3, (u) => 1 + (u() - 0.5) * 1e-6, ln, Math.log)).toBeLessThanOrEqual(1);
  });

  it('agrees with Math.log on arbitrary positive doubles (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (x) => {
        expectClose(ln(x), Math.log(x), `ln(${x})`);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with Math.log near 1 (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.25, max: 4, noNaN: true }), (x) => {
        expectClose(ln(x), Math.log(x), `ln(${x})`);
      }),
      { numRuns: 5000 },
    );
  });

  it('is monotone on neighbouring doubles', () => {
    const u = lcg(4);
    for (let i = 0; i < 20_000; i++) {
      const x = 2 ** (u() * 200 - 100);
      f64[0] = x;
      i64[0] = (i64[0] as bigint) + 1n; // the next double up
      const next = f64[0] as number;
      expect(ln(next)).toBeGreaterThanOrEqual(ln(x));
    }
  });
});

// ---------------------------------------------------------------- exp

describe('exp', () => {
  it('handles the special values', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(NaN)).toBeNaN();
    expect(exp(Infinity)).toBe(Infinity);
    expect(Object.is(exp(-Infinity), 0)).toBe(true);
    expect(exp(1e-300)).toBe(1);
    expect(exp(-1e-300)).toBe(1);
    expect(exp(1)).toBe(Math.E);
  });

  it('overflows and underflows at the right places', () => {
    const maxArg = 709.782712893384; // largest x with finite e^x
    expect(exp(maxArg)).toBe(Math.exp(maxArg));
    expect(Number.isFinite(exp(maxArg))).toBe(true);
    expect(exp(709.7827128933841)).toBe(Infinity);
    expect(exp(709.79)).toBe(Infinity);
    expect(exp(1000)).toBe(Infinity);
    expect(exp(Number.MAX_VALUE)).toBe(Infinity);
    expect(exp(-745.1332191019411)).toBe(Number.MIN_VALUE); // rounds up to the smallest subnormal
    expect(exp(-745.1332191019412)).toBe(0); // just below half of it
    expect(exp(-746)).toBe(0);
    expect(exp(-Number.MAX_VALUE)).toBe(0);
  });

  it('matches Math.exp at notable points', () => {
    const ln2 = 0.6931471805599453;
    const points = [
      0.5,
      -0.5,
      ln2 / 2,
      -ln2 / 2,
      ln2 / 2 + 1e-15,
      ln2,
      -ln2,
      10,
      -10,
      100.5,
      -100.5,
      700,
      -700,
      -708.3964185322641, // near the normal/subnormal boundary
      -708.4,
      -720,
      -740,
      -745,
      1e-10,
      -1e-10,
    ];
    for (const x of points) expectClose(exp(x), Math.exp(x), `exp(${x})`);
    for (let k = -1074; k <= 1023; k += 7) expectClose(exp(k * ln2), Math.exp(k * ln2), `exp(${k}·ln2)`);
  });

  it('is within 1 ulp of Math.exp over its whole range (sweeps)', () => {
    expect(sweep(200_000, 5, (u) => u() * 1416 - 708, exp, Math.exp)).toBeLessThanOrEqual(1);
    expect(sweep(200_000, 6, (u) => (u() - 0.5) * 2, exp, Math.exp)).toBeLessThanOrEqual(1);
    expect(sweep(50_000, 7, (u) => (u() - 0.5) * 1e-6, exp, Math.exp)).toBeLessThanOrEqual(1);
    // subnormal results: compared in ulps of the subnormal grid
    expect(sweep(100_000, 8, (u) => -708.4 - u() * 36.7, exp, Math.exp)).toBeLessThanOrEqual(1);
  });

  it('agrees with Math.exp on arbitrary arguments (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -800, max: 800, noNaN: true }), (x) => {
        expectClose(exp(x), Math.exp(x), `exp(${x})`);
      }),
      { numRuns: 5000 },
    );
  });

  it('inverts ln (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        // |ln x| ≤ 691, so one ulp of ln x is at most 2^-43 relative to x after exp
        const back = exp(ln(x));
        expect(Math.abs(back - x) / x).toBeLessThan(1e-13);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------- pow

describe('pow', () => {
  it('follows Math.pow on every special-case combination', () => {
    const xs = [0, -0, 1, -1, 2, -2, 0.5, -0.5, 3.7, -3.7, Infinity, -Infinity, NaN, Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE];
    const ys = [0, -0, 1, -1, 2, -2, 3, -3, 0.5, -0.5, 2.5, -2.5, Infinity, -Infinity, NaN, 1e300, -1e300, 2 ** 53 + 2, 2 ** 53 - 1, -(2 ** 53 - 1), 1e-300];
    for (const x of xs) {
      for (const y of ys) {
        const a = pow(x, y);
        const b = Math.pow(x, y);
        if (Number.isFinite(b) && b !== 0) expectClose(a, b, `pow(${x}, ${y})`);
        else expect(Object.is(a, b), `pow(${x}, ${y}) = ${a}, Math.pow gives ${b}`).toBe(true);
      }
    }
  });

  it('is exact for the shortcut exponents', () => {
    const u = lcg(9);
    for (let i = 0; i < 1000; i++) {
      const x = 2 ** (u() * 100 - 50);
      expect(pow(x, 1)).toBe(x);
      expect(pow(x, 2)).toBe(x * x);
      expect(pow(x, -1)).toBe(1 / x);
      expect(pow(x, 0.5)).toBe(Math.sqrt(x));
    }
  });

  it('is within 1 ulp of Math.pow for moderate and large exponents (sweeps)', () => {
    const u = lcg(10);
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = 2 ** (u() * 40 - 20);
      const y = (u() - 0.5) * 20;
      worst = Math.max(worst, ulpDistance(pow(x, y), Math.pow(x, y)));
    }
    for (let i = 0; i < 100_000; i++) {
      // |y·ln x| up to ~700: where error in ln x is amplified most
      const x = u() * 2;
      const y = (u() - 0.5) * 2000;
      const b = Math.pow(x, y);
      if (b > 1e-300 && b < 1e300) worst = Math.max(worst, ulpDistance(pow(x, y), b));
    }
    for (let i = 0; i < 100_000; i++) {
      const x = 2 ** (u() * 2000 - 1000);
      const y = (u() - 0.5) * 4;
      const a = pow(x, y);
      const b = Math.pow(x, y);
      if (b >= MIN_NORMAL) worst = Math.max(worst, ulpDistance(a, b));
      else expect(ulpDistance(a, b)).toBeLessThanOrEqual(1);
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('handles negative bases with integer exponents', () => {
    expect(pow(-2, 3)).toBe(-8);
    expect(pow(-2, 4)).toBe(16);
    expect(pow(-2, -3)).toBe(-0.125);
    expect(pow(-8, 1 / 3)).toBeNaN();
    expectClose(pow(-1.5, 7), Math.pow(-1.5, 7), 'pow(-1.5, 7)');
  });

  it('agrees with Math.pow for positive bases (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-10, max: 1e10, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        (x, y) => {
          expectClose(pow(x, y), Math.pow(x, y), `pow(${x}, ${y})`);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

// ---------------------------------------------------------------- golden values

describe('bit-for-bit stability', () => {
  // These functions define simulation results. A change here changes every replay, so it must be
  // deliberate: update the checksums only together with a note in the changelog.
  function checksum(n: number, seed: number, f: (u: () => number) => number): string {
    const u = lcg(seed);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      f64[0] = f(u);
      a = (Math.imul(a ^ (u32[LO_WORD] as number), 0x9e3779b1) + i) >>> 0;
      b = (Math.imul(b ^ (u32[HI_WORD] as number), 0x85ebca77) + i) >>> 0;
    }
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  }

  it('produces the recorded outputs', () => {
    const sums = {
      ln: checksum(10_000, 11, (u) => ln(2 ** (u() * 200 - 100))),
      exp: checksum(10_000, 12, (u) => exp(u() * 100 - 50)),
      pow: checksum(10_000, 13, (u) => pow(u() * 10, u() * 6 - 3)),
    };
    expect(sums).toEqual(GOLDEN);
  });
});

const GOLDEN = { ln: 'e4b8cd99206a0823', exp: '996485dc304d544e', pow: '63633d124f065f33' };
