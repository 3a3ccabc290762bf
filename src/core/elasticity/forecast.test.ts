import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../engine/random';
import { cosTurns } from '../engine/trig';
import { fitHoltWinters, fitLinear, holtWinters, holtWintersRun, linearTrend, mape, recommendCapacity, seasonalNaive } from './forecast';

const NASA = '../shared/traces/nasa-http-1995/requests_per_minute.csv';

/** 100 + 0.5 t + 20 sin(2π t / 24), plus uniform noise of ± `noise`. */
function sineTrend(n: number, noise: number, seed = 7): number[] {
  const r = RandomStream.forEntity(seed, 'forecast-test');
  return Array.from({ length: n }, (_, t) => 100 + 0.5 * t + 20 * cosTurns(t / 24 - 0.25) + (r.next() - 0.5) * 2 * noise);
}

describe('linear trend', () => {
  it('is exact on a line', () => {
    const line = Array.from({ length: 20 }, (_, t) => 3 + 2 * t);
    expect(fitLinear(line)).toEqual({ intercept: 3, slope: 2 });
    linearTrend(line, 5).forEach((y, h) => expect(y).toBeCloseTo(3 + 2 * (20 + h), 9));
    expect(linearTrend([5], 2)).toEqual([5, 5]);
  });
});

describe('MAPE', () => {
  it('is 0 for a perfect forecast, in percent otherwise, and skips zero actuals', () => {
    expect(mape([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(mape([100, 200], [110, 180])).toBeCloseTo(10, 12);
    expect(mape([0, 100], [5, 90])).toBeCloseTo(10, 12); // the zero actual is left out
    expect(mape([0, 0], [1, 2])).toBeNaN();
    expect(() => mape([1], [1, 2])).toThrow('actual has 1 values but predicted has 2');
  });
});

describe('seasonal naive', () => {
  it('repeats the last season', () => {
    expect(seasonalNaive([1, 2, 3, 4, 5, 6], 3, 5)).toEqual([4, 5, 6, 4, 5]);
  });
});

describe('Holt-Winters (additive)', () => {
  it('is exact on trend + any repeating pattern, whatever α, β, γ (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 2, max: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pattern, a, b, seasons, alpha, beta, gamma) => {
          const m = pattern.length;
          const y = (t: number) => a + b * t + pattern[t % m]!;
          const history = Array.from({ length: seasons * m }, (_, t) => y(t));
          const f = holtWinters(history, { seasonLength: m, alpha, beta, gamma }, 2 * m);
          f.forEach((v, h) => expect(v).toBeCloseTo(y(history.length + h), 6));
        },
      ),
    );
  });

  it('forecasts a noisy sine + trend one season ahead within 5 % MAPE, beating the linear trend', () => {
    const series = sineTrend(264, 3);
    const history = series.slice(0, 240);
    const actual = series.slice(240);
    const fit = fitHoltWinters(history, 24);
    expect(fit.tried).toBe(245);
    const hw = mape(actual, holtWinters(history, fit, 24));
    const line = mape(actual, linearTrend(history, 24));
    expect(hw).toBeLessThan(5);
    expect(hw).toBeLessThan(line);
    expect(hw).toBeLessThan(1.5); // the noise alone is ±3 on values near 225
    expect(line).toBeGreaterThan(4); // a line cannot follow a ±20 swing
  });

  it('seeds from the first two seasons and reports forecasts made `lead` steps ahead', () => {
    const h = [10, 20, 12, 22];
    const run = holtWintersRun(h, { seasonLength: 2, alpha: 0.5, beta: 0.5, gamma: 0.5 });
    // A1 = 15, A2 = 17, b = 1, ℓ = 15.5, s = [((10 − 15 + 0.5) + (12 − 17 + 0.5)) / 2, …] = [−4.5, 4.5]
    expect(run.ahead[2]).toBe(15.5 + 1 - 4.5);
    expect(Number.isNaN(run.ahead[1]!)).toBe(true);
    const two = holtWintersRun(h, { seasonLength: 2, alpha: 0.5, beta: 0.5, gamma: 0.5 }, 2);
    expect(Number.isNaN(two.ahead[2]!)).toBe(true); // would need the state after step 0, before the seed
    expect(two.ahead[3]).toBe(15.5 + 2 + 4.5); // from the seed (after step 1): exactly y₃ = 22
  });

  it('rejects what it cannot use', () => {
    expect(() => holtWinters([1, 2, 3], { seasonLength: 2, alpha: 0.5, beta: 0.1, gamma: 0.1 }, 1)).toThrow('history needs at least 4 values, got 3');
    expect(() => holtWinters([1, 2, 3, 4], { seasonLength: 2, alpha: 1.5, beta: 0.1, gamma: 0.1 }, 1)).toThrow('alpha must be between 0 and 1, got 1.5');
    expect(() => fitHoltWinters([1, 2, 3, 4], 2)).toThrow('history needs at least 5 values, got 4');
    expect(() => linearTrend([1, NaN], 1)).toThrow('history[1] is not a finite number (NaN)');
  });

  /**
   * The NASA-HTTP trace (July–August 1995), per-minute request counts summed per hour. Each day is
   * forecast from all the hours before it; Holt-Winters has a 24-hour season. Figures (MAPE, %):
   *
   *                                                     last full day   mean of last 7 days
   *   Holt-Winters, grid fit on 1-step errors (α .9)        30.8              69.4
   *   Holt-Winters, grid fit on 24-step errors (α .2)       16.5              40.2
   *   "same as yesterday" (seasonal naive)                  26.0              33.3
   *   linear trend                                          48.2              46.3
   *   "same hour last week"                                 42.6              20.9
   *
   * The honest ordering: Holt-Winters with the one-step fit beats the linear trend on the last day,
   * but not "same as yesterday", and over a week it is the worst of all — the one-step criterion
   * picks α = 0.9 (the outage of 1–3 August and hourly spikes reward chasing the last value). Fitted
   * on day-ahead errors it beats both on the last day, beats the line over the week, and still loses
   * to "same as yesterday" on average. The trace's weekly cycle (quiet weekends) is something no
   * 24-hour season can see; "same hour last week" is the best of these over a week.
   */
  it.skipIf(!existsSync(NASA))('forecasts the NASA 1995 trace a day ahead (figures in the comment above)', () => {
    const perMinute = readFileSync(NASA, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1]));
    const hourly: number[] = [];
    for (let h = 0; h + 60 <= perMinute.length; h += 60) hourly.push(perMinute.slice(h, h + 60).reduce((a, b) => a + b, 0));
    expect(hourly.length).toBe(1405);

    const lastDayStart = Math.floor(hourly.length / 24) * 24 - 24; // hour 1368
    const day = (start: number) => {
      const train = hourly.slice(0, start);
      const actual = hourly.slice(start, start + 24);
      const one = fitHoltWinters(train, 24);
      const dayAhead = fitHoltWinters(train, 24, { lead: 24 });
      return {
        one,
        dayAhead,
        hwOne: mape(actual, holtWinters(train, one, 24)),
        hwDay: mape(actual, holtWinters(train, dayAhead, 24)),
        naive: mape(actual, seasonalNaive(train, 24, 24)),
        line: mape(actual, linearTrend(train, 24)),
        lastWeek: mape(actual, seasonalNaive(train, 168, 24)),
      };
    };

    const last = day(lastDayStart);
    expect([last.one.alpha, last.one.beta, last.one.gamma]).toEqual([0.9, 0, 0.1]);
    expect([last.dayAhead.alpha, last.dayAhead.beta, last.dayAhead.gamma]).toEqual([0.2, 0, 0.5]);
    expect(last.hwOne).toBeCloseTo(30.8, 1);
    expect(last.hwDay).toBeCloseTo(16.5, 1);
    expect(last.naive).toBeCloseTo(26.0, 1);
    expect(last.line).toBeCloseTo(48.2, 1);
    expect(last.lastWeek).toBeCloseTo(42.6, 1);
    expect(last.hwOne).toBeLessThan(last.line);
    expect(last.hwOne).toBeGreaterThan(last.naive);
    expect(last.hwDay).toBeLessThan(last.naive);

    const week = Array.from({ length: 7 }, (_, k) => day(lastDayStart - 24 * k));
    const avg = (key: 'hwOne' | 'hwDay' | 'naive' | 'line' | 'lastWeek') => week.reduce((a, d) => a + d[key], 0) / week.length;
    expect(avg('hwOne')).toBeCloseTo(69.4, 1);
    expect(avg('hwDay')).toBeCloseTo(40.2, 1);
    expect(avg('naive')).toBeCloseTo(33.3, 1);
    expect(avg('line')).toBeCloseTo(46.3, 1);
    expect(avg('lastWeek')).toBeCloseTo(20.9, 1);
    // lastWeek < naive < Holt-Winters (day-ahead fit) < line < Holt-Winters (one-step fit)
    expect(avg('lastWeek')).toBeLessThan(avg('naive'));
    expect(avg('naive')).toBeLessThan(avg('hwDay'));
    expect(avg('hwDay')).toBeLessThan(avg('line'));
    expect(avg('line')).toBeLessThan(avg('hwOne'));
  });
});

