import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEEP_ALIVE_PRESETS } from './keep-alive';
import { runFaas, type FaasEvent } from './simulator';
import type { FaasConfig, FaasFunctionSpec, KeepAliveSpec } from './types';

/** A 1 GB node function: runs 1 s, starts in 0.5 s (constants, so every figure can be worked out by hand). */
function fn(id: string, extra: Partial<FaasFunctionSpec> = {}): FaasFunctionSpec {
  return { id, runtime: 'node', memoryMb: 1024, timeout: 60, packageMb: 1, duration: { type: 'constant', value: 1 }, init: { type: 'constant', value: 0.5 }, ...extra };
}

function run(config: FaasConfig, seed = 1) {
  const events: FaasEvent[] = [];
  const result = runFaas(config, { seed, onEvent: (e) => events.push(e) });
  return { result, events, of: (type: FaasEvent['type']) => events.filter((e) => e.type === type) };
}

const fixed = (ttl: number): KeepAliveSpec => ({ type: 'fixed', ttl });

describe('execution environments', () => {
  it('reuses warm environments and starts cold ones (a hand-built sequence, exact counts)', () => {
    // 0 and 0.2: two cold starts (env 0 ready 0.5 → ends 1.5; env 1 ready 0.7 → ends 1.7)
    // 10: warm, the most recently used (env 1); 10.5: warm, env 0
    // 80: both expired (71 and 71.5, TTL 60 s) → cold, env 2
    const { result, events, of } = run({ functions: [fn('f')], invocations: [{ function: 'f', times: [0, 0.2, 10, 10.5, 80] }], keepAlive: fixed(60) });
    const t = result.totals;
    expect(t).toMatchObject({ invocations: 5, completed: 5, coldStarts: 3, throttled: 0, environmentsStarted: 3, scaleToZero: 1, peakConcurrency: 2, peakEnvironments: 2 });
    expect(t.coldStartRatio).toBeCloseTo(3 / 5, 12);
    expect(of('cold').map((e) => [e.t, e.env])).toEqual([
      [0, 0],
      [0.2, 1],
      [80, 2],
    ]);
    expect(of('warm').map((e) => [e.t, e.env])).toEqual([
      [10, 1],
      [10.5, 0],
    ]);
    expect(of('unload').map((e) => [e.t, e.env, e.reason])).toEqual([
      [71, 1, 'expired'],
      [71.5, 0, 'expired'],
    ]);
    // latency: 3 × (0.5 + 1) + 2 × 1; INIT share 1.5 / 6.5
    expect(t.initSeconds).toBeCloseTo(1.5, 12);
    expect(t.latencySeconds).toBeCloseTo(6.5, 12);
    expect(t.initShare).toBeCloseTo(1.5 / 6.5, 12);
    // billing: 5 requests, 5 × 1 s × 1 GB; INIT not billed
    expect(t.cost.requests).toBe(5);
    expect(t.cost.gbSeconds).toBeCloseTo(5, 12);
    expect(t.cost.totalUsd).toBeCloseTo((5 / 1e6) * 0.2 + 5 * 0.0000166667, 15);
    // idle: env 0 [1.5, 10.5] + [11.5, 71.5]; env 1 [1.7, 10] + [11, 71] → 9 + 60 + 8.3 + 60 GB-s; wasted: the two last spells
    expect(t.idleGbSeconds).toBeCloseTo(137.3, 9);
    expect(t.wastedGbSeconds).toBeCloseTo(120, 9);
    expect(events[0]).toEqual({ t: 0, type: 'arrival', fn: 'f' });
  });

  it('the TTL policy keeps an environment exactly TTL after its last use', () => {
    for (const ttl of [600, 1200, 37.25]) {
      // one invocation: cold at 0, ready at 0.5, ends at 1.5 → unloaded at 1.5 + ttl
      const { result, of } = run({ functions: [fn('f')], invocations: [{ function: 'f', times: [0] }], keepAlive: fixed(ttl), horizon: 5000 });
      expect(of('unload')).toEqual([{ t: 1.5 + ttl, type: 'unload', fn: 'f', env: 0, reason: 'expired' }]);
      expect(result.totals.idleGbSeconds).toBeCloseTo(ttl, 9);
      expect(result.totals.wastedGbSeconds).toBeCloseTo(ttl, 9);
      expect(result.totals.heldGbSeconds).toBeCloseTo(ttl + 1.5, 9);
      // a second invocation just before the end of the TTL is warm; just after, cold
      const before = run({ functions: [fn('f')], invocations: [{ function: 'f', times: [0, 1.5 + ttl - 0.001] }], keepAlive: fixed(ttl) });
      const after = run({ functions: [fn('f')], invocations: [{ function: 'f', times: [0, 1.5 + ttl + 0.001] }], keepAlive: fixed(ttl) });
      expect([before.result.totals.coldStarts, after.result.totals.coldStarts]).toEqual([1, 2]);
    }
  });

  it('a keep-alive of 0 scales to zero after every invocation', () => {
    const { result } = run({ functions: [fn('f')], invocations: [{ function: 'f', times: [0, 5, 10] }], keepAlive: fixed(0), horizon: 20 });
    expect(result.totals).toMatchObject({ coldStarts: 3, scaleToZero: 3, idleGbSeconds: 0 });
  });

  it('provisioned concurrency: always-warm environments, used first, never unloaded', () => {
    const { result, of } = run({
      functions: [fn('f', { provisioned: 2, memoryMb: 512 })],
      invocations: [{ function: 'f', times: [0, 0, 0, 100] }],
      keepAlive: fixed(10),
      horizon: 200,
    });
    expect(result.totals).toMatchObject({ coldStarts: 1, environmentsStarted: 3, scaleToZero: 0 });
    // provisioned environments 0 and 1 (the last set up is taken first), then a cold one; at 100 the most recently freed
    expect(of('warm').map((e) => e.env)).toEqual([1, 0, 0]);
    expect(of('unload').map((e) => e.env)).toEqual([2]); // only the on-demand one
    // idle: provisioned envs 2 × 200 s − 3 s busy, plus the on-demand env's 10 s, at 0.5 GB
    expect(result.totals.idleGbSeconds).toBeCloseTo((400 - 3 + 10) * 0.5, 9);
  });

  it('timeouts stop the invocation at the timeout, bill it, and discard the environment', () => {
    const { result, of } = run({
      functions: [fn('f', { timeout: 2, duration: { type: 'constant', value: 5 } })],
      invocations: [{ function: 'f', times: [0, 10] }],
    });
    expect(result.totals).toMatchObject({ invocations: 2, completed: 0, timedOut: 2, coldStarts: 2 });
    expect(result.totals.cost.gbSeconds).toBeCloseTo(4, 12);
    expect(of('unload').map((e) => [e.t, e.reason])).toEqual([
      [2.5, 'timeout'],
      [12.5, 'timeout'],
    ]);
  });

  it('bills durations rounded up to the millisecond (at least 1 ms)', () => {
    const { result } = run({
      functions: [fn('a', { duration: { type: 'constant', value: 0.0101 } }), fn('b', { duration: { type: 'constant', value: 0 }, memoryMb: 2048 })],
      invocations: [
        { function: 'a', times: [0, 1] },
        { function: 'b', times: [0] },
      ],
    });
    expect(result.functions[0]!.cost.gbSeconds).toBeCloseTo(2 * 0.011, 12);
    expect(result.functions[1]!.cost.gbSeconds).toBeCloseTo(2 * 0.001, 12);
  });
});

