/**
 * An autoscaling decision's reason in the reader's language, worded from its data
 * (`ScalingDecision.why`, built by the core beside its English sentence). Display only: every number
 * comes from the decision; entries without the data show the core's English sentence.
 */
import type { BehaviorWhy, DecisionWhy, ProposalWhy, RecomputeWhy, StepFiredWhy, WhyMetric } from '../../core/elasticity/why';
import type { ScalingDecision } from '../../workers/sim.worker';
import type { Translate } from '../i18n/messages';
import type { reasonMessages } from './reasons.messages';

export type ReasonT = Translate<keyof (typeof reasonMessages)['en'] & string>;

/** A number as the core writes it in a sentence: at most 3 decimals, no trailing zeros. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x * 1000) / 1000;
  return String(r === 0 ? 0 : r);
}

/** A metric's value per replica in words ("72 %", "12 req/s per replica", "p95 340 ms"). */
export function unitText(t: ReasonT, metric: WhyMetric, x: number): string {
  switch (metric) {
    case 'cpu':
      return t('unit.cpu', { x: num(x * 100) });
    case 'p95-latency':
      return t('unit.p95-latency', { x: num(x * 1000) });
    default:
      return t(`unit.${metric}`, { x: num(x) });
  }
}

const keeping = (t: ReasonT, n: number): string => t('keeping', { n });

function how(t: ReasonT, r: RecomputeWhy): string {
  const notes: string[] = [];
  if (r.missingAtTarget > 0) notes.push(t('p.missingAtTarget', { n: r.missingAtTarget }));
  if (r.missingAtZero > 0) notes.push(t('p.missingAtZero', { n: r.missingAtZero }));
  if (r.unreadyAtZero > 0) notes.push(t('p.unreadyAtZero', { n: r.unreadyAtZero }));
  if (r.unreadySetAside > 0) notes.push(t('p.unreadySetAside', { n: r.unreadySetAside }));
  return t('p.how', { ratio: num(r.ratio), notes: notes.join(t('listSep')), adjusted: num(r.adjusted) });
}

/** The HPA's replica calculation (computeDesiredReplicas). */
export function proposalText(t: ReasonT, p: ProposalWhy): string {
  const setAside = (n: number): string => (n > 0 ? t('p.setAside', { n }) : '');
  switch (p.kind) {
    case 'no-pods':
      return t('p.noPods', { keeping: keeping(t, p.current) });
    case 'no-ready': {
      const why = [p.missing > 0 ? t('p.withoutMetrics', { n: p.missing }) : '', p.unready > 0 ? t('p.notReady', { n: p.unready }) : ''].filter(Boolean).join(t('listSep'));
      return t('p.noReady', { why, keeping: keeping(t, p.current) });
    }
    case 'within':
      return t('p.within', { ratio: num(p.ratio), keeping: keeping(t, p.current), setAside: setAside(p.setAside) });
    case 'scale':
      return t('p.scale', { direction: t(`direction.${p.direction}`), pods: p.pods, ratio: num(p.ratio), desired: p.desired, setAside: setAside(p.setAside) });
    case 'within-recomputed':
      return t('p.withinRecomputed', { how: how(t, p.recompute), keeping: keeping(t, p.current) });
    case 'flips':
      return t('p.flips', { how: how(t, p.recompute), keeping: keeping(t, p.current) });
    case 'against':
      return t('p.against', { pods: p.pods, adjusted: num(p.recompute.adjusted), desired: p.desired, how: how(t, p.recompute), keeping: keeping(t, p.current) });
    case 'scale-recomputed':
      return t('p.scaleRecomputed', { direction: t(`direction.${p.direction}`), pods: p.pods, adjusted: num(p.recompute.adjusted), desired: p.desired, how: how(t, p.recompute) });
  }
}

/** The HPA's behavior stage (stabilization, rate limits, bounds). */
export function behaviorText(t: ReasonT, b: BehaviorWhy): string {
  switch (b.kind) {
    case 'off':
      return t('b.off');
    case 'above-max':
      return t('b.aboveMax', { current: b.current, max: b.max });
    case 'below-min':
      return t('b.belowMin', { current: b.current, min: b.min });
    case 'normal': {
      const head = b.to === b.from ? t('b.stay', { n: b.from }) : t(b.to > b.from ? 'b.moveUp' : 'b.moveDown', { from: b.from, to: b.to });
      const clauses = [t('b.wish', { n: b.desired })];
      const s = b.stabilization;
      if (s) clauses.push(t(s.side === 'down' ? 'b.stabilizedDown' : 'b.stabilizedUp', { window: s.windowSeconds, recommendation: s.recommendation, at: s.stoppedAt }));
      const l = b.limit;
      if (l?.kind === 'maxReplicas') clauses.push(t('b.maxReplicas', { max: l.max }));
      else if (l?.kind === 'minReplicas') clauses.push(t('b.minReplicas', { min: l.min }));
      else if (l?.kind === 'policies') {
        const detail = l.disabled
          ? t(l.side === 'up' ? 'b.upDisabled' : 'b.downDisabled')
          : t('b.policies', {
              policies: l.policies
                .map((p) => t(p.type === 'Pods' ? 'b.podsPolicy' : 'b.percentPolicy', { value: p.value, period: p.periodSeconds, start: p.start, proposed: p.proposed }))
                .join(t('clauseSep')),
              select: l.select,
            });
        clauses.push(t(l.side === 'up' ? 'b.upPolicies' : 'b.downPolicies', { allowed: l.allowed, detail }));
      }
      return t('b.normal', { h: head, c: clauses.join(t('clauseSep')) });
    }
  }
}