describe('capacity recommendation', () => {
  it('sizes replicas for the peak at the target utilization, then hosts', () => {
    const plan = recommendCapacity({ forecastPeakRate: 900, perReplicaCapacity: 100, targetUtilization: 0.6, replicasPerHost: 4 });
    expect(plan).toEqual({ replicas: 15, hosts: 4, explanation: 'peak 900 ÷ (100 per replica × 60 % target) → 15 replicas; 15 replicas ÷ 4 per host → 4 hosts' });
    // 0.7 × 100 × 3 = 210.00000000000003 in binary; still 3 replicas, not 4.
    expect(recommendCapacity({ forecastPeakRate: 210, perReplicaCapacity: 100, targetUtilization: 0.7, replicasPerHost: 2 }).replicas).toBe(3);
    expect(recommendCapacity({ forecastPeakRate: 0, perReplicaCapacity: 100, targetUtilization: 0.7, replicasPerHost: 2 })).toMatchObject({ replicas: 1, hosts: 1 });
    expect(recommendCapacity({ forecastPeakRate: 0, perReplicaCapacity: 100, targetUtilization: 0.7, replicasPerHost: 2, minReplicas: 0 })).toMatchObject({ replicas: 0, hosts: 0 });
    expect(() => recommendCapacity({ forecastPeakRate: 10, perReplicaCapacity: 100, targetUtilization: 1.2, replicasPerHost: 2 })).toThrow('targetUtilization must be in (0, 1], got 1.2');
  });

  it('never plans a replica above the target utilization (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0.1, max: 1e4, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        (peak, cap, u, perHost) => {
          const { replicas, hosts } = recommendCapacity({ forecastPeakRate: peak, perReplicaCapacity: cap, targetUtilization: u, replicasPerHost: perHost });
          expect(peak / replicas).toBeLessThanOrEqual(cap * u * (1 + 1e-8));
          if (replicas > 1) expect(peak / (replicas - 1)).toBeGreaterThan(cap * u * (1 - 1e-8));
          expect(hosts * perHost).toBeGreaterThanOrEqual(replicas);
          expect((hosts - 1) * perHost).toBeLessThan(replicas);
        },
      ),
    );
  });
});
