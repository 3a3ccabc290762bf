import { describe, expect, it } from 'vitest';
import type { AutoscalerSpecInput, ChartData, ReplicaView, ScalingDecision } from '../../workers/sim.worker';
import type { CapacityPlanResult } from '../../workers/planning';
import { applyDecisions, EMPTY_DECISIONS, filterDecisions, isChange, metricText, metricVsTarget } from './decisions';
import { changeFromForm, defaultRules, formFromSettings, readNumber, withPolicy } from './autoscalerForm';
import { defaultPlanWindow, horizonChoices, planPoints, stepChoices } from './planPoints';
import { scalingFigures, scalingPoints } from './scalingPoints';
import { cellState, memberCells } from '../topology/replicaState';

function decision(time: number, current: number, replicas: number, extra: Partial<ScalingDecision> = {}): ScalingDecision {
  return { time, service: 'web', policy: 'target-tracking', metric: 'cpu', value: 0.7, target: 0.6, current, desired: replicas, replicas, capped: null, forecast: null, reason: 'r', ...extra };
}

describe('the decision log', () => {
  it('appends deltas, numbers them, keeps a window and starts over on reset', () => {
    let s = applyDecisions(EMPTY_DECISIONS, { reset: true, entries: [decision(15, 2, 2), decision(30, 2, 4)] });
    expect(s.runRev).toBe(1);
    expect(s.rows.map((r) => r.seq)).toEqual([0, 1]);
    s = applyDecisions(s, { reset: false, entries: [decision(45, 4, 4), decision(60, 4, 3)] }, 3);
    expect(s.total).toBe(4);
    expect(s.rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    // An empty delta changes nothing (the same object, so nothing re-renders).
    expect(applyDecisions(s, { reset: false, entries: [] })).toBe(s);
    const r = applyDecisions(s, { reset: true, entries: [] });
    expect(r).toEqual({ rows: [], total: 0, runRev: 2 });
  });

  it('filters changes and a service, newest first', () => {
    const s = applyDecisions(EMPTY_DECISIONS, {
      reset: true,
      entries: [decision(15, 2, 2), decision(30, 2, 5), decision(45, 5, 5, { service: 'api' }), decision(60, 5, 5, { policy: 'step', reason: 'policy changed from target-tracking to step' })],
    });
    expect(filterDecisions(s.rows, { changesOnly: false, service: null }, 10).map((r) => r.d.time)).toEqual([60, 45, 30, 15]);
    expect(filterDecisions(s.rows, { changesOnly: true, service: null }, 10).map((r) => r.d.time)).toEqual([60, 30]);
    expect(filterDecisions(s.rows, { changesOnly: false, service: 'api' }, 10).map((r) => r.d.time)).toEqual([45]);
    expect(filterDecisions(s.rows, { changesOnly: false, service: null }, 2)).toHaveLength(2);
    expect(isChange(decision(0, 3, 3))).toBe(false);
  });

  it('shows metrics in their units', () => {
    expect(metricText('cpu', 0.723)).toBe('72.3 %');
    expect(metricText('rps', 12.44)).toBe('12.4 req/s');
    expect(metricText('p95-latency', 0.34)).toBe('340 ms');
    expect(metricText('queue', 2)).toBe('2.0');
    expect(metricText('cpu', null)).toBe('—');
    expect(metricVsTarget({ metric: 'cpu', value: 0.9, target: 0.6 })).toBe('cpu 90.0 % vs 60.0 %');
    expect(metricVsTarget({ metric: null, value: null, target: null })).toBe('—');
  });
});

describe('the autoscaler form', () => {
  const tt: AutoscalerSpecInput = { policy: 'target-tracking', metric: 'cpu', target: 0.6, minReplicas: 2, maxReplicas: 20, startup: 10 };

  it('reads the settings with the schema defaults and sends back what it shows', () => {
    const f = formFromSettings(tt);
    expect(f).toMatchObject({ policy: 'target-tracking', minReplicas: '2', maxReplicas: '20', target: '0.6', tolerance: '0.1', syncPeriod: '15', rules: [] });
    expect(changeFromForm(f)).toEqual({ policy: 'target-tracking', minReplicas: 2, maxReplicas: 20, syncPeriod: 15, metric: 'cpu', target: 0.6, tolerance: 0.1 });
  });

  it('keeps what is not a number as written, for the worker to name', () => {
    expect(readNumber(' 12 ')).toBe(12);
    expect(readNumber('')).toBeUndefined();
    expect(readNumber('lots')).toBe('lots');
    const f = { ...formFromSettings(tt), minReplicas: 'two', syncPeriod: '30s', target: '' };
    const c = changeFromForm(f);
    expect(c.minReplicas).toBe('two');
    expect(c.syncPeriod).toBe('30s');
    // A blank target is sent as undefined: back to the default.
    expect('target' in c && c.target === undefined).toBe(true);
  });

  it('fills in rules, actions and a usable metric when switching policy', () => {
    const step = withPolicy(formFromSettings(tt), 'step');
    expect(step.rules).toEqual(defaultRules('cpu', '0.6'));
    const c = changeFromForm(step);
    expect(c).toMatchObject({ policy: 'step', metric: 'cpu', cooldown: 300 });
    expect(c.rules).toEqual([
      { name: 'scale out', operator: '>', threshold: 0.8, for: 60, change: 2 },
      { name: 'scale in', operator: '<', threshold: 0.3, for: 120, change: -1 },
    ]);
    expect('target' in c).toBe(false);
    const sched = withPolicy(formFromSettings(tt), 'scheduled');
    expect(sched.schedule.map((s) => [s.cron, s.replicas])).toEqual([
      ['0 8 * * 1-5', '10'],
      ['0 20 * * *', '2'],
    ]);
    expect(changeFromForm(sched)).not.toHaveProperty('metric');
    const pred = withPolicy({ ...formFromSettings(tt), metric: 'queue' }, 'predictive');
    expect(pred.metric).toBe('cpu');
    expect(changeFromForm(pred).forecast).toEqual({ model: 'auto', season: '1d', bucket: '5m' });
  });

  it('reads step rules of every kind', () => {
    const f = formFromSettings({
      policy: 'step',
      maxReplicas: 8,
      rules: [
        { operator: '>=', threshold: 50, for: '2m', changePercent: 50 },
        { name: 'floor', operator: '<', threshold: 5, setTo: 1 },
      ],
    });
    expect(f.rules.map((r) => [r.kind, r.amount, r.for, r.name])).toEqual([
      ['changePercent', '50', '2m', ''],
      ['setTo', '1', '60', 'floor'],
    ]);
    expect(changeFromForm(f).rules).toEqual([
      { operator: '>=', threshold: 50, for: '2m', changePercent: 50 },
      { name: 'floor', operator: '<', threshold: 5, for: 60, setTo: 1 },
    ]);
  });
});

function chart(n: number): ChartData {
  const time = Float64Array.from({ length: n }, (_, i) => (i + 1) * 5);
  return {
    serviceId: 'web',
    samples: n,
    rate: { time, throughput: new Float64Array(n), failures: new Float64Array(n) },
    latency: { time, p95: new Float64Array(n), p99: new Float64Array(n) },
    replicas: null,
    scaling: {
      time,
      ready: Float64Array.from({ length: n }, (_, i) => 2 + Math.min(i, 3)),
      desired: Float64Array.from({ length: n }, (_, i) => 2 + Math.min(i + 1, 7)),
      metric: Float64Array.from({ length: n }, (_, i) => (i === 0 ? Number.NaN : 0.5)),
      forecast: null,
      arrivals: new Float64Array(n).fill(40),
    },
  };
}

describe('scaling chart points', () => {
  it('scales the metric, turns NaN into gaps and finds the peak', () => {
    const pts = scalingPoints(chart(5), 'cpu');
    expect(pts[0]).toEqual({ t: 5, ready: 2, desired: 3, metric: null, forecast: null, arrivals: 40 });
    expect(pts[1]!.metric).toBe(50);
    expect(scalingFigures(pts)).toEqual({ readyNow: 5, desiredNow: 7, peak: 7 });
    expect(scalingFigures([])).toEqual({ readyNow: null, desiredNow: null, peak: null });
  });
});

describe('replica cells', () => {
  const view = (slots: number[], up = slots.map(() => 1)): ReplicaView => ({
    perCell: 1,
    cells: slots.length,
    utilization: new Float64Array(slots.length).fill(0.5),
    inService: new Int32Array(slots.length),
    queued: new Int32Array(slots.length),
    up: Int32Array.from(up),
    inRotation: Int32Array.from(slots, (s) => (s === 2 ? 1 : 0)),
    members: Int32Array.from(slots, (s) => (s === 0 ? 0 : 1)),
    starting: Int32Array.from(slots, (s) => (s === 1 ? 1 : 0)),
    draining: Int32Array.from(slots, (s) => (s === 3 ? 1 : 0)),
  });

  it('draws only the replica set, with starting and draining ones apart', () => {
    // slots: ready, starting, absent, draining, ready (down), absent
    const v = view([2, 1, 0, 3, 2, 0], [1, 1, 1, 1, 0, 1]);
    expect(memberCells(v)).toEqual([0, 1, 3, 4]);
    expect([0, 1, 3, 4].map((c) => cellState(v, c))).toEqual(['ready', 'starting', 'draining', 'down']);
  });
});

describe('the capacity plan chart', () => {
  const plan = (n: number, holdout: number, ahead: number): Extract<CapacityPlanResult, { ok: true }> =>
    ({
      ok: true,
      serviceId: 'web',
      stepSeconds: 60,
      history: Array.from({ length: n }, (_, i) => 600 + i * 6),
      historyStart: 0,
      droppedIntervals: 0,
      capacityNote: '',
      plan: {
        model: 'linear',
        backtest: { holdout, forecast: Array.from({ length: holdout }, () => 660), actual: [], models: [], trainLength: n - holdout, mape: 1, mae: 1 },
        forecast: { values: Array.from({ length: ahead }, () => 1200), peak: { step: 1, index: n, value: 1200, rate: 20 } },
      },
    }) as never;

  it('puts history, backtest and forecast on one time axis in req/s', () => {
    const { points, hiddenSteps } = planPoints(plan(10, 3, 2));
    expect(hiddenSteps).toBe(0);
    expect(points).toHaveLength(12);
    expect(points[0]).toEqual({ t: 60, actual: 10, backtest: null, forecast: null });
    expect(points[7]!.backtest).toBe(11);
    expect(points[9]).toMatchObject({ t: 600, backtest: 11, forecast: points[9]!.actual });
    expect(points[11]).toEqual({ t: 720, actual: null, backtest: null, forecast: 20 });
  });

  it('leaves the oldest history off beyond the point budget, never the holdout', () => {
    const { points, hiddenSteps } = planPoints(plan(2000, 100, 100), 1000);
    expect(points).toHaveLength(1000);
    expect(hiddenSteps).toBe(1100);
    const tight = planPoints(plan(50, 40, 30), 20);
    expect(tight.hiddenSteps).toBe(10);
  });

  it('offers steps that fit the metrics interval and horizons of whole steps', () => {
    expect(stepChoices(5).map((s) => s.seconds)).toEqual([30, 60, 300, 900, 3600]);
    expect(stepChoices(60).map((s) => s.seconds)).toEqual([60, 300, 900, 3600]);
    expect(stepChoices(7).map((s) => s.seconds)).toEqual([7]);
    expect(horizonChoices(3600).map((h) => h.seconds)).toEqual([3600, 21600, 86400]);
    expect(horizonChoices(60).map((h) => h.seconds)).toEqual([300, 600, 1800, 3600, 21600]);
    expect(defaultPlanWindow(1800, 5)).toEqual({ step: 60, horizon: 300 });
    expect(defaultPlanWindow(3 * 86400, 60)).toEqual({ step: 3600, horizon: 86400 });
  });
});
