/**
 * Probability distributions: specs (as written in scenarios), samplers (the hot path) and
 * analytic means.
 *
 * Determinism: samplers use only + - * /, Math.sqrt, Math.floor and the functions of detmath, so a
 * given stream yields bit-identical draws on every JavaScript engine.
 *
 * Common random numbers: every sampler except the normal family turns one uniform draw into one
 * value through a non-decreasing function (inverse CDF, on sorted samples for empirical), so two
 * variants of a scenario that use the same stream with different parameters get positively
 * correlated, like-for-like draws, and each draw consumes a fixed amount of the stream. The normal
 * and lognormal samplers use the Marsaglia polar method, which consumes a variable number of
 * uniforms (two per attempt, π/4 acceptance) and keeps only the first of the two variates an
 * accepted attempt yields, so no hidden state is carried between draws.
 */

import { exp, ln, pow } from './detmath';
import type { RandomStream } from './random';

export type DistributionSpec =
  | { type: 'constant'; value: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'exponential'; mean: number }
  /** Clamped into [min, max] when given. */
  | { type: 'normal'; mean: number; sd: number; min?: number; max?: number }
  /** mean and sd of the lognormal variable itself (not of its logarithm). */
  | { type: 'lognormal'; mean: number; sd: number }
  | { type: 'bounded-pareto'; alpha: number; min: number; max: number }
  /**
   * Draw one of the samples uniformly or, with interpolate, from the piecewise-linear inverse
   * CDF through the sorted samples (quantile u·(n−1), interpolated between neighbours).
   */
  | { type: 'empirical'; samples: number[]; interpolate?: boolean };

export interface Sampler {
  /** One draw. Consumes numbers from r only. */
  sample(r: RandomStream): number;
  /** Exact mean of what sample() returns (see distributionMean). */
  readonly mean: number;
  /** A copy of the spec this sampler was made from. */
  readonly spec: DistributionSpec;
}

// ---------------------------------------------------------------- validation

function fail(what: string, message: string): never {
  throw new RangeError(`${what} distribution: ${message}`);
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && !Number.isNaN(x);
}

function requireFinite(what: string, name: string, x: unknown): number {
  if (!isNum(x) || !Number.isFinite(x)) fail(what, `${name} must be a finite number (got ${String(x)})`);
  return x;
}

function requirePositive(what: string, name: string, x: unknown): number {
  const v = requireFinite(what, name, x);
  if (!(v > 0)) fail(what, `${name} must be greater than 0 (got ${v})`);
  return v;
}

function requireNonNegative(what: string, name: string, x: unknown): number {
  const v = requireFinite(what, name, x);
  if (!(v >= 0)) fail(what, `${name} must be 0 or more (got ${v})`);
  return v;
}

/** Check a spec; throws RangeError with a plain-language message on impossible parameters. */
function validate(spec: DistributionSpec): void {
  if (spec === null || typeof spec !== 'object') throw new RangeError('a distribution must be an object with a "type"');
  switch (spec.type) {
    case 'constant':
      requireFinite('constant', 'value', spec.value);
      return;
    case 'uniform': {
      const min = requireFinite('uniform', 'min', spec.min);
      const max = requireFinite('uniform', 'max', spec.max);
      if (min > max) fail('uniform', `min (${min}) must not be greater than max (${max})`);
      return;
    }
    case 'exponential':
      requirePositive('exponential', 'mean', spec.mean);
      return;
    case 'normal': {
      requireFinite('normal', 'mean', spec.mean);
      requireNonNegative('normal', 'sd', spec.sd);
      const { min, max } = spec;
      if (min !== undefined && !(isNum(min) && min < Infinity)) fail('normal', `min must be a number (got ${String(min)})`);
      if (max !== undefined && !(isNum(max) && max > -Infinity)) fail('normal', `max must be a number (got ${String(max)})`);
      if (min !== undefined && max !== undefined && min > max) {
        fail('normal', `min (${min}) must not be greater than max (${max})`);
      }
      return;
    }
    case 'lognormal':
      requirePositive('lognormal', 'mean', spec.mean);
      requireNonNegative('lognormal', 'sd', spec.sd);
      return;
    case 'bounded-pareto': {
      requirePositive('bounded Pareto', 'alpha', spec.alpha);
      const min = requirePositive('bounded Pareto', 'min', spec.min);
      const max = requireFinite('bounded Pareto', 'max', spec.max);
      if (!(max > min)) fail('bounded Pareto', `max (${max}) must be greater than min (${min})`);
      return;
    }
    case 'empirical': {
      const s: unknown = spec.samples;
      if (!Array.isArray(s) || s.length === 0) fail('empirical', 'needs at least one sample');
      for (let i = 0; i < s.length; i++) {
        const v: unknown = s[i];
        if (!isNum(v) || !Number.isFinite(v)) fail('empirical', `sample ${i + 1} must be a finite number (got ${String(v)})`);
      }
      if (spec.interpolate !== undefined && typeof spec.interpolate !== 'boolean') {
        fail('empirical', 'interpolate must be true or false');
      }
      return;
    }
    default:
      throw new RangeError(`unknown distribution type "${String((spec as { type?: unknown }).type)}"`);
  }
}

