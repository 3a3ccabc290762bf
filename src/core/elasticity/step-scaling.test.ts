import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, StepScaler, type StepDecision, type StepRule } from './step-scaling';

const cpuHigh: StepRule = { name: 'cpu-high', threshold: 0.7, operator: '>', durationSeconds: 300, action: { type: 'changeBy', replicas: 2 } };
const cpuLow: StepRule = { name: 'cpu-low', threshold: 0.3, operator: '<', durationSeconds: 600, action: { type: 'changeBy', replicas: -1 } };

/** Feeds samples every `step` seconds; returns the decisions. */
function feed(s: StepScaler, values: (t: number) => number, until: number, step = 60): StepDecision[] {
  const out: StepDecision[] = [];
  for (let t = 0; t <= until; t += step) {
    const d = s.observe(t, values(t));
    if (d) out.push(d);
  }
  return out;
}

describe('step scaling', () => {
  it('fires when the metric has held the condition for the whole duration', () => {
    const s = new StepScaler({ rules: [cpuHigh], minReplicas: 1, maxReplicas: 10, initialReplicas: 2 });
    const ds = feed(s, () => 0.8, 299);
    expect(ds).toEqual([]);
    const d = s.observe(300, 0.8);
    expect(d).toEqual({
      time: 300,
      rule: 'cpu-high',
      from: 2,
      to: 4,
      delta: 2,
      capped: null,
      reason: 'cpu-high: 0.8 > 0.7 for 300 s (needs 300 s); add 2 replicas: 2 → 4; cooldown until t = 600 s',
      why: {
        rule: 'cpu-high',
        value: 0.8,
        operator: '>',
        threshold: 0.7,
        heldSeconds: 300,
        needsSeconds: 300,
        action: { type: 'changeBy', replicas: 2 },
        from: 2,
        raw: 4,
        capped: null,
        cooldownUntil: 600,
      },
    });
    expect(s.replicas).toBe(4);
  });

  it('restarts the run when a sample misses the condition (or is missing)', () => {
    const dip = new StepScaler({ rules: [cpuHigh], minReplicas: 1, maxReplicas: 10, initialReplicas: 2 });
    expect(feed(dip, (t) => (t === 180 ? 0.5 : 0.8), 1000).map((d) => d.time)[0]).toBe(540);
    const gap = new StepScaler({ rules: [cpuHigh], minReplicas: 1, maxReplicas: 10, initialReplicas: 2 });
    expect(feed(gap, (t) => (t === 180 ? NaN : 0.8), 1000).map((d) => d.time)[0]).toBe(540);
    const edge = new StepScaler({ rules: [cpuHigh], minReplicas: 1, maxReplicas: 10, initialReplicas: 2 });
    expect(feed(edge, () => 0.7, 1000)).toEqual([]); // '>' is strict
  });

  it('fires nothing during the cooldown, then needs the duration again after the action', () => {
    const s = new StepScaler({ rules: [cpuHigh], minReplicas: 1, maxReplicas: 20, initialReplicas: 2, cooldownSeconds: 600 });
    expect(feed(s, () => 0.9, 2000).map((d) => [d.time, d.to])).toEqual([
      [300, 4],
      [900, 6], // cooldown (600 s) is longer than the duration (300 s)
      [1500, 8],
    ]);
    const short = new StepScaler({ rules: [cpuHigh], minReplicas: 1, maxReplicas: 20, initialReplicas: 2, cooldownSeconds: 60 });
    expect(feed(short, () => 0.9, 1000).map((d) => d.time)).toEqual([300, 600, 900]); // the duration binds
  });

  it('keeps within the constraints and says which one bound', () => {
    const s = new StepScaler({ rules: [cpuHigh, cpuLow], minReplicas: 2, maxReplicas: 5, initialReplicas: 4, cooldownSeconds: 0 });
    const up = s.observe(0, 0.9);
    expect(up).toBeNull();
    const d = s.observe(300, 0.9)!;
    expect(d).toMatchObject({ from: 4, to: 5, delta: 1, capped: 'maxReplicas' });
    expect(d.reason).toBe('cpu-high: 0.9 > 0.7 for 300 s (needs 300 s); add 2 replicas: 4 → 6, capped at maxReplicas 5; cooldown until t = 300 s');
    expect(s.observe(600, 0.9)).toBeNull(); // already at max: no decision
    const low = new StepScaler({ rules: [cpuLow], minReplicas: 2, maxReplicas: 5, initialReplicas: 2, cooldownSeconds: 0 });
    expect(feed(low, () => 0.1, 3000)).toEqual([]);
  });

  it('scales in after a long quiet spell, one replica at a time', () => {
    const s = new StepScaler({ rules: [cpuHigh, cpuLow], minReplicas: 1, maxReplicas: 10, initialReplicas: 4, cooldownSeconds: 300 });
    expect(feed(s, () => 0.2, 2400).map((d) => [d.time, d.to])).toEqual([
      [600, 3],
      [1200, 2],
      [1800, 1],
    ]);
  });

  it('rounds percent changes the AWS way', () => {
    expect(applyAction({ type: 'changeByPercent', percent: 25 }, 10)).toBe(12); // +2.5 → +2
    expect(applyAction({ type: 'changeByPercent', percent: 10 }, 3)).toBe(4); // +0.3 → +1
    expect(applyAction({ type: 'changeByPercent', percent: -33 }, 10)).toBe(7); // −3.3 → −3
    expect(applyAction({ type: 'changeByPercent', percent: -10 }, 3)).toBe(2); // −0.3 → −1
    expect(applyAction({ type: 'changeByPercent', percent: 10, minAdjustment: 2 }, 10)).toBe(12);
    expect(applyAction({ type: 'setTo', replicas: 7 }, 3)).toBe(7);
    expect(applyAction({ type: 'changeBy', replicas: -5 }, 3)).toBe(0);
  });

  it('picks the rule giving the largest capacity when several are due', () => {
    const rules: StepRule[] = [
      { name: 'warm', threshold: 0.7, operator: '>=', durationSeconds: 60, action: { type: 'changeBy', replicas: 1 } },
      { name: 'hot', threshold: 0.9, operator: '>=', durationSeconds: 60, action: { type: 'changeByPercent', percent: 50 } },
      { name: 'twelve', threshold: 0.9, operator: '>=', durationSeconds: 60, action: { type: 'setTo', replicas: 12 } },
    ];
    const s = new StepScaler({ rules, minReplicas: 1, maxReplicas: 50, initialReplicas: 10, cooldownSeconds: 0 });
    expect(s.observe(0, 0.95)).toBeNull();
    expect(s.observe(60, 0.95)).toMatchObject({ rule: 'hot', from: 10, to: 15 }); // 11, 15, 12 → 15
    const mixed: StepRule[] = [
      { name: 'shrink', threshold: 0, operator: '>=', durationSeconds: 0, action: { type: 'setTo', replicas: 3 } },
      { name: 'grow', threshold: 0.5, operator: '>=', durationSeconds: 0, action: { type: 'changeBy', replicas: 1 } },
    ];
    const m = new StepScaler({ rules: mixed, minReplicas: 1, maxReplicas: 50, initialReplicas: 10, cooldownSeconds: 0 });
    expect(m.observe(0, 0.6)).toMatchObject({ rule: 'grow', to: 11 });
    expect(m.observe(1, 0.2)).toMatchObject({ rule: 'shrink', to: 3 });
  });

  it('takes the actual replica count when told', () => {
    const s = new StepScaler({ rules: [cpuHigh], minReplicas: 1, maxReplicas: 10, initialReplicas: 2, cooldownSeconds: 0 });
    s.observe(0, 0.9);
    expect(s.observe(300, 0.9, 7)).toMatchObject({ from: 7, to: 9 });
  });

  it('restores from a snapshot', () => {
    const config = { rules: [cpuHigh, cpuLow], minReplicas: 1, maxReplicas: 10, initialReplicas: 3 };
    const a = new StepScaler(config);
    feed(a, (t) => (t < 600 ? 0.9 : 0.1), 1200);
    const b = new StepScaler(config, a.state());
    for (let t = 1260; t <= 4000; t += 60) expect(b.observe(t, 0.1)).toEqual(a.observe(t, 0.1));
    expect(b.replicas).toBe(1);
  });

  it('rejects nonsense in plain words', () => {
    const base = { minReplicas: 1, maxReplicas: 5, initialReplicas: 2 };
    expect(() => new StepScaler({ ...base, rules: [{ ...cpuHigh, action: { type: 'changeBy', replicas: 0 } }] })).toThrow(
      'rule 1 (cpu-high): changeBy needs a nonzero whole number of replicas, got 0',
    );
    expect(() => new StepScaler({ ...base, rules: [{ ...cpuHigh, durationSeconds: -1 }] })).toThrow('rule 1 (cpu-high): durationSeconds must be a number ≥ 0, got -1');
    expect(() => new StepScaler({ ...base, minReplicas: 6, rules: [] })).toThrow('minReplicas (6) must not exceed maxReplicas (5)');
    const s = new StepScaler({ ...base, rules: [cpuHigh] });
    s.observe(100, 0.5);
    expect(() => s.observe(50, 0.5)).toThrow('time went backwards: 50 after 100');
  });

  it('obeys constraints, cooldown and duration on random inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (samples, cooldown, upFor, downFor) => {
          const rules: StepRule[] = [
            { name: 'up', threshold: 70, operator: '>', durationSeconds: upFor, action: { type: 'changeByPercent', percent: 50 } },
            { name: 'down', threshold: 30, operator: '<=', durationSeconds: downFor, action: { type: 'changeBy', replicas: -2 } },
          ];
          const s = new StepScaler({ rules, minReplicas: 2, maxReplicas: 12, initialReplicas: 4, cooldownSeconds: cooldown });
          const seen: Array<{ t: number; v: number }> = [];
          let t = 0;
          let lastAction = -Infinity;
          for (const [dt, v] of samples) {
            t += dt;
            seen.push({ t, v });
            const d = s.observe(t, v);
            if (!d) continue;
            expect(d.to).toBeGreaterThanOrEqual(2);
            expect(d.to).toBeLessThanOrEqual(12);
            expect(d.to).not.toBe(d.from);
            expect(t - lastAction).toBeGreaterThanOrEqual(cooldown);
            const rule = rules.find((r) => r.name === d.rule)!;
            const ok = (x: number) => (rule.operator === '>' ? x > rule.threshold : x <= rule.threshold);
            // every sample since the later of (t − duration) and the last action satisfied the rule,
            // and some satisfying sample lies at or before t − duration
            const window = seen.filter((x) => x.t >= Math.max(t - rule.durationSeconds, lastAction === -Infinity ? -Infinity : lastAction));
            expect(window.every((x) => ok(x.v))).toBe(true);
            expect(seen.some((x) => x.t <= t - rule.durationSeconds && x.t >= lastAction && ok(x.v))).toBe(true);
            lastAction = t;
          }
        },
      ),
    );
  });
});
