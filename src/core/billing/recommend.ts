/**
 * Cost recommendations computed from a run's metering and utilization (pure):
 * - rightsize: a placed service whose peak utilization, scaled to the next smaller type of its
 *   family, stays at or under the target (80 %) moves to that type. Saving: its compute cost ×
 *   (1 − smaller price / current price). Only services have a utilization (instances outside
 *   services carry no load in the model).
 * - reserve: the fewest instances of a type running at once in a region, on demand, over the
 *   whole run (the steady baseline), less the commitments already there, are worth a 1-year
 *   commitment (no upfront). Saving: that many instance-hours × (on-demand − reserved rate).
 * - spot: interruption-tolerant groups on demand (batch instance groups, which have a lifetime,
 *   and services of at least two replicas) move to spot. Saving: their on-demand cost × (1 − the
 *   spot market's long-run fraction).
 * - scale to zero: a placed service that got no request over the measured period. Saving: all
 *   it cost (compute and volumes).
 * Savings are over the run, and per month (× 730 h / run length). `applyRecommendation` turns one
 * into a scenario change, so a re-run on the same seed shows the real saving.
 */
import type { Scenario, ScenarioInput } from '../scenario/schema';
import { MONTH_SECONDS, type PriceCatalogue, type ReservedTerm, type Upfront } from './catalogue';
import type { BillingRecord, RunContext } from './invoice';
import type { MeteredUsage } from './meter';

export type RecommendationChange =
  | { kind: 'rightsize'; instanceType: string }
  | { kind: 'reserve'; reserved: { region: string; type: string; count: number; term: ReservedTerm; upfront: Upfront } }
  | { kind: 'spot' }
  | { kind: 'scale-to-zero' };

/**
 * The figures a recommendation's summary is worded from, so a console can word it in another
 * language (the CLI prints `summary`). Utilizations and fractions are 0..1; prices USD per hour.
 */
export type RecommendationDetail =
  | { kind: 'scale-to-zero'; cost: number }
  | { kind: 'rightsize'; peak: number; from: string; projected: number; to: string; target: number }
  | { kind: 'reserve'; steady: number; type: string; region: string; existing: number; count: number; term: ReservedTerm; upfront: Upfront; rate: number; onDemand: number; longest: number }
  | { kind: 'spot'; why: 'replicas' | 'batch'; replicas: number; fraction: number };

export interface Recommendation {
  /** Kind and target: "rightsize:web", "reserve:eu-west/g.large" (what --apply and the console name). */
  id: string;
  kind: RecommendationChange['kind'];
  /** The service or instance group, or "region/type" for a commitment. */
  target: string;
  tenant: string | null;
  summary: string;
  /** What `summary` says, as data. */
  detail: RecommendationDetail;
  change: RecommendationChange;
  /** What the target cost over the run; the saving over the run and per month (730 h). */
  runCost: number;
  runSaving: number;
  monthlySaving: number;
}

export interface RecommendationOptions {
  /** Rightsizing: the highest peak utilization allowed on the smaller type. */
  targetUtilization: number;
  reserveTerm: ReservedTerm;
  reserveUpfront: Upfront;
}

export const RECOMMENDATION_DEFAULTS: RecommendationOptions = { targetUtilization: 0.8, reserveTerm: '1y', reserveUpfront: 'none' };

export interface RecommendationInput {
  scenario: Scenario;
  catalogue: PriceCatalogue;
  usage: MeteredUsage;
  records: readonly BillingRecord[];
  run?: RunContext;
  options?: Partial<RecommendationOptions>;
}

const COMPUTE = new Set(['instance', 'minimum', 'allocation']);

function peak(col: ArrayLike<number> | undefined): number | null {
  if (!col || col.length === 0) return null;
  let m = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (Number.isFinite(x) && x > m) m = x;
  }
  return m === -Infinity ? null : m;
}

const usd = (x: number) => `$${x.toFixed(2)}`;

