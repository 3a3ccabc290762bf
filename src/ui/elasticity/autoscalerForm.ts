/**
 * The autoscaler form: the settings in force (as the worker hands them over) ↔ what the inputs
 * hold (text, so a half-typed value is never lost) ↔ the change sent to `setAutoscaler`. No
 * checking here beyond reading numbers: the worker validates a change like a scenario edit and its
 * message (with the field's path) is shown next to the form. Text that is not a number is sent as
 * written, so the worker names the field.
 */
import type { AutoscalerChange, AutoscalerSpecInput } from '../../workers/sim.worker';

export type Policy = AutoscalerSpecInput['policy'];
export type Metric = NonNullable<AutoscalerSpecInput['metric']>;
export type Operator = '>' | '>=' | '<' | '<=';
export type RuleKind = 'change' | 'changePercent' | 'setTo';
export type ForecastModel = 'auto' | 'holt-winters' | 'seasonal-naive' | 'linear';

export const POLICIES: readonly Policy[] = ['target-tracking', 'step', 'scheduled', 'predictive'];
export const METRICS: readonly Metric[] = ['cpu', 'rps', 'concurrency', 'queue', 'p95-latency'];
export const OPERATORS: readonly Operator[] = ['>', '>=', '<', '<='];
/** The rule actions offered (their labels are in the catalog: `kind.<value>`). */
export const RULE_KINDS: readonly RuleKind[] = ['change', 'changePercent', 'setTo'];

/** Names given to the rows filled in when switching policy (the panel passes them in the reader's language). */
export interface DefaultNames {
  scaleOut: string;
  scaleIn: string;
  workingDay: string;
  evening: string;
}
export const ENGLISH_DEFAULT_NAMES: DefaultNames = { scaleOut: 'scale out', scaleIn: 'scale in', workingDay: 'working day', evening: 'evening' };
export const FORECAST_MODELS: readonly ForecastModel[] = ['auto', 'holt-winters', 'seasonal-naive', 'linear'];

export interface RuleRow {
  name: string;
  operator: Operator;
  threshold: string;
  for: string;
  kind: RuleKind;
  amount: string;
}

export interface ScheduleRow {
  name: string;
  cron: string;
  replicas: string;
  minReplicas: string;
  maxReplicas: string;
}

export interface AutoscalerForm {
  policy: Policy;
  minReplicas: string;
  maxReplicas: string;
  metric: Metric;
  /** Empty: the default (0.8 for cpu). */
  target: string;
  tolerance: string;
  syncPeriod: string;
  cooldown: string;
  rules: RuleRow[];
  schedule: ScheduleRow[];
  forecastModel: ForecastModel;
  season: string;
  bucket: string;
  /** Empty: the mean provisioning plus start-up delay. */
  lead: string;
}

const str = (v: number | string | undefined | null, fallback = ''): string => (v === undefined || v === null ? fallback : String(v));

/** The form for the settings in force (defaults filled in as the schema has them). */
export function formFromSettings(a: AutoscalerSpecInput): AutoscalerForm {
  return {
    policy: a.policy,
    minReplicas: str(a.minReplicas, '1'),
    maxReplicas: str(a.maxReplicas),
    metric: a.metric ?? 'cpu',
    target: str(a.target),
    tolerance: str(a.tolerance, '0.1'),
    syncPeriod: str(a.syncPeriod, '15'),
    cooldown: str(a.cooldown, '300'),
    rules: (a.rules ?? []).map((r) => {
      const kind: RuleKind = r.setTo !== undefined ? 'setTo' : r.changePercent !== undefined ? 'changePercent' : 'change';
      const amount = kind === 'setTo' ? r.setTo : kind === 'changePercent' ? r.changePercent : r.change;
      return { name: r.name ?? '', operator: r.operator, threshold: str(r.threshold), for: str(r.for, '60'), kind, amount: str(amount) };
    }),
    schedule: (a.schedule ?? []).map((s) => ({
      name: s.name ?? '',
      cron: s.cron,
      replicas: str(s.replicas),
      minReplicas: str(s.minReplicas),
      maxReplicas: str(s.maxReplicas),
    })),
    forecastModel: a.forecast?.model ?? 'auto',
    season: str(a.forecast?.season, '1d'),
    bucket: str(a.forecast?.bucket, '5m'),
    lead: str(a.forecast?.lead),
  };
}

