import { describe, expect, it } from 'vitest';
import { makeSampler } from '../engine/distributions';
import { RandomStream } from '../engine/random';
import { makeDurationSampler, percentileProblem } from './durations';
import { INIT_CAP_SECONDS, initMeanSeconds, initTimeModel } from './init-model';
import { RUNTIMES } from './types';
import { faasIssueLine, validateFaasConfig } from './validate';

describe('durations from percentile points', () => {
  const points: Array<[number, number]> = [
    [0, 0.01],
    [0.01, 0.02],
    [0.25, 0.1],
    [0.5, 0.2],
    [0.75, 0.4],
    [0.99, 2],
    [1, 10],
  ];

  it('reproduces the given percentiles and the analytic mean', () => {
    const s = makeDurationSampler({ type: 'percentiles', points });
    const r = RandomStream.forEntity(3, 'percentiles');
    const n = 200_000;
    const draws = Float64Array.from({ length: n }, () => s.sample(r)).sort();
    for (const [p, v] of points.slice(1, -1)) expect(draws[Math.floor(p * n)]!).toBeCloseTo(v, 1);
    expect(draws[0]!).toBeGreaterThanOrEqual(0.01);
    expect(draws[n - 1]!).toBeLessThanOrEqual(10);
    // mean = Σ (p_(i+1) − p_i)·(v_i + v_(i+1))/2
    const mean = 0.01 * 0.015 + 0.24 * 0.06 + 0.25 * 0.15 + 0.25 * 0.3 + 0.24 * 1.2 + 0.01 * 6;
    expect(s.mean).toBeCloseTo(mean, 12);
    expect(draws.reduce((a, b) => a + b, 0) / n).toBeCloseTo(mean, 2);
  });

  it('is non-decreasing in the uniform draw (one uniform per draw)', () => {
    const s = makeDurationSampler({ type: 'percentiles', points });
    const a = RandomStream.forEntity(9, 'x');
    const b = RandomStream.forEntity(9, 'x');
    for (let i = 0; i < 1000; i++) {
      const u = b.next();
      const v = s.sample(a);
      const seg = points.findIndex(([p], k) => k + 1 < points.length && u >= p && u < points[k + 1]![0]);
      expect(v).toBeGreaterThanOrEqual(points[seg]![1]);
      expect(v).toBeLessThanOrEqual(points[seg + 1]![1]);
    }
  });

  it('explains unusable points', () => {
    expect(percentileProblem({ type: 'percentiles', points: [[0, 1]] })).toBe('needs at least two [probability, value] points');
    expect(percentileProblem({ type: 'percentiles', points: [[0.1, 1], [1, 2]] })).toBe('the first probability must be 0, got 0.1');
    expect(percentileProblem({ type: 'percentiles', points: [[0, 1], [0.5, 2]] })).toBe('the last probability must be 1, got 0.5');
    expect(percentileProblem({ type: 'percentiles', points: [[0, 3], [0.5, 2], [1, 4]] })).toBe('values must not decrease (point 2: 2 after 3)');
    expect(percentileProblem({ type: 'percentiles', points: [[0, 1], [0.5, 2], [0.5, 3], [1, 4]] })).toBe('probabilities must increase (point 3: 0.5 after 0.5)');
    expect(() => makeDurationSampler({ type: 'percentiles', points: [[0, 1]] })).toThrow(RangeError);
  });
});

