import { describe, expect, it } from 'vitest';
import type { SeriesView } from '../series';
import { tenancyPoints, tenantColumns, usageOf } from './tenancyPoints';

const view = (n: number): SeriesView => ({
  version: 1,
  length: n,
  time: Float64Array.from({ length: n }, (_, i) => i * 10),
  columns: new Map([
    ['web.p99', new Float64Array(n)],
    ['tenant.web.dominantShare', Float64Array.from({ length: n }, (_, i) => i / n)],
    ['tenant.batch.dominantShare', new Float64Array(n).fill(0.5)],
    ['tenancy.jain', Float64Array.from({ length: n }, (_, i) => (i % 2 ? 1 : Number.NaN))],
  ]),
});

describe('tenancy chart points', () => {
  it('finds the tenants from the series columns', () => {
    expect(tenantColumns(view(4))).toEqual(['web', 'batch']);
  });
  it('averages buckets, skipping missing samples, and stamps each bucket with its last time', () => {
    const p = tenancyPoints(view(4), ['web', 'batch'], 2);
    expect(p).toHaveLength(2);
    expect(p[0]).toEqual({ t: 10, jain: 1, 'share:web': 0.125, 'share:batch': 0.5 });
    expect(p[1]!.t).toBe(30);
    expect(p[1]!['share:web']).toBeCloseTo(0.625, 12);
    expect(tenancyPoints(view(0), ['web'])).toEqual([]);
  });
  it('formats usage against a quota', () => {
    expect(usageOf(12, 16)).toEqual({ text: '12 / 16', fraction: 0.75 });
    expect(usageOf(20, 16).fraction).toBe(1);
    expect(usageOf(3, undefined)).toEqual({ text: '3', fraction: null });
  });
});
