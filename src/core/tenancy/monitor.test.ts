import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';

/** 2 hosts of 16 vCPU / 64 GiB: 32 vCPU, 128 GiB allocatable. */
const doc = (seed = 1): ScenarioInput => ({
  cumulo: 1,
  name: 'fair shares',
  seed,
  duration: '10m',
  metricsInterval: 60,
  regions: [{ id: 'r', zones: [{ id: 'a' }] }],
  hostPools: [{ id: 'p', zone: 'a', count: 2, shape: { vcpu: 16, memoryGiB: 64 } }],
  tenants: [
    { id: 'cpu-heavy', quota: { vcpu: 16 } },
    { id: 'mem-heavy', weight: 2 },
  ],
  instances: [
    // cpu-heavy: 4 × c.large = 16 vCPU (1/2 of cpu), 32 GiB (1/4 of memory): dominant 0.5.
    { id: 'c', type: 'c.large', count: 4, placement: { tenant: 'cpu-heavy' } },
    // mem-heavy: 2 × m.large = 8 vCPU (1/4), 64 GiB (1/2): dominant 0.5, weight 2 → 0.25.
    { id: 'm', type: 'm.large', count: 2, placement: { tenant: 'mem-heavy' } },
    // A fifth c.large passes cpu-heavy's quota: refused.
    { id: 'late', type: 'c.large', count: 1, at: '5m', placement: { tenant: 'cpu-heavy' } },
  ],
});

function run(seed = 1) {
  const p = parseScenario(doc(seed));
  if (!p.ok) throw new Error(p.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const sim = createSimulation(p.scenario);
  sim.runToEnd();
  return { ...sim.results(), series: sim.series };
}

describe('tenancy in a run', () => {
  it("samples dominant shares and Jain's index over dominant share / weight into the series and the results", () => {
    const r = run();
    const cols = r.series.columns.map((c) => c.name);
    expect(cols).toContain('tenant.cpu-heavy.dominantShare');
    expect(cols).toContain('tenant.mem-heavy.dominantShare');
    expect(cols).toContain('tenancy.jain');
    const t = r.tenancy!;
    expect(t.tenants.map((x) => [x.id, x.dominantShare.last])).toEqual([
      ['cpu-heavy', 0.5],
      ['mem-heavy', 0.5],
    ]);
    // x = (0.5, 0.25): (0.75)² / (2 · 0.3125) = 0.9.
    expect(t.jain.last).toBeCloseTo(0.9, 12);
    expect(t.refused).toBe(1);
    expect(t.tenants[0]!.usage).toEqual({ vcpu: 16, memoryGiB: 32, instances: 4 });
    expect(t.violations).toEqual([]);
    expect(r.series.column('tenancy.jain')!.at(-1)).toBeCloseTo(0.9, 12);
    expect(r.series.column('tenant.cpu-heavy.dominantShare')!.at(-1)).toBe(0.5);
    // The t = 0 fleet is placed from the start and the late create is refused: every sample is the same.
    for (const j of r.series.column('tenancy.jain')!) expect(j).toBeCloseTo(0.9, 12);
  });

  it('is deterministic: the same scenario and seed give the same tenancy results and series', () => {
    const a = run(7);
    const b = run(7);
    expect(JSON.stringify(a.tenancy)).toBe(JSON.stringify(b.tenancy));
    expect(Array.from(a.series.column('tenancy.jain')!)).toEqual(Array.from(b.series.column('tenancy.jain')!));
    expect(Array.from(a.series.column('tenant.mem-heavy.dominantShare')!)).toEqual(Array.from(b.series.column('tenant.mem-heavy.dominantShare')!));
  });
});
