/**
 * From metered usage to a bill: records, invoices per tenant, cost over time, idle cost and its
 * split, budgets and alerts. Pure: the same usage, scenario and seed give the same bill.
 *
 * Billing rules:
 * - Instances on pools billed per instance pay their type's price in their region, per second,
 *   with a 60-second minimum per start (EC2 Linux, MODELS.md): an instance that ran 30 s pays
 *   60 s, one that ran 61 s pays 61 s. The top-up is a separate `minimum` record at the end, at
 *   the on-demand rate (or the spot price then in force); it is settled when the instance stops.
 *   A spot instance the provider interrupts pays only its seconds (no top-up).
 * - Spot instances pay, each second, the spot price in force (never more than their maximum).
 * - Reserved commitments cover matching on-demand usage (same region and type) first, hour by
 *   hour: a commitment for `count` instances covers up to count × 3600 instance-seconds in each
 *   clock hour, at its effective hourly rate; several instances share the coverage pro rata; what
 *   it does not cover is on demand; its unused part is still paid (`unused-reservation`, charged to
 *   its tenant, or idle).
 * - Hosts of pools billed per host cost their rate every second they exist (a private datacenter's
 *   fixed monthly rate, used or not; public hosts per second with a 60-second minimum per start).
 *   Following OpenCost, each instance on such a host pays the host's rate × its share of the host
 *   (its requests over the allocatable capacity, CPU, memory and GPUs weighted by what they cost);
 *   the rest of the host's cost is idle: charged to the tenant of a dedicated host (a pool
 *   dedicatedTo it; or, for a dedicated-hosts tenant holding a shared pool's host alone, the idle of
 *   the seconds it held it), otherwise shared out hour by hour, in proportion to the tenants' own
 *   costs in that hour or evenly.
 * - Volumes cost per GB-month while their instance holds a host; data egress per GB, metered from
 *   the run's calls and responses (egress.ts), per sender, destination and clock hour.
 * Every record covers one clock hour at most (spot records one price step), so the cost over time
 * is exact, and every instance-second is in exactly one record of its instance (coverage splits a
 * record's seconds, never its time).
 */
import type { Scenario } from '../scenario/schema';
import { MONTH_SECONDS, type Commitment, type EgressDestination, type PriceCatalogue } from './catalogue';
import { BYTES_PER_GB, egressResource } from './egress';
import type { InstanceUsage, MeteredUsage, SpotNotice } from './meter';
import { recommend, type Recommendation } from './recommend';
import { durationSeconds } from '../scenario/duration';

const HOUR = 3600;
/** EC2 Linux: per second, 60 s minimum per instance start. */
export const MINIMUM_SECONDS = 60;

export type BillingCategory = 'instance' | 'minimum' | 'allocation' | 'idle' | 'unused-reservation' | 'storage' | 'egress' | 'function';
export type RecordPricing = 'on-demand' | 'spot' | 'reserved' | 'fixed' | 'usage';

/** One metered interval and what it costs. */
export interface BillingRecord {
  category: BillingCategory;
  /** Who pays: a tenant ("shared" for untenanted usage), or null for idle cost that is shared out. */
  tenant: string | null;
  /** Service or instance group; the pool for idle host cost; "reservations" for unused commitments. */
  group: string;
  /** Instance name, host id, commitment or service. */
  subject: string;
  /** What was used, e.g. "g.large · eu-west". */
  resource: string;
  /** The same as structure (for a console that words it in another language). */
  label?: ResourceLabel;
  pricing: RecordPricing;
  region: string;
  start: number;
  end: number;
  /** Seconds (instance, minimum, allocation, idle, unused-reservation), GB-months (storage), GB (egress), requests or GB-seconds (function). */
  quantity: number;
  unit: 'seconds' | 'GB-months' | 'GB' | 'requests' | 'GB-seconds';
  /** USD per hour (seconds), per GB-month, per GB, per request or per GB-second. */
  rate: number;
  cost: number;
  /** Reserved usage and unused reservations: the commitment (index in billing.reserved). */
  commitment?: number;
}

/**
 * What a record's or line item's `resource` says, as data: an instance type in a region, an
 * allocation on a host pool, a volume, a host's minimum, a pool's idle cost, or an egress route.
 */
export type ResourceLabel =
  | { code: 'type-region'; type: string; region: string }
  | { code: 'allocation'; type: string; pool: string }
  | { code: 'volume'; gb: number }
  | { code: 'host'; pool: string }
  | { code: 'idle'; pool: string }
  | { code: 'egress'; destination: EgressDestination; toRegion: string }
  | { code: 'function-requests' }
  | { code: 'function-duration'; memoryMb: number };

