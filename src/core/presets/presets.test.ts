import { describe, expect, it } from 'vitest';
import { PRESETS } from './index';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';

describe('presets', () => {
  it('every preset validates and has classroom notes: a paragraph to watch and one question', () => {
    for (const [id, p] of Object.entries(PRESETS)) {
      expect(parseScenario(p.scenario).ok, id).toBe(true);
      expect(p.watch.length, `${id}.watch`).toBeGreaterThan(150);
      expect(p.watch, `${id}.watch`).not.toContain('\n');
      expect(p.question.trim().endsWith('?'), `${id}.question`).toBe(true);
      expect(p.description, `${id}.description keeps the question in its own field`).not.toContain('Question for the class');
    }
  });

  it('slow-dependency: the crash of two payments replicas spreads failures up the call chain', () => {
    const r = parseScenario(PRESETS['slow-dependency']!.scenario);
    if (!r.ok) throw new Error('invalid');
    const before = createSimulation(r.scenario);
    before.runUntil(290);
    const quiet = before.results();
    const svc = (res: typeof quiet, id: string) => res.services.find((s) => s.id === id)!;
    // Before the crash: nothing fails, and the gateway's tail follows the slow dependency.
    expect(svc(quiet, 'gateway').timedOut).toBe(0);
    expect(svc(quiet, 'gateway').latency.p99!).toBeGreaterThan(5 * svc(quiet, 'gateway').latency.p50!);
    const sim = createSimulation(r.scenario);
    sim.runUntil(sim.endTime);
    const all = sim.results();
    // After: timeouts at the bottom, and far more at the top (the catalog path is caught too).
    expect(svc(all, 'payments').timedOut).toBeGreaterThan(0);
    expect(svc(all, 'gateway').timedOut).toBeGreaterThan(10 * svc(all, 'checkout').timedOut);
    expect(all.services.find((s) => s.id === 'gateway')!.slo!.windows.breached).toBeGreaterThan(0);
  });
});
