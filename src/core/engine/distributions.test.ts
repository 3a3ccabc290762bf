import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeSampler, distributionMean, describeDistribution, type DistributionSpec } from './distributions';
import { RandomStream } from './random';

// Moment checks draw 200k values with a fixed seed and accept the sample mean (and variance) if it
// lies within 4.5 standard errors of the analytic value. With fixed seeds the outcome is
// deterministic; the band is an honest statistical one (a correct sampler fails it with
// probability < 1e-5 for a random seed), so a failure means a real discrepancy.

const N = 200_000;
const Z = 4.5;

interface Moments {
  mean: number;
  variance: number;
  /** standard error of the sample variance, from the sample's 4th central moment */
  varianceSe: number;
  min: number;
  max: number;
  values: Float64Array;
}

function drawMany(spec: DistributionSpec, seed: number, n = N): Moments {
  const sampler = makeSampler(spec);
  const r = RandomStream.forEntity(seed, `test/${spec.type}`);
  const values = new Float64Array(n);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = sampler.sample(r);
    values[i] = x;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= n;
  m4 /= n;
  return { mean, variance: (m2 * n) / (n - 1), varianceSe: Math.sqrt(Math.max(m4 - m2 * m2, 0) / n), min, max, values };
}

/**
 * Check sample mean and variance against analytic values. The standard error of the sample
 * variance is sqrt((μ4 − σ⁴)/n); pass the analytic 4th central moment μ4 for heavy-tailed
 * distributions, whose sample 4th moment is itself unreliable (it usually underestimates, which
 * would make the band too narrow). Without it the sample's own 4th moment is used.
 */
function expectMoments(m: Moments, mean: number, variance: number, mu4?: number): void {
  const meanSe = Math.sqrt(variance / N);
  const varianceSe = mu4 === undefined ? m.varianceSe : Math.sqrt((mu4 - variance * variance) / N);
  expect(Math.abs(m.mean - mean), `mean ${m.mean} vs ${mean} (se ${meanSe})`).toBeLessThanOrEqual(Z * meanSe + 1e-12 * Math.abs(mean));
  expect(Math.abs(m.variance - variance), `variance ${m.variance} vs ${variance} (se ${varianceSe})`).toBeLessThanOrEqual(
    Z * varianceSe + 1e-12 * variance,
  );
}

/** 4th central moment from raw moments E[X], E[X²], E[X³], E[X⁴]. */
function centralFourth(r1: number, r2: number, r3: number, r4: number): number {
  return r4 - 4 * r1 * r3 + 6 * r1 * r1 * r2 - 3 * r1 ** 4;
}

/** Kolmogorov–Smirnov statistic √n·D against a CDF; the 0.1% critical value is 1.95. */
function ksStatistic(values: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return Math.sqrt(n) * d;
}
const KS_CRIT_001 = 1.95;

// Independent textbook formulas (test-only, so Math.* is fine here).
function paretoRawMoment(k: number, alpha: number, lo: number, hi: number): number {
  const rho = Math.pow(lo / hi, alpha);
  if (Math.abs(alpha - k) < 1e-12) return (alpha * Math.pow(lo, alpha) * Math.log(hi / lo)) / (1 - rho);
  return ((alpha * Math.pow(lo, k)) / (alpha - k)) * ((1 - Math.pow(lo / hi, alpha - k)) / (1 - rho));
}

