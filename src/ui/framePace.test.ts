import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FramePace } from './framePace';

const VSYNC = 1000 / 60;

/** Feeds `n` frames of `interval(k)` ms; returns the levels seen after each frame and the end time. */
function feed(pace: FramePace, n: number, interval: (k: number) => number, start = 0): { levels: number[]; t: number } {
  const levels: number[] = [];
  let t = start;
  for (let k = 0; k < n; k++) {
    const dt = interval(k);
    t += dt;
    levels.push(pace.frame(dt, t));
  }
  return { levels, t };
}

describe('FramePace', () => {
  it('keeps the normal pace while frames are on time, jitter included', () => {
    const pace = new FramePace();
    const { levels } = feed(pace, 3600, (k) => VSYNC + (k % 3) - 1);
    expect(new Set(levels)).toEqual(new Set([1]));
  });

  it('keeps the normal pace with one late frame in a window', () => {
    const pace = new FramePace();
    const { levels } = feed(pace, 3600, (k) => (k % 120 === 60 ? 2 * VSYNC : VSYNC));
    expect(Math.max(...levels)).toBe(1);
  });

  it('slows down when one frame in twenty is late, one step per second at most, up to 3', () => {
    const pace = new FramePace();
    const late = (k: number) => (k % 20 === 10 ? 2 * VSYNC : VSYNC);
    const first = feed(pace, 120, late);
    // Half a second to learn the display's interval, then four late frames: one step (1.5 s in).
    expect(first.levels.indexOf(2)).toBeGreaterThan(60);
    expect(first.levels.indexOf(2)).toBeLessThanOrEqual(90);
    expect(first.levels.at(-1)).toBe(2);
    const rest = feed(pace, 600, late, first.t);
    expect(rest.levels.at(-1)).toBe(3);
    // Never more than the slowest pace, never two steps within a second.
    const all = [...first.levels, ...rest.levels];
    expect(Math.max(...all)).toBe(3);
    const steps = all.flatMap((l, k) => (k > 0 && l !== all[k - 1] ? [k] : []));
    for (let i = 1; i < steps.length; i++) expect((steps[i]! - steps[i - 1]!) * VSYNC).toBeGreaterThanOrEqual(1000);
  });

  it('speeds up again one step at a time after five seconds of frames on time', () => {
    const pace = new FramePace();
    const slow = feed(pace, 600, (k) => (k % 10 === 5 ? 3 * VSYNC : VSYNC));
    expect(pace.level).toBe(3);
    const calm = feed(pace, 60 * 30, () => VSYNC, slow.t);
    const firstDown = calm.levels.indexOf(2);
    expect(firstDown * VSYNC).toBeGreaterThanOrEqual(5000 - 2 * VSYNC);
    expect(calm.levels.indexOf(1)).toBeGreaterThan(firstDown + 5000 / VSYNC - 2);
    expect(calm.levels.at(-1)).toBe(1);
  });

  it('a stray short frame (a catch-up, a display changing its rate) does not make normal frames late', () => {
    const pace = new FramePace();
    const { levels } = feed(pace, 3600, (k) => (k % 60 === 7 ? 8 : VSYNC));
    expect(Math.max(...levels)).toBe(1);
    // And a display going from 144 Hz to 60 Hz is relearnt: no lasting slow-down.
    const moved = new FramePace();
    const at144 = feed(moved, 600, () => 1000 / 144);
    const at60 = feed(moved, 1200, () => VSYNC, at144.t);
    expect(at60.levels.at(-1)).toBe(1);
  });

  it('does not count a hidden page or a pause as late frames', () => {
    const pace = new FramePace();
    const { levels } = feed(pace, 1200, (k) => (k % 50 === 0 ? 5000 : VSYNC));
    expect(Math.max(...levels)).toBe(1);
  });

  it('judges lateness against the display it runs on (144 Hz)', () => {
    const hz144 = 1000 / 144;
    const pace = new FramePace();
    // 12 ms frames are on time at 60 Hz but late at 144 Hz.
    feed(pace, 300, (k) => (k % 15 === 0 ? 12 : hz144));
    expect(pace.level).toBeGreaterThan(1);
    const at60 = new FramePace();
    feed(at60, 300, (k) => (k % 15 === 0 ? 12 : VSYNC - 4));
    expect(at60.level).toBe(1);
  });

  it('reset goes back to the normal pace', () => {
    const pace = new FramePace();
    feed(pace, 300, (k) => (k % 5 === 0 ? 50 : VSYNC));
    expect(pace.level).toBeGreaterThan(1);
    pace.reset();
    expect(pace.level).toBe(1);
  });

  it('stays within 1..maxLevel and changes at most once per hold, whatever the frames', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(VSYNC), fc.double({ min: 1, max: 3000, noNaN: true })), { minLength: 1, maxLength: 2000 }), fc.integer({ min: 1, max: 5 }), (intervals, maxLevel) => {
        const pace = new FramePace({ maxLevel });
        let t = 0;
        let last = 1;
        let lastChange = -Infinity;
        for (const dt of intervals) {
          t += dt;
          const level = pace.frame(dt, t);
          expect(level).toBeGreaterThanOrEqual(1);
          expect(level).toBeLessThanOrEqual(maxLevel);
          expect(Math.abs(level - last)).toBeLessThanOrEqual(1);
          if (level !== last) {
            expect(t - lastChange).toBeGreaterThanOrEqual(1000);
            lastChange = t;
          }
          last = level;
        }
      }),
    );
  });
});
