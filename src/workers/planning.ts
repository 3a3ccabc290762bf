/**
 * Capacity planning from the run in progress: the arrivals at one service (the `${id}.arrivals`
 * series, requests per second per metrics interval) are turned into requests per step and handed
 * to the core's planner (backtest on a holdout, forecast, replica and host sizing). Everything the
 * page gets back is plain data; every problem is one plain sentence, never an exception.
 *
 * `planFromSeries` is the pure part (series in, plan out); `planForService` fetches the series and
 * the scenario from a SimService.
 */
import {
  aggregateCounts,
  distributionMean,
  durationSeconds,
  formatDuration,
  planCapacity as corePlanCapacity,
  PLAN_MODELS,
  PlanRefusal,
  planRefusalEnglish,
  type LatencySla,
  type PlanRefusalCode,
  type PlanRefusalParams,
  type ModelTrial,
  type PlanModel,
  type PlanModelChoice,
  type PlanModelParams,
  type PlanResult,
  type ReplicaSizing,
  type Scenario,
} from '../core/index';
import type { SimService } from './service';
import { hiddenText } from './readScope';

export type { PlanModel, PlanModelChoice, PlanResult, ModelTrial, PlanModelParams, ReplicaSizing };

/** What the page asks for. Durations are seconds or strings such as "5m", "1h". */
export interface CapacityPlanRequest {
  /** Length of one step of the demand series. */
  step: number | string;
  /** How far ahead to forecast (also what is held out to check the forecast, unless `holdout`). */
  horizon: number | string;
  /** How much of the end of the history to hold out for the backtest (default: the horizon). */
  holdout?: number | string;
  /** 'auto' (default) picks the model with the lowest holdout error. */
  model?: PlanModelChoice;
  /** Utilization to plan for at the forecast peak, 0 < u ≤ 1. */
  targetUtilization: number;
  /** Replicas that fit on one host, ≥ 1. */
  replicasPerHost: number;
  /** Optional latency objective: P(wait > slaWait) ≤ 1 − slaQuantile (Erlang C, one shared line). */
  slaWait?: number | string;
  /** Default 0.99. */
  slaQuantile?: number;
}

export type CapacityPlanResult =
  | {
      ok: true;
      serviceId: string;
      stepSeconds: number;
      /** Requests per step of the history the plan used, oldest first; step i ends at historyStart + (i + 1) × stepSeconds. */
      history: number[];
      /** Simulated time the first step of `history` begins. */
      historyStart: number;
      /** Whole metrics intervals at the end left out because they do not fill a step. */
      droppedIntervals: number;
      /** How one replica's capacity was found (from the scenario's service). */
      capacityNote: string;
      /** The figures of `capacityNote`: requests per second one replica serves at 100 %, its slots, the mean work per request (seconds). */
      capacity: { perReplica: number; concurrency: number; meanWork: number };
      plan: PlanResult;
    }
  | {
      ok: false;
      error: string;
      /** For the planner's own refusals: which one, with its figures (durations as duration tokens such as "6h2m"), for wording it in other languages. */
      code?: PlanErrorCode;
      params?: PlanRefusalParams;
    };

/** The planner's refusal codes (src/core/elasticity/plan-text.ts holds their English). */
export type PlanErrorCode = PlanRefusalCode;

/** The parts of the metrics series the planner reads (a SeriesDelta or the core's SeriesStore). */
export interface PlanSeries {
  time: ArrayLike<number>;
  column(name: string): ArrayLike<number> | undefined;
}

/** What planning needs to know about the service and the scenario. */
export interface PlanServiceInfo {
  id: string;
  /** Seconds between two samples of the series. */
  metricsInterval: number;
  /** Mean work per request, seconds of one slot. */
  meanWork: number;
  concurrency: number;
  /** Fewest replicas (the autoscaler's minimum, else 1). */
  minReplicas: number;
}

/** Steps the page may ask to forecast at most (one point each on its chart). */
export const MAX_HORIZON_STEPS = 1000;
/** Steps of history the planner works on at most (older ones are left out). */
export const MAX_HISTORY_STEPS = 20_000;

const text = (seconds: number): string => formatDuration(seconds);

type Refusal = Extract<CapacityPlanResult, { ok: false }>;

