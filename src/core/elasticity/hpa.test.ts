import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combine,
  combineProposals,
  computeDesiredReplicas,
  DEFAULT_SCALE_DOWN_RULES,
  DEFAULT_SCALE_UP_RULES,
  HPA_DEFAULT_CPU_UTILIZATION,
  HPA_DEFAULT_MIN_REPLICAS,
  HPA_DEFAULT_TOLERANCE,
  HPA_SYNC_PERIOD_SECONDS,
  HpaBehavior,
  type PodMetric,
  type ScalingPolicy,
} from './hpa';

const ready = (...values: number[]): PodMetric[] => values.map((value) => ({ value, ready: true }));
const missing = (n: number): PodMetric[] => Array.from({ length: n }, () => ({ value: null, ready: true }));
const unready = (...values: number[]): PodMetric[] => values.map((value) => ({ value, ready: false }));

describe('HPA replica calculation (docs "Algorithm details", replica_calculator.go)', () => {
  it('exposes the documented defaults', () => {
    expect(HPA_SYNC_PERIOD_SECONDS).toBe(15);
    expect(HPA_DEFAULT_TOLERANCE).toBe(0.1);
    expect(HPA_DEFAULT_MIN_REPLICAS).toBe(1);
    expect(HPA_DEFAULT_CPU_UTILIZATION).toBe(0.8);
  });

  it('doubles the replicas at 200m against a 100m target and halves them at 50m (docs example)', () => {
    const up = computeDesiredReplicas({ currentReplicas: 3, target: 100, pods: ready(200, 200, 200), metricType: 'pods' });
    expect(up.desired).toBe(6);
    expect(up.ratio).toBe(2);
    const down = computeDesiredReplicas({ currentReplicas: 4, target: 100, pods: ready(50, 50, 50, 50), metricType: 'pods' });
    expect(down.desired).toBe(2);
    expect(down.ratio).toBe(0.5);
  });

  it('scales 2 replicas at 100 % CPU against a 50 % target to 4', () => {
    const p = computeDesiredReplicas({ currentReplicas: 2, target: 0.5, pods: ready(1, 1) });
    expect(p).toMatchObject({ desired: 4, ratio: 2, ok: true, reason: 'scale up: ceil(2 × 2) = 4' });
  });

  it('scales 1 replica reading 305 % against 50 % to 7 (the HPA walkthrough: ceil(6.1))', () => {
    expect(computeDesiredReplicas({ currentReplicas: 1, target: 0.5, pods: ready(3.05) }).desired).toBe(7);
  });

  it('reads "scale up: ceil(4 × 1.5) = 6"', () => {
    expect(computeDesiredReplicas({ currentReplicas: 4, target: 0.6, pods: ready(0.9, 0.9, 0.9, 0.9) }).reason).toBe('scale up: ceil(4 × 1.5) = 6');
  });

  it('does nothing within the tolerance: ratio 1.05, and exactly 1.1, but moves at 1.11', () => {
    const p = computeDesiredReplicas({ currentReplicas: 5, target: 0.5, pods: ready(0.525, 0.525, 0.525, 0.525, 0.525) });
    expect(p.desired).toBe(5);
    expect(p.reason).toBe('within tolerance (ratio 1.05); keeping 5 replicas');
    // 0.88 / 0.8 is 1.1000000000000003 in binary; Kubernetes (integer percent 88/80) calls it 1.1.
    expect(computeDesiredReplicas({ currentReplicas: 10, target: 0.8, pods: ready(...Array(10).fill(0.88)) }).desired).toBe(10);
    expect(computeDesiredReplicas({ currentReplicas: 10, target: 0.8, pods: ready(...Array(10).fill(0.888)) }).desired).toBe(12);
    expect(computeDesiredReplicas({ currentReplicas: 10, target: 0.8, pods: ready(...Array(10).fill(0.72)) }).desired).toBe(10); // 0.9
    expect(computeDesiredReplicas({ currentReplicas: 10, target: 0.8, pods: ready(...Array(10).fill(0.7)) }).desired).toBe(9); // 0.875
    expect(computeDesiredReplicas({ currentReplicas: 10, target: 0.8, pods: ready(...Array(10).fill(0.88)), tolerance: 0.05 }).desired).toBe(11);
  });

  it('counts pods without metrics at 100 % of target on a scale-down', () => {
    // ratio over the 2 reporting pods is 0.4; with 2 missing pods at the target the ratio is 0.7.
    const p = computeDesiredReplicas({ currentReplicas: 4, target: 0.5, pods: [...ready(0.2, 0.2), ...missing(2)] });
    expect(p.ratio).toBeCloseTo(0.4, 12);
    expect(p.adjustedRatio).toBeCloseTo(0.7, 12);
    expect(p.desired).toBe(3); // not ceil(2 × 0.4) = 1
    expect(p.reason).toBe('scale down: ceil(4 × 0.7) = 3 (ratio 0.4 over ready pods; 2 pods without metrics counted at 100 % of target → 0.7)');
  });

  it('counts pods without metrics at 0 on a scale-up, and stays put when that lands inside the tolerance', () => {
    const p = computeDesiredReplicas({ currentReplicas: 4, target: 0.5, pods: [...ready(1, 1), ...missing(2)] });
    expect(p.ratio).toBe(2);
    expect(p.adjustedRatio).toBe(1);
    expect(p.desired).toBe(4);
    expect(p.reason).toMatch(/^within tolerance after recomputation/);
    const q = computeDesiredReplicas({ currentReplicas: 3, target: 0.5, pods: [...ready(1, 1), ...missing(1)] });
    expect(q.adjustedRatio).toBeCloseTo(4 / 3, 12);
    expect(q.desired).toBe(4); // ceil(3 × 1.333) = 4, not ceil(2 × 2)
  });

  it('counts not-ready pods at 0 on a CPU scale-up, and does nothing when that flips the direction', () => {
    const up = computeDesiredReplicas({ currentReplicas: 4, target: 0.5, pods: [...ready(1, 1, 1), ...unready(0.9)] });
    expect(up.adjustedRatio).toBe(1.5);
    expect(up.desired).toBe(6);
    const flip = computeDesiredReplicas({ currentReplicas: 3, target: 0.5, pods: [...ready(0.6), ...unready(0.1, 0.1)] });
    expect(flip.ratio).toBeCloseTo(1.2, 12);
    expect(flip.adjustedRatio).toBeCloseTo(0.4, 12);
    expect(flip.desired).toBe(3);
    expect(flip.reason).toMatch(/^no change: the recomputation flips the direction/);
  });

  it('sets not-ready pods aside on a scale-down, as the source does', () => {
    const p = computeDesiredReplicas({ currentReplicas: 4, target: 0.5, pods: [...ready(0.1, 0.1), ...unready(0.9, 0.9)] });
    expect(p.desired).toBe(1); // ceil(2 × 0.2): only the ready pods count
    expect(p.reason).toBe('scale down: ceil(2 × 0.2) = 1 (2 not-ready pods set aside)');
  });

  it('ignores readiness for per-pod ("pods") metrics', () => {
    expect(computeDesiredReplicas({ currentReplicas: 2, target: 50, pods: [...ready(100), ...unready(100)], metricType: 'pods' }).desired).toBe(4);
  });

  it('does not move against the metric when the pod count differs from the replica count', () => {
    // 4 pods behind a target of 2 replicas: ratio 0.8 after filling in, but ceil(4 × 0.8) = 4 > 2.
    const p = computeDesiredReplicas({ currentReplicas: 2, target: 0.5, pods: [...ready(0.3, 0.3), ...missing(2)] });
    expect(p.adjustedRatio).toBeCloseTo(0.8, 12);
    expect(p.desired).toBe(2);
    expect(p.reason).toMatch(/would move against the metric/);
  });

  it('reports when no ready pod has a metric, and combine skips such metrics', () => {
    const none = computeDesiredReplicas({ currentReplicas: 3, target: 0.5, pods: [...missing(2), ...unready(0.9)] });
    expect(none).toMatchObject({ ok: false, desired: 3, ratio: null });
    expect(none.reason).toBe('no ready pod reported the metric (2 without metrics, 1 not ready); keeping 3 replicas');
    expect(computeDesiredReplicas({ currentReplicas: 3, target: 0.5, pods: [] }).ok).toBe(false);
    const cpu = computeDesiredReplicas({ currentReplicas: 3, target: 0.5, pods: ready(0.9, 0.9, 0.9) });
    const rps = computeDesiredReplicas({ currentReplicas: 3, target: 50, pods: ready(80, 80, 80), metricType: 'pods' });
    expect(combine([cpu.desired, rps.desired])).toBe(6);
    expect(combineProposals([none, cpu, rps])).toMatchObject({ desired: 6, index: 1 });
    expect(combineProposals([none])).toBeNull();
    expect(() => combine([])).toThrow(RangeError);
  });

  it('rejects nonsense with plain messages', () => {
    expect(() => computeDesiredReplicas({ currentReplicas: 2, target: 0, pods: ready(1) })).toThrow('target must be a positive number, got 0');
    expect(() => computeDesiredReplicas({ currentReplicas: 1.5, target: 1, pods: ready(1) })).toThrow('currentReplicas must be a whole number ≥ 0, got 1.5');
    expect(() => computeDesiredReplicas({ currentReplicas: 1, target: 1, pods: ready(-1) })).toThrow('pod 0: metric value must be a finite number ≥ 0 or null, got -1');
  });

  it('is ceil(sum / target) whenever all pods report and the ratio is outside the tolerance (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 10, max: 200 }),
        (percents, targetPercent) => {
          const target = targetPercent / 100;
          const p = computeDesiredReplicas({ currentReplicas: percents.length, target, pods: ready(...percents.map((x) => x / 100)) });
          const sum = percents.reduce((a, b) => a + b, 0);
          const ratio = sum / percents.length / targetPercent;
          if (Math.abs(ratio - 1) <= 0.1) expect(p.desired).toBe(percents.length);
          else expect(p.desired).toBe(Math.ceil(sum / targetPercent - 1e-12)); // integer arithmetic reference
        },
      ),
    );
  });
});

