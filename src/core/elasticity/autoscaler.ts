/**
 * Service autoscalers as plug-ins of the simulation. Each policy receives a read-only view of one
 * service's recent metrics (`ScalingView`) at every sync and answers with a `ScalingDecision`: the
 * replica count to set and why, with its inputs (metric value, target, the count the metric or rule
 * asked for, and which rule capped it). The simulation applies the count (starting or draining
 * replicas) and keeps the decisions as the run's decision log.
 *
 * Policies:
 * - target-tracking: the Kubernetes HPA (hpa.ts): per-pod readings → computeDesiredReplicas
 *   (tolerance, not-ready and missing pods) → HpaBehavior (stabilization windows, rate policies,
 *   min/max);
 * - step: threshold rules held for a duration, with a cooldown (step-scaling.ts);
 * - scheduled: cron actions setting the desired count and/or the bounds (scheduled.ts);
 * - predictive: forecasts the demand (requests per second, or busy replicas for cpu) from its
 *   history per bucket (forecast.ts: Holt-Winters once two seasons are known, seasonal naive after
 *   one, a linear trend before), takes the peak over the next `lead` + one sync period (lead = the
 *   provisioning delay), and asks for ceil(peak / target) replicas; the count set is the larger of
 *   that and the reactive HPA's wish, through the same behavior stage. So it scales ahead of the
 *   forecast by the provisioning delay, and still reacts to what the forecast missed.
 */
import type { AutoscalerSpec } from '../scenario/schema';
import { durationSeconds } from '../scenario/duration';
import { computeDesiredReplicas, HpaBehavior, type HpaMetricType, type PodMetric, type ScalingRules } from './hpa';
import { fitHoltWinters, holtWintersForecast, holtWintersRun, linearTrend, seasonalNaive, type HoltWintersFit } from './forecast';
import { ScheduledScaling } from './scheduled';
import { StepScaler, type StepAction } from './step-scaling';
import { fmt } from './util';
import type { DecisionWhy, ForecastWhy, ProposalWhy, ScheduledSettingWhy } from './why';

export type AutoscalerMetric = AutoscalerSpec['metric'];
export type AutoscalerPolicy = AutoscalerSpec['policy'];

/** What an autoscaler may read about its service at a sync. */
export interface ScalingView {
  readonly now: number;
  /** Replicas in the set: starting + ready (Kubernetes' current spec.replicas). */
  readonly current: number;
  readonly ready: number;
  /** One reading per replica in the set over the last sync period (starting ones: no value, not ready). */
  pods(metric: AutoscalerMetric): readonly PodMetric[];
  /** The metric over the last sync period: per ready replica (cpu, rps, concurrency, queue) or for the service (p95-latency); null without data. */
  value(metric: AutoscalerMetric): number | null;
  /** Demand per completed bucket, oldest first: requests per second (rps) or busy replicas (cpu). */
  demand(kind: 'rps' | 'cpu'): readonly number[];
  /** When the first bucket began (seconds). */
  readonly demandStart: number;
}

/** One entry of the decision log. */
export interface ScalingDecision {
  time: number;
  service: string;
  policy: AutoscalerPolicy;
  metric: AutoscalerMetric | null;
  /** The metric's value at the decision (null when the policy reads none, or without data). */
  value: number | null;
  target: number | null;
  /** Replicas in the set before the decision. */
  current: number;
  /** What the metric, the rule, the schedule or the forecast asked for, before any cap. */
  desired: number;
  /** The count set. */
  replicas: number;
  /** Which rule held the count back from `desired`, if any. */
  capped: string | null;
  /** The forecast demand the predictive policy provisioned for (null otherwise). */
  forecast: number | null;
  reason: string;
  /** The reasoning of `reason` as data, for wording it in other languages (absent on entries from older runs). */
  why?: DecisionWhy;
}

export interface Autoscaler {
  readonly policy: AutoscalerPolicy;
  readonly metric: AutoscalerMetric;
  /** Seconds between syncs. */
  readonly period: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** The target per replica (target-tracking, predictive), else null. */
  readonly target: number | null;
  decide(view: ScalingView): ScalingDecision;
}

