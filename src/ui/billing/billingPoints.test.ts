import { describe, expect, it } from 'vitest';
import type { BillingSummary } from '../../workers/billing';
import { costPoints, csvFileName, formatQuantity, formatUsd } from './billingPoints';

function summary(steps: number, step = 60): BillingSummary {
  const t = Array.from({ length: steps }, (_, i) => i * step);
  return {
    to: steps * step,
    series: {
      step,
      t,
      tenants: { shared: { direct: t.map(() => 1), idleShare: t.map(() => 0.5) }, acme: { direct: t.map(() => 2), idleShare: t.map(() => 0) } },
      idle: t.map(() => 0.5),
    },
  } as unknown as BillingSummary;
}

describe('costPoints', () => {
  it('accumulates own cost and idle share per tenant at the end of each step', () => {
    const { tenants, points } = costPoints(summary(3));
    expect(tenants).toEqual(['acme', 'shared']);
    expect(points).toEqual([
      { t: 60, acme: 2, shared: 1.5 },
      { t: 120, acme: 4, shared: 3 },
      { t: 180, acme: 6, shared: 4.5 },
    ]);
  });

  it('keeps at most maxPoints points and always the last one', () => {
    const { points } = costPoints(summary(5000), 1000);
    expect(points.length).toBeLessThanOrEqual(1000);
    expect(points.length).toBeGreaterThan(500);
    expect(points[points.length - 1]).toEqual({ t: 300000, acme: 10000, shared: 7500 });
    for (let i = 1; i < points.length; i++) expect(points[i]!.t).toBeGreaterThan(points[i - 1]!.t);
  });
});

describe('formatting', () => {
  it('formats money, quantities and file names', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0.01234)).toBe('$0.0123');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatQuantity(12.3456, 'hours')).toBe('12.35 h');
    expect(formatQuantity(1500, 'GB')).toBe('1,500 GB');
    expect(csvFileName('Hybrid cloud')).toBe('hybrid-cloud-bill.csv');
    expect(csvFileName('Hybrid cloud', 'acme')).toBe('hybrid-cloud-acme.csv');
  });
});
