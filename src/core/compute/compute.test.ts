import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation, type ComputeOperation } from '../sim/simulation';

function sim(doc: ScenarioInput, seed?: number) {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.scenario, seed === undefined ? {} : { seed });
}

const base = (): ScenarioInput => ({
  cumulo: 1,
  name: 'compute',
  duration: '1h',
  regions: [{ id: 'r', zones: [{ id: 'a' }, { id: 'b' }] }],
  hostPools: [
    { id: 'pa', zone: 'a', count: 3, shape: { vcpu: 8, memoryGiB: 32 } },
    { id: 'pb', zone: 'b', count: 3, shape: { vcpu: 8, memoryGiB: 32 } },
  ],
});

describe('instance lifecycles', () => {
  it('the t=0 fleet runs at once; later instances go pending → scheduled → provisioning → running with a boot delay', () => {
    const s = sim({ ...base(), instances: [{ id: 'web', type: 'g.large', count: 2 }, { id: 'late', type: 'g.medium', count: 1, at: '1m', placement: { kind: 'container' } }] });
    const c = s.compute!;
    expect(c.instances.filter((i) => i.state === 'running')).toHaveLength(2);
    s.runUntil(600);
    const late = c.explain('late-0');
    expect(late.history.map((e) => e.to).filter(Boolean)).toEqual(['pending', 'scheduled', 'provisioning', 'running']);
    const [created, , , running] = late.history;
    expect(created!.t).toBe(60);
    expect(running!.t - 60).toBeGreaterThan(0.2); // containers start in seconds
    expect(running!.t - 60).toBeLessThan(15);
    expect(late.explanation!.summary).toMatch(/^placed on p[ab]-\d/);
  });

  it('an instance that cannot fit stays pending with a Kubernetes-style reason', () => {
    const s = sim({ ...base(), instances: [{ id: 'huge', type: 'm.xlarge', count: 1, placement: { zones: ['a'] } }], instanceTypes: [] });
    // m.xlarge is 8 vCPU / 64 GiB: no host has 64 GiB.
    const r = s.runToEnd().compute!;
    expect(r.pending).toBe(1);
    expect(r.unschedulable[0]!.reason).toBe('0/6 hosts available: 3 insufficient memory, 3 wrong zone');
  });

  it('a host failure loses its instances; replacements are placed elsewhere after the detection delay', () => {
    const s = sim({ ...base(), instances: [{ id: 'vm', type: 'g.large', count: 6 }], faults: [{ kind: 'host-failure', pool: 'pa', host: 0, at: '5m' }] });
    s.runUntil(299);
    const onHost = s.compute!.instances.filter((i) => i.host === 0).length;
    expect(onHost).toBeGreaterThan(0);
    s.runUntil(3600);
    const r = s.results().compute!;
    expect(r.instances.failed).toBe(onHost);
    expect(r.instances.running).toBe(6);
    expect(r.hostsUp).toBe(5);
    expect(r.violations).toEqual([]);
    const replaced = s.compute!.log.filter((e) => e.reason.startsWith('replacing '));
    expect(replaced).toHaveLength(onHost);
    for (const e of replaced) expect(e.t).toBeCloseTo(300 + 30, 6);
  });
});

describe('metrics', () => {
  it('reports allocation and fragmentation per pool, zone and region', () => {
    // m.large is 4 vCPU / 32 GiB: on an 8 vCPU / 32 GiB host it leaves 4 vCPU that nothing of its shape can use.
    const s = sim({ ...base(), instances: [{ id: 'mem', type: 'm.large', count: 3, placement: { zones: ['a'] } }] });
    const c = s.results().compute!;
    expect(c.pools.pa!.fragmentation).toBe(1);
    expect(c.pools.pb!.fragmentation).toBe(0);
    expect(c.zones.a!.memory).toEqual({ allocated: 96, capacity: 96 });
    expect(c.regions.r!.cpu).toEqual({ allocated: 12, capacity: 48 });
    expect(c.fragmentation!.value).toBeCloseTo(12 / 36, 12);
  });
});

