import { describe, expect, it } from 'vitest';
import { createSimulation, parseScenario } from '../index';
import type { Scenario } from '../index';
import { serverlessColumn } from './live';

/** One function woken every 15 minutes by a timer, for 50 minutes (invocations at 15, 30 and 45 min). */
function scenario(ttl: string): Scenario {
  const r = parseScenario({
    cumulo: 1,
    name: 'timer',
    seed: 2,
    duration: '50m',
    metricsInterval: '1m',
    serverless: {
      keepAlive: { type: 'fixed', ttl },
      functions: [{ id: 'job', duration: { type: 'constant', value: 1 } }],
      timers: [{ id: 'every-15m', function: 'job', every: '15m' }],
    },
  });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.scenario;
}

function coldStarts(sim: ReturnType<typeof createSimulation>): number {
  return sim.serverlessLive()!.functions[0]!.coldStarts;
}

describe('switching the keep-alive policy mid-run', () => {
  it('applies to environments finishing from now on; decisions already taken stand', () => {
    // Fixed 10 minutes: every 15-minute wake-up is cold.
    const ten = createSimulation(scenario('10m'));
    ten.runUntil(ten.endTime);
    expect(ten.serverlessLive()!.functions[0]!.invocations).toBe(3);
    expect(coldStarts(ten)).toBe(3);

    // Switched to 20 minutes before the first invocation ends: only the first is cold.
    const early = createSimulation(scenario('10m'));
    expect(early.setKeepAlive({ type: 'fixed', ttl: '20m' })).toEqual({ ok: true });
    early.runUntil(early.endTime);
    expect(coldStarts(early)).toBe(1);
    expect(early.serverlessLive()!.keepAlive).toBe('fixed-20m');

    // Switched at 16 min: the environment of the 15-min invocation already had its 10 minutes
    // (gone at 25 min, so 30 min is cold); the one of 30 min is kept 20 minutes (45 min is warm).
    const late = createSimulation(scenario('10m'));
    late.runUntil(16 * 60);
    expect(coldStarts(late)).toBe(1);
    expect(late.setKeepAlive({ type: 'fixed', ttl: '20m' })).toEqual({ ok: true });
    late.runUntil(late.endTime);
    expect(coldStarts(late)).toBe(2);
  });

  it('samples cold starts per second over every function', () => {
    const sim = createSimulation(scenario('10m'));
    sim.runUntil(sim.endTime);
    const col = sim.series.column(serverlessColumn.total('coldStartsRate'))!;
    let total = 0;
    for (let i = 0; i < sim.series.length; i++) total += col[i]! * 60;
    expect(total).toBeCloseTo(3, 9);
  });

  it('refuses a hybrid policy whose histogram differs from the one recorded, and a scenario without functions', () => {
    const sim = createSimulation(scenario('10m'));
    const r = sim.setKeepAlive({ type: 'hybrid', range: '2h', bin: '1m', head: 0.05, tail: 0.99, margin: 0.1, fallbackTtl: '10m' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('must use the same');
    expect(sim.setKeepAlive({ type: 'hybrid', range: '4h', bin: '1m', head: 0.05, tail: 0.99, margin: 0.1, fallbackTtl: '10m' })).toEqual({ ok: true });
    const plain = parseScenario({ cumulo: 1, name: 'x', duration: '1m', services: [{ id: 'a', replicas: 1, work: { type: 'constant', value: 0.1 } }] });
    if (!plain.ok) throw new Error('bad');
    expect(createSimulation(plain.scenario).setKeepAlive({ type: 'fixed', ttl: '10m' })).toEqual({ ok: false, error: 'this scenario has no serverless block' });
  });
});
