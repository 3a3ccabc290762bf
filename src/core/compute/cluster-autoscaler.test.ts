import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../engine/random';
import type { ScenarioInput } from '../scenario/schema';
import { issueLine, parseScenario } from '../scenario/validate';
import type { Instance } from './compute';
import { computeModel, type TestModel } from './test-model';

type PoolInput = NonNullable<ScenarioInput['hostPools']>[number];

const scenario = (pools: PoolInput[], rest: Partial<ScenarioInput> = {}): ScenarioInput => ({
  cumulo: 1,
  name: 'cluster autoscaler',
  duration: '2h',
  regions: [{ id: 'r', zones: [{ id: 'a' }, { id: 'b' }] }],
  hostPools: pools,
  clusterAutoscaler: {},
  ...rest,
});

const pool = (id: string, vcpu: number, memoryGiB: number, extra: Partial<PoolInput> = {}): PoolInput => ({ id, zone: 'a', count: 0, maxCount: 4, shape: { vcpu, memoryGiB }, ...extra });

const decisions = (m: TestModel) => m.c.clusterAutoscalerLog.map((d) => `${d.t} ${d.action} ${d.pool ?? '-'} ${d.delta}: ${d.reason}`);
const scaleUps = (m: TestModel) => m.c.clusterAutoscalerLog.filter((d) => d.action === 'scale-up');

