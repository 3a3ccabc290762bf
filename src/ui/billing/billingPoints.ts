/**
 * Presentation helpers of the billing panel: the cost-over-time chart's points (cumulative cost per
 * tenant, at most `maxPoints` of them) and money formatting. Pure: no simulation logic here, only
 * the summary the worker computed, reshaped for recharts.
 */
import type { BillingSummary } from '../../workers/billing';

export const MAX_BILL_POINTS = 600;

export interface CostPoint {
  t: number;
  /** Cumulative cost per tenant (own + idle share) up to t, keyed by tenant. */
  [tenant: string]: number;
}

/**
 * Cumulative cost per tenant at the end of each step, thinned to at most `maxPoints` points (the
 * last step always kept). Cumulative sums are monotone, so keeping every k-th point keeps the shape.
 */
export function costPoints(summary: BillingSummary, maxPoints = MAX_BILL_POINTS): { tenants: string[]; points: CostPoint[] } {
  const { series } = summary;
  const tenants = Object.keys(series.tenants).sort();
  const n = series.t.length;
  const cum = tenants.map(() => 0);
  const all: CostPoint[] = [];
  for (let i = 0; i < n; i++) {
    const p: CostPoint = { t: Math.min(summary.to, series.t[i]! + series.step) };
    tenants.forEach((tenant, k) => {
      const s = series.tenants[tenant]!;
      cum[k] = cum[k]! + (s.direct[i] ?? 0) + (s.idleShare[i] ?? 0);
      p[tenant] = cum[k]!;
    });
    all.push(p);
  }
  if (n <= maxPoints) return { tenants, points: all };
  const k = Math.ceil(n / Math.max(1, maxPoints - 1));
  const points: CostPoint[] = [];
  for (let i = k - 1; i < n - 1; i += k) points.push(all[i]!);
  points.push(all[n - 1]!);
  return { tenants, points };
}

/** "$1,234.56"; small amounts keep four decimals ("$0.0123"). */
export function formatUsd(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  const digits = abs > 0 && abs < 1 ? 4 : 2;
  return `${x < 0 ? '−' : ''}$${abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** A line item's quantity with its unit ("12.5 h", "3.2 GB"). */
export function formatQuantity(q: number, unit: string): string {
  const v = Math.abs(q) >= 100 ? q.toLocaleString('en-US', { maximumFractionDigits: 1 }) : Number(q.toPrecision(4)).toString();
  return `${v} ${unit === 'hours' ? 'h' : unit}`;
}

/** A file name for a CSV download: "hybrid-cloud-bill.csv", "hybrid-cloud-acme.csv". */
export function csvFileName(scenario: string, tenant?: string): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'bill';
  return `${slug(scenario)}-${tenant === undefined ? 'bill' : slug(tenant)}.csv`;
}
