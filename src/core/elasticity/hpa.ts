/**
 * The Kubernetes Horizontal Pod Autoscaler, as a pure plug-in: the replica calculation of one metric
 * (`computeDesiredReplicas`), the combination of several (`combine`), and the `behavior` stage that
 * turns the metrics' wish into the replica count actually set (`HpaBehavior`: stabilization windows,
 * rate-limit policies, minReplicas/maxReplicas).
 *
 * Inputs are plain numbers; nothing here knows the simulation. Times are simulated seconds.
 *
 * Sources (see ../shared/reference/MODELS.md, "Kubernetes Horizontal Pod Autoscaler"):
 *  - kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/ — "Algorithm details",
 *    "Support for configurable scaling behavior" (policies, stabilization window, default behavior);
 *  - kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator.go — GetResourceReplicas,
 *    calcPlainMetricReplicas, groupPods (missing / not-ready pods, the "no change of direction" rule);
 *  - pkg/controller/podautoscaler/horizontal.go — reconcileAutoscaler, recordInitialRecommendation,
 *    stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
 *    calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors,
 *    getReplicasChangePerPeriod, storeScaleEvent;
 *  - pkg/apis/autoscaling/v2/defaults.go — the behavior defaults reproduced below.
 *
 * Deliberate simplifications, each noted where it applies:
 *  - all pods are assumed to request the same amount of the resource, so the utilization of the
 *    group is the plain mean of the pods' utilizations (the source divides summed usage by summed
 *    requests);
 *  - values are real numbers, not the integer percentages / milli-units of the source, so ceilings
 *    are taken with a 1e-9 relative guard (see util.ceilGuarded) and the tolerance test allows the
 *    same slack;
 *  - a pod whose metric is missing counts, on a scale-down, as exactly the target (the documented
 *    "100 % of the desired value"); for Resource metrics the source uses max(100 % of the request,
 *    target), which is more conservative whenever the target utilization is below 100 %.
 */

import { ceilGuarded, checkFinite, checkInteger, fmt, plural, REL_EPS } from './util';
import type { BehaviorWhy, LimitPolicyWhy, LimitWhy, ProposalWhy, RecomputeWhy, WhyDirection } from './why';

// ------------------------------------------------------------------ defaults (MODELS.md)

/** The controller's sync period (kube-controller-manager --horizontal-pod-autoscaler-sync-period). */
export const HPA_SYNC_PERIOD_SECONDS = 15;
/** No change while |ratio − 1| ≤ tolerance (--horizontal-pod-autoscaler-tolerance). */
export const HPA_DEFAULT_TOLERANCE = 0.1;
/** spec.minReplicas when left out. */
export const HPA_DEFAULT_MIN_REPLICAS = 1;
/** The metric used when none is given: CPU at 80 % of the pods' requests. */
export const HPA_DEFAULT_CPU_UTILIZATION = 0.8;

// ------------------------------------------------------------------ replica calculation

/**
 * 'resource': a Resource metric such as CPU utilization (value = used / requested, target e.g. 0.8);
 * pods that are not yet ready are set aside and count as 0 on a scale-up (groupPods treats CPU so).
 * 'pods': a per-pod metric (e.g. requests per second per pod, target e.g. 50); readiness is ignored,
 * as the source does for non-CPU metrics (it sets aside only Pending pods, which a caller should
 * simply leave out of `pods`).
 */
export type HpaMetricType = 'resource' | 'pods';

/** One pod's reading: `value` null when the metrics pipeline has nothing for it. */
export interface PodMetric {
  readonly value: number | null;
  readonly ready: boolean;
}

export interface ReplicaInput {
  /** The target's current spec.replicas. */
  readonly currentReplicas: number;
  /** The metric's target per pod (0.8 for 80 % utilization, 50 for 50 rps per pod). */
  readonly target: number;
  readonly pods: readonly PodMetric[];
  /** Default 0.1 (HPA_DEFAULT_TOLERANCE). */
  readonly tolerance?: number;
  /** Default 'resource'. */
  readonly metricType?: HpaMetricType;
}

