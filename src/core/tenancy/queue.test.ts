import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';
import { drfAllocate } from './fairness';
import { PendingOrder } from './queue';

/** The NSDI paper's cluster: 9 CPUs, 18 GB; user A's tasks <1 CPU, 4 GB>, user B's <3 CPUs, 1 GB>. */
const paper = (queue: 'fifo' | 'drf' | 'weighted', opts: { lifetime?: string; count?: number; weightB?: number } = {}): ScenarioInput => ({
  cumulo: 1,
  name: 'drf paper',
  seed: 1,
  duration: '30m',
  metricsInterval: 10,
  regions: [{ id: 'r', zones: [{ id: 'a' }] }],
  hostPools: [{ id: 'p', zone: 'a', count: 1, shape: { vcpu: 9, memoryGiB: 18 } }],
  instanceTypes: [
    { id: 'task.a', family: 'memory', vcpu: 1, memoryGiB: 4 },
    { id: 'task.b', family: 'compute', vcpu: 3, memoryGiB: 1 },
  ],
  scheduler: { queue, preemption: false },
  tenants: [{ id: 'A' }, { id: 'B', weight: opts.weightB ?? 1 }],
  // A's tasks are created first: FIFO serves A until B's first task is the only one that fits.
  instances: [
    { id: 'a', type: 'task.a', count: opts.count ?? 10, placement: { tenant: 'A', kind: 'container' }, ...(opts.lifetime ? { lifetime: opts.lifetime } : {}) },
    { id: 'b', type: 'task.b', count: opts.count ?? 10, placement: { tenant: 'B', kind: 'container' }, ...(opts.lifetime ? { lifetime: opts.lifetime } : {}) },
  ],
});

function run(doc: ScenarioInput) {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const s = createSimulation(p.scenario);
  return s;
}

function runningPer(s: ReturnType<typeof createSimulation>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of s.compute!.instances) if (i.host >= 0) out[i.req.tenant!] = (out[i.req.tenant!] ?? 0) + 1;
  return out;
}

describe('pending-queue order (fifo, drf, weighted)', () => {
  it("reproduces the DRF paper's example through the scheduler: A 3 tasks, B 2 (FIFO: A 4, B 1)", () => {
    const drf = run(paper('drf'));
    drf.runUntil(1);
    expect(runningPer(drf)).toEqual({ A: 3, B: 2 });
    // The same as drfAllocate's progressive filling.
    expect(drfAllocate([9, 18], [[1, 4], [3, 1]]).tasks).toEqual([3, 2]);
    const fifo = run(paper('fifo'));
    fifo.runUntil(1);
    expect(runningPer(fifo)).toEqual({ A: 4, B: 1 });
  });

  it('weighted: on one contended resource, B with weight 2 gets twice A\'s tasks (drfAllocate\'s 4 : 8); plain drf ignores weights', () => {
    const oneResource = (queue: 'drf' | 'weighted'): ScenarioInput => ({
      ...paper(queue, { weightB: 2, count: 12 }),
      hostPools: [{ id: 'p', zone: 'a', count: 1, shape: { vcpu: 12, memoryGiB: 96 } }],
      instanceTypes: [
        { id: 'task.a', family: 'compute', vcpu: 1, memoryGiB: 1 },
        { id: 'task.b', family: 'compute', vcpu: 1, memoryGiB: 1 },
      ],
    });
    const w = run(oneResource('weighted'));
    w.runUntil(1);
    expect(runningPer(w)).toEqual({ A: 4, B: 8 });
    expect(drfAllocate([12], [[1], [1]], [1, 2]).tasks).toEqual([4, 8]);
    const d = run(oneResource('drf'));
    d.runUntil(1);
    expect(runningPer(d)).toEqual({ A: 6, B: 6 });
  });

  it("on a contended cluster over time, DRF's time-averaged Jain's index beats FIFO's", () => {
    const jain = (q: 'fifo' | 'drf') => {
      const s = run(paper(q, { lifetime: '2m', count: 40 }));
      s.runToEnd();
      return s.results().tenancy!.jain.mean;
    };
    const f = jain('fifo');
    const d = jain('drf');
    expect(d).toBeGreaterThan(f + 0.05);
    expect(d).toBeGreaterThan(0.9);
  });

  it('orders by priority first, then fairness within a priority; fifo keeps the given order', () => {
    const it = (tenant: string, cpu: number, priority = 0) => ({ cpu, mem: 0, req: { tenant, priority } });
    const items = [it('x', 1, 5), it('x', 1), it('x', 1), it('y', 1)];
    const cap = { cpu: 10, mem: 10 };
    const none = new Map<string, { cpu: number; mem: number }>();
    const order = (policy: 'fifo' | 'drf', alloc = none) => {
      const q = new PendingOrder(policy, items, alloc, cap, new Map());
      const out: number[] = [];
      for (let x = q.next(); x !== null; x = q.next()) {
        out.push(items.indexOf(x));
        q.placed(x);
      }
      return out;
    };
    expect(order('fifo')).toEqual([0, 1, 2, 3]);
    // x's priority-5 item first (x's share 0.1), then y (0 < 0.1), then x's rest.
    expect(order('drf')).toEqual([0, 3, 1, 2]);
    // y already holds half the cluster: x's items go first.
    expect(order('drf', new Map([['y', { cpu: 5, mem: 0 }]]))).toEqual([0, 1, 2, 3]);
  });
});
