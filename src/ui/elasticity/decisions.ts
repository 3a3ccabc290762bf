/**
 * The autoscalers' decision log on the page: a window of the latest entries (the worker sends new
 * ones with each push), filtered for display, and the words and units the console shows them in.
 * Display only: every number comes from the worker.
 */
import type { ScalingDecision } from '../../workers/sim.worker';
import { translate, translator, type Translate } from '../i18n/messages';
import { currentLang } from '../i18n/lang';
import { elasticityMessages } from './messages';

export type ElasticityT = Translate<keyof (typeof elasticityMessages)['en'] & string>;
/** The panel's words in the language chosen now (for callers outside React). */
const nowT = (): ElasticityT => translator(elasticityMessages, currentLang());

/** Entries the page keeps at most (the worker sends at most 2,000 in one push; the CLI has them all). */
export const DECISIONS_KEPT = 3_000;

/** A decision with its position in the run's log (0 = the first), for keys and "of N". */
export interface DecisionRow {
  seq: number;
  d: ScalingDecision;
}

export interface DecisionLogState {
  rows: DecisionRow[];
  /** Entries of the run's log seen so far (kept or not). */
  total: number;
  /** Increments whenever the log starts over (load, reset): forms showing settings re-read them. */
  runRev: number;
}

export const EMPTY_DECISIONS: DecisionLogState = { rows: [], total: 0, runRev: 0 };

/** Applies one delta from the worker: `reset` drops what was kept; new entries are appended, the oldest dropped beyond `keep`. */
export function applyDecisions(state: DecisionLogState, delta: { reset: boolean; entries: readonly ScalingDecision[] }, keep = DECISIONS_KEPT): DecisionLogState {
  if (!delta.reset && delta.entries.length === 0) return state;
  const base = delta.reset ? { rows: [] as DecisionRow[], total: 0, runRev: state.runRev + 1 } : state;
  if (delta.entries.length === 0) return base;
  // After a reset the worker sends at most the latest window of the log: number them from the end.
  const firstSeq = base.total;
  const fresh = delta.entries.map((d, i) => ({ seq: firstSeq + i, d }));
  const rows = base.rows.concat(fresh);
  return { rows: rows.length > keep ? rows.slice(rows.length - keep) : rows, total: base.total + delta.entries.length, runRev: base.runRev };
}

/** A decision that changed the count (or the policy). */
export function isChange(d: ScalingDecision): boolean {
  return d.replicas !== d.current || d.why?.kind === 'policy-changed' || d.reason.startsWith('policy changed');
}

export interface DecisionFilter {
  changesOnly: boolean;
  /** Only this service (null: all). */
  service: string | null;
}

/** The rows that pass the filter, newest first, at most `limit`. */
export function filterDecisions(rows: readonly DecisionRow[], f: DecisionFilter, limit: number): DecisionRow[] {
  const out: DecisionRow[] = [];
  for (let i = rows.length - 1; i >= 0 && out.length < limit; i--) {
    const r = rows[i]!;
    if (f.changesOnly && !isChange(r.d)) continue;
    if (f.service !== null && r.d.service !== f.service) continue;
    out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------- words and units

export type ScalingMetric = NonNullable<ScalingDecision['metric']>;
export type ScalingPolicy = ScalingDecision['policy'];

const POLICIES: ReadonlySet<string> = new Set<ScalingPolicy>(['target-tracking', 'step', 'scheduled', 'predictive']);
const METRICS: ReadonlySet<string> = new Set<ScalingMetric>(['cpu', 'rps', 'concurrency', 'queue', 'p95-latency']);

/** A policy's name in words ("target tracking" / "目标跟踪"); an unknown id as it is. */
export function policyLabel(t: ElasticityT, p: string): string {
  return POLICIES.has(p) ? t(`policy.${p as ScalingPolicy}`) : p;
}

/** A metric's name in words ("req/s per replica"); an unknown id as it is. */
export function metricLabel(t: ElasticityT, m: string): string {
  return METRICS.has(m) ? t(`metric.${m as ScalingMetric}`) : m;
}

/** policyLabel in the language chosen now (for components that do not hold the catalog). */
export function policyName(p: string): string {
  return POLICIES.has(p) ? translate(elasticityMessages, `policy.${p as ScalingPolicy}`) : p;
}

/** How a metric's raw value is drawn on a chart: cpu as percent, latency in ms, others as they are. */
export function metricScale(metric: string | null): number {
  return metric === 'cpu' ? 100 : metric === 'p95-latency' ? 1000 : 1;
}

/** The unit of a metric as drawn (after metricScale). */
export function metricUnit(metric: string | null): string {
  switch (metric) {
    case 'cpu':
      return '%';
    case 'p95-latency':
      return 'ms';
    case 'rps':
      return 'req/s';
    default:
      return '';
  }
}

/** A metric value in words: "72.3 %", "12.4 req/s", "340 ms", "2.5"; "—" without one. */
export function metricText(metric: string | null, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const v = value * metricScale(metric);
  const digits = Math.abs(v) >= 100 ? 0 : 1;
  const unit = metricUnit(metric);
  return `${v.toFixed(digits)}${unit === '' ? '' : unit === '%' ? ' %' : ` ${unit}`}`;
}

/** "cpu 72.3 % vs 60.0 %", "rps 31.0 req/s", or "—" when the policy read no metric. */
export function metricVsTarget(d: Pick<ScalingDecision, 'metric' | 'value' | 'target'>, t: ElasticityT = nowT()): string {
  if (d.metric === null) return '—';
  const value = metricText(d.metric, d.value);
  return d.target === null ? `${d.metric} ${value}` : t('metricVsTarget', { metric: d.metric, value, target: metricText(d.metric, d.target) });
}
