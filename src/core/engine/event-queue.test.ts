import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';

function drain(q: EventQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (q.size > 0) {
    const s = q.popSlot();
    out.push([q.slotTime(s), q.slotA(s)]);
  }
  return out;
}

describe('EventQueue', () => {
  it('pops in time order and keeps insertion order for equal times', () => {
    const q = new EventQueue(4);
    q.push(5, 0, 1);
    q.push(1, 0, 2);
    q.push(5, 0, 3);
    q.push(1, 0, 4);
    q.push(3, 0, 5);
    expect(drain(q)).toEqual([
      [1, 2],
      [1, 4],
      [3, 5],
      [5, 1],
      [5, 3],
    ]);
  });

  it('matches a stable sort by (time, insertion) for any sequence, growing past its capacity', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue(16);
        times.forEach((t, i) => q.push(t, 0, i));
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(drain(q)).toEqual(expected);
      }),
    );
  });

  it('cancels pending events and ignores stale handles after the slot is reused', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { minLength: 1, maxLength: 200 }), (ops) => {
        const q = new EventQueue(16);
        const handles = ops.map(([t], i) => q.push(t, 0, i));
        const kept: Array<[number, number]> = [];
        ops.forEach(([t, cancel], i) => {
          if (cancel) expect(q.cancel(handles[i]!)).toBe(true);
          else kept.push([t, i]);
        });
        ops.forEach(([, cancel], i) => {
          if (cancel) expect(q.cancel(handles[i]!)).toBe(false);
        });
        kept.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(drain(q)).toEqual(kept);
        // Slots are reused now; the old handles must not cancel the new events.
        q.push(1, 0, 999);
        for (const h of handles) q.cancel(h);
        expect(q.size).toBe(1);
      }),
    );
  });

  it('rejects NaN times', () => {
    expect(() => new EventQueue().push(NaN, 0)).toThrow(RangeError);
  });
});