// ---------------------------------------------------------------- special functions (setup only)

const INV_SQRT_PI = 0.5641895835477563; // 1/√π
const TWO_INV_SQRT_PI = 1.1283791670955126; // 2/√π
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)
const SQRT_HALF = 0.7071067811865476; // 1/√2

/**
 * erfc(x) for x ≥ 0, relative error about 1e-15 (only used to compute means, never per draw).
 * x < 1.5: 1 − erf(x) with erf(x) = (2/√π)·e^(−x²)·Σ 2^n x^(2n+1) / (1·3·…·(2n+1)), a series of
 * positive terms; x ≥ 1.5: the classical continued fraction, 100 levels, evaluated bottom-up.
 */
function erfcNonNeg(x: number): number {
  if (x < 1.5) {
    const x2 = 2 * x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 100 && term > sum * 1e-17; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
    }
    return 1 - TWO_INV_SQRT_PI * exp(-x * x) * sum;
  }
  if (x > 27.3) return 0; // below the smallest double
  let f = x;
  for (let n = 100; n >= 1; n--) f = x + n / 2 / f;
  return (exp(-x * x) * INV_SQRT_PI) / f;
}

/** Standard normal CDF Φ(t). */
function normalCdf(t: number): number {
  if (t === -Infinity) return 0;
  if (t === Infinity) return 1;
  const e = erfcNonNeg(Math.abs(t) * SQRT_HALF);
  return t < 0 ? 0.5 * e : 1 - 0.5 * e;
}

/** Standard normal density φ(t). */
function normalPdf(t: number): number {
  return Math.abs(t) === Infinity ? 0 : INV_SQRT_2PI * exp(-0.5 * t * t);
}

/** G(t) = E[max(Z, t)] = φ(t) + t·Φ(t) for a standard normal Z; G(−∞) = 0. */
function maxNormalMean(t: number): number {
  if (t === -Infinity) return 0;
  return normalPdf(t) + t * normalCdf(t);
}

/**
 * (e^t − 1)/t, accurate for every t (1 at t = 0). Taylor series near 0 where e^t − 1 cancels.
 * For t > 709 the value is not representable anyway; it comes out as ∞.
 */
function expm1OverT(t: number): number {
  if (Math.abs(t) < 0.5) {
    // Σ t^n/(n+1)!, n = 0..17: the next term is below 2^-60 for |t| < 0.5
    let sum = 0;
    let term = 1;
    for (let n = 0; n < 18; n++) {
      sum += term;
      term *= t / (n + 2);
    }
    return sum;
  }
  return (exp(t) - 1) / t;
}

/** ln(1 + q) for q ≥ 0, accurate also for tiny q. */
function ln1p(q: number): number {
  const w = 1 + q;
  return w === 1 ? q : (ln(w) * q) / (w - 1);
}

