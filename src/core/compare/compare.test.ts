import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMergePatch, createMergePatch } from './merge-patch';
import { compareResults, compareSide, compareSides, comparisonTextRows, deltaRow } from './compare';
import { applyVariant, variantPatch } from './variants';
import { decodeComparePatch, encodeComparePatch } from './link';
import { PRESETS } from '../presets';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';
import type { Scenario } from '../scenario/schema';

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.scenario;
}

function run(doc: unknown, until: number) {
  const sim = createSimulation(parsed(doc));
  sim.runUntil(until);
  return sim.results();
}

describe('merge patch (RFC 7386 and items by id)', () => {
  it('follows the RFC examples', () => {
    // RFC 7386 appendix A, a selection.
    expect(applyMergePatch({ a: 'b' }, { a: 'c' })).toEqual({ ok: true, doc: { a: 'c' } });
    expect(applyMergePatch({ a: 'b' }, { b: 'c' })).toEqual({ ok: true, doc: { a: 'b', b: 'c' } });
    expect(applyMergePatch({ a: 'b' }, { a: null })).toEqual({ ok: true, doc: {} });
    expect(applyMergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ ok: true, doc: { a: [1] } });
    expect(applyMergePatch(['a', 'b'], ['c', 'd'])).toEqual({ ok: true, doc: ['c', 'd'] });
    expect(applyMergePatch({ a: 'foo' }, 'bar')).toEqual({ ok: true, doc: 'bar' });
    expect(applyMergePatch({ e: null }, { a: 1 })).toEqual({ ok: true, doc: { e: null, a: 1 } });
    expect(applyMergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ ok: true, doc: { a: { bb: {} } } });
  });

  it('patches items of id arrays by id, and leaves the input alone', () => {
    const doc = { services: [{ id: 'a', replicas: 2 }, { id: 'b', replicas: 3, lb: { policy: 'rr' } }] };
    const r = applyMergePatch(doc, { services: { b: { lb: { policy: 'lc' } }, a: null } });
    expect(r).toEqual({ ok: true, doc: { services: [{ id: 'b', replicas: 3, lb: { policy: 'lc' } }] } });
    expect(doc.services).toHaveLength(2);
    expect(doc.services[1]!.lb!.policy).toBe('rr');
  });

  it('names an id that is not there, and refuses to change an id', () => {
    const doc = { services: [{ id: 'web' }, { id: 'db' }] };
    expect(applyMergePatch(doc, { services: { api: { replicas: 2 } } })).toEqual({ ok: false, error: 'services has no item with id "api" (ids: web, db)' });
    expect(applyMergePatch(doc, { services: { web: { id: 'www' } } })).toEqual({ ok: false, error: "services.web: the patch may not change an item's id" });
  });

  it('createMergePatch gives the patch that turns one document into the other (property)', () => {
    const leaf = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('x', 'y', true, false));
    // As in scenarios, a key holds lists of items with ids or other values, never both kinds
    // (an object patch on a list of items patches items: it cannot replace the list by an object).
    const items = fc.uniqueArray(fc.constantFrom('p', 'q', 'r'), { maxLength: 3 }).chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), v: leaf }))));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('object')),
      object: fc.record({ a: tie('value'), b: tie('value'), list: items }, { requiredKeys: [] }),
    }));
    fc.assert(
      fc.property(json.object, json.object, (from, to) => {
        const patch = createMergePatch(from, to);
        const r = applyMergePatch(from, patch);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.doc).toEqual(to);
      }),
      { numRuns: 300 },
    );
  });
});

