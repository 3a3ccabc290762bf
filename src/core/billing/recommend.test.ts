import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';
import { applyRecommendation, type Recommendation } from './index';

function run(doc: ScenarioInput) {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.scenario).runToEnd();
}

const preset = (name: string) => JSON.parse(JSON.stringify(PRESETS[name]!.scenario)) as ScenarioInput;
const find = (recs: readonly Recommendation[], kind: Recommendation['kind'], target?: string) => recs.find((r) => r.kind === kind && (target === undefined || r.target === target));
const withoutBill = (r: ReturnType<typeof run>) => JSON.stringify({ ...r, billing: undefined });

describe('recommendations, applied and re-run on the same seed', () => {
  it('reserving the steady baseline of the zone-outage preset saves exactly the estimate and changes nothing else', () => {
    const doc = preset('zone-outage');
    const before = run(doc);
    const rec = find(before.billing!.recommendations, 'reserve', 'eu-west/g.large')!;
    // Six replicas, two lost with zone A for a while: four run throughout.
    expect(rec.change).toEqual({ kind: 'reserve', reserved: { region: 'eu-west', type: 'g.large', count: 4, term: '1y', upfront: 'none' } });
    // The figures the summary is worded from, for a console in another language.
    expect(rec.detail).toMatchObject({ kind: 'reserve', steady: 4, type: 'g.large', region: 'eu-west', existing: 0, count: 4, term: '1y', upfront: 'none' });
    if (rec.detail.kind === 'reserve') {
      expect(rec.detail.rate).toBeLessThan(rec.detail.onDemand);
      expect(rec.summary).toContain(`$${rec.detail.rate.toFixed(2)}/h instead of $${rec.detail.onDemand.toFixed(2)}/h`);
    }
    expect(rec.monthlySaving).toBeCloseTo((rec.runSaving * 730 * 3600) / before.simulatedTime, 9);
    const after = run(applyRecommendation(doc, rec));
    expect(before.billing!.total - after.billing!.total).toBeCloseTo(rec.runSaving, 9);
    expect(withoutBill(after)).toBe(withoutBill(before));
    expect(after.billing!.reservations[0]!.utilization).toBeCloseTo(1, 9);
    expect(find(after.billing!.recommendations, 'reserve')).toBeUndefined();
  });

  it('rightsizing an over-provisioned service saves the estimate (within 1 %) without breaking its objectives', () => {
    // The zone-outage preset at a third of its traffic: the web tier idles on g.large.
    const doc = preset('zone-outage');
    doc.workloads![0]!.arrival = { type: 'poisson', rate: 60 };
    const before = run(doc);
    const rec = find(before.billing!.recommendations, 'rightsize', 'web')!;
    expect(rec).toBeDefined();
    expect(rec.change).toEqual({ kind: 'rightsize', instanceType: 'g.medium' });
    expect(rec.detail).toMatchObject({ kind: 'rightsize', from: 'g.large', to: 'g.medium', target: 0.8 });
    if (rec.detail.kind === 'rightsize') {
      expect(rec.detail.projected).toBeLessThanOrEqual(0.8);
      expect(rec.summary).toContain(`peak utilization ${(rec.detail.peak * 100).toFixed(0)} % of g.large`);
    }
    const after = run(applyRecommendation(doc, rec));
    const saved = before.billing!.total - after.billing!.total;
    expect(Math.abs(saved / rec.runSaving - 1)).toBeLessThan(0.01);
    const slo = (r: typeof before) => r.services[0]!.slo!;
    expect(slo(after).windows.breached).toBeLessThanOrEqual(slo(before).windows.breached);
    expect(after.services[0]!.latency.p99).toBeLessThanOrEqual(before.services[0]!.latency.p99! * 1.05);
  });

  it('moves batch work to spot, and the bill falls', () => {
    const doc = preset('hybrid-dc');
    const before = run(doc);
    const rec = find(before.billing!.recommendations, 'spot', 'batch')!;
    expect(rec.summary).toMatch(/batch tolerates interruptions/);
    expect(rec.detail).toMatchObject({ kind: 'spot', why: 'batch', fraction: 0.3 });
    const after = run(applyRecommendation(doc, rec));
    expect(after.billing!.total).toBeLessThan(before.billing!.total);
    const shared = after.billing!.tenants.find((t) => t.tenant === 'shared')!;
    expect(shared.lineItems.some((l) => l.group === 'batch' && l.pricing === 'spot')).toBe(true);
    // The spot price path of this seed, not its long-run mean: the estimate is a guide (±30 %).
    const saved = before.billing!.total - after.billing!.total;
    expect(saved / rec.runSaving).toBeGreaterThan(0.7);
    expect(saved / rec.runSaving).toBeLessThan(1.3);
  });

  it('scales an idle service to zero', () => {
    const doc: ScenarioInput = {
      cumulo: 1,
      name: 'idle',
      duration: '1h',
      regions: [{ id: 'pub', zones: [{ id: 'a' }] }],
      hostPools: [{ id: 'p', zone: 'a', count: 2, shape: { vcpu: 16, memoryGiB: 64 } }],
      services: [
        { id: 'busy', zone: 'a', instanceType: 'g.small', replicas: 1, concurrency: 4, work: { type: 'exponential', mean: 0.05 }, placement: {} },
        { id: 'forgotten', zone: 'a', instanceType: 'g.large', replicas: 2, concurrency: 4, work: { type: 'exponential', mean: 0.05 }, placement: {} },
      ],
      workloads: [{ id: 'u', target: 'busy', arrival: { type: 'poisson', rate: 20 } }],
    };
    const before = run(doc);
    const rec = find(before.billing!.recommendations, 'scale-to-zero', 'forgotten')!;
    expect(rec.runSaving).toBeCloseTo(before.billing!.tenants[0]!.lineItems.filter((l) => l.group === 'forgotten').reduce((a, l) => a + l.cost, 0), 12);
    expect(find(before.billing!.recommendations, 'scale-to-zero', 'busy')).toBeUndefined();
    expect(rec.detail).toEqual({ kind: 'scale-to-zero', cost: rec.runSaving });
    const applied = applyRecommendation(doc, rec);
    expect(applied.services![1]!.autoscaler).toMatchObject({ minReplicas: 0, maxReplicas: 2 });
    expect(doc.services![1]!.autoscaler).toBeUndefined();
    const after = run(applied);
    expect(after.billing!.total).toBeLessThan(before.billing!.total);
  });

  it('recommends nothing when there is nothing to save', () => {
    const r = run({
      cumulo: 1,
      name: 'dc only',
      duration: '1h',
      regions: [{ id: 'dc', kind: 'private', zones: [{ id: 'h' }] }],
      hostPools: [{ id: 'racks', zone: 'h', count: 2, shape: { vcpu: 16, memoryGiB: 64 } }],
      instances: [{ id: 'erp', type: 'g.large', count: 2 }],
    });
    expect(r.billing!.recommendations).toEqual([]);
  });
});