export interface ReplicaProposal {
  /** Replicas this metric asks for (before behavior, min and max). */
  readonly desired: number;
  /** Mean metric over the ready pods that reported it, divided by the target; null without data. */
  readonly ratio: number | null;
  /** The ratio after counting missing / not-ready pods conservatively; null when not recomputed. */
  readonly adjustedRatio: number | null;
  /** False when no ready pod reported the metric: Kubernetes then ignores this metric. */
  readonly ok: boolean;
  /** Plain words, e.g. "scale up: ceil(4 × 1.5) = 6" or "within tolerance (ratio 1.04)". */
  readonly reason: string;
  /** The same reasoning as data (for wording it in other languages). */
  readonly why: ProposalWhy;
}

/**
 * The replica count one metric asks for, following replica_calculator.go:
 *  1. Pods without a metric are "missing"; for 'resource' metrics, pods not ready are "unready"
 *     (their readings are set aside); the rest are "ready".
 *  2. ratio = mean(ready values) / target.
 *  3. With no missing pods, and no unready pods while ratio > 1: no change if |ratio − 1| ≤
 *     tolerance, else desired = ceil(ratio × ready pods).
 *  4. Otherwise recompute conservatively: on a scale-down (ratio < 1) missing pods count as the
 *     target, on a scale-up (ratio > 1) as 0; on a scale-up unready pods count as 0. If the new
 *     ratio is within the tolerance or on the other side of 1, nothing changes; else desired =
 *     ceil(newRatio × pods counted), unless that count would itself move the other way.
 */
export function computeDesiredReplicas(input: ReplicaInput): ReplicaProposal {
  const { currentReplicas: current, target, pods } = input;
  const tolerance = input.tolerance ?? HPA_DEFAULT_TOLERANCE;
  const metricType = input.metricType ?? 'resource';
  checkInteger('currentReplicas', current);
  if (!(target > 0) || !Number.isFinite(target)) throw new RangeError(`target must be a positive number, got ${target}`);
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw new RangeError(`tolerance must be a number ≥ 0, got ${tolerance}`);

  const ready: number[] = [];
  let missing = 0;
  let unready = 0;
  pods.forEach((p, i) => {
    if (p.value === null) {
      missing++;
      return;
    }
    if (!(p.value >= 0) || !Number.isFinite(p.value)) throw new RangeError(`pod ${i}: metric value must be a finite number ≥ 0 or null, got ${p.value}`);
    if (metricType === 'resource' && !p.ready) unready++;
    else ready.push(p.value);
  });

  const keeping = `keeping ${plural(current, 'replica')}`;
  if (pods.length === 0) {
    return { desired: current, ratio: null, adjustedRatio: null, ok: false, reason: `no pods to measure; ${keeping}`, why: { kind: 'no-pods', current } };
  }
  if (ready.length === 0) {
    const why = [missing > 0 ? `${missing} without metrics` : '', unready > 0 ? `${unready} not ready` : ''].filter(Boolean).join(', ');
    return { desired: current, ratio: null, adjustedRatio: null, ok: false, reason: `no ready pod reported the metric (${why}); ${keeping}`, why: { kind: 'no-ready', current, missing, unready } };
  }

  const within = (r: number) => Math.abs(r - 1) <= tolerance + REL_EPS;
  const ratio = mean(ready) / target;
  const scaleUpWithUnready = unready > 0 && ratio > 1;

  if (!scaleUpWithUnready && missing === 0) {
    const setAside = unready > 0 ? ` (${plural(unready, 'not-ready pod')} set aside)` : '';
    if (within(ratio)) {
      return { desired: current, ratio, adjustedRatio: null, ok: true, reason: `within tolerance (ratio ${fmt(ratio)}); ${keeping}${setAside}`, why: { kind: 'within', current, ratio, setAside: unready } };
    }
    const desired = ceilGuarded(ratio * ready.length);
    return {
      desired,
      ratio,
      adjustedRatio: null,
      ok: true,
      reason: `${direction(desired, current)}: ceil(${ready.length} × ${fmt(ratio)}) = ${desired}${setAside}`,
      why: { kind: 'scale', current, direction: directionOf(desired, current), pods: ready.length, ratio, desired, setAside: unready },
    };
  }

  // Conservative recomputation with the missing and not-ready pods filled in.
  const values = ready.slice();
  const notes: string[] = [];
  const filled = { missingAtTarget: 0, missingAtZero: 0, unreadyAtZero: 0, unreadySetAside: 0 };
  if (missing > 0) {
    if (ratio < 1) {
      for (let k = 0; k < missing; k++) values.push(target);
      notes.push(`${plural(missing, 'pod')} without metrics counted at 100 % of target`);
      filled.missingAtTarget = missing;
    } else if (ratio > 1) {
      for (let k = 0; k < missing; k++) values.push(0);
      notes.push(`${plural(missing, 'pod')} without metrics counted at 0`);
      filled.missingAtZero = missing;
    }
    // ratio exactly 1: the source (Resource metrics) leaves them out; the ratio then stays 1.
  }
  if (scaleUpWithUnready) {
    for (let k = 0; k < unready; k++) values.push(0);
    notes.push(`${plural(unready, 'not-ready pod')} counted at 0`);
    filled.unreadyAtZero = unready;
  } else if (unready > 0) {
    notes.push(`${plural(unready, 'not-ready pod')} set aside`);
    filled.unreadySetAside = unready;
  }
  const adjusted = mean(values) / target;
  const how = `ratio ${fmt(ratio)} over ready pods; ${notes.join(', ')} → ${fmt(adjusted)}`;
  const recompute: RecomputeWhy = { ratio, adjusted, ...filled };

  if (within(adjusted)) {
    return { desired: current, ratio, adjustedRatio: adjusted, ok: true, reason: `within tolerance after recomputation (${how}); ${keeping}`, why: { kind: 'within-recomputed', current, recompute } };
  }
  if ((ratio > 1 && adjusted < 1) || (ratio < 1 && adjusted > 1)) {
    return { desired: current, ratio, adjustedRatio: adjusted, ok: true, reason: `no change: the recomputation flips the direction (${how}); ${keeping}`, why: { kind: 'flips', current, recompute } };
  }
  const desired = ceilGuarded(adjusted * values.length);
  if ((adjusted < 1 && desired > current) || (adjusted > 1 && desired < current)) {
    return {
      desired: current,
      ratio,
      adjustedRatio: adjusted,
      ok: true,
      reason: `no change: ceil(${values.length} × ${fmt(adjusted)}) = ${desired} would move against the metric (${how}); ${keeping}`,
      why: { kind: 'against', current, pods: values.length, desired, recompute },
    };
  }
  return {
    desired,
    ratio,
    adjustedRatio: adjusted,
    ok: true,
    reason: `${direction(desired, current)}: ceil(${values.length} × ${fmt(adjusted)}) = ${desired} (${how})`,
    why: { kind: 'scale-recomputed', current, direction: directionOf(desired, current), pods: values.length, desired, recompute },
  };
}