/** A refusal with its code and figures, its English from the core's templates. */
function refuse(code: PlanRefusalCode, params?: PlanRefusalParams): Refusal {
  return { ok: false, error: planRefusalEnglish(code, params), code, ...(params ? { params } : {}) };
}

function seconds(value: number | string | undefined, what: 'step' | 'horizon' | 'holdout' | 'slaWait', positive: boolean): number | Refusal {
  if (value === undefined) return Number.NaN;
  const s = durationSeconds(value);
  if (!Number.isFinite(s) || s < 0 || (positive && s === 0)) {
    return refuse('bad-duration', { field: what, value: String(value), positive: positive ? 1 : 0 });
  }
  return s;
}

/** Steps a model needs to train on (the refusal words why from the model). */
function trainingNeed(model: PlanModelChoice, season: number | null): { steps: number; model: 'linear' | 'seasonal-naive' | 'holt-winters' } | null {
  switch (model) {
    case 'auto':
    case 'linear':
      return { steps: 2, model: 'linear' };
    case 'seasonal-naive':
      return season === null ? null : { steps: season, model };
    case 'holt-winters':
      return season === null ? null : { steps: 2 * season + 1, model };
  }
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * The plan for `info.id` from the series as it stands. Only whole metrics intervals count (the
 * last sample, at the end of a run, may cover less); they are summed into steps of `req.step`.
 */
export function planFromSeries(series: PlanSeries, info: PlanServiceInfo, req: CapacityPlanRequest): CapacityPlanResult {
  try {
    return plan(series, info, req);
  } catch (e) {
    if (e instanceof PlanRefusal) return refuse(e.code, e.params);
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function plan(series: PlanSeries, info: PlanServiceInfo, req: CapacityPlanRequest): CapacityPlanResult {
  if (req === null || typeof req !== 'object') return refuse('bad-request');
  const step = seconds(req.step, 'step', true);
  if (typeof step !== 'number') return step;
  const horizon = seconds(req.horizon, 'horizon', true);
  if (typeof horizon !== 'number') return horizon;
  const holdoutSeconds = req.holdout === undefined ? horizon : seconds(req.holdout, 'holdout', true);
  if (typeof holdoutSeconds !== 'number') return holdoutSeconds;
  const model: PlanModelChoice = req.model ?? 'auto';
  if (model !== 'auto' && !(PLAN_MODELS as readonly string[]).includes(model)) return refuse('bad-model', { models: PLAN_MODELS.join(', '), value: String(model) });
  const u = req.targetUtilization;
  if (typeof u !== 'number' || !(u > 0 && u <= 1)) return refuse('bad-utilization', { value: String(u) });
  const perHost = req.replicasPerHost;
  if (typeof perHost !== 'number' || !Number.isInteger(perHost) || perHost < 1)
    return refuse('bad-per-host', { value: String(perHost) });
  let sla: LatencySla | undefined;
  if (req.slaWait !== undefined && req.slaWait !== '') {
    const wait = seconds(req.slaWait, 'slaWait', false);
    if (typeof wait !== 'number') return wait;
    const q = req.slaQuantile ?? 0.99;
    if (typeof q !== 'number' || !(q > 0 && q < 1)) return refuse('bad-quantile', { value: String(q) });
    sla = { waitQuantile: { wait, quantile: q } };
  }

  const interval = info.metricsInterval;
  const ratio = step / interval;
  if (Math.round(ratio) < 1 || Math.abs(ratio - Math.round(ratio)) > 1e-9 * ratio)
    return refuse('not-step-multiple', { step: text(step), interval: text(interval) });
  const stepsOf = (s: number): number => Math.round(s / step);
  if (Math.abs(horizon / step - stepsOf(horizon)) > 1e-9 * (horizon / step) || stepsOf(horizon) < 1)
    return refuse('not-whole-steps', { field: 'horizon', value: text(horizon), step: text(step) });
  if (Math.abs(holdoutSeconds / step - stepsOf(holdoutSeconds)) > 1e-9 * (holdoutSeconds / step) || stepsOf(holdoutSeconds) < 1)
    return refuse('not-whole-steps', { field: 'holdout', value: text(holdoutSeconds), step: text(step) });
  const horizonSteps = stepsOf(horizon);
  const holdout = stepsOf(holdoutSeconds);
  if (horizonSteps > MAX_HORIZON_STEPS)
    return refuse('too-many-steps', { step: text(step), horizon: text(horizon), steps: horizonSteps, max: MAX_HORIZON_STEPS });

  const rate = series.column(`${info.id}.arrivals`);
  if (!rate) return refuse('no-arrivals', { id: info.id });
  // Requests per whole metrics interval.
  const counts: number[] = [];
  const n = Math.min(series.time.length, rate.length);
  for (let r = 0; r < n; r++) {
    const dt = series.time[r]! - (r === 0 ? 0 : series.time[r - 1]!);
    if (Math.abs(dt - interval) > 1e-9 * interval) continue;
    const v = rate[r]!;
    counts.push(Number.isFinite(v) && v > 0 ? v * dt : 0);
  }
  const history = counts.length * interval;
  const season = 86400 / step >= 2 && Number.isInteger(86400 / step) ? 86400 / step : null;
  const need = trainingNeed(model, season);
  if (need === null) return refuse('needs-season', { model, step: text(step) });
  const needSteps = holdout + need.steps;
  const haveSteps = Math.floor(history / step);
  if (haveSteps < needSteps) {
    return refuse('short-history', { history: history > 0 ? text(history) : '', step: text(step), horizon: text(horizon), need: text(needSteps * step), holdout, train: need.steps, model: need.model });
  }

  const agg = aggregateCounts(counts, interval, step);
  const demand = agg.series.length > MAX_HISTORY_STEPS ? agg.series.slice(agg.series.length - MAX_HISTORY_STEPS) : agg.series;
  const result = corePlanCapacity({
    series: demand,
    stepSeconds: step,
    horizon: horizonSteps,
    holdout,
    model,
    service: { meanServiceTime: info.meanWork, concurrency: info.concurrency, targetUtilization: u, replicasPerHost: perHost, minReplicas: info.minReplicas },
    ...(sla ? { sla } : {}),
  });
  const perReplica = info.concurrency / info.meanWork;
  const capacityNote = `one replica serves ${round(perReplica)} req/s at 100 %: ${plural(info.concurrency, 'slot')} ÷ ${text(info.meanWork)} mean work per request`;
  return {
    ok: true,
    serviceId: info.id,
    stepSeconds: step,
    history: demand,
    historyStart: (agg.series.length - demand.length) * step,
    droppedIntervals: agg.droppedTail,
    capacityNote,
    capacity: { perReplica, concurrency: info.concurrency, meanWork: info.meanWork },
    // A plain copy: the page gets data, not the core's frozen arrays.
    plan: structuredClone(result),
  };
}

function round(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x * 100) / 100);
}

/** The figures of a scenario's service that planning needs, or the refusal. */
export function serviceInfo(scenario: Scenario, serviceId: string): PlanServiceInfo | Refusal {
  const svc = scenario.services.find((s) => s.id === serviceId);
  if (!svc) return refuse('no-service', { id: String(serviceId) });
  const interval = durationSeconds(scenario.metricsInterval);
  let meanWork: number;
  try {
    meanWork = distributionMean(svc.work);
  } catch (e) {
    return refuse('work-unknown', { id: serviceId, error: e instanceof Error ? e.message : String(e) });
  }
  if (!(meanWork > 0) || !Number.isFinite(meanWork)) return refuse('work-not-positive', { id: serviceId, value: String(meanWork) });
  return { id: svc.id, metricsInterval: interval, meanWork, concurrency: svc.concurrency, minReplicas: Math.max(1, svc.autoscaler?.minReplicas ?? 1) };
}

/** The plan for a service of the run loaded in `service`, from the run's own series up to now. */
export function planForService(service: SimService, serviceId: string, req: CapacityPlanRequest): CapacityPlanResult {
  const scenario = service.currentScenario();
  if (!scenario) return refuse('no-scenario');
  const info = serviceInfo(scenario, serviceId);
  if ('ok' in info) return info;
  // The plan is read from the service's arrivals: a principal who may not read it gets no plan.
  const hidden = service.serviceReadDenial(serviceId);
  if (hidden) return { ok: false, error: hiddenText(hidden) };
  const series = service.seriesView();
  if (!series) return refuse('no-series');
  return planFromSeries(series, info, req);
}
