import { describe, expect, it } from 'vitest';
import { createSimulation, parseScenario, PRESETS } from '../core/index';
import { SimService } from './service';
import { createWorkerApi } from './api';
import { BusyBeat, runOutBeating } from './busyBeat';
import { rerunForService } from './billing';
import { holdAt } from './compare';

describe('busy beats from a run to the end (the page heartbeat hears them)', () => {
  it('beats at most every 250 ms of wall time while it runs, and the results are those of a direct run', () => {
    let wall = 0;
    let beats = 0;
    const beatTimes: number[] = [];
    // Every look at the clock costs 40 ms of "wall time": a long run on a slow machine.
    const s = new SimService({
      clock: () => (wall += 40),
      onBusyBeat: () => {
        beats++;
        beatTimes.push(wall);
      },
    });
    const r = s.load({ preset: 'mmc' });
    expect(r.ok).toBe(true);
    const results = JSON.stringify(s.runToEnd());
    expect(beats).toBeGreaterThan(0);
    for (let i = 1; i < beatTimes.length; i++) expect(beatTimes[i]! - beatTimes[i - 1]!).toBeGreaterThanOrEqual(250);

    const parsed = parseScenario(PRESETS.mmc!.scenario);
    if (!parsed.ok) throw new Error('preset mmc does not parse');
    const sim = createSimulation(parsed.scenario);
    while (!sim.finished) if (sim.runUntil(sim.endTime) === 0 && !sim.finished) break;
    expect(results).toBe(JSON.stringify(sim.results()));
  });

  it('a worker answers ping', () => {
    expect(createWorkerApi(new SimService()).ping()).toBe(true);
  });
});

describe('beats from inside every long call (re-runs, keep-alive comparisons, catch-ups, loads, imports)', () => {
  /** A service on a slow wall clock: every look at it costs 40 ms; it records when it beat. */
  function slowService() {
    let wall = 0;
    const beats: number[] = [];
    const s = new SimService({ clock: () => (wall += 40), setTimer: () => 0, clearTimer: () => undefined, onBusyBeat: () => beats.push(wall) });
    return { s, beats, wall: () => wall };
  }

  /** The longest stretch of wall time without a beat between `from` and `to`. */
  function longestGap(beats: number[], from: number, to: number): number {
    let last = from;
    let gap = 0;
    for (const b of beats.filter((x) => x >= from && x <= to)) {
      gap = Math.max(gap, b - last);
      last = b;
    }
    return Math.max(gap, to - last);
  }

  it('BusyBeat sends at most one beat per interval, and none without a sink', () => {
    let t = 0;
    let sent = 0;
    const b = new BusyBeat(() => t, () => sent++, 250);
    for (let i = 0; i < 100; i++) {
      t += 10;
      b.beat();
    }
    expect(sent).toBe(4); // at 250, 500, 750, 1000 ms
    expect(() => new BusyBeat(() => (t += 1000), undefined).beat()).not.toThrow();
  });

  it('runOutBeating runs the same events as one run to the end, beating between slices', () => {
    const parsed = parseScenario(PRESETS.mmc!.scenario);
    if (!parsed.ok) throw new Error('preset mmc does not parse');
    const sliced = createSimulation(parsed.scenario);
    let beats = 0;
    runOutBeating(sliced, () => beats++);
    const whole = createSimulation(parsed.scenario);
    whole.runUntil(whole.endTime);
    expect(sliced.finished).toBe(true);
    expect(beats).toBeGreaterThan(1);
    expect(JSON.stringify(sliced.results())).toBe(JSON.stringify(whole.results()));
  });

  it('apply and re-run beats throughout its runs (no second of silence), and its comparison is the same as without beats', () => {
    const quiet = new SimService({ clock: () => 0, setTimer: () => 0, clearTimer: () => undefined });
    expect(quiet.load({ preset: 'cost-models' })).toMatchObject({ ok: true });
    const expected = rerunForService(quiet, 'all');
    const { s, beats, wall } = slowService();
    expect(s.load({ preset: 'cost-models' })).toMatchObject({ ok: true });
    const from = wall();
    const r = rerunForService(s, 'all');
    expect(r).toEqual(expected);
    expect(r.ok).toBe(true);
    expect(beats.length).toBeGreaterThan(3);
    // Slices of 20 000 events at 40 ms a look: never more than a few hundred ms between beats.
    expect(longestGap(beats, from, wall())).toBeLessThan(1000);
  });

  it('the keep-alive comparison beats throughout its three runs', () => {
    const { s, beats, wall } = slowService();
    expect(s.load({ preset: 'event-driven' }).ok).toBe(true);
    const from = wall();
    const r = s.compareKeepAlive();
    expect(r.ok).toBe(true);
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(longestGap(beats, from, wall())).toBeLessThan(1000);
  });

  it('catching up to a time (A/B compare) beats while it runs', () => {
    const { s, beats, wall } = slowService();
    expect(s.load({ preset: 'mmc' }).ok).toBe(true);
    const from = wall();
    const held = holdAt(s, Number.MAX_SAFE_INTEGER);
    expect(held?.finished).toBe(true);
    expect(beats.length).toBeGreaterThan(0);
    expect(longestGap(beats, from, wall())).toBeLessThan(1000);
  });

  it('a load beats between its phases (parse, build) when they take long', () => {
    let wall = 0;
    let beats = 0;
    // Every look at the clock costs 300 ms: each phase outlasts the beat interval.
    const s = new SimService({ clock: () => (wall += 300), setTimer: () => 0, clearTimer: () => undefined, onBusyBeat: () => beats++ });
    expect(s.load({ preset: 'default' }).ok).toBe(true);
    expect(beats).toBeGreaterThanOrEqual(2);
  });

  it('a trace import beats while it parses a long file, and the import is the same', () => {
    let wall = 0;
    let beats = 0;
    const s = new SimService({ clock: () => (wall += 300), setTimer: () => 0, clearTimer: () => undefined, onBusyBeat: () => beats++ });
    expect(s.load({ preset: 'nasa-web' }).ok).toBe(true);
    let text = 'minute,requests\n';
    for (let i = 0; i < 300_000; i++) text += `${i},${i % 97}\n`;
    const workload = s.currentScenario()!.workloads[0]!.id;
    beats = 0;
    const r = s.importTrace({ workload, fileName: 'long.csv', bytes: new TextEncoder().encode(text), format: 'per-minute' });
    expect(r).toMatchObject({ ok: true, values: 300_000 });
    // Decode, every 65 536 lines of the parse (four times), then the load's phases.
    expect(beats).toBeGreaterThanOrEqual(6);
  });
});
