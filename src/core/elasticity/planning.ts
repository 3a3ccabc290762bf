/**
 * Capacity planning: from a demand history to a replica and host count, with the forecast checked
 * against what happened.
 *
 *  1. Backtest. The last `holdout` steps of the history are held out; each forecasting model that has
 *     enough history (linear trend, seasonal naive, additive Holt-Winters, see forecast.ts) is fitted
 *     on the steps before them and forecasts them; its MAPE against the real values is reported.
 *     'auto' chooses the model with the lowest holdout MAPE.
 *  2. Forecast. The chosen model is fitted again on the whole history and forecasts `horizon` steps.
 *  3. Sizing. The forecast peak (requests per step ÷ step length = requests per second) sets the
 *     replica count: enough replicas to stay at or below the target utilization and, when a latency
 *     objective is given, enough for an M/M/c queue (Erlang C) to meet it; then hosts.
 *
 * Pure and deterministic: plain arrays in, plain objects out; exp comes from engine/detmath.
 *
 * Note on the backtest MAPE of 'auto': the holdout both chooses the model and scores it, so the chosen
 * model's figure is the best of up to three and therefore a little optimistic. The honest check is
 * the next real period (see the NASA test in planning.test.ts, which plans one day and compares the
 * plan with the day that followed).
 */

import { exp } from '../engine/detmath';
import { fitHoltWinters, fitLinear, holtWinters, linearTrend, mape, seasonalNaive } from './forecast';
import { planRefusalEnglish, planText, type PlanRefusalCode, type PlanRefusalParams } from './plan-text';
import { ceilGuarded, fmt } from './util';

// ------------------------------------------------------------------ types

/**
 * A plan refused for its input: a RangeError whose message is the English sentence, with the code and
 * parameters it was said from (src/core/elasticity/plan-text.ts) so a console can say it in another
 * language.
 */
export class PlanRefusal extends RangeError {
  constructor(
    readonly code: PlanRefusalCode,
    readonly params: PlanRefusalParams = {},
  ) {
    super(planRefusalEnglish(code, params));
  }
}

export type PlanModel = 'linear' | 'seasonal-naive' | 'holt-winters';
export type PlanModelChoice = PlanModel | 'auto';

/** The models 'auto' tries, in the order used to break ties (simplest first). */
export const PLAN_MODELS: readonly PlanModel[] = Object.freeze(['linear', 'seasonal-naive', 'holt-winters'] as const);

export interface PlanServiceParams {
  /** Requests per second one replica serves at 100 % utilization. Give this or meanServiceTime. */
  readonly perReplicaCapacity?: number;
  /** Mean work per request in seconds of one slot; capacity = concurrency / meanServiceTime. */
  readonly meanServiceTime?: number;
  /** Requests one replica serves at once (its servers in the M/M/c model). Default 1. */
  readonly concurrency?: number;
  /** Utilization to plan for at the forecast peak, 0 < u ≤ 1. */
  readonly targetUtilization: number;
  /** Replicas that fit on one host, ≥ 1. */
  readonly replicasPerHost: number;
  /** Fewest replicas whatever the forecast. Default 1. */
  readonly minReplicas?: number;
}

/**
 * A latency objective on the time a request waits for a free slot (not counting its service), for
 * an M/M/c queue with one shared line. Either or both:
 *  - waitQuantile: the `quantile` of the wait is at most `wait` seconds, i.e. P(wait > wait) ≤ 1 − quantile;
 *  - meanWait: the mean wait is at most this many seconds.
 */
export interface LatencySla {
  readonly waitQuantile?: { readonly wait: number; readonly quantile: number };
  readonly meanWait?: number;
}

export interface PlanInput {
  /** Demand per step (e.g. requests in each hour), oldest first; values ≥ 0. */
  readonly series: readonly number[];
  /** Length of one step in seconds. */
  readonly stepSeconds: number;
  /** Steps to forecast, ≥ 1. */
  readonly horizon: number;
  /** Steps held out at the end to backtest the models. Default: the horizon. */
  readonly holdout?: number;
  /** Default 'auto'. */
  readonly model?: PlanModelChoice;
  /** Season length in steps (≥ 2). Default: one day, when the step divides a day into ≥ 2 steps. */
  readonly seasonLength?: number;
  readonly service: PlanServiceParams;
  readonly sla?: LatencySla;
}

