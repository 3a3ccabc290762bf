import { describe, expect, it } from 'vitest';
import { FixedKeepAlive, HybridHistogramKeepAlive, IdleHistogram, KEEP_ALIVE_PRESETS, makeKeepAlivePolicy, type KeepAliveContext } from './keep-alive';

const MIN = 60;

/** A 4 h / 1 min histogram with `n` idle times of `minutes` (plus a fraction, so each lands mid-bin). */
function histogram(entries: Array<[minutes: number, n: number]>, range = 4 * 3600): IdleHistogram {
  const h = new IdleHistogram(range, MIN);
  for (const [m, n] of entries) for (let i = 0; i < n; i++) h.record(m * MIN + 17);
  return h;
}

const ctx = (h: IdleHistogram): KeepAliveContext => ({ now: 0, fn: { id: 'f', app: 'a', runtime: 'node', memoryMb: 128 }, slot: 1, idle: h });

describe('idle-time histogram', () => {
  it('bins idle times by minute, counts those beyond the range apart, finds percentile bins', () => {
    const h = new IdleHistogram(4 * 3600, 60);
    expect(h.binCount).toBe(240);
    expect(h.percentileBin(0.5)).toBe(-1);
    expect(h.cv()).toBe(0);
    h.record(0);
    h.record(59.999);
    h.record(60);
    h.record(4 * 3600 - 0.001);
    h.record(4 * 3600);
    h.record(10 * 3600);
    expect([h.countAt(0), h.countAt(1), h.countAt(239)]).toEqual([2, 1, 1]);
    expect([h.inRange, h.outOfRange]).toEqual([4, 2]);
    expect(h.percentileBin(0.05)).toBe(0);
    expect(h.percentileBin(0.5)).toBe(0); // 2 of 4 in bin 0
    expect(h.percentileBin(0.51)).toBe(1);
    expect(h.percentileBin(0.99)).toBe(239);
  });

  it('computes the coefficient of variation of the bin counts', () => {
    // one bin holding everything: mean n/240, sd = mean·√239, so CV = √239 whatever n is
    expect(histogram([[7, 50]]).cv()).toBeCloseTo(Math.sqrt(239), 10);
    // every bin equal: CV 0
    const flat = new IdleHistogram(4 * 3600, 60);
    for (let b = 0; b < 240; b++) flat.record(b * 60 + 1);
    expect(flat.cv()).toBe(0);
  });
});

