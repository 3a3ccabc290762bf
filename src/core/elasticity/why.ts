/**
 * The reasoning behind an autoscaling decision as plain data, beside the English sentence the
 * deciders write (`reason`, `explanation`). The sentence is what the CLI prints; the data lets the
 * console word the same reasoning in the reader's language. Every field here is a number, an id or
 * a fixed keyword (never prose), and the sentence can be rebuilt from it exactly (a test checks it).
 */
import type { ComparisonOperator, StepAction } from './step-scaling';

export type WhyMetric = 'cpu' | 'rps' | 'concurrency' | 'queue' | 'p95-latency';

/** Which way a count moves. */
export type WhyDirection = 'up' | 'down' | 'none';

/** How computeDesiredReplicas filled in missing and not-ready pods before recomputing the ratio. */
export interface RecomputeWhy {
  /** Mean over the ready pods that reported, ÷ target. */
  readonly ratio: number;
  /** The ratio after filling in. */
  readonly adjusted: number;
  /** Pods without metrics counted at 100 % of the target (scale-down). */
  readonly missingAtTarget: number;
  /** Pods without metrics counted at 0 (scale-up). */
  readonly missingAtZero: number;
  /** Not-ready pods counted at 0 (scale-up). */
  readonly unreadyAtZero: number;
  /** Not-ready pods left out. */
  readonly unreadySetAside: number;
}

/** computeDesiredReplicas' reasoning (ReplicaProposal.why). `current`: the replicas kept when nothing changes. */
export type ProposalWhy =
  | { readonly kind: 'no-pods'; readonly current: number }
  | { readonly kind: 'no-ready'; readonly current: number; readonly missing: number; readonly unready: number }
  | { readonly kind: 'within'; readonly current: number; readonly ratio: number; readonly setAside: number }
  | { readonly kind: 'scale'; readonly current: number; readonly direction: WhyDirection; readonly pods: number; readonly ratio: number; readonly desired: number; readonly setAside: number }
  | { readonly kind: 'within-recomputed'; readonly current: number; readonly recompute: RecomputeWhy }
  | { readonly kind: 'flips'; readonly current: number; readonly recompute: RecomputeWhy }
  | { readonly kind: 'against'; readonly current: number; readonly pods: number; readonly desired: number; readonly recompute: RecomputeWhy }
  | { readonly kind: 'scale-recomputed'; readonly current: number; readonly direction: WhyDirection; readonly pods: number; readonly desired: number; readonly recompute: RecomputeWhy };

/** One rate-limit policy of the HPA behavior as it applied: from the period's start count to what it allows. */
export interface LimitPolicyWhy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly periodSeconds: number;
  readonly start: number;
  readonly proposed: number;
}

/** What bounded a move of the HPA behavior. */
export type LimitWhy =
  | { readonly kind: 'maxReplicas'; readonly max: number }
  | { readonly kind: 'minReplicas'; readonly min: number }
  | {
      readonly kind: 'policies';
      readonly side: 'up' | 'down';
      /** The count the policies allow now. */
      readonly allowed: number;
      /** selectPolicy Disabled: no policies listed. */
      readonly disabled: boolean;
      readonly policies: readonly LimitPolicyWhy[];
      readonly select: 'Max' | 'Min' | 'Disabled';
    };

/** HpaBehavior's reasoning (HpaDecision.why). */
export type BehaviorWhy =
  | { readonly kind: 'off' }
  | { readonly kind: 'above-max'; readonly current: number; readonly max: number }
  | { readonly kind: 'below-min'; readonly current: number; readonly min: number }
  | {
      readonly kind: 'normal';
      readonly from: number;
      readonly to: number;
      /** What the metrics asked for. */
      readonly desired: number;
      /** Set when the stabilization window changed the wish. */
      readonly stabilization: { readonly side: 'up' | 'down'; readonly windowSeconds: number; readonly recommendation: number; readonly stoppedAt: number } | null;
      readonly limit: LimitWhy | null;
    };

/** A step rule that fired (StepDecision.why). */
export interface StepFiredWhy {
  readonly rule: string;
  readonly value: number;
  readonly operator: ComparisonOperator;
  readonly threshold: number;
  readonly heldSeconds: number;
  readonly needsSeconds: number;
  readonly action: StepAction;
  readonly from: number;
  /** The unclamped count the action asks for. */
  readonly raw: number;
  readonly capped: null | { readonly by: 'minReplicas' | 'maxReplicas'; readonly bound: number };
  readonly cooldownUntil: number;
}

/** The forecast part of a predictive decision. */
export type ForecastWhy =
  | { readonly kind: 'none'; readonly buckets: number }
  | {
      readonly kind: 'peak';
      readonly model: 'holt-winters' | 'seasonal-naive' | 'linear';
      /** Holt-Winters' smoothing parameters. */
      readonly alpha?: number;
      readonly beta?: number;
      readonly gamma?: number;
      /** Busy replicas (cpu) or requests per second (rps). */
      readonly demand: 'cpu' | 'rps';
      readonly peak: number;
      readonly withinSeconds: number;
      readonly replicas: number;
      readonly metric: WhyMetric;
      readonly target: number;
    };

/** A scheduled action in force. */
export interface ScheduledSettingWhy {
  readonly action: string;
  readonly value: number;
  readonly since: number;
}

/** The reasoning of one entry of the decision log (ScalingDecision.why). */
export type DecisionWhy =
  | { readonly kind: 'target-tracking'; readonly metric: WhyMetric; readonly value: number | null; readonly target: number; readonly proposal: ProposalWhy; readonly behavior: BehaviorWhy }
  | { readonly kind: 'predictive'; readonly forecast: ForecastWhy; readonly proposal: ProposalWhy; readonly behavior: BehaviorWhy }
  | { readonly kind: 'step-fired'; readonly fired: StepFiredWhy }
  | { readonly kind: 'step-bounds'; readonly current: number; readonly min: number; readonly max: number; readonly replicas: number }
  | {
      readonly kind: 'step-idle';
      readonly metric: WhyMetric;
      readonly value: number | null;
      /** Rules whose condition holds but not yet for long enough. */
      readonly holding: ReadonlyArray<{ readonly rule: string; readonly forSeconds: number; readonly needsSeconds: number }>;
      readonly coolingUntil: number | null;
      readonly current: number;
    }
  | {
      readonly kind: 'scheduled';
      readonly desired: ScheduledSettingWhy | null;
      readonly min: ScheduledSettingWhy | null;
      readonly max: ScheduledSettingWhy | null;
      readonly current: number;
      readonly replicas: number;
      /** The bounds the count was held within, when they changed it. */
      readonly heldWithin: { readonly min: number; readonly max: number } | null;
    }
  | { readonly kind: 'policy-changed'; readonly from: string; readonly to: string; readonly min: number; readonly max: number; readonly target: number | null };