export type PlanModelParams =
  | { readonly model: 'linear'; readonly intercept: number; readonly slope: number }
  | { readonly model: 'seasonal-naive'; readonly seasonLength: number }
  | {
      readonly model: 'holt-winters';
      readonly seasonLength: number;
      readonly alpha: number;
      readonly beta: number;
      readonly gamma: number;
      /** The lead time whose errors chose α, β, γ (min(horizon, season)). */
      readonly lead: number;
    };

/** One model in the backtest: its forecast of the holdout, or why it could not be tried. */
export type ModelTrial =
  | {
      readonly model: PlanModel;
      readonly ok: true;
      /** Holdout MAPE in percent (NaN when every held-out value is 0). */
      readonly mape: number;
      /** Mean absolute error of the holdout forecast, in demand per step. */
      readonly mae: number;
      readonly forecast: readonly number[];
      /** Parameters fitted on the training part. */
      readonly params: PlanModelParams;
    }
  | {
      readonly model: PlanModel;
      readonly ok: false;
      readonly reason: string;
      /** The reason as data: what the model lacks, and the steps it needs (for wording it in other languages). */
      readonly need: { readonly kind: 'linear' | 'no-season' | 'one-season' | 'two-seasons'; readonly steps: number };
    };

export interface ReplicaSizing {
  /** The forecast peak, requests per second. */
  readonly peakRate: number;
  readonly perReplicaCapacity: number;
  /** Servers per replica in the M/M/c model (the concurrency). */
  readonly serversPerReplica: number;
  /** Service rate of one server, requests per second. */
  readonly serviceRate: number;
  readonly replicas: number;
  readonly hosts: number;
  /** The constraint that set the replica count. */
  readonly boundBy: 'utilization' | 'sla' | 'minReplicas';
  /** Replicas the utilization target alone needs (before minReplicas). */
  readonly utilizationReplicas: number;
  /** Replicas the latency objective alone needs; null without one. */
  readonly slaReplicas: number | null;
  /** Utilization at the peak with the recommended replicas. */
  readonly utilizationAtPeak: number;
  /** At the peak with the recommended replicas (present when an SLA was given). */
  readonly probabilityOfWaiting?: number;
  readonly waitExceedsProbability?: number;
  readonly meanWait?: number;
  /** One sentence: utilization need, SLA need, replicas, hosts. */
  readonly explanation: string;
  /** The settings the sizing used (so the sentence can be rebuilt from data in other languages). */
  readonly targetUtilization: number;
  readonly replicasPerHost: number;
  readonly minReplicas: number;
  readonly sla?: LatencySla;
}

export interface PlanResult {
  readonly model: PlanModel;
  /** Parameters of the chosen model, fitted on the whole history (they drive the forecast). */
  readonly params: PlanModelParams;
  readonly stepSeconds: number;
  /** Season length in steps, or null when no season applies. */
  readonly seasonLength: number | null;
  readonly backtest: {
    /** Steps the backtest trained on (the first ones) and steps held out (the last ones). */
    readonly trainLength: number;
    readonly holdout: number;
    readonly actual: readonly number[];
    /** Every model considered, in PLAN_MODELS order (only the requested one unless 'auto'). */
    readonly models: readonly ModelTrial[];
    /** The chosen model's holdout forecast and errors. */
    readonly forecast: readonly number[];
    readonly mape: number;
    readonly mae: number;
  };
  readonly forecast: {
    /** Demand per step for steps 1 … horizon after the history. */
    readonly values: readonly number[];
    readonly peak: {
      /** 1-based: the peak is this many steps after the last step of the history. */
      readonly step: number;
      /** Index of that step on the history's timeline (history has indexes 0 … n − 1). */
      readonly index: number;
      /** Demand in that step, and as a rate (÷ stepSeconds). */
      readonly value: number;
      readonly rate: number;
    };
  };
  readonly recommendation: ReplicaSizing;
  /** The whole plan in one sentence. */
  readonly explanation: string;
}

