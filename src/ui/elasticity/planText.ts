/**
 * A capacity plan's sentences in the reader's language, from the plan's data: the explanation, why a
 * model was not tried, and the planner's refusals. Display only. The number formats are the core's
 * (so the English matches the CLI's sentence; planText.test.ts checks it).
 */
import type { CapacityPlanResult, ModelTrial, PlanResult, ReplicaSizing } from '../../workers/planning';
import type { Translate } from '../i18n/messages';
import type { planMessages } from './plan.messages';
// A leaf of pure data and its fill functions: the lint rules let the UI load it at run time.
import { planRefusalText } from '../../core/elasticity/plan-text';

export type PlanT = Translate<keyof (typeof planMessages)['en'] & string>;

const fmt = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x * 1000) / 1000;
  return String(r === 0 ? 0 : r);
};
const fmt1 = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);
/** "0.8 %", "12.3 %", "0.012 %". */
const pct = (p: number): string => {
  if (!Number.isFinite(p)) return String(p);
  const x = p * 100;
  return `${x !== 0 && Math.abs(x) < 0.1 ? String(Number(x.toPrecision(2))) : fmt1(x)} %`;
};
/** Whole above 100, 3 decimals at most above 1, 3 significant digits below. */
const num = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return String(Math.round(x));
  if (a >= 1 || a === 0) return fmt(x);
  return String(Number(x.toPrecision(3)));
};
/** Seconds as "200 ms", "30 s", "5 min", "1 h", "1.5 d". */
const durationText = (s: number): string => {
  if (!Number.isFinite(s)) return String(s);
  if (s < 1) return `${fmt(s * 1000)} ms`;
  if (s < 60) return `${fmt(s)} s`;
  if (s < 3600) return `${fmt(s / 60)} min`;
  if (s < 86400) return `${fmt(s / 3600)} h`;
  return `${fmt(s / 86400)} d`;
};

/** The sizing sentence (ReplicaSizing.explanation). */
export function sizingText(t: PlanT, r: ReplicaSizing): string {
  const parts = [t('x.utilizationNeeds', { u: fmt(r.targetUtilization * 100), n: r.utilizationReplicas, capacity: num(r.perReplicaCapacity) })];
  const sla = r.sla;
  if (r.slaReplicas !== null && sla !== undefined) {
    const goals: string[] = [];
    if (sla.waitQuantile) goals.push(t('x.goalQuantile', { wait: durationText(sla.waitQuantile.wait), p: pct(1 - sla.waitQuantile.quantile) }));
    if (sla.meanWait !== undefined) goals.push(t('x.goalMean', { wait: durationText(sla.meanWait) }));
    parts.push(t('x.slaNeeds', { goals: goals.join(t('x.and')), n: r.slaReplicas }));
  }
  if (r.boundBy === 'minReplicas') parts.push(t('x.minReplicas', { n: r.minReplicas }));
  const achieved: string[] = [];
  if (r.waitExceedsProbability !== undefined && sla?.waitQuantile) achieved.push(t('x.achievedQuantile', { wait: durationText(sla.waitQuantile.wait), p: pct(r.waitExceedsProbability) }));
  if (r.meanWait !== undefined && sla?.meanWait !== undefined) achieved.push(t('x.achievedMean', { wait: durationText(r.meanWait) }));
  const why = r.boundBy === 'sla' ? t('x.whySla', { achieved: achieved.join(t('x.achievedSep')) }) : r.boundBy === 'utilization' ? t('x.whyUtilization', { p: pct(r.utilizationAtPeak) }) : t('x.whyMin');
  return t('x.sizing', { parts: parts.join(t('x.partSep')), replicas: r.replicas, why, hosts: r.hosts, perHost: r.replicasPerHost });
}

/** The whole plan in one sentence (PlanResult.explanation). */
export function planExplanation(t: PlanT, p: PlanResult): string {
  const mape = Number.isNaN(p.backtest.mape) ? t('x.mapeUndefined') : t('x.mape', { x: fmt1(p.backtest.mape) });
  return t('x.plan', {
    rate: num(p.forecast.peak.rate),
    value: num(p.forecast.peak.value),
    step: durationText(p.stepSeconds),
    k: p.forecast.peak.step,
    horizon: p.forecast.values.length,
    model: p.model,
    mape,
    sizing: sizingText(t, p.recommendation),
  });
}

/** Why a model was not tried. */
export function notTriedReason(t: PlanT, m: Extract<ModelTrial, { ok: false }>): string {
  return m.need ? t(`need.${m.need.kind}`, { n: m.need.steps }) : m.reason;
}

/** The planner's refusal in words: from its code and figures when it has them (the core's own builder), else its English sentence. */
export function planError(t: PlanT, r: Extract<CapacityPlanResult, { ok: false }>): string {
  return r.code ? planRefusalText(t, r.code, r.params) : r.error;
}