describe('operations', () => {
  it('resizes in place when the host has room, else by live migration', () => {
    const s = sim({ ...base(), scheduler: { strategy: 'most-allocated' }, instances: [{ id: 'vm', type: 'g.medium', count: 3 }] });
    s.runUntil(10);
    const c = s.compute!;
    const a = c.instances[0]!;
    expect(s.operate({ op: 'resize', instance: a.name, type: 'g.large' })).toMatchObject({ ok: true, message: `${a.name} resized to g.large in place` });
    // Fill its host so the next resize cannot stay.
    const host = c.hosts.id[a.host]!;
    const big = s.operate({ op: 'resize', instance: a.name, type: 'g.xlarge' });
    expect(big.ok).toBe(true);
    expect(big.message).toMatch(/by live migration to p[ab]-\d/);
    s.runUntil(100);
    expect(c.instances[0]!.type).toBe('g.xlarge');
    expect(c.hosts.id[c.instances[0]!.host]).not.toBe(host);
    expect(s.results().compute!.violations).toEqual([]);
  });

  it('live migration takes memory / bandwidth (pre-copy rounds) with a short pause', () => {
    const s = sim({ ...base(), instances: [{ id: 'vm', type: 'm.large', count: 1 }] });
    const c = s.compute!;
    const inst = c.instances[0]!;
    const t = c.migrationTime(inst, 0, 1);
    // 32 GiB over 25 Gbit/s: 11.0 s per full copy; rounds 1 + 0.2 + 0.04 + 0.008 → 13.7 s plus the pause.
    const copy = (32 * 8 * 1.073741824) / 25;
    expect(t.total).toBeCloseTo(copy * 1.248 + copy * 0.0016 + 0.05, 9);
    expect(t.pause).toBeCloseTo(copy * 0.0016 + 0.05, 9);
    expect(s.operate({ op: 'migrate', instance: 'vm-0', host: 'nope' })).toMatchObject({ ok: false, message: 'no host named "nope"' });
  });

  it('drains a host: VMs migrate away, containers are replaced elsewhere', () => {
    const s = sim({
      ...base(),
      scheduler: { strategy: 'most-allocated' },
      instances: [
        { id: 'vm', type: 'g.medium', count: 2 },
        { id: 'ct', type: 'g.small', count: 2, placement: { kind: 'container' } },
      ],
    });
    const c = s.compute!;
    const host = c.instances[0]!.host;
    const id = c.hosts.id[host]!;
    expect(c.instances.every((i) => i.host === host)).toBe(true); // bin packing put them together
    expect(s.operate({ op: 'drain', host: id }).ok).toBe(true);
    s.runUntil(600);
    expect(c.hosts.instances[host]).toBe(0);
    expect(c.log.some((e) => e.subject === id && e.reason === 'drained: no instances left')).toBe(true);
    const running = c.instances.filter((i) => i.state === 'running');
    expect(running).toHaveLength(4);
    expect(running.every((i) => i.host !== host)).toBe(true);
    expect(s.results().compute!.violations).toEqual([]);
  });

  it('consolidates lightly used hosts and powers them down', () => {
    const s = sim({ ...base(), scheduler: { strategy: 'least-allocated' }, instances: [{ id: 'vm', type: 'g.medium', count: 6 }] });
    const c = s.compute!;
    // Spread: one small VM per host.
    expect(new Set(c.instances.map((i) => i.host)).size).toBe(6);
    const res = s.operate({ op: 'consolidate', threshold: 0.5 });
    expect(res.ok).toBe(true);
    s.runUntil(600);
    const summary = s.results().compute!;
    expect(summary.poweredOn).toBeLessThan(6);
    expect(summary.instances.running).toBe(6);
    expect(summary.violations).toEqual([]);
  });

  it('a migration to a named host obeys the scheduler’s rules (anti-affinity, tenant, zone)', () => {
    const s = sim({
      ...base(),
      hostPools: [
        { id: 'pa', zone: 'a', count: 3, shape: { vcpu: 8, memoryGiB: 32 } },
        { id: 'pd', zone: 'b', count: 2, shape: { vcpu: 8, memoryGiB: 32 }, dedicatedTo: 'acme' },
      ],
      instances: [
        { id: 'spread', type: 'g.small', count: 2, placement: { antiAffinity: true, zones: ['a'] } },
        { id: 'acme', type: 'g.small', count: 1, placement: { tenant: 'acme', zones: ['b'] } },
      ],
    });
    const c = s.compute!;
    const [a, b] = c.instances;
    const other = c.hosts.id[b!.host]!;
    expect(s.operate({ op: 'migrate', instance: a!.name, host: other })).toMatchObject({ ok: false, message: `${other} cannot take ${a!.name}: anti-affinity conflict` });
    expect(s.operate({ op: 'migrate', instance: a!.name, host: 'pd-0' })).toMatchObject({ ok: false, message: `pd-0 cannot take ${a!.name}: wrong zone` });
    expect(s.operate({ op: 'migrate', instance: 'acme-0', host: 'pa-2' }).ok).toBe(false);
    expect(s.operate({ op: 'kill-host', host: 'pa-2' }).ok).toBe(true);
    expect(s.operate({ op: 'kill-host', host: 'pa-2' })).toMatchObject({ ok: false, message: 'pa-2 has already failed' });
    expect(s.operate({ op: 'zone-outage', zone: 'mars' })).toMatchObject({ ok: false, message: 'no zone named "mars"' });
    expect(s.operate({ op: 'bogus' } as never)).toMatchObject({ ok: false, message: 'unknown operation "bogus"' });
    s.runToEnd();
    expect(c.violations).toEqual([]);
  });

  it('regression (found by the property test): resizing an instance mid-migration is refused, keeping the books straight', () => {
    const s = sim({ ...base(), instances: [{ id: 'vm', type: 'g.medium', count: 2 }] });
    expect(s.operate({ op: 'migrate', instance: 'vm-0' }).ok).toBe(true);
    expect(s.operate({ op: 'resize', instance: 'vm-0', type: 'g.small' })).toMatchObject({ ok: false, message: 'vm-0 is being migrated; resize it when the migration is over' });
    s.runToEnd();
    s.compute!.checkAll();
    expect(s.compute!.violations).toEqual([]);
  });

  it('refuses impossible requests with a specific message', () => {
    const s = sim({ ...base(), instances: [{ id: 'vm', type: 'g.medium', count: 1 }] });
    expect(s.operate({ op: 'resize', instance: 'ghost', type: 'g.large' })).toMatchObject({ ok: false, message: 'no instance named "ghost"' });
    expect(s.operate({ op: 'create', type: 'x.huge' })).toMatchObject({ ok: false, message: 'unknown instance type "x.huge"' });
    expect(s.operate({ op: 'drain', host: 'zz' })).toMatchObject({ ok: false, message: 'no host named "zz"' });
  });
});