// ------------------------------------------------------------------ Erlang B and C

/**
 * Erlang B: the blocking probability of an M/M/c/c loss system with offered load a = λ/μ Erlangs,
 * by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)). Every term stays in [0, 1], so it
 * neither overflows nor cancels (unlike a^c / c! summed directly).
 */
export function erlangB(servers: number, load: number): number {
  checkServers(servers);
  checkLoad(load);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = nextErlangB(b, k, load);
  return b;
}

/**
 * Erlang C: the probability that an arrival waits in an M/M/c queue (one shared line) with offered
 * load a = λ/μ Erlangs: C = c·B / (c − a·(1 − B)) with B the Erlang B value. 1 when a ≥ c (the queue
 * grows without bound, so everyone waits).
 */
export function erlangC(servers: number, load: number): number {
  const b = erlangB(servers, load);
  return erlangCFromB(servers, load, b);
}

/** P(wait > t) in an M/M/c queue: C(c, λ/μ) · e^{−(cμ − λ) t}. 1 when unstable (λ ≥ cμ). */
export function mmcWaitExceeds(servers: number, arrivalRate: number, serviceRate: number, t: number): number {
  checkRates(arrivalRate, serviceRate);
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`t must be a finite number ≥ 0, got ${t}`);
  const c = erlangC(servers, arrivalRate / serviceRate);
  return waitTail(c, servers, arrivalRate, serviceRate, t);
}

/** Mean wait in an M/M/c queue: C(c, λ/μ) / (cμ − λ). Infinity when unstable. */
export function mmcMeanWait(servers: number, arrivalRate: number, serviceRate: number): number {
  checkRates(arrivalRate, serviceRate);
  const c = erlangC(servers, arrivalRate / serviceRate);
  return meanWaitOf(c, servers, arrivalRate, serviceRate);
}

function nextErlangB(prev: number, k: number, load: number): number {
  const ab = load * prev;
  return ab === 0 ? 0 : ab / (k + ab);
}

function erlangCFromB(servers: number, load: number, b: number): number {
  if (load >= servers) return 1;
  if (load === 0) return 0;
  const c = (servers * b) / (servers - load * (1 - b));
  return c > 1 ? 1 : c;
}

function waitTail(c: number, servers: number, lambda: number, mu: number, t: number): number {
  const slack = servers * mu - lambda;
  if (!(slack > 0)) return 1;
  return t === 0 ? c : c * exp(-slack * t);
}

function meanWaitOf(c: number, servers: number, lambda: number, mu: number): number {
  const slack = servers * mu - lambda;
  if (!(slack > 0)) return Infinity;
  return c / slack;
}

// ------------------------------------------------------------------ sizing

/** The most replicas sizeReplicas will consider before declaring an objective out of reach. */
const MAX_SLA_SERVERS = 50_000_000;

/**
 * Replicas and hosts for a peak rate: the fewest replicas r ≥ minReplicas with
 *   peak ≤ r × capacity × target utilization   (the utilization target), and, with an SLA,
 *   the SLA met by an M/M/c queue of r × concurrency servers, each of rate capacity / concurrency.
 * Hosts = ceil(r / replicasPerHost). Monotone: a higher peak never gives fewer replicas.
 */
