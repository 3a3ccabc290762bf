import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendBounded, checkLogLimit, dropChunk, logRange } from './event-log';
import { createSimulation } from '../sim/simulation';
import { parseScenario } from '../scenario/validate';
import { PRESETS } from '../presets/index';
import type { Simulation } from '../sim/simulation';

function presetSim(id: string): Simulation {
  const parsed = parseScenario(PRESETS[id]!.scenario);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.scenario);
}

describe('the bounded event log', () => {
  it('keeps the newest entries once past its limit, and counts the dropped ones', () => {
    const log: number[] = [];
    let dropped = 0;
    for (let i = 0; i < 100; i++) dropped += appendBounded(log, i, 16);
    // 16 entries at most; a drop goes down to 16 - 16/8 = 14, so between 14 and 16 are kept.
    expect(log.length).toBeLessThanOrEqual(16);
    expect(log.length).toBeGreaterThanOrEqual(14);
    expect(log.at(-1)).toBe(99);
    expect(dropped + log.length).toBe(100);
    expect(log).toEqual(Array.from({ length: log.length }, (_, k) => dropped + k));
  });

  it('drops in chunks, not on every append', () => {
    const log: number[] = [];
    let drops = 0;
    for (let i = 0; i < 8000; i++) if (appendBounded(log, i, 800) > 0) drops++;
    // Each drop frees dropChunk(800) = 100 places: about 72 drops for 7,200 appends past the limit.
    expect(dropChunk(800)).toBe(100);
    expect(drops).toBeLessThanOrEqual(Math.ceil((8000 - 800) / 100));
  });

  it('a limit of one keeps the newest entry', () => {
    const log: string[] = [];
    expect(appendBounded(log, 'a', 1)).toBe(0);
    expect(appendBounded(log, 'b', 1)).toBe(1);
    expect(log).toEqual(['b']);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => checkLogLimit(0)).toThrow(/at least 1, got 0/);
    expect(() => checkLogLimit(2.5)).toThrow(/whole number/);
    expect(checkLogLimit(3)).toBe(3);
  });

  it('property: kept entries are the newest, numbered by sequence; logRange reads them by sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 450 }), fc.integer({ min: 0, max: 450 }), (limit, n, a, b) => {
        const log: number[] = [];
        let dropped = 0;
        for (let i = 0; i < n; i++) dropped += appendBounded(log, i, limit);
        expect(dropped + log.length).toBe(n);
        expect(log.length).toBeLessThanOrEqual(limit);
        if (n >= limit) expect(log.length).toBeGreaterThanOrEqual(Math.max(1, limit - dropChunk(limit)));
        log.forEach((v, k) => expect(v).toBe(dropped + k));
        const [from, to] = a <= b ? [a, b] : [b, a];
        const range = logRange(log, dropped, from, to);
        const want: number[] = [];
        for (let s = Math.max(from, dropped); s < Math.min(to, n); s++) want.push(s);
        expect(range.map((x) => x.seq)).toEqual(want);
        expect(range.map((x) => x.entry)).toEqual(want);
      }),
    );
  });
});

describe('the compute model keeps its newest log entries', () => {
  it('with a small limit, the log is the tail of the full log and the dropped count makes up the rest', () => {
    const full = presetSim('hybrid-dc');
    full.runUntil(1800);
    const small = presetSim('hybrid-dc');
    small.compute!.logLimit = 40;
    small.runUntil(1800);
    const all = full.compute!.log;
    const c = small.compute!;
    expect(full.compute!.logDropped).toBe(0);
    expect(all.length).toBeGreaterThan(200);
    expect(c.logTotal).toBe(all.length);
    expect(c.logDropped).toBe(all.length - c.log.length);
    expect(c.log.length).toBeLessThanOrEqual(40);
    expect(c.log.length).toBeGreaterThanOrEqual(40 - dropChunk(40));
    expect(c.log).toEqual(all.slice(all.length - c.log.length));
    // The log's bound changes nothing else in the run.
    expect(small.live().compute).toEqual(full.live().compute);
  });

  it('is deterministic: the same scenario and seed keep the same entries and dropped count', () => {
    const runs = [0, 1].map(() => {
      const s = presetSim('zone-outage');
      s.compute!.logLimit = 25;
      s.runUntil(900);
      return { log: s.compute!.log.slice(), dropped: s.compute!.logDropped };
    });
    expect(runs[0]!.dropped).toBeGreaterThan(0);
    expect(runs[1]).toEqual(runs[0]);
  });
});