/** The run's figures billing needs beyond metering (egress, utilization for recommendations). */
export interface RunContext {
  warmup: number;
  services: ReadonlyArray<{ id: string; arrivals: number }>;
  workloads: ReadonlyArray<{ id: string; target: string; completed: number }>;
  series?: { column(name: string): ArrayLike<number> | undefined };
}

export interface LineItem {
  group: string;
  category: BillingCategory;
  resource: string;
  /** `resource` as structure (absent only for line items built by older code). */
  label?: ResourceLabel;
  pricing: RecordPricing;
  quantity: number;
  unit: 'hours' | 'GB-months' | 'GB' | 'requests' | 'GB-seconds';
  cost: number;
}

export interface TenantInvoice {
  tenant: string;
  /** Its own records (dedicated hosts' idle and its unused commitments included). */
  direct: number;
  /** Its part of the shared idle cost. */
  idleShare: number;
  total: number;
  lineItems: LineItem[];
}

export interface BudgetAlert {
  t: number;
  tenant: string;
  kind: 'actual' | 'forecast';
  threshold: number;
  budget: number;
  /** Spend so far (actual), or the month's forecast (forecast), when it crossed. */
  amount: number;
  message: string;
}

export interface BudgetStatus {
  tenant: string;
  monthly: number;
  spent: number;
  /** Spend so far extrapolated linearly to a month (730 h). */
  forecast: number;
  thresholds: number[];
}

export interface ReservationUse {
  region: string;
  type: string;
  count: number;
  term: string;
  upfront: string;
  tenant: string | null;
  /** Effective hourly rate of one reserved instance. */
  hourly: number;
  /** Instance-hours paid for, and used by matching usage. */
  hours: number;
  usedHours: number;
  utilization: number;
  cost: number;
  /** What the covered usage would have cost on demand, less what the commitment cost. */
  saving: number;
}

export interface BillingSummary {
  currency: 'USD';
  /** The bill runs from 0 to this time. */
  to: number;
  total: number;
  tenants: TenantInvoice[];
  idle: { total: number; split: 'proportional' | 'even' };
  byCategory: Record<string, number>;
  byPricing: Record<string, number>;
  /** Cost per step (not cumulative), per tenant: its own and its share of idle. */
  series: { step: number; t: number[]; tenants: Record<string, { direct: number[]; idleShare: number[] }>; idle: number[] };
  budgets: BudgetStatus[];
  alerts: BudgetAlert[];
  reservations: ReservationUse[];
  spot: { instances: number; notices: number; interrupted: number; recent: SpotNotice[] };
  recommendations: Recommendation[];
  records: number;
}

/** Calls cb for each piece of [start, end) cut at clock hours (and at multiples of `step` if > 0). */
export function pieces(start: number, end: number, step: number, cb: (a: number, b: number) => void): void {
  let a = start;
  while (a < end) {
    let next = (Math.floor(a / HOUR) + 1) * HOUR;
    if (step > 0) {
      const s = (Math.floor(a / step) + 1) * step;
      if (s < next) next = s;
    }
    const b = next < end ? next : end;
    if (!(b > a)) break;
    cb(a, b);
    a = b;
  }
}

const hourOf = (t: number) => Math.floor(t / HOUR);

interface OnDemandPiece {
  u: InstanceUsage;
  a: number;
  b: number;
  od: number;
  region: string;
  type: string;
}

