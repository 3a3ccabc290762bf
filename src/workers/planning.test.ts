import { describe, expect, it } from 'vitest';
import { SimService } from './service';
import { planFromSeries, planForService, MAX_HORIZON_STEPS, type CapacityPlanRequest, type PlanSeries, type PlanServiceInfo } from './planning';

/** A series of `rates` (req/s), one sample per `interval` seconds, as the simulation records it. */
function series(id: string, rates: readonly number[], interval: number, lastInterval = interval): PlanSeries {
  const time = rates.map((_, i) => (i === rates.length - 1 ? i * interval + lastInterval : (i + 1) * interval));
  const data = Float64Array.from(rates);
  return { time: Float64Array.from(time), column: (name) => (name === `${id}.arrivals` ? data : undefined) };
}

const info: PlanServiceInfo = { id: 'web', metricsInterval: 60, meanWork: 0.1, concurrency: 4, minReplicas: 1 };
const request: CapacityPlanRequest = { step: '5m', horizon: '30m', targetUtilization: 0.6, replicasPerHost: 2 };

describe('planFromSeries', () => {
  it('sums whole metrics intervals into steps and plans from them', () => {
    // 3 h of 1-minute samples: 10 req/s rising by 1 req/s per hour.
    const rates = Array.from({ length: 180 }, (_, i) => 10 + i / 60);
    const r = planFromSeries(series('web', rates, 60), info, request);
    if (!r.ok) throw new Error(r.error);
    expect(r.stepSeconds).toBe(300);
    expect(r.history).toHaveLength(36);
    // The first step: minutes 0..4 at 10, 10 + 1/60 … requests = Σ rate × 60.
    const first = rates.slice(0, 5).reduce((a, v) => a + v * 60, 0);
    expect(r.history[0]).toBeCloseTo(first, 6);
    expect(r.droppedIntervals).toBe(0);
    expect(r.plan.backtest.holdout).toBe(6);
    expect(r.plan.backtest.actual).toEqual(r.history.slice(-6));
    expect(r.plan.forecast.values).toHaveLength(6);
    // A straight line: the linear trend wins 'auto' and forecasts it almost exactly.
    expect(r.plan.model).toBe('linear');
    expect(r.plan.backtest.mape).toBeLessThan(0.5);
    // Peak ≈ 13.1 req/s; 4 slots ÷ 0.1 s = 40 req/s per replica; at 60 % that is one replica.
    expect(r.plan.recommendation.replicas).toBe(1);
    expect(r.plan.recommendation.hosts).toBe(1);
    expect(r.capacityNote).toContain('40 req/s');
    expect(r.plan.explanation.length).toBeGreaterThan(20);
  });

  it('leaves out a partial last interval and a partial last step', () => {
    const rates = Array.from({ length: 63 }, () => 5);
    // 62 whole minutes and one of 20 s (the end of a run).
    const r = planFromSeries(series('web', rates, 60, 20), info, { ...request, horizon: '10m' });
    if (!r.ok) throw new Error(r.error);
    expect(r.history).toHaveLength(12);
    expect(r.droppedIntervals).toBe(2);
    expect(r.history.every((v) => Math.abs(v - 1500) < 1e-9)).toBe(true);
  });

  it('says how much history a step and a horizon need', () => {
    const rates = Array.from({ length: 120 }, () => 8);
    const r = planFromSeries(series('web', rates, 60), info, { ...request, step: '1h', horizon: '6h' });
    expect(r).toEqual({
      ok: false,
      error: 'the run has 2h of history; a 1h step and a 6h horizon need at least 8h (6 steps held out to check the forecast and 2 to fit a linear trend)',
      code: 'short-history',
      params: { history: '2h', step: '1h', horizon: '6h', need: '8h', holdout: 6, train: 2, model: 'linear' },
    });
    const hw = planFromSeries(series('web', rates, 60), info, { ...request, step: '1h', horizon: '1h', model: 'holt-winters' });
    expect(hw).toMatchObject({ ok: false, error: expect.stringContaining('49 to cover two seasons for Holt-Winters') });
    const none = planFromSeries(series('web', [], 60), info, request);
    expect(none).toMatchObject({ ok: false, error: expect.stringContaining('no history yet') });
  });

  it('refuses bad settings with one plain sentence', () => {
    const s = series('web', Array.from({ length: 600 }, () => 3), 60);
    expect(planFromSeries(s, info, { ...request, step: '90s' })).toMatchObject({ ok: false, error: 'the step (1m30s) must be a whole multiple of the metrics interval (1m)' });
    expect(planFromSeries(s, info, { ...request, horizon: '7m' })).toMatchObject({ ok: false, error: 'the horizon (7m) must be a whole number of steps (5m)' });
    expect(planFromSeries(s, info, { ...request, step: 'soon' })).toMatchObject({ ok: false, error: 'the step must be a positive duration such as 5m or 1h, got "soon"' });
    expect(planFromSeries(s, info, { ...request, targetUtilization: 0 })).toMatchObject({ ok: false, error: expect.stringContaining('target utilization') });
    expect(planFromSeries(s, info, { ...request, replicasPerHost: 1.5 })).toMatchObject({ ok: false, error: expect.stringContaining('replicas per host') });
    expect(planFromSeries(s, info, { ...request, model: 'magic' as never })).toMatchObject({ ok: false, error: expect.stringContaining('the model must be auto') });
    expect(planFromSeries(s, info, { ...request, step: '1m', horizon: `${MAX_HORIZON_STEPS + 1}m` })).toMatchObject({ ok: false, error: expect.stringContaining('at most 1,000') });
    expect(planFromSeries(s, { ...info, id: 'api' }, request)).toMatchObject({ ok: false, error: 'the run has no arrival series for service "api"' });
    expect(planFromSeries(s, info, null as never)).toMatchObject({ ok: false });
  });

  it('sizes for a latency objective when one is given', () => {
    const rates = Array.from({ length: 240 }, () => 100);
    const plain = planFromSeries(series('web', rates, 60), info, { ...request, targetUtilization: 1 });
    const strict = planFromSeries(series('web', rates, 60), info, { ...request, targetUtilization: 1, slaWait: '5ms', slaQuantile: 0.999 });
    if (!plain.ok || !strict.ok) throw new Error('expected plans');
    expect(strict.plan.recommendation.boundBy).toBe('sla');
    expect(strict.plan.recommendation.replicas).toBeGreaterThan(plain.plan.recommendation.replicas);
  });
});

