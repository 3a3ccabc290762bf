/**
 * Invocation durations: an engine distribution, or a distribution through percentile points.
 *
 * The Azure 2019 trace gives, per function, the 0th, 1st, 25th, 50th, 75th, 99th and 100th
 * percentiles of its average execution times. We turn them into a distribution by linear
 * interpolation of the inverse CDF between the given points: a uniform u in [0, 1) falls between
 * two listed probabilities p_i ≤ u < p_(i+1) and maps to v_i + (u − p_i)/(p_(i+1) − p_i)·(v_(i+1) − v_i).
 * Each draw reproduces the listed percentiles exactly, puts 24 % of the mass evenly in each
 * quartile-ish band and 1 % in the tail between the 99th percentile and the maximum; the mean is
 * Σ (p_(i+1) − p_i)·(v_i + v_(i+1))/2. It is one uniform per draw and non-decreasing in u, like the
 * engine's other inverse-CDF samplers (common random numbers across variants).
 */

import { makeSampler, type Sampler } from '../engine/distributions';
import type { RandomStream } from '../engine/random';
import type { DurationSpec, PercentileSpec } from './types';

/** A problem with percentile points, in plain words, or null when they are usable. */
export function percentileProblem(spec: PercentileSpec): string | null {
  const pts: unknown = spec.points;
  if (!Array.isArray(pts) || pts.length < 2) return 'needs at least two [probability, value] points';
  let prevP = -1;
  let prevV = -Infinity;
  for (let i = 0; i < pts.length; i++) {
    const pt: unknown = pts[i];
    if (!Array.isArray(pt) || pt.length !== 2 || typeof pt[0] !== 'number' || typeof pt[1] !== 'number' || !Number.isFinite(pt[0]) || !Number.isFinite(pt[1])) {
      return `point ${i + 1} must be a pair of numbers [probability, value]`;
    }
    const [p, v] = pt as [number, number];
    if (i === 0 && p !== 0) return `the first probability must be 0, got ${p}`;
    if (i === pts.length - 1 && p !== 1) return `the last probability must be 1, got ${p}`;
    if (!(p > prevP)) return `probabilities must increase (point ${i + 1}: ${p} after ${prevP})`;
    if (v < 0) return `values must be 0 or more (point ${i + 1}: ${v})`;
    if (v < prevV) return `values must not decrease (point ${i + 1}: ${v} after ${prevV})`;
    prevP = p;
    prevV = v;
  }
  return null;
}

class PercentileSampler {
  private readonly p: Float64Array;
  private readonly v: Float64Array;
  readonly mean: number;
  constructor(points: ReadonlyArray<readonly [number, number]>) {
    this.p = Float64Array.from(points, (x) => x[0]);
    this.v = Float64Array.from(points, (x) => x[1]);
    let m = 0;
    for (let i = 0; i + 1 < points.length; i++) m += (this.p[i + 1]! - this.p[i]!) * ((this.v[i]! + this.v[i + 1]!) / 2);
    this.mean = m;
  }
  sample(r: RandomStream): number {
    const u = r.next();
    const p = this.p;
    let i = 0;
    const last = p.length - 2;
    while (i < last && u >= p[i + 1]!) i++; // at most a handful of points: a linear scan is fastest
    const p0 = p[i]!;
    const v0 = this.v[i]!;
    return v0 + ((u - p0) / (p[i + 1]! - p0)) * (this.v[i + 1]! - v0);
  }
}

/** A sampler for a duration spec (percentile points or an engine distribution). Throws RangeError on bad parameters. */
export function makeDurationSampler(spec: DurationSpec): Pick<Sampler, 'sample' | 'mean'> {
  if (spec.type === 'percentiles') {
    const problem = percentileProblem(spec);
    if (problem !== null) throw new RangeError(`percentiles distribution: ${problem}`);
    return new PercentileSampler(spec.points);
  }
  return makeSampler(spec);
}
