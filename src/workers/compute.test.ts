/// <reference path="./comlink-node-adapter.d.ts" />
import { describe, it, expect, afterEach } from 'vitest';
import { Worker } from 'node:worker_threads';
import { wrap, proxy, releaseProxy } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SimWorkerApi } from './api';
import { createSimulation, parseScenario, PRESETS } from '../core/index';
import type { ScenarioInput, Simulation } from '../core/index';
import {
  buildComputeCharts,
  computeInfoOf,
  computeTransferables,
  ComputeTracker,
  HOST_CORDONED,
  HOST_FAILED,
  HOST_BOOTING,
  HOST_POWERED_ON,
  HOST_PROVISIONED,
  INSTANCE_STATES,
  type ComputeDelta,
  type ComputeLogEntry,
} from './compute';
import { SimService, allTransferables } from './service';
import type { Snapshot } from './service';

function simOf(doc: ScenarioInput): Simulation {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return createSimulation(r.scenario);
}

const preset = (id: string): Simulation => simOf(PRESETS[id]!.scenario);

/** What the page rebuilds from deltas (a minimal reference applier). */
class Mirror {
  names: string[] = [];
  state: number[] = [];
  host: number[] = [];
  type: number[] = [];
  typeNames: string[] = [];
  groupNames: string[] = [];
  group: number[] = [];
  log: ComputeLogEntry[] = [];
  hostsRev = 0;
  cpu: number[] = [];
  flags: number[] = [];
  total = 0;

  apply(d: ComputeDelta | null | undefined): void {
    if (!d) return;
    if (d.reset) {
      this.log = [];
      this.hostsRev = 0;
    }
    if (d.hosts) {
      this.hostsRev = d.hosts.rev;
      this.cpu = [...d.hosts.cpu];
      this.flags = [...d.hosts.flags];
    }
    const i = d.instances;
    if (i) {
      if (i.reset) {
        this.names = [];
        this.state = [];
        this.host = [];
        this.type = [];
        this.group = [];
      }
      expect(i.from).toBe(this.names.length);
      this.names.push(...i.names);
      this.group.push(...i.group);
      if (i.typeNames) this.typeNames = i.typeNames;
      if (i.groupNames) this.groupNames = i.groupNames;
      i.index.forEach((row, k) => {
        this.state[row] = i.state[k]!;
        this.host[row] = i.host[k]!;
        this.type[row] = i.type[k]!;
      });
      this.total = i.total;
    }
    if (d.log) this.log.push(...d.log.entries);
  }

  /** Matches the core's instances (the tracked ones). */
  check(sim: Simulation, max = Infinity): void {
    const all = sim.compute!.instances;
    const n = Math.min(all.length, max);
    expect(this.names.length).toBe(n);
    expect(this.total).toBe(all.length);
    for (let k = 0; k < n; k++) {
      const inst = all[k]!;
      expect(this.names[k]).toBe(inst.name);
      expect(INSTANCE_STATES[this.state[k]!]).toBe(inst.state);
      expect(this.host[k]).toBe(inst.host);
      expect(this.typeNames[this.type[k]!]).toBe(inst.type);
      expect(this.groupNames[this.group[k]!]).toBe(inst.groupId);
    }
  }
}

const opts = { force: true, wall: 0 };

describe('the static description of the infrastructure', () => {
  it('lists regions, zones, pools with their host ranges, hosts, links and instance types', () => {
    const sim = preset('hybrid-dc');
    const info = computeInfoOf(sim.scenario, sim.compute)!;
    expect(info.regions.map((r) => [r.id, r.kind, r.zones.length])).toEqual([
      ['onprem', 'private', 1],
      ['eu-west', 'public', 2],
    ]);
    expect(info.pools.map((p) => [p.id, p.zone, p.region, p.firstHost, p.count])).toEqual([
      ['dc', 'onprem-hall-1', 'onprem', 0, 16],
      ['dc-acme', 'onprem-hall-1', 'onprem', 16, 4],
      ['cloud-a', 'eu-west-a', 'eu-west', 20, 10],
      ['cloud-b', 'eu-west-b', 'eu-west', 30, 10],
    ]);
    expect(info.pools[0]!.cpuOvercommit).toBe(2);
    expect(info.pools[1]!.dedicatedTo).toBe('acme');
    expect(info.pools[3]!.taints).toEqual(['spot:NoSchedule']);
    expect(info.hostIds).toHaveLength(40);
    expect(info.hostIds[16]).toBe('dc-acme-0');
    expect(info.hostPool[16]).toBe(1);
    expect(info.cpuCap[0]).toBe(64); // 32 vCPU × 2
    expect(info.links).toEqual([{ between: ['onprem', 'eu-west'], kind: 'dedicated', latency: 0.008, bandwidthGbps: 10 }]);
    expect(info.instanceTypes.map((t) => t.id)).toContain('m.xlarge');
    // No host pools: nothing to show.
    const mm1 = preset('mm1');
    expect(computeInfoOf(mm1.scenario, mm1.compute)).toBeNull();
  });
});