/** Defaults of the scenario's `autoscaler` block that depend on other fields. */
export function autoscalerTarget(spec: AutoscalerSpec): number | null {
  if (spec.target !== undefined) return spec.target;
  return spec.metric === 'cpu' ? 0.8 : null;
}

function rulesOf(r: AutoscalerSpec['scaleUp']): Partial<ScalingRules> | undefined {
  if (!r) return undefined;
  const out: { -readonly [K in keyof ScalingRules]?: ScalingRules[K] } = {};
  if (r.stabilizationWindow !== undefined) out.stabilizationWindowSeconds = durationSeconds(r.stabilizationWindow);
  if (r.selectPolicy !== undefined) out.selectPolicy = r.selectPolicy;
  if (r.policies !== undefined) out.policies = r.policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: durationSeconds(p.period) }));
  return out;
}

/** The HPA metric type of each metric: cpu is a Resource metric (readiness matters), the rest per-pod. */
function hpaType(metric: AutoscalerMetric): HpaMetricType {
  return metric === 'cpu' ? 'resource' : 'pods';
}

function unit(metric: AutoscalerMetric, x: number): string {
  switch (metric) {
    case 'cpu':
      return `${fmt(x * 100)} %`;
    case 'rps':
      return `${fmt(x)} req/s per replica`;
    case 'concurrency':
      return `${fmt(x)} in progress per replica`;
    case 'queue':
      return `${fmt(x)} waiting per replica`;
    case 'p95-latency':
      return `p95 ${fmt(x * 1000)} ms`;
  }
}

function base(spec: AutoscalerSpec, service: string, view: ScalingView, policy: AutoscalerPolicy): ScalingDecision {
  return {
    time: view.now,
    service,
    policy,
    metric: spec.metric,
    value: null,
    target: autoscalerTarget(spec),
    current: view.current,
    desired: view.current,
    replicas: view.current,
    capped: null,
    forecast: null,
    reason: '',
  };
}

/** What every policy takes from its settings. */
abstract class BasePolicy implements Autoscaler {
  abstract readonly policy: AutoscalerPolicy;
  readonly metric: AutoscalerMetric;
  readonly period: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly target: number | null;

  constructor(
    protected readonly spec: AutoscalerSpec,
    protected readonly service: string,
  ) {
    this.metric = spec.metric;
    this.period = durationSeconds(spec.syncPeriod);
    this.minReplicas = spec.minReplicas;
    this.maxReplicas = spec.maxReplicas;
    this.target = autoscalerTarget(spec);
  }

  abstract decide(view: ScalingView): ScalingDecision;
}

/** target-tracking: the Kubernetes HPA. */
class TargetTracking extends BasePolicy {
  readonly policy: AutoscalerPolicy = 'target-tracking';
  override readonly target: number;
  protected readonly behavior: HpaBehavior;

  constructor(spec: AutoscalerSpec, service: string) {
    super(spec, service);
    this.target = autoscalerTarget(spec)!;
    this.behavior = new HpaBehavior({ minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, scaleUp: rulesOf(spec.scaleUp), scaleDown: rulesOf(spec.scaleDown) });
  }

  /** The metric's proposal (computeDesiredReplicas), with the service-level value for the log. */
  protected propose(view: ScalingView): { desired: number; value: number | null; reason: string; why: ProposalWhy } {
    const pods = view.pods(this.metric);
    const p = computeDesiredReplicas({ currentReplicas: view.current, target: this.target, pods, tolerance: this.spec.tolerance, metricType: hpaType(this.metric) });
    return { desired: p.desired, value: view.value(this.metric), reason: p.reason, why: p.why };
  }

