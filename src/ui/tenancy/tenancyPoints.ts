/**
 * Chart points for the tenancy panel from the metrics series (display only): each tenant's dominant
 * share (column `tenant.<id>.dominantShare`) and Jain's index (`tenancy.jain`), averaged over equal
 * buckets of consecutive samples, at most `maxPoints`.
 */
import type { SeriesView } from '../series';

export const JAIN_COLUMN = 'tenancy.jain';
const PREFIX = 'tenant.';
const SUFFIX = '.dominantShare';

/** Tenant ids with a dominant-share column, in column order. */
export function tenantColumns(view: SeriesView): string[] {
  const out: string[] = [];
  for (const name of view.columns.keys()) if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) out.push(name.slice(PREFIX.length, -SUFFIX.length));
  return out;
}

export type TenancyPoint = { t: number; jain: number | null } & Record<string, number | null>;

export function tenancyPoints(view: SeriesView, tenants: readonly string[], maxPoints = 400): TenancyPoint[] {
  const n = view.length;
  if (n === 0) return [];
  const cols = tenants.map((t) => view.columns.get(`${PREFIX}${t}${SUFFIX}`));
  const jain = view.columns.get(JAIN_COLUMN);
  const bucket = Math.max(1, Math.ceil(n / maxPoints));
  const mean = (c: Float64Array | undefined, a: number, b: number): number | null => {
    if (!c) return null;
    let s = 0;
    let k = 0;
    for (let i = a; i < b; i++) {
      const v = c[i]!;
      if (Number.isFinite(v)) {
        s += v;
        k++;
      }
    }
    return k > 0 ? s / k : null;
  };
  const out: TenancyPoint[] = [];
  for (let start = 0; start < n; start += bucket) {
    const end = Math.min(n, start + bucket);
    const p = { t: view.time[end - 1]!, jain: mean(jain, start, end) } as TenancyPoint;
    tenants.forEach((t, i) => {
      p[`share:${t}`] = mean(cols[i], start, end);
    });
    out.push(p);
  }
  return out;
}

/** "12 / 16" with the share of the cap used (0..1), or "12" and null without a cap. */
export function usageOf(used: number, cap: number | undefined): { text: string; fraction: number | null } {
  const u = Number(used.toFixed(2));
  if (cap === undefined) return { text: String(u), fraction: null };
  return { text: `${u} / ${cap}`, fraction: cap > 0 ? Math.min(1, used / cap) : used > 0 ? 1 : 0 };
}