/** Mean and variance of clamp(X, a, b) for X ~ N(mu, sd²), by Simpson integration (test-only). */
function clampedNormalMoments(mu: number, sd: number, a: number, b: number): { mean: number; variance: number } {
  const pdf = (x: number) => Math.exp(-0.5 * ((x - mu) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
  const lo = Math.max(a, mu - 12 * sd);
  const hi = Math.min(b, mu + 12 * sd);
  const steps = 20_000;
  const h = (hi - lo) / steps;
  let p = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i <= steps; i++) {
    const x = lo + i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    const f = pdf(x) * w;
    p += f;
    m1 += f * x;
    m2 += f * x * x;
  }
  p *= h / 3;
  m1 *= h / 3;
  m2 *= h / 3;
  // the mass outside [lo, hi] sits on the bounds (a and b; beyond ±12 sd it is negligible)
  const below = a > mu - 12 * sd ? cdfByIntegral(pdf, mu - 12 * sd, a) : 0;
  const above = Math.max(0, 1 - p - below);
  const mean = m1 + below * a + (b < Infinity ? above * b : 0);
  const second = m2 + below * a * a + (b < Infinity ? above * b * b : 0);
  return { mean, variance: second - mean * mean };
}
function cdfByIntegral(pdf: (x: number) => number, from: number, to: number): number {
  const steps = 20_000;
  const h = (to - from) / steps;
  let s = 0;
  for (let i = 0; i <= steps; i++) s += pdf(from + i * h) * (i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2);
  return (s * h) / 3;
}

// ---------------------------------------------------------------- moments and shape

describe('constant', () => {
  it('always returns the value and consumes nothing', () => {
    const s = makeSampler({ type: 'constant', value: 2.5 });
    const r = RandomStream.forEntity(1, 'c');
    const before = r.state();
    for (let i = 0; i < 10; i++) expect(s.sample(r)).toBe(2.5);
    expect(r.state()).toEqual(before);
    expect(s.mean).toBe(2.5);
  });
});

describe('uniform', () => {
  it('has the right mean, variance and shape, within [min, max)', () => {
    const spec: DistributionSpec = { type: 'uniform', min: 2, max: 5 };
    const m = drawMany(spec, 1);
    expectMoments(m, 3.5, 9 / 12);
    expect(m.min).toBeGreaterThanOrEqual(2);
    expect(m.max).toBeLessThan(5);
    expect(ksStatistic(m.values, (x) => (x - 2) / 3)).toBeLessThan(KS_CRIT_001);
    expect(distributionMean(spec)).toBe(3.5);
  });

  it('with min = max is constant', () => {
    const s = makeSampler({ type: 'uniform', min: 4, max: 4 });
    expect(s.sample(RandomStream.forEntity(1, 'u'))).toBe(4);
  });
});

describe('exponential', () => {
  it('has the right mean, variance and shape, always > 0', () => {
    const spec: DistributionSpec = { type: 'exponential', mean: 0.05 };
    const m = drawMany(spec, 2);
    expectMoments(m, 0.05, 0.0025);
    expect(m.min).toBeGreaterThan(0);
    expect(ksStatistic(m.values, (x) => 1 - Math.exp(-x / 0.05))).toBeLessThan(KS_CRIT_001);
  });
});

describe('normal', () => {
  it('unclamped: right mean, variance and symmetric tails', () => {
    const spec: DistributionSpec = { type: 'normal', mean: 10, sd: 3 };
    const m = drawMany(spec, 3);
    expectMoments(m, 10, 9);
    // P(|X − μ| > 2σ) = 0.0455003; binomial sd over 200k ≈ 0.00047
    let outside = 0;
    let above = 0;
    for (const x of m.values) {
      if (Math.abs(x - 10) > 6) outside++;
      if (x > 10) above++;
    }
    expect(Math.abs(outside / N - 0.0455003)).toBeLessThan(Z * Math.sqrt((0.0455 * 0.9545) / N));
    expect(Math.abs(above / N - 0.5)).toBeLessThan(Z * Math.sqrt(0.25 / N));
  });

  it('clamped below at 0: stays in bounds, mean and variance of the clamped variable', () => {
    const spec: DistributionSpec = { type: 'normal', mean: 1, sd: 1, min: 0 };
    const m = drawMany(spec, 4);
    expect(m.min).toBe(0);
    const ref = clampedNormalMoments(1, 1, 0, Infinity);
    expect(distributionMean(spec)).toBeCloseTo(1.0833154705876864, 14);
    expect(ref.mean).toBeCloseTo(1.0833154705876864, 8);
    expectMoments(m, distributionMean(spec), ref.variance);
  });

  it('clamped on both sides: stays in [min, max] with the analytic mean', () => {
    const spec: DistributionSpec = { type: 'normal', mean: 0.1, sd: 0.05, min: 0, max: 0.12 };
    const m = drawMany(spec, 5);
    expect(m.min).toBeGreaterThanOrEqual(0);
    expect(m.max).toBeLessThanOrEqual(0.12);
    expect(distributionMean(spec)).toBeCloseTo(0.08890259328346883, 14);
    expectMoments(m, distributionMean(spec), clampedNormalMoments(0.1, 0.05, 0, 0.12).variance);
  });

  it('computes clamped means in closed form, matching high-precision references', () => {
    const cases: [DistributionSpec, number][] = [
      [{ type: 'normal', mean: 10, sd: 10, min: 0 }, 10.833154705876863],
      [{ type: 'normal', mean: 5, sd: 2, max: 4 }, 3.604406885197388],
      [{ type: 'normal', mean: 0, sd: 1, min: 3, max: 5 }, 3.0003821008553926],
      [{ type: 'normal', mean: 0, sd: 1, min: -40, max: -39 }, -39],
      [{ type: 'normal', mean: 100, sd: 1, min: 0 }, 100],
      [{ type: 'normal', mean: 7, sd: 0, min: 8 }, 8],
      [{ type: 'normal', mean: 7, sd: 3, min: 2, max: 2 }, 2],
      [{ type: 'normal', mean: 0, sd: 1e-310, min: 1e10 }, 1e10],
      [{ type: 'normal', mean: 0, sd: 1e-310, max: -1e10 }, -1e10],
    ];
    for (const [spec, expected] of cases) {
      const got = distributionMean(spec);
      expect(Math.abs(got - expected), `${describeDistribution(spec)}: ${got} vs ${expected}`).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
    }
    expect(Math.abs(distributionMean({ type: 'normal', mean: 0, sd: 1, min: -1, max: 1 }))).toBeLessThan(1e-15);
  });
});

describe('lognormal', () => {
  it('has the requested mean and sd (of the variable itself)', () => {
    const spec: DistributionSpec = { type: 'lognormal', mean: 2, sd: 1 };
    const m = drawMany(spec, 6);
    // raw moments E[X^k] = exp(kμ + k²s²/2) with s² = ln(1 + cv²), μ = ln(mean) − s²/2
    const s2 = Math.log(1.25);
    const mu = Math.log(2) - s2 / 2;
    const raw = (k: number) => Math.exp(k * mu + (k * k * s2) / 2);
    expectMoments(m, 2, 1, centralFourth(raw(1), raw(2), raw(3), raw(4)));
    expect(m.min).toBeGreaterThan(0);
    // median = mean / sqrt(1 + cv²) = 2/sqrt(1.25)
    let belowMedian = 0;
    for (const x of m.values) if (x < 2 / Math.sqrt(1.25)) belowMedian++;
    expect(Math.abs(belowMedian / N - 0.5)).toBeLessThan(Z * Math.sqrt(0.25 / N));
  });

  it('handles a high coefficient of variation and sd = 0', () => {
    const m = drawMany({ type: 'lognormal', mean: 1, sd: 1.5 }, 7);
    // heavy right tail: the variance estimate is noisy, so check only the mean (SE from sd)
    expect(Math.abs(m.mean - 1)).toBeLessThan(Z * Math.sqrt(2.25 / N));
    const s = makeSampler({ type: 'lognormal', mean: 3, sd: 0 });
    const x = s.sample(RandomStream.forEntity(1, 'l'));
    expect(Math.abs(x - 3)).toBeLessThanOrEqual(3 * Number.EPSILON * 3);
  });
});

describe('bounded Pareto', () => {
  const cases: [number, number, number][] = [
    [1.5, 1, 1000],
    [1, 1, 1000],
    [0.5, 2, 50],
    [2.5, 0.01, 100],
  ];
  for (const [alpha, lo, hi] of cases) {
    it(`alpha ${alpha} on [${lo}, ${hi}]: stays within bounds, right mean, variance and shape`, () => {
      const spec: DistributionSpec = { type: 'bounded-pareto', alpha, min: lo, max: hi };
      const m = drawMany(spec, 20 + cases.findIndex((c) => c[0] === alpha));
      expect(m.min).toBeGreaterThanOrEqual(lo);
      expect(m.max).toBeLessThanOrEqual(hi);
      const mean = paretoRawMoment(1, alpha, lo, hi);
      const variance = paretoRawMoment(2, alpha, lo, hi) - mean * mean;
      expect(distributionMean(spec)).toBeCloseTo(mean, 10);
      const raw = (k: number) => paretoRawMoment(k, alpha, lo, hi);
      expectMoments(m, mean, variance, centralFourth(raw(1), raw(2), raw(3), raw(4)));
      const rho = Math.pow(lo / hi, alpha);
      expect(ksStatistic(m.values, (x) => (1 - Math.pow(lo / x, alpha)) / (1 - rho))).toBeLessThan(KS_CRIT_001);
    });
  }

  it('means match high-precision references, also where the textbook formula cancels', () => {
    expect(distributionMean({ type: 'bounded-pareto', alpha: 1.5, min: 1, max: 1000 })).toBeCloseTo(2.905223541429977, 13);
    expect(distributionMean({ type: 'bounded-pareto', alpha: 1, min: 1, max: 1000 })).toBeCloseTo(6.914669948931068, 13);
    expect(distributionMean({ type: 'bounded-pareto', alpha: 0.5, min: 2, max: 50 })).toBeCloseTo(10, 13);
    expect(distributionMean({ type: 'bounded-pareto', alpha: 1.2, min: 1, max: 1e6 })).toBeCloseTo(5.621425947999883, 12);
    // continuity through alpha = 1 and for a nearly degenerate range
    const at1 = distributionMean({ type: 'bounded-pareto', alpha: 1, min: 1, max: 1000 });
    expect(Math.abs(distributionMean({ type: 'bounded-pareto', alpha: 1 + 1e-12, min: 1, max: 1000 }) - at1)).toBeLessThan(1e-9);
    expect(Math.abs(distributionMean({ type: 'bounded-pareto', alpha: 1 - 1e-12, min: 1, max: 1000 }) - at1)).toBeLessThan(1e-9);
    const narrow = distributionMean({ type: 'bounded-pareto', alpha: 2, min: 5, max: 5 * (1 + 1e-9) });
    expect(Math.abs(narrow - 5 * (1 + 0.5e-9))).toBeLessThan(1e-14);
    // extreme range with a light tail parameter: finite and inside the bounds
    const wide = distributionMean({ type: 'bounded-pareto', alpha: 0.1, min: 1e-300, max: 1e300 });
    expect(Number.isFinite(wide)).toBe(true);
    expect(wide).toBeGreaterThan(0);
    expect(wide).toBeLessThan(1e300);
  });

  it('stays within [min, max] for arbitrary valid parameters (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 10, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-9, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (alpha, lo, spread, seed) => {
          const hi = lo * (1 + spread);
          fc.pre(hi > lo);
          const s = makeSampler({ type: 'bounded-pareto', alpha, min: lo, max: hi });
          const r = RandomStream.forEntity(seed, 'pareto-prop');
          for (let i = 0; i < 50; i++) {
            const x = s.sample(r);
            expect(x).toBeGreaterThanOrEqual(lo);
            expect(x).toBeLessThanOrEqual(hi);
          }
          expect(s.mean).toBeGreaterThanOrEqual(lo);
          expect(s.mean).toBeLessThanOrEqual(hi);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('empirical', () => {
  const samples = [5, 1, 3, 3, 10, 2];

  it('returns only the given samples, each equally often', () => {
    const spec: DistributionSpec = { type: 'empirical', samples };
    const m = drawMany(spec, 9);
    const counts = new Map<number, number>();
    for (const x of m.values) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 10]);
    // 3 appears twice in the list, so it is drawn twice as often
    const p = (v: number) => samples.filter((s) => s === v).length / samples.length;
    for (const [v, c] of counts) expect(Math.abs(c / N - p(v))).toBeLessThan(Z * Math.sqrt((p(v) * (1 - p(v))) / N));
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length;
    expect(distributionMean(spec)).toBeCloseTo(mean, 14);
    expectMoments(m, mean, variance);
  });

  it('interpolates the inverse CDF between sorted samples', () => {
    const spec: DistributionSpec = { type: 'empirical', samples, interpolate: true };
    const m = drawMany(spec, 10);
    expect(m.min).toBeGreaterThanOrEqual(1);
    expect(m.max).toBeLessThanOrEqual(10);
    // sorted 1 2 3 3 5 10: five segments of probability 1/5, uniform on each
    const sorted = [...samples].sort((a, b) => a - b);
    let mean = 0;
    let second = 0;
    for (let i = 0; i < sorted.length - 1; i++) {
      const a = sorted[i] as number;
      const b = sorted[i + 1] as number;
      mean += (a + b) / 2 / 5;
      second += (a * a + a * b + b * b) / 3 / 5;
    }
    expect(distributionMean(spec)).toBeCloseTo(mean, 14);
    expectMoments(m, mean, second - mean * mean);
    // values strictly between samples do occur
    expect(m.values.some((x) => x > 5 && x < 10)).toBe(true);
    // the CDF is piecewise linear: P(X ≤ 5) = 4/5
    let le5 = 0;
    for (const x of m.values) if (x <= 5) le5++;
    expect(Math.abs(le5 / N - 0.8)).toBeLessThan(Z * Math.sqrt(0.16 / N));
  });

  it('handles a single sample, with or without interpolation', () => {
    for (const interpolate of [false, true]) {
      const s = makeSampler({ type: 'empirical', samples: [7], interpolate });
      const r = RandomStream.forEntity(1, 'one');
      for (let i = 0; i < 10; i++) expect(s.sample(r)).toBe(7);
      expect(s.mean).toBe(7);
    }
  });

  it('is not affected by later changes to the caller’s array', () => {
    const arr = [1, 2, 3];
    const s = makeSampler({ type: 'empirical', samples: arr });
    arr[0] = 100;
    arr.push(1000);
    const r = RandomStream.forEntity(1, 'copy');
    for (let i = 0; i < 100; i++) expect([1, 2, 3]).toContain(s.sample(r));
    expect(s.spec).toEqual({ type: 'empirical', samples: [1, 2, 3] });
  });
});

// ---------------------------------------------------------------- general properties

describe('samplers in general', () => {
  const specs: DistributionSpec[] = [
    { type: 'constant', value: 1 },
    { type: 'uniform', min: 0, max: 1 },
    { type: 'exponential', mean: 1 },
    { type: 'normal', mean: 1, sd: 0.5, min: 0 },
    { type: 'lognormal', mean: 1, sd: 0.5 },
    { type: 'bounded-pareto', alpha: 1.2, min: 1, max: 100 },
    { type: 'empirical', samples: [1, 2, 4] },
    { type: 'empirical', samples: [1, 2, 4], interpolate: true },
  ];

  it('are deterministic: the same stream gives the same draws', () => {
    for (const spec of specs) {
      const a = makeSampler(spec);
      const b = makeSampler(spec);
      const ra = RandomStream.forEntity(3, 'det');
      const rb = RandomStream.forEntity(3, 'det');
      for (let i = 0; i < 100; i++) expect(a.sample(ra)).toBe(b.sample(rb));
    }
  });

  it('reproduce the recorded draws (replay stability)', () => {
    // These values are part of every simulation's results; change them only deliberately.
    const got = specs.map((spec) => {
      const s = makeSampler(spec);
      const r = RandomStream.forEntity(1, 'golden');
      return [s.sample(r), s.sample(r), s.sample(r)];
    });
    expect(got).toEqual(GOLDEN_DRAWS);
  });

  it('inverse-CDF samplers are non-decreasing in the uniform they consume', () => {
    // Two streams in lock-step: whichever gets the larger uniform must get the larger value.
    const monotone: DistributionSpec[] = [
      { type: 'uniform', min: 0, max: 1 },
      { type: 'exponential', mean: 1 },
      { type: 'bounded-pareto', alpha: 1.2, min: 1, max: 100 },
      { type: 'empirical', samples: [4, 1, 2] },
      { type: 'empirical', samples: [4, 1, 2], interpolate: true },
    ];
    for (const spec of monotone) {
      const s = makeSampler(spec);
      for (let k = 0; k < 200; k++) {
        const r1 = RandomStream.forEntity(k, 'mono-a');
        const r2 = RandomStream.forEntity(k, 'mono-b');
        const u1 = new RandomStream(r1.state()).next();
        const u2 = new RandomStream(r2.state()).next();
        const x1 = s.sample(r1);
        const x2 = s.sample(r2);
        if (spec.type === 'exponential') continue; // consumes nextOpen, checked below
        if (u1 < u2) expect(x1).toBeLessThanOrEqual(x2);
        if (u1 > u2) expect(x1).toBeGreaterThanOrEqual(x2);
      }
    }
    const e = makeSampler({ type: 'exponential', mean: 1 });
    for (let k = 0; k < 200; k++) {
      const r1 = RandomStream.forEntity(k, 'mono-a');
      const r2 = RandomStream.forEntity(k, 'mono-b');
      const u1 = new RandomStream(r1.state()).nextOpen();
      const u2 = new RandomStream(r2.state()).nextOpen();
      if (u1 < u2) expect(e.sample(r1)).toBeLessThanOrEqual(e.sample(r2));
    }
  });

  it('produce finite values in the support for random valid parameters (property)', () => {
    const spec = fc.oneof(
      fc.record({ type: fc.constant('uniform' as const), min: fc.double({ min: -1e6, max: 1e6, noNaN: true }), w: fc.double({ min: 0, max: 1e6, noNaN: true }) }).map(
        ({ min, w }): DistributionSpec => ({ type: 'uniform', min, max: min + w }),
      ),
      fc.double({ min: 1e-9, max: 1e9, noNaN: true }).map((mean): DistributionSpec => ({ type: 'exponential', mean })),
      fc
        .record({ mean: fc.double({ min: -1e3, max: 1e3, noNaN: true }), sd: fc.double({ min: 0, max: 1e3, noNaN: true }), min: fc.double({ min: -1e3, max: 1e3, noNaN: true }), w: fc.double({ min: 0, max: 1e3, noNaN: true }) })
        .map(({ mean, sd, min, w }): DistributionSpec => ({ type: 'normal', mean, sd, min, max: min + w })),
      fc
        .record({ mean: fc.double({ min: 1e-6, max: 1e6, noNaN: true }), cv: fc.double({ min: 0, max: 3, noNaN: true }) })
        .map(({ mean, cv }): DistributionSpec => ({ type: 'lognormal', mean, sd: mean * cv })),
      fc
        .array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 })
        .chain((samples) => fc.boolean().map((interpolate): DistributionSpec => ({ type: 'empirical', samples, interpolate }))),
    );
    fc.assert(
      fc.property(spec, fc.integer({ min: 0, max: 1e6 }), (sp, seed) => {
        const s = makeSampler(sp);
        expect(Number.isFinite(s.mean)).toBe(true);
        const r = RandomStream.forEntity(seed, 'prop');
        for (let i = 0; i < 30; i++) {
          const x = s.sample(r);
          expect(Number.isFinite(x)).toBe(true);
          if (sp.type === 'uniform') {
            expect(x).toBeGreaterThanOrEqual(sp.min);
            expect(x).toBeLessThanOrEqual(sp.max);
          } else if (sp.type === 'exponential' || sp.type === 'lognormal') {
            expect(x).toBeGreaterThan(0);
          } else if (sp.type === 'normal') {
            expect(x).toBeGreaterThanOrEqual(sp.min as number);
            expect(x).toBeLessThanOrEqual(sp.max as number);
          } else if (sp.type === 'empirical') {
            if (sp.interpolate) {
              expect(x).toBeGreaterThanOrEqual(Math.min(...sp.samples));
              expect(x).toBeLessThanOrEqual(Math.max(...sp.samples));
            } else {
              expect(sp.samples).toContain(x);
            }
          }
        }
        if (sp.type === 'normal') {
          expect(s.mean).toBeGreaterThanOrEqual(sp.min as number);
          expect(s.mean).toBeLessThanOrEqual(sp.max as number);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('distributionMean agrees with the sampler’s mean', () => {
    for (const spec of specs) expect(distributionMean(spec)).toBe(makeSampler(spec).mean);
  });
});

// ---------------------------------------------------------------- validation and text

describe('invalid parameters', () => {
  const bad: [unknown, RegExp][] = [
    [{ type: 'constant', value: NaN }, /constant distribution: value must be a finite number/],
    [{ type: 'uniform', min: 5, max: 3 }, /uniform distribution: min \(5\) must not be greater than max \(3\)/],
    [{ type: 'uniform', min: 0, max: Infinity }, /uniform distribution: max must be a finite number/],
    [{ type: 'exponential', mean: 0 }, /exponential distribution: mean must be greater than 0 \(got 0\)/],
    [{ type: 'exponential', mean: -2 }, /mean must be greater than 0/],
    [{ type: 'normal', mean: 1, sd: -1 }, /normal distribution: sd must be 0 or more \(got -1\)/],
    [{ type: 'normal', mean: 1, sd: 1, min: 3, max: 2 }, /normal distribution: min \(3\) must not be greater than max \(2\)/],
    [{ type: 'normal', mean: 1, sd: 1, min: NaN }, /normal distribution: min must be a number/],
    [{ type: 'lognormal', mean: 0, sd: 1 }, /lognormal distribution: mean must be greater than 0/],
    [{ type: 'lognormal', mean: 1, sd: -0.5 }, /lognormal distribution: sd must be 0 or more/],
    [{ type: 'bounded-pareto', alpha: 0, min: 1, max: 2 }, /bounded Pareto distribution: alpha must be greater than 0/],
    [{ type: 'bounded-pareto', alpha: 1, min: 0, max: 2 }, /bounded Pareto distribution: min must be greater than 0/],
    [{ type: 'bounded-pareto', alpha: 1, min: 2, max: 2 }, /bounded Pareto distribution: max \(2\) must be greater than min \(2\)/],
    [{ type: 'empirical', samples: [] }, /empirical distribution: needs at least one sample/],
    [{ type: 'empirical', samples: [1, Infinity] }, /empirical distribution: sample 2 must be a finite number/],
    [{ type: 'gamma', shape: 2 }, /unknown distribution type "gamma"/],
  ];
  for (const [spec, message] of bad) {
    it(`rejects ${describeDistribution(spec as DistributionSpec)}`, () => {
      expect(() => makeSampler(spec as DistributionSpec)).toThrow(RangeError);
      expect(() => makeSampler(spec as DistributionSpec)).toThrow(message);
      expect(() => distributionMean(spec as DistributionSpec)).toThrow(RangeError);
    });
  }
});

describe('describeDistribution', () => {
  it('writes short, units-free text', () => {
    expect(describeDistribution({ type: 'constant', value: 5 })).toBe('constant 5');
    expect(describeDistribution({ type: 'uniform', min: 1, max: 3 })).toBe('uniform 1 to 3');
    expect(describeDistribution({ type: 'exponential', mean: 0.05 })).toBe('exponential, mean 0.05');
    expect(describeDistribution({ type: 'normal', mean: 1, sd: 0.2 })).toBe('normal, mean 1, sd 0.2');
    expect(describeDistribution({ type: 'normal', mean: 1, sd: 0.2, min: 0, max: 2 })).toBe('normal, mean 1, sd 0.2, clamped to [0, 2]');
    expect(describeDistribution({ type: 'normal', mean: 1, sd: 0.2, min: 0 })).toBe('normal, mean 1, sd 0.2, at least 0');
    expect(describeDistribution({ type: 'normal', mean: 1, sd: 0.2, max: 3 })).toBe('normal, mean 1, sd 0.2, at most 3');
    expect(describeDistribution({ type: 'lognormal', mean: 1 / 3, sd: 0.5 })).toBe('lognormal, mean 0.333333, sd 0.5');
    expect(describeDistribution({ type: 'bounded-pareto', alpha: 1.5, min: 1, max: 1000 })).toBe('bounded Pareto, alpha 1.5, 1 to 1000');
    expect(describeDistribution({ type: 'empirical', samples: [1, 2] })).toBe('empirical, 2 samples');
    expect(describeDistribution({ type: 'empirical', samples: [1], interpolate: true })).toBe('empirical, 1 sample, interpolated');
  });

  it('never throws, even for invalid specs', () => {
    expect(describeDistribution({ type: 'uniform' } as unknown as DistributionSpec)).toBe('uniform undefined to undefined');
    expect(describeDistribution({ type: 'nope' } as unknown as DistributionSpec)).toBe('unknown distribution "nope"');
  });
});

const GOLDEN_DRAWS: number[][] = [
  [1, 1, 1],
  [0.7090278868864528, 0.7378886014706113, 0.4753048308493685],
  [1.2345278493315028, 1.3389856691741713, 0.6449378223678629],
  [1.4460859480906079, 0.8703795114970203, 0.29081028690061794],
  [1.3632520155870655, 0.7913363211107083, 0.457679152718536],
  [2.7752146183691764, 3.02385905315675, 1.7065065240869786],
  [4, 4, 2],
  [2.836111547545811, 2.951554405882445, 1.950609661698737],
];