  decide(view: ScalingView): ScalingDecision {
    const out = base(this.spec, this.service, view, this.policy);
    const p = this.propose(view);
    const d = this.behavior.decide(view.now, view.current, p.desired);
    out.value = p.value;
    out.desired = p.desired;
    out.replicas = d.replicas;
    out.capped = d.capped;
    const reading = p.value === null ? 'no reading' : `${unit(this.metric, p.value)} vs target ${unit(this.metric, this.target)}`;
    out.reason = `${reading}: ${p.reason}; ${d.explanation}`;
    out.why = { kind: 'target-tracking', metric: this.metric, value: p.value, target: this.target, proposal: p.why, behavior: d.why };
    return out;
  }
}

/** predictive: forecast demand and provision ahead of it; the reactive HPA covers what it misses. */
class Predictive extends TargetTracking {
  override readonly policy: AutoscalerPolicy = 'predictive';
  private readonly bucket: number;
  private readonly season: number;
  private readonly lead: number;
  private readonly model: AutoscalerSpec['forecast']['model'];
  private fit: HoltWintersFit | null = null;
  private fittedAtSeasons = 0;

  constructor(spec: AutoscalerSpec, service: string, leadSeconds: number) {
    super(spec, service);
    this.bucket = durationSeconds(spec.forecast.bucket);
    this.season = Math.round(durationSeconds(spec.forecast.season) / this.bucket);
    this.lead = spec.forecast.lead !== undefined ? durationSeconds(spec.forecast.lead) : leadSeconds;
    this.model = spec.forecast.model;
  }

  /** The forecast peak over the next `steps` buckets, and the model used (null: too little history). */
  private forecastPeak(history: readonly number[], steps: number): { peak: number; model: string; why: Pick<Extract<ForecastWhy, { kind: 'peak' }>, 'model' | 'alpha' | 'beta' | 'gamma'> } | null {
    const m = this.season;
    const n = history.length;
    const want = this.model;
    let values: number[] | null = null;
    let model = '';
    let why: Pick<Extract<ForecastWhy, { kind: 'peak' }>, 'model' | 'alpha' | 'beta' | 'gamma'> = { model: 'linear' };
    if ((want === 'auto' || want === 'holt-winters') && n >= 2 * m + 1) {
      const seasons = Math.floor(n / m);
      if (this.fit === null || seasons !== this.fittedAtSeasons) {
        // Refit once per season, judged at the lead actually needed.
        this.fit = fitHoltWinters(history, m, { lead: Math.max(1, steps) });
        this.fittedAtSeasons = seasons;
      }
      const state = holtWintersRun(history, this.fit);
      values = holtWintersForecast(state, steps);
      model = `Holt-Winters (α ${this.fit.alpha}, β ${this.fit.beta}, γ ${this.fit.gamma})`;
      why = { model: 'holt-winters', alpha: this.fit.alpha, beta: this.fit.beta, gamma: this.fit.gamma };
    } else if ((want === 'auto' || want === 'seasonal-naive') && n >= m) {
      values = seasonalNaive(history, m, steps);
      model = 'seasonal naive';
      why = { model: 'seasonal-naive' };
    } else if ((want === 'auto' || want === 'linear') && n >= 3) {
      values = linearTrend(history.slice(-Math.min(n, 12)), steps);
      model = 'linear trend';
      why = { model: 'linear' };
    }
    if (values === null || values.length === 0) return null;
    let peak = 0;
    for (const v of values) if (v > peak) peak = v;
    return { peak, model, why };
  }