export function recommend(input: RecommendationInput): Recommendation[] {
  const { scenario, catalogue, usage, records, run } = input;
  const o = { ...RECOMMENDATION_DEFAULTS, ...input.options };
  const now = usage.now;
  if (!(now > 0)) return [];
  const perMonth = MONTH_SECONDS / now;
  const out: Recommendation[] = [];
  const groupRecords = new Map<string, BillingRecord[]>();
  for (const r of records) {
    if (r.tenant === null) continue;
    let l = groupRecords.get(r.group);
    if (!l) groupRecords.set(r.group, (l = []));
    l.push(r);
  }
  const sum = (rs: readonly BillingRecord[], keep: (r: BillingRecord) => boolean) => {
    let s = 0;
    for (const r of rs) if (keep(r)) s += r.cost;
    return s;
  };
  const tenantOf = (rs: readonly BillingRecord[]): string | null => {
    const ts = new Set(rs.map((r) => r.tenant));
    return ts.size === 1 ? [...ts][0]! : null;
  };
  const arrivals = new Map((run?.services ?? []).map((s) => [s.id, s.arrivals]));
  const add = (r: Omit<Recommendation, 'monthlySaving' | 'id'>) => {
    if (r.runSaving > 1e-12) out.push({ id: `${r.kind}:${r.target}`, ...r, monthlySaving: r.runSaving * perMonth });
  };

  // Rightsizing and scale to zero (services).
  for (const svc of scenario.services) {
    const rs = groupRecords.get(svc.id);
    if (!svc.placement || svc.instanceType === undefined || !rs) continue;
    const cost = sum(rs, (r) => COMPUTE.has(r.category));
    const all = sum(rs, (r) => COMPUTE.has(r.category) || r.category === 'storage');
    const got = arrivals.get(svc.id);
    if (got === 0) {
      add({
        kind: 'scale-to-zero',
        target: svc.id,
        tenant: tenantOf(rs),
        summary: `${svc.id} got no request over the run yet cost ${usd(all)}: let it scale to zero (an autoscaler with minReplicas 0)`,
        detail: { kind: 'scale-to-zero', cost: all },
        change: { kind: 'scale-to-zero' },
        runCost: all,
        runSaving: all,
      });
      continue;
    }
    const smaller = catalogue.smallerType(svc.instanceType);
    const p = peak(run?.series?.column(`${svc.id}.utilization`));
    if (smaller === null || p === null) continue;
    const cur = catalogue.types.get(svc.instanceType)!;
    const next = catalogue.types.get(smaller)!;
    const projected = (p * cur.vcpu) / next.vcpu;
    if (projected > o.targetUtilization) continue;
    let saving = 0;
    for (const r of rs) {
      if (!COMPUTE.has(r.category)) continue;
      const region = r.region;
      const a = catalogue.onDemand(region, svc.instanceType);
      const b = catalogue.onDemand(region, smaller);
      if (a > 0) saving += r.cost * (1 - b / a);
    }
    add({
      kind: 'rightsize',
      target: svc.id,
      tenant: tenantOf(rs),
      summary: `${svc.id}: peak utilization ${(p * 100).toFixed(0)} % of ${svc.instanceType} would be ${(projected * 100).toFixed(0)} % of ${smaller} (target ${(o.targetUtilization * 100).toFixed(0)} %): move to ${smaller}`,
      detail: { kind: 'rightsize', peak: p, from: svc.instanceType, projected, to: smaller, target: o.targetUtilization },
      change: { kind: 'rightsize', instanceType: smaller },
      runCost: cost,
      runSaving: saving,
    });
  }

  // Reserve the steady baseline (on-demand usage of instances billed per instance).
  const intervals = new Map<string, { region: string; type: string; tenants: Set<string>; ev: Array<[number, number]> }>();
  for (const u of usage.instances) {
    if (u.pricing !== 'on-demand') continue;
    for (const s of u.segments) {
      if (catalogue.pools[s.pool]!.billing !== 'instances' || !(s.end > s.start)) continue;
      const key = `${s.region}/${s.type}`;
      let x = intervals.get(key);
      if (!x) intervals.set(key, (x = { region: s.region, type: s.type, tenants: new Set(), ev: [] }));
      x.tenants.add(u.tenant);
      x.ev.push([s.start, 1], [s.end, -1]);
    }
  }
  for (const [key, x] of intervals) {
    // Starts before ends at the same instant: a move or a migration is not a dip.
    x.ev.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let cur = 0;
    let prev = 0;
    let min = Infinity;
    for (const [t, d] of x.ev) {
      if (t > prev) min = Math.min(min, cur);
      cur += d;
      prev = t;
    }
    if (now > prev) min = Math.min(min, cur);
    if (!Number.isFinite(min)) min = 0;
    let existing = 0;
    for (const c of catalogue.commitments) if (c.region === x.region && c.type === x.type) existing += c.count;
    const n = min - existing;
    if (n < 1) continue;
    const od = catalogue.onDemand(x.region, x.type);
    const rate = catalogue.reservedHourly(x.region, x.type, o.reserveTerm, o.reserveUpfront);
    const longest = catalogue.reservedHourly(x.region, x.type, '3y', 'all');
    const saving = (n * now * (od - rate)) / 3600;
    add({
      kind: 'reserve',
      target: key,
      tenant: x.tenants.size === 1 ? [...x.tenants][0]! : null,
      summary: `at least ${min} × ${x.type} ran in ${x.region} throughout${existing > 0 ? ` (${existing} already reserved)` : ''}: reserve ${n} for ${o.reserveTerm === '1y' ? '1 year' : '3 years'} (${o.reserveUpfront} upfront, ${usd(rate)}/h instead of ${usd(od)}/h; 3 years all upfront: ${usd(longest)}/h)`,
      detail: { kind: 'reserve', steady: min, type: x.type, region: x.region, existing, count: n, term: o.reserveTerm, upfront: o.reserveUpfront, rate, onDemand: od, longest },
      change: { kind: 'reserve', reserved: { region: x.region, type: x.type, count: n, term: o.reserveTerm, upfront: o.reserveUpfront } },
      runCost: (n * now * od) / 3600,
      runSaving: saving,
    });
  }

  // Interruption-tolerant groups to spot.
  const fraction = catalogue.spot.settings.fraction;
  const tolerant: Array<{ id: string; why: string; reason: 'replicas' | 'batch'; replicas: number; spot: boolean }> = [
    ...scenario.services
      .filter((s) => s.placement && s.replicas >= 2)
      .map((s) => ({ id: s.id, why: `${s.replicas} replicas behind a balancer`, reason: 'replicas' as const, replicas: s.replicas, spot: s.placement!.pricing === 'spot' })),
    ...scenario.instances
      .filter((g) => g.lifetime !== undefined)
      .map((g) => ({ id: g.id, why: 'batch work (a lifetime), replaced when lost', reason: 'batch' as const, replicas: g.count, spot: g.placement.pricing === 'spot' })),
  ];
  for (const g of tolerant) {
    const rs = groupRecords.get(g.id);
    if (g.spot || !rs) continue;
    const od = sum(rs, (r) => (r.category === 'instance' || r.category === 'minimum') && r.pricing === 'on-demand');
    if (!(od > 0)) continue;
    if (arrivals.get(g.id) === 0) continue;
    add({
      kind: 'spot',
      target: g.id,
      tenant: tenantOf(rs),
      summary: `${g.id} tolerates interruptions (${g.why}): run it on spot, about ${(fraction * 100).toFixed(0)} % of on-demand`,
      detail: { kind: 'spot', why: g.reason, replicas: g.replicas, fraction },
      change: { kind: 'spot' },
      runCost: od,
      runSaving: od * (1 - fraction),
    });
  }

  return out.sort((a, b) => b.monthlySaving - a.monthlySaving || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0) || (a.kind < b.kind ? -1 : 1));
}

