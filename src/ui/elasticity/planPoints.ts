/**
 * A capacity plan (from the worker) → chart rows: the demand that happened, the chosen model's
 * forecast of the held-out steps (the backtest) and its forecast of the steps ahead, as requests per
 * second at the end of each step. Also the choices the planning form offers. Display only.
 */
import type { CapacityPlanResult } from '../../workers/planning';
import { formatSpan } from '../format';

type Plan = Extract<CapacityPlanResult, { ok: true }>;

export interface PlanPoint {
  /** End of the step, simulated seconds. */
  t: number;
  actual: number | null;
  backtest: number | null;
  forecast: number | null;
}

/** Points drawn at most; older history is left off the chart beyond it. */
export const MAX_PLAN_POINTS = 1000;

/**
 * The chart shows the recent past, where the comparison is: at least 48 steps or six times the held-out
 * and forecast steps, within `maxPoints` in all (the held-out steps are always shown).
 */
export function planPoints(r: Plan, maxPoints = MAX_PLAN_POINTS): { points: PlanPoint[]; hiddenSteps: number } {
  const step = r.stepSeconds;
  const n = r.history.length;
  const holdout = r.plan.backtest.holdout;
  const ahead = r.plan.forecast.values;
  const recent = Math.max(48, 6 * (holdout + ahead.length));
  const first = Math.max(0, Math.min(n - holdout, Math.max(n - recent, n + ahead.length - maxPoints)));
  const origin = r.historyStart;
  const points: PlanPoint[] = [];
  for (let i = first; i < n; i++) {
    const b = i - (n - holdout);
    points.push({
      t: origin + (i + 1) * step,
      actual: r.history[i]! / step,
      backtest: b >= 0 ? (r.plan.backtest.forecast[b] ?? 0) / step : null,
      forecast: null,
    });
  }
  // The forecast starts from the last real step so the line joins it.
  if (points.length > 0) points[points.length - 1]!.forecast = points[points.length - 1]!.actual;
  ahead.forEach((v, k) => points.push({ t: origin + (n + k + 1) * step, actual: null, backtest: null, forecast: v / step }));
  return { points, hiddenSteps: first };
}

export interface Choice {
  seconds: number;
  /** A duration token ("5 min", "1 h"); whole days are named by `days` instead (a word to translate). */
  label: string;
  days?: number;
}

const STEPS: readonly Choice[] = [
  { seconds: 30, label: '30 s' },
  { seconds: 60, label: '1 min' },
  { seconds: 300, label: '5 min' },
  { seconds: 900, label: '15 min' },
  { seconds: 3600, label: '1 h' },
];

const HORIZONS: readonly Choice[] = [
  { seconds: 300, label: '5 min' },
  { seconds: 600, label: '10 min' },
  { seconds: 1800, label: '30 min' },
  { seconds: 3600, label: '1 h' },
  { seconds: 6 * 3600, label: '6 h' },
  { seconds: 86400, label: '24 h', days: 1 },
];

const isMultiple = (a: number, b: number): boolean => b > 0 && Math.abs(a / b - Math.round(a / b)) < 1e-9 && Math.round(a / b) >= 1;

/** Steps that are whole multiples of the metrics interval. */
export function stepChoices(metricsInterval: number): Choice[] {
  const out = STEPS.filter((s) => isMultiple(s.seconds, metricsInterval));
  return out.length > 0 ? out : [{ seconds: metricsInterval, label: formatSpan(metricsInterval) }];
}

/** Horizons of 1 to 1,000 whole steps. */
export function horizonChoices(step: number): Choice[] {
  return HORIZONS.filter((h) => isMultiple(h.seconds, step) && h.seconds / step <= 1000);
}

/** A step and horizon that suit a run of `duration` seconds (the plan needs the horizon twice over, and then some). */
export function defaultPlanWindow(duration: number, metricsInterval: number): { step: number; horizon: number } {
  const steps = stepChoices(metricsInterval);
  const pick = (want: number): number => (steps.find((s) => s.seconds >= want) ?? steps[steps.length - 1] ?? { seconds: metricsInterval }).seconds;
  let step: number;
  let horizon: number;
  if (duration >= 2 * 86400) {
    step = pick(3600);
    horizon = 86400;
  } else if (duration >= 6 * 3600) {
    step = pick(900);
    horizon = 3600;
  } else {
    step = pick(60);
    horizon = 300;
  }
  const hs = horizonChoices(step);
  if (!hs.some((h) => h.seconds === horizon)) horizon = hs[0]?.seconds ?? step;
  return { step, horizon };
}