describe('hybrid keep-alive in the simulator', () => {
  it('learns a 5-minute period: unloads after each run and pre-warms before the next', () => {
    const times = Array.from({ length: 12 }, (_, i) => i * 300);
    const { result, of } = run({ functions: [fn('f')], invocations: [{ function: 'f', times }], keepAlive: { type: 'hybrid' }, horizon: 3600 });
    // only the very first invocation is cold; the second finds the 4 h fallback keep-alive, the rest a pre-warmed environment
    expect(result.totals.coldStarts).toBe(1);
    // idle times of about 299 s land in bin 4: pre-warm at 240·0.9 = 216 s after each end, keep to 300·1.1 = 330 s
    const prewarms = of('prewarm');
    // after every end but the first (the last one's pre-warm, at 3,517 s, is never used)
    expect(prewarms.length).toBe(11);
    expect(prewarms[0]!.t).toBeCloseTo(301 + 216, 9);
    expect(prewarms[10]!.t).toBeCloseTo(3301 + 216, 9);
    expect(result.totals.prewarmLoads).toBe(11);
    // memory held idle is far below a fixed 10-minute keep-alive's
    const fixed10 = run({ functions: [fn('f')], invocations: [{ function: 'f', times }], keepAlive: KEEP_ALIVE_PRESETS['fixed-10m'], horizon: 3600 });
    expect(fixed10.result.totals.coldStarts).toBe(1);
    expect(result.totals.idleGbSeconds).toBeLessThan(fixed10.result.totals.idleGbSeconds / 2);
  });

  it('keeps one histogram per concurrency slot: a second environment is judged by its own idle times', () => {
    // pairs of invocations every 120 s: slot 1 and slot 2 both see idle times of about 119 s
    const times = Array.from({ length: 20 }, (_, i) => Math.floor(i / 2) * 120 + (i % 2) * 0.1);
    const { result } = run({ functions: [fn('f')], invocations: [{ function: 'f', times }], keepAlive: { type: 'hybrid' } });
    expect(result.totals.coldStarts).toBe(2);
    expect(result.totals.peakEnvironments).toBe(2);
  });
});