export function sizeReplicas(peakRate: number, service: PlanServiceParams, sla?: LatencySla): ReplicaSizing {
  if (!Number.isFinite(peakRate) || peakRate < 0) throw new RangeError(`the peak rate must be a finite number ≥ 0, got ${peakRate}`);
  const svc = resolveService(service);
  if (sla !== undefined) checkSla(sla);
  const { capacity, concurrency: k, mu, u, perHost, minReplicas } = svc;

  // (a positive peak needs at least one replica, however small: the guarded ceiling alone would round
  // a peak of a few ulps down to 0)
  const utilizationReplicas = peakRate > 0 ? Math.max(1, ceilGuarded(peakRate / (capacity * u))) : 0;
  let replicas = Math.max(minReplicas, utilizationReplicas);
  let boundBy: ReplicaSizing['boundBy'] = replicas > utilizationReplicas ? 'minReplicas' : 'utilization';

  let slaReplicas: number | null = null;
  let pWait: number | undefined;
  let pExceeds: number | undefined;
  let meanWait: number | undefined;
  if (sla !== undefined && (sla.waitQuantile !== undefined || sla.meanWait !== undefined)) {
    const a = peakRate / mu;
    // Walk r upward from the fewest stable replicas, carrying the Erlang B recursion along.
    let r = Math.max(1, Math.floor(a / k));
    while (r * k <= a) r++;
    if (peakRate === 0) r = 0;
    let b = 1;
    let servers = 0;
    const advance = (to: number) => {
      if (to > MAX_SLA_SERVERS) throw new PlanRefusal('sla-servers', { max: MAX_SLA_SERVERS, rate: num(peakRate) });
      for (; servers < to; ) b = nextErlangB(b, ++servers, a);
    };
    const meets = (rr: number): boolean => {
      if (peakRate === 0) return true;
      advance(rr * k);
      const c = erlangCFromB(servers, a, b);
      if (sla.waitQuantile && waitTail(c, servers, peakRate, mu, sla.waitQuantile.wait) > 1 - sla.waitQuantile.quantile) return false;
      if (sla.meanWait !== undefined && meanWaitOf(c, servers, peakRate, mu) > sla.meanWait) return false;
      return true;
    };
    while (!meets(r)) r++;
    slaReplicas = r;
    if (r > replicas) {
      replicas = r;
      boundBy = 'sla';
    }
    // the figures at the recommended count
    if (peakRate === 0) {
      pWait = 0;
      pExceeds = 0;
      meanWait = 0;
    } else {
      advance(replicas * k);
      const c = erlangCFromB(servers, a, b);
      pWait = c;
      if (sla.waitQuantile) pExceeds = waitTail(c, servers, peakRate, mu, sla.waitQuantile.wait);
      meanWait = meanWaitOf(c, servers, peakRate, mu);
    }
  }

  const hosts = Math.ceil(replicas / perHost);
  const utilizationAtPeak = replicas === 0 ? (peakRate === 0 ? 0 : Infinity) : peakRate / (replicas * capacity);

  const parts: string[] = [];
  parts.push(planText('x.utilizationNeeds', { u: fmt(u * 100), n: utilizationReplicas, capacity: num(capacity) }));
  if (slaReplicas !== null && sla !== undefined) {
    const goals: string[] = [];
    if (sla.waitQuantile) goals.push(planText('x.goalQuantile', { wait: durationText(sla.waitQuantile.wait), p: pct(1 - sla.waitQuantile.quantile) }));
    if (sla.meanWait !== undefined) goals.push(planText('x.goalMean', { wait: durationText(sla.meanWait) }));
    parts.push(planText('x.slaNeeds', { goals: goals.join(planText('x.and')), n: slaReplicas }));
  }
  if (boundBy === 'minReplicas') parts.push(planText('x.minReplicas', { n: minReplicas }));
  const achieved: string[] = [];
  if (pExceeds !== undefined && sla?.waitQuantile) achieved.push(planText('x.achievedQuantile', { wait: durationText(sla.waitQuantile.wait), p: pct(pExceeds) }));
  if (meanWait !== undefined && sla?.meanWait !== undefined) achieved.push(planText('x.achievedMean', { wait: durationText(meanWait) }));
  const why =
    boundBy === 'sla'
      ? planText('x.whySla', { achieved: achieved.join(planText('x.achievedSep')) })
      : boundBy === 'utilization'
        ? planText('x.whyUtilization', { p: pct(utilizationAtPeak) })
        : planText('x.whyMin');
  const explanation = planText('x.sizing', { parts: parts.join(planText('x.partSep')), replicas, why, hosts, perHost });

  return {
    peakRate,
    perReplicaCapacity: capacity,
    serversPerReplica: k,
    serviceRate: mu,
    replicas,
    hosts,
    boundBy,
    utilizationReplicas,
    slaReplicas,
    utilizationAtPeak,
    ...(pWait === undefined ? {} : { probabilityOfWaiting: pWait }),
    ...(pExceeds === undefined ? {} : { waitExceedsProbability: pExceeds }),
    ...(meanWait === undefined ? {} : { meanWait }),
    explanation,
    targetUtilization: u,
    replicasPerHost: perHost,
    minReplicas,
    ...(sla === undefined ? {} : { sla: structuredCopy(sla) }),
  };
}

