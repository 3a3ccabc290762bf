import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets/index';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';

function load(doc: unknown) {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.scenario;
}

const attack = PRESETS['attack']!;

describe('the attack preset, run headless', () => {
  const scenario = load(attack.scenario);
  const sim = createSimulation(scenario);
  // Globex's service before the attack (its balancer, its autoscaler bounds).
  const before = sim.live().services.find((s) => s.id === 'globex-api')!;
  const results = sim.runToEnd();
  const iam = results.iam!;
  const byPrincipal = (p: string) => iam.audit.filter((e) => e.principal === p);

  it('audits every scripted action, at its time, once', () => {
    expect(iam.audit.length).toBe(scenario.actions!.length);
    iam.audit.forEach((e, i) => {
      const a = scenario.actions![i]!;
      expect([e.principal, e.action, e.source]).toEqual([a.principal, a.action, 'script']);
      expect(e.seq).toBe(i);
    });
    expect(iam.audit.map((e) => e.time)).toEqual([...iam.audit.map((e) => e.time)].sort((a, b) => a - b));
  });

  it('denies every attempt of the acme key on another tenant or the platform, with the rule', () => {
    const foreign = byPrincipal('acme-ops-key').filter((e) => e.tenant !== 'acme');
    expect(foreign.length).toBeGreaterThanOrEqual(8);
    for (const e of foreign) {
      expect(e.allowed).toBe(false);
      expect(e.result).toBeUndefined();
      if (e.tenant === null) expect(e.kind).toBe('platform-resource');
      else {
        expect(e.kind).toBe('cross-tenant');
        expect(e.rule).toBe(`cross-tenant: principal acme-ops-key has no role on tenant ${e.tenant}`);
      }
    }
    expect(iam.crossTenantDenied).toBe(foreign.filter((e) => e.tenant !== null).length);
    // Least privilege at home: no bills, no deleting a service, the explicit deny on batch instances.
    const home = byPrincipal('acme-ops-key').filter((e) => e.tenant === 'acme' && !e.allowed);
    expect(home.map((e) => e.kind).sort()).toEqual(['explicit-deny', 'implicit-deny', 'implicit-deny']);
  });

  it('leaves globex untouched by the attack, and lets the allowed actions take effect', () => {
    // Nothing of globex was deleted: both database instances still exist and are not terminated.
    const db = sim.compute!.instances.filter((i) => i.name.startsWith('globex-db-'));
    expect(db.map((i) => i.name)).toContain('globex-db-0');
    expect(db.every((i) => i.state !== 'terminated')).toBe(true);
    const web = results.services.find((s) => s.id === 'acme-web')!;
    const api = results.services.find((s) => s.id === 'globex-api')!;
    const live = sim.live().services;
    // acme-web scaled to 4 by the key; globex-api's balancer never became random; its owner pinned it at 3.
    expect(web.replicas).toBe(4);
    expect(live.find((s) => s.id === 'acme-web')!.policy).toBe('least-connections');
    expect(live.find((s) => s.id === 'globex-api')!.policy).toBe(before.policy);
    expect(api.replicas).toBe(3);
    expect(sim.scaling[1]!.spec).toMatchObject({ minReplicas: 3, maxReplicas: 3 });
    // The c.large created for acme exists and belongs to acme; nothing was created for globex by the key.
    const created = sim.compute!.instances.filter((i) => i.name.startsWith('manual-'));
    expect(created.map((i) => [i.type, i.req.tenant])).toEqual([['c.large', 'acme']]);
    for (const e of iam.audit.filter((x) => x.allowed)) expect(e.result).toBeDefined();
    expect(iam.audit.filter((x) => x.allowed).every((e) => !e.result!.startsWith('failed'))).toBe(true);
  });

  it('is deterministic', () => {
    const again = createSimulation(scenario).runToEnd().iam!;
    expect(again.audit).toEqual(iam.audit);
  });
});

