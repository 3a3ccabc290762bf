import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cosTurns } from './trig';

describe('cosTurns', () => {
  it('agrees with Math.cos(2πx) to 1e-15', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), (x) => {
        expect(Math.abs(cosTurns(x) - Math.cos(2 * Math.PI * (x - Math.floor(x))))).toBeLessThan(1e-15);
      }),
    );
  });
  it('hits the exact values at quarter turns', () => {
    expect(cosTurns(0)).toBe(1);
    expect(cosTurns(0.5)).toBe(-1);
    expect(Math.abs(cosTurns(0.25))).toBe(0);
    expect(cosTurns(3)).toBe(1);
    expect(cosTurns(Infinity)).toBeNaN();
  });
});