  override decide(view: ScalingView): ScalingDecision {
    const out = base(this.spec, this.service, view, 'predictive');
    const reactive = this.propose(view);
    const kind = this.metric === 'cpu' ? 'cpu' : 'rps';
    const history = view.demand(kind);
    // Buckets from the end of the last complete one to now + lead + one sync period.
    const lastEnd = view.demandStart + history.length * this.bucket;
    const steps = Math.max(1, Math.ceil((view.now + this.lead + this.period - lastEnd) / this.bucket));
    const f = this.forecastPeak(history, steps);
    let desired = reactive.desired;
    let why = `reactive: ${reactive.reason}`;
    let forecastWhy: ForecastWhy = { kind: 'none', buckets: history.length };
    if (f !== null) {
      const fromForecast = Math.ceil(f.peak / this.target - 1e-9);
      out.forecast = f.peak;
      const what = kind === 'cpu' ? `${fmt(f.peak)} busy replicas` : `${fmt(f.peak)} req/s`;
      why = `${f.model} forecasts a peak of ${what} within the next ${fmt(this.lead + this.period)} s → ${fromForecast} replicas at ${unit(this.metric, this.target)}; ${why}`;
      forecastWhy = { kind: 'peak', ...f.why, demand: kind, peak: f.peak, withinSeconds: this.lead + this.period, replicas: fromForecast, metric: this.metric, target: this.target };
      if (fromForecast > desired) desired = fromForecast;
    } else {
      why = `too little history to forecast (${history.length} buckets); ${why}`;
    }
    const d = this.behavior.decide(view.now, view.current, desired);
    out.value = reactive.value;
    out.desired = desired;
    out.replicas = d.replicas;
    out.capped = d.capped;
    out.reason = `${why}; ${d.explanation}`;
    out.why = { kind: 'predictive', forecast: forecastWhy, proposal: reactive.why, behavior: d.why };
    return out;
  }
}

/** step: threshold rules with durations and a cooldown. */
class Step extends BasePolicy {
  readonly policy = 'step' as const;
  override readonly target = null;
  private readonly scaler: StepScaler;

  constructor(spec: AutoscalerSpec, service: string, initial: number) {
    super(spec, service);
    this.scaler = new StepScaler({
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      cooldownSeconds: durationSeconds(spec.cooldown),
      initialReplicas: initial,
      rules: spec.rules.map((r, i) => {
        const action: StepAction =
          r.setTo !== undefined
            ? { type: 'setTo', replicas: r.setTo }
            : r.changePercent !== undefined
              ? { type: 'changeByPercent', percent: r.changePercent, minAdjustment: 1 }
              : { type: 'changeBy', replicas: r.change ?? 0 };
        return { name: r.name ?? `rule ${i + 1}`, operator: r.operator, threshold: r.threshold, durationSeconds: durationSeconds(r.for), action };
      }),
    });
  }

  decide(view: ScalingView): ScalingDecision {
    const out = base(this.spec, this.service, view, this.policy);
    const value = view.value(this.metric);
    out.value = value;
    out.target = null;
    // Bounds first (a replica lost, or a count outside them).
    const clamp = Math.min(this.maxReplicas, Math.max(this.minReplicas, view.current));
    const d = this.scaler.observe(view.now, value === null ? NaN : value, view.current);
    if (d !== null) {
      out.desired = d.to;
      out.replicas = d.to;
      out.capped = d.capped;
      out.reason = d.reason;
      out.why = { kind: 'step-fired', fired: d.why };
    } else if (clamp !== view.current) {
      out.desired = clamp;
      out.replicas = clamp;
      out.capped = clamp > view.current ? 'minReplicas' : 'maxReplicas';
      out.reason = `${view.current} replicas is outside [${this.minReplicas}, ${this.maxReplicas}]: set to ${clamp}`;
      out.why = { kind: 'step-bounds', current: view.current, min: this.minReplicas, max: this.maxReplicas, replicas: clamp };
    } else {
      const reading = value === null ? 'no reading' : unit(this.metric, value);
      const st = this.scaler.state();
      const cooling = view.now < st.cooldownUntil ? `; cooling down until t = ${fmt(st.cooldownUntil)} s` : '';
      const held = this.scaler.rules
        .map((r, i) => {
          const since = st.since[i];
          return since === null || since === undefined ? null : `${r.name} holds for ${fmt(view.now - since)} of ${fmt(r.durationSeconds)} s`;
        })
        .filter((x): x is string => x !== null);
      out.reason = `${reading}: no rule fires${held.length ? ` (${held.join('; ')})` : ''}${cooling}; keeping ${view.current}`;
      const holding: Array<{ rule: string; forSeconds: number; needsSeconds: number }> = [];
      this.scaler.rules.forEach((r, i) => {
        const since = st.since[i];
        if (since !== null && since !== undefined) holding.push({ rule: r.name, forSeconds: view.now - since, needsSeconds: r.durationSeconds });
      });
      out.why = { kind: 'step-idle', metric: this.metric, value, holding, coolingUntil: view.now < st.cooldownUntil ? st.cooldownUntil : null, current: view.current };
    }
    return out;
  }
}