describe('scenario checks of principals and actions', () => {
  const base = attack.scenario as ScenarioInput;
  const errors = (patch: Partial<ScenarioInput>) => {
    const r = parseScenario({ ...base, ...patch });
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it('names unknown principals, tenants and targets plainly', () => {
    expect(errors({ actions: [{ at: 10, principal: 'mallory', action: 'service:scale', target: 'service/acme-web', params: { replicas: 2 } }] })).toEqual([
      expect.stringMatching(/^actions\[0\]\.principal: unknown principal "mallory" \(principals: acme-owner, /),
    ]);
    expect(errors({ actions: [{ at: 10, principal: 'admin', action: 'service:scale', target: 'service/nope', params: { replicas: 2 } }] })).toEqual([
      'actions[0].target: unknown service "nope" (services: acme-web, globex-api, initech-app)',
    ]);
    expect(errors({ actions: [{ at: 10, principal: 'admin', action: 'bill:read', target: 'bill/umbrella' }] })).toEqual([
      'actions[0].target: unknown tenant "umbrella" (tenants: acme, globex, initech)',
    ]);
    expect(errors({ actions: [{ at: 10, principal: 'admin', action: 'service:scale', target: 'host/shared-a-0', params: { replicas: 1 } }] })).toEqual([
      'actions[0].target: service:scale takes a service/… target, got "host/shared-a-0"',
    ]);
    expect(errors({ actions: [{ at: 10, principal: 'admin', action: 'service:scale', target: 'service/acme-web' }] })).toEqual([
      'actions[0].params: service:scale needs replicas, or minReplicas and/or maxReplicas',
    ]);
    expect(errors({ actions: [{ at: '1h', principal: 'admin', action: 'bill:read', target: 'bill/acme' }] })).toEqual(['actions[0].at: must be before the end of the run (600s), got 3600s']);
    expect(errors({ principals: [{ id: 'x', roles: [{ role: 'owner', tenant: 'umbrella' }] }], actions: [] })).toEqual([
      'principals[0].roles[0].tenant: unknown tenant "umbrella" (tenants: acme, globex, initech)',
    ]);
    expect(errors({ principals: [{ id: 'x', roles: [{ role: 'viewer' }] }], actions: [] })).toEqual(['principals[0].roles[0].tenant: role viewer needs a tenant (tenants: acme, globex, initech)']);
    expect(errors({ principals: [{ id: 'x', roles: [{ role: 'admin', tenant: 'acme' }] }], actions: [] })).toEqual(['principals[0].roles[0].tenant: admin is the platform role: it takes no tenant']);
    expect(errors({ principals: [{ id: 'x', statements: [{ effect: 'allow', actions: ['dns:*'] }] }], actions: [] })[0]).toMatch(/^principals\[0\]\.statements\[0\]\.actions\[0\]: "dns:\*" matches no action/);
    expect(errors({ principals: [{ id: 'x' }, { id: 'x' }], actions: [] })).toEqual(['principals[1].id: duplicate principal id "x"']);
  });

  it('runs a scenario without principals as before (no iam in the results)', () => {
    const r = createSimulation(load(PRESETS['mm1']!.scenario)).runToEnd();
    expect(r.iam).toBeUndefined();
  });
});

describe('service:scale pins the replica count', () => {
  it('pins at the count asked; 0 is refused with a pointer to service:delete and changes nothing', () => {
    const doc = structuredClone(attack.scenario) as ScenarioInput & { actions: unknown[] };
    doc.actions = [
      { at: '1m', principal: 'globex-owner', action: 'service:scale', target: 'service/globex-api', params: { replicas: 0 } },
      { at: '2m', principal: 'globex-owner', action: 'service:scale', target: 'service/globex-api', params: { replicas: 3 } },
    ];
    const sim = createSimulation(load(doc));
    sim.runUntil(90);
    const refused = sim.iam.trail.entries().at(-1)!;
    expect(refused).toMatchObject({ action: 'service:scale', allowed: true });
    expect(refused.result).toBe('failed: service:scale cannot pin "globex-api" at 0 replicas (its autoscaler keeps at least 1); service:delete takes a service down');
    expect(sim.live().services.find((s) => s.id === 'globex-api')!.replicas).toBeGreaterThanOrEqual(1);
    sim.runUntil(300);
    expect(sim.iam.trail.entries().at(-1)!.result).toBe('globex-api scaled to 3 replicas');
    expect(sim.live().services.find((s) => s.id === 'globex-api')!.replicas).toBe(3);
  });
});

describe('service:delete takes the service down for good', () => {
  it('an owner\'s delete leaves 0 replicas, its requests fail, no sync brings it back and it cannot be scaled again', () => {
    const doc = structuredClone(attack.scenario) as ScenarioInput & { actions: unknown[] };
    doc.actions = [{ at: '1m', principal: 'globex-owner', action: 'service:delete', target: 'service/globex-api' }];
    const sim = createSimulation(load(doc));
    sim.runUntil(59);
    const before = sim.live().services.find((s) => s.id === 'globex-api')!;
    expect(before.replicas).toBeGreaterThanOrEqual(2);
    sim.runUntil(90);
    const audit = sim.iam.trail.entries();
    expect(audit.at(-1)).toMatchObject({ principal: 'globex-owner', action: 'service:delete', allowed: true, result: 'globex-api taken down to 0 replicas (its requests fail from now on)' });
    const at90 = sim.live().services.find((s) => s.id === 'globex-api')!;
    expect([at90.replicas, at90.ready, at90.starting, at90.draining]).toEqual([0, 0, 0, 0]);
    // Its clients keep sending; nothing completes any more, every request fails.
    sim.runUntil(300);
    const after = sim.live().services.find((s) => s.id === 'globex-api')!;
    expect(after.replicas).toBe(0);
    expect(after.arrivals - at90.arrivals).toBeGreaterThan(1000);
    expect(after.completed).toBe(at90.completed);
    expect(after.dropped + after.timedOut + after.errors - (at90.dropped + at90.timedOut + at90.errors)).toBeGreaterThan(1000);
    // No autoscaler sync ran for it after the delete, and it cannot be scaled back.
    expect(sim.scalingLog.filter((d) => d.service === 'globex-api' && d.time > 60)).toEqual([]);
    const sc = sim.scaling[sim.scenario.services.findIndex((s) => s.id === 'globex-api')]!;
    expect(sim.setAutoscaler('globex-api', { ...sc.spec, minReplicas: 2 })).toEqual({ ok: false, error: 'service "globex-api" was deleted at 60s: it cannot be scaled again in this run' });
    expect(sim.deleteService('globex-api')).toEqual({ ok: false, error: 'service "globex-api" was already deleted at 60s' });
    // The other tenants' services run on.
    expect(sim.live().services.find((s) => s.id === 'acme-web')!.completed).toBeGreaterThan(0);
    expect(() => sim.runToEnd()).not.toThrow();
  });

  it('takes down a service without an autoscaler too: its replicas and instances go for good', () => {
    const doc = structuredClone(attack.scenario) as ScenarioInput & { actions: unknown[] };
    const spec = doc.services!.find((s) => s.id === 'globex-api')!;
    delete spec.autoscaler;
    doc.actions = [{ at: '1m', principal: 'globex-owner', action: 'service:delete', target: 'service/globex-api' }];
    const sim = createSimulation(load(doc));
    sim.runUntil(59);
    expect(sim.live().services.find((s) => s.id === 'globex-api')!.replicas).toBe(spec.replicas);
    sim.runUntil(300);
    expect(sim.iam.trail.entries().at(-1)).toMatchObject({ action: 'service:delete', allowed: true, result: 'globex-api taken down to 0 replicas (its requests fail from now on)' });
    const svc = sim.live().services.find((s) => s.id === 'globex-api')!;
    expect([svc.replicas, svc.ready, svc.starting, svc.draining]).toEqual([0, 0, 0, 0]);
    const instances = sim.compute!.instances.filter((i) => i.replica?.service === sim.scenario.services.findIndex((s) => s.id === 'globex-api'));
    expect(instances.length).toBeGreaterThan(0);
    expect(instances.every((i) => i.state === 'terminated')).toBe(true);
    expect(sim.deleteService('globex-api')).toEqual({ ok: false, error: 'service "globex-api" was already deleted at 60s' });
    expect(() => sim.runToEnd()).not.toThrow();
  });
});