/** The records of metered usage. */
export function billingRecords(scenario: Scenario, catalogue: PriceCatalogue, usage: MeteredUsage): BillingRecord[] {
  const now = usage.now;
  const out: BillingRecord[] = [];
  const spotStep = catalogue.spot.settings.step;
  const volumes = new Map((scenario.billing?.storage.volumes ?? []).map((v) => [v.group, v.sizeGB]));
  const buckets = new Map<string, OnDemandPiece[]>();
  const allocated = new Map<string, number>();
  // Hosts held by a dedicated-hosts tenant: the idle capacity of the time it held them is its cost.
  // Per host-hour and tenant: the stretches its instances held the host and what they paid for it.
  const soleTenants = new Set((scenario.tenants ?? []).filter((t) => t.isolation === 'dedicated-hosts').map((t) => t.id));
  const heldBy = new Map<string, Map<string, { spans: Array<[number, number]>; paid: number }>>();
  const push = (r: BillingRecord) => out.push(r);

  // Instances.
  for (const u of usage.instances) {
    let lastRate = 0;
    let lastBilledPerInstance = false;
    for (const s of u.segments) {
      const pool = catalogue.pools[s.pool]!;
      const base = { tenant: u.tenant, group: u.group, subject: u.name, region: s.region };
      if (pool.billing === 'instances') {
        lastBilledPerInstance = true;
        const od = catalogue.onDemand(s.region, s.type);
        const resource = `${s.type} · ${s.region}`;
        const label: ResourceLabel = { code: 'type-region', type: s.type, region: s.region };
        if (u.pricing === 'spot') {
          const max = u.maxPrice ?? od;
          pieces(s.start, s.end, spotStep, (a, b) => {
            const price = catalogue.spotPrice(s.region, s.type, a);
            const rate = price < max ? price : max;
            lastRate = rate;
            push({ ...base, category: 'instance', resource, label, pricing: 'spot', start: a, end: b, quantity: b - a, unit: 'seconds', rate, cost: (rate * (b - a)) / HOUR });
          });
        } else {
          lastRate = od;
          pieces(s.start, s.end, 0, (a, b) => {
            const key = `${s.region}|${s.type}|${hourOf(a)}`;
            let list = buckets.get(key);
            if (!list) buckets.set(key, (list = []));
            list.push({ u, a, b, od, region: s.region, type: s.type });
          });
        }
      } else {
        lastBilledPerInstance = false;
        const w = pool.weights;
        const c = pool.cap;
        const share = (c.cpu > 0 ? (w.cpu * s.cpu) / c.cpu : 0) + (c.mem > 0 ? (w.mem * s.mem) / c.mem : 0) + (c.gpu > 0 ? (w.gpu * s.gpu) / c.gpu : 0);
        const rate = pool.hostHourly * share;
        const resource = `${s.type} on ${pool.id}`;
        const label: ResourceLabel = { code: 'allocation', type: s.type, pool: pool.id };
        pieces(s.start, s.end, 0, (a, b) => {
          const cost = (rate * (b - a)) / HOUR;
          push({ ...base, category: 'allocation', resource, label, pricing: pool.fixed ? 'fixed' : 'on-demand', start: a, end: b, quantity: b - a, unit: 'seconds', rate, cost });
          const key = `${s.host}|${hourOf(a)}`;
          allocated.set(key, (allocated.get(key) ?? 0) + cost);
          if (soleTenants.has(u.tenant)) {
            let byTenant = heldBy.get(key);
            if (!byTenant) heldBy.set(key, (byTenant = new Map()));
            let h = byTenant.get(u.tenant);
            if (!h) byTenant.set(u.tenant, (h = { spans: [], paid: 0 }));
            h.spans.push([a, b]);
            h.paid += cost;
          }
        });
      }
      const gb = volumes.get(u.group);
      if (gb !== undefined) {
        const perGBMonth = catalogue.storagePerGBMonth;
        const label: ResourceLabel = { code: 'volume', gb };
        pieces(s.start, s.end, 0, (a, b) => {
          const q = (gb * (b - a)) / MONTH_SECONDS;
          push({ ...base, category: 'storage', resource: `volume ${gb} GB`, label, pricing: 'usage', start: a, end: b, quantity: q, unit: 'GB-months', rate: perGBMonth, cost: q * perGBMonth });
        });
      }
    }
    const first = u.segments[0];
    const last = u.segments[u.segments.length - 1];
    if (first && last && u.end !== null && !u.interrupted && lastBilledPerInstance) {
      const ran = u.end - first.start;
      // A binding that ended at the instant it began (terminated as it was placed) never started.
      if (ran > 0 && ran < MINIMUM_SECONDS) {
        const q = MINIMUM_SECONDS - ran;
        push({
          category: 'minimum',
          tenant: u.tenant,
          group: u.group,
          subject: u.name,
          resource: `${last.type} · ${last.region}`,
          label: { code: 'type-region', type: last.type, region: last.region },
          pricing: u.pricing === 'spot' ? 'spot' : 'on-demand',
          region: last.region,
          start: u.end,
          end: u.end,
          quantity: q,
          unit: 'seconds',
          rate: lastRate,
          cost: (lastRate * q) / HOUR,
        });
      }
    }
  }

  // Reserved coverage, hour by hour, then on-demand for the rest.
  const byKey = new Map<string, Array<{ c: Commitment; index: number; rate: number }>>();
  catalogue.commitments.forEach((c, index) => {
    const key = `${c.region}|${c.type}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push({ c, index, rate: catalogue.reservedHourly(c.region, c.type, c.term, c.upfront) });
  });
  const onDemand = (p: OnDemandPiece, seconds: number) =>
    push({
      category: 'instance',
      tenant: p.u.tenant,
      group: p.u.group,
      subject: p.u.name,
      resource: `${p.type} · ${p.region}`,
      label: { code: 'type-region', type: p.type, region: p.region },
      pricing: 'on-demand',
      region: p.region,
      start: p.a,
      end: p.b,
      quantity: seconds,
      unit: 'seconds',
      rate: p.od,
      cost: (p.od * seconds) / HOUR,
    });
  const hours = Math.ceil(now / HOUR);
  for (const [key, list] of byKey) {
    const [region, type] = key.split('|') as [string, string];
    for (let h = 0; h < hours; h++) {
      const from = h * HOUR;
      const to = Math.min(now, from + HOUR);
      if (!(to > from)) continue;
      const bucketKey = `${key}|${h}`;
      const ps = buckets.get(bucketKey) ?? [];
      buckets.delete(bucketKey);
      let used = 0;
      for (const p of ps) used += p.b - p.a;
      const caps = list.map((x) => x.c.count * (to - from));
      let capacity = 0;
      for (const c of caps) capacity += c;
      const covered = used < capacity ? used : capacity;
      const f = used > 0 ? covered / used : 0;
      let left = covered;
      const take = caps.map((c) => {
        const t = left < c ? left : c;
        left -= t;
        return t;
      });
      for (const p of ps) {
        const sec = p.b - p.a;
        if (covered > 0) {
          list.forEach((x, j) => {
            if (take[j]! <= 0) return;
            const q = (sec * f * take[j]!) / covered;
            push({
              category: 'instance',
              tenant: p.u.tenant,
              group: p.u.group,
              subject: p.u.name,
              resource: `${p.type} · ${p.region}`,
              label: { code: 'type-region', type: p.type, region: p.region },
              pricing: 'reserved',
              region: p.region,
              start: p.a,
              end: p.b,
              quantity: q,
              unit: 'seconds',
              rate: x.rate,
              cost: (x.rate * q) / HOUR,
              commitment: x.index,
            });
          });
        }
        if (f < 1) onDemand(p, sec * (1 - f));
      }
      list.forEach((x, j) => {
        const unused = caps[j]! - take[j]!;
        if (unused <= 0) return;
        push({
          category: 'unused-reservation',
          tenant: x.c.tenant,
          group: 'reservations',
          subject: `${x.c.count} × ${type} ${x.c.term} ${x.c.upfront} upfront`,
          resource: `${type} · ${region}`,
          label: { code: 'type-region', type, region },
          pricing: 'reserved',
          region,
          start: from,
          end: to,
          quantity: unused,
          unit: 'seconds',
          rate: x.rate,
          cost: (x.rate * unused) / HOUR,
          commitment: x.index,
        });
      });
    }
  }
  for (const ps of buckets.values()) for (const p of ps) onDemand(p, p.b - p.a);

  // Hosts billed per host: their cost per clock hour, less what their instances pay, is idle.
  const hostHour = new Map<string, { host: number; id: string; pool: number; a: number; b: number; cost: number }>();
  for (const e of usage.hosts) {
    const pool = catalogue.pools[e.pool]!;
    const end = e.end ?? now;
    pieces(e.start, end, 0, (a, b) => {
      const key = `${e.host}|${hourOf(a)}`;
      const x = hostHour.get(key);
      const cost = (pool.hostHourly * (b - a)) / HOUR;
      if (x) {
        x.cost += cost;
        if (a < x.a) x.a = a;
        if (b > x.b) x.b = b;
      } else hostHour.set(key, { host: e.host, id: e.id, pool: e.pool, a, b, cost });
    });
    if (!pool.fixed && e.end !== null && e.end - e.start < MINIMUM_SECONDS) {
      const q = MINIMUM_SECONDS - (e.end - e.start);
      push({
        category: 'minimum',
        tenant: pool.dedicatedTo,
        group: pool.id,
        subject: e.id,
        resource: `host ${pool.id}`,
        label: { code: 'host', pool: pool.id },
        pricing: 'on-demand',
        region: pool.region,
        start: e.end,
        end: e.end,
        quantity: q,
        unit: 'seconds',
        rate: pool.hostHourly,
        cost: (pool.hostHourly * q) / HOUR,
      });
    }
  }
  for (const [key, x] of hostHour) {
    const pool = catalogue.pools[x.pool]!;
    /** An idle record of this host-hour: `cost` of unrequested capacity, paid by `tenant` (null: shared). */
    const pushIdle = (tenant: string | null, start: number, end: number, cost: number): void => {
      push({
        category: 'idle',
        tenant,
        group: pool.id,
        subject: x.id,
        resource: `idle · ${pool.id}`,
        label: { code: 'idle', pool: pool.id },
        pricing: pool.fixed ? 'fixed' : 'on-demand',
        region: pool.region,
        start,
        end,
        quantity: pool.hostHourly > 0 ? (cost / pool.hostHourly) * HOUR : 0,
        unit: 'seconds',
        rate: pool.hostHourly,
        cost,
      });
    };
    let idle = x.cost - (allocated.get(key) ?? 0);
    allocated.delete(key);
    const held = pool.dedicatedTo === null ? heldBy.get(key) : undefined;
    if (held) {
      let heldSeconds = 0;
      // Each dedicated-hosts tenant pays the idle of the time it held the host (it held it alone); the rest stays shared.
      for (const [tenant, h] of held) {
        const seconds = unionLength(h.spans);
        heldSeconds += seconds;
        const mine = (pool.hostHourly * seconds) / HOUR - h.paid;
        idle -= mine;
        const from = Math.min(...h.spans.map((sp) => sp[0]));
        const to = Math.max(...h.spans.map((sp) => sp[1]));
        pushIdle(tenant, from, to, mine);
      }
      // Held the whole billed stretch (tenants hold a host one at a time): nothing is left to share.
      if (heldSeconds >= x.b - x.a - 1e-9 && Math.abs(idle) < 1e-9) continue;
    }
    pushIdle(pool.dedicatedTo, x.a, x.b, idle);
  }

  // Data egress, metered per route and clock hour from the run's calls and responses.
  for (const e of usage.egress ?? []) {
    const rate = catalogue.egress[e.route.destination];
    const resource = egressResource(e.route);
    const label: ResourceLabel = { code: 'egress', destination: e.route.destination, toRegion: e.route.toRegion };
    const subject = e.route.kind === 'clients' ? `responses to ${e.route.to}'s clients` : e.route.kind === 'call' ? `calls to ${e.route.to}` : `responses to ${e.route.to}`;
    e.bytes.forEach((bytes, h) => {
      if (!(bytes > 0)) return;
      const a = Math.min(h * HOUR, now);
      const b = Math.min((h + 1) * HOUR, now);
      const gb = bytes / BYTES_PER_GB;
      push({ category: 'egress', tenant: e.route.tenant, group: e.route.from, subject, resource, label, pricing: 'usage', region: e.route.fromRegion, start: a, end: b, quantity: gb, unit: 'GB', rate, cost: gb * rate });
    });
  }

  // Functions (Lambda-style, per request and per GB-second of billed duration), per clock hour.
  for (const f of usage.functions ?? []) {
    const base = { category: 'function' as const, tenant: f.tenant, group: f.id, pricing: 'usage' as const, region: f.region };
    // Usage comes in bins (by when each invocation ended); the invoice has one line per clock hour.
    const perHour = Math.max(1, Math.round(HOUR / f.binSeconds));
    const bins = Math.max(f.requests.length, f.gbSeconds.length);
    for (let h = 0; h * perHour < bins; h++) {
      const a = Math.min(h * HOUR, now);
      const b = Math.min((h + 1) * HOUR, now);
      let n = 0;
      let gbS = 0;
      for (let k = h * perHour; k < Math.min(bins, (h + 1) * perHour); k++) {
        n += f.requests[k] ?? 0;
        gbS += f.gbSeconds[k] ?? 0;
      }
      if (n > 0) push({ ...base, subject: `${f.id} requests`, resource: 'requests', label: { code: 'function-requests' }, start: a, end: b, quantity: n, unit: 'requests', rate: f.perRequest, cost: n * f.perRequest });
      if (gbS > 0) push({ ...base, subject: `${f.id} duration`, resource: `duration · ${f.memoryMb} MB`, label: { code: 'function-duration', memoryMb: f.memoryMb }, start: a, end: b, quantity: gbS, unit: 'GB-seconds', rate: f.perGbSecond, cost: gbS * f.perGbSecond });
    }
  }
  return out;
}

/** Total length of a set of intervals (overlaps counted once). */
function unionLength(spans: ReadonlyArray<readonly [number, number]>): number {
  const sorted = [...spans].sort((p, q) => p[0] - q[0]);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (a > end) {
      if (end > start) total += end - start;
      start = a;
      end = b;
    } else if (b > end) end = b;
  }
  if (end > start) total += end - start;
  return total;
}

