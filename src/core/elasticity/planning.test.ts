import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../engine/random';
import { cosTurns } from '../engine/trig';
import { mape, recommendCapacity } from './forecast';
import {
  aggregateCounts,
  bucketArrivals,
  defaultSeasonLength,
  erlangB,
  erlangC,
  mmcMeanWait,
  mmcWaitExceeds,
  planCapacity,
  sizeReplicas,
  type PlanInput,
} from './planning';

const NASA = '../shared/traces/nasa-http-1995/requests_per_minute.csv';

const service = { perReplicaCapacity: 10, targetUtilization: 0.7, replicasPerHost: 4 };

/** base + slope·t + amp·sin(2π t / 24), plus uniform noise of ± `noise`. */
function synthetic(n: number, opts: { base: number; slope: number; amp: number; noise: number; seed?: number }): number[] {
  const r = RandomStream.forEntity(opts.seed ?? 3, 'planning-test');
  return Array.from({ length: n }, (_, t) => opts.base + opts.slope * t + opts.amp * cosTurns(t / 24 - 0.25) + (r.next() - 0.5) * 2 * opts.noise);
}

describe('Erlang B and C', () => {
  it('match hand-checked textbook values', () => {
    // c = 2, a = 1: B(1) = 1/2, B(2) = (1 · 1/2) / (2 + 1/2) = 1/5; C = 2 · 1/5 / (2 − 1 · 4/5) = 1/3.
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 15);
    // c = 4, a = 3, by hand: B(1) = 3/4, B(2) = (9/4)/(2 + 9/4) = 9/17, B(3) = (27/17)/(3 + 27/17) = 9/26,
    // B(4) = (27/26)/(4 + 27/26) = 27/131; C = 4 · 27/131 / (4 − 3 · 104/131) = 108/212 = 27/53 ≈ 0.5094
    // (the value tabulated for 4 servers at 75 % load). Mean wait with μ = 1: C / (cμ − λ) = 27/53 s.
    expect(erlangB(4, 3)).toBeCloseTo(27 / 131, 15);
    expect(erlangC(4, 3)).toBeCloseTo(27 / 53, 14);
    expect(mmcMeanWait(4, 3, 1)).toBeCloseTo(27 / 53, 14);
    // One server: C = ρ, P(wait > t) = ρ e^{−(μ − λ) t}, mean wait ρ / (μ − λ) (M/M/1).
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 15);
    expect(mmcWaitExceeds(1, 8, 10, 0.5)).toBeCloseTo(0.8 * 0.36787944117144233, 14); // e^−1
    expect(mmcMeanWait(1, 8, 10)).toBeCloseTo(0.4, 14);
    // Unstable or idle.
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(3, 5)).toBe(1);
    expect(mmcMeanWait(3, 5, 1)).toBe(Infinity);
    expect(erlangC(3, 0)).toBe(0);
  });

  it('stays finite and ordered for thousands of servers (no factorials, no overflow)', () => {
    const c = erlangC(10_000, 9_900);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    // more servers, less waiting; more load, more waiting
    expect(erlangC(10_001, 9_900)).toBeLessThan(c);
    expect(erlangC(10_000, 9_901)).toBeGreaterThan(c);
    // a^c / c! would overflow long before this; the recursion does not
    expect(Number.isFinite(erlangB(100_000, 1e5))).toBe(true);
  });

  it('rejects what is not a queue', () => {
    expect(() => erlangC(0, 1)).toThrow('servers must be a whole number ≥ 1, got 0');
    expect(() => erlangC(2, -1)).toThrow('the offered load must be a finite number ≥ 0, got -1');
    expect(() => mmcWaitExceeds(2, 1, 0, 1)).toThrow('the service rate must be a positive number, got 0');
  });
});