describe('cluster autoscaler: scale-up', () => {
  it('least-waste picks the pool left least idle (12 vCPU / 48 GiB fits three g.large exactly)', () => {
    const m = computeModel(
      scenario([pool('huge', 64, 256), pool('narrow', 16, 32), pool('exact', 12, 48)], {
        instances: [{ id: 'job', type: 'g.large', count: 3 }],
        clusterAutoscaler: { expander: 'least-waste' },
      }),
    );
    m.run(10);
    // huge: 1 host, 81 % idle; narrow: memory fits two per host, 2 hosts, (62.5 % + 25 %) / 2 idle; exact: 0 %.
    expect(decisions(m)).toEqual(['10 scale-up exact 1: scale-up exact +1 (expander least-waste: 3 pending instances fit; waste 0 %; least waste of 3 pools)']);
    expect(m.c.hostProvisioning(m.c.hosts.id.indexOf('exact-0'))).toBe('booting');
    m.run(10 + 120 + 600);
    expect(m.c.instances.every((i) => i.state === 'running' && m.c.hosts.id[i.host] === 'exact-0')).toBe(true);
  });

  it('cheapest picks the lowest price per instance placed; least-waste breaks the same tie by pool order', () => {
    const pools = [
      pool('tiny', 2, 8, { pricePerHour: 0.1 }), // 4 hosts: 0.10 per instance
      pool('mid', 4, 16, { pricePerHour: 0.25 }), // 2 hosts: 0.125 per instance
      pool('large', 8, 32, { pricePerHour: 0.3 }), // 1 host: 0.075 per instance
    ];
    const run = (expander: 'cheapest' | 'least-waste') => {
      const m = computeModel(scenario(pools, { instances: [{ id: 'job', type: 'g.medium', count: 4 }], clusterAutoscaler: { expander } }));
      m.run(10);
      return scaleUps(m).map((d) => `${d.pool} +${d.delta}: ${d.reason}`);
    };
    expect(run('cheapest')).toEqual(['large +1: scale-up large +1 (expander cheapest: 4 pending instances fit; waste 0 %; 0.075 USD/h per instance)']);
    expect(run('least-waste')).toEqual(['tiny +4: scale-up tiny +4 (expander least-waste: 4 pending instances fit; waste 0 %; least waste of 3 pools)']);
  });

  it('the default price of a host is vCPU × 0.04 + GiB × 0.005 + GPUs × 0.5 (USD/h)', () => {
    const m = computeModel(scenario([pool('p', 8, 32), { ...pool('g', 8, 61), shape: { vcpu: 8, memoryGiB: 61, gpu: 1 } }]));
    expect(m.c.hosts.poolPrice[0]).toBeCloseTo(0.48, 12);
    expect(m.c.hosts.poolPrice[1]).toBeCloseTo(0.32 + 0.305 + 0.5, 12);
  });

  it('random picks uniformly among the pools that fit, from the autoscaler’s own stream (same seed, same pick)', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 16; seed++) {
      const m = computeModel(scenario([pool('pa', 8, 32), pool('pb', 8, 32, { zone: 'b' })], { instances: [{ id: 'job', type: 'g.xlarge', count: 1 }] }), seed);
      m.run(10);
      const expected = Math.floor(RandomStream.forEntity(seed, 'compute/cluster-autoscaler').next() * 2) === 0 ? 'pa' : 'pb';
      expect(scaleUps(m).map((d) => d.pool)).toEqual([expected]);
      seen.add(expected);
    }
    expect(seen).toEqual(new Set(['pa', 'pb']));
  });

  it('respects maxCount and the hosts already booting, and says why nothing can grow', () => {
    const m = computeModel(
      scenario([pool('pa', 8, 32, { maxCount: 2 }), pool('pb', 8, 32, { count: 1, maxCount: 1, minCount: 1, zone: 'b' })], {
        instances: [
          { id: 'job', type: 'g.xlarge', count: 4, placement: { zones: ['a'] } },
          { id: 'gpu', type: 'p.xlarge', count: 1 },
        ],
        clusterAutoscaler: { expander: 'least-waste' },
      }),
    );
    m.run(10);
    expect(decisions(m)).toEqual([
      '10 scale-up pa 2: scale-up pa +2 (expander least-waste: 2 pending instances fit; waste 0 %; least waste of 1 pool)',
    ]);
    m.run(20);
    expect(decisions(m).slice(1)).toEqual([
      // pb (minCount = maxCount) is not autoscaled: it is not listed.
      '20 no-scale-up - 0: no scale-up: 3 pending instances fit no pool (pa: at maxCount 2); 2 others wait for 2 hosts being provisioned',
    ]);
    m.run(600);
    expect(m.c.instances.filter((i) => i.state === 'running')).toHaveLength(2);
    expect(decisions(m).at(-1)).toBe(
      '130 no-scale-up - 0: no scale-up: 3 pending instances fit no pool (pa: at maxCount 2)',
    );
    const pools = m.c.summary().pools;
    expect(pools.pa).toMatchObject({ hosts: 2, provisioning: 0, maxHosts: 2 });
  });

  it('reports the filter that keeps a pending instance off every pool template', () => {
    const m = computeModel(
      scenario([pool('pa', 8, 32), pool('tainted', 8, 32, { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }), pool('down', 16, 64, { zone: 'b' })], {
        instances: [{ id: 'gpu', type: 'p.xlarge', count: 2, placement: { zones: ['a', 'b'] } }],
        faults: [{ kind: 'zone-outage', zone: 'b', at: 0 }],
      }),
    );
    m.run(10);
    expect(decisions(m)).toEqual([
      '10 no-scale-up - 0: no scale-up: 2 pending instances fit no pool (pa: 2 insufficient memory; tainted: 2 untolerated taint gpu; down: zone b down)',
    ]);
  });

  it('a template honours hard topology spread and anti-affinity when estimating hosts', () => {
    const m = computeModel(
      scenario([pool('pa', 8, 32, { count: 1 }), pool('pb', 8, 32, { count: 1, zone: 'b' })], {
        instances: [{ id: 'web', type: 'g.small', count: 4, placement: { antiAffinity: true, spread: { maxSkew: 1 } } }],
        clusterAutoscaler: { expander: 'least-waste' },
      }),
    );
    m.run(10);
    // Two run (one per host); two more need one new host each, one per zone to keep the skew at 1.
    expect(scaleUps(m).map((d) => `${d.pool} +${d.delta}`)).toEqual(['pa +1']);
    m.run(20);
    expect(scaleUps(m).map((d) => `${d.pool} +${d.delta}`)).toEqual(['pa +1', 'pb +1']);
    m.run(600);
    expect(m.c.instances.filter((i) => i.state === 'running')).toHaveLength(4);
  });
});