describe('compute deltas', () => {
  it('sends everything first, nothing when nothing changed, then only what changed', () => {
    const sim = preset('zone-outage');
    const info = computeInfoOf(sim.scenario, sim.compute)!;
    const tracker = new ComputeTracker();
    const mirror = new Mirror();
    const first = tracker.delta(sim.compute!, sim.live().compute, info.links, opts)!;
    expect(first.reset).toBe(true);
    expect(first.hosts!.rev).toBe(1);
    expect(first.hosts!.cpu).toHaveLength(12);
    expect(first.instances!.tracked).toBe(6);
    expect(first.instances!.index).toHaveLength(6);
    expect(first.log!.entries.length).toBeGreaterThan(0);
    expect(first.summary!.hosts).toBe(12);
    mirror.apply(first);
    mirror.check(sim);
    expect(mirror.log.map((e) => e.seq)).toEqual(sim.compute!.log.map((_, i) => i));

    // Nothing happened: no delta at all.
    expect(tracker.delta(sim.compute!, sim.live().compute, info.links, opts)).toBeNull();

    // A host dies: its flags change, its instances fail, replacements appear.
    const victim = sim.compute!.instances[0]!;
    const host = sim.compute!.hosts.id[victim.host]!;
    expect(sim.operate({ op: 'kill-host', host }).ok).toBe(true);
    const d = tracker.delta(sim.compute!, sim.live().compute, info.links, opts)!;
    expect(d.reset).toBe(false);
    expect(d.hosts!.rev).toBe(2);
    const h = info.hostIds.indexOf(host);
    expect(d.hosts!.flags[h]! & HOST_FAILED).toBe(HOST_FAILED);
    expect(d.instances!.from).toBe(6); // no new rows yet (replacements come after the detection delay)
    expect([...d.instances!.index]).toContain(0);
    expect(d.instances!.index.length).toBeLessThan(6);
    expect(d.log!.entries[0]!.seq).toBe(mirror.log.length);
    mirror.apply(d);
    mirror.check(sim);

    sim.runUntil(400); // replacements placed and booted, the zone outage at 3 min
    const later = tracker.delta(sim.compute!, sim.live().compute, info.links, opts)!;
    expect(later.instances!.from).toBe(6);
    expect(later.instances!.tracked).toBeGreaterThan(6);
    mirror.apply(later);
    mirror.check(sim);
    expect(mirror.log.map((e) => e.seq)).toEqual(sim.compute!.log.map((_, i) => i));
    expect(mirror.hostsRev).toBe(3);
    for (let i = 0; i < 12; i++) {
      const hs = sim.compute!.hosts;
      expect(mirror.cpu[i]).toBeCloseTo(hs.cpuAlloc[i]! / hs.cpuCap[i]!, 6);
      expect((mirror.flags[i]! & HOST_FAILED) !== 0).toBe(hs.failed[i] === 1);
      expect((mirror.flags[i]! & HOST_POWERED_ON) !== 0).toBe(hs.poweredOn[i] === 1);
    }
  });

  it('caps the instance table, while counting every instance by state', () => {
    const sim = preset('hybrid-dc');
    const info = computeInfoOf(sim.scenario, sim.compute)!;
    const tracker = new ComputeTracker(10);
    const mirror = new Mirror();
    sim.runUntil(1800);
    const d = tracker.delta(sim.compute!, sim.live().compute, info.links, opts)!;
    mirror.apply(d);
    mirror.check(sim, 10);
    expect(d.instances!.tracked).toBe(10);
    expect(d.instances!.total).toBe(sim.compute!.instances.length);
    const counts = d.instances!.byState;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(sim.compute!.instances.length);
    expect(counts.running).toBe(sim.compute!.instances.filter((i) => i.state === 'running').length);
  });

  it('sends at most the log window per push, newest entries, with their positions', () => {
    const sim = preset('hybrid-dc');
    const info = computeInfoOf(sim.scenario, sim.compute)!;
    const tracker = new ComputeTracker(5000, 25);
    tracker.delta(sim.compute!, sim.live().compute, info.links, opts);
    sim.runUntil(1200); // batch VMs arrive: many entries
    const len = sim.compute!.log.length;
    const d = tracker.delta(sim.compute!, sim.live().compute, info.links, opts)!;
    expect(d.log!.entries).toHaveLength(25);
    expect(d.log!.entries[24]!.seq).toBe(len - 1);
    expect(d.log!.entries[0]!.seq).toBe(len - 25);
    expect(d.log!.total).toBe(len);
    expect(d.log!.entries[24]!.reason).toBe(sim.compute!.log[len - 1]!.reason);
  });

  it('a full snapshot repeats what was sent, and later deltas line up with it', () => {
    const sim = preset('zone-outage');
    const info = computeInfoOf(sim.scenario, sim.compute)!;
    const tracker = new ComputeTracker();
    const early = new Mirror();
    early.apply(tracker.delta(sim.compute!, sim.live().compute, info.links, opts));
    sim.runUntil(200);
    early.apply(tracker.delta(sim.compute!, sim.live().compute, info.links, opts));
    sim.runUntil(230); // not sent yet
    const late = new Mirror();
    const full = tracker.full(sim.compute!);
    expect(full.reset).toBe(true);
    late.apply(full);
    expect(late.names).toEqual(early.names);
    expect(late.state).toEqual(early.state);
    expect(late.log.map((e) => e.seq)).toEqual(early.log.map((e) => e.seq));
    const next = tracker.delta(sim.compute!, sim.live().compute, info.links, opts);
    early.apply(next);
    late.apply(next);
    early.check(sim);
    late.check(sim);
    // A reset starts the page over.
    tracker.reset();
    const again = tracker.delta(sim.compute!, sim.live().compute, info.links, opts)!;
    expect(again.reset).toBe(true);
    expect(again.hosts!.rev).toBe(1);
    expect(again.instances!.from).toBe(0);
  });

  it('reports cut links and cordoned hosts, and owns fresh buffers to transfer', () => {
    const sim = preset('hybrid-dc');
    const info = computeInfoOf(sim.scenario, sim.compute)!;
    const tracker = new ComputeTracker();
    tracker.delta(sim.compute!, sim.live().compute, info.links, opts);
    expect(sim.operate({ op: 'cut-link', between: ['onprem', 'eu-west'], duration: 60 }).ok).toBe(true);
    expect(sim.operate({ op: 'drain', host: 'cloud-a-3' }).ok).toBe(true);
    const d = tracker.delta(sim.compute!, sim.live().compute, info.links, opts)!;
    expect([...d.hosts!.linksCut]).toEqual([1]);
    expect(d.hosts!.flags[info.hostIds.indexOf('cloud-a-3')]! & HOST_CORDONED).toBe(HOST_CORDONED);
    const buffers = computeTransferables(d);
    expect(buffers.length).toBeGreaterThanOrEqual(5);
    expect(new Set(buffers).size).toBe(buffers.length);
    sim.runUntil(120);
    const restored = tracker.delta(sim.compute!, sim.live().compute, info.links, opts)!;
    expect([...restored.hosts!.linksCut]).toEqual([0]);
  });

  it('downsamples the compute series to shared points', () => {
    const sim = preset('hybrid-dc');
    sim.runUntil(7200);
    const charts = buildComputeCharts(sim.live().series, 100)!;
    expect(charts.samples).toBeGreaterThan(100);
    expect(charts.time.length).toBeLessThanOrEqual(100);
    expect(charts.cpu.length).toBe(charts.time.length);
    expect(Math.max(...charts.poweredOn)).toBeLessThanOrEqual(40);
    expect(Math.max(...charts.cpu)).toBeLessThanOrEqual(1);
    expect(buildComputeCharts(preset('mm1').live().series, 100)).toBeNull();
  });
});

