/**
 * Forecasting for predictive scaling and capacity planning: a least-squares trend line, additive
 * Holt-Winters (with a small deterministic grid search for its smoothing constants), the seasonal
 * naive benchmark ("same as one season ago"), MAPE, and a capacity recommendation from a forecast
 * peak. Pure functions over plain arrays of numbers, equally spaced in time (one value per step).
 *
 * Only + − × ÷, Math.sqrt/floor/ceil/abs/min/max are used, so results are the same on every engine.
 */

import { ceilGuarded, fmt } from './util';

// ------------------------------------------------------------------ linear trend

/** Least-squares line y ≈ intercept + slope · t through history[t], t = 0 … n − 1. */
export function fitLinear(history: readonly number[]): { intercept: number; slope: number } {
  checkSeries('history', history, 1);
  const n = history.length;
  if (n === 1) return { intercept: history[0]!, slope: 0 };
  const tMean = (n - 1) / 2;
  let yMean = 0;
  for (const y of history) yMean += y;
  yMean /= n;
  let sty = 0;
  let stt = 0;
  for (let t = 0; t < n; t++) {
    const dt = t - tMean;
    sty += dt * (history[t]! - yMean);
    stt += dt * dt;
  }
  const slope = sty / stt;
  return { intercept: yMean - slope * tMean, slope };
}

/** The least-squares line extended `horizonSteps` steps past the end of the history. */
export function linearTrend(history: readonly number[], horizonSteps: number): number[] {
  checkHorizon(horizonSteps);
  const { intercept, slope } = fitLinear(history);
  const n = history.length;
  return Array.from({ length: horizonSteps }, (_, h) => intercept + slope * (n + h));
}

// ------------------------------------------------------------------ seasonal naive

/** "Same as one season ago": step n + h repeats step n + h − m·k of the last full season. */
export function seasonalNaive(history: readonly number[], seasonLength: number, horizonSteps: number): number[] {
  checkSeasonLength(seasonLength);
  checkSeries('history', history, seasonLength);
  checkHorizon(horizonSteps);
  const n = history.length;
  return Array.from({ length: horizonSteps }, (_, h) => history[n - seasonLength + (h % seasonLength)]!);
}

// ------------------------------------------------------------------ Holt-Winters

export interface HoltWintersParams {
  /** Steps per season (24 for hourly data with a daily cycle). */
  readonly seasonLength: number;
  /** Level smoothing, 0 … 1. */
  readonly alpha: number;
  /** Trend smoothing, 0 … 1. */
  readonly beta: number;
  /** Seasonal smoothing, 0 … 1. */
  readonly gamma: number;
}

export interface HoltWintersState {
  /** Level and trend after the last observation. */
  readonly level: number;
  readonly trend: number;
  /** Latest seasonal term per phase: seasonals[p] is for steps t with t mod m = p. */
  readonly seasonals: readonly number[];
  /** Number of observations consumed. */
  readonly n: number;
  /** The lead time of `ahead` (1 unless asked otherwise). */
  readonly lead: number;
  /**
   * ahead[t] = the forecast of step t made `lead` steps earlier, from the state after step t − lead
   * (the seed counts as the state after step m − 1); NaN where there was no such state.
   */
  readonly ahead: readonly number[];
}

/**
 * Runs additive Holt-Winters over the history (Holt 1957, Winters 1960; the component form of
 * Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., §8.3):
 *   ℓ_t = α (y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
 *   b_t = β (ℓ_t − ℓ_{t−1}) + (1 − β) b_{t−1}
 *   s_t = γ (y_t − ℓ_{t−1} − b_{t−1}) + (1 − γ) s_{t−m}
 *   ŷ_{t+h} = ℓ_t + h b_t + s_{t+h−m·k}   (the latest seasonal term of that phase)
 *
 * Initialisation from the first two seasons (so at least 2m values are needed). With A1, A2 the
 * means of season 1 and season 2:
 *   trend  b = (A2 − A1) / m
 *   level  ℓ = A1 + b (m − 1) / 2, the level at the end of season 1 (A1 sits at its middle)
 *   season s_p = mean over the two seasons k of (y_{km+p} − A_k − b (p − (m − 1)/2)),
 *          i.e. each value's deviation from its season's mean with the trend's ramp removed;
 *          these sum to zero.
 * The recursion then runs from the first step of season 2 to the end. (Season 2 thus helps both to
 * seed and to smooth: a common classical choice; it needs no optimiser, so it stays deterministic.)
 */
