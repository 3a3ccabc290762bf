/// <reference path="./comlink-node-adapter.d.ts" />
import { describe, it, expect, afterEach } from 'vitest';
import { Worker } from 'node:worker_threads';
import { wrap, proxy, releaseProxy } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createSimulation, parseScenario, PRESETS, DEFAULT_PRESET } from '../core/index';
import type { Scenario } from '../core/index';
import { SimService, snapshotTransferables } from './service';
import type { Snapshot, SimServiceOptions } from './service';
import type { SimWorkerApi } from './api';

/** Manual wall clock and timers: nothing runs until `advance` says so. */
class FakeTime {
  now = 0;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  readonly options: SimServiceOptions = {
    clock: () => this.now,
    setTimer: (fn, ms) => {
      const id = ++this.seq;
      this.timers.set(id, { at: this.now + Math.max(0, ms), fn });
      return id;
    },
    clearTimer: (h) => {
      this.timers.delete(h as number);
    },
  };
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.now = Math.max(this.now, next[1].at);
      next[1].fn();
    }
    this.now = end;
  }
}

function collect(service: SimService): Snapshot[] {
  const snaps: Snapshot[] = [];
  service.subscribe((s) => snaps.push(s));
  return snaps;
}

const last = (snaps: Snapshot[]): Snapshot => {
  const s = snaps[snaps.length - 1];
  if (!s) throw new Error('no snapshot yet');
  return s;
};

/** The default preset, validated (presets are stored as written, with defaults left out). */
const defaultScenario = (): Scenario => {
  const p = PRESETS[DEFAULT_PRESET];
  if (!p) throw new Error(`no default preset "${DEFAULT_PRESET}"`);
  const r = parseScenario(p.scenario);
  if (!r.ok) throw new Error(`the default preset is invalid: ${JSON.stringify(r.errors)}`);
  return r.scenario;
};

