import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { lttbIndices, pick, sharedIndices } from './lttb';
import { bucketGrid, buildChartData, type SeriesSource } from './charts';

const range = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i);

/** A deterministic noisy signal with a few spikes. */
function signal(n: number, seed = 1): Float64Array {
  let x = seed;
  return Float64Array.from({ length: n }, (_, i) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return Math.sin(i / 50) * 10 + (x / 0x7fffffff) * 3;
  });
}

function argmax(y: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < y.length; i++) if (y[i]! > y[b]!) b = i;
  return b;
}
function argmin(y: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < y.length; i++) if (y[i]! < y[b]!) b = i;
  return b;
}

describe('lttbIndices', () => {
  it('keeps every point when there are few enough', () => {
    const y = signal(50);
    expect(Array.from(lttbIndices(range(50), y, 50, 100))).toEqual(Array.from(range(50)));
    expect(Array.from(lttbIndices(range(50), y, 50, 50))).toEqual(Array.from(range(50)));
  });

  it('returns at most N sorted points with the first, the last and the extremes', () => {
    const n = 10_000;
    const y = signal(n);
    y[1234] = 500; // a lone spike
    y[8765] = -400; // a lone dip
    for (const N of [3, 4, 10, 100, 999]) {
      const idx = lttbIndices(range(n), y, n, N);
      expect(idx.length).toBeLessThanOrEqual(N);
      expect(idx[0]).toBe(0);
      expect(idx[idx.length - 1]).toBe(n - 1);
      for (let k = 1; k < idx.length; k++) expect(idx[k]!).toBeGreaterThan(idx[k - 1]!);
      if (N >= 4) {
        expect(Array.from(idx)).toContain(1234);
        expect(Array.from(idx)).toContain(8765);
      }
    }
  });

  it('follows the shape: a downsampled sine stays close to the original', () => {
    const n = 5000;
    const x = range(n);
    const y = Float64Array.from(x, (t) => Math.sin(t / 300));
    const idx = lttbIndices(x, y, n, 200);
    expect(idx.length).toBe(200);
    // Linear interpolation through the kept points is within a small error everywhere.
    let k = 0;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      while (k < idx.length - 2 && idx[k + 1]! < i) k++;
      const a = idx[k]!;
      const b = idx[k + 1]!;
      const v = a === b ? y[a]! : y[a]! + ((y[b]! - y[a]!) * (i - a)) / (b - a);
      worst = Math.max(worst, Math.abs(v - y[i]!));
    }
    expect(worst).toBeLessThan(0.05);
  });

  it('skips gaps (NaN) and only uses the first n points', () => {
    const y = Float64Array.from([Number.NaN, 1, 2, Number.NaN, 4, 5, 99]);
    expect(Array.from(lttbIndices(range(7), y, 6, 10))).toEqual([1, 2, 4, 5]);
    const big = signal(1000);
    for (let i = 0; i < 1000; i += 3) big[i] = Number.NaN;
    const idx = lttbIndices(range(1000), big, 1000, 50);
    expect(idx.length).toBeLessThanOrEqual(50);
    for (const i of idx) expect(Number.isFinite(big[i]!)).toBe(true);
  });

  it('property: ≤ N points, ends and extremes kept, strictly increasing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 3, max: 120 }),
        (values, N) => {
          const y = Float64Array.from(values);
          const n = y.length;
          const idx = Array.from(lttbIndices(range(n), y, n, N));
          expect(idx.length).toBeLessThanOrEqual(Math.max(N, 0));
          expect(idx[0]).toBe(0);
          expect(idx[idx.length - 1]).toBe(n - 1);
          for (let k = 1; k < idx.length; k++) expect(idx[k]!).toBeGreaterThan(idx[k - 1]!);
          const kept = idx.map((i) => y[i]!);
          // The largest and smallest values survive (as values: ties may pick another index).
          if (N >= 4 || n <= N) {
            expect(Math.max(...kept) === y[argmax(y)]).toBe(true);
            expect(Math.min(...kept) === y[argmin(y)]).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('sharedIndices', () => {
  it('keeps each series\' features under one x axis, ≤ maxPoints', () => {
    const n = 20_000;
    const a = signal(n, 3);
    const b = signal(n, 9);
    a[100] = 1000;
    b[19_000] = -1000;
    const idx = sharedIndices(range(n), [a, b], n, 600);
    expect(idx.length).toBeLessThanOrEqual(600);
    expect(Array.from(idx)).toContain(100);
    expect(Array.from(idx)).toContain(19_000);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    expect(Array.from(pick(a, Int32Array.of(100, 5)))).toEqual([1000, a[5]]);
  });

  it('keeps everything (gaps included) when short', () => {
    const y = Float64Array.from([1, Number.NaN, 3]);
    expect(Array.from(sharedIndices(range(3), [y], 3, 600))).toEqual([0, 1, 2]);
  });
});

describe('chart data', () => {
  function store(n: number, replicas: number): SeriesSource {
    const cols = new Map<string, Float64Array>();
    const add = (name: string, f: (i: number) => number): void => {
      cols.set(name, Float64Array.from({ length: n }, (_, i) => f(i)));
    };
    add('web.throughput', (i) => 100 + Math.sin(i / 10));
    add('web.dropped', (i) => (i === 77 ? 5 : 0));
    add('web.errors', (i) => (i === 77 ? 1 : Number.NaN));
    add('web.p95', (i) => (i % 7 === 0 ? Number.NaN : 0.05));
    add('web.p99', (i) => (i === 4000 ? 9 : 0.1));
    for (let r = 0; r < replicas; r++) {
      add(`web.replica${r}.utilization`, () => r / replicas);
      add(`web.replica${r}.queued`, (i) => (r === 1 && i === 10 ? 42 : r));
    }
    return { length: n, time: range(n).map((t) => t + 1), column: (name) => cols.get(name)?.subarray(0, n) };
  }

  it('downsamples lines, keeps spikes, and buckets replicas into a heat grid', () => {
    const data = buildChartData(store(5000, 4), 'web', { maxPoints: 500, heatColumns: 100 })!;
    expect(data.samples).toBe(5000);
    expect(data.rate.time.length).toBeLessThanOrEqual(500);
    expect(data.latency.time.length).toBeLessThanOrEqual(500);
    const failAt = Array.from(data.rate.time).indexOf(78);
    expect(failAt).toBeGreaterThanOrEqual(0);
    expect(data.rate.failures[failAt]).toBe(6);
    expect(Math.max(...Array.from(data.latency.p99))).toBe(9);
    const heat = data.replicas!;
    expect(heat.replicas).toBe(4);
    expect(heat.columns).toBe(100);
    expect(heat.time[99]).toBe(5000);
    expect(heat.utilization[2 * 100 + 5]).toBeCloseTo(0.5);
    expect(heat.queued[1 * 100 + 0]).toBe(42); // the max in the bucket
    expect(heat.maxQueued).toBe(42);
  });

  it('has no heat map without per-replica series, and nothing for an unknown service', () => {
    expect(buildChartData(store(10, 0), 'web')!.replicas).toBeNull();
    expect(buildChartData(store(10, 0), 'nope')).toBeNull();
  });

  it('bucketGrid means or maxes equal index ranges, NaN-aware', () => {
    const g = bucketGrid([Float64Array.from([1, 3, Number.NaN, 5, 7])], 5, 2, 'mean');
    expect(g.columns).toBe(2);
    expect(Array.from(g.values)).toEqual([2, 6]);
    const m = bucketGrid([Float64Array.from([1, 3, Number.NaN, 5, 7])], 5, 10, 'max');
    expect(m.columns).toBe(5);
    expect(Number.isNaN(m.values[2]!)).toBe(true);
  });
});
