import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CutBins } from './cutbins';

describe('cut bins (usage kept so a bill can be cut at an earlier minute)', () => {
  it('a time on a minute boundary belongs to the minute that ends there, and to that minute\'s hour', () => {
    const b = new CutBins(1);
    expect([0, 0.001, 59.999, 60, 60.001, 3600, 3600.001].map((t) => b.binOf(t))).toEqual([0, 1, 1, 1, 2, 60, 61]);
    // A time just after a boundary is in the next bin, even one so close that the division underflows.
    expect([Number.MIN_VALUE, 60 + 2 ** -47, 60 - 1e-14].map((t) => b.binOf(t))).toEqual([1, 2, 1]);
    expect([60 - 1e-14, 60, 60 + 1e-14].map((t) => b.lastBinBy(t))).toEqual([0, 1, 1]);
    expect([0, 1, 60, 61].map((k) => b.hourOfBin(k))).toEqual([0, 0, 0, 1]);
    b.add(3600, 5);
    b.add(3600.5, 7);
    // Bytes sent exactly at 3600 are the first hour's; half a second later, the second's.
    expect(b.hourly()).toEqual([[5, 7]]);
    expect(b.hourly(3600)).toEqual([[5]]);
  });

  it('a cut at T counts what happened at T and nothing after; between two boundaries, the bins closed by then', () => {
    const b = new CutBins(2);
    b.add(0, 1, 10); // at time 0
    b.add(120, 1, 20); // ends exactly at the boundary 120
    b.add(120.25, 1, 40); // just after it
    b.add(150, 1, 80);
    expect(b.hourly(0)).toEqual([[1], [10]]);
    expect(b.hourly(119.99)).toEqual([[1], [10]]);
    expect(b.hourly(120)).toEqual([[2], [30]]);
    expect(b.hourly(150)).toEqual([[2], [30]]); // the minute (120, 180] has not closed at 150
    expect(b.hourly(180)).toEqual([[4], [150]]);
    expect(b.hourly(-1)).toEqual([[], []]);
    expect(b.hourly()).toEqual(b.hourly(180));
  });

  it('keeps only the minutes with something in them: a call an hour for a year is 8,760 bins, not 525,600', () => {
    const b = new CutBins(2);
    for (let h = 0; h < 8760; h++) b.add(h * 3600 + 1234.5, 1, 250);
    expect(b.size).toBe(8760);
    // Capacity grows by doubling: at most twice the bins, 20 bytes each.
    expect(b.bytes).toBeLessThanOrEqual(2 * 8760 * 20);
    const [requests, ms] = b.hourly();
    expect(requests).toHaveLength(8760);
    expect(requests!.every((n) => n === 1)).toBe(true);
    expect(ms!.reduce((a, x) => a + x, 0)).toBe(8760 * 250);
  });

  it('refuses a width that does not divide an hour, and times that go backwards', () => {
    expect(() => new CutBins(1, 7)).toThrow('cut bins: the width (7 s) must divide an hour');
    expect(() => new CutBins(0)).toThrow('cut bins: quantities must be a positive integer, not 0');
    const b = new CutBins(1);
    b.add(600, 1);
    expect(() => b.add(500, 1)).toThrow('cut bins: time went backwards (bin 9 after 10)');
  });

  it('property: cut at any minute, the bins read what bins fed only up to then read (a run stopped there)', () => {
    const event = fc.record({ dt: fc.oneof(fc.constant(0), fc.constantFrom(60, 30, 3600, 2 ** -47, Number.MIN_VALUE), fc.double({ min: 0, max: 400, noNaN: true })), a: fc.integer({ min: 1, max: 1000 }), b: fc.double({ min: 0, max: 1e6, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 6 }), (events, cutMinutes) => {
        let t = 0;
        const timed = events.map((e) => ({ ...e, t: (t += e.dt) }));
        const all = new CutBins(2);
        for (const e of timed) all.add(e.t, e.a, e.b);
        for (const m of cutMinutes) {
          const cut = m * 60;
          const stopped = new CutBins(2);
          for (const e of timed) if (e.t <= cut) stopped.add(e.t, e.a, e.b);
          // Object.is through toEqual: the very same sums, not close ones.
          expect(all.hourly(cut)).toEqual(stopped.hourly());
          // And a mid-minute cut reads the minute boundary before it.
          expect(all.hourly(cut + 59.5)).toEqual(all.hourly(cut));
        }
      }),
      { numRuns: 200 },
    );
  });
});