/** Runs one sync every `step` seconds from t = 0, feeding the decision back as the current count. */
function run(b: HpaBehavior, start: number, desired: (t: number) => number, until: number, step = HPA_SYNC_PERIOD_SECONDS) {
  const trace: Array<{ t: number; replicas: number }> = [];
  let current = start;
  for (let t = 0; t <= until; t += step) {
    current = b.decide(t, current, desired(t)).replicas;
    trace.push({ t, replicas: current });
  }
  return trace;
}

describe('HPA behavior (docs "Configurable scaling behavior", horizontal.go)', () => {
  it('has the documented defaults', () => {
    const b = new HpaBehavior({ maxReplicas: 10 });
    expect(b.minReplicas).toBe(1);
    expect(b.scaleUp).toEqual(DEFAULT_SCALE_UP_RULES);
    expect(b.scaleDown).toEqual(DEFAULT_SCALE_DOWN_RULES);
    expect(DEFAULT_SCALE_UP_RULES).toEqual({
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    });
    expect(DEFAULT_SCALE_DOWN_RULES).toEqual({ stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
  });

  it('scales up by 4 pods or doubles every 15 s, whichever is more (default scale-up)', () => {
    const b = new HpaBehavior({ maxReplicas: 100 });
    const trace = run(b, 1, () => 50, 90);
    expect(trace.map((x) => x.replicas)).toEqual([5, 10, 20, 40, 50, 50, 50]);
    const first = new HpaBehavior({ maxReplicas: 100 }).decide(0, 1, 50);
    expect(first.capped).toBe('scaleUpLimit');
    expect(first.explanation).toBe(
      'scale up from 1 to 5: the metrics ask for 50; the scale-up policies allow at most 5 now (4 pods per 15 s from 1 → 5; 100 % per 15 s from 1 → 2; selectPolicy Max)',
    );
  });

  it('reproduces the docs example: Pods 4/60 s and Percent 10/60 s allow 8 pods at 80 replicas and 4 at 40 or fewer', () => {
    const policies: ScalingPolicy[] = [
      { type: 'Pods', value: 4, periodSeconds: 60 },
      { type: 'Percent', value: 10, periodSeconds: 60 },
    ];
    const b = new HpaBehavior({ minReplicas: 1, maxReplicas: 100, scaleDown: { policies } });
    const trace = run(b, 80, () => 10, 1200);
    // Default 300 s stabilization: the initial recommendation (80 at t = 0) holds until t = 300.
    expect(trace.filter((x) => x.t < 300).every((x) => x.replicas === 80)).toBe(true);
    const steps = trace.filter((x, i) => i > 0 && x.replicas !== trace[i - 1]!.replicas);
    expect(steps.map((x) => x.t)).toEqual([300, 360, 420, 480, 540, 600, 660, 720, 780, 840, 900, 960, 1020, 1080]);
    expect(steps.map((x) => x.replicas)).toEqual([72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10]);
    // 8 removed at 80 and at 72 ("7.2 ... rounded up to 8"); exactly 4 per minute from 40 down.
    const from = [80, ...steps.map((x) => x.replicas)];
    const removed = steps.map((x, i) => from[i]! - x.replicas);
    expect(removed.slice(0, 2)).toEqual([8, 8]);
    expect(removed.slice(6, 13)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    const limited = new HpaBehavior({ maxReplicas: 100, scaleDown: { policies, stabilizationWindowSeconds: 0 } }).decide(0, 80, 10);
    expect(limited).toMatchObject({ replicas: 72, capped: 'scaleDownLimit' });
  });

  it('picks the smallest change with selectPolicy Min (docs: 10 % per minute but at most 5 pods)', () => {
    const scaleDown = {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Min' as const,
      policies: [
        { type: 'Percent' as const, value: 10, periodSeconds: 60 },
        { type: 'Pods' as const, value: 5, periodSeconds: 60 },
      ],
    };
    expect(new HpaBehavior({ maxReplicas: 200, scaleDown }).decide(0, 100, 1).replicas).toBe(95);
    expect(new HpaBehavior({ maxReplicas: 200, scaleDown }).decide(0, 30, 1).replicas).toBe(27);
  });

  it('never scales down with selectPolicy Disabled', () => {
    const b = new HpaBehavior({ maxReplicas: 10, scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 } });
    const d = b.decide(0, 6, 2);
    expect(d).toMatchObject({ replicas: 6, capped: 'scaleDownLimit' });
    expect(d.explanation).toBe('stay at 6: the metrics ask for 2; the scale-down policies allow at least 6 now (scale-down is disabled (selectPolicy Disabled))');
    expect(b.decide(15, 6, 9).replicas).toBe(9);
  });

  it('scales down only to the highest recommendation of the last 300 s', () => {
    const b = new HpaBehavior({ maxReplicas: 20 });
    const wants = [10, 6, 8, 4, 4, 4, 4, 4, 4];
    const trace = run(b, 10, (t) => wants[t / 60]!, 480, 60);
    expect(trace.map((x) => x.replicas)).toEqual([10, 10, 10, 10, 10, 8, 8, 4, 4]);
    const again = new HpaBehavior({ maxReplicas: 20 });
    run(again, 10, (t) => wants[t / 60]!, 240, 60);
    const d = again.decide(300, 10, 4);
    expect(d).toMatchObject({ replicas: 8, capped: 'stabilization', stabilized: 8 });
    expect(d.explanation).toBe('scale down from 10 to 8: the metrics ask for 4; the highest recommendation of the last 300 s is 8, so the scale-down stops at 8');
  });

  it('scales up only to the lowest recommendation of a scale-up window', () => {
    const b = new HpaBehavior({ maxReplicas: 20, scaleUp: { stabilizationWindowSeconds: 60 } });
    expect(b.decide(0, 2, 5)).toMatchObject({ replicas: 2, capped: 'stabilization' }); // the initial 2 is in the window
    expect(b.decide(30, 2, 3).replicas).toBe(2);
    expect(b.decide(61, 2, 8).replicas).toBe(3); // lowest of (1, 61]: 3
  });

  it('clamps to minReplicas and maxReplicas', () => {
    const b = new HpaBehavior({ minReplicas: 2, maxReplicas: 6, scaleDown: { stabilizationWindowSeconds: 0 } });
    expect(b.decide(0, 5, 30)).toMatchObject({ replicas: 6, capped: 'maxReplicas' });
    expect(b.decide(15, 6, 0)).toMatchObject({ replicas: 2, capped: 'minReplicas' });
    expect(b.decide(30, 9, 9)).toMatchObject({ replicas: 6, capped: 'maxReplicas', explanation: 'the target has 9 replicas, above maxReplicas 6: set to 6' });
    expect(b.decide(45, 1, 1)).toMatchObject({ replicas: 2, capped: 'minReplicas' });
    expect(new HpaBehavior({ maxReplicas: 5 }).decide(0, 0, 3)).toMatchObject({ replicas: 0, capped: null });
  });

  it('remembers only what its windows and periods can see, and restores from a snapshot', () => {
    const b = new HpaBehavior({ maxReplicas: 100 });
    run(b, 1, () => 50, 900);
    const s = b.state();
    expect(s.recommendations.every((r) => r.time > 900 - 300)).toBe(true);
    expect(s.events.every((e) => e.time > 900 - 15)).toBe(true);
    const copy = new HpaBehavior({ maxReplicas: 100 }, s);
    expect(copy.decide(915, 50, 3)).toEqual(b.decide(915, 50, 3));
    expect(() => b.decide(10, 50, 3)).toThrow('time went backwards: 10 after 915');
  });

  it('rejects invalid configurations in plain words', () => {
    expect(() => new HpaBehavior({ minReplicas: 5, maxReplicas: 3 })).toThrow('minReplicas (5) must not exceed maxReplicas (3)');
    expect(() => new HpaBehavior({ maxReplicas: 3, scaleUp: { policies: [] } })).toThrow('scaleUp needs at least one policy (or selectPolicy Disabled)');
    expect(() => new HpaBehavior({ maxReplicas: 3, scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 0 }] } })).toThrow(
      'scaleDown policy 1: periodSeconds must be a whole number from 1 to 1800, got 0',
    );
    expect(() => new HpaBehavior({ maxReplicas: 3, scaleDown: { stabilizationWindowSeconds: 4000 } })).toThrow(/from 0 to 3600/);
  });

  const policyArb = fc.record({
    type: fc.constantFrom('Pods' as const, 'Percent' as const),
    value: fc.integer({ min: 1, max: 200 }),
    periodSeconds: fc.integer({ min: 1, max: 600 }),
  });

  it('keeps every decision within [minReplicas, maxReplicas] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 80 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 40 }),
        fc.array(policyArb, { minLength: 1, maxLength: 3 }),
        fc.array(policyArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('Max' as const, 'Min' as const, 'Disabled' as const),
        fc.integer({ min: 0, max: 600 }),
        (min, span, start, steps, up, down, select, window) => {
          const max = Math.max(1, min + span);
          const b = new HpaBehavior({ minReplicas: min, maxReplicas: max, scaleUp: { policies: up, selectPolicy: select }, scaleDown: { policies: down, stabilizationWindowSeconds: window } });
          let t = 0;
          let current = start;
          for (const [dt, desired] of steps) {
            t += dt;
            current = b.decide(t, current, desired).replicas;
            expect(current).toBeGreaterThanOrEqual(min);
            expect(current).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });

  it('never moves more in one decision than the selected policy allows (property)', () => {
    fc.assert(
      fc.property(
        fc.array(policyArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('Max' as const, 'Min' as const),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 1000 }),
        (policies, select, current, desired) => {
          const rules = { policies, selectPolicy: select, stabilizationWindowSeconds: 0 };
          const b = new HpaBehavior({ minReplicas: 0, maxReplicas: 1000, scaleUp: rules, scaleDown: rules });
          const got = b.decide(0, current, desired).replicas;
          const ups = policies.map((p) => (p.type === 'Pods' ? p.value : Math.ceil(current * (1 + p.value / 100)) - current));
          const downs = policies.map((p) => (p.type === 'Pods' ? p.value : current - Math.trunc(current * (1 - p.value / 100))));
          const pick = select === 'Max' ? Math.max : Math.min;
          const allowedUp = pick(...ups);
          const allowedDown = pick(...downs);
          expect(got - current).toBeLessThanOrEqual(allowedUp);
          expect(current - got).toBeLessThanOrEqual(allowedDown);
          // and it goes as far as it may toward the wish
          if (desired > current) expect(got).toBe(Math.min(desired, current + allowedUp));
          if (desired < current) expect(got).toBe(Math.max(desired, current - allowedDown));
        },
      ),
    );
  });

  it('keeps the net change within any policy period within the Pods limit over a run (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 60 }),
        (vUp, pUp, vDown, pDown, steps) => {
          const b = new HpaBehavior({
            minReplicas: 1,
            maxReplicas: 60,
            scaleUp: { policies: [{ type: 'Pods', value: vUp, periodSeconds: pUp }] },
            scaleDown: { policies: [{ type: 'Pods', value: vDown, periodSeconds: pDown }], stabilizationWindowSeconds: 0 },
          });
          const events: Array<{ t: number; change: number }> = [];
          let t = 0;
          let current = 10;
          for (const [dt, desired] of steps) {
            t += dt;
            const next = b.decide(t, current, desired).replicas;
            if (next !== current) events.push({ t, change: next - current });
            const net = (period: number) => events.filter((e) => e.t > t - period).reduce((a, e) => a + e.change, 0);
            if (next > current) expect(net(pUp)).toBeLessThanOrEqual(vUp);
            if (next < current) expect(net(pDown)).toBeGreaterThanOrEqual(-vDown);
            current = next;
          }
        },
      ),
    );
  });
});