describe('zones and services', () => {
  const outage = (spread: boolean) => {
    const doc = JSON.parse(JSON.stringify(PRESETS['zone-outage']!.scenario)) as ScenarioInput;
    if (!spread) delete doc.services![0]!.placement!.spread;
    return sim(doc);
  };

  it('with topology spread a zone outage keeps the service up and the log shows the rescheduling', () => {
    const s = outage(true);
    const zones = new Set(s.compute!.instances.map((i) => s.compute!.hosts.zone[i.host]));
    expect(zones.size).toBe(3);
    s.runUntil(185);
    expect(s.live().services[0]!.up).toBe(4);
    const r = s.runToEnd();
    expect(r.services[0]!.slo!.overall.availability!).toBeGreaterThan(0.95);
    expect(s.compute!.log.filter((e) => e.reason.startsWith('replacing '))).toHaveLength(2);
    expect(r.compute!.violations).toEqual([]);
  });

  it('without spread the same seed packs the replicas into one zone and loses the service', () => {
    const s = outage(false);
    const zones = new Set(s.compute!.instances.map((i) => s.compute!.hosts.zone[i.host]));
    expect(zones.size).toBe(1);
    s.runUntil(200);
    expect(s.live().services[0]!.up).toBe(0);
    const r = s.runToEnd();
    expect(r.services[0]!.slo!.breaches.length).toBeGreaterThan(0);
  });
});