// ------------------------------------------------------------------ the plan

/**
 * Backtests the models on the held-out end of the series, forecasts the horizon with the chosen
 * one, and sizes replicas and hosts for the forecast peak. Forecasts are floored at 0 (demand is
 * never negative). Throws RangeError naming the problem on bad input.
 */
export function planCapacity(input: PlanInput): PlanResult {
  const { series, stepSeconds, horizon } = input;
  if (!Number.isFinite(stepSeconds) || !(stepSeconds > 0)) throw new RangeError(`stepSeconds must be a positive number, got ${stepSeconds}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a whole number of steps ≥ 1, got ${horizon}`);
  const holdout = input.holdout ?? horizon;
  if (!Number.isInteger(holdout) || holdout < 1) throw new RangeError(`holdout must be a whole number of steps ≥ 1, got ${holdout}`);
  const choice = input.model ?? 'auto';
  if (choice !== 'auto' && !PLAN_MODELS.includes(choice)) throw new RangeError(`model must be auto, ${PLAN_MODELS.join(', ')}; got ${String(choice)}`);
  for (let i = 0; i < series.length; i++) {
    const v = series[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`series[${i}] is not a finite number (${v})`);
    if (v < 0) throw new RangeError(`series[${i}] is negative (${v}); demand is never below 0`);
  }
  let season: number | null;
  if (input.seasonLength !== undefined) {
    if (!Number.isInteger(input.seasonLength) || input.seasonLength < 2) throw new RangeError(`seasonLength must be a whole number of steps ≥ 2, got ${input.seasonLength}`);
    season = input.seasonLength;
  } else season = defaultSeasonLength(stepSeconds);
  // validate the service and SLA before the (costlier) fitting
  resolveService(input.service);
  if (input.sla !== undefined) checkSla(input.sla);

  const n = series.length;
  if (holdout >= n) throw new PlanRefusal('series-short', { n, holdout });
  const trainLength = n - holdout;
  const train = series.slice(0, trainLength);
  const actual = series.slice(trainLength);
  const lead = season === null ? 1 : Math.min(horizon, season);

  const candidates = choice === 'auto' ? PLAN_MODELS : [choice];
  const trials: ModelTrial[] = candidates.map((model) => {
    const short = shortfall(model, trainLength, season);
    if (short !== null) {
      const reason = short.text;
      if (choice !== 'auto') throw new PlanRefusal('series-short-model', { model, n, holdout, train: trainLength, need: short.need.kind, needSteps: short.need.steps });
      return { model, ok: false, reason, need: short.need };
    }
    const { forecast, params } = runModel(model, train, holdout, season, lead);
    return { model, ok: true, mape: mape(actual, forecast), mae: meanAbsError(actual, forecast), forecast, params };
  });
  let best: Extract<ModelTrial, { ok: true }> | null = null;
  for (const t of trials) {
    if (!t.ok) continue;
    if (best === null || better(t, best)) best = t;
  }
  if (best === null) {
    const needs: Record<string, string | number> = {};
    for (const t of trials) {
      if (t.ok) continue;
      needs[`need.${t.model}`] = t.need.kind;
      needs[`steps.${t.model}`] = t.need.steps;
    }
    throw new PlanRefusal('series-short-any', { n, holdout, train: trainLength, ...needs });
  }

  // the real forecast: the chosen model on the whole history
  const { forecast: values, params } = runModel(best.model, series, horizon, season, lead);
  let peakStep = 0;
  for (let h = 1; h < values.length; h++) if (values[h]! > values[peakStep]!) peakStep = h;
  const peakValue = values[peakStep]!;
  const peakRate = peakValue / stepSeconds;
  const recommendation = sizeReplicas(peakRate, input.service, input.sla);

  const mapeText = Number.isNaN(best.mape) ? planText('x.mapeUndefined') : planText('x.mape', { x: fmt1(best.mape) });
  const explanation = planText('x.plan', {
    rate: num(peakRate),
    value: num(peakValue),
    step: durationText(stepSeconds),
    k: peakStep + 1,
    horizon,
    model: best.model,
    mape: mapeText,
    sizing: recommendation.explanation,
  });

  return {
    model: best.model,
    params,
    stepSeconds,
    seasonLength: season,
    backtest: { trainLength, holdout, actual, models: trials, forecast: best.forecast, mape: best.mape, mae: best.mae },
    forecast: { values, peak: { step: peakStep + 1, index: n + peakStep, value: peakValue, rate: peakRate } },
    recommendation,
    explanation,
  };
}

