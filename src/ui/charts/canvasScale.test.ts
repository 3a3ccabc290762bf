import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nearestIndex, niceStep, niceTicks, timeTicks } from './canvasScale';

describe('canvas chart scales', () => {
  it('picks round steps', () => {
    expect(niceStep(23)).toBe(25);
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(140)).toBe(200);
    expect(niceStep(0.3, true)).toBe(1);
    expect(niceStep(2.2, true)).toBe(5);
  });

  it('covers an automatic range with round ticks from the bottom', () => {
    expect(niceTicks(0, 580, 4)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(0, 0, 4, true)).toEqual([0, 1]);
    expect(niceTicks(0, 100, 4, false, true)).toEqual([0, 25, 50, 75, 100]);
  });

  it('always spans the data: first tick = lo, last tick ≥ hi, ascending', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 8 }), fc.boolean(), (hi, count, integer) => {
        const ticks = niceTicks(0, hi, count, integer);
        expect(ticks[0]).toBe(0);
        expect(ticks[ticks.length - 1]!).toBeGreaterThanOrEqual(hi);
        expect(ticks.length).toBeLessThanOrEqual(2 * count + 2);
        for (let i = 1; i < ticks.length; i++) expect(ticks[i]!).toBeGreaterThan(ticks[i - 1]!);
        if (integer) for (const t of ticks) expect(Number.isInteger(t)).toBe(true);
      }),
    );
  });

  it('puts time ticks on round times inside the range, no more than asked', () => {
    expect(timeTicks(0, 300, 6)).toEqual([0, 60, 120, 180, 240, 300]);
    expect(timeTicks(7, 70, 5)).toEqual([15, 30, 45, 60]);
    expect(timeTicks(7, 70, 4)).toEqual([30, 60]);
    // Beyond a week per tick: round days, and never a first tick below t0 (a counterexample fast-check found).
    expect(timeTicks(50, 50 + 1e6, 1)).toEqual([]);
    expect(timeTicks(50, 50 + 1e6, 2)).toEqual([604800]);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 10 }), (t0, span, max) => {
        const ticks = timeTicks(t0, t0 + span, max);
        expect(ticks.length).toBeLessThanOrEqual(max + 1);
        for (const t of ticks) {
          expect(t).toBeGreaterThanOrEqual(t0 - 1e-6);
          expect(t).toBeLessThanOrEqual(t0 + span + 1e-6);
        }
      }),
    );
  });

  it('finds the nearest sample', () => {
    const ts = [0, 10, 20, 30];
    const at = (i: number) => ts[i]!;
    expect(nearestIndex(4, at, -5)).toBe(0);
    expect(nearestIndex(4, at, 14)).toBe(1);
    expect(nearestIndex(4, at, 16)).toBe(2);
    expect(nearestIndex(4, at, 99)).toBe(3);
    expect(nearestIndex(0, at, 1)).toBe(-1);
  });
});