const smallScenario = {
  cumulo: 1,
  name: 'planning test',
  seed: 3,
  duration: '3h',
  metricsInterval: '1m',
  regions: [{ id: 'r', zones: [{ id: 'z' }] }],
  services: [{ id: 'app', zone: 'z', replicas: 2, concurrency: 2, work: { type: 'exponential', mean: 0.05 } }],
  workloads: [{ id: 'users', target: 'app', arrival: { type: 'piecewise', points: [{ at: 0, rate: 4 }, { at: '3h', rate: 10 }], interpolation: 'linear' } }],
};

describe('planForService', () => {
  it('plans from the run the page is watching', () => {
    const s = new SimService({ setTimer: () => 0, clearTimer: () => undefined });
    s.subscribe(() => undefined); // the page
    expect(planForService(s, 'app', request)).toMatchObject({ ok: false, error: 'no scenario is loaded' });
    const loaded = s.load({ scenario: smallScenario });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(planForService(s, 'app', request)).toMatchObject({ ok: false, error: expect.stringContaining('no history yet') });
    const results = s.runToEnd();
    const r = planForService(s, 'app', { ...request, step: '10m', horizon: '1h' });
    if (!r.ok) throw new Error(r.error);
    expect(r.history).toHaveLength(18);
    // Every arrival of the run is in some step (rates × whole minutes add back up to the count).
    const total = r.history.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(results.services[0]!.arrivals, -1);
    expect(r.capacityNote).toContain('40 req/s');
    expect(r.plan.forecast.values).toHaveLength(6);
    expect(r.plan.backtest.models.map((m) => m.model)).toEqual(['linear', 'seasonal-naive', 'holt-winters']);
    // Growing traffic: the forward forecast keeps rising past the last step.
    expect(r.plan.forecast.peak.value).toBeGreaterThan(r.history[r.history.length - 1]! * 0.95);
    expect(planForService(s, 'nope', request)).toMatchObject({ ok: false, error: 'there is no service "nope"' });
    s.dispose();
  });
});