// ---------------------------------------------------------------- analytic means

/**
 * Mean of a bounded Pareto on [L, H] with shape α:
 *   α/(α−1) · L · (1 − (L/H)^(α−1)) / (1 − (L/H)^α)   (α ≠ 1),   L·ln(H/L) / (1 − L/H)   (α = 1).
 * With λ = ln(H/L) and g(t) = (e^t − 1)/t both cases are L·g(−(α−1)λ) / g(−αλ), which has no
 * cancellation near α = 1 or H ≈ L.
 */
function paretoMean(alpha: number, lo: number, hi: number): number {
  const lambda = ln(hi) - ln(lo);
  const t = -(alpha - 1) * lambda;
  const den = expm1OverT(-alpha * lambda);
  if (t < 1) return (lo * expm1OverT(t)) / den;
  // α < 1 and a wide range: L·g(t) = (L·e^t − L)/t with L·e^t = L^α·H^(1−α) ≤ H kept in range
  return (exp(ln(lo) + t) - lo) / t / den;
}

function clampedNormalMean(mu: number, sd: number, min: number, max: number): number {
  if (sd === 0 || min === max) return mu < min ? min : mu > max ? max : mu;
  // clamp(x, a, b) = max(x, a) + min(x, b) − x  ⇒  E = μ + σ·(G(α) − G(−β))
  const a = (min - mu) / sd;
  const b = (max - mu) / sd;
  if (a === Infinity) return min; // sd so small that the quotient overflowed: all mass on a bound
  if (b === -Infinity) return max;
  const m = mu + sd * (maxNormalMean(a) - maxNormalMean(-b));
  return m < min ? min : m > max ? max : m; // guard the last bits against the bounds
}

function meanOf(spec: DistributionSpec): number {
  switch (spec.type) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return spec.min + (spec.max - spec.min) / 2;
    case 'exponential':
      return spec.mean;
    case 'normal':
      return clampedNormalMean(spec.mean, spec.sd, spec.min ?? -Infinity, spec.max ?? Infinity);
    case 'lognormal':
      return spec.mean;
    case 'bounded-pareto':
      return paretoMean(spec.alpha, spec.min, spec.max);
    case 'empirical': {
      const s = spec.samples;
      const n = s.length;
      let sum = 0;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = s[i] as number;
        sum += v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (!spec.interpolate || n === 1) return sum / n;
      // piecewise-linear inverse CDF through n sorted points: each of the n−1 segments has
      // probability 1/(n−1) and mean (x_i + x_{i+1})/2, so the ends count half
      return (sum - (lo + hi) / 2) / (n - 1);
    }
  }
}

/**
 * Analytic mean of the distribution. Throws RangeError on impossible parameters.
 *
 * Normal with min/max: this is the mean of the CLAMPED variable (what the sampler returns), computed
 * in closed form, E = μ + σ·(G((min−μ)/σ) − G((μ−max)/σ)) with G(t) = φ(t) + t·Φ(t), using a
 * deterministic erfc (relative error ~1e-15). Without bounds it is just `mean`. Note that clamping
 * moves probability mass onto the bounds; it does not truncate (re-draw) — a normal with mean 10,
 * sd 10, min 0 returns 0 about 16% of the time.
 *
 * Empirical: the sample average without interpolation; with interpolation the mean of the
 * piecewise-linear inverse CDF, (Σx − (x_min + x_max)/2)/(n − 1).
 */
export function distributionMean(spec: DistributionSpec): number {
  validate(spec);
  return meanOf(spec);
}

// ---------------------------------------------------------------- samplers