describe('SimService as a plain class', () => {
  const services: SimService[] = [];
  const make = (o?: SimServiceOptions): SimService => {
    const s = new SimService(o);
    services.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of services.splice(0)) s.dispose();
  });

  it('lists the presets with the default among them', () => {
    const { presets, defaultPreset } = make().presets();
    expect(presets.length).toBeGreaterThan(0);
    expect(presets.map((p) => p.id)).toContain(defaultPreset);
    for (const p of presets) expect(typeof p.title).toBe('string');
  });

  it('loads a preset and reports its name and link', () => {
    const s = make();
    const r = s.load({ preset: DEFAULT_PRESET });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.name).toBe(defaultScenario().name);
    expect(r.link).toMatch(/^s=/);
    // The link loads the same scenario back.
    const again = make().load({ link: r.link });
    expect(again).toMatchObject({ ok: true, name: r.name, link: r.link });
    expect(make().load({ link: `https://example.test/cumulo/#${r.link}` })).toMatchObject({ ok: true, name: r.name });
  });

  it('reports load errors as values and keeps the previous simulation', () => {
    const time = new FakeTime();
    const s = make(time.options);
    const snaps = collect(s);
    expect(s.load({ preset: DEFAULT_PRESET }).ok).toBe(true);
    s.step();
    s.step();
    const before = last(snaps);
    expect(before.eventsProcessed).toBe(2);

    const bad = [
      s.load({ preset: 'no-such-preset' }),
      s.load({ link: 'not a link at all' }),
      s.load({ link: '#s=c9.xxxx' }),
      s.load({ link: '' }),
      s.load({ scenario: { cumulo: 1 } }),
      s.load({ scenario: 'this is not json' }),
      s.load({ scenario: null }),
      s.load(null as unknown as { preset: string }),
    ];
    for (const r of bad) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(typeof e.path).toBe('string');
        expect(e.message.length).toBeGreaterThan(3);
      }
    }
    // Nothing was pushed by the failed loads, and the old run is intact.
    expect(last(snaps)).toBe(before);
    expect(s.scenarioInfo()?.name).toBe(defaultScenario().name);
    s.step();
    expect(last(snaps).eventsProcessed).toBe(3);
    expect(last(snaps).scenarioRev).toBe(before.scenarioRev);
  });

  it('loads a scenario document (object or JSON text)', () => {
    const s = make();
    const doc = JSON.parse(JSON.stringify(defaultScenario())) as unknown;
    expect(s.load({ scenario: doc })).toMatchObject({ ok: true, name: defaultScenario().name });
    expect(s.load({ scenario: JSON.stringify(doc) })).toMatchObject({ ok: true });
  });

  it('plays at the chosen speed against the wall clock, and pause stops it', () => {
    const time = new FakeTime();
    const s = make(time.options);
    const snaps = collect(s);
    s.load({ preset: DEFAULT_PRESET });
    s.setSpeed(10);
    s.play();
    expect(last(snaps).playing).toBe(true);
    time.advance(1000);
    const playing = last(snaps);
    // 1 s of wall time at 10x is ~10 simulated seconds (minus the last partial tick).
    const expected = Math.min(10, playing.endTime);
    expect(playing.now).toBeGreaterThan(expected * 0.9);
    expect(playing.now).toBeLessThanOrEqual(expected + 1e-9);
    expect(playing.eventsProcessed).toBeGreaterThan(0);

    s.pause();
    const paused = last(snaps);
    expect(paused.playing).toBe(false);
    expect(time.pending).toBe(0);
    time.advance(1000);
    expect(last(snaps)).toBe(paused);
    expect(s.isPlaying()).toBe(false);
  });

  it('step processes exactly one event and pauses; reset goes back to zero', () => {
    const time = new FakeTime();
    const s = make(time.options);
    const snaps = collect(s);
    s.load({ preset: DEFAULT_PRESET });
    expect(last(snaps)).toMatchObject({ now: 0, eventsProcessed: 0, playing: false, finished: false });

    s.play();
    time.advance(200);
    expect(s.step()).toBe(true);
    const a = last(snaps);
    expect(a.playing).toBe(false);
    expect(s.step()).toBe(true);
    const b = last(snaps);
    expect(b.eventsProcessed).toBe(a.eventsProcessed + 1);
    expect(b.now).toBeGreaterThanOrEqual(a.now);

    s.reset();
    const r = last(snaps);
    expect(r).toMatchObject({ now: 0, eventsProcessed: 0, playing: false, finished: false });
    expect(r.series?.reset).toBe(true);
    expect(r.series?.time.length).toBe(0);
    expect(r.services?.length).toBe(defaultScenario().services.length);
    expect(r.scenario).toBeUndefined(); // same scenario, not re-sent
  });

  it('rejects bad speeds and accepts Infinity', () => {
    const s = make();
    const snaps = collect(s);
    s.load({ preset: DEFAULT_PRESET });
    expect(s.setSpeed(0)).toBe(false);
    expect(s.setSpeed(-5)).toBe(false);
    expect(s.setSpeed(Number.NaN)).toBe(false);
    expect(last(snaps).speed).toBe(10);
    expect(s.setSpeed(Infinity)).toBe(true);
    expect(last(snaps).speed).toBe(Infinity);
    expect(s.setSpeed(100)).toBe(true);
    expect(last(snaps).speed).toBe(100);
  });

  it('omits parts that did not change', () => {
    const s = make();
    const snaps = collect(s);
    s.load({ preset: DEFAULT_PRESET });
    const first = last(snaps);
    expect(first.scenario?.name).toBe(defaultScenario().name);
    expect(first.scenario?.serviceIds).toEqual(defaultScenario().services.map((x) => x.id));
    expect(first.services?.map((x) => x.id)).toEqual(defaultScenario().services.map((x) => x.id));
    expect(first.series?.reset).toBe(true);

    s.pause(); // a command that changes nothing
    const second = last(snaps);
    expect(second.rev).toBe(first.rev + 1);
    expect(second.scenario).toBeUndefined();
    expect(second.services).toBeUndefined();
    expect(second.series).toBeUndefined();

    // After some progress only the services whose numbers moved are sent.
    for (let i = 0; i < 200; i++) s.step();
    const third = last(snaps);
    expect(third.services?.length ?? 0).toBeGreaterThan(0);
    s.pause();
    expect(last(snaps).services).toBeUndefined();
  });

  it('sends only new series samples, which add up to the whole series', () => {
    const time = new FakeTime();
    const s = make(time.options);
    const snaps = collect(s);
    s.load({ preset: DEFAULT_PRESET });
    s.setSpeed(Infinity);
    // Advance in small steps of simulated time by alternating play/pause under a fake clock:
    // at max speed one tick would run to the end, so use a finite speed instead.
    s.setSpeed(20);
    s.play();
    for (let i = 0; i < 40; i++) time.advance(100);
    s.pause();

    let length = 0;
    let time0: number[] = [];
    const cols = new Map<string, number[]>();
    let deltas = 0;
    for (const snap of snaps) {
      const d = snap.series;
      if (!d) continue;
      if (d.reset) {
        length = 0;
        time0 = [];
        cols.clear();
      }
      expect(d.from).toBe(length);
      for (const c of d.columns) expect(c.data.length).toBe(d.time.length);
      if (d.time.length > 0) deltas++;
      time0.push(...d.time);
      for (const c of d.columns) {
        const arr = cols.get(c.name) ?? [];
        arr.push(...c.data);
        cols.set(c.name, arr);
      }
      length += d.time.length;
    }
    // A late subscriber gets everything sent so far in one piece: it must equal the sum of the deltas.
    const full: Snapshot[] = [];
    s.subscribe((x) => full.push(x));
    const whole = full[0]?.series;
    if (!whole) throw new Error('no full snapshot');
    expect(whole.reset).toBe(true);
    expect(length).toBe(whole.time.length);
    expect(length).toBeGreaterThan(1);
    expect(deltas).toBeGreaterThan(1); // it really came in pieces
    expect(time0).toEqual(Array.from(whole.time));
    expect([...cols.keys()].sort()).toEqual(whole.columns.map((c) => c.name).sort());
    for (const c of whole.columns) expect(cols.get(c.name)).toEqual(Array.from(c.data));
    // And the samples are the ones a direct run of the core has at that time.
    const sim = createSimulation(defaultScenario());
    sim.runUntil(last(snaps).now);
    const ref = sim.live().series;
    expect(length).toBe(ref.length);
    expect(time0).toEqual(Array.from(ref.time.subarray(0, ref.length)));
    // Each delta owns its buffers (so they can be transferred).
    for (const snap of snaps) {
      if (!snap.series) continue;
      for (const b of snapshotTransferables(snap)) expect(b.byteLength).toBeGreaterThan(0);
    }
  });

  it('a late subscriber first gets a full snapshot', () => {
    const time = new FakeTime();
    const s = make(time.options);
    const early = collect(s);
    s.load({ preset: DEFAULT_PRESET });
    s.setSpeed(20);
    s.play();
    time.advance(2000);
    s.pause();
    const late = collect(s);
    expect(late).toHaveLength(1);
    const full = late[0]!;
    expect(full.scenario?.name).toBe(defaultScenario().name);
    expect(full.services?.length).toBe(defaultScenario().services.length);
    expect(full.series?.reset).toBe(true);
    const earlyLength = early.reduce((n, x) => (x.series ? (x.series.reset ? 0 : n) + x.series.time.length : n), 0);
    expect(full.series?.time.length).toBe(earlyLength);
  });

  it('pushes at most ~30 snapshots a second and keeps each tick within its budget (fake clock)', () => {
    // A fake wall clock: every reading costs 5 ms of "work"; timers run when the test says so.
    let wall = 0;
    const timers: Array<{ at: number; fn: () => void }> = [];
    const tickSpans: number[] = [];
    const s = make({
      clock: () => (wall += 5),
      setTimer: (fn, ms) => {
        const t = { at: wall + ms, fn };
        timers.push(t);
        return t;
      },
      clearTimer: (h) => {
        const i = timers.indexOf(h as { at: number; fn: () => void });
        if (i >= 0) timers.splice(i, 1);
      },
    });
    const stamps: number[] = [];
    const finished: boolean[] = [];
    s.subscribe((snap) => {
      stamps.push(wall);
      finished.push(snap.finished);
    });
    s.load({ preset: DEFAULT_PRESET });
    s.setSpeed(Infinity);
    stamps.length = 0;
    finished.length = 0;
    s.play();
    const start = wall;
    while (wall - start < 1000 && timers.length > 0) {
      timers.sort((x, y) => x.at - y.at);
      const next = timers.shift()!;
      wall = Math.max(wall, next.at);
      const t0 = wall;
      next.fn();
      tickSpans.push(wall - t0);
    }
    s.pause();
    const elapsed = (wall - start) / 1000;
    expect(tickSpans.length).toBeGreaterThan(3);
    // play and pause are forced pushes; the rest are rate limited to one per ~33 ms.
    expect(stamps.length).toBeLessThanOrEqual(Math.ceil(30 * elapsed) + 3);
    expect(stamps.length).toBeGreaterThan(2);
    for (let i = 2; i < stamps.length - 1; i++) {
      if (!finished[i]) expect(stamps[i]! - stamps[i - 1]!).toBeGreaterThanOrEqual(30);
    }
    // At max speed a tick stops running events once its 25 ms budget is spent (plus the chunk under way).
    for (const span of tickSpans) expect(span).toBeLessThanOrEqual(50);
  });

  it('runToEnd is deterministic and matches a direct run of the core', () => {
    const s = make();
    const snaps = collect(s);
    s.load({ preset: DEFAULT_PRESET });
    const a = JSON.stringify(s.runToEnd());
    expect(last(snaps)).toMatchObject({ finished: true, playing: false });
    s.reset();
    for (let i = 0; i < 100; i++) s.step();
    const b = JSON.stringify(s.runToEnd());
    expect(b).toBe(a);
    expect(JSON.stringify(s.results())).toBe(a);

    const sim = createSimulation(defaultScenario());
    while (!sim.finished) if (sim.runUntil(sim.endTime) === 0 && !sim.finished) break;
    expect(JSON.stringify(sim.results())).toBe(a);
    // Playing after the end does nothing.
    s.play();
    expect(last(snaps).playing).toBe(false);
    expect(s.step()).toBe(false);
  });
});