describe('compute commands of the service', () => {
  const services: SimService[] = [];
  const make = (): SimService => {
    const s = new SimService({ setTimer: () => 0, clearTimer: () => undefined, clock: () => 0 });
    services.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of services.splice(0)) s.dispose();
  });

  it('pushes compute state only for scenarios with host pools', () => {
    const svc = make();
    const snaps: Snapshot[] = [];
    svc.subscribe((s) => snaps.push(s));
    svc.load({ preset: 'mm1' });
    expect(snaps.at(-1)!.scenario!.compute).toBeNull();
    expect(snaps.at(-1)!.compute).toBeUndefined();
    svc.load({ preset: 'zone-outage' });
    const s = snaps.at(-1)!;
    expect(s.scenario!.compute!.hostIds).toHaveLength(12);
    expect(s.compute!.reset).toBe(true);
    expect(s.compute!.instances!.tracked).toBe(6);
    expect(s.operations).toEqual([]);
    expect(s.computeCharts).toBeDefined();
    expect(allTransferables(s).length).toBeGreaterThan(0);
  });

  it('operates, records what succeeded, explains errors, and a reset starts over from the scenario', () => {
    const svc = make();
    const snaps: Snapshot[] = [];
    svc.subscribe((s) => snaps.push(s));
    svc.load({ preset: 'zone-outage' });
    const detail = svc.hostDetail('pool-a-0');
    expect(detail.ok).toBe(true);
    if (!detail.ok) return;
    expect(detail.instances.length).toBeGreaterThan(0);
    expect(detail.cpuCapacity).toBe(16);
    const victim = detail.instances[0]!.name;

    const killed = svc.operate({ op: 'kill-host', host: 'pool-a-0' });
    expect(killed).toMatchObject({ ok: true, message: 'pool-a-0 killed' });
    expect(snaps.at(-1)!.operations).toEqual([{ time: 0, op: { op: 'kill-host', host: 'pool-a-0' }, message: 'pool-a-0 killed', code: 'opKilled', params: { host: 'pool-a-0' } }]);
    expect(snaps.at(-1)!.compute!.log!.entries.some((e) => e.subject === victim && e.to === 'failed')).toBe(true);

    // Impossible requests come back as messages, not exceptions, and are not recorded.
    expect(svc.operate({ op: 'kill-host', host: 'pool-a-0' })).toMatchObject({ ok: false, message: 'pool-a-0 has already failed' });
    expect(svc.operate({ op: 'kill-host', host: 'nope' })).toMatchObject({ ok: false, message: 'there is no host "nope"' });
    expect(svc.operate({ op: 'explode' } as never).ok).toBe(false);
    expect(svc.operate(null as never).ok).toBe(false);
    expect(svc.operate({ op: 'zone-outage', zone: 'mars' }).ok).toBe(false);
    const running = svc.hostDetail('pool-b-0');
    expect(running.ok && running.instances.length > 0).toBe(true);
    const mover = running.ok ? running.instances[0]!.name : '';
    const toFailed = svc.operate({ op: 'migrate', instance: mover, host: 'pool-a-0' });
    expect(toFailed.ok).toBe(false);
    expect(toFailed.message).toMatch(/takes no instances/);
    expect(svc.computeOperations()).toHaveLength(1);

    const why = svc.explain(mover);
    expect(why.ok).toBe(true);
    if (why.ok) {
      expect(why.explanation!.summary).toMatch(/^placed on pool-b-0/);
      expect(why.explanation!.filters.length).toBeGreaterThan(0);
      expect(why.history.map((e) => e.to).filter(Boolean)).toEqual(['pending', 'scheduled', 'provisioning', 'running']);
    }
    expect(svc.explain('ghost')).toMatchObject({ ok: false, message: 'no instance named "ghost"' });
    expect(svc.hostDetail('ghost')).toMatchObject({ ok: false, message: 'there is no host "ghost"' });

    svc.reset();
    expect(svc.computeOperations()).toEqual([]);
    expect(snaps.at(-1)!.operations).toEqual([]);
    expect(snaps.at(-1)!.compute!.reset).toBe(true);
    const again = svc.hostDetail('pool-a-0');
    expect(again.ok && !again.failed).toBe(true);

    svc.runToEnd();
    expect(svc.operate({ op: 'kill-host', host: 'pool-b-1' })).toMatchObject({ ok: false, message: 'the run has ended: reset it to start again' });
  });

  it('answers without a scenario and for scenarios without hosts', () => {
    const svc = make();
    expect(svc.operate({ op: 'kill-host', host: 'x' }).ok).toBe(false);
    expect(svc.explain('x').ok).toBe(false);
    expect(svc.hostDetail('x').ok).toBe(false);
    svc.load({ preset: 'mm1' });
    expect(svc.operate({ op: 'kill-host', host: 'x' })).toMatchObject({ ok: false, message: 'this scenario has no host pools' });
    expect(svc.explain('x')).toMatchObject({ ok: false, message: 'this scenario has no host pools' });
  });
});