/** Spreads a record's cost over bins of `size` seconds (n bins from 0); a point record goes to its bin. */
function spread(r: BillingRecord, size: number, n: number, cb: (bin: number, amount: number, mid: number) => void): void {
  const clamp = (k: number) => (k < 0 ? 0 : k >= n ? n - 1 : k);
  if (!(r.end > r.start)) {
    cb(clamp(Math.floor(r.start / size)), r.cost, r.start);
    return;
  }
  const len = r.end - r.start;
  let a = r.start;
  while (a < r.end) {
    const k = Math.floor(a / size);
    const b = Math.min(r.end, (k + 1) * size);
    if (!(b > a)) break;
    cb(clamp(k), (r.cost * (b - a)) / len, (a + b) / 2);
    a = b;
  }
}

const SERIES_STEPS = [60, 300, 900, 3600, 6 * 3600, 86400, 7 * 86400];

const CATEGORY_ORDER: Record<BillingCategory, number> = { instance: 0, minimum: 1, allocation: 2, storage: 3, egress: 4, function: 5, 'unused-reservation': 6, idle: 7 };

/** The bill: records and the summary. */
export function computeBill(scenario: Scenario, catalogue: PriceCatalogue, usage: MeteredUsage, run?: RunContext): { records: BillingRecord[]; summary: BillingSummary } {
  const records = billingRecords(scenario, catalogue, usage);
  return { records, summary: summarize(scenario, catalogue, usage, records, run) };
}

