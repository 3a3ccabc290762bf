/**
 * The spot market: one price path per (region, instance type), as a fraction of the on-demand
 * price, piecewise constant over steps (default 5 minutes).
 *
 * The model (an assumption; providers publish no formula, only that "the price moves with supply"):
 * the log of the fraction follows a mean-reverting random walk (a discretised Ornstein–Uhlenbeck
 * process) around ln(fraction),
 *
 *     x₀ = ln(fraction),   x(k+1) = x(k) + reversion · (ln(fraction) − x(k)) + volatility · z(k),
 *
 * with z(k) standard normal draws from the seeded stream of that (region, type), and the price of
 * step k is on-demand × min(1, max(0.01, e^x(k))): spot never costs more than on demand (AWS caps
 * it there today). With the defaults (fraction 0.3, reversion 0.1, volatility 0.08 per step) the
 * fraction stays within about 0.18 to 0.5. A path depends only on the seed and its key, never on
 * who asks or when, so every run of a scenario and seed sees the same prices.
 */
import { exp, ln } from '../engine/detmath';
import { makeSampler, type Sampler } from '../engine/distributions';
import { RandomStream } from '../engine/random';

export interface SpotSettings {
  /** Long-run price as a fraction of on-demand (the walk's mean, in log terms). */
  fraction: number;
  /** Standard deviation of a step of the log price. */
  volatility: number;
  /** Share of the distance to the mean recovered at each step (0 < reversion ≤ 1). */
  reversion: number;
  /** Seconds the price holds (the walk's step). */
  step: number;
  /** Capacity reclaims per instance-hour regardless of price (Poisson), 0 for none. */
  interruptionRate: number;
  /** Seconds between the interruption notice and the termination (AWS: 2 minutes). */
  notice: number;
}

interface Path {
  x: number[];
  rng: RandomStream;
}

export class SpotMarket {
  private readonly paths = new Map<string, Path>();
  private readonly normal: Sampler;
  private readonly mean: number;

  constructor(
    private readonly seed: number,
    readonly settings: SpotSettings,
  ) {
    this.normal = makeSampler({ type: 'normal', mean: 0, sd: 1, min: -50, max: 50 });
    this.mean = ln(settings.fraction);
  }

  stepOf(t: number): number {
    return Math.max(0, Math.floor(t / this.settings.step));
  }

  /** Fraction of on-demand in force during step k for (region, type). */
  fraction(region: string, type: string, k: number): number {
    const key = `${region}/${type}`;
    let p = this.paths.get(key);
    if (!p) {
      p = { x: [this.mean], rng: RandomStream.forEntity(this.seed, `billing/spot/${key}`) };
      this.paths.set(key, p);
    }
    const s = this.settings;
    while (p.x.length <= k) {
      const x = p.x[p.x.length - 1]!;
      p.x.push(x + s.reversion * (this.mean - x) + s.volatility * this.normal.sample(p.rng));
    }
    const f = exp(p.x[k]!);
    return f > 1 ? 1 : f < 0.01 ? 0.01 : f;
  }
}