/** One day in steps when the step divides a day into at least 2 whole steps; otherwise null. */
export function defaultSeasonLength(stepSeconds: number): number | null {
  const m = 86400 / stepSeconds;
  return Number.isInteger(m) && m >= 2 && m * stepSeconds === 86400 ? m : null;
}

function shortfall(model: PlanModel, trainLength: number, season: number | null): { text: string; need: Extract<ModelTrial, { ok: false }>['need'] } | null {
  if (model === 'linear') return trainLength >= 2 ? null : { text: planText('need.linear'), need: { kind: 'linear', steps: 2 } };
  if (season === null) return { text: planText('need.no-season'), need: { kind: 'no-season', steps: 0 } };
  if (model === 'seasonal-naive') return trainLength >= season ? null : { text: planText('need.one-season', { n: season }), need: { kind: 'one-season', steps: season } };
  return trainLength >= 2 * season + 1 ? null : { text: planText('need.two-seasons', { n: 2 * season + 1 }), need: { kind: 'two-seasons', steps: 2 * season + 1 } };
}

/** A plain copy of the SLA (the result holds data, not the caller's object). */
function structuredCopy(sla: LatencySla): LatencySla {
  return {
    ...(sla.waitQuantile ? { waitQuantile: { wait: sla.waitQuantile.wait, quantile: sla.waitQuantile.quantile } } : {}),
    ...(sla.meanWait !== undefined ? { meanWait: sla.meanWait } : {}),
  };
}

function runModel(model: PlanModel, history: readonly number[], steps: number, season: number | null, lead: number): { forecast: number[]; params: PlanModelParams } {
  switch (model) {
    case 'linear': {
      const { intercept, slope } = fitLinear(history);
      return { forecast: floor0(linearTrend(history, steps)), params: { model, intercept, slope } };
    }
    case 'seasonal-naive':
      return { forecast: floor0(seasonalNaive(history, season!, steps)), params: { model, seasonLength: season! } };
    case 'holt-winters': {
      const fit = fitHoltWinters(history, season!, { lead });
      const { alpha, beta, gamma } = fit;
      return {
        forecast: floor0(holtWinters(history, { seasonLength: season!, alpha, beta, gamma }, steps)),
        params: { model, seasonLength: season!, alpha, beta, gamma, lead },
      };
    }
  }
}

/** Lower MAPE wins; NaN MAPE (all-zero holdout) loses to any number; then lower MAE; then order. */
function better(a: Extract<ModelTrial, { ok: true }>, b: Extract<ModelTrial, { ok: true }>): boolean {
  const an = Number.isNaN(a.mape);
  const bn = Number.isNaN(b.mape);
  if (an !== bn) return bn;
  if (!an && a.mape !== b.mape) return a.mape < b.mape;
  return a.mae < b.mae;
}