/** Several metrics: the HPA takes the largest desired count (horizontal.go computeReplicasForMetrics). */
export function combine(desireds: readonly number[]): number {
  if (desireds.length === 0) throw new RangeError('combine needs at least one desired replica count');
  return desireds.reduce((a, b) => Math.max(a, b));
}

/**
 * Several metrics' proposals: the largest `desired` among those that could be computed (`ok`),
 * with its index; null when none could, in which case Kubernetes does not scale.
 */
export function combineProposals(proposals: readonly ReplicaProposal[]): { readonly desired: number; readonly index: number; readonly reason: string } | null {
  let best: { desired: number; index: number; reason: string } | null = null;
  for (let index = 0; index < proposals.length; index++) {
    const p = proposals[index]!;
    if (p.ok && (best === null || p.desired > best.desired)) best = { desired: p.desired, index, reason: p.reason };
  }
  return best;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function directionOf(desired: number, current: number): WhyDirection {
  return desired > current ? 'up' : desired < current ? 'down' : 'none';
}

function direction(desired: number, current: number): string {
  return desired > current ? 'scale up' : desired < current ? 'scale down' : 'no change';
}

// ------------------------------------------------------------------ behavior

export interface ScalingPolicy {
  /** 'Pods': at most `value` pods per period; 'Percent': at most `value` % of the period's start. */
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly periodSeconds: number;
}

/** 'Max' picks the policy allowing the largest change, 'Min' the smallest, 'Disabled' forbids the direction. */
export type SelectPolicy = 'Max' | 'Min' | 'Disabled';

export interface ScalingRules {
  readonly stabilizationWindowSeconds: number;
  readonly selectPolicy: SelectPolicy;
  readonly policies: readonly ScalingPolicy[];
}

/** defaults.go: scale up by 4 pods or 100 % every 15 s, whichever is more; no stabilization. */
export const DEFAULT_SCALE_UP_RULES: ScalingRules = Object.freeze({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: Object.freeze([
    Object.freeze({ type: 'Pods', value: 4, periodSeconds: 15 }),
    Object.freeze({ type: 'Percent', value: 100, periodSeconds: 15 }),
  ]),
} as const);

/** defaults.go: scale down by up to 100 % every 15 s, after a 300 s window of stabilization. */
export const DEFAULT_SCALE_DOWN_RULES: ScalingRules = Object.freeze({
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: Object.freeze([Object.freeze({ type: 'Percent', value: 100, periodSeconds: 15 })]),
} as const);

export interface HpaBehaviorConfig {
  /** Default 1. 0 is accepted (Kubernetes allows it behind the HPAScaleToZero feature gate). */
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  /** Fields left out take the defaults one by one; `policies`, when given, replace the default list. */
  readonly scaleUp?: Partial<ScalingRules>;
  readonly scaleDown?: Partial<ScalingRules>;
}

export type HpaCap = null | 'maxReplicas' | 'minReplicas' | 'scaleUpLimit' | 'scaleDownLimit' | 'stabilization';

export interface HpaDecision {
  /** The replica count to set. */
  readonly replicas: number;
  /** What held the count back from `desired`, if anything (the last stage that bound it). */
  readonly capped: HpaCap;
  /** The metrics' wish, as passed in. */
  readonly desired: number;
  /** The wish after the stabilization windows (equals `desired` when they did nothing). */
  readonly stabilized: number;
  readonly explanation: string;
  /** The same reasoning as data (for wording it in other languages). */
  readonly why: BehaviorWhy;
}

/** A past unstabilized recommendation (what the metrics asked for at `time`). */
export interface TimedRecommendation {
  readonly time: number;
  readonly replicas: number;
}

/** A rescale the behavior decided: from → to at `time`. */
export interface ScaleEvent {
  readonly time: number;
  readonly from: number;
  readonly to: number;
}

/** Everything HpaBehavior remembers, as plain data (for snapshots and display). */
export interface HpaBehaviorState {
  readonly recommendations: readonly TimedRecommendation[];
  readonly events: readonly ScaleEvent[];
  readonly initialized: boolean;
  readonly lastTime: number | null;
}

const MAX_STABILIZATION_SECONDS = 3600; // validation.go: 0 ≤ stabilizationWindowSeconds ≤ 3600
const MAX_PERIOD_SECONDS = 1800; // validation.go: 0 < periodSeconds ≤ 1800

/**
 * The behavior stage of the HPA controller (normalizeDesiredReplicasWithBehaviors), for one HPA.
 * Call `decide` once per sync (every 15 s in Kubernetes) with the target's current replica count
 * and the metrics' desired count; it returns the count to set and remembers what it needs:
 *  - every unstabilized recommendation within the longer stabilization period. The first call also
 *    records the current count (recordInitialRecommendation), so a fresh HPA does not scale down
 *    during its first scale-down window;
 *  - every scale event within the longest policy period.
 *
 * Order of the stages, as in the source:
 *  1. target at 0 replicas with minReplicas > 0: autoscaling is off, nothing changes;
 *     current above maxReplicas → maxReplicas; below minReplicas → minReplicas (no further rules);
 *  2. stabilization: up = lowest recommendation within the scale-up window, down = highest within
 *     the scale-down window (both include the new one); the current count is pulled into [up, down];
 *  3. rate limit: the period-start count is current − pods added + pods removed within the policy's
 *     period; a Pods policy allows start ± value, a Percent policy ceil(start × (1 + v/100)) up and
 *     trunc(start × (1 − v/100)) down; selectPolicy picks the policy with the largest (Max) or
 *     smallest (Min) change; the result is then bounded by maxReplicas / minReplicas.
 */
export class HpaBehavior {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly scaleUp: ScalingRules;
  readonly scaleDown: ScalingRules;

  private recommendations: TimedRecommendation[] = [];
  private events: ScaleEvent[] = [];
  private initialized = false;
  private lastTime: number | null = null;

  constructor(config: HpaBehaviorConfig, state?: HpaBehaviorState) {
    this.minReplicas = config.minReplicas ?? HPA_DEFAULT_MIN_REPLICAS;
    this.maxReplicas = config.maxReplicas;
    checkInteger('minReplicas', this.minReplicas, 0);
    checkInteger('maxReplicas', this.maxReplicas, 1);
    if (this.minReplicas > this.maxReplicas) throw new RangeError(`minReplicas (${this.minReplicas}) must not exceed maxReplicas (${this.maxReplicas})`);
    this.scaleUp = resolveRules('scaleUp', config.scaleUp, DEFAULT_SCALE_UP_RULES);
    this.scaleDown = resolveRules('scaleDown', config.scaleDown, DEFAULT_SCALE_DOWN_RULES);
    if (state) {
      this.recommendations = state.recommendations.map((r) => ({ ...r }));
      this.events = state.events.map((e) => ({ ...e }));
      this.initialized = state.initialized;
      this.lastTime = state.lastTime;
    }
  }

  /** A copy of what the behavior remembers. */
  state(): HpaBehaviorState {
    return {
      recommendations: this.recommendations.map((r) => ({ ...r })),
      events: this.events.map((e) => ({ ...e })),
      initialized: this.initialized,
      lastTime: this.lastTime,
    };
  }

  /**
   * The replica count to set at `now` (seconds, never decreasing between calls), given the target's
   * current count and the metrics' desired count (e.g. `combine` of several computeDesiredReplicas).
   */
  decide(now: number, currentReplicas: number, desiredFromMetrics: number): HpaDecision {
    checkFinite('now', now);
    if (this.lastTime !== null && now < this.lastTime) throw new RangeError(`time went backwards: ${now} after ${this.lastTime}`);
    checkInteger('currentReplicas', currentReplicas);
    checkInteger('desired replicas', desiredFromMetrics);
    this.lastTime = now;
    const current = currentReplicas;
    const desired = desiredFromMetrics;
    const min = this.minReplicas;
    const max = this.maxReplicas;

    if (!this.initialized) {
      this.recommendations.push({ time: now, replicas: current });
      this.initialized = true;
    }

    let decision: HpaDecision;
    if (current === 0 && min !== 0) {
      decision = { replicas: 0, capped: null, desired, stabilized: desired, explanation: 'autoscaling is off while the target has 0 replicas (Kubernetes leaves such a target alone)', why: { kind: 'off' } };
    } else if (current > max) {
      decision = { replicas: max, capped: 'maxReplicas', desired, stabilized: desired, explanation: `the target has ${current} replicas, above maxReplicas ${max}: set to ${max}`, why: { kind: 'above-max', current, max } };
    } else if (current < min) {
      decision = { replicas: min, capped: 'minReplicas', desired, stabilized: desired, explanation: `the target has ${current} replicas, below minReplicas ${min}: set to ${min}`, why: { kind: 'below-min', current, min } };
    } else {
      decision = this.normalize(now, current, desired);
    }

    if (decision.replicas !== current) this.events.push({ time: now, from: current, to: decision.replicas });
    this.prune(now);
    return decision;
  }

  /** Stabilization, then rate limits and min/max (normalizeDesiredReplicasWithBehaviors). */
  private normalize(now: number, current: number, desired: number): HpaDecision {
    // --- stabilization (stabilizeRecommendationWithBehaviors)
    const upCutoff = now - this.scaleUp.stabilizationWindowSeconds;
    const downCutoff = now - this.scaleDown.stabilizationWindowSeconds;
    let upRec = desired;
    let downRec = desired;
    for (const r of this.recommendations) {
      if (r.time > upCutoff) upRec = Math.min(upRec, r.replicas);
      if (r.time > downCutoff) downRec = Math.max(downRec, r.replicas);
    }
    let stabilized = current;
    if (stabilized < upRec) stabilized = upRec;
    if (stabilized > downRec) stabilized = downRec;
    this.recommendations.push({ time: now, replicas: desired });

    let stabilizationNote = '';
    const stabilization =
      stabilized === desired
        ? null
        : desired < current
          ? { side: 'down' as const, windowSeconds: this.scaleDown.stabilizationWindowSeconds, recommendation: downRec, stoppedAt: stabilized }
          : { side: 'up' as const, windowSeconds: this.scaleUp.stabilizationWindowSeconds, recommendation: upRec, stoppedAt: stabilized };
    const why = (to: number, limit: LimitWhy | null): BehaviorWhy => ({ kind: 'normal', from: current, to, desired, stabilization, limit });
    if (stabilized !== desired) {
      stabilizationNote =
        desired < current
          ? `the highest recommendation of the last ${this.scaleDown.stabilizationWindowSeconds} s is ${downRec}, so the scale-down stops at ${stabilized}`
          : `the lowest recommendation of the last ${this.scaleUp.stabilizationWindowSeconds} s is ${upRec}, so the scale-up stops at ${stabilized}`;
    }
    const wish = `the metrics ask for ${desired}`;

    // --- rate limits and bounds (convertDesiredReplicasWithBehaviorRate)
    if (stabilized > current) {
      const limit = this.scaleUpLimit(now, current);
      const bound = Math.max(limit.replicas, current); // never below current while events age out
      const byPolicy = bound < this.maxReplicas;
      const allowed = Math.min(this.maxReplicas, bound);
      if (stabilized > allowed) {
        const bound = byPolicy ? `the scale-up policies allow at most ${allowed} now (${limit.detail})` : `maxReplicas is ${this.maxReplicas}`;
        return {
          replicas: allowed,
          capped: byPolicy ? 'scaleUpLimit' : 'maxReplicas',
          desired,
          stabilized,
          explanation: joinSentence(moveHead(current, allowed), [wish, stabilizationNote, bound]),
          why: why(allowed, byPolicy ? { kind: 'policies', side: 'up', allowed, disabled: limit.disabled, policies: limit.policies, select: this.scaleUp.selectPolicy } : { kind: 'maxReplicas', max: this.maxReplicas }),
        };
      }
    } else if (stabilized < current) {
      const limit = this.scaleDownLimit(now, current);
      const bound = Math.min(limit.replicas, current);
      const byPolicy = bound > this.minReplicas;
      const allowed = Math.max(this.minReplicas, bound);
      if (stabilized < allowed) {
        const bound = byPolicy ? `the scale-down policies allow at least ${allowed} now (${limit.detail})` : `minReplicas is ${this.minReplicas}`;
        return {
          replicas: allowed,
          capped: byPolicy ? 'scaleDownLimit' : 'minReplicas',
          desired,
          stabilized,
          explanation: joinSentence(moveHead(current, allowed), [wish, stabilizationNote, bound]),
          why: why(allowed, byPolicy ? { kind: 'policies', side: 'down', allowed, disabled: limit.disabled, policies: limit.policies, select: this.scaleDown.selectPolicy } : { kind: 'minReplicas', min: this.minReplicas }),
        };
      }
    }
    return {
      replicas: stabilized,
      capped: stabilized !== desired ? 'stabilization' : null,
      desired,
      stabilized,
      explanation: joinSentence(moveHead(current, stabilized), [wish, stabilizationNote]),
      why: why(stabilized, null),
    };
  }

  /** Pods added and removed by events within (now − period, now] (getReplicasChangePerPeriod). */
  private changesWithin(now: number, periodSeconds: number): { added: number; removed: number } {
    const cutoff = now - periodSeconds;
    let added = 0;
    let removed = 0;
    for (const e of this.events) {
      if (e.time > cutoff) {
        if (e.to > e.from) added += e.to - e.from;
        else removed += e.from - e.to;
      }
    }
    return { added, removed };
  }

  /** calculateScaleUpLimitWithScalingRules: the most replicas the scale-up policies allow now. */
  scaleUpLimit(now: number, current: number): { replicas: number; detail: string; disabled: boolean; policies: LimitPolicyWhy[] } {
    const rules = this.scaleUp;
    if (rules.selectPolicy === 'Disabled') return { replicas: current, detail: 'scale-up is disabled (selectPolicy Disabled)', disabled: true, policies: [] };
    const pickMax = rules.selectPolicy === 'Max';
    let result = pickMax ? -Infinity : Infinity;
    const parts: string[] = [];
    const applied: LimitPolicyWhy[] = [];
    for (const p of rules.policies) {
      const { added, removed } = this.changesWithin(now, p.periodSeconds);
      const start = current - added + removed;
      // Same floating-point expression as the source, so the same rounding.
      const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
      result = pickMax ? Math.max(result, proposed) : Math.min(result, proposed);
      parts.push(`${policyName(p)} from ${start} → ${proposed}`);
      applied.push({ type: p.type, value: p.value, periodSeconds: p.periodSeconds, start, proposed });
    }
    return { replicas: result, detail: `${parts.join('; ')}; selectPolicy ${rules.selectPolicy}`, disabled: false, policies: applied };
  }

  /** calculateScaleDownLimitWithBehaviors: the fewest replicas the scale-down policies allow now. */
  scaleDownLimit(now: number, current: number): { replicas: number; detail: string; disabled: boolean; policies: LimitPolicyWhy[] } {
    const rules = this.scaleDown;
    if (rules.selectPolicy === 'Disabled') return { replicas: current, detail: 'scale-down is disabled (selectPolicy Disabled)', disabled: true, policies: [] };
    const pickMax = rules.selectPolicy === 'Max'; // largest change = lowest floor
    let result = pickMax ? Infinity : -Infinity;
    const parts: string[] = [];
    const applied: LimitPolicyWhy[] = [];
    for (const p of rules.policies) {
      const { added, removed } = this.changesWithin(now, p.periodSeconds);
      const start = current - added + removed;
      const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
      result = pickMax ? Math.min(result, proposed) : Math.max(result, proposed);
      parts.push(`${policyName(p)} from ${start} → ${proposed}`);
      applied.push({ type: p.type, value: p.value, periodSeconds: p.periodSeconds, start, proposed });
    }
    return { replicas: result, detail: `${parts.join('; ')}; selectPolicy ${rules.selectPolicy}`, disabled: false, policies: applied };
  }

  /** Forget what no window or period can see any more (the source overwrites such entries). */
  private prune(now: number): void {
    const window = Math.max(this.scaleUp.stabilizationWindowSeconds, this.scaleDown.stabilizationWindowSeconds);
    this.recommendations = this.recommendations.filter((r) => r.time > now - window);
    let longest = 0;
    for (const p of [...this.scaleUp.policies, ...this.scaleDown.policies]) longest = Math.max(longest, p.periodSeconds);
    this.events = this.events.filter((e) => e.time > now - longest);
  }
}

function policyName(p: ScalingPolicy): string {
  return p.type === 'Pods' ? `${p.value} pods per ${p.periodSeconds} s` : `${p.value} % per ${p.periodSeconds} s`;
}

function moveHead(from: number, to: number): string {
  return to === from ? `stay at ${from}` : `scale ${to > from ? 'up' : 'down'} from ${from} to ${to}`;
}

function joinSentence(head: string, clauses: readonly string[]): string {
  const rest = clauses.filter((c) => c !== '');
  return rest.length === 0 ? head : `${head}: ${rest.join('; ')}`;
}

function resolveRules(name: string, given: Partial<ScalingRules> | undefined, defaults: ScalingRules): ScalingRules {
  const rules: ScalingRules = {
    stabilizationWindowSeconds: given?.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: given?.selectPolicy ?? defaults.selectPolicy,
    policies: (given?.policies ?? defaults.policies).map((p) => ({ ...p })),
  };
  const w = rules.stabilizationWindowSeconds;
  if (!Number.isInteger(w) || w < 0 || w > MAX_STABILIZATION_SECONDS) {
    throw new RangeError(`${name}.stabilizationWindowSeconds must be a whole number from 0 to ${MAX_STABILIZATION_SECONDS}, got ${w}`);
  }
  if (rules.selectPolicy !== 'Max' && rules.selectPolicy !== 'Min' && rules.selectPolicy !== 'Disabled') {
    throw new RangeError(`${name}.selectPolicy must be Max, Min or Disabled, got ${String(rules.selectPolicy)}`);
  }
  if (rules.policies.length === 0 && rules.selectPolicy !== 'Disabled') throw new RangeError(`${name} needs at least one policy (or selectPolicy Disabled)`);
  rules.policies.forEach((p, i) => {
    const where = `${name} policy ${i + 1}`;
    if (p.type !== 'Pods' && p.type !== 'Percent') throw new RangeError(`${where}: type must be Pods or Percent, got ${String(p.type)}`);
    if (!Number.isInteger(p.value) || p.value <= 0) throw new RangeError(`${where}: value must be a whole number > 0, got ${p.value}`);
    if (!Number.isInteger(p.periodSeconds) || p.periodSeconds <= 0 || p.periodSeconds > MAX_PERIOD_SECONDS) {
      throw new RangeError(`${where}: periodSeconds must be a whole number from 1 to ${MAX_PERIOD_SECONDS}, got ${p.periodSeconds}`);
    }
  });
  return rules;
}