describe('delta rows', () => {
  it('computes B − A, the percentage of A, and which side is better', () => {
    const def = { key: 'p99', label: 'p99', unit: 'ms' as const, direction: 'lower' as const, scope: 'service' as const };
    expect(deltaRow(def, 200, 150)).toMatchObject({ a: 200, b: 150, delta: -50, deltaPct: -25, better: 'b' });
    expect(deltaRow(def, 100, 120)).toMatchObject({ delta: 20, deltaPct: 20, better: 'a' });
    expect(deltaRow(def, 0, 3)).toMatchObject({ delta: 3, deltaPct: null, better: 'a' });
    expect(deltaRow(def, null, 3)).toMatchObject({ delta: null, deltaPct: null, better: null });
    expect(deltaRow({ ...def, direction: 'higher' }, 0.99, 0.995)).toMatchObject({ better: 'b' });
    expect(deltaRow({ ...def, direction: 'neutral' }, 1, 2)).toMatchObject({ delta: 1, better: null });
    expect(deltaRow(def, 5, 5).better).toBe('same');
    expect(deltaRow(def, Number.NaN, 5).a).toBeNull();
  });

  it('a run compared with itself has every delta 0', () => {
    const r = run(PRESETS['lb-compare']!.scenario, 120);
    const t = compareResults(r, r);
    for (const row of t.rows) if (row.delta !== null) expect(row.delta).toBe(0);
    expect(t.service).toBe('app');
  });

  it('least connections beats round robin on p99 in lb-compare, on the same seed', () => {
    const a = PRESETS['lb-compare']!.scenario;
    const v = applyVariant(a, { services: { app: { loadBalancer: { policy: 'least-connections' } } } });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.seedChanged).toBe(false);
    const ra = run(a, 600);
    const rb = run(v.doc, 600);
    const t = compareResults(ra, rb);
    const p99 = t.rows.find((r) => r.key === 'p99')!;
    expect(p99.a).toBeCloseTo(ra.services[0]!.latency.p99! * 1000, 9);
    expect(p99.b).toBeCloseTo(rb.services[0]!.latency.p99! * 1000, 9);
    expect(p99.b!).toBeLessThan(p99.a!);
    expect(p99.delta).toBeCloseTo(p99.b! - p99.a!, 9);
    expect(p99.better).toBe('b');
    const arrivals = t.rows.find((r) => r.key === 'arrivals')!;
    // Same seed, same arrivals: only the balancer differs.
    expect(arrivals.delta).toBe(0);
    const text = comparisonTextRows(t);
    expect(text[0]).toEqual(['', 'metric', 'A', 'B', 'Δ (B − A)', 'Δ %', 'better']);
    expect(text.some((r) => r[1] === 'cost')).toBe(false); // nothing billed on either side
  });

  it('compares cost when host pools are billed, and the cumulative cost ends at the total', () => {
    const r = run(PRESETS['zone-outage']!.scenario, 600);
    const side = compareSide(r);
    expect(side.values.cost).toBeGreaterThan(0);
    expect(side.cost).not.toBeNull();
    expect(side.cost!.usd.at(-1)).toBeCloseTo(side.values.cost!, 6);
    const t = compareSides(side, side);
    expect(t.rows.find((x) => x.key === 'sloMet')!.a).not.toBeNull();
  });
});