function stepFiredText(t: ReasonT, f: StepFiredWhy): string {
  const a = f.action;
  let action: string;
  if (a.type === 'changeBy') action = t(a.replicas >= 0 ? 'step.add' : 'step.remove', { n: Math.abs(a.replicas), from: f.from, raw: f.raw });
  else if (a.type === 'setTo') action = t('step.setTo', { n: a.replicas, from: f.from, raw: f.raw });
  else action = t('step.percent', { percent: `${a.percent >= 0 ? '+' : ''}${num(a.percent)}`, from: f.from, raw: f.raw });
  const capped = f.capped === null ? '' : t(f.capped.by === 'maxReplicas' ? 'step.cappedMax' : 'step.heldMin', { n: f.capped.bound });
  return t('step.fired', {
    rule: f.rule,
    value: num(f.value),
    op: f.operator,
    threshold: num(f.threshold),
    held: num(f.heldSeconds),
    needs: num(f.needsSeconds),
    action,
    capped,
    until: num(f.cooldownUntil),
  });
}

/** The whole reason of one decision, from its data. */
export function whyText(t: ReasonT, w: DecisionWhy): string {
  switch (w.kind) {
    case 'target-tracking': {
      const reading = w.value === null ? t('noReading') : t('readingVsTarget', { value: unitText(t, w.metric, w.value), target: unitText(t, w.metric, w.target) });
      return t('tt.reason', { r: reading, p: proposalText(t, w.proposal), b: behaviorText(t, w.behavior) });
    }
    case 'predictive': {
      const proposal = proposalText(t, w.proposal);
      const behavior = behaviorText(t, w.behavior);
      const f = w.forecast;
      if (f.kind === 'none') return t('pred.none', { buckets: f.buckets, proposal, behavior });
      const model =
        f.model === 'holt-winters'
          ? t('pred.holtWinters', { alpha: String(f.alpha), beta: String(f.beta), gamma: String(f.gamma) })
          : t(f.model === 'seasonal-naive' ? 'pred.seasonalNaive' : 'pred.linear');
      const what = f.demand === 'cpu' ? t('pred.busyReplicas', { x: num(f.peak) }) : `${num(f.peak)} req/s`;
      return t('pred.peak', { model, what, within: num(f.withinSeconds), replicas: f.replicas, target: unitText(t, f.metric, f.target), proposal, behavior });
    }
    case 'step-fired':
      return stepFiredText(t, w.fired);
    case 'step-bounds':
      return t('step.bounds', { current: w.current, min: w.min, max: w.max, n: w.replicas });
    case 'step-idle': {
      const reading = w.value === null ? t('noReading') : unitText(t, w.metric, w.value);
      const holding = w.holding.length
        ? t('step.holdingList', { l: w.holding.map((h) => t('step.holding', { rule: h.rule, for: num(h.forSeconds), needs: num(h.needsSeconds) })).join(t('clauseSep')) })
        : '';
      const cooling = w.coolingUntil === null ? '' : t('step.cooling', { until: num(w.coolingUntil) });
      return t('step.idle', { reading, holding, cooling, current: w.current });
    }
    case 'scheduled': {
      const parts: string[] = [];
      if (w.desired) parts.push(t('sch.desired', { action: w.desired.action, since: num(w.desired.since), n: w.desired.value }));
      if (w.min) parts.push(t('sch.min', { action: w.min.action, n: w.min.value }));
      if (w.max) parts.push(t('sch.max', { action: w.max.action, n: w.max.value }));
      const head = parts.length ? parts.join(t('clauseSep')) : t('sch.none');
      const move = w.replicas === w.current ? t('sch.keeping', { n: w.replicas }) : `${w.current} → ${w.replicas}`;
      const held = w.heldWithin ? t('sch.held', { min: w.heldWithin.min, max: w.heldWithin.max }) : '';
      return t('sch.reason', { h: head, m: move, w: held });
    }
    case 'policy-changed': {
      const ref = (p: string): string => (p === 'target-tracking' || p === 'step' || p === 'scheduled' || p === 'predictive' ? t(`policyRef.${p}`) : p);
      const target = w.target === null ? '' : t('changedTarget', { target: String(w.target) });
      return t('changed', { from: ref(w.from), to: ref(w.to), min: w.min, max: w.max, target });
    }
  }
}

/** A decision's reason: from its data when it has them, else the core's sentence as it is. */
export function decisionReason(t: ReasonT, d: Pick<ScalingDecision, 'reason' | 'why'>): string {
  return d.why ? whyText(t, d.why) : d.reason;
}

/** What held a count back, in words ("capped by" column). */
export function cappedText(t: ReasonT, capped: string | null): string {
  if (capped === null) return '';
  switch (capped) {
    case 'maxReplicas':
    case 'minReplicas':
    case 'scaleUpLimit':
    case 'scaleDownLimit':
    case 'stabilization':
      return t(`capped.${capped}`);
    default:
      return capped;
  }
}
