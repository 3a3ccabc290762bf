/**
 * The console words capacity plans from their data; in English that wording must be the planner's
 * own sentence. Checked over plans bound by utilization, the minimum and a latency objective, with and
 * without a MAPE, and over the planner's refusals.
 */
import { describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- the test runs the planner to compare its sentences with the console's wording */
import { planCapacity, PlanRefusal, type PlanInput } from '../../core/elasticity/planning';
import { planFromSeries, type CapacityPlanRequest, type PlanSeries, type PlanServiceInfo } from '../../workers/planning';
/* eslint-enable no-restricted-imports */
import { translator } from '../i18n/messages';
import { planMessages } from './plan.messages';
import { notTriedReason, planError, planExplanation } from './planText';

const en = translator(planMessages, 'en');
const zh = translator(planMessages, 'zh');

/** Three English words in a row (model names such as holt-winters are one word). */
const ENGLISH_RUN = /[A-Za-z]+(?:\s+[A-Za-z]+){2,}/;

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
      [series, null as unknown as CapacityPlanRequest],
      [series, { ...base, model: 'arima' as never }],
    ];
    const codes = new Set<string>();
    for (const [s, req] of requests) {
      const r = planFromSeries(s, info, req);
      if (r.ok) throw new Error(`planned: ${JSON.stringify(req)}`);
      expect(r.code).toBeDefined();
      codes.add(r.code!);
      expect(planError(en, r)).toBe(r.error);
      expect(planError(zh, r)).toMatch(/\p{Script=Han}/u);
      expect(planError(zh, r)).not.toMatch(ENGLISH_RUN);
    }
    expect(codes.size).toBeGreaterThanOrEqual(11);
  });

  it('a latency objective beyond any fleet: refused with a code, worded in both languages', () => {
    // A billion requests a second with a 50 ms wait objective needs more servers than the planner will try.
    const info: PlanServiceInfo = { id: 'web', metricsInterval: 60, meanWork: 0.1, concurrency: 4, minReplicas: 1 };
    const rates = Array.from({ length: 30 }, () => 1e9);
    const series: PlanSeries = { time: Float64Array.from(rates.map((_, i) => (i + 1) * 60)), column: () => Float64Array.from(rates) };
    const r = planFromSeries(series, info, { step: '1m', horizon: '5m', targetUtilization: 0.7, replicasPerHost: 1, slaWait: '50ms' });
    if (r.ok) throw new Error('planned');
    expect(r.code).toBe('sla-servers');
    expect(r.error).toMatch(/^the latency objective needs more than 50,000,000 servers at \d/);
    expect(planError(en, r)).toBe(r.error);
    expect(planError(zh, r)).toMatch(/^在 \S+ req\/s 下，延迟目标需要超过 50,000,000 个服务槽位$/);
  });

  it("the core's own refusals (series too short) carry a code: the English is the thrown message, the Chinese says the same", () => {
    const service = { perReplicaCapacity: 10, targetUtilization: 0.7, replicasPerHost: 1 };
    const inputs: Array<[PlanInput, string, RegExp]> = [
      [{ series: [1, 2, 3], stepSeconds: 3600, horizon: 3, service }, 'series-short', /^序列太短：共 3 步，留出 3 步后/],
      [{ series: wave(60, 30, 5), stepSeconds: 3600, horizon: 24, model: 'holt-winters', service }, 'series-short-model', /无法使用 holt-winters.*需要 2 个季节周期 \+ 1 = 49 步$/],
      [{ series: [1, 2], stepSeconds: 3600, horizon: 1, service }, 'series-short-any', /（linear 模型：线性趋势至少需要 2 步；seasonal-naive 模型：需要一个季节周期 = 24 步；holt-winters 模型：需要 2 个季节周期 \+ 1 = 49 步）$/],
    ];
    for (const [input, code, chinese] of inputs) {
      let thrown: unknown;
      try {
        planCapacity(input);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(PlanRefusal);
      expect(thrown).toBeInstanceOf(RangeError);
      const e = thrown as PlanRefusal;
      expect(e.code).toBe(code);
      const refusal = { ok: false as const, error: e.message, code: e.code, params: e.params };
      expect(planError(en, refusal)).toBe(e.message);
      expect(planError(zh, refusal)).toMatch(chinese);
      expect(planError(zh, refusal)).not.toMatch(ENGLISH_RUN);
    }
  });
});