describe('variants', () => {
  const doc = PRESETS['flash-crowd']!.scenario;
  const scenario = parsed(doc);

  it('turns a choice into a patch of A', () => {
    expect(variantPatch(doc, scenario, { kind: 'balancer', service: 'web', policy: 'least-connections' })).toEqual({ ok: true, patch: { services: { web: { loadBalancer: { policy: 'least-connections' } } } } });
    const step = variantPatch(doc, scenario, { kind: 'autoscaler', service: 'web', settings: { policy: 'step' } });
    expect(step.ok).toBe(true);
    if (step.ok) {
      const v = applyVariant(doc, step.patch);
      expect(v.ok).toBe(true);
      if (v.ok) expect(v.scenario.services[0]!.autoscaler!.policy).toBe('step');
    }
    const cm = PRESETS['cost-models']!.scenario;
    const spot = variantPatch(cm, parsed(cm), { kind: 'pricing', service: 'web', plan: 'spot' });
    expect(spot).toEqual({ ok: true, patch: { services: { web: { placement: { pricing: 'spot' } } } } });
    const reserved = variantPatch(doc, scenario, { kind: 'pricing', service: 'web', plan: 'reserved', count: 2 });
    expect(reserved).toEqual({ ok: true, patch: { billing: { reserved: [{ region: 'eu-west', type: 'g.medium', count: 2 }] } } });
    if (reserved.ok) expect(applyVariant(doc, reserved.patch).ok).toBe(true);
  });

  it('refuses spot where every pool is billed per host (it would change nothing), naming the pool and why', () => {
    // flash-crowd: the cluster autoscaler resizes the only pool, so its nodes are billed, not the instances.
    const r = variantPatch(doc, scenario, { kind: 'pricing', service: 'web', plan: 'spot' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('spot changes nothing for web');
      expect(r.error).toContain('nodes (the cluster autoscaler resizes it');
      expect(r.error).toContain('billedAs "instances"');
    }
    // The same scenario with the pool billed per instance: spot is a real change, no warning.
    const perInstance = { ...(doc as object), billing: { pools: [{ pool: 'nodes', billedAs: 'instances' }] } };
    expect(variantPatch(perInstance, parsed(perInstance), { kind: 'pricing', service: 'web', plan: 'spot' })).toEqual({ ok: true, patch: { services: { web: { placement: { pricing: 'spot' } } } } });
  });

  it('warns when only some of the pools a service can run on are billed per instance', () => {
    const base = PRESETS['cost-models']!.scenario as { billing?: Record<string, unknown> };
    const mixed = { ...base, billing: { ...(base.billing ?? {}), pools: [{ pool: 'general-b', billedAs: 'hosts' }] } };
    const r = variantPatch(mixed, parsed(mixed), { kind: 'pricing', service: 'web', plan: 'spot' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings![0]).toContain("spot applies to web's instances on general-a only");
      expect(r.warnings![0]).toContain('general-b (billing.pools sets billedAs: hosts for it)');
    }
  });

  it('says what is wrong with an impossible choice or patch', () => {
    expect(variantPatch(doc, scenario, { kind: 'balancer', service: 'nope', policy: 'random' })).toEqual({ ok: false, error: 'there is no service "nope" (services: web)' });
    expect(variantPatch(doc, scenario, { kind: 'balancer', service: 'web', policy: 'round-robin' })).toEqual({ ok: false, error: 'web already uses round-robin: pick another policy for B' });
    const mm1 = PRESETS.mm1!.scenario;
    expect(variantPatch(mm1, parsed(mm1), { kind: 'pricing', service: 'server', plan: 'spot' })).toMatchObject({ ok: false, error: expect.stringContaining('no host pools') });
    expect(applyVariant(doc, {})).toEqual({ ok: false, errors: [{ path: 'patch', message: 'B is the same as A: the patch changes nothing' }] });
    expect(applyVariant(doc, [1])).toMatchObject({ ok: false });
    const bad = applyVariant(doc, { services: { web: { replicas: 0 } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.path).toBe('services[0].replicas');
  });
});

describe('compare links', () => {
  it('round-trips a patch next to the scenario parameter', () => {
    const patch = { services: { app: { loadBalancer: { policy: 'least-connections' } } } };
    const param = encodeComparePatch(patch);
    expect(param).toMatch(/^b=c1\./);
    expect(decodeComparePatch(`#s=c1.abc&${param}`)).toEqual({ ok: true, patch });
    expect(decodeComparePatch('#s=c1.abc')).toBeNull();
    expect(decodeComparePatch('#s=c1.abc&b=c1.AAAA')).toMatchObject({ ok: false, error: expect.stringContaining('variant B') });
    expect(decodeComparePatch('#b=c9.xyz')).toMatchObject({ ok: false });
  });
});
