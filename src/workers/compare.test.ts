import { describe, expect, it } from 'vitest';
import { SimService } from './service';
import { decodeComparePatch } from '../core/index';
import { compareWith, holdAt, loadVariant, sideOf } from './compare';

const quiet = () => new SimService({ setTimer: () => 0, clearTimer: () => undefined, clock: () => 0 });

describe('A/B compare in the worker', () => {
  it('loads B as A plus a change, on the same seed, and returns the delta table against A', () => {
    const a = quiet();
    const b = quiet();
    expect(a.load({ preset: 'zone-outage' }).ok).toBe(true);
    const r = loadVariant(b, { preset: 'zone-outage' }, { choice: { kind: 'pricing', service: 'web', plan: 'spot' } });
    expect(r).toMatchObject({ ok: true, name: 'A zone goes down', seedChanged: false, patch: { services: { web: { placement: { pricing: 'spot' } } } } });
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(decodeComparePatch(`#s=c1.x&${r.patchParam}`)).toEqual({ ok: true, patch: r.patch });
    a.runToEnd();
    b.runToEnd();
    const sideA = sideOf(a, null)!;
    const t = compareWith(b, sideA)!;
    expect(t.table.service).toBe('web');
    const cost = t.table.rows.find((x) => x.key === 'cost')!;
    // Spot is cheaper than on-demand for the same instances over the same run.
    expect(cost.b!).toBeLessThan(cost.a!);
    expect(cost.delta).toBeCloseTo(cost.b! - cost.a!, 9);
    expect(t.table.rows.find((x) => x.key === 'arrivals')!.delta).toBe(0);
    expect(t.side.cost!.usd.at(-1)).toBeCloseTo(cost.b!, 6);
  });

  it("a free edit of B's document becomes the patch between A and B; bad input is a message", () => {
    const b = quiet();
    b.load({ preset: 'mm1' });
    const doc = b.scenarioDocument() as { services: Array<{ replicas: number }> };
    doc.services[0]!.replicas = 2;
    const r = loadVariant(b, { preset: 'mm1' }, { scenarioText: JSON.stringify(doc) });
    expect(r).toMatchObject({ ok: true, patch: { services: { server: { replicas: 2 } } } });
    expect(loadVariant(b, { preset: 'mm1' }, { scenarioText: '{nope' })).toMatchObject({ ok: false, errors: [{ path: 'B', message: expect.stringContaining("B's scenario is not JSON") }] });
    expect(loadVariant(b, { preset: 'mm1' }, { scenarioText: JSON.stringify(b.scenarioDocument()) })).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('B is the same as A') }] });
    expect(loadVariant(b, { preset: 'nope' }, { patch: {} })).toMatchObject({ ok: false, errors: [{ path: 'preset' }] });
    expect(sideOf(quiet(), null)).toBeNull();
  });

  it('passes on what B\'s change does not reach: spot on a pool billed per host is refused, specifically', () => {
    const b = quiet();
    const r = loadVariant(b, { preset: 'flash-crowd' }, { choice: { kind: 'pricing', service: 'web', plan: 'spot' } });
    expect(r).toMatchObject({ ok: false, errors: [{ path: 'B', message: expect.stringContaining('spot changes nothing for web') }] });
  });

  it('holds two runs at the same simulated time: the one behind catches up exactly, none passes its end', () => {
    const a = quiet();
    const b = quiet();
    a.load({ preset: 'lb-compare' });
    expect(loadVariant(b, { preset: 'lb-compare' }, { choice: { kind: 'balancer', service: 'app', policy: 'least-connections' } }).ok).toBe(true);
    const sim = a.simulation()!;
    sim.runUntil(123.4);
    b.simulation()!.runUntil(97.25);
    const ha = holdAt(a, -1)!;
    const hb = holdAt(b, -1)!;
    expect(ha.now).toBeCloseTo(123.4, 9);
    expect(hb.now).toBeCloseTo(97.25, 9);
    const t = Math.max(ha.now, hb.now);
    expect(holdAt(a, t)!.now).toBe(t);
    expect(holdAt(b, t)!.now).toBe(t);
    const table = compareWith(b, sideOf(a, 'app')!)!.table;
    expect(table.a.simulatedTime).toBe(table.b.simulatedTime);
    // Same seed, same time: the same arrivals on both sides.
    expect(table.rows.find((x) => x.key === 'arrivals')!.delta).toBe(0);
    // Never beyond the end; a run that ended stays there.
    const end = holdAt(a, 1e12)!;
    expect(end).toEqual({ now: sim.endTime, finished: true });
    expect(holdAt(quiet(), 10)).toBeNull();
  });
});