export function summarize(scenario: Scenario, catalogue: PriceCatalogue, usage: MeteredUsage, records: readonly BillingRecord[], run?: RunContext): BillingSummary {
  const now = usage.now;
  const split = scenario.billing?.idleSplit ?? 'proportional';
  let total = 0;
  let idleTotal = 0;
  const byCategory: Record<string, number> = {};
  const byPricing: Record<string, number> = {};
  const direct = new Map<string, number>();
  /** Direct spend on hosts' capacity (functions hold no host: they draw no share of its idle cost). */
  const hostDirect = new Map<string, number>();
  for (const r of records) {
    total += r.cost;
    byCategory[r.category] = (byCategory[r.category] ?? 0) + r.cost;
    byPricing[r.pricing] = (byPricing[r.pricing] ?? 0) + r.cost;
    if (r.tenant === null) idleTotal += r.cost;
    else {
      direct.set(r.tenant, (direct.get(r.tenant) ?? 0) + r.cost);
      if (r.category !== 'function') hostDirect.set(r.tenant, (hostDirect.get(r.tenant) ?? 0) + r.cost);
    }
  }
  /** Who shares the idle cost: the tenants with host spend, else "shared" (when there is idle cost to share). */
  const idlePayers = [...hostDirect.keys()].sort();
  if (idlePayers.length === 0 && (direct.size === 0 || idleTotal > 0)) idlePayers.push('shared');
  const payers = [...new Set([...direct.keys(), ...idlePayers])].sort();

  // Idle shares, hour by hour.
  const H = Math.max(1, Math.ceil(now / HOUR));
  const directByHour = new Map<string, Float64Array>(payers.map((t) => [t, new Float64Array(H)]));
  const idleByHour = new Float64Array(H);
  for (const r of records) {
    if (r.tenant === null) spread(r, HOUR, H, (k, x) => (idleByHour[k]! += x));
    else if (r.category !== 'function') {
      // (functions hold no host: their spend does not draw a share of the hosts' idle capacity)
      const arr = directByHour.get(r.tenant)!;
      spread(r, HOUR, H, (k, x) => (arr[k]! += x));
    }
  }
  let directSum = 0;
  for (const t of idlePayers) directSum += hostDirect.get(t) ?? 0;
  /** weights[t][h]: tenant t's share of hour h's idle cost (0 for a tenant without host spend). */
  const weights = new Map<string, Float64Array>(payers.map((t) => [t, new Float64Array(H)]));
  for (let h = 0; h < H; h++) {
    let sum = 0;
    let active = 0;
    for (const t of idlePayers) {
      const x = directByHour.get(t)![h]!;
      sum += x;
      if (x > 0) active++;
    }
    for (const t of idlePayers) {
      const x = directByHour.get(t)![h]!;
      let w: number;
      if (split === 'proportional') w = sum > 0 ? x / sum : directSum > 0 ? (hostDirect.get(t) ?? 0) / directSum : 1 / idlePayers.length;
      else w = active > 0 ? (x > 0 ? 1 / active : 0) : 1 / idlePayers.length;
      weights.get(t)![h] = w;
    }
  }
  const idleShare = new Map<string, number>();
  for (const t of payers) {
    const w = weights.get(t)!;
    let s = 0;
    for (let h = 0; h < H; h++) s += idleByHour[h]! * w[h]!;
    idleShare.set(t, s);
  }

  // Cost over time.
  let step = SERIES_STEPS[SERIES_STEPS.length - 1]!;
  for (const s of SERIES_STEPS) {
    if (Math.ceil(now / s) <= 240) {
      step = s;
      break;
    }
  }
  const n = Math.max(1, Math.ceil(now / step));
  const t = Array.from({ length: n }, (_, k) => Math.min(now, (k + 1) * step));
  const seriesTenants: Record<string, { direct: number[]; idleShare: number[] }> = {};
  for (const p of payers) seriesTenants[p] = { direct: new Array<number>(n).fill(0), idleShare: new Array<number>(n).fill(0) };
  const idleSeries = new Array<number>(n).fill(0);
  for (const r of records) {
    if (r.tenant !== null) {
      const d = seriesTenants[r.tenant]!.direct;
      spread(r, step, n, (k, x) => (d[k]! += x));
    } else {
      spread(r, step, n, (k, x, mid) => {
        idleSeries[k]! += x;
        const h = Math.min(H - 1, Math.max(0, hourOf(mid)));
        for (const p of payers) seriesTenants[p]!.idleShare[k]! += x * weights.get(p)![h]!;
      });
    }
  }

  // Invoices.
  const tenantIds = new Set<string>(payers);
  for (const b of scenario.billing?.budgets ?? []) tenantIds.add(b.tenant);
  const items = new Map<string, Map<string, LineItem>>();
  for (const r of records) {
    if (r.tenant === null) continue;
    let m = items.get(r.tenant);
    if (!m) items.set(r.tenant, (m = new Map()));
    const unit = r.unit === 'seconds' ? 'hours' : r.unit;
    const key = `${r.group}\u0000${r.category}\u0000${r.resource}\u0000${r.pricing}`;
    const li = m.get(key);
    const q = r.unit === 'seconds' ? r.quantity / HOUR : r.quantity;
    if (li) {
      li.quantity += q;
      li.cost += r.cost;
    } else m.set(key, { group: r.group, category: r.category, resource: r.resource, ...(r.label ? { label: r.label } : {}), pricing: r.pricing, quantity: q, unit, cost: r.cost });
  }
  const tenants: TenantInvoice[] = [...tenantIds].sort().map((tenant) => {
    const d = direct.get(tenant) ?? 0;
    const i = idleShare.get(tenant) ?? 0;
    const lineItems = [...(items.get(tenant)?.values() ?? [])].sort(
      (a, b) => cmp(a.group, b.group) || CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] || cmp(a.resource, b.resource) || cmp(a.pricing, b.pricing),
    );
    return { tenant, direct: d, idleShare: i, total: d + i, lineItems };
  });

  // Budgets.
  const budgets: BudgetStatus[] = [];
  const alerts: BudgetAlert[] = [];
  for (const b of scenario.billing?.budgets ?? []) {
    const s = seriesTenants[b.tenant];
    const inv = tenants.find((x) => x.tenant === b.tenant)!;
    const spent = inv.total;
    budgets.push({ tenant: b.tenant, monthly: b.monthly, spent, forecast: now > 0 ? (spent * MONTH_SECONDS) / now : 0, thresholds: [...b.thresholds] });
    if (!s) continue;
    const after = durationSeconds(b.forecastAfter);
    for (const thr of [...b.thresholds].sort((x, y) => x - y)) {
      const level = thr * b.monthly;
      let cum = 0;
      let actual = false;
      let forecast = false;
      for (let k = 0; k < n; k++) {
        const prev = cum;
        cum += s.direct[k]! + s.idleShare[k]!;
        const t0 = k * step;
        const t1 = t[k]!;
        if (!actual && cum >= level) {
          actual = true;
          const at = cum > prev ? t0 + ((level - prev) / (cum - prev)) * (t1 - t0) : t1;
          alerts.push({ t: at, tenant: b.tenant, kind: 'actual', threshold: thr, budget: b.monthly, amount: level, message: `${b.tenant}: spend reached ${pct(thr)} of its $${money(b.monthly)} monthly budget` });
        }
        if (!forecast) {
          const at = forecastCrossing(prev, cum, t0, t1, after, level);
          if (at !== null) {
            forecast = true;
            // at t = 0 the forecast is the step's spend rate extrapolated (spend/t is 0/0 there)
            const f = at > 0 ? ((prev + ((cum - prev) * (at - t0)) / (t1 - t0 || 1)) * MONTH_SECONDS) / at : ((cum - prev) / (t1 - t0 || 1)) * MONTH_SECONDS;
            alerts.push({ t: at, tenant: b.tenant, kind: 'forecast', threshold: thr, budget: b.monthly, amount: f, message: `${b.tenant}: forecast $${money(f)} for the month crosses ${pct(thr)} of its $${money(b.monthly)} budget` });
          }
        }
        if (actual && forecast) break;
      }
    }
  }
  alerts.sort((a, b) => a.t - b.t || cmp(a.tenant, b.tenant) || a.threshold - b.threshold || cmp(a.kind, b.kind));

  // Reservations.
  const reservations: ReservationUse[] = catalogue.commitments.map((c) => {
    const rate = catalogue.reservedHourly(c.region, c.type, c.term, c.upfront);
    return { region: c.region, type: c.type, count: c.count, term: c.term, upfront: c.upfront, tenant: c.tenant, hourly: rate, hours: (c.count * now) / HOUR, usedHours: 0, utilization: 0, cost: (rate * c.count * now) / HOUR, saving: 0 };
  });
  if (reservations.length > 0) {
    for (const r of records) {
      if (r.category === 'instance' && r.pricing === 'reserved' && r.commitment !== undefined) reservations[r.commitment]!.usedHours += r.quantity / HOUR;
    }
    for (const x of reservations) {
      x.utilization = x.hours > 0 ? x.usedHours / x.hours : 0;
      x.saving = x.usedHours * catalogue.onDemand(x.region, x.type) - x.cost;
    }
  }

  const notices = usage.notices;
  const spotInstances = usage.instances.filter((u) => u.pricing === 'spot').length;
  return {
    currency: 'USD',
    to: now,
    total,
    tenants,
    idle: { total: idleTotal, split },
    byCategory: sortKeys(byCategory),
    byPricing: sortKeys(byPricing),
    series: { step, t, tenants: seriesTenants, idle: idleSeries },
    budgets,
    alerts,
    reservations,
    spot: { instances: spotInstances, notices: notices.length, interrupted: usage.instances.filter((u) => u.interrupted).length, recent: notices.slice(-20) },
    recommendations: recommend({ scenario, catalogue, usage, records, run }),
    records: records.length,
  };
}