describe('cold-start (INIT) model', () => {
  it('spans under 100 ms to over 1 s across runtimes, memory and package sizes (MODELS.md)', () => {
    expect(initMeanSeconds('go', 3008, 1)).toBeLessThan(0.1);
    expect(initMeanSeconds('java', 512, 50)).toBeGreaterThan(1);
    expect(initMeanSeconds('node', 128, 1)).toBeCloseTo(0.18 * 2.8 + 0.012, 12);
    // slower with less memory and bigger packages, ordered by runtime
    expect(initMeanSeconds('python', 128, 5)).toBeGreaterThan(initMeanSeconds('python', 1024, 5));
    expect(initMeanSeconds('python', 1024, 50)).toBeGreaterThan(initMeanSeconds('python', 1024, 5));
    const order = ['go', 'node', 'python', 'dotnet', 'java'] as const;
    for (let i = 1; i < order.length; i++) expect(initMeanSeconds(order[i]!, 1024, 5)).toBeGreaterThan(initMeanSeconds(order[i - 1]!, 1024, 5));
    expect(RUNTIMES).toEqual(['node', 'python', 'java', 'dotnet', 'go']);
  });

  it('draws are lognormal around the model mean; the simulator caps them at 10 s', () => {
    const spec = initTimeModel('dotnet', 256, 20);
    expect(spec).toEqual({ type: 'lognormal', mean: initMeanSeconds('dotnet', 256, 20), sd: 0.4 * initMeanSeconds('dotnet', 256, 20) });
    const s = makeSampler(spec);
    const r = RandomStream.forEntity(1, 'init');
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += s.sample(r);
    expect(sum / 20_000).toBeCloseTo(spec.type === 'lognormal' ? spec.mean : 0, 1);
    expect(INIT_CAP_SECONDS).toBe(10);
  });
});

describe('configuration validation', () => {
  const fn = { id: 'f', runtime: 'node', memoryMb: 256, timeout: 30, packageMb: 2, duration: { type: 'constant', value: 0.1 } };

  it('accepts a valid configuration as it is', () => {
    const config = { functions: [fn], invocations: [{ function: 'f', perMinute: [1, 2] }], keepAlive: { type: 'hybrid', margin: 0.2 } };
    expect(validateFaasConfig(config)).toEqual({ ok: true, config });
  });

  it('names every problem with its path, in plain words', () => {
    const r = validateFaasConfig({
      functions: [
        { ...fn, runtime: 'ruby', memoryMb: 20000, timeout: 0, duration: { type: 'uniform', min: 2, max: 1 }, reserved: 2, provisioned: 3, colour: 'red' },
        { ...fn, duration: { type: 'percentiles', points: [[0, 1]] } },
      ],
      invocations: [{ function: 'g', perMinute: [1, -1] }, { function: 'f', times: [3, 2] }, { function: 'f', perMinute: [], times: [] }],
      keepAlive: { type: 'hybrid', head: 0.5, tail: 0.2, bin: 0 },
      account: { concurrencyLimit: 1.5, scaling: { per: -1 } },
      prices: { perGbSecond: 'cheap' },
      horizon: -5,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(faasIssueLine)).toEqual([
      'functions[0].colour: is not a known field (expected one of: id, app, runtime, memoryMb, timeout, packageMb, duration, init, provisioned, reserved, failureRate)',
      'functions[0].runtime: must be one of node, python, java, dotnet, go, got "ruby"',
      'functions[0].memoryMb: must be at most 10240, got 20000',
      'functions[0].timeout: must be greater than 0, got 0',
      'functions[0].duration: uniform distribution: min (2) must not be greater than max (1)',
      'functions[0].provisioned: must not exceed the reserved concurrency (2), got 3',
      'functions[1].id: "f" is already used by functions[0]',
      'functions[1].duration.points: needs at least two [probability, value] points',
      'invocations[0].function: no function "g" (functions: f)',
      'invocations[0].perMinute[1]: must be a whole number 0 or more, got -1',
      'invocations[1].times[1]: must not be earlier than the time before it (3), got 2',
      'invocations[2].function: "f" already has its invocations in invocations[1]',
      'invocations[2]: needs exactly one of perMinute (counts per minute) or times (seconds)',
      'keepAlive.bin: must be greater than 0, got 0',
      'keepAlive.head: must not be above the tail percentile (0.2), got 0.5',
      'account.concurrencyLimit: must be a whole number, got 1.5',
      'account.scaling.per: must be greater than 0, got -1',
      'prices.perGbSecond: must be a number, got "cheap"',
      'horizon: must be greater than 0, got -5',
    ]);
    expect(validateFaasConfig(null)).toEqual({ ok: false, errors: [{ path: '', message: 'a FaaS configuration must be an object, got null' }] });
    expect(validateFaasConfig({ functions: [{ ...fn, reserved: 800 }, { ...fn, id: 'g', reserved: 300 }], invocations: [] })).toEqual({
      ok: false,
      errors: [{ path: 'functions', message: 'reserved concurrency adds up to 1100, more than the account limit (1000)' }],
    });
  });
});
