import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { computeModel } from './test-model';

const doc = (replicas = 2): ScenarioInput => ({
  cumulo: 1,
  name: 'replicas',
  duration: '1h',
  regions: [{ id: 'r', zones: [{ id: 'a' }] }],
  hostPools: [{ id: 'pa', zone: 'a', count: 2, shape: { vcpu: 8, memoryGiB: 32 } }],
  services: [
    { id: 'api', replicas: 1, work: { type: 'constant', value: 0.01 } },
    { id: 'web', replicas, instanceType: 'g.medium', work: { type: 'constant', value: 0.01 }, placement: { kind: 'container' } },
  ],
});

const allocated = (m: ReturnType<typeof computeModel>) => Array.from(m.c.hosts.cpuAlloc).reduce((a, b) => a + b, 0);

describe('replica scaling API', () => {
  it('addReplica creates a pending instance that goes through the lifecycle and calls replicaUp once when it runs', () => {
    const m = computeModel(doc());
    expect(m.heard).toEqual(['up 1/0', 'up 1/1']);
    m.run(100);
    m.c.addReplica(1, 2);
    const inst = m.c.instances.at(-1)!;
    expect(inst.name).toBe('web-2');
    expect(inst.replica).toEqual({ service: 1, slot: 2 });
    expect(m.c.replicaState(1, 2)).toBe('pending');
    m.run(200);
    expect(m.c.explain('web-2').history.map((e) => e.to).filter(Boolean)).toEqual(['pending', 'scheduled', 'provisioning', 'running']);
    expect(m.c.replicaState(1, 2)).toBe('running');
    expect(m.heard).toEqual(['up 1/0', 'up 1/1', 'up 1/2']);
    // A slot beyond the reserved ones grows the tables too.
    m.c.addReplica(1, 7);
    m.run(300);
    expect(m.heard.at(-1)).toBe('up 1/7');
    expect(m.c.replicaState(1, 5)).toBeNull();
  });

  it('removeReplica terminates a running replica, releases its host and does not call replicaDown', () => {
    const m = computeModel(doc());
    m.run(10);
    const before = allocated(m);
    m.c.removeReplica(1, 1, 'scale-in: drained');
    const web1 = m.c.explain('web-1');
    expect(web1.state).toBe('terminated');
    expect(web1.host).toBeNull();
    expect(web1.history.at(-1)!.reason).toBe('removed: scale-in: drained');
    expect(allocated(m)).toBe(before - 2);
    m.run(3600);
    expect(m.heard).toEqual(['up 1/0', 'up 1/1']);
    expect(m.c.replicaState(1, 1)).toBe('terminated');
    expect(m.c.instances.filter((i) => i.replica?.slot === 1)).toHaveLength(1); // never replaced
  });

  it('removeReplica cancels a replica that is not running yet; it never comes up', () => {
    const m = computeModel(doc());
    m.c.addReplica(1, 2);
    m.run(0.5); // scheduled and provisioning (containers start in seconds)
    expect(m.c.replicaState(1, 2)).toBe('provisioning');
    m.c.removeReplica(1, 2, 'never became ready');
    expect(m.c.explain('web-2').history.at(-1)!.reason).toBe('cancelled: never became ready');
    m.run(600);
    expect(m.c.replicaState(1, 2)).toBe('terminated');
    expect(m.heard).toEqual(['up 1/0', 'up 1/1']);
    expect(m.c.hosts.instances.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('a slot added again after a removal gets a new name; a failed replica of a removed slot is not replaced', () => {
    const m = computeModel(doc());
    m.run(10);
    m.c.removeReplica(1, 0, 'scale-in');
    m.c.addReplica(1, 0);
    expect(m.c.instances.at(-1)!.name).toMatch(/^web-0~\d+$/);
    m.run(100);
    expect(m.c.replicaState(1, 0)).toBe('running');
    // Kill the host of slot 1's instance, then remove slot 1 before the replacement is due.
    const web1 = m.c.instances.find((i) => i.name === 'web-1')!;
    m.c.killHost(m.c.hosts.id[web1.host]!);
    expect(m.heard).toContain('down 1/1'); // a failure of a wanted slot is heard
    m.c.removeReplica(1, 1, 'scale-in');
    m.run(600);
    expect(m.c.instances.filter((i) => i.replica?.slot === 1)).toHaveLength(1);
    expect(m.c.log.some((e) => e.reason === 'not replaced: replica slot 1 was removed')).toBe(true);
  });

  it('refuses what makes no sense, with a specific message', () => {
    const m = computeModel(doc());
    expect(() => m.c.addReplica(1, 0)).toThrow('replica slot 0 of web is already in use');
    expect(() => m.c.addReplica(0, 1)).toThrow('service "api" is not placed on hosts: its replicas have no instances');
    expect(() => m.c.addReplica(5, 0)).toThrow('no service with index 5 (the scenario has 2)');
    expect(() => m.c.addReplica(1, -1)).toThrow('replica slot of web must be a whole number from 0, got -1');
    expect(m.c.replicaState(0, 0)).toBeNull();
  });
});