describe('compute commands across a real worker_threads Worker', () => {
  it('operates, explains and details hosts through Comlink; compute state arrives as typed arrays', async () => {
    const worker = new Worker(new URL('./node-worker.mjs', import.meta.url));
    const api = wrap<SimWorkerApi>(nodeEndpoint(worker));
    try {
      expect(await api.load({ preset: 'zone-outage' })).toMatchObject({ ok: true });
      const snaps: Snapshot[] = [];
      const unsubscribe = await api.subscribe(proxy((snap: Snapshot) => void snaps.push(snap)));
      const detail = await api.hostDetail('pool-a-0');
      expect(detail.ok && detail.instances.length).toBeGreaterThan(0);
      expect(await api.operate({ op: 'kill-host', host: 'pool-a-0' })).toMatchObject({ ok: true, message: 'pool-a-0 killed' });
      expect((await api.operate({ op: 'kill-host', host: 'pool-a-0' })).ok).toBe(false);
      const name = detail.ok ? detail.instances[0]!.name : '';
      const why = await api.explain(name);
      expect(why.ok && why.state).toBe('failed');
      expect(why.ok && why.explanation?.summary).toMatch(/^placed on pool-a-0/);
      expect(await api.computeOperations()).toHaveLength(1);
      const deadline = Date.now() + 5000;
      while (!snaps.some((s) => s.operations?.length === 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const first = snaps[0]!;
      expect(first.scenario?.compute?.hostPool).toBeInstanceOf(Int32Array);
      expect(first.compute?.hosts?.cpu).toBeInstanceOf(Float32Array);
      expect(first.compute?.instances?.state).toBeInstanceOf(Uint8Array);
      const after = snaps.find((s) => s.operations?.length === 1)!;
      expect((after.compute?.hosts?.flags[0] ?? 0) & HOST_FAILED).toBe(HOST_FAILED);
      await unsubscribe();
      unsubscribe[releaseProxy]();
    } finally {
      api[releaseProxy]();
      await worker.terminate();
    }
  });
});

describe('cluster autoscaler slots on the wire', () => {
  it('lists every host slot of an autoscaled pool and flags which are provisioned or booting', () => {
    const sim = preset('flash-crowd');
    const info = computeInfoOf(sim.scenario, sim.compute)!;
    const pool = info.pools.find((p) => p.id === 'nodes')!;
    expect([pool.count, pool.maxCount, pool.minCount, pool.hosts.length]).toEqual([3, 10, 2, 10]);
    const tracker = new ComputeTracker();
    const opts = { force: true, wall: 0 };
    const provisioned = (d: ComputeDelta | null, seen: Uint8Array) => {
      if (d?.hosts) seen.set(d.hosts.flags);
      return Array.from(pool.hosts).filter((h) => (seen[h]! & HOST_PROVISIONED) !== 0).length;
    };
    const flags = new Uint8Array(info.hostIds.length);
    expect(provisioned(tracker.delta(sim.compute!, sim.live().compute, info.links, opts), flags)).toBe(3);
    // The crowd arrives at 5 min; hosts are added once replicas cannot be placed.
    let booting = 0;
    for (let t = 300; t <= 900; t += 15) {
      sim.runUntil(t);
      const d = tracker.delta(sim.compute!, sim.live().compute, info.links, opts);
      if (d?.hosts) flags.set(d.hosts.flags);
      for (const h of pool.hosts) if ((flags[h]! & HOST_BOOTING) !== 0) booting++;
    }
    expect(booting).toBeGreaterThan(0);
    expect(provisioned(null, flags)).toBeGreaterThan(3);
  });
});
