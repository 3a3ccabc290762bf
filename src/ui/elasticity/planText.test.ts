/**
 * The console words capacity plans from their data; in English that wording must be the planner's
 * own sentence. Checked over plans bound by utilization, the minimum and a latency objective, with and
 * without a MAPE, and over the planner's refusals.
 */
import { describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- the test runs the planner to compare its sentences with the console's wording */
import { planCapacity, type PlanInput } from '../../core/elasticity/planning';
import { planFromSeries, type CapacityPlanRequest, type PlanSeries, type PlanServiceInfo } from '../../workers/planning';
/* eslint-enable no-restricted-imports */
import { translator } from '../i18n/messages';
import { planMessages } from './plan.messages';
import { notTriedReason, planError, planExplanation } from './planText';

const en = translator(planMessages, 'en');
const zh = translator(planMessages, 'zh');

const wave = (n: number, base: number, amp: number): number[] => Array.from({ length: n }, (_, i) => Math.max(0, base + amp * Math.sin((2 * Math.PI * i) / 24) + (i % 5)));

describe('capacity plans worded by the console', () => {
  const cases: Record<string, PlanInput> = {
    utilization: { series: wave(24 * 4, 36000, 9000), stepSeconds: 3600, horizon: 6, service: { perReplicaCapacity: 10, targetUtilization: 0.7, replicasPerHost: 4 } },
    minimum: { series: wave(60, 30, 5), stepSeconds: 60, horizon: 5, service: { perReplicaCapacity: 10, targetUtilization: 0.7, replicasPerHost: 3, minReplicas: 12 } },
    'latency objective': {
      series: wave(24 * 3, 72000, 20000),
      stepSeconds: 3600,
      horizon: 3,
      service: { meanServiceTime: 0.2, concurrency: 2, targetUtilization: 0.95, replicasPerHost: 2 },
      sla: { waitQuantile: { wait: 0.05, quantile: 0.99 }, meanWait: 0.01 },
    },
    'all zero held out': { series: [5, 4, 3, 2, 1, 0, 0, 0], stepSeconds: 3600, horizon: 3, service: { perReplicaCapacity: 10, targetUtilization: 0.7, replicasPerHost: 4 } },
  };
  for (const [name, input] of Object.entries(cases)) {
    it(`${name}: the English explanation is the planner's sentence`, () => {
      const plan = planCapacity(input);
      expect(planExplanation(en, plan)).toBe(plan.explanation);
      for (const m of plan.backtest.models) if (!m.ok) expect(notTriedReason(en, m)).toBe(m.reason);
      expect(planExplanation(zh, plan)).toMatch(/预测峰值/);
    });
  }

  it('a plan bound by the latency objective says so', () => {
    const plan = planCapacity(cases['latency objective']!);
    expect(plan.recommendation.boundBy).toBe('sla');
    expect(planExplanation(zh, plan)).toMatch(/SLA 达成：P\(等待 > 50 ms\) = /);
  });

  it("the planner's refusals: the English wording is the worker's sentence", () => {
    const info: PlanServiceInfo = { id: 'web', metricsInterval: 60, meanWork: 0.1, concurrency: 4, minReplicas: 1 };
    const rates = Array.from({ length: 30 }, () => 8);
    const time = Float64Array.from(rates.map((_, i) => (i + 1) * 60));
    const series: PlanSeries = { time, column: (n) => (n === 'web.arrivals' ? Float64Array.from(rates) : undefined) };
    const empty: PlanSeries = { time: new Float64Array(0), column: () => new Float64Array(0) };
    const base: CapacityPlanRequest = { step: '1m', horizon: '5m', targetUtilization: 0.7, replicasPerHost: 1 };
    const requests: Array<[PlanSeries, CapacityPlanRequest]> = [
      [series, { ...base, horizon: '6h' }],
      [empty, base],
      [series, { ...base, model: 'holt-winters', horizon: '10m' }],
      [series, { ...base, step: '5s', horizon: '1d' }],
      [series, { ...base, targetUtilization: Number.NaN }],
      [series, { ...base, replicasPerHost: 1.5 }],
      [series, { ...base, step: 'soon' }],
      [series, { ...base, slaWait: 'x' }],
      [series, { ...base, step: '90s' }],
      [series, { ...base, step: '7m', horizon: '7m', model: 'seasonal-naive' }],
      [series, { ...base, horizon: '90s' }],
      [series, { ...base, holdout: '150s' }],
      [series, { ...base, slaWait: '50ms', slaQuantile: 1.5 }],
      [{ time, column: () => undefined }, base],
    ];
    const codes = new Set<string>();
    for (const [s, req] of requests) {
      const r = planFromSeries(s, info, req);
      if (r.ok) throw new Error(`planned: ${JSON.stringify(req)}`);
      expect(r.code).toBeDefined();
      codes.add(r.code!);
      expect(planError(en, r)).toBe(r.error);
      expect(planError(zh, r)).toMatch(/\p{Script=Han}/u);
    }
    expect(codes.size).toBeGreaterThanOrEqual(9);
  });
});