/**
 * When the month's forecast first reaches `level` within a step [t0, t1] (spend prev at t0, cum at
 * t1, spent at a constant rate within the step), not before `after`; null if it does not there.
 * Forecast method: linear extrapolation of the run's spend rate so far, F(t) = spend(t) × 730 h / t.
 * F(t) ≥ level ⇔ spend(t) − level·t/730 h ≥ 0, which is linear in t within a step: solved exactly.
 */
export function forecastCrossing(prev: number, cum: number, t0: number, t1: number, after: number, level: number): number | null {
  const lo = t0 > after ? t0 : after;
  if (!(t1 > 0) || lo > t1) return null;
  const r = t1 > t0 ? (cum - prev) / (t1 - t0) : 0;
  const k = level / MONTH_SECONDS;
  const g = (t: number) => prev + r * (t - t0) - k * t;
  if (lo > 0 && g(lo) >= 0) return lo;
  if (g(t1) < 0 || !(r > k)) return null;
  const t = (r * t0 - prev) / (r - k);
  return t < lo ? lo : t > t1 ? t1 : t;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k]!;
  return out;
}

function pct(x: number): string {
  return `${Math.round(x * 100)} %`;
}

export function money(x: number): string {
  return x.toFixed(2);
}

// ------------------------------------------------------------------ CSV