describe('watching a run does not change it', () => {
  // The UI calls live() ~30 times a second while playing; the results (and the series) must be
  // exactly those of an unwatched run, or a played-then-exported run would not match the CLI.
  it('results after playing with snapshots equal a direct run, bit for bit', () => {
    const time = new FakeTime();
    const s = new SimService(time.options);
    collect(s);
    s.load({ preset: DEFAULT_PRESET });
    s.setSpeed(7);
    s.play();
    for (let i = 0; i < 300; i++) time.advance(17); // ~35 simulated seconds, snapshot every 33 ms
    s.pause();
    const watched = s.runToEnd();
    s.dispose();

    const sim = createSimulation(defaultScenario());
    sim.runUntil(sim.endTime);
    const direct = sim.results();
    // Compare field by field first for a readable failure, then the bytes.
    direct.services.forEach((d, i) => {
      const w = watched.services[i]!;
      expect({ id: w.id, utilization: w.utilization }).toEqual({ id: d.id, utilization: d.utilization });
    });
    expect(JSON.stringify(watched)).toBe(JSON.stringify(direct));
  });
});

describe('SimService across a real worker_threads Worker', () => {
  it('drives load/step/subscribe/runToEnd through Comlink', async () => {
    // node-worker.mjs loads node-entry.ts with tsx (see there why not `execArgv: ['--import', 'tsx']`).
    const worker = new Worker(new URL('./node-worker.mjs', import.meta.url));
    let failure: Error | null = null;
    worker.on('error', (e) => {
      failure = e;
    });
    const api = wrap<SimWorkerApi>(nodeEndpoint(worker));
    const guard = <T>(p: Promise<T>): Promise<T> =>
      Promise.race([
        p,
        new Promise<never>((_, reject) => {
          const check = setInterval(() => {
            if (failure) {
              clearInterval(check);
              reject(failure);
            }
          }, 20);
          void p.finally(() => clearInterval(check));
        }),
      ]);
    try {
      // The first call also waits for the worker to boot; fail fast if it cannot.
      await guard(api.presets());
      const { presets, defaultPreset } = await api.presets();
      expect(presets.map((p) => p.id)).toContain(defaultPreset);

      const bad = await api.load({ link: 's=c9.nope' });
      expect(bad.ok).toBe(false);

      const loaded = await api.load({ preset: defaultPreset });
      expect(loaded).toMatchObject({ ok: true, name: defaultScenario().name });

      const snaps: Snapshot[] = [];
      let gotSeriesTypedArray = false;
      const unsubscribe = await api.subscribe(
        proxy((snap: Snapshot) => {
          snaps.push(snap);
          if (snap.series && snap.series.time instanceof Float64Array) gotSeriesTypedArray = true;
        }),
      );
      expect(await api.step()).toBe(true);
      expect(await api.step()).toBe(true);
      const results = await api.runToEnd();

      // Local reference run.
      const local = new SimService();
      local.load({ preset: defaultPreset });
      expect(JSON.stringify(results)).toBe(JSON.stringify(local.runToEnd()));
      expect(JSON.stringify(await api.results())).toBe(JSON.stringify(results));

      // Snapshots arrive asynchronously; wait for the one after runToEnd.
      const deadline = Date.now() + 5000;
      while (!snaps.some((s) => s.finished) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(snaps[0]?.scenario?.name).toBe(defaultScenario().name); // the full snapshot on subscribe
      expect(snaps.some((s) => s.eventsProcessed === 2)).toBe(true);
      const final = snaps.find((s) => s.finished);
      expect(final?.playing).toBe(false);
      expect(gotSeriesTypedArray).toBe(true);

      await unsubscribe();
      unsubscribe[releaseProxy]();
      const count = snaps.length;
      await api.reset();
      await new Promise((r) => setTimeout(r, 100));
      expect(snaps.length).toBe(count); // no more pushes after unsubscribing
    } finally {
      api[releaseProxy]();
      await worker.terminate();
    }
  });
});

describe('switching the load balancer while running', () => {
  const lbCompare = (): Scenario => {
    const r = parseScenario(PRESETS['lb-compare']!.scenario);
    if (!r.ok) throw new Error('lb-compare is invalid');
    return r.scenario;
  };

  it('switches from now on, records the switch, and reset replays from the scenario\'s own policy', () => {
    const time = new FakeTime();
    const s = new SimService(time.options);
    const snaps = collect(s);
    expect(s.load({ preset: 'lb-compare' }).ok).toBe(true);
    expect(last(snaps).switches).toEqual([]);
    expect(last(snaps).services?.[0]?.policy).toBe('round-robin');
    s.setSpeed(100);
    s.play();
    time.advance(600); // ~60 simulated seconds
    expect(last(snaps).now).toBeGreaterThan(30);

    expect(s.setBalancer('app', 'power-of-two')).toEqual({ ok: true });
    const after = last(snaps);
    const at = after.now; // the switch forces a push: this is the moment it took effect
    expect(after.playing).toBe(true); // still running
    expect(after.switches).toEqual([{ time: at, service: 'app', from: 'round-robin', to: 'power-of-two' }]);
    expect(after.services?.find((x) => x.id === 'app')?.policy).toBe('power-of-two');
    // The same policy again is not a switch; bad input is refused as a value.
    expect(s.setBalancer('app', 'power-of-two')).toEqual({ ok: true });
    expect(s.balancerSwitches()).toHaveLength(1);
    expect(s.setBalancer('app', 'fastest')).toMatchObject({ ok: false, error: expect.stringContaining('no balancing policy') });
    expect(s.setBalancer('nope', 'random')).toMatchObject({ ok: false, error: expect.stringContaining('no service') });

    // The run equals a direct run of the core switched at the same moment.
    time.advance(600);
    s.pause();
    const until = last(snaps).now;
    const sim = createSimulation(lbCompare());
    sim.runUntil(at);
    sim.setBalancer('app', 'power-of-two');
    sim.runUntil(until);
    expect(JSON.stringify(s.results())).toBe(JSON.stringify(sim.results()));

    s.reset();
    const r = last(snaps);
    expect(r.switches).toEqual([]);
    expect(r.services?.find((x) => x.id === 'app')?.policy).toBe('round-robin');
    // The link is the scenario's own: the switch is not in it.
    const link = s.scenarioInfo()!.link;
    const fresh = new SimService();
    expect(fresh.load({ preset: 'lb-compare' })).toMatchObject({ ok: true, link });
    s.dispose();
  });

  it('lowers p99 on lb-compare: power of two choices against round robin', () => {
    const s = new SimService();
    s.load({ preset: 'lb-compare' });
    const sim = createSimulation(lbCompare());
    sim.runUntil(150);
    const rr = sim.live().services[0]!.slo!.last!.latency!;
    sim.setBalancer('app', 'power-of-two');
    sim.runUntil(330);
    const p2c = sim.live().services[0]!.slo!.last!.latency!;
    expect(p2c).toBeLessThan(0.6 * rr);
    s.dispose();
  });

  it('pushes live rates, failure fractions and per-replica state', () => {
    const time = new FakeTime();
    const t = new SimService(time.options);
    const snaps = collect(t);
    t.load({ preset: 'two-tier' });
    t.setSpeed(100);
    t.play();
    time.advance(300); // ~30 simulated seconds: several 5 s samples
    t.pause();
    const withFlows = snaps.filter((x) => x.flows);
    const flows = withFlows[withFlows.length - 1]!.flows!;
    expect(flows.workloads.users).toBeGreaterThan(500);
    expect(flows.calls.api?.auth).toBeGreaterThan(0);
    expect(flows.calls.api?.db).toBeGreaterThan(0);
    expect(flows.services.api?.failureFraction).toBeGreaterThanOrEqual(0);
    const info = snaps[0]!.scenario!.topology;
    expect(info.services.map((x) => x.id)).toEqual(['api', 'auth', 'db']);
    expect(info.services[0]!.calls.map((c) => c.service)).toEqual(['auth', 'db']);
    expect(info.services[0]!.slo).toEqual({ availability: 0.999, latency: { percentile: 0.99, threshold: 0.25 }, window: 60 });
    const api = [...snaps].reverse().find((x) => x.services?.some((y) => y.id === 'api'))!.services!.find((y) => y.id === 'api')!;
    expect(api.replicaView).toMatchObject({ perCell: 1, cells: 20 });
    expect(api.up).toBe(20);
    expect(api.inRotation).toBe(20);
    t.dispose();
  });

  it('pushes downsampled charts of the focused service only', () => {
    const s = new SimService();
    const snaps = collect(s);
    s.load({ preset: 'lb-compare' });
    s.setChartFocus('app', 100);
    s.runToEnd();
    const charts = [...snaps].reverse().find((x) => x.charts)?.charts;
    expect(charts?.serviceId).toBe('app');
    expect(charts!.samples).toBe(1800);
    expect(charts!.rate.time.length).toBeLessThanOrEqual(100);
    expect(charts!.latency.time.length).toBeLessThanOrEqual(100);
    expect(charts!.replicas?.replicas).toBe(20);
    s.setChartFocus(null);
    expect(last(snaps).charts).toBeNull();
    s.setChartFocus('no-such-service');
    expect(last(snaps).charts).toBeNull();
    s.dispose();
  });
});

describe('importing a trace', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('replaces a workload\'s arrivals, reloads at time 0, and the arrivals follow the trace', () => {
    const time = new FakeTime();
    const s = new SimService(time.options);
    const snaps = collect(s);
    s.load({ preset: DEFAULT_PRESET });
    s.play();
    time.advance(500);
    s.pause();
    const rev = last(snaps).scenarioRev;
    const r = s.importTrace({
      workload: 'shoppers',
      fileName: 'counts.csv',
      bytes: bytes('minute,requests\n0,100\n1,200\n2,300\n'),
      format: 'per-minute',
      minuteSeconds: 10,
    });
    expect(r).toMatchObject({ ok: true, workload: 'shoppers', values: 3, format: 'per-minute' });
    const snap = last(snaps);
    expect(snap.scenarioRev).toBe(rev + 1);
    expect(snap.now).toBe(0);
    expect(snap.scenario?.topology.workloads.find((w) => w.id === 'shoppers')).toMatchObject({
      arrival: 'trace',
      trace: { format: 'per-minute', values: 3, minuteSeconds: 10 },
    });
    const doc = s.currentScenario()!;
    expect(doc.workloads[0]!.arrival).toMatchObject({ type: 'trace', format: 'per-minute', data: [100, 200, 300], minuteSeconds: 10 });
    // Exactly the counted arrivals reach "web" (only the shoppers send there), all within 30 s.
    s.runToEnd();
    const web = s.results().services.find((x) => x.id === 'web')!;
    const warm = s.results().warmup;
    expect(warm).toBe(0);
    expect(web.arrivals).toBe(600);
    // The link carries the trace.
    expect(s.load({ link: r.ok ? r.link : '' })).toMatchObject({ ok: true });
    expect(s.currentScenario()!.workloads[0]!.arrival).toMatchObject({ type: 'trace', data: [100, 200, 300] });
    s.dispose();
  });

  it('a malformed file reports line numbers and changes nothing', () => {
    const time = new FakeTime();
    const s = new SimService(time.options);
    const snaps = collect(s);
    s.load({ preset: DEFAULT_PRESET });
    s.step();
    const before = last(snaps);
    const r = s.importTrace({ workload: 'shoppers', fileName: 'bad.csv', bytes: bytes('minute,requests\n0,10\n1,12x\n2,-3\n'), format: 'per-minute' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('invalid-trace');
    expect(r.errors).toEqual(['line 3: "12x" in column "requests" is not a number', 'line 4: -3 in column "requests" is negative']);
    expect(last(snaps)).toBe(before); // nothing pushed, nothing reloaded
    expect(s.currentScenario()!.workloads[0]!.arrival.type).toBe('spike');
    expect(s.importTrace({ workload: 'nobody', fileName: 'a.csv', bytes: bytes('1\n'), format: 'per-minute' })).toMatchObject({ ok: false, code: 'no-workload' });
    expect(s.importTrace({ workload: 'shoppers', fileName: 'a.csv', bytes: bytes('1\n'), format: 'per-minute', minuteSeconds: 0 })).toMatchObject({ ok: false, code: 'not-applied' });
    expect(s.importTrace({ workload: 'shoppers', fileName: 'a.csv', bytes: new Uint8Array(0), format: 'per-minute' })).toMatchObject({ ok: false, code: 'invalid-trace', errors: ['the file is empty'] });
    expect(last(snaps)).toBe(before);
    s.dispose();
  });

  it('reads gzip, SWF logs (as timestamps) and can fit the duration to the trace', async () => {
    const { gzipSync } = await import('fflate');
    const s = new SimService();
    s.load({ preset: DEFAULT_PRESET });
    const job = (submit: number): string => [1, submit, 0, 10, 4, -1, -1, 4, 100, -1, 1, 1, 1, -1, 1, -1, -1, -1].join(' ');
    const swf = `; Version: 2.2\n; Computer: test\n${[0, 30, 60, 120].map(job).join('\n')}\n`;
    const r = s.importTrace({ workload: 'searchers', fileName: 'log.swf.gz', bytes: gzipSync(bytes(swf)), format: 'swf', minuteSeconds: 6, fitDuration: true });
    expect(r).toMatchObject({ ok: true, format: 'timestamps', values: 4 });
    const a = s.currentScenario()!.workloads[1]!.arrival;
    expect(a).toMatchObject({ type: 'trace', format: 'timestamps', data: [0, 30, 60, 120], scale: 10 });
    // (120 + 40) / 10 = 16 s
    expect(r.ok && r.duration).toBe(16);
    const bad = s.importTrace({ workload: 'searchers', fileName: 'x.gz', bytes: bytes('not gzip at all, honest'), format: 'per-minute' });
    expect(bad).toMatchObject({ ok: false });
    s.dispose();
  });
});

describe('autoscaling through the service', () => {
  it('streams the decision log, reports replica slots, and changes the policy while running', () => {
    const time = new FakeTime();
    const s = new SimService(time.options);
    const snaps = collect(s);
    expect(s.load({ preset: 'flash-crowd' }).ok).toBe(true);
    const first = last(snaps);
    expect(first.decisions).toEqual({ reset: true, entries: [] });
    const web0 = first.services!.find((x) => x.id === 'web')!;
    expect(web0.autoscaler).toMatchObject({ policy: 'target-tracking', metric: 'cpu', target: 0.6, minReplicas: 2, maxReplicas: 20 });
    expect(web0.replicaView.members.reduce((a, b) => a + b, 0)).toBe(2);
    s.setSpeed(200);
    s.play();
    time.advance(2000); // ~400 simulated seconds
    s.pause();
    expect(last(snaps).finished).toBe(false);
    const seen = snaps.flatMap((x) => x.decisions?.entries ?? []);
    expect(seen.length).toBeGreaterThan(10);
    // Deltas add up to the core's log, in order, without repeats.
    const sim = createSimulation(parseScenarioOrThrow(PRESETS['flash-crowd']!.scenario));
    sim.runUntil(last(snaps).now);
    expect(seen.map((d) => [d.time, d.replicas])).toEqual(sim.scalingLog.map((d) => [d.time, d.replicas]));

    // Bad changes come back as messages with the schema's words; a good one is logged.
    expect(s.setAutoscaler('web', { minReplicas: 30 })).toEqual({ ok: false, error: 'autoscaler.minReplicas: must not exceed maxReplicas (20), got 30' });
    expect(s.setAutoscaler('web', { maxReplicas: 50 })).toMatchObject({ ok: false, error: expect.stringContaining('maxReplicas can be at most 20') });
    expect(s.setAutoscaler('nope', { policy: 'step' })).toMatchObject({ ok: false, error: 'there is no service "nope"' });
    const r = s.setAutoscaler('web', { policy: 'step', rules: [{ operator: '>', threshold: 0.8, for: 30, change: 2 }] });
    expect(r).toMatchObject({ ok: true, autoscaler: { policy: 'step' } });
    const after = last(snaps);
    expect(after.decisions!.entries.at(-1)!.reason).toMatch(/^policy changed from target-tracking to step/);
    expect(after.services!.find((x) => x.id === 'web')!.autoscaler!.policy).toBe('step');
    expect(s.autoscalerSettings('web')).toMatchObject({ policy: 'step' });
    // A reset goes back to the scenario's own autoscaler and clears the log.
    s.reset();
    expect(last(snaps).decisions).toEqual({ reset: true, entries: [] });
    expect(s.autoscalerSettings('web')).toMatchObject({ policy: 'target-tracking' });
  });

  it('a preset replaying a trace file by path loads silent and names the file to import', () => {
    const s = new SimService(new FakeTime().options);
    const snaps = collect(s);
    expect(s.load({ preset: 'nasa-web' }).ok).toBe(true);
    expect(last(snaps).scenario!.missingTraces).toEqual([{ workload: 'visitors', file: 'nasa-http-1995/requests_per_minute.csv' }]);
    const res = s.importTrace({ workload: 'visitors', fileName: 'requests_per_minute.csv', bytes: new TextEncoder().encode('minute_index,requests\n0,30\n1,60\n').buffer, format: 'per-minute' });
    expect(res.ok).toBe(true);
    expect(last(snaps).scenario!.missingTraces).toEqual([]);
  });
});

function parseScenarioOrThrow(doc: unknown): Scenario {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('; '));
  return p.scenario;
}