/** One standard normal variate (Marsaglia polar method; the second variate is discarded). */
function standardNormal(r: RandomStream): number {
  let u: number;
  let s: number;
  do {
    u = 2 * r.next() - 1; // exact: a multiple of 2^-52 in [−1, 1)
    const v = 2 * r.next() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  return u * Math.sqrt((-2 * ln(s)) / s);
}

class ConstantSampler implements Sampler {
  private readonly value: number;
  constructor(
    readonly spec: DistributionSpec,
    readonly mean: number,
    value: number,
  ) {
    this.value = value;
  }
  sample(_r: RandomStream): number {
    return this.value;
  }
}

class UniformSampler implements Sampler {
  private readonly width: number;
  constructor(
    readonly spec: DistributionSpec,
    readonly mean: number,
    private readonly min: number,
    max: number,
  ) {
    this.width = max - min;
  }
  sample(r: RandomStream): number {
    return this.min + this.width * r.next(); // in [min, max)
  }
}

class ExponentialSampler implements Sampler {
  constructor(
    readonly spec: DistributionSpec,
    readonly mean: number,
  ) {}
  sample(r: RandomStream): number {
    // u in (0, 1) and 1 − u is exact, so the argument of ln is in (0, 1) and the draw is finite,
    // > 0 and non-decreasing in u. Largest possible draw: 36.7 × mean.
    return -this.mean * ln(1 - r.nextOpen());
  }
}

class NormalSampler implements Sampler {
  constructor(
    readonly spec: DistributionSpec,
    readonly mean: number,
    private readonly mu: number,
    private readonly sd: number,
    private readonly lo: number,
    private readonly hi: number,
  ) {}
  sample(r: RandomStream): number {
    const x = this.mu + this.sd * standardNormal(r);
    return x < this.lo ? this.lo : x > this.hi ? this.hi : x;
  }
}

class LognormalSampler implements Sampler {
  constructor(
    readonly spec: DistributionSpec,
    readonly mean: number,
    private readonly mu: number,
    private readonly sigma: number,
  ) {}
  sample(r: RandomStream): number {
    return exp(this.mu + this.sigma * standardNormal(r));
  }
}

class BoundedParetoSampler implements Sampler {
  private readonly negInvAlpha: number;
  private readonly ratio: number; // (min/max)^alpha
  constructor(
    readonly spec: DistributionSpec,
    readonly mean: number,
    alpha: number,
    private readonly lo: number,
    private readonly hi: number,
  ) {
    this.negInvAlpha = -1 / alpha;
    this.ratio = exp(alpha * (ln(lo) - ln(hi)));
  }
  sample(r: RandomStream): number {
    // Inverse CDF: F(x) = (1 − (L/x)^α) / (1 − (L/H)^α)  ⇒  x = L · (1 − u·(1 − ρ))^(−1/α), ρ = (L/H)^α.
    // 1 − u·(1 − ρ) is formed as (1 − u) + u·ρ: both terms ≥ 0 and 1 − u is exact, so there is
    // no cancellation even when ρ is tiny and u near 1.
    const u = r.next();
    const x = this.lo * pow(1 - u + u * this.ratio, this.negInvAlpha);
    return x < this.lo ? this.lo : x > this.hi ? this.hi : x;
  }
}

class EmpiricalSampler implements Sampler {
  private readonly n: number;
  constructor(
    readonly spec: DistributionSpec,
    readonly mean: number,
    private readonly sorted: Float64Array,
  ) {
    this.n = sorted.length;
  }
  sample(r: RandomStream): number {
    // floor(u·n) on the sorted values: non-decreasing in u (see the module note). u has 53 bits,
    // so the sample probabilities are 1/n to within n·2^-53 relative (1e-11 for n = 10^5).
    return this.sorted[Math.floor(r.next() * this.n)] as number;
  }
}

class InterpolatedEmpiricalSampler implements Sampler {
  private readonly last: number;
  constructor(
    readonly spec: DistributionSpec,
    readonly mean: number,
    private readonly sorted: Float64Array,
  ) {
    this.last = sorted.length - 1;
  }
  sample(r: RandomStream): number {
    const p = r.next() * this.last;
    const i = Math.floor(p);
    const a = this.sorted[i] as number;
    if (i >= this.last) return a; // only when there is a single sample
    const b = this.sorted[i + 1] as number;
    return a + (p - i) * (b - a);
  }
}

function copySpec(spec: DistributionSpec): DistributionSpec {
  return spec.type === 'empirical' ? { ...spec, samples: spec.samples.slice() } : { ...spec };
}

/**
 * Build the sampler for a spec: a small class specialised per type (no per-draw dispatch on the
 * type). Throws RangeError with a plain-language message on impossible parameters, e.g. uniform
 * min > max, sd < 0, alpha ≤ 0, bounded-Pareto min ≥ max, no empirical samples.
 */
export function makeSampler(spec: DistributionSpec): Sampler {
  validate(spec);
  const copy = copySpec(spec);
  const mean = meanOf(copy);
  switch (copy.type) {
    case 'constant':
      return new ConstantSampler(copy, mean, copy.value);
    case 'uniform':
      return new UniformSampler(copy, mean, copy.min, copy.max);
    case 'exponential':
      return new ExponentialSampler(copy, mean);
    case 'normal':
      return new NormalSampler(copy, mean, copy.mean, copy.sd, copy.min ?? -Infinity, copy.max ?? Infinity);
    case 'lognormal': {
      // X = e^(μ + σZ) has mean e^(μ + σ²/2) and variance (e^(σ²) − 1)·mean², so
      // σ² = ln(1 + sd²/mean²) and μ = ln(mean) − σ²/2.
      const cv = copy.sd / copy.mean;
      const sigma2 = ln1p(cv * cv);
      return new LognormalSampler(copy, mean, ln(copy.mean) - sigma2 / 2, Math.sqrt(sigma2));
    }
    case 'bounded-pareto':
      return new BoundedParetoSampler(copy, mean, copy.alpha, copy.min, copy.max);
    case 'empirical': {
      const sorted = Float64Array.from(copy.samples).sort(); // typed arrays sort numerically
      return copy.interpolate ? new InterpolatedEmpiricalSampler(copy, mean, sorted) : new EmpiricalSampler(copy, mean, sorted);
    }
  }
}

// ---------------------------------------------------------------- description

/** Integers as they are, other numbers to 6 significant digits ("0.05", "1000", "0.333333"). */
function fmt(x: unknown): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return String(x);
  return Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : String(Number(x.toPrecision(6)));
}

