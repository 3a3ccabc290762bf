import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram';

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

describe('Histogram', () => {
  it('reports quantiles within 0.4 % of the exact nearest-rank value', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-5, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 400 }), fc.double({ min: 0.01, max: 0.999, noNaN: true }), (xs, q) => {
        const h = new Histogram();
        for (const x of xs) h.record(x);
        const exact = exactQuantile([...xs].sort((a, b) => a - b), q);
        expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(1 / 256 + 1e-12);
      }),
    );
  });

  it('keeps an exact mean, min, max and count, and resets', () => {
    const h = new Histogram();
    [0.1, 0.2, 0.3, 0.4].forEach((x) => h.record(x));
    expect(h.count).toBe(4);
    expect(h.mean).toBeCloseTo(0.25, 15);
    expect(h.min).toBe(0.1);
    expect(h.max).toBe(0.4);
    expect(h.quantile(1)).toBe(0.4);
    h.reset();
    expect(h.count).toBe(0);
    expect(Number.isNaN(h.quantile(0.5))).toBe(true);
  });

  it('clamps values outside its range into the end buckets but keeps exact extremes', () => {
    const h = new Histogram();
    h.record(0);
    h.record(1e9);
    expect(h.min).toBe(0);
    expect(h.max).toBe(1e9);
    expect(h.quantile(0.5)).toBe(0);
  });

  it('adds histograms', () => {
    const a = new Histogram();
    const b = new Histogram();
    a.record(1);
    b.record(3);
    a.add(b);
    expect(a.count).toBe(2);
    expect(a.max).toBe(3);
    expect(a.quantile(1)).toBe(3);
  });
});
