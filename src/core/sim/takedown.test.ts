import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation, type Simulation } from './simulation';

/** Two fixed-replica services (one placed on hosts as containers, one not), no autoscalers. */
const doc = (): ScenarioInput => ({
  cumulo: 1,
  name: 'fixed take-down',
  seed: 5,
  duration: '20m',
  regions: [{ id: 'r', zones: [{ id: 'a' }] }],
  hostPools: [{ id: 'pa', zone: 'a', count: 3, shape: { vcpu: 8, memoryGiB: 32 } }],
  services: [
    { id: 'web', replicas: 2, instanceType: 'g.medium', work: { type: 'exponential', mean: 0.02 }, placement: { kind: 'container' } },
    { id: 'api', replicas: 3, work: { type: 'exponential', mean: 0.02 } },
    { id: 'other', replicas: 1, work: { type: 'exponential', mean: 0.01 } },
  ],
  workloads: [
    { id: 'web-users', target: 'web', arrival: { type: 'poisson', rate: 40 } },
    { id: 'api-users', target: 'api', arrival: { type: 'poisson', rate: 40 } },
    { id: 'other-users', target: 'other', arrival: { type: 'poisson', rate: 10 } },
  ],
  // The host of a web replica fails just before the delete: its replacement must not come up after it.
  faults: [{ kind: 'host-failure', pool: 'pa', host: 0, at: '55s' }],
});

function sim(): Simulation {
  const r = parseScenario(doc());
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return createSimulation(r.scenario);
}

const svc = (s: Simulation, id: string) => s.live().services.find((x) => x.id === id)!;

describe('deleting a service without an autoscaler', () => {
  it('takes a fixed service down for good: 0 replicas, its requests fail, nothing brings it back', () => {
    const s = sim();
    s.runUntil(60);
    expect(svc(s, 'api').replicas).toBe(3);
    expect(s.deleteService('api')).toEqual({ ok: true });
    s.runUntil(61);
    const at = svc(s, 'api');
    expect([at.replicas, at.ready, at.starting, at.draining]).toEqual([0, 0, 0, 0]);
    s.runUntil(600);
    const after = svc(s, 'api');
    expect(after.replicas).toBe(0);
    expect(after.arrivals - at.arrivals).toBeGreaterThan(10_000);
    expect(after.completed).toBe(at.completed);
    expect(after.errors + after.dropped + after.timedOut - (at.errors + at.dropped + at.timedOut)).toBe(after.arrivals - at.arrivals);
    expect(s.deleteService('api')).toEqual({ ok: false, error: 'service "api" was already deleted at 60s' });
    // The other services run on.
    expect(svc(s, 'other').completed).toBeGreaterThan(svc(s, 'other').arrivals * 0.9);
  });

  it('a placed fixed service gives up its instances: terminated, never replaced, hosts freed', () => {
    const s = sim();
    s.runUntil(60);
    const c = s.compute!;
    const created = c.instances.length;
    expect(s.deleteService('web')).toEqual({ ok: true });
    s.runUntil(1200);
    const web = c.instances.filter((i) => i.groupId === 'web');
    expect(c.instances.length).toBe(created);
    expect(web.every((i) => i.state === 'terminated' || i.state === 'failed')).toBe(true);
    expect(Array.from(c.hosts.cpuAlloc).reduce((a, b) => a + b, 0)).toBe(0);
    expect(c.log.some((e) => e.subject.startsWith('web-') && e.to === 'terminated' && /service deleted/.test(e.reason))).toBe(true);
    expect(svc(s, 'web').replicas).toBe(0);
    expect(svc(s, 'web').ready).toBe(0);
    expect(c.summary().violations).toEqual([]);
    expect(() => s.runToEnd()).not.toThrow();
  });

  it('is deterministic: the same scenario, seed and delete give the same run', () => {
    const run = () => {
      const s = sim();
      s.runUntil(90);
      s.deleteService('web');
      s.deleteService('api');
      const r = s.runToEnd();
      return { services: r.services.map((x) => [x.id, x.completed, x.errors, x.dropped]), log: s.compute!.log.map((e) => `${e.t} ${e.subject} ${e.reason}`) };
    };
    expect(run()).toEqual(run());
  });

  it('refuses an unknown service and a run that has ended', () => {
    const s = sim();
    expect(s.deleteService('nope')).toEqual({ ok: false, error: 'there is no service "nope"' });
    s.runToEnd();
    expect(s.deleteService('api')).toEqual({ ok: false, error: 'the run has ended: reset it to start again' });
  });
});

describe('deleting a service with a shared queue', () => {
  it('fails the requests waiting in its queue at once, and every later arrival', () => {
    // An overloaded M/M/2: a long shared queue when the delete comes.
    const r = parseScenario({
      cumulo: 1,
      name: 'shared take-down',
      seed: 3,
      duration: '10m',
      services: [{ id: 'q', replicas: 2, queue: 'shared', queueLimit: 500, timeout: '1h', work: { type: 'exponential', mean: 0.1 } }],
      workloads: [{ id: 'users', target: 'q', arrival: { type: 'poisson', rate: 40 } }],
    } as ScenarioInput);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    const s = createSimulation(r.scenario);
    s.runUntil(60);
    const before = svc(s, 'q');
    expect(before.queued).toBeGreaterThan(100);
    expect(s.deleteService('q')).toEqual({ ok: true });
    s.runUntil(60.5);
    const at = svc(s, 'q');
    // Only the two requests in service are left (they finish as their replicas drain).
    expect(at.queued).toBe(0);
    expect(at.inSystem).toBeLessThanOrEqual(2);
    expect(at.errors - before.errors).toBeGreaterThanOrEqual(before.queued);
    s.runUntil(300);
    const after = svc(s, 'q');
    expect(after.inSystem).toBe(0);
    expect(after.completed - at.completed).toBeLessThanOrEqual(2);
    expect(after.errors + after.dropped + after.timedOut - (at.errors + at.dropped + at.timedOut)).toBeGreaterThanOrEqual(after.arrivals - at.arrivals);
  });
});
