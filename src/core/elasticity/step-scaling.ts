/**
 * Step (threshold) scaling, the rule-based autoscaler taught in cloud courses and offered by the
 * public clouds (AWS EC2 Auto Scaling "step and simple scaling policies", Azure autoscale rules):
 *
 *   trigger     metric, threshold, comparison operator, duration
 *               ("CPU > 70 % for 5 minutes")
 *   action      change the replica count by N, set it to N, or change it by P %
 *   constraints minimum and maximum replica count
 *   cooldown    after an action no rule fires for a while, so the new capacity can take effect
 *
 * A pure plug-in: feed it metric samples with `observe(time, value)` (simulated seconds, never
 * decreasing) and it returns a decision when a rule fires, null otherwise.
 *
 * Precise semantics (each a choice; the comments say whose):
 *  - "for `duration`": a rule's condition must hold at every sample from some sample at time s up to
 *    the current sample at time t, with t − s ≥ duration. A sample that fails the condition (or is
 *    NaN, i.e. missing data) breaks the run. Duration 0 fires on the first sample that holds.
 *  - Evidence starts afresh after an action: samples taken before the capacity changed say nothing
 *    about the new capacity, so at an action every run restarts at the action's sample (a rule still
 *    holding there keeps going from that time). Together with the cooldown this means a rule fires
 *    again no sooner than max(action + cooldown, action + its duration).
 *  - Several rules due at once: the one giving the largest capacity wins, the rule AWS documents for
 *    multiple policies ("chooses the policy that provides the largest capacity for both scale out
 *    and scale in"); ties go to the earlier rule.
 *  - Percent changes are rounded the AWS way (PercentChangeInCapacity): the change is truncated
 *    toward zero, but a nonzero change is at least one replica, and at least `minAdjustment` when
 *    given (MinAdjustmentMagnitude).
 *  - The result is clamped to [minReplicas, maxReplicas]. A rule whose clamped result equals the
 *    current count does nothing (no decision, no cooldown).
 *  - AWS's default cooldown is 300 s; it is the default here too.
 */

import { checkFinite, checkInteger, fmt, plural } from './util';
import type { StepFiredWhy } from './why';

export type ComparisonOperator = '>' | '>=' | '<' | '<=';

export type StepAction =
  /** Add (positive) or remove (negative) this many replicas. */
  | { readonly type: 'changeBy'; readonly replicas: number }
  /** Set the count to exactly this many replicas. */
  | { readonly type: 'setTo'; readonly replicas: number }
  /** Change by this percent of the current count (negative to shrink). */
  | { readonly type: 'changeByPercent'; readonly percent: number; readonly minAdjustment?: number };

export interface StepRule {
  readonly name: string;
  readonly threshold: number;
  readonly operator: ComparisonOperator;
  readonly durationSeconds: number;
  readonly action: StepAction;
}

export interface StepScalingConfig {
  readonly rules: readonly StepRule[];
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Default 300 (the AWS default cooldown). */
  readonly cooldownSeconds?: number;
  /** The replica count before the first action. */
  readonly initialReplicas: number;
}

export interface StepDecision {
  readonly time: number;
  /** The rule that fired. */
  readonly rule: string;
  readonly from: number;
  /** The replica count to set. */
  readonly to: number;
  /** to − from. */
  readonly delta: number;
  /** Which constraint trimmed the action, if any. */
  readonly capped: null | 'minReplicas' | 'maxReplicas';
  readonly reason: string;
  /** The same reasoning as data (for wording it in other languages). */
  readonly why: StepFiredWhy;
}

export const STEP_DEFAULT_COOLDOWN_SECONDS = 300;

/** Plain data: everything the scaler remembers (for snapshots and display). */
export interface StepScalerState {
  readonly replicas: number;
  /** Per rule, the time its current run of satisfied samples began, or null. */
  readonly since: readonly (number | null)[];
  readonly cooldownUntil: number;
  readonly lastTime: number | null;
}