type Json = Record<string, unknown>;

/**
 * The scenario with a recommendation applied (a copy; the input is not changed): the smaller type,
 * the commitment, spot pricing, or an autoscaler allowed to reach zero replicas.
 */
export function applyRecommendation(doc: ScenarioInput, rec: Pick<Recommendation, 'target' | 'change'>): ScenarioInput {
  const out = JSON.parse(JSON.stringify(doc)) as Json;
  const services = (out.services ?? []) as Json[];
  const groups = (out.instances ?? []) as Json[];
  const svc = services.find((s) => s.id === rec.target);
  const grp = groups.find((g) => g.id === rec.target);
  const c = rec.change;
  switch (c.kind) {
    case 'rightsize':
      if (svc) svc.instanceType = c.instanceType;
      else if (grp) grp.type = c.instanceType;
      break;
    case 'reserve': {
      const billing = (out.billing ?? {}) as Json;
      billing.reserved = [...((billing.reserved ?? []) as Json[]), { ...c.reserved }];
      out.billing = billing;
      break;
    }
    case 'spot': {
      const target = svc ?? grp;
      if (target) target.placement = { ...((target.placement ?? {}) as Json), pricing: 'spot' };
      break;
    }
    case 'scale-to-zero':
      if (svc) {
        const a = svc.autoscaler as Json | undefined;
        if (a) a.minReplicas = 0;
        else svc.autoscaler = { policy: 'target-tracking', minReplicas: 0, maxReplicas: svc.replicas };
      }
      break;
  }
  return out as unknown as ScenarioInput;
}