describe('cluster autoscaler: scale-down', () => {
  const burst = (ca: ScenarioInput['clusterAutoscaler'] = {}) =>
    scenario([pool('base', 8, 32, { count: 1, maxCount: undefined }), pool('burst', 8, 32)], {
      instances: [{ id: 'batch', type: 'g.large', count: 4, at: '1m', lifetime: '20m' }],
      clusterAutoscaler: ca,
    });

  it('scales up for pending instances, then removes the host once it has been unneeded for scaleDownUnneededTime (same seed, same decisions)', () => {
    const m = computeModel(burst(), 7);
    m.run(7200);
    const log = m.c.clusterAutoscalerLog;
    expect(log.map((d) => d.action)).toEqual(['scale-up', 'no-scale-up', 'scale-down']);
    expect(log[0]).toMatchObject({ t: 60, pool: 'burst', delta: 1 });
    const emptied = Math.max(...m.c.instances.filter((i) => m.c.explain(i.name).history.some((e) => e.reason.startsWith('placed on burst-0'))).map((i) => i.endedAt));
    const firstScanAfter = Math.ceil(emptied / 10) * 10;
    expect(log[2]).toMatchObject({ t: firstScanAfter + 600, action: 'scale-down', pool: 'burst', delta: -1, reason: 'scale-down burst −1: burst-0 empty and unneeded for 10m' });
    expect(log[2]).toMatchObject({ code: 'caScaleDownEmpty', params: { pool: 'burst', n: 1, hosts: 'burst-0', since: '10m' } });
    expect(m.c.poolSizeHistory.filter((e) => e.pool === 'burst').map((e) => [e.t, e.provisioned, e.provisioning])).toEqual([
      [0, 0, 0],
      [60, 0, 1],
      [180, 1, 0],
      [firstScanAfter + 600, 0, 0],
    ]);
    expect(m.c.hostProvisioning(m.c.hosts.id.indexOf('burst-0'))).toBe('not provisioned');
    expect(m.c.summary().clusterAutoscaler).toMatchObject({ scaleUps: 1, scaleDowns: 1, hostsAdded: 1, hostsRemoved: 1 });
    const again = computeModel(burst(), 7);
    again.run(7200);
    expect(decisions(again)).toEqual(decisions(m));
    expect(again.c.log).toEqual(m.c.log);
  });

  it('waits scaleDownDelayAfterAdd after a scale-up', () => {
    const m = computeModel(burst({ scaleDownUnneededTime: '1m', scaleDownDelayAfterAdd: '1h' }));
    m.run(7200);
    const log = m.c.clusterAutoscalerLog;
    expect(log.filter((d) => d.action === 'no-scale-down').map((d) => d.reason)).toEqual(['no scale-down: 1 unneeded host kept: scale-down resumes at 1h1m, 1h after the last scale-up']);
    expect(log.find((d) => d.action === 'scale-down')!.t).toBe(3660);
  });

  it('moves instances off a non-empty host without a replica going down: the new instance runs before the old one stops; never below minCount', () => {
    const m = computeModel(
      scenario([pool('pa', 8, 32, { count: 2, maxCount: 2, minCount: 1 })], {
        services: [{ id: 'web', replicas: 2, instanceType: 'g.medium', work: { type: 'constant', value: 0.01 }, placement: { kind: 'container' } }],
        instances: [
          { id: 'vm', type: 'g.small', count: 2 },
          { id: 'ct', type: 'g.small', count: 1, placement: { kind: 'container' } },
        ],
      }),
    );
    const heardBefore = [...m.heard];
    m.run(3600);
    const log = m.c.clusterAutoscalerLog;
    expect(log[0]!.action).toBe('scale-down');
    expect(log[0]!.t).toBe(610);
    // pa-0 runs web-0, vm-0 and ct-0 (4 vCPU, 50 %); pa-1 runs web-1 and vm-1 (3 vCPU): pa-1 goes.
    expect(log[0]!.reason).toBe('scale-down pa −1: moving 2 instances off pa-1 (cpu 38 %, memory 38 % of allocatable; unneeded for 10m)');
    expect(m.c.log.some((e) => e.reason === 'cordoned for scale-down (cluster autoscaler: unneeded for 10m)')).toBe(true);
    expect(log).toHaveLength(1); // pa-0 now runs 7 of 8 vCPU
    expect(m.heard).toEqual(heardBefore); // no replicaDown, no second replicaUp
    const moved = m.c.instances.filter((i) => m.c.explain(i.name).history.at(-1)!.reason.startsWith('moved off'));
    expect(moved.map((i) => i.name)).toEqual(['web-1']);
    for (const old of moved) {
      const succName = /: (\S+) runs on/.exec(m.c.explain(old.name).history.at(-1)!.reason)![1]!;
      const succ = m.c.instances.find((i) => i.name === succName)!;
      expect(succ.runningAt).toBe(old.endedAt);
      expect(succ.replica).toEqual(old.replica);
      expect(succ.state).toBe('running');
    }
    // The VM on the removed host was live-migrated: the same instance, never stopped.
    const vms = m.c.instances.filter((i) => i.groupId === 'vm');
    expect(vms.every((i) => i.state === 'running' && Number.isNaN(i.endedAt))).toBe(true);
    expect(m.c.explain('vm-1').history.at(-1)!.reason).toBe('migrated pa-1 → pa-0');
    expect(m.c.summary().pools.pa).toMatchObject({ hosts: 1, instances: 5, maxHosts: 2 });
    m.c.checkAll();
    expect(m.c.violations).toEqual([]);
  });

  it('empty hosts go together, never below minCount', () => {
    const m = computeModel(scenario([pool('pa', 8, 32, { count: 4, maxCount: 4, minCount: 1 })]));
    m.run(3600);
    expect(decisions(m)).toEqual([
      // Unneeded from the first scan (10 s); minCount 1 keeps one of the four.
      '610 scale-down pa -3: scale-down pa −3: pa-0, pa-1, pa-2 empty and unneeded for 10m',
      '620 no-scale-down - 0: no scale-down: pa-3 unneeded, but pa at minCount 1',
    ]);
    expect(m.c.summary().pools.pa).toMatchObject({ hosts: 1, maxHosts: 4 });
  });

  it('keeps a host whose instances cannot move, and says why', () => {
    const m = computeModel(scenario([pool('pa', 8, 32, { count: 2, maxCount: 2 })], { instances: [{ id: 'big', type: 'g.xlarge', count: 1 }] }));
    m.c.createInstances('g.small', 1, { kind: 'container', tolerations: [], antiAffinity: false, affinity: [], priority: 0 }, 'op');
    m.run(3600);
    // big fills a host (not underused); the operator's container is not replicated; the hosts stay.
    expect(m.c.clusterAutoscalerLog.map((d) => d.reason)).toEqual([expect.stringMatching(/^no scale-down: 1 underused host cannot be emptied; pa-[01]: op-1 is not replicated: moving it would lose it$/)]);
    expect(m.c.summary().pools.pa!.hosts).toBe(2);
  });

  it('an uncordon abandons a scale-down in progress: successors not yet running are cancelled', () => {
    const m = computeModel(
      scenario([pool('pa', 8, 32, { count: 2, maxCount: 2, minCount: 1 })], {
        services: [{ id: 'web', replicas: 2, instanceType: 'g.medium', work: { type: 'constant', value: 0.01 }, placement: { kind: 'vm' } }],
      }),
    );
    m.run(610);
    const removing = m.c.hosts.id.find((_, h) => m.c.hostProvisioning(h) === 'removing')!;
    expect(removing).toBeDefined();
    m.c.uncordon(removing);
    expect(m.c.clusterAutoscalerLog.at(-1)!.reason).toBe(`scale-down of ${removing} abandoned: uncordoned by the operator`);
    m.run(611);
    expect(m.c.instances.filter((i) => i.state === 'terminated').map((i) => m.c.explain(i.name).history.at(-1)!.reason)).toEqual([`scale-down of ${removing} abandoned`]);
    expect(m.heard).toEqual(['up 0/0', 'up 0/1']);
  });
});

