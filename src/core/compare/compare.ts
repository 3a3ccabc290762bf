/**
 * A/B comparison of two runs: the figures a class compares (latency percentiles, drops and errors,
 * availability, cost, service-level objectives) picked from each run's results, and a table of
 * rows with A, B, B − A and (B − A) / |A|. Plain functions over results objects: the CLI calls
 * `compareResults`, the console's workers send each side's `compareSide` across and the second
 * worker calls `compareSides`.
 */
import type { SimulationResults } from '../sim/simulation';

export type CompareUnit = 'ms' | 'count' | 'usd' | 'fraction' | 'met' | 'replica-h' | 'req/s';

/** Which way is better for a row: lower (latency, drops, cost), higher (availability) or neither. */
export type Direction = 'lower' | 'higher' | 'neutral';

export interface CompareMetricDef {
  key: string;
  label: string;
  unit: CompareUnit;
  direction: Direction;
  /** 'service': the compared service's own figures; 'run': the whole run (every service, every client). */
  scope: 'service' | 'run';
}

/** The figures of one run that a comparison reads (small: it crosses between workers). */
export interface CompareSide {
  scenario: string;
  seed: number;
  /** Simulated seconds run so far, and whether the run reached its end. */
  simulatedTime: number;
  finished: boolean;
  /** The service whose own figures are compared (null: the scenario has none). */
  service: string | null;
  values: Record<string, number | null>;
  /** Cumulative cost over time (USD), at most ~200 points; null when nothing is billed. */
  cost: { t: number[]; usd: number[] } | null;
}

export interface DeltaRow extends CompareMetricDef {
  a: number | null;
  b: number | null;
  /** b − a (null when either is missing). */
  delta: number | null;
  /** (b − a) / |a| × 100 (null when either is missing or a is 0). */
  deltaPct: number | null;
  /** Which side is better on this row ('same' when equal; null when neutral or unknown). */
  better: 'a' | 'b' | 'same' | null;
}

export interface ComparisonTable {
  service: string | null;
  a: { scenario: string; seed: number; simulatedTime: number; finished: boolean };
  b: { scenario: string; seed: number; simulatedTime: number; finished: boolean };
  rows: DeltaRow[];
}

/** The rows, in the order the table shows them. */
export const COMPARE_METRICS: ReadonlyArray<CompareMetricDef> = [
  { key: 'p50', label: 'p50 latency', unit: 'ms', direction: 'lower', scope: 'service' },
  { key: 'p95', label: 'p95 latency', unit: 'ms', direction: 'lower', scope: 'service' },
  { key: 'p99', label: 'p99 latency', unit: 'ms', direction: 'lower', scope: 'service' },
  { key: 'mean', label: 'mean latency', unit: 'ms', direction: 'lower', scope: 'service' },
  { key: 'throughput', label: 'throughput', unit: 'req/s', direction: 'higher', scope: 'service' },
  { key: 'serviceDropped', label: 'dropped', unit: 'count', direction: 'lower', scope: 'service' },
  { key: 'serviceTimedOut', label: 'timed out', unit: 'count', direction: 'lower', scope: 'service' },
  { key: 'utilization', label: 'utilization', unit: 'fraction', direction: 'neutral', scope: 'service' },
  { key: 'clientP99', label: 'client p99 (end to end)', unit: 'ms', direction: 'lower', scope: 'run' },
  { key: 'arrivals', label: 'requests arrived', unit: 'count', direction: 'neutral', scope: 'run' },
  { key: 'dropped', label: 'dropped', unit: 'count', direction: 'lower', scope: 'run' },
  { key: 'timedOut', label: 'timed out', unit: 'count', direction: 'lower', scope: 'run' },
  { key: 'errors', label: 'errors', unit: 'count', direction: 'lower', scope: 'run' },
  { key: 'availability', label: 'availability', unit: 'fraction', direction: 'higher', scope: 'run' },
  { key: 'sloMet', label: 'objectives met', unit: 'met', direction: 'higher', scope: 'run' },
  { key: 'sloWindowsBreached', label: 'objective windows breached', unit: 'count', direction: 'lower', scope: 'run' },
  { key: 'errorBudget', label: 'error budget left (least)', unit: 'fraction', direction: 'higher', scope: 'run' },
  { key: 'replicaHours', label: 'replica-hours (autoscaled)', unit: 'replica-h', direction: 'lower', scope: 'run' },
  { key: 'cost', label: 'cost', unit: 'usd', direction: 'lower', scope: 'run' },
];

