/**
 * The compute tracker's log stream across the core's log bound: entries are sent by sequence, so
 * when the core drops its oldest entries, nothing is sent twice and nothing still kept is skipped.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulation, parseScenario, PRESETS } from '../core/index';
import type { LogEntry, Simulation } from '../core/index';
import { computeInfoOf, ComputeTracker, type ComputeLogEntry } from './compute';

function preset(id: string): Simulation {
  const r = parseScenario(PRESETS[id]!.scenario);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return createSimulation(r.scenario);
}

const opts = { force: true, wall: 0 };
const END = 1500;

/** The whole log of the preset's first END seconds (the default limit drops nothing here). */
const reference: LogEntry[] = (() => {
  const s = preset('hybrid-dc');
  s.runUntil(END);
  if (s.compute!.logDropped !== 0) throw new Error('the reference run dropped entries');
  return s.compute!.log.slice();
})();

function same(sent: ComputeLogEntry, e: LogEntry): void {
  expect({ t: sent.t, kind: sent.kind, subject: sent.subject, reason: sent.reason, from: sent.from, to: sent.to }).toEqual({
    t: e.t,
    kind: e.kind,
    subject: e.subject,
    reason: e.reason,
    from: e.from,
    to: e.to,
  });
}

describe('the compute log stream across the core log bound', () => {
  it('delivers every entry exactly once, in order, while the core drops its oldest', () => {
    const sim = preset('hybrid-dc');
    const c = sim.compute!;
    // Above any one second's burst (at most 120 entries here, 72 at the start) after a drop.
    c.logLimit = 160;
    const info = computeInfoOf(sim.scenario, c)!;
    const tracker = new ComputeTracker(5000, 10_000);
    const got: ComputeLogEntry[] = [];
    let last = { total: 0, dropped: 0 };
    for (let t = 0; t <= END; t++) {
      sim.runUntil(t);
      const d = tracker.delta(c, sim.live().compute, info.links, opts);
      if (d?.log) {
        got.push(...d.log.entries);
        last = { total: d.log.total, dropped: d.log.dropped };
      }
    }
    expect(c.logDropped).toBeGreaterThan(100);
    expect(last).toEqual({ total: reference.length, dropped: c.logDropped });
    expect(got.map((e) => e.seq)).toEqual(reference.map((_, i) => i));
    got.forEach((e, i) => same(e, reference[i]!));
    // The snapshot for a new subscriber: what was sent and is still kept, with the same counts.
    const full = tracker.full(c).log!;
    expect(full.total).toBe(reference.length);
    expect(full.dropped).toBe(c.logDropped);
    expect(full.entries.map((e) => e.seq)).toEqual(c.log.map((_, i) => c.logDropped + i));
  });

  it('property: each delta sends exactly the entries logged since the last one that the core still keeps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 120 }), fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 25 }), fc.integer({ min: 5, max: 300 }), (limit, steps, window) => {
        const sim = preset('hybrid-dc');
        const c = sim.compute!;
        c.logLimit = limit;
        const info = computeInfoOf(sim.scenario, c)!;
        const tracker = new ComputeTracker(5000, window);
        let sent = 0;
        let t = 0;
        const seen: number[] = [];
        for (const step of steps) {
          t = Math.min(END, t + step);
          sim.runUntil(t);
          const total = c.logTotal;
          const d = tracker.delta(c, sim.live().compute, info.links, opts);
          const seqs = d?.log?.entries.map((e) => e.seq) ?? [];
          // The newest `window` of those logged since the last delta, minus any the core already dropped.
          const want: number[] = [];
          for (let s = Math.max(sent, total - window, c.logDropped); s < total; s++) want.push(s);
          expect(seqs).toEqual(want);
          d?.log?.entries.forEach((e) => same(e, reference[e.seq]!));
          if (d?.log) expect(d.log.total).toBe(total);
          seen.push(...seqs);
          sent = total;
        }
        // Never a duplicate, always in order.
        for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
      }),
      { numRuns: 12 },
    );
  });
});