/** "12" → 12; "" → undefined (left out); anything else is sent as written for the worker to name. */
export function readNumber(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** A duration field: a number of seconds, or text such as "5m" (the worker checks it). */
export function readDuration(text: string): number | string | undefined {
  return readNumber(text);
}

/** Drops keys whose value is undefined, except those listed (sent as undefined: "back to the default"). */
function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/**
 * The change that sets the autoscaler to what the form shows. Fields of other policies are left
 * as they are; a blank target goes back to the default.
 */
export function changeFromForm(f: AutoscalerForm): AutoscalerChange {
  const change: Record<string, unknown> = compact({
    policy: f.policy,
    minReplicas: readNumber(f.minReplicas),
    maxReplicas: readNumber(f.maxReplicas),
    syncPeriod: readDuration(f.syncPeriod),
  });
  const usesTarget = f.policy === 'target-tracking' || f.policy === 'predictive';
  if (f.policy !== 'scheduled') change.metric = f.metric;
  if (usesTarget) {
    // Present even when blank: a blank target means the default (an undefined value replaces the old one).
    change.target = readNumber(f.target);
    const tol = readNumber(f.tolerance);
    if (tol !== undefined) change.tolerance = tol;
  }
  if (f.policy === 'step') {
    change.rules = f.rules.map((r) =>
      compact({
        ...(r.name.trim() !== '' ? { name: r.name.trim() } : {}),
        operator: r.operator,
        threshold: readNumber(r.threshold),
        for: readDuration(r.for),
        [r.kind]: readNumber(r.amount),
      }),
    );
    const cd = readDuration(f.cooldown);
    if (cd !== undefined) change.cooldown = cd;
  }
  if (f.policy === 'scheduled') {
    change.schedule = f.schedule.map((s) =>
      compact({
        ...(s.name.trim() !== '' ? { name: s.name.trim() } : {}),
        cron: s.cron.trim(),
        replicas: readNumber(s.replicas),
        minReplicas: readNumber(s.minReplicas),
        maxReplicas: readNumber(s.maxReplicas),
      }),
    );
  }
  if (f.policy === 'predictive') {
    change.forecast = compact({
      model: f.forecastModel,
      season: readDuration(f.season),
      bucket: readDuration(f.bucket),
      lead: readDuration(f.lead),
    });
  }
  return change as AutoscalerChange;
}

/** Rules to start from when switching to step scaling without any: scale out above, in below. */
export function defaultRules(metric: Metric, target: string, names: DefaultNames = ENGLISH_DEFAULT_NAMES): RuleRow[] {
  if (metric === 'cpu') {
    return [
      { name: names.scaleOut, operator: '>', threshold: '0.8', for: '60', kind: 'change', amount: '2' },
      { name: names.scaleIn, operator: '<', threshold: '0.3', for: '120', kind: 'change', amount: '-1' },
    ];
  }
  const t = Number(target);
  const base = Number.isFinite(t) && t > 0 ? t : 10;
  const round = (x: number): string => String(Math.round(x * 100) / 100);
  return [
    { name: names.scaleOut, operator: '>', threshold: round(base * 1.2), for: '60', kind: 'change', amount: '2' },
    { name: names.scaleIn, operator: '<', threshold: round(base * 0.5), for: '120', kind: 'change', amount: '-1' },
  ];
}

/** Actions to start from when switching to scheduled scaling without any: busy weekdays, quiet nights. */
export function defaultSchedule(minReplicas: string, maxReplicas: string, names: DefaultNames = ENGLISH_DEFAULT_NAMES): ScheduleRow[] {
  const lo = Number(minReplicas);
  const hi = Number(maxReplicas);
  const low = Number.isInteger(lo) && lo >= 0 ? lo : 1;
  const high = Number.isInteger(hi) && hi > low ? Math.max(low, Math.ceil(hi / 2)) : low + 1;
  return [
    { name: names.workingDay, cron: '0 8 * * 1-5', replicas: String(high), minReplicas: '', maxReplicas: '' },
    { name: names.evening, cron: '0 20 * * *', replicas: String(low), minReplicas: '', maxReplicas: '' },
  ];
}

/** The form after picking another policy: rows and a metric it can use are filled in when missing. */
export function withPolicy(f: AutoscalerForm, policy: Policy, names: DefaultNames = ENGLISH_DEFAULT_NAMES): AutoscalerForm {
  const next: AutoscalerForm = { ...f, policy };
  if (policy === 'step' && next.rules.length === 0) next.rules = defaultRules(next.metric, next.target, names);
  if (policy === 'scheduled' && next.schedule.length === 0) next.schedule = defaultSchedule(next.minReplicas, next.maxReplicas, names);
  if (policy === 'predictive' && next.metric !== 'cpu' && next.metric !== 'rps') next.metric = 'cpu';
  return next;
}

export const emptyRule = (): RuleRow => ({ name: '', operator: '>', threshold: '', for: '60', kind: 'change', amount: '1' });
export const emptyAction = (): ScheduleRow => ({ name: '', cron: '0 9 * * *', replicas: '', minReplicas: '', maxReplicas: '' });
