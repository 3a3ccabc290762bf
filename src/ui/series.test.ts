import { describe, it, expect } from 'vitest';
import { SeriesBuffer, chartPoints } from './series';
import { formatClock, formatMs, formatPercent } from './format';
import type { SeriesDelta } from '../workers/sim.worker';

function delta(from: number, times: number[], reset = false): SeriesDelta {
  return {
    reset,
    from,
    time: Float64Array.from(times),
    columns: [
      { name: 'web.throughput', data: Float64Array.from(times.map((t) => t * 10)) },
      { name: 'web.p95', data: Float64Array.from(times.map((t) => (t % 2 === 0 ? Number.NaN : t / 1000))) },
    ],
  };
}

describe('SeriesBuffer', () => {
  it('appends deltas, grows, and hands out a new view per change', () => {
    const b = new SeriesBuffer();
    const v0 = b.view();
    expect(b.apply(delta(0, [1, 2, 3], true))).toBe(true);
    const v1 = b.view();
    expect(v1).not.toBe(v0);
    expect(v1.length).toBe(3);
    const many = Array.from({ length: 1000 }, (_, i) => i + 4);
    expect(b.apply(delta(3, many))).toBe(true);
    const v2 = b.view();
    expect(v2.length).toBe(1003);
    expect(Array.from(v2.time.subarray(0, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(v2.columns.get('web.throughput')![1002]).toBe(10030);
    // An empty delta changes nothing.
    expect(b.apply(delta(1003, []))).toBe(true);
    expect(b.view().version).toBe(v2.version);
  });

  it('rejects a delta that does not line up, and reset starts over without touching old views', () => {
    const b = new SeriesBuffer();
    b.apply(delta(0, [1, 2, 3], true));
    const before = b.view();
    expect(b.apply(delta(5, [9]))).toBe(false);
    expect(b.apply(delta(0, [7], true))).toBe(true);
    expect(b.view().length).toBe(1);
    expect(Array.from(before.time.subarray(0, 3))).toEqual([1, 2, 3]);
  });
});

describe('chartPoints', () => {
  it('keeps at most maxPoints, averages throughput and keeps the worst p95 in ms', () => {
    const b = new SeriesBuffer();
    b.apply(delta(0, Array.from({ length: 100 }, (_, i) => i + 1), true));
    const pts = chartPoints(b.view(), 'web', 10);
    expect(pts).toHaveLength(10);
    expect(pts[0]).toEqual({ t: 10, throughput: 55, p95: 9 });
    const all = chartPoints(b.view(), 'web', 1000);
    expect(all).toHaveLength(100);
    expect(all[1]!.p95).toBeNull();
    expect(chartPoints(b.view(), 'nope', 10)[0]).toEqual({ t: 10, throughput: null, p95: null });
  });
});

describe('format', () => {
  it('formats the clock as mm:ss.s and h:mm:ss.s', () => {
    expect(formatClock(0)).toBe('00:00.0');
    expect(formatClock(61.25)).toBe('01:01.2');
    expect(formatClock(360)).toBe('06:00.0');
    expect(formatClock(86400)).toBe('24:00:00.0');
    expect(formatClock(Number.NaN)).toBe('--:--.-');
  });
  it('formats latencies and percentages', () => {
    expect(formatMs(0.0123)).toBe('12.3');
    expect(formatMs(0.25)).toBe('250');
    expect(formatMs(Number.NaN)).toBe('—');
    expect(formatMs(null)).toBe('—');
    expect(formatPercent(0.5)).toBe('50.0 %');
  });
});