/**
 * Short human-readable text, units-free, e.g. "exponential, mean 0.05", "uniform 1 to 3",
 * "normal, mean 1, sd 0.2, clamped to [0, 2]". Never throws, even for invalid specs.
 */
export function describeDistribution(spec: DistributionSpec): string {
  switch (spec.type) {
    case 'constant':
      return `constant ${fmt(spec.value)}`;
    case 'uniform':
      return `uniform ${fmt(spec.min)} to ${fmt(spec.max)}`;
    case 'exponential':
      return `exponential, mean ${fmt(spec.mean)}`;
    case 'normal': {
      const base = `normal, mean ${fmt(spec.mean)}, sd ${fmt(spec.sd)}`;
      const lo = spec.min !== undefined && spec.min > -Infinity;
      const hi = spec.max !== undefined && spec.max < Infinity;
      if (lo && hi) return `${base}, clamped to [${fmt(spec.min)}, ${fmt(spec.max)}]`;
      if (lo) return `${base}, at least ${fmt(spec.min)}`;
      if (hi) return `${base}, at most ${fmt(spec.max)}`;
      return base;
    }
    case 'lognormal':
      return `lognormal, mean ${fmt(spec.mean)}, sd ${fmt(spec.sd)}`;
    case 'bounded-pareto':
      return `bounded Pareto, alpha ${fmt(spec.alpha)}, ${fmt(spec.min)} to ${fmt(spec.max)}`;
    case 'empirical': {
      const n = Array.isArray(spec.samples) ? spec.samples.length : 0;
      return `empirical, ${n} sample${n === 1 ? '' : 's'}${spec.interpolate ? ', interpolated' : ''}`;
    }
    default:
      return `unknown distribution "${String((spec as { type?: unknown }).type)}"`;
  }
}
