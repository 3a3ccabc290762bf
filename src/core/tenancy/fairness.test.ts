import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominantShare, drfAllocate, fairnessSample, jainIndex } from './fairness';

describe("Jain's fairness index", () => {
  it('is 1 for equal shares, 1/n when one tenant has everything, and matches hand-computed cases', () => {
    expect(jainIndex([0.3, 0.3, 0.3])).toBeCloseTo(1, 15);
    expect(jainIndex([0.5, 0.5])).toBe(1);
    expect(jainIndex([0.5, 0, 0, 0])).toBe(0.25);
    // (1 + 2)² / (2 · (1 + 4)) = 9 / 10
    expect(jainIndex([1, 2])).toBeCloseTo(0.9, 15);
    // (0.1 + 0.2 + 0.3)² / (3 · 0.14) = 0.36 / 0.42 = 6/7
    expect(jainIndex([0.1, 0.2, 0.3])).toBeCloseTo(6 / 7, 15);
    expect(jainIndex([])).toBe(1);
    expect(jainIndex([0, 0])).toBe(1);
  });

  it('weighted: shares in proportion to the weights count as perfectly fair', () => {
    // Tenant b has weight 2 and twice a's dominant share: x = share / weight is equal.
    const s = fairnessSample(['a', 'b'], [1, 2], [{ cpu: 2, mem: 1 }, { cpu: 4, mem: 2 }], { cpu: 20, mem: 40 });
    expect(s.tenants.map((t) => t.dominantShare)).toEqual([0.1, 0.2]);
    expect(s.jain).toBe(1);
    // Unweighted, the same allocation scores (0.3)² / (2 · 0.05) = 0.9.
    expect(fairnessSample(['a', 'b'], [1, 1], [{ cpu: 2, mem: 1 }, { cpu: 4, mem: 2 }], { cpu: 20, mem: 40 }).jain).toBeCloseTo(0.9, 15);
  });

  it('stays within [1/n, 1] for any non-negative shares', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), (xs) => {
        const j = jainIndex(xs);
        return j >= 1 / xs.length - 1e-12 && j <= 1 + 1e-12;
      }),
    );
  });
});

describe('Dominant Resource Fairness', () => {
  it("the paper's worked example: 9 CPUs, 18 GB; A <1 CPU, 4 GB>, B <3 CPUs, 1 GB> → A 3 tasks, B 2 tasks", () => {
    const r = drfAllocate([9, 18], [
      [1, 4],
      [3, 1],
    ]);
    expect(r.tasks).toEqual([3, 2]);
    expect(r.allocation).toEqual([
      [3, 12],
      [6, 2],
    ]);
    // Both end with a dominant share of 2/3 (A: memory 12/18, B: CPU 6/9).
    expect(r.dominantShares[0]).toBeCloseTo(2 / 3, 15);
    expect(r.dominantShares[1]).toBeCloseTo(2 / 3, 15);
    expect(r.used).toEqual([9, 14]);
  });

  it('weights: a user of weight 2 gets twice the dominant share', () => {
    const r = drfAllocate([12, 12], [
      [1, 0],
      [0, 1],
    ], [1, 2], [Infinity, Infinity]);
    expect(r.tasks).toEqual([12, 12]);
    // Contended on one resource: weighted shares split it 1:2.
    const c = drfAllocate([12], [[1], [1]], [1, 2]);
    expect(c.tasks).toEqual([4, 8]);
  });

  it('honours maxTasks and skips users who demand nothing', () => {
    const r = drfAllocate([10, 10], [
      [1, 1],
      [0, 0],
      [2, 1],
    ], undefined, [2, 5, Infinity]);
    expect(r.tasks[0]).toBe(2);
    expect(r.tasks[1]).toBe(0);
    expect(r.tasks[2]).toBe(4);
    expect(() => drfAllocate([1], [[1, 2]])).toThrow('user 0 demands 2 resources, the capacity has 1');
    expect(() => drfAllocate([1], [[1]], [0])).toThrow('user 0 has weight 0');
  });

  it('never exceeds capacity, and no user whose next task fits is left behind with a lower share (progressive filling)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        (users, cpu, mem) => {
          const demands = users.map(([a, b]) => [a, b]);
          const weights = users.map(([, , w]) => w);
          const r = drfAllocate([cpu, mem], demands, weights);
          if (r.used[0]! > cpu + 1e-9 || r.used[1]! > mem + 1e-9) return false;
          for (let u = 0; u < demands.length; u++) {
            if (demands[u]![0] === 0 && demands[u]![1] === 0) continue;
            const fits = r.used[0]! + demands[u]![0]! <= cpu && r.used[1]! + demands[u]![1]! <= mem;
            if (fits) return false; // filling stops only when nobody's next task fits
            expect(r.dominantShares[u]).toBeCloseTo(dominantShare(r.allocation[u]!, [cpu, mem]), 12);
          }
          return true;
        },
      ),
    );
  });
});