function floor0(xs: number[]): number[] {
  for (let i = 0; i < xs.length; i++) if (xs[i]! < 0) xs[i] = 0;
  return xs;
}

function meanAbsError(actual: readonly number[], predicted: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - predicted[i]!);
  return actual.length === 0 ? NaN : s / actual.length;
}

// ------------------------------------------------------------------ demand series

/**
 * Sums consecutive counts (each covering `intervalSeconds`, e.g. 60 for per-minute counts) into
 * steps of `stepSeconds`, which must be a whole multiple of the interval. A final partial step is
 * left out (it would look like a drop in demand); `droppedTail` says how many values that was.
 */
export function aggregateCounts(counts: readonly number[], intervalSeconds: number, stepSeconds: number): { series: number[]; droppedTail: number } {
  if (!Number.isFinite(intervalSeconds) || !(intervalSeconds > 0)) throw new RangeError(`intervalSeconds must be a positive number, got ${intervalSeconds}`);
  if (!Number.isFinite(stepSeconds) || !(stepSeconds > 0)) throw new RangeError(`the step must be a positive number of seconds, got ${stepSeconds}`);
  const ratio = stepSeconds / intervalSeconds;
  const factor = Math.round(ratio);
  if (factor < 1 || Math.abs(ratio - factor) > 1e-9 * ratio)
    throw new RangeError(`the step (${durationText(stepSeconds)}) must be a whole multiple of the data's interval (${durationText(intervalSeconds)})`);
  counts.forEach((c, i) => {
    if (!Number.isFinite(c) || c < 0) throw new RangeError(`counts[${i}] must be a finite number ≥ 0, got ${c}`);
  });
  const steps = Math.floor(counts.length / factor);
  if (steps === 0) throw new RangeError(`the data cover ${counts.length} × ${durationText(intervalSeconds)}, less than one step of ${durationText(stepSeconds)}`);
  const series = new Array<number>(steps).fill(0);
  for (let s = 0; s < steps; s++) {
    let sum = 0;
    for (let j = s * factor; j < (s + 1) * factor; j++) sum += counts[j]!;
    series[s] = sum;
  }
  return { series, droppedTail: counts.length - steps * factor };
}

/**
 * Counts arrival times (seconds) per step of `stepSeconds`, steps starting at `start` (default: the
 * first arrival rounded down to a whole step, so hourly steps of a log that starts at midnight stay
 * on the hour). The data are taken to end at the last arrival, so only whole steps up to it are
 * kept; `droppedTail` is the number of arrivals in the partial step after them.
 */
export function bucketArrivals(times: readonly number[], stepSeconds: number, start?: number): { series: number[]; start: number; droppedTail: number } {
  if (!Number.isFinite(stepSeconds) || !(stepSeconds > 0)) throw new RangeError(`the step must be a positive number of seconds, got ${stepSeconds}`);
  if (times.length === 0) throw new RangeError('there are no arrival times');
  let lo = Infinity;
  let hi = -Infinity;
  times.forEach((t, i) => {
    if (!Number.isFinite(t)) throw new RangeError(`times[${i}] is not a finite number (${t})`);
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  });
  const origin = start ?? Math.floor(lo / stepSeconds) * stepSeconds;
  if (!Number.isFinite(origin)) throw new RangeError(`start must be a finite number, got ${origin}`);
  if (lo < origin) throw new RangeError(`an arrival at ${lo} s comes before the start (${origin} s)`);
  const steps = Math.floor((hi - origin) / stepSeconds);
  if (steps === 0) throw new RangeError(`the arrivals span ${fmt(hi - origin)} s, less than one step of ${durationText(stepSeconds)}`);
  const series = new Array<number>(steps).fill(0);
  let dropped = 0;
  for (const t of times) {
    const i = Math.floor((t - origin) / stepSeconds);
    if (i < steps) series[i]!++;
    else dropped++;
  }
  return { series, start: origin, droppedTail: dropped };
}

// ------------------------------------------------------------------ checks and text

