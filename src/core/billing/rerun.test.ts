import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation, type SimulationResults } from '../sim/simulation';
import { applyAndRerun, selectRecommendations, type RerunComparison } from './rerun';

const doc = () => JSON.parse(JSON.stringify(PRESETS['cost-models']!.scenario)) as ScenarioInput;
let baseline: SimulationResults;

beforeAll(() => {
  const parsed = parseScenario(doc());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  baseline = createSimulation(parsed.scenario).runToEnd();
});

const ok = (r: ReturnType<typeof applyAndRerun>): RerunComparison => {
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('the cost-models preset', () => {
  it('has classroom notes and recommends all four kinds of saving', () => {
    const p = PRESETS['cost-models']!;
    expect(p.watch).toMatch(/\w/);
    expect(p.question).toMatch(/\?$/);
    const ids = baseline.billing!.recommendations.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['rightsize:web', 'reserve:eu-west/g.xlarge', 'reserve:eu-west/g.large', 'spot:reports', 'spot:web', 'scale-to-zero:legacy']));
    // Budget alerts: the shop's forecast crosses at 10 min; the analytics sandbox's actual spend crosses 50 %.
    const alerts = baseline.billing!.alerts;
    expect(alerts.filter((a) => a.tenant === 'shop' && a.kind === 'forecast').map((a) => a.t)).toEqual([600, 600]);
    expect(alerts.some((a) => a.tenant === 'analytics' && a.kind === 'actual' && a.threshold === 0.5)).toBe(true);
    // Egress to the internet is on the shop's invoice.
    const shop = baseline.billing!.tenants.find((t) => t.tenant === 'shop')!;
    expect(shop.lineItems.filter((l) => l.category === 'egress').map((l) => l.group)).toEqual(['api', 'web']);
  });
});

describe('apply and re-run on the same seed', () => {
  it('rightsizing and reserving lower the bill by the estimate (within 1 %) and the SLA still holds', () => {
    const c = ok(applyAndRerun(doc(), 'rightsize,reserve', { baseline }));
    expect(c.seed).toBe(7);
    // Rightsize first, then the commitments of the new baseline: 7 × g.large (4 web + 3 api, 1 already reserved).
    expect(c.applied.map((a) => a.id)).toEqual(['rightsize:web', 'reserve:eu-west/g.large', 'reserve:eu-west/g.medium']);
    expect(c.applied[1]!.summary).toMatch(/reserve 6 for 1 year/);
    expect(c.skipped).toEqual([{ id: 'reserve:eu-west/g.xlarge', reason: 'replaced by reserve:eu-west/g.large: the type was rightsized to g.large', code: 'replaced', by: 'reserve:eu-west/g.large', to: 'g.large' }]);
    expect(c.after).toBeLessThan(c.before);
    // Tolerance 1 % of the estimate: the commitment's saving is exact (it prices the same instance-
    // seconds hour by hour), the rightsizing saving is exact as long as the smaller replicas run
    // the same seconds (same boots, no failures), and egress does not change. Measured: 0.00 %.
    expect(Math.abs(c.realSaving - c.estimatedSaving)).toBeLessThanOrEqual(0.01 * c.estimatedSaving);
    expect(c.estimatedMonthly).toBeCloseTo((c.estimatedSaving * 730 * 3600) / 7200, 9);
    expect(c.slaBefore.held).toBe(true);
    expect(c.slaAfter.held).toBe(true);
    const web = (s: typeof c.slaAfter) => s.services.find((x) => x.id === 'web')!;
    expect(web(c.slaAfter).latencyMet).toBe(true);
    expect(web(c.slaAfter).p99!).toBeLessThanOrEqual(web(c.slaBefore).p99! * 1.05);
    // The patched scenario carries the change.
    expect(c.patched.services!.find((s) => s.id === 'web')!.instanceType).toBe('g.large');
    expect(c.patched.billing!.reserved!.map((r) => [r.type, r.count])).toEqual([
      ['g.large', 1],
      ['g.large', 6],
      ['g.medium', 2],
    ]);
  });

  it('each of the two alone saves its estimate too', () => {
    const r = ok(applyAndRerun(doc(), 'rightsize:web', { baseline }));
    expect(Math.abs(r.realSaving / r.estimatedSaving - 1)).toBeLessThan(0.01);
    const v = ok(applyAndRerun(doc(), 'reserve:eu-west/g.xlarge', { baseline }));
    expect(v.realSaving).toBeCloseTo(v.estimatedSaving, 9);
  });

  it('moving the report batch to spot saves about the estimate (the seed\'s price path, not the long-run mean: ±30 %)', () => {
    const c = ok(applyAndRerun(doc(), 'spot:reports', { baseline }));
    expect(c.realSaving).toBeGreaterThan(0);
    expect(c.realSaving / c.estimatedSaving).toBeGreaterThan(0.7);
    expect(c.realSaving / c.estimatedSaving).toBeLessThan(1.3);
    expect(c.patched.instances![0]!.placement!.pricing).toBe('spot');
  });

  it('scaling the forgotten service to zero saves most of what it cost (it runs until the autoscaler removes it)', () => {
    const c = ok(applyAndRerun(doc(), 'scale-to-zero:legacy', { baseline }));
    expect(c.realSaving).toBeGreaterThan(0.5 * c.estimatedSaving);
    expect(c.realSaving).toBeLessThanOrEqual(c.estimatedSaving + 1e-9);
    expect(c.slaAfter.held).toBe(true);
  });

  it('names what it cannot apply', () => {
    const r = applyAndRerun(doc(), 'rightsize:nothing', { baseline });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^no recommendation matches "rightsize:nothing" at the end of this run \(there are: .*rightsize:web/) });
    const mixed = ok(applyAndRerun(doc(), 'reserve:eu-west/g.xlarge, bogus', { baseline }));
    expect(mixed.skipped).toEqual([{ id: 'bogus', reason: 'no such recommendation at the end of the run', code: 'unknown' }]);
    const none = applyAndRerun({ cumulo: 1, name: 'x', duration: '1m', regions: [{ id: 'r', zones: [{ id: 'z' }] }] }, 'all');
    expect(none).toEqual({ ok: false, error: expect.stringMatching(/no bill/) });
    expect(applyAndRerun({ cumulo: 1 } as ScenarioInput, 'all')).toEqual({ ok: false, error: expect.stringMatching(/^the scenario is not valid: /) });
    expect(selectRecommendations(baseline.billing!.recommendations, 'all').picked).toHaveLength(baseline.billing!.recommendations.length);
  });
});
