import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';

describe('consolidation', () => {
  it('never empties a host it is moving instances onto, so nothing lands on a powered-off host', () => {
    // pa-0 (25 % used) is emptied first and its instance packed onto pb-0 (50 % used), which is
    // itself under the threshold: it must be kept, not powered down under the incoming migration.
    const p = parseScenario({
      cumulo: 1,
      name: 'consolidate',
      duration: '2h',
      regions: [{ id: 'pub', zones: [{ id: 'a' }, { id: 'b' }] }],
      hostPools: [
        { id: 'pa', zone: 'a', count: 4, shape: { vcpu: 16, memoryGiB: 64 } },
        { id: 'pb', zone: 'b', count: 3, shape: { vcpu: 16, memoryGiB: 64 } },
      ],
      instances: [{ id: 'g0', type: 'c.large', count: 1, placement: { kind: 'vm', zones: ['b'] } }],
    });
    if (!p.ok) throw new Error('invalid');
    const sim = createSimulation(p.scenario);
    const c = sim.compute!;
    sim.runUntil(1);
    expect(sim.operate({ op: 'create', type: 'g.large' }).ok).toBe(true);
    sim.runUntil(3597);
    const r = sim.operate({ op: 'consolidate', threshold: 0.6 });
    expect(r).toMatchObject({ ok: true, message: 'emptying pa-0' });
    sim.runToEnd();
    expect(c.violations).toEqual([]);
    for (let h = 0; h < c.hosts.count; h++) if (c.hosts.poweredOn[h] === 0) expect(c.hosts.instances[h]).toBe(0);
    expect(c.instances.find((i) => i.name === 'manual-1')!.host).toBe(c.hosts.id.indexOf('pb-0'));
  });
});
