import { describe, expect, it } from 'vitest';
import { RandomStream } from '../engine/random';
import { makeArrivalProcess } from './arrivals';
import type { ArrivalSpec } from '../scenario/schema';

function count(spec: ArrivalSpec, from: number, to: number, seed = 1): number {
  const p = makeArrivalProcess(spec, RandomStream.forEntity(seed, 'test'));
  let t = p.next(0);
  let n = 0;
  while (t < to) {
    if (t >= from) n++;
    t = p.next(t);
  }
  return n;
}

/** Expected count ± 5 standard deviations of a Poisson count. */
function expectPoisson(n: number, mean: number): void {
  expect(Math.abs(n - mean)).toBeLessThan(5 * Math.sqrt(mean) + 1);
}

describe('arrival processes', () => {
  it('poisson: the count over a window has the rate × length mean', () => {
    expectPoisson(count({ type: 'poisson', rate: 50 }, 0, 1000), 50_000);
    expect(count({ type: 'poisson', rate: 0 }, 0, 1000)).toBe(0);
  });

  it('piecewise step and linear curves integrate to the right counts', () => {
    const step: ArrivalSpec = { type: 'piecewise', interpolation: 'step', points: [{ at: 0, rate: 10 }, { at: 100, rate: 100 }, { at: 200, rate: 0 }] };
    expectPoisson(count(step, 0, 100), 1000);
    expectPoisson(count(step, 100, 200), 10_000);
    expect(count(step, 200, 400)).toBe(0);
    const ramp: ArrivalSpec = { type: 'piecewise', interpolation: 'linear', points: [{ at: 0, rate: 0 }, { at: 1000, rate: 100 }] };
    expectPoisson(count(ramp, 0, 500), 12_500); // ∫0^500 0.1 t dt
    expectPoisson(count(ramp, 500, 1000), 37_500);
  });

  it('piecewise curves repeat with a period', () => {
    const spec: ArrivalSpec = { type: 'piecewise', interpolation: 'step', period: 10, points: [{ at: 0, rate: 100 }, { at: 5, rate: 0 }] };
    expectPoisson(count(spec, 0, 1000), 50_000);
  });

  it('diurnal: a full day averages (peak + trough) / 2, and the peak hour is busier than the night', () => {
    const spec: ArrivalSpec = { type: 'diurnal', peak: 10, trough: 2, period: 86400, peakAt: 50400 };
    expectPoisson(count(spec, 0, 86400), 6 * 86400);
    const peakHour = count(spec, 50400 - 1800, 50400 + 1800);
    const nightHour = count(spec, 7200 - 1800, 7200 + 1800);
    expect(peakHour).toBeGreaterThan(3 * nightHour);
    const proc = makeArrivalProcess(spec, RandomStream.forEntity(1, 'x'));
    expect(proc.rateAt(50400)).toBeCloseTo(10, 12);
    expect(proc.rateAt(50400 - 43200)).toBeCloseTo(2, 12);
  });

  it('spike: base, ramp, hold and back', () => {
    const spec: ArrivalSpec = { type: 'spike', base: 10, peak: 110, at: 100, rampUp: 10, hold: 50, rampDown: 10 };
    expectPoisson(count(spec, 0, 100), 1000);
    expectPoisson(count(spec, 110, 160), 5500);
    expectPoisson(count(spec, 100, 110), 600);
    expectPoisson(count(spec, 170, 270), 1000);
  });

  it('per-minute trace with uniform spread places exactly the counted arrivals in each minute', () => {
    const spec: ArrivalSpec = { type: 'trace', format: 'per-minute', data: [3, 0, 7, 1], scale: 1, minuteSeconds: 60, spread: 'uniform', loop: false };
    expect(count(spec, 0, 60)).toBe(3);
    expect(count(spec, 60, 120)).toBe(0);
    expect(count(spec, 120, 180)).toBe(7);
    expect(count(spec, 0, 1e6)).toBe(11);
    const looped: ArrivalSpec = { ...spec, loop: true, minuteSeconds: 1 };
    expect(count(looped, 0, 40)).toBe(110);
    const scaled: ArrivalSpec = { ...spec, scale: 10 };
    expect(count(scaled, 0, 1e6)).toBe(110);
  });

  it('timestamp trace replays the given times, compressed by scale', () => {
    const p = makeArrivalProcess({ type: 'trace', format: 'timestamps', data: [1, 2, 2, 5], scale: 2, minuteSeconds: 60, spread: 'uniform', loop: false }, RandomStream.forEntity(1, 'x'));
    const times: number[] = [];
    for (let t = p.next(0); t < Infinity; t = p.next(t)) times.push(t);
    expect(times).toEqual([0.5, 1, 1, 2.5]);
  });
});

describe('bursty arrivals', () => {
  it('mmpp: the long-run rate is the time-weighted mean of the state rates, and it is burstier than Poisson', () => {
    const spec: ArrivalSpec = { type: 'mmpp', states: [{ rate: 100, meanDuration: 10 }, { rate: 0, meanDuration: 30 }] };
    const total = count(spec, 0, 40_000);
    // Mean rate 100·10/40 = 25/s; the count varies far more than a Poisson count would (cycles of 40 s).
    expect(Math.abs(total / 40_000 - 25)).toBeLessThan(1.5);
    const p = makeArrivalProcess(spec, RandomStream.forEntity(3, 'burst'));
    const perSecond = new Array<number>(2000).fill(0);
    for (let t = p.next(0); t < 2000; t = p.next(t)) perSecond[Math.floor(t)]!++;
    const mean = perSecond.reduce((a, b) => a + b, 0) / perSecond.length;
    const variance = perSecond.reduce((a, b) => a + (b - mean) ** 2, 0) / perSecond.length;
    expect(variance / mean).toBeGreaterThan(10); // Poisson would give ≈ 1
  });
});