describe('throttling', () => {
  it('429s above the reserved and the unreserved account concurrency, exactly as counted by hand', () => {
    // account limit 5, function a reserves 2 → the others share 3
    // a: 4 at once → 2 run, 2 throttled; b: 5 at once → 3 run, 2 throttled; c (unreserved too) at 1 s: pool full → throttled
    // at 20 s everything has finished: b's 3 and a's 2 run again on warm environments
    const { result } = run({
      functions: [fn('a', { reserved: 2, duration: { type: 'constant', value: 10 } }), fn('b', { duration: { type: 'constant', value: 10 } }), fn('c')],
      invocations: [
        { function: 'a', times: [0, 0, 0, 0, 20, 20] },
        { function: 'b', times: [0, 0, 0, 0, 0, 20, 20, 20] },
        { function: 'c', times: [1] },
      ],
      account: { concurrencyLimit: 5 },
    });
    const [a, b, c] = result.functions;
    expect(a).toMatchObject({ invocations: 6, throttled: 2, throttledConcurrency: 2, completed: 4, coldStarts: 2, peakConcurrency: 2 });
    expect(b).toMatchObject({ invocations: 8, throttled: 2, completed: 6, coldStarts: 3, peakConcurrency: 3 });
    expect(c).toMatchObject({ invocations: 1, throttled: 1, completed: 0 });
    expect(result.totals).toMatchObject({ throttled: 5, peakConcurrency: 5 });
    expect(result.series.throttled[0]).toBe(5);
  });

  it('429s when a function starts new environments faster than the scaling limit', () => {
    // at most 3 new environments in any 10 s: 5 at 0 → 3 start, 2 throttled; 1 at 5 → throttled;
    // at 10 the starts at 0 leave the window → 1 more starts
    const { result, of } = run({
      functions: [fn('f', { duration: { type: 'constant', value: 30 } })],
      invocations: [{ function: 'f', times: [0, 0, 0, 0, 0, 5, 10] }],
      account: { scaling: { environments: 3, per: 10 } },
    });
    expect(result.totals).toMatchObject({ throttled: 3, throttledScaling: 3, throttledConcurrency: 0, coldStarts: 4 });
    expect(of('throttle').map((e) => [e.t, e.reason])).toEqual([
      [0, 'scaling'],
      [0, 'scaling'],
      [5, 'scaling'],
    ]);
  });

  it('property: no function ever starts more new environments than the limit in any window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 119 }), fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom<KeepAliveSpec>({ type: 'fixed', ttl: 0 }, { type: 'fixed', ttl: 20 }, { type: 'hybrid' }, { type: 'hybrid', fallbackTtl: 0 }),
        (limit, per, bursts, seed, keepAlive) => {
          const times = bursts.flatMap(([at, n]) => Array.from({ length: n }, () => at)).sort((x, y) => x - y);
          const starts: number[] = [];
          runFaas(
            {
              functions: [fn('f', { duration: { type: 'exponential', mean: 3 }, init: { type: 'exponential', mean: 0.4 } })],
              invocations: [{ function: 'f', times }],
              account: { scaling: { environments: limit, per } },
              keepAlive,
            },
            { seed, onEvent: (e) => e.type === 'env-start' && starts.push(e.t) },
          );
          for (let i = 0; i + limit < starts.length; i++) expect(starts[i + limit]! - starts[i]!).toBeGreaterThanOrEqual(per);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** A random small configuration: 1–3 functions, per-minute counts or times, tight limits, any policy. */
const configArb = fc
  .record({
    nFns: fc.integer({ min: 1, max: 3 }),
    minutes: fc.integer({ min: 1, max: 12 }),
    counts: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 36, maxLength: 36 }),
    limit: fc.integer({ min: 1, max: 30 }),
    reserved: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    provisioned: fc.integer({ min: 0, max: 2 }),
    scaling: fc.integer({ min: 1, max: 20 }),
    meanDuration: fc.double({ min: 0.01, max: 20, noNaN: true }),
    timeout: fc.double({ min: 0.5, max: 30, noNaN: true }),
    policy: fc.constantFrom<KeepAliveSpec>(KEEP_ALIVE_PRESETS['fixed-10m'], { type: 'fixed', ttl: 5 }, { type: 'fixed', ttl: 0 }, KEEP_ALIVE_PRESETS.hybrid, { type: 'hybrid', fallbackTtl: 30 }),
    timesFor: fc.integer({ min: 0, max: 3 }),
  })
  .map((p): FaasConfig => {
    const functions = Array.from({ length: p.nFns }, (_, i) =>
      fn(`f${i}`, {
        duration: i === 1 ? { type: 'percentiles', points: [[0, 0], [0.5, p.meanDuration], [0.99, 3 * p.meanDuration], [1, 10 * p.meanDuration]] } : { type: 'exponential', mean: p.meanDuration },
        init: { type: 'lognormal', mean: 0.6, sd: 0.3 },
        timeout: p.timeout,
        ...(i === 0 && p.reserved !== undefined ? { reserved: Math.min(p.reserved, p.limit) } : {}),
        ...(i === 0 && p.reserved !== undefined ? { provisioned: Math.min(p.provisioned, p.reserved, p.limit) } : { provisioned: p.provisioned }),
      }),
    );
    const invocations = functions.map((f, i) => {
      const counts = p.counts.slice(i * 12, i * 12 + p.minutes);
      return i === p.timesFor ? { function: f.id, times: counts.flatMap((c, m) => Array.from({ length: c }, (_, k) => m * 60 + (k * 60) / Math.max(1, c))) } : { function: f.id, perMinute: counts };
    });
    return { functions, invocations, keepAlive: p.policy, account: { concurrencyLimit: p.limit, scaling: { environments: p.scaling, per: 10 } } };
  });

describe('conservation and determinism', () => {
  it('property: every invocation is completed, throttled or timed out (per function and in total, over seeds)', () => {
    fc.assert(
      fc.property(configArb, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (config, seed) => {
        const r = runFaas(config, { seed });
        const expected = config.invocations.reduce((s, src) => s + ('times' in src ? src.times.length : src.perMinute.reduce((a, b) => a + b, 0)), 0);
        expect(r.totals.invocations).toBe(expected);
        for (const m of [r.totals, ...r.functions]) {
          expect(m.completed + m.timedOut + m.throttled).toBe(m.invocations);
          expect(m.throttledConcurrency + m.throttledScaling).toBe(m.throttled);
          expect(m.coldStarts).toBeLessThanOrEqual(m.invocations - m.throttled);
          expect(m.idleGbSeconds).toBeLessThanOrEqual(m.heldGbSeconds + 1e-9);
          expect(m.wastedGbSeconds).toBeLessThanOrEqual(m.idleGbSeconds + 1e-9);
          expect(m.idleGbSeconds).toBeGreaterThanOrEqual(-1e-9);
        }
        expect(r.totals.peakConcurrency).toBeLessThanOrEqual(config.account!.concurrencyLimit!);
        const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
        expect(sum(r.series.invocations)).toBe(r.totals.invocations);
        expect(sum(r.series.coldStarts)).toBe(r.totals.coldStarts);
        expect(sum(r.series.throttled)).toBe(r.totals.throttled);
        // memory series integrate to the totals
        const held = r.series.heldMb.reduce((s, v, i) => s + v * (Math.min(r.horizon, (i + 1) * 60) - i * 60), 0) / 1024;
        expect(held).toBeCloseTo(r.totals.heldGbSeconds, 6);
        const idle = r.series.idleMb.reduce((s, v, i) => s + v * (Math.min(r.horizon, (i + 1) * 60) - i * 60), 0) / 1024;
        expect(idle).toBeCloseTo(r.totals.idleGbSeconds, 6);
      }),
      { numRuns: 200 },
    );
  });

  it('the same configuration and seed give an identical result; another seed a different one', () => {
    const config: FaasConfig = {
      functions: [fn('a', { duration: { type: 'exponential', mean: 2 }, init: undefined, runtime: 'python', memoryMb: 256 }), fn('b', { duration: { type: 'lognormal', mean: 0.3, sd: 0.5 }, init: undefined })],
      invocations: [
        { function: 'a', perMinute: [5, 0, 30, 2, 0, 0, 0, 0, 0, 0, 0, 1] },
        { function: 'b', perMinute: [50, 60, 10] },
      ],
      keepAlive: { type: 'hybrid' },
    };
    const one = JSON.stringify(runFaas(config, { seed: 42 }));
    expect(JSON.stringify(runFaas(config, { seed: 42 }))).toBe(one);
    expect(JSON.stringify(runFaas(structuredClone(config), { seed: 42 }))).toBe(one);
    expect(JSON.stringify(runFaas(config, { seed: 43 }))).not.toBe(one);
    const r = JSON.parse(one);
    expect(r.seed).toBe(42);
    expect(r.series.minutes).toBe(12);
    expect(r.series.invocations.slice(0, 4)).toEqual([55, 60, 40, 2]);
  });

  it('rejects an invalid configuration with the paths of its problems', () => {
    expect(() => runFaas({ functions: [fn('a', { memoryMb: 0 })], invocations: [{ function: 'b', times: [] }] })).toThrow(
      'invalid FaaS configuration: functions[0].memoryMb: must be at least 1, got 0; invocations[0].function: no function "b" (functions: a)',
    );
  });
});