function csvCell(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(6)) : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(cells: ReadonlyArray<string | number>): string {
  return cells.map(csvCell).join(',');
}

/**
 * An invoice as CSV (RFC 4180): one row per line item, one for the tenant's share of idle cost,
 * then its total; all tenants when none is named. The rows of a tenant add up to its total.
 */
export function invoiceCsv(summary: BillingSummary, tenant?: string): string {
  const lines = [csvLine(['tenant', 'group', 'category', 'resource', 'pricing', 'quantity', 'unit', 'cost_usd'])];
  for (const inv of summary.tenants) {
    if (tenant !== undefined && inv.tenant !== tenant) continue;
    for (const li of inv.lineItems) lines.push(csvLine([inv.tenant, li.group, li.category, li.resource, li.pricing, li.quantity, li.unit, li.cost]));
    if (inv.idleShare !== 0) lines.push(csvLine([inv.tenant, '', 'idle-share', `idle cost split ${summary.idle.split}`, '', '', '', inv.idleShare]));
    lines.push(csvLine([inv.tenant, '', 'total', '', '', '', '', inv.total]));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Every record as CSV (RFC 4180). */
export function recordsCsv(records: readonly BillingRecord[]): string {
  const lines = [csvLine(['tenant', 'group', 'subject', 'category', 'resource', 'pricing', 'region', 'start_s', 'end_s', 'quantity', 'unit', 'rate', 'cost_usd'])];
  for (const r of records) lines.push(csvLine([r.tenant ?? '(idle)', r.group, r.subject, r.category, r.resource, r.pricing, r.region, r.start, r.end, r.quantity, r.unit, r.rate, r.cost]));
  return `${lines.join('\r\n')}\r\n`;
}