const MAX_COST_POINTS = 200;

/** The service compared by default: the target of the first workload, else the first service. */
export function defaultCompareService(r: SimulationResults): string | null {
  const target = r.workloads[0]?.target;
  if (target !== undefined && r.services.some((s) => s.id === target)) return target;
  return r.services[0]?.id ?? null;
}

function cumulativeCost(r: SimulationResults): CompareSide['cost'] {
  const b = r.billing;
  if (!b) return null;
  const n = b.series.t.length;
  const perStep = new Array<number>(n).fill(0);
  const tenants = Object.values(b.series.tenants);
  for (const s of tenants) for (let k = 0; k < n; k++) perStep[k]! += (s.direct[k] ?? 0) + (s.idleShare[k] ?? 0);
  if (tenants.length === 0) for (let k = 0; k < n; k++) perStep[k]! += b.series.idle[k] ?? 0;
  const every = Math.max(1, Math.ceil(n / MAX_COST_POINTS));
  const t: number[] = [];
  const usd: number[] = [];
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += perStep[k]!;
    if ((k + 1) % every === 0 || k === n - 1) {
      t.push(b.series.t[k]!);
      usd.push(acc);
    }
  }
  return { t, usd };
}

/** Picks the compared figures of a run (`service`: whose own figures; default `defaultCompareService`). */
export function compareSide(r: SimulationResults, service?: string | null): CompareSide {
  const id = service !== undefined && service !== null && r.services.some((s) => s.id === service) ? service : defaultCompareService(r);
  const s = r.services.find((x) => x.id === id);
  const ms = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : x * 1000);
  const req = r.requests;
  const failed = req.dropped + req.timedOut + req.errors;
  const withSlo = r.services.filter((x) => x.slo !== undefined);
  let met: number | null = null;
  let breached: number | null = null;
  let budget: number | null = null;
  if (withSlo.length > 0) {
    met = 1;
    breached = 0;
    for (const x of withSlo) {
      const o = x.slo!.overall;
      if (o.availabilityMet === false || o.latencyMet === false) met = 0;
      breached += x.slo!.windows.breached;
      if (o.errorBudgetRemaining !== null) budget = budget === null ? o.errorBudgetRemaining : Math.min(budget, o.errorBudgetRemaining);
    }
  }
  const scaled = r.services.filter((x) => x.scaling !== undefined);
  // The busiest workload stands for the clients.
  const client = r.workloads.reduce<SimulationResults['workloads'][number] | null>((best, w) => (best === null || w.requests > best.requests ? w : best), null);
  const values: Record<string, number | null> = {
    p50: ms(s?.latency.p50),
    p95: ms(s?.latency.p95),
    p99: ms(s?.latency.p99),
    mean: ms(s?.latency.mean),
    throughput: s ? s.throughput : null,
    serviceDropped: s ? s.dropped : null,
    serviceTimedOut: s ? s.timedOut : null,
    utilization: s ? s.utilization : null,
    clientP99: ms(client?.latency.p99),
    arrivals: req.arrivals,
    dropped: req.dropped,
    timedOut: req.timedOut,
    errors: req.errors,
    availability: req.arrivals > 0 ? 1 - failed / req.arrivals : null,
    sloMet: met,
    sloWindowsBreached: breached,
    errorBudget: budget,
    replicaHours: scaled.length > 0 ? scaled.reduce((acc, x) => acc + x.scaling!.replicaHours, 0) : null,
    cost: r.billing ? r.billing.total : null,
  };
  return { scenario: r.scenario, seed: r.seed, simulatedTime: r.simulatedTime, finished: r.finished, service: id, values, cost: cumulativeCost(r) };
}