export class StepScaler {
  readonly rules: readonly StepRule[];
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cooldownSeconds: number;
  private replicasNow: number;
  private since: (number | null)[];
  private cooldownUntil = -Infinity;
  private lastTime: number | null = null;

  constructor(config: StepScalingConfig, state?: StepScalerState) {
    this.rules = config.rules.map((r) => ({ ...r, action: { ...r.action } }));
    this.minReplicas = config.minReplicas;
    this.maxReplicas = config.maxReplicas;
    this.cooldownSeconds = config.cooldownSeconds ?? STEP_DEFAULT_COOLDOWN_SECONDS;
    checkInteger('minReplicas', this.minReplicas);
    checkInteger('maxReplicas', this.maxReplicas);
    if (this.minReplicas > this.maxReplicas) throw new RangeError(`minReplicas (${this.minReplicas}) must not exceed maxReplicas (${this.maxReplicas})`);
    if (!(this.cooldownSeconds >= 0) || !Number.isFinite(this.cooldownSeconds)) throw new RangeError(`cooldownSeconds must be a number ≥ 0, got ${this.cooldownSeconds}`);
    checkInteger('initialReplicas', config.initialReplicas);
    this.rules.forEach(validateRule);
    this.replicasNow = config.initialReplicas;
    this.since = this.rules.map(() => null);
    if (state) {
      if (state.since.length !== this.rules.length) throw new RangeError(`the saved state has ${state.since.length} rules, the configuration ${this.rules.length}`);
      this.replicasNow = state.replicas;
      this.since = [...state.since];
      this.cooldownUntil = state.cooldownUntil;
      this.lastTime = state.lastTime;
    }
  }

  /** The replica count the scaler believes is current. */
  get replicas(): number {
    return this.replicasNow;
  }

  state(): StepScalerState {
    return { replicas: this.replicasNow, since: [...this.since], cooldownUntil: this.cooldownUntil, lastTime: this.lastTime };
  }

  /**
   * One metric sample. `currentReplicas`, when given, tells the scaler the actual count (another
   * controller or a failure may have changed it); otherwise it assumes its last decision took effect.
   */
  observe(time: number, value: number, currentReplicas?: number): StepDecision | null {
    checkFinite('time', time);
    if (this.lastTime !== null && time < this.lastTime) throw new RangeError(`time went backwards: ${time} after ${this.lastTime}`);
    this.lastTime = time;
    if (currentReplicas !== undefined) {
      checkInteger('currentReplicas', currentReplicas);
      this.replicasNow = currentReplicas;
    }

    const holds = this.rules.map((r) => satisfies(value, r.operator, r.threshold));
    holds.forEach((h, i) => {
      if (!h) this.since[i] = null;
      else if (this.since[i] === null) this.since[i] = time;
    });
    if (time < this.cooldownUntil) return null;

    const current = this.replicasNow;
    let best: { index: number; to: number; raw: number } | null = null;
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i]!;
      const s = this.since[i];
      if (s === null || s === undefined || time - s < r.durationSeconds) continue;
      const raw = applyAction(r.action, current);
      const to = Math.min(this.maxReplicas, Math.max(this.minReplicas, raw));
      if (best === null || to > best.to) best = { index: i, to, raw };
    }
    if (best === null) return null;
    const { index, to, raw } = best;
    if (to === current) return null;

    const rule = this.rules[index]!;
    const heldFor = time - this.since[index]!;
    const capped = raw > this.maxReplicas ? 'maxReplicas' : raw < this.minReplicas ? 'minReplicas' : null;
    const reason =
      `${rule.name}: ${fmt(value)} ${rule.operator} ${fmt(rule.threshold)} for ${fmt(heldFor)} s (needs ${fmt(rule.durationSeconds)} s); ` +
      `${describeAction(rule.action, current, raw)}` +
      (capped === 'maxReplicas' ? `, capped at maxReplicas ${this.maxReplicas}` : capped === 'minReplicas' ? `, held at minReplicas ${this.minReplicas}` : '') +
      `; cooldown until t = ${fmt(time + this.cooldownSeconds)} s`;

    const why: StepFiredWhy = {
      rule: rule.name,
      value,
      operator: rule.operator,
      threshold: rule.threshold,
      heldSeconds: heldFor,
      needsSeconds: rule.durationSeconds,
      action: { ...rule.action },
      from: current,
      raw,
      capped: capped === null ? null : { by: capped, bound: capped === 'maxReplicas' ? this.maxReplicas : this.minReplicas },
      cooldownUntil: time + this.cooldownSeconds,
    };
    this.replicasNow = to;
    this.cooldownUntil = time + this.cooldownSeconds;
    holds.forEach((h, i) => {
      this.since[i] = h ? time : null;
    });
    return { time, rule: rule.name, from: current, to, delta: to - current, capped, reason, why };
  }
}