describe('keep-alive policies', () => {
  it('fixed TTL: keep every environment for the TTL, never pre-warm; presets of 10 and 20 minutes', () => {
    const p = new FixedKeepAlive(600);
    expect(p.decide()).toMatchObject({ prewarm: 0, keepAlive: 600 });
    expect(p.name).toBe('fixed-10m');
    expect(makeKeepAlivePolicy(KEEP_ALIVE_PRESETS['fixed-20m']).name).toBe('fixed-20m');
    expect(makeKeepAlivePolicy(KEEP_ALIVE_PRESETS['fixed-20m']).decide(ctx(histogram([])))).toMatchObject({ prewarm: 0, keepAlive: 1200 });
    expect(new FixedKeepAlive(45).name).toBe('fixed-45s');
    expect(() => new FixedKeepAlive(-1)).toThrow(RangeError);
  });

  it('hybrid: pre-warm at the 5th percentile less 10 %, keep alive to the 99th percentile plus 10 %', () => {
    // 100 idle times: 5 in minute 2, 90 in minute 10, 5 in minute 30
    const h = histogram([
      [2, 5],
      [10, 90],
      [30, 5],
    ]);
    const p = new HybridHistogramKeepAlive();
    expect(h.percentileBin(0.05)).toBe(2);
    expect(h.percentileBin(0.99)).toBe(30);
    const d = p.decide(ctx(h));
    // head: bin 2 starts at 120 s → 108 s; tail: bin 30 ends at 1,860 s → 2,046 s
    expect(d.prewarm).toBeCloseTo(108, 9);
    expect(d.prewarm + d.keepAlive).toBeCloseTo(2046, 9);
    expect(d.keepAlive).toBeCloseTo(1938, 9);
  });

  it('hybrid: a head in the first bin means no pre-warming, just keep alive to the tail', () => {
    const h = histogram([
      [0, 96],
      [3, 4],
    ]);
    const d = new HybridHistogramKeepAlive().decide(ctx(h));
    expect(d.prewarm).toBe(0);
    expect(d.keepAlive).toBeCloseTo(4 * 60 * 1.1, 9);
    // without the margin the environment is kept exactly to the end of the tail bin
    expect(new HybridHistogramKeepAlive({ margin: 0 }).decide(ctx(h)).keepAlive).toBe(240);
  });

  it('hybrid: the 5th and 99th percentiles move with the histogram (no margin)', () => {
    const p = new HybridHistogramKeepAlive({ margin: 0 });
    // 200 idle times: 9 in minute 1, 1 in minute 4, 188 in minute 5, 2 in minute 60
    const h = histogram([
      [1, 9],
      [4, 1],
      [5, 188],
      [60, 2],
    ]);
    // 5 % of 200 = 10 → bin 4 (cumulative 10); 99 % = 198 → bin 5 (cumulative 198)
    expect(p.decide(ctx(h))).toMatchObject({ prewarm: 240, keepAlive: 360 - 240 });
    h.record(60 * 60 + 5); // 201 idle times: 5 % = 10.05 → bin 5; 99 % = 198.99 → bin 60
    expect(p.decide(ctx(h))).toMatchObject({ prewarm: 300, keepAlive: 61 * 60 - 300 });
  });

  it('hybrid: falls back to the fixed keep-alive (4 h, no pre-warm) when the histogram is not representative', () => {
    const p = new HybridHistogramKeepAlive();
    // empty: a function never seen idle
    expect(p.decide(ctx(histogram([])))).toMatchObject({ prewarm: 0, keepAlive: 4 * 3600 });
    expect(p.decide(ctx(histogram([])))).toMatchObject({ reason: expect.stringContaining('too few') });
    // too few samples (when a minimum is asked for)
    const few = new HybridHistogramKeepAlive({ minSamples: 10, fallbackTtl: 600 });
    expect(few.decide(ctx(histogram([[5, 9]])))).toMatchObject({ prewarm: 0, keepAlive: 600 });
    expect(few.decide(ctx(histogram([[5, 10]])))).toMatchObject({ prewarm: 270 });
    // too many idle times beyond the range: half of them at 5 h
    const oob = histogram([[5, 10]]);
    for (let i = 0; i < 10; i++) oob.record(5 * 3600);
    expect(p.decide(ctx(oob))).toMatchObject({ prewarm: 0, keepAlive: 4 * 3600, reason: expect.stringContaining('beyond the range') });
    oob.record(20); // 10 of 21 beyond: representative again
    expect(p.decide(ctx(oob)).reason).toMatch(/^head bin 0/);
    // a flat histogram (idle times spread over every minute): no pattern, CV 0 < 2
    const flat = new IdleHistogram(4 * 3600, 60);
    for (let b = 0; b < 240; b++) flat.record(b * 60 + 30);
    expect(p.decide(ctx(flat))).toMatchObject({ prewarm: 0, keepAlive: 4 * 3600, reason: expect.stringContaining('no clear pattern') });
    // a custom range: the fallback follows it unless given
    expect(new HybridHistogramKeepAlive({ range: 7200 }).decide(ctx(new IdleHistogram(7200, 60))).keepAlive).toBe(7200);
  });

  it('hybrid spec records every parameter with its default', () => {
    expect(makeKeepAlivePolicy({ type: 'hybrid' }).spec).toEqual({
      type: 'hybrid',
      range: 14400,
      bin: 60,
      head: 0.05,
      tail: 0.99,
      margin: 0.1,
      minSamples: 1,
      maxOutOfRange: 0.5,
      minCv: 2,
      fallbackTtl: 14400,
    });
  });
});