describe('cluster autoscaler: abandoned scale-downs', () => {
  it('gives up a scale-down whose host is not empty after 10 minutes: the successor is cancelled, the original keeps serving', () => {
    const m = computeModel(
      scenario([pool('pa', 8, 32, { count: 2, maxCount: 2, minCount: 1 })], {
        provisioning: { vm: { type: 'constant', value: 900 } },
        services: [{ id: 'web', replicas: 2, instanceType: 'g.medium', work: { type: 'constant', value: 0.01 }, placement: { kind: 'vm' } }],
      }),
    );
    m.run(1300);
    const decided = decisions(m);
    expect(decided[0]).toMatch(/^610 scale-down pa -1: scale-down pa −1: moving 1 instance off pa-[01] /);
    const host = /off (pa-[01])/.exec(decided[0]!)![1]!;
    expect(decided[1]).toBe(`1210 no-scale-down pa 0: scale-down of ${host} abandoned: not empty after 600 s (1 instance left)`);
    const successor = m.c.instances.find((i) => i.name.includes('~'))!;
    expect(m.c.explain(successor.name).history.at(-1)).toMatchObject({ t: 1210, to: 'terminated', reason: `scale-down of ${host} abandoned` });
    expect(m.c.hostProvisioning(m.c.hosts.id.indexOf(host))).toBe('provisioned');
    expect(m.c.instances.filter((i) => i.state === 'running')).toHaveLength(2);
    expect(m.heard).toEqual(['up 0/0', 'up 0/1']);
    m.c.checkAll();
    expect(m.c.violations).toEqual([]);
  });
});