function satisfies(value: number, op: ComparisonOperator, threshold: number): boolean {
  if (Number.isNaN(value)) return false;
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/** The unclamped replica count an action asks for. */
export function applyAction(action: StepAction, current: number): number {
  switch (action.type) {
    case 'changeBy':
      return Math.max(0, current + action.replicas);
    case 'setTo':
      return action.replicas;
    case 'changeByPercent': {
      const exact = (current * action.percent) / 100;
      let change = Math.trunc(exact);
      if (change === 0 && exact !== 0) change = exact > 0 ? 1 : -1;
      const floor = action.minAdjustment ?? 0;
      if (Math.abs(change) < floor) change = change >= 0 ? floor : -floor;
      return Math.max(0, current + change);
    }
  }
}

function describeAction(action: StepAction, current: number, raw: number): string {
  switch (action.type) {
    case 'changeBy':
      return `${action.replicas >= 0 ? 'add' : 'remove'} ${plural(Math.abs(action.replicas), 'replica')}: ${current} → ${raw}`;
    case 'setTo':
      return `set to ${action.replicas}: ${current} → ${raw}`;
    case 'changeByPercent':
      return `${action.percent >= 0 ? '+' : ''}${fmt(action.percent)} % of ${current}: ${current} → ${raw}`;
  }
}

function validateRule(r: StepRule, i: number): void {
  const where = `rule ${i + 1} (${r.name})`;
  if (!['>', '>=', '<', '<='].includes(r.operator)) throw new RangeError(`${where}: operator must be one of > >= < <=, got ${String(r.operator)}`);
  if (!Number.isFinite(r.threshold)) throw new RangeError(`${where}: threshold must be a finite number, got ${r.threshold}`);
  if (!(r.durationSeconds >= 0) || !Number.isFinite(r.durationSeconds)) throw new RangeError(`${where}: durationSeconds must be a number ≥ 0, got ${r.durationSeconds}`);
  const a = r.action;
  switch (a.type) {
    case 'changeBy':
      if (!Number.isInteger(a.replicas) || a.replicas === 0) throw new RangeError(`${where}: changeBy needs a nonzero whole number of replicas, got ${a.replicas}`);
      break;
    case 'setTo':
      if (!Number.isInteger(a.replicas) || a.replicas < 0) throw new RangeError(`${where}: setTo needs a whole number of replicas ≥ 0, got ${a.replicas}`);
      break;
    case 'changeByPercent':
      if (!Number.isFinite(a.percent) || a.percent === 0) throw new RangeError(`${where}: changeByPercent needs a nonzero percent, got ${a.percent}`);
      if (a.minAdjustment !== undefined && (!Number.isInteger(a.minAdjustment) || a.minAdjustment < 1)) {
        throw new RangeError(`${where}: minAdjustment must be a whole number ≥ 1, got ${a.minAdjustment}`);
      }
      break;
    default:
      throw new RangeError(`${where}: unknown action type ${String((a as { type: unknown }).type)}`);
  }
}