/** scheduled: cron actions set the desired count and the bounds. */
class Scheduled extends BasePolicy {
  readonly policy = 'scheduled' as const;
  override readonly target = null;
  private readonly schedule: ScheduledScaling;

  constructor(spec: AutoscalerSpec, service: string) {
    super(spec, service);
    this.schedule = new ScheduledScaling(
      spec.schedule.map((a, i) => ({
        name: a.name ?? `action ${i + 1}`,
        cron: a.cron,
        set: {
          ...(a.replicas !== undefined ? { desiredReplicas: a.replicas } : {}),
          ...(a.minReplicas !== undefined ? { minReplicas: a.minReplicas } : {}),
          ...(a.maxReplicas !== undefined ? { maxReplicas: a.maxReplicas } : {}),
        },
      })),
    );
  }

  decide(view: ScalingView): ScalingDecision {
    const out = base(this.spec, this.service, view, this.policy);
    out.metric = null;
    out.target = null;
    // Actions whose last fire is before the run began (t < 0 on the calendar) have not happened.
    const all = this.schedule.settingsAt(view.now);
    const s: typeof all = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined && v.since >= 0));
    const min = s.minReplicas?.value ?? this.minReplicas;
    const max = Math.max(min, s.maxReplicas?.value ?? this.maxReplicas);
    const wish = s.desiredReplicas?.value ?? view.current;
    const replicas = Math.min(max, Math.max(min, wish));
    out.desired = wish;
    out.replicas = replicas;
    out.capped = replicas > wish ? 'minReplicas' : replicas < wish ? 'maxReplicas' : null;
    const parts: string[] = [];
    if (s.desiredReplicas) parts.push(`"${s.desiredReplicas.action}" (fired at t = ${fmt(s.desiredReplicas.since)} s) sets ${s.desiredReplicas.value} replicas`);
    if (s.minReplicas) parts.push(`"${s.minReplicas.action}" sets minReplicas ${s.minReplicas.value}`);
    if (s.maxReplicas) parts.push(`"${s.maxReplicas.action}" sets maxReplicas ${s.maxReplicas.value}`);
    const head = parts.length ? parts.join('; ') : 'no scheduled action has fired yet';
    out.reason = `${head}; ${replicas === view.current ? `keeping ${replicas}` : `${view.current} → ${replicas}`}${out.capped ? ` (held within [${min}, ${max}])` : ''}`;
    const setting = (x: { value: number; since: number; action: string } | undefined): ScheduledSettingWhy | null => (x ? { action: x.action, value: x.value, since: x.since } : null);
    out.why = {
      kind: 'scheduled',
      desired: setting(s.desiredReplicas),
      min: setting(s.minReplicas),
      max: setting(s.maxReplicas),
      current: view.current,
      replicas,
      heldWithin: out.capped ? { min, max } : null,
    };
    return out;
  }
}

/**
 * The autoscaler a scenario asks for. `initial`: the replicas at the start; `leadSeconds`: the
 * default forecast lead (mean provisioning + start-up delay).
 */
export function makeAutoscaler(spec: AutoscalerSpec, service: string, initial: number, leadSeconds: number): Autoscaler {
  switch (spec.policy) {
    case 'target-tracking':
      return new TargetTracking(spec, service);
    case 'predictive':
      return new Predictive(spec, service, leadSeconds);
    case 'step':
      return new Step(spec, service, initial);
    case 'scheduled':
      return new Scheduled(spec, service);
  }
}