describe('cluster autoscaler: schema', () => {
  const errors = (doc: unknown) => {
    const r = parseScenario(doc);
    return r.ok ? [] : r.errors.map(issueLine);
  };
  it('rejects bounds that make no sense, plainly', () => {
    expect(
      errors(
        scenario([pool('pa', 8, 32, { count: 2, maxCount: 4 }), pool('pb', 8, 32, { count: 4, maxCount: 2, minCount: 5 })], {
          clusterAutoscaler: { expander: 'priciest' as never },
        }),
      ),
    ).toEqual([
      'hostPools[1].maxCount: must be at least count (4), got 2',
      'hostPools[1].minCount: must be at most count (4), got 5',
      'clusterAutoscaler.expander: must be one of "random", "least-waste", "cheapest", got "priciest"',
    ]);
    expect(errors(scenario([pool('pa', 8, 32)], { clusterAutoscaler: { scanInterval: 0 } }))).toEqual(['clusterAutoscaler.scanInterval: must be greater than 0, got 0']);
  });

  it('fills the defaults of the Kubernetes FAQ', () => {
    const r = parseScenario(scenario([pool('pa', 8, 32)]));
    if (!r.ok) throw new Error('invalid');
    expect(r.scenario.clusterAutoscaler).toEqual({
      enabled: true,
      expander: 'random',
      scanInterval: 10,
      scaleDownUtilizationThreshold: 0.5,
      scaleDownUnneededTime: '10m',
      scaleDownDelayAfterAdd: '10m',
      provisioningTime: 120,
    });
  });

  it('without an enabled autoscaler, maxCount adds no slots', () => {
    const m = computeModel(scenario([pool('pa', 8, 32, { count: 1 })], { clusterAutoscaler: { enabled: false }, instances: [{ id: 'j', type: 'g.xlarge', count: 2 }] }));
    expect(m.c.hosts.count).toBe(1);
    m.run(3600);
    expect(m.c.autoscaler).toBeNull();
    expect(m.c.summary().clusterAutoscaler).toBeUndefined();
  });
});