const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** One row from the two values. */
export function deltaRow(def: CompareMetricDef, aValue: number | null | undefined, bValue: number | null | undefined): DeltaRow {
  const a = finite(aValue);
  const b = finite(bValue);
  const delta = a !== null && b !== null ? b - a : null;
  const deltaPct = delta !== null && a !== null && a !== 0 ? (delta / Math.abs(a)) * 100 : null;
  let better: DeltaRow['better'] = null;
  if (delta !== null && def.direction !== 'neutral') better = delta === 0 ? 'same' : (delta < 0) === (def.direction === 'lower') ? 'b' : 'a';
  return { ...def, a, b, delta, deltaPct, better };
}

/** The comparison table of two sides (A first). */
export function compareSides(a: CompareSide, b: CompareSide): ComparisonTable {
  const head = (x: CompareSide) => ({ scenario: x.scenario, seed: x.seed, simulatedTime: x.simulatedTime, finished: x.finished });
  return {
    service: a.service,
    a: head(a),
    b: head(b),
    rows: COMPARE_METRICS.map((def) => deltaRow(def, a.values[def.key], b.values[def.key])),
  };
}

/** The comparison of two runs' results, on `service`'s figures (default: the first workload's target). */
export function compareResults(a: SimulationResults, b: SimulationResults, service?: string | null): ComparisonTable {
  const sa = compareSide(a, service);
  return compareSides(sa, compareSide(b, sa.service));
}

/** A value for people, in the row's unit ("—" when missing). */
export function formatCompareValue(unit: CompareUnit, x: number | null, signed = false): string {
  if (x === null) return '—';
  const sign = signed && x > 0 ? '+' : '';
  switch (unit) {
    case 'ms':
      return `${sign}${x.toFixed(1)} ms`;
    case 'count':
      return `${sign}${Math.round(x).toLocaleString('en-US')}`;
    case 'usd':
      return `${sign}${x < 0 ? '-' : ''}$${Math.abs(x).toFixed(2)}`;
    case 'fraction':
      // A difference of two fractions is in percentage points.
      return signed ? `${sign}${(x * 100).toFixed(2)} pp` : `${(x * 100).toFixed(2)} %`;
    case 'met':
      return signed ? `${sign}${x}` : x >= 1 ? 'met' : 'breached';
    case 'replica-h':
      return `${sign}${x.toFixed(2)}`;
    case 'req/s':
      return `${sign}${x.toFixed(1)}`;
  }
}

/** Δ % for people ("—" when undefined). */
export function formatDeltaPct(p: number | null): string {
  if (p === null) return '—';
  return `${p > 0 ? '+' : ''}${p.toFixed(1)} %`;
}

/** The table as text rows (header first) for a terminal; rows with neither side known are left out. */
export function comparisonTextRows(t: ComparisonTable): string[][] {
  const rows: string[][] = [['', 'metric', 'A', 'B', 'Δ (B − A)', 'Δ %', 'better']];
  for (const r of t.rows) {
    if (r.a === null && r.b === null) continue;
    const scope = r.scope === 'service' ? (t.service ?? '') : 'run';
    const delta = r.unit === 'met' ? (r.delta === null || r.delta === 0 ? (r.delta === 0 ? 'same' : '—') : r.delta > 0 ? 'breached → met' : 'met → breached') : formatCompareValue(r.unit, r.delta, true);
    rows.push([scope, r.label, formatCompareValue(r.unit, r.a), formatCompareValue(r.unit, r.b), delta, r.unit === 'met' ? '—' : formatDeltaPct(r.deltaPct), r.better === null ? '' : r.better === 'same' ? '=' : r.better.toUpperCase()]);
  }
  return rows;
}