describe('allocation invariants', () => {
  const opArb = fc.oneof(
    fc.record({ op: fc.constant('create' as const), type: fc.constantFrom('g.small', 'g.medium', 'g.large', 'm.large', 'c.xlarge'), count: fc.integer({ min: 1, max: 4 }), kind: fc.constantFrom('vm' as const, 'container' as const), priority: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ op: fc.constant('terminate' as const), instance: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`) }),
    fc.record({ op: fc.constant('resize' as const), instance: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`), type: fc.constantFrom('g.small', 'g.large', 'g.xlarge') }),
    fc.record({ op: fc.constant('migrate' as const), instance: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`) }),
    fc.record({ op: fc.constant('migrate' as const), instance: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`), host: fc.integer({ min: 0, max: 5 }).map((h) => `h${h}`) }),
    fc.record({ op: fc.constant('drain' as const), host: fc.integer({ min: 0, max: 5 }).map((h) => `h${h}`) }),
    fc.record({ op: fc.constant('uncordon' as const), host: fc.integer({ min: 0, max: 5 }).map((h) => `h${h}`) }),
    fc.record({ op: fc.constant('consolidate' as const), threshold: fc.double({ min: 0.1, max: 0.9, noNaN: true }) }),
    fc.record({ op: fc.constant('kill-host' as const), host: fc.integer({ min: 0, max: 5 }).map((h) => `h${h}`) }),
  );

  it('hold under random scenarios and random operation sequences (capacity, failed hosts, isolation, anti-affinity)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 30, noNaN: true }), opArb), { maxLength: 25 }),
        fc.constantFrom('least-allocated' as const, 'most-allocated' as const, 'balanced' as const, 'first-fit' as const, 'random' as const, 'zone-round-robin' as const),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        (ops, strategy, seed, overcommit) => {
          const s = sim(
            {
              ...base(),
              seed,
              duration: '10m',
              hostPools: [
                { id: 'pa', zone: 'a', count: 3, shape: { vcpu: 8, memoryGiB: 32 }, overcommit: { cpu: overcommit } },
                { id: 'pb', zone: 'b', count: 2, shape: { vcpu: 8, memoryGiB: 32 }, dedicatedTo: 'acme' },
                { id: 'pc', zone: 'b', count: 1, shape: { vcpu: 16, memoryGiB: 64 }, mtbf: '3m', mttr: '1m' },
              ],
              scheduler: { strategy },
              instances: [
                { id: 'fleet', type: 'g.medium', count: 5, placement: { antiAffinity: true } },
                { id: 'acme', type: 'g.large', count: 2, placement: { tenant: 'acme' } },
              ],
            },
          );
          const c = s.compute!;
          let t = 0;
          for (const [dt, raw] of ops) {
            t += dt;
            s.runUntil(t);
            const names = c.instances.map((i) => i.name);
            const hosts = c.hosts.id;
            const pickI = (x: string) => names[Number(x.slice(1)) % Math.max(1, names.length)] ?? 'none';
            const pickH = (x: string) => hosts[Number(x.slice(1)) % hosts.length]!;
            const op: ComputeOperation =
              'instance' in raw ? { ...raw, instance: pickI(raw.instance) } : 'host' in raw ? { ...raw, host: pickH(raw.host) } : raw;
            s.operate(op);
          }
          s.runToEnd();
          c.checkAll();
          expect(c.violations).toEqual([]);
          // The live list and the kept counts agree with a scan of every instance ever made.
          const ended = (st: string) => st === 'terminated' || st === 'failed';
          expect([...c.liveInstances()]).toEqual(c.instances.filter((i) => !ended(i.state)).map((i) => i.index));
          expect(c.pendingInstances).toBe(c.instances.filter((i) => i.state === 'pending').length);
          const byState: Record<string, number> = { pending: 0, scheduled: 0, provisioning: 0, running: 0, draining: 0, terminated: 0, failed: 0 };
          for (const i of c.instances) byState[i.state]!++;
          expect(c.summary().instances).toEqual(byState);
        },
      ),
      { numRuns: Number(process.env.CUMULO_PROPERTY_RUNS ?? 60) },
    );
  });
});