export function holtWintersRun(history: readonly number[], params: HoltWintersParams, lead = 1): HoltWintersState {
  const { seasonLength: m, alpha, beta, gamma } = params;
  checkSeasonLength(m);
  checkSeries('history', history, 2 * m);
  if (!Number.isInteger(lead) || lead < 1) throw new RangeError(`lead must be a whole number ≥ 1, got ${lead}`);
  for (const [name, v] of [
    ['alpha', alpha],
    ['beta', beta],
    ['gamma', gamma],
  ] as const) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${v}`);
  }
  const n = history.length;
  let a1 = 0;
  let a2 = 0;
  for (let p = 0; p < m; p++) {
    a1 += history[p]!;
    a2 += history[m + p]!;
  }
  a1 /= m;
  a2 /= m;
  let trend = (a2 - a1) / m;
  const mid = (m - 1) / 2;
  let level = a1 + trend * mid;
  const seasonals: number[] = [];
  for (let p = 0; p < m; p++) {
    const ramp = trend * (p - mid);
    seasonals.push((history[p]! - a1 - ramp + (history[m + p]! - a2 - ramp)) / 2);
  }

  const ahead: number[] = new Array<number>(n).fill(NaN);
  for (let t = m; t < n; t++) {
    // forecast from the state after step t − 1
    const target = t - 1 + lead;
    if (target < n) ahead[target] = level + lead * trend + seasonals[target % m]!;
    const y = history[t]!;
    const p = t % m;
    const s = seasonals[p]!;
    const newLevel = alpha * (y - s) + (1 - alpha) * (level + trend);
    const newTrend = beta * (newLevel - level) + (1 - beta) * trend;
    seasonals[p] = gamma * (y - level - trend) + (1 - gamma) * s;
    level = newLevel;
    trend = newTrend;
  }
  return { level, trend, seasonals, n, lead, ahead };
}

/** Forecasts `horizonSteps` steps past the history with additive Holt-Winters (see holtWintersRun). */
export function holtWinters(history: readonly number[], params: HoltWintersParams, horizonSteps: number): number[] {
  checkHorizon(horizonSteps);
  return holtWintersForecast(holtWintersRun(history, params), horizonSteps);
}

/** Forecasts from a state returned by holtWintersRun. */
export function holtWintersForecast(state: HoltWintersState, horizonSteps: number): number[] {
  checkHorizon(horizonSteps);
  const m = state.seasonals.length;
  const last = state.n - 1;
  return Array.from({ length: horizonSteps }, (_, i) => {
    const h = i + 1;
    return state.level + h * state.trend + state.seasonals[(last + h) % m]!;
  });
}

/** The grid fitHoltWinters searches unless told otherwise (7 × 5 × 7 = 245 runs). */
export const HOLT_WINTERS_GRID = Object.freeze({
  alpha: Object.freeze([0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]),
  beta: Object.freeze([0, 0.01, 0.05, 0.1, 0.2]),
  gamma: Object.freeze([0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7]),
});

export interface HoltWintersGrid {
  readonly alpha: readonly number[];
  readonly beta: readonly number[];
  readonly gamma: readonly number[];
}

export interface HoltWintersFit extends HoltWintersParams {
  /** Sum of squared `lead`-step-ahead errors over steps 2m … n − 1. */
  readonly sse: number;
  /** The lead time the errors were measured at. */
  readonly lead: number;
  /** Parameter triples tried. */
  readonly tried: number;
}

/**
 * Chooses α, β, γ from a fixed grid by the smallest sum of squared one-step-ahead errors over
 * steps 2m … n − 1 (season 2 seeded the model, so its errors are left out). Ties keep the first
 * triple in grid order (α, then β, then γ ascending), so the choice is deterministic.
 * Needs at least 2m + 1 values.
 *
 * `lead` (default 1) measures the errors that many steps ahead instead: a day-ahead forecaster
 * is better judged by its day-ahead errors. On series with outages or spikes the one-step criterion
 * rewards a level that chases the last value (α near 1), which helps the next step and hurts the
 * rest of the day; see the NASA test in forecast.test.ts.
 */
export function fitHoltWinters(history: readonly number[], seasonLength: number, options: { readonly grid?: HoltWintersGrid; readonly lead?: number } = {}): HoltWintersFit {
  const grid = options.grid ?? HOLT_WINTERS_GRID;
  const lead = options.lead ?? 1;
  checkSeasonLength(seasonLength);
  checkSeries('history', history, 2 * seasonLength + 1);
  let best: HoltWintersFit | null = null;
  let tried = 0;
  for (const alpha of grid.alpha) {
    for (const beta of grid.beta) {
      for (const gamma of grid.gamma) {
        const run = holtWintersRun(history, { seasonLength, alpha, beta, gamma }, lead);
        let sse = 0;
        for (let t = 2 * seasonLength; t < history.length; t++) {
          const f = run.ahead[t]!;
          if (Number.isNaN(f)) continue;
          const e = history[t]! - f;
          sse += e * e;
        }
        tried++;
        if (best === null || sse < best.sse) best = { seasonLength, alpha, beta, gamma, sse, lead, tried: 0 };
      }
    }
  }
  if (best === null) throw new RangeError('the parameter grid is empty');
  return { ...best, tried };
}

// ------------------------------------------------------------------ accuracy

/**
 * Mean absolute percentage error, in percent: mean of |actual − predicted| / |actual| × 100 over the
 * steps whose actual value is not zero (a zero actual makes the percentage undefined, so those steps
 * are skipped, not counted as 0 % or ∞). NaN when every actual is zero.
 */
export function mape(actual: readonly number[], predicted: readonly number[]): number {
  if (actual.length !== predicted.length) throw new RangeError(`actual has ${actual.length} values but predicted has ${predicted.length}`);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    if (a === 0) continue;
    sum += Math.abs(a - predicted[i]!) / Math.abs(a);
    count++;
  }
  return count === 0 ? NaN : (sum / count) * 100;
}

// ------------------------------------------------------------------ capacity

export interface CapacityInput {
  /** The forecast peak load, e.g. requests per second. */
  readonly forecastPeakRate: number;
  /** What one replica serves at 100 % utilization, in the same unit. */
  readonly perReplicaCapacity: number;
  /** The utilization to plan for, 0 < u ≤ 1 (headroom = 1 − u). */
  readonly targetUtilization: number;
  readonly replicasPerHost: number;
  /** Default 1 (a service keeps at least one replica, as the HPA's default minReplicas). */
  readonly minReplicas?: number;
}

export interface CapacityPlan {
  readonly replicas: number;
  readonly hosts: number;
  readonly explanation: string;
}

/** replicas = ceil(peak / (capacity × utilization)), at least minReplicas; hosts = ceil(replicas / per host). */
export function recommendCapacity(input: CapacityInput): CapacityPlan {
  const { forecastPeakRate: peak, perReplicaCapacity: cap, targetUtilization: u, replicasPerHost: perHost } = input;
  const minReplicas = input.minReplicas ?? 1;
  if (!(peak >= 0) || !Number.isFinite(peak)) throw new RangeError(`forecastPeakRate must be a finite number ≥ 0, got ${peak}`);
  if (!(cap > 0) || !Number.isFinite(cap)) throw new RangeError(`perReplicaCapacity must be a positive number, got ${cap}`);
  if (!(u > 0 && u <= 1)) throw new RangeError(`targetUtilization must be in (0, 1], got ${u}`);
  if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError(`replicasPerHost must be a whole number ≥ 1, got ${perHost}`);
  if (!Number.isInteger(minReplicas) || minReplicas < 0) throw new RangeError(`minReplicas must be a whole number ≥ 0, got ${minReplicas}`);
  const needed = ceilGuarded(peak / (cap * u));
  const replicas = Math.max(minReplicas, needed);
  const hosts = Math.ceil(replicas / perHost);
  const floorNote = replicas > needed ? ` (raised to minReplicas ${minReplicas})` : '';
  return {
    replicas,
    hosts,
    explanation:
      `peak ${fmt(peak)} ÷ (${fmt(cap)} per replica × ${fmt(u * 100)} % target) → ${needed} replicas${floorNote}; ` +
      `${replicas} replicas ÷ ${perHost} per host → ${hosts} ${hosts === 1 ? 'host' : 'hosts'}`,
  };
}

// ------------------------------------------------------------------ checks

function checkSeries(name: string, xs: readonly number[], minLength: number): void {
  if (xs.length < minLength) throw new RangeError(`${name} needs at least ${minLength} values, got ${xs.length}`);
  xs.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] is not a finite number (${x})`);
  });
}

function checkSeasonLength(m: number): void {
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`seasonLength must be a whole number ≥ 2, got ${m}`);
}

function checkHorizon(h: number): void {
  if (!Number.isInteger(h) || h < 0) throw new RangeError(`horizonSteps must be a whole number ≥ 0, got ${h}`);
}