describe('cluster autoscaler: invariants', () => {
  const shapes = [
    { vcpu: 4, memoryGiB: 16 },
    { vcpu: 8, memoryGiB: 32 },
    { vcpu: 16, memoryGiB: 64 },
  ];
  const poolArb = fc.record({
    zone: fc.constantFrom('a', 'b'),
    shape: fc.integer({ min: 0, max: 2 }),
    count: fc.integer({ min: 0, max: 3 }),
    extra: fc.integer({ min: 0, max: 3 }),
    min: fc.integer({ min: 0, max: 3 }),
  });
  const opArb = fc.oneof(
    fc.record({ op: fc.constant('create' as const), type: fc.constantFrom('g.small', 'g.medium', 'g.large', 'c.xlarge'), count: fc.integer({ min: 1, max: 3 }), kind: fc.constantFrom('vm' as const, 'container' as const) }),
    fc.record({ op: fc.constant('terminate' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('add-replica' as const) }),
    fc.record({ op: fc.constant('remove-replica' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('migrate' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('uncordon' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('kill-host' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('zone-outage' as const), zone: fc.constantFrom('a', 'b'), duration: fc.integer({ min: 10, max: 300 }) }),
  );
  let totals = { up: 0, down: 0, moved: 0 };

  /**
   * Asserted, for random pools, workloads and operations with the autoscaler on:
   * - after every event, each pool has at least minCount provisioned hosts and at most maxCount
   *   provisioned plus booting ones;
   * - after every event, no allocation invariant is violated (capacity × overcommit, failed hosts,
   *   isolation, anti-affinity, the full recount), and a host is deprovisioned only when empty (the
   *   model flags anything else);
   * - in runs without host failures (kill-host, zone-outage), no service replica goes down
   *   (replicaDown is never heard): moves start the new instance first;
   * - every instance on a host when its scale-down began is, when the host is deprovisioned, either
   *   running on another host (a live-migrated VM), or terminated "moved off" at the very instant its
   *   successor (same group and replica slot) started running on another host, or ended for its own
   *   reasons (lifetime, operator, removeReplica).
   */
  it('hold under random pools, instances and operations', () => {
    fc.assert(
      fc.property(
        fc.array(poolArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 120, noNaN: true }), opArb), { maxLength: 20 }),
        fc.constantFrom('random' as const, 'least-waste' as const, 'cheapest' as const),
        fc.constantFrom('least-allocated' as const, 'most-allocated' as const, 'first-fit' as const, 'random' as const),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('vm' as const, 'container' as const),
        fc.integer({ min: 1, max: 1000 }),
        (pools, ops, expander, strategy, replicas, kind, seed) => {
          const doc = scenario(
            pools.map((p, i) => ({ id: `p${i}`, zone: p.zone, count: p.count, maxCount: p.count + p.extra, minCount: Math.min(p.min, p.count), shape: shapes[p.shape]! })),
            {
              seed,
              scheduler: { strategy },
              services: [{ id: 'web', replicas: Math.max(1, replicas), instanceType: 'g.medium', work: { type: 'constant', value: 0.01 }, placement: { kind, antiAffinity: replicas % 2 === 0 } }],
              instances: [
                { id: 'batch', type: 'g.large', count: 3, at: '30s', lifetime: '4m' },
                { id: 'jobs', type: 'g.small', count: 2, at: '1m', lifetime: '6m', placement: { kind: 'container' } },
              ],
              clusterAutoscaler: {
                expander,
                scaleDownUnneededTime: '2m',
                scaleDownDelayAfterAdd: '1m',
                scaleDownUtilizationThreshold: 0.6,
                provisioningTime: { type: 'uniform', min: 30, max: 90 },
              },
            },
          );
          const m = computeModel(doc, seed);
          const c = m.c;
          const h = c.hosts;
          let nextSlot = Math.max(1, replicas);
          const watched = new Map<number, Instance[]>();
          let seen = 0;
          const check = () => {
            c.checkAll();
            if (c.violations.length > 0) throw new Error(`at ${m.kernel.now}: ${JSON.stringify(c.violations)}`);
            for (let p = 0; p < h.poolNames.length; p++) {
              let provisioned = 0;
              let booting = 0;
              for (const x of h.poolHosts[p]!) {
                const st = c.hostProvisioning(x);
                if (st === 'booting') booting++;
                else if (st !== 'not provisioned') provisioned++;
              }
              if (provisioned < h.poolMin[p]! || provisioned + booting > h.poolMax[p]!)
                throw new Error(`pool ${h.poolNames[p]}: ${provisioned} provisioned + ${booting} booting outside [${h.poolMin[p]}, ${h.poolMax[p]}] at ${m.kernel.now}`);
            }
            for (; seen < c.log.length; seen++) {
              const e = c.log[seen]!;
              const x = h.id.indexOf(e.subject);
              if (e.kind !== 'host' || x < 0) continue;
              if (e.reason.startsWith('cordoned for scale-down')) watched.set(x, c.instances.filter((i) => i.host === x));
              if (e.reason.startsWith('scale-down abandoned') || e.to === 'failed') watched.delete(x);
              if (e.reason.startsWith('deprovisioned')) {
                for (const inst of watched.get(x) ?? []) {
                  if (inst.state === 'running') {
                    expect(inst.host).not.toBe(x);
                    continue;
                  }
                  expect(inst.state).toBe('terminated');
                  const last = c.explain(inst.name).history.at(-1)!.reason;
                  const succName = /^moved off \S+: (\S+) runs on (\S+)$/.exec(last);
                  if (succName) {
                    const succ = c.instances.find((i) => i.name === succName[1])!;
                    expect(succ.runningAt).toBe(inst.endedAt);
                    expect(succName[2]).not.toBe(e.subject);
                    expect(succ.group).toBe(inst.group);
                    expect(succ.replica).toEqual(inst.replica);
                    totals.moved++;
                  } else expect(last).toMatch(/^(lifetime over|terminated by the operator|removed: |cancelled: |not needed: )/);
                }
                watched.delete(x);
              }
            }
          };
          const runTo = (t: number) => {
            while (m.kernel.step(t)) check();
            m.kernel.runUntil(t);
          };
          let t = 0;
          let failures = false;
          for (const [dt, raw] of ops) {
            t += dt;
            runTo(t);
            const live = c.instances.filter((i) => i.state !== 'terminated' && i.state !== 'failed');
            const pick = <T>(list: T[], k: number) => (list.length > 0 ? list[k % list.length] : undefined);
            try {
              switch (raw.op) {
                case 'create':
                  c.createInstances(raw.type, raw.count, { kind: raw.kind, tolerations: [], antiAffinity: false, affinity: [], priority: 0 }, 'ops');
                  break;
                case 'terminate': {
                  const inst = pick(
                    live.filter((i) => !i.replica),
                    raw.pick,
                  );
                  if (inst) c.terminateInstance(inst.name);
                  break;
                }
                case 'add-replica':
                  c.addReplica(0, nextSlot++);
                  break;
                case 'remove-replica': {
                  const inst = pick(
                    live.filter((i) => i.replica),
                    raw.pick,
                  );
                  if (inst) c.removeReplica(0, inst.replica!.slot, 'scale-in');
                  break;
                }
                case 'migrate': {
                  const inst = pick(live, raw.pick);
                  if (inst) c.migrate(inst.name);
                  break;
                }
                case 'uncordon': {
                  const host = pick(h.id.filter((_, x) => c.hostProvisioning(x) !== 'not provisioned' && c.hostProvisioning(x) !== 'booting'), raw.pick);
                  if (host) c.uncordon(host);
                  break;
                }
                case 'kill-host': {
                  const host = pick(h.id.filter((_, x) => c.hostProvisioning(x) === 'provisioned' || c.hostProvisioning(x) === 'removing'), raw.pick);
                  failures = true;
                  if (host) c.killHost(host);
                  break;
                }
                case 'zone-outage':
                  failures = true;
                  c.zoneOutage(raw.zone, raw.duration);
                  break;
              }
            } catch {
              // Refused operations (nowhere to migrate, not running, …) change nothing.
            }
          }
          runTo(t + 3600);
          c.checkAll();
          expect(c.violations).toEqual([]);
          // Failures take replicas down; without them nothing may.
          if (!failures) expect(m.heard.filter((x) => x.startsWith('down'))).toEqual([]);
          totals.up += c.clusterAutoscalerLog.filter((d) => d.action === 'scale-up').length;
          totals.down += c.clusterAutoscalerLog.filter((d) => d.action === 'scale-down').length;
        },
      ),
      { numRuns: Number(process.env.CUMULO_PROPERTY_RUNS ?? 60) },
    );
    // The property exercised what it claims to.
    expect(totals.up).toBeGreaterThan(0);
    expect(totals.down).toBeGreaterThan(0);
    expect(totals.moved).toBeGreaterThan(0);
    totals = { up: 0, down: 0, moved: 0 };
  });
});