describe('sizing for a peak', () => {
  it('without an SLA equals the utilization-only recommendation (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0.1, max: 1e3, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 16 }),
        (peak, cap, u, perHost) => {
          const a = sizeReplicas(peak, { perReplicaCapacity: cap, targetUtilization: u, replicasPerHost: perHost });
          const b = recommendCapacity({ forecastPeakRate: peak, perReplicaCapacity: cap, targetUtilization: u, replicasPerHost: perHost });
          expect([a.replicas, a.hosts]).toEqual([b.replicas, b.hosts]);
        },
      ),
    );
  });

  it('adds replicas when the latency objective needs more than the utilization target', () => {
    // 90 req/s, 0.1 s per request, one slot per replica: 9 Erlangs. 80 % utilization needs
    // ceil(90 / 8) = 12 replicas; P(wait > 20 ms) ≤ 1 % needs more.
    const svc = { meanServiceTime: 0.1, targetUtilization: 0.8, replicasPerHost: 4 };
    const plain = sizeReplicas(90, svc);
    expect(plain).toMatchObject({ replicas: 12, hosts: 3, boundBy: 'utilization', slaReplicas: null });
    const sla = { waitQuantile: { wait: 0.02, quantile: 0.99 } };
    const s = sizeReplicas(90, svc, sla);
    expect(s.boundBy).toBe('sla');
    expect(s.utilizationReplicas).toBe(12);
    expect(s.replicas).toBe(s.slaReplicas);
    expect(s.replicas).toBeGreaterThan(12);
    // the smallest such count: it meets the objective, one fewer does not
    expect(mmcWaitExceeds(s.replicas, 90, 10, 0.02)).toBeLessThanOrEqual(0.01);
    expect(mmcWaitExceeds(s.replicas - 1, 90, 10, 0.02)).toBeGreaterThan(0.01);
    expect(s.waitExceedsProbability).toBe(mmcWaitExceeds(s.replicas, 90, 10, 0.02));
    expect(s.hosts).toBe(Math.ceil(s.replicas / 4));
    expect(s.explanation).toContain(`the SLA P(wait > 20 ms) ≤ 1.0 % needs ${s.replicas}`);
    expect(s.explanation).toMatch(/→ \d+ replicas \(SLA: P\(wait > 20 ms\) = [\d.]+ %\) → \d+ hosts \(4 per host\)$/);

    // A mean-wait objective; concurrency splits a replica into servers of rate capacity / concurrency.
    const m = sizeReplicas(90, { meanServiceTime: 0.4, concurrency: 4, targetUtilization: 1, replicasPerHost: 1 }, { meanWait: 0.005 });
    // capacity 10 req/s per replica; 100 % utilization needs 9 replicas = 36 servers at 36 Erlangs: unstable
    expect(m.utilizationReplicas).toBe(9);
    expect(m.serversPerReplica).toBe(4);
    expect(m.serviceRate).toBe(2.5);
    expect(mmcMeanWait(m.replicas * 4, 90, 2.5)).toBeLessThanOrEqual(0.005);
    expect(mmcMeanWait((m.replicas - 1) * 4, 90, 2.5)).toBeGreaterThan(0.005);
    expect(m.boundBy).toBe('sla');
  });

  it('never recommends fewer replicas for a higher peak (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.record({ wait: fc.double({ min: 0, max: 1, noNaN: true }), quantile: fc.double({ min: 0.5, max: 0.9999, noNaN: true }) })),
        fc.option(fc.double({ min: 1e-4, max: 1, noNaN: true })),
        (p1, p2, cap, k, u, minReplicas, wq, meanWait) => {
          const svc = { perReplicaCapacity: cap, concurrency: k, targetUtilization: u, replicasPerHost: 3, minReplicas };
          const sla = { ...(wq === null ? {} : { waitQuantile: wq }), ...(meanWait === null ? {} : { meanWait }) };
          const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const a = sizeReplicas(lo, svc, sla);
          const b = sizeReplicas(hi, svc, sla);
          expect(b.replicas).toBeGreaterThanOrEqual(a.replicas);
          expect(b.hosts).toBeGreaterThanOrEqual(a.hosts);
          expect(b.replicas).toBeGreaterThanOrEqual(minReplicas);
          expect(hi / b.replicas || 0).toBeLessThanOrEqual(cap * u * (1 + 1e-8));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('planCapacity', () => {
  it('picks Holt-Winters on a seasonal series with a trend, where it beats the line and "same as yesterday"', () => {
    const series = synthetic(24 * 12, { base: 100, slope: 0.5, amp: 20, noise: 3 });
    const plan = planCapacity({ series, stepSeconds: 3600, horizon: 24, service });
    expect(plan.seasonLength).toBe(24);
    expect(plan.model).toBe('holt-winters');
    const byModel = Object.fromEntries(plan.backtest.models.map((t) => [t.model, t.ok ? t.mape : NaN]));
    expect(byModel['holt-winters']).toBeLessThan(2); // the noise alone is ±3 on values near 230
    expect(byModel['linear']).toBeGreaterThan(4); // a line cannot follow a ±20 swing
    expect(byModel['seasonal-naive']).toBeGreaterThan(4); // lags the trend by 24 × 0.5 = 12
    expect(plan.backtest.mape).toBe(byModel['holt-winters']);
    expect(plan.backtest.trainLength).toBe(24 * 11);
    expect(plan.backtest.actual).toEqual(series.slice(24 * 11));
    expect(plan.params).toMatchObject({ model: 'holt-winters', seasonLength: 24, lead: 24 });
    // the forecast peak is the next afternoon's top: 100 + 0.5 · (288 + 6) + 20 ≈ 267 per hour
    expect(plan.forecast.peak.step).toBeGreaterThanOrEqual(5);
    expect(plan.forecast.peak.step).toBeLessThanOrEqual(8);
    expect(plan.forecast.peak.index).toBe(288 + plan.forecast.peak.step - 1);
    expect(plan.forecast.peak.value).toBeGreaterThan(260);
    expect(plan.forecast.peak.value).toBeLessThan(275);
    expect(plan.forecast.peak.rate).toBe(plan.forecast.peak.value / 3600);
    expect(plan.recommendation).toMatchObject({ replicas: 1, hosts: 1, boundBy: 'utilization' }); // 0.07 req/s
    expect(plan.explanation).toMatch(/^peak 0\.07\d* req\/s \(26\d(\.\d+)? per 1 h step\) forecast at step \d of 24 by holt-winters \(holdout MAPE \d\.\d %\): /);
  });

  it('picks the linear trend on a noisy trend without a season (30 seeds)', () => {
    // Holt-Winters contains a linear trend, so on a pure trend it can at best match the line; it pays
    // for estimating its slope locally (β) and for 24 seasonal terms fitted to noise. Two days ahead
    // on 10 days of 100 + t ± 20, the least-squares line wins the backtest on most seeds.
    let linearWins = 0;
    let ratio = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const series = synthetic(240, { base: 100, slope: 1, amp: 0, noise: 20, seed });
      const plan = planCapacity({ series, stepSeconds: 3600, horizon: 48, service });
      const [line, naive, hw] = plan.backtest.models.map((t) => (t.ok ? t.mape : NaN)) as [number, number, number];
      expect(naive).toBeGreaterThan(line); // "same as yesterday" is a day (24 requests/h) behind
      if (plan.model === 'linear') linearWins++;
      ratio += hw / line;
    }
    expect(linearWins).toBeGreaterThanOrEqual(25); // measured: 27 of 30
    expect(ratio / 30).toBeGreaterThan(1.03); // measured: Holt-Winters' MAPE 8 % higher on average

    const plan = planCapacity({ series: synthetic(240, { base: 100, slope: 1, amp: 0, noise: 20, seed: 1 }), stepSeconds: 3600, horizon: 48, service });
    expect(plan.model).toBe('linear');
    if (plan.params.model !== 'linear') throw new Error('unreachable');
    expect(plan.params.slope).toBeCloseTo(1, 1);
    expect(plan.forecast.peak.step).toBe(48); // the forecast climbs: its peak is its last step
    expect(plan.forecast.peak.value).toBeCloseTo(plan.params.intercept + plan.params.slope * (240 + 47), 9);
  });

  it('sizes for the forecast peak as a rate, with the SLA when one is given', () => {
    // 3600 requests per minute at the peak = 60 req/s
    const series = Array.from({ length: 30 }, (_, t) => 1800 + 60 * t);
    const base: PlanInput = { series, stepSeconds: 60, horizon: 5, model: 'linear', service: { meanServiceTime: 0.1, targetUtilization: 0.75, replicasPerHost: 2 } };
    const plan = planCapacity(base);
    expect(plan.forecast.values).toEqual([3600, 3660, 3720, 3780, 3840].map((v) => expect.closeTo(v, 6)));
    expect(plan.forecast.peak.rate).toBeCloseTo(64, 9);
    expect(plan.recommendation).toMatchObject({ replicas: 9, hosts: 5, boundBy: 'utilization' }); // ceil(64 / 7.5)
    expect(plan.seasonLength).toBe(1440);
    expect(plan.backtest.models.map((t) => t.model)).toEqual(['linear']);
    const withSla = planCapacity({ ...base, sla: { waitQuantile: { wait: 0.05, quantile: 0.999 } } });
    expect(withSla.recommendation.boundBy).toBe('sla');
    expect(withSla.recommendation.replicas).toBeGreaterThan(9);
    expect(withSla.explanation).toContain('SLA: P(wait > 50 ms) = ');
  });

  it('reports models it could not try, and chooses by MAE when every held-out value is 0', () => {
    const series = [5, 4, 3, 2, 1, 0, 0, 0];
    const plan = planCapacity({ series, stepSeconds: 3600, horizon: 3, service });
    expect(plan.backtest.models).toEqual([
      expect.objectContaining({ model: 'linear', ok: true }),
      { model: 'seasonal-naive', ok: false, reason: 'it needs one season = 24 steps', need: { kind: 'one-season', steps: 24 } },
      { model: 'holt-winters', ok: false, reason: 'it needs 2 seasons + 1 = 49 steps', need: { kind: 'two-seasons', steps: 49 } },
    ]);
    expect(plan.backtest.mape).toBeNaN();
    expect(plan.explanation).toContain('MAPE undefined (all held-out values are 0)');
    expect(Math.min(...plan.forecast.values)).toBe(0); // a falling line is floored at 0
    // no season at all when the step does not divide a day
    expect(defaultSeasonLength(7 * 3600)).toBeNull();
    expect(defaultSeasonLength(300)).toBe(288);
    expect(defaultSeasonLength(86400)).toBeNull();
    const odd = planCapacity({ series: synthetic(40, { base: 10, slope: 0, amp: 0, noise: 1 }), stepSeconds: 7 * 3600, horizon: 2, service });
    expect(odd.seasonLength).toBeNull();
    expect(odd.backtest.models[2]).toEqual({ model: 'holt-winters', ok: false, reason: 'it needs a season (give a season length; the step does not divide a day)', need: { kind: 'no-season', steps: 0 } });
  });

  it('rejects bad input with a specific RangeError', () => {
    const series = synthetic(60, { base: 10, slope: 0, amp: 2, noise: 1 });
    const ok: PlanInput = { series, stepSeconds: 3600, horizon: 24, service };
    const cases: Array<[Partial<PlanInput> & { service?: PlanInput['service'] }, string]> = [
      [{ model: 'holt-winters' }, 'series too short for holt-winters: 60 steps − 24 held out leave 36 to train on; it needs 2 seasons + 1 = 49 steps'],
      [{ series: [1, 2, 3], horizon: 3 }, 'series too short: 3 steps leave nothing to train on with a holdout of 3'],
      [{ series: [1, 2], horizon: 1 }, 'series too short for any model: 2 steps − 1 held out leave 1 to train on (linear: a linear trend needs at least 2 steps; seasonal-naive: it needs one season = 24 steps; holt-winters: it needs 2 seasons + 1 = 49 steps)'],
      [{ series: [...series.slice(0, 10), NaN, ...series.slice(11)] }, 'series[10] is not a finite number (NaN)'],
      [{ series: [...series.slice(0, 10), Infinity, ...series.slice(11)] }, 'series[10] is not a finite number (Infinity)'],
      [{ series: [...series.slice(0, 3), -1, ...series.slice(4)] }, 'series[3] is negative (-1); demand is never below 0'],
      [{ horizon: 0 }, 'horizon must be a whole number of steps ≥ 1, got 0'],
      [{ horizon: 2.5 }, 'horizon must be a whole number of steps ≥ 1, got 2.5'],
      [{ holdout: 0 }, 'holdout must be a whole number of steps ≥ 1, got 0'],
      [{ stepSeconds: 0 }, 'stepSeconds must be a positive number, got 0'],
      [{ seasonLength: 1 }, 'seasonLength must be a whole number of steps ≥ 2, got 1'],
      [{ model: 'arima' as never }, 'model must be auto, linear, seasonal-naive, holt-winters; got arima'],
      [{ service: { ...service, targetUtilization: 0 } }, 'targetUtilization must be in (0, 1], got 0'],
      [{ service: { ...service, targetUtilization: 1.2 } }, 'targetUtilization must be in (0, 1], got 1.2'],
      [{ service: { ...service, replicasPerHost: 0 } }, 'replicasPerHost must be a whole number ≥ 1, got 0'],
      [{ service: { targetUtilization: 0.5, replicasPerHost: 1 } }, 'the service needs perReplicaCapacity or meanServiceTime'],
      [{ service: { ...service, meanServiceTime: 0.1 } }, 'give perReplicaCapacity or meanServiceTime, not both'],
      [{ service: { ...service, perReplicaCapacity: -5 } }, 'perReplicaCapacity must be a positive number of requests per second, got -5'],
      [{ service: { ...service, concurrency: 0 } }, 'concurrency must be a whole number ≥ 1, got 0'],
      [{ sla: { waitQuantile: { wait: 0.2, quantile: 1 } } }, 'the SLA quantile must be between 0 and 1 (exclusive), got 1'],
      [{ sla: { meanWait: 0 } }, 'the SLA mean wait must be a positive number of seconds, got 0'],
    ];
    for (const [patch, message] of cases) {
      expect(() => planCapacity({ ...ok, ...patch }), message).toThrow(RangeError);
      expect(() => planCapacity({ ...ok, ...patch })).toThrow(message);
    }
    expect(() => planCapacity(ok)).not.toThrow();
  });
});

describe('demand series', () => {
  it('sums per-minute counts into steps, leaving out a partial last step', () => {
    expect(aggregateCounts([1, 2, 3, 4, 5, 6, 7], 60, 180)).toEqual({ series: [6, 15], droppedTail: 1 });
    expect(aggregateCounts([1, 2], 5, 5)).toEqual({ series: [1, 2], droppedTail: 0 });
    expect(() => aggregateCounts([1, 2, 3], 60, 90)).toThrow('the step (1.5 min) must be a whole multiple of the data\'s interval (1 min)');
    expect(() => aggregateCounts([1, 2], 60, 3600)).toThrow('the data cover 2 × 1 min, less than one step of 1 h');
    expect(() => aggregateCounts([1, -2], 60, 60)).toThrow('counts[1] must be a finite number ≥ 0, got -2');
  });

  it('counts arrival times per step from the first whole step', () => {
    // start = floor(65 / 60) · 60 = 60; the last arrival (250) ends the data: steps [60,120), [120,180), [180,240)
    expect(bucketArrivals([65, 70, 130, 200, 210, 250], 60)).toEqual({ series: [2, 1, 2], start: 60, droppedTail: 1 });
    expect(bucketArrivals([5, 15, 25], 10, 0)).toEqual({ series: [1, 1], start: 0, droppedTail: 1 });
    expect(() => bucketArrivals([5, 6], 60)).toThrow('the arrivals span 6 s, less than one step of 1 min');
    expect(() => bucketArrivals([5, 100], 60, 10)).toThrow('an arrival at 5 s comes before the start (10 s)');
    expect(() => bucketArrivals([], 60)).toThrow('there are no arrival times');
  });
});

/**
 * The NASA-HTTP trace (July–August 1995): per-minute request counts, summed per hour (1405 whole
 * hours; the last 33 minutes are left out). Capacity: 0.01 req/s per replica (a unit small enough
 * that rounding to whole replicas does not hide forecast errors), 70 % target utilization.
 *
 * 1. The plan the CLI makes by default (season one day, the last 24 hours held out) chooses
 *    Holt-Winters. Backtest MAPE (%): Holt-Winters 16.6, seasonal naive 26.3, linear 43.7.
 *
 * 2. The forecast checked against what happened: on each of the last 7 whole days D (hours 1224 …
 *    1391), a plan made from the hours before D forecasts D; its MAPE against D's real hours is
 *    out of sample (the holdout that chose the model lies before D). Mean / worst next-day MAPE (%):
 *
 *                                                        mean   worst   worst actual peak ÷ forecast peak
 *      season 1 day,  auto, holdout 1 day                35.8    67.8   1.86
 *      season 1 day,  Holt-Winters                       38.3    67.8
 *      season 1 day,  seasonal naive ("as yesterday")    33.3    60.4   1.56
 *      linear trend                                      46.3    78.2
 *      season 1 week, auto, holdout 1 week               20.9    42.6   1.18   (chooses seasonal naive each day)
 *
 *    The trace has a strong weekly cycle (quiet weekends) that a one-day season cannot see; with a
 *    week's season "same hour last week" wins every backtest and forecasts the next day best.
 *
 *    The bounds asserted: mean next-day MAPE < 25 %, and every day's real peak within the plan's
 *    capacity (actual peak ≤ replicas × capacity, i.e. utilization ≤ 100 %). Why 25 %: the 70 %
 *    target leaves 1/0.7 − 1 ≈ 43 % headroom over the forecast peak, so errors of a quarter stay
 *    inside it with room for the within-day spread; and both bounds fail for the plans with a
 *    one-day season (35.8 % mean; real peaks up to 1.86 × the forecast), so they are bounds a plan
 *    can miss, not a formality.
 */
describe.skipIf(!existsSync(NASA))('the NASA 1995 trace (skipped when ../shared/traces is absent)', () => {
  const load = () => {
    const perMinute = readFileSync(NASA, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1]));
    return aggregateCounts(perMinute, 60, 3600);
  };
  const svc = { perReplicaCapacity: 0.01, targetUtilization: 0.7, replicasPerHost: 4 };

  it('plans a day ahead: Holt-Winters chosen by a day-long backtest', () => {
    const { series, droppedTail } = load();
    expect(series.length).toBe(1405);
    expect(droppedTail).toBe(33);
    const plan = planCapacity({ series, stepSeconds: 3600, horizon: 24, service: svc });
    const byModel = Object.fromEntries(plan.backtest.models.map((t) => [t.model, t.ok ? t.mape : NaN]));
    expect(byModel['holt-winters']).toBeCloseTo(16.6, 1);
    expect(byModel['seasonal-naive']).toBeCloseTo(26.3, 1);
    expect(byModel['linear']).toBeCloseTo(43.7, 1);
    expect(plan.model).toBe('holt-winters');
    expect(plan.backtest.mape).toBeLessThan(20);
    expect(plan.params).toMatchObject({ model: 'holt-winters', seasonLength: 24, lead: 24 });
  });

  it('checked against the next real day, over the last 7 days: a weekly season keeps the MAPE under 25 % and every peak inside the plan', () => {
    const { series } = load();
    const nextDay = (season: number, holdout: number) =>
      Array.from({ length: 7 }, (_, k) => {
        const dayStart = 1368 - 24 * k;
        const plan = planCapacity({ series: series.slice(0, dayStart), stepSeconds: 3600, horizon: 24, holdout, seasonLength: season, service: svc });
        const actual = series.slice(dayStart, dayStart + 24);
        const peak = Math.max(...actual) / 3600;
        return { model: plan.model, mape: mape(actual, plan.forecast.values), covered: peak <= plan.recommendation.replicas * svc.perReplicaCapacity };
      });
    const mean = (days: Array<{ mape: number }>) => days.reduce((a, d) => a + d.mape, 0) / days.length;

    const weekly = nextDay(168, 168);
    expect(weekly.map((d) => d.model)).toEqual(Array(7).fill('seasonal-naive'));
    expect(mean(weekly)).toBeCloseTo(20.9, 1);
    expect(mean(weekly)).toBeLessThan(25);
    expect(weekly.every((d) => d.covered)).toBe(true);

    // The default one-day season fails both bounds on the same days.
    const daily = nextDay(24, 24);
    expect(mean(daily)).toBeCloseTo(35.8, 1);
    expect(mean(daily)).toBeGreaterThan(25);
    expect(daily.filter((d) => !d.covered).length).toBeGreaterThan(0);
  });
});