interface ResolvedService {
  capacity: number;
  concurrency: number;
  mu: number;
  u: number;
  perHost: number;
  minReplicas: number;
}

function resolveService(s: PlanServiceParams): ResolvedService {
  const k = s.concurrency ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${k}`);
  let capacity: number;
  if (s.perReplicaCapacity !== undefined && s.meanServiceTime !== undefined) throw new RangeError('give perReplicaCapacity or meanServiceTime, not both');
  if (s.perReplicaCapacity !== undefined) {
    capacity = s.perReplicaCapacity;
    if (!Number.isFinite(capacity) || !(capacity > 0)) throw new RangeError(`perReplicaCapacity must be a positive number of requests per second, got ${capacity}`);
  } else if (s.meanServiceTime !== undefined) {
    const t = s.meanServiceTime;
    if (!Number.isFinite(t) || !(t > 0)) throw new RangeError(`meanServiceTime must be a positive number of seconds, got ${t}`);
    capacity = k / t;
  } else throw new RangeError('the service needs perReplicaCapacity or meanServiceTime');
  const u = s.targetUtilization;
  if (!(u > 0 && u <= 1)) throw new RangeError(`targetUtilization must be in (0, 1], got ${u}`);
  const perHost = s.replicasPerHost;
  if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError(`replicasPerHost must be a whole number ≥ 1, got ${perHost}`);
  const minReplicas = s.minReplicas ?? 1;
  if (!Number.isInteger(minReplicas) || minReplicas < 0) throw new RangeError(`minReplicas must be a whole number ≥ 0, got ${minReplicas}`);
  return { capacity, concurrency: k, mu: capacity / k, u, perHost, minReplicas };
}

function checkSla(sla: LatencySla): void {
  if (sla.waitQuantile !== undefined) {
    const { wait, quantile } = sla.waitQuantile;
    if (!Number.isFinite(wait) || wait < 0) throw new RangeError(`the SLA wait must be a finite number of seconds ≥ 0, got ${wait}`);
    if (!(quantile > 0 && quantile < 1)) throw new RangeError(`the SLA quantile must be between 0 and 1 (exclusive), got ${quantile}`);
  }
  if (sla.meanWait !== undefined && (!Number.isFinite(sla.meanWait) || !(sla.meanWait > 0)))
    throw new RangeError(`the SLA mean wait must be a positive number of seconds, got ${sla.meanWait}`);
}

function checkServers(c: number): void {
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`servers must be a whole number ≥ 1, got ${c}`);
}

function checkLoad(a: number): void {
  if (!Number.isFinite(a) || a < 0) throw new RangeError(`the offered load must be a finite number ≥ 0, got ${a}`);
}

function checkRates(lambda: number, mu: number): void {
  if (!Number.isFinite(lambda) || lambda < 0) throw new RangeError(`the arrival rate must be a finite number ≥ 0, got ${lambda}`);
  if (!Number.isFinite(mu) || !(mu > 0)) throw new RangeError(`the service rate must be a positive number, got ${mu}`);
}

/** "0.8 %", "12.3 %", "0.012 %". */
function pct(p: number): string {
  if (!Number.isFinite(p)) return String(p);
  const x = p * 100;
  return `${x !== 0 && Math.abs(x) < 0.1 ? String(Number(x.toPrecision(2))) : fmt1(x)} %`;
}

/** A quantity for a sentence: whole above 100, 3 decimals at most above 1, 3 significant digits below. */
function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return String(Math.round(x));
  if (a >= 1 || a === 0) return fmt(x);
  return String(Number(x.toPrecision(3)));
}

function fmt1(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1);
}

/** Seconds as "200 ms", "30 s", "1 h", "1.5 d". */
function durationText(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  if (s < 1) return `${fmt(s * 1000)} ms`;
  if (s < 60) return `${fmt(s)} s`;
  if (s < 3600) return `${fmt(s / 60)} min`;
  if (s < 86400) return `${fmt(s / 3600)} h`;
  return `${fmt(s / 86400)} d`;
}
