import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';

describe('Kernel', () => {
  it('moves the clock to each event and runs handlers in (time, seq) order', () => {
    const k = new Kernel();
    const log: string[] = [];
    const tick = k.register('tick', (a) => {
      log.push(`${k.now}:${a}`);
      if (a < 3) k.schedule(1, tick, a + 1);
    });
    k.schedule(0, tick, 0);
    k.runUntil(10);
    expect(log).toEqual(['0:0', '1:1', '2:2', '3:3']);
    expect(k.now).toBe(10);
    expect(k.eventsProcessed).toBe(4);
  });

  it('runUntil(t) leaves later events pending and resumes exactly', () => {
    const k = new Kernel();
    const seen: number[] = [];
    const e = k.register('e', (a) => seen.push(a));
    for (let i = 0; i < 10; i++) k.scheduleAt(i, e, i);
    k.runUntil(4.5);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(k.now).toBe(4.5);
    expect(k.nextEventTime()).toBe(5);
    k.runUntil(100);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('pauses after maxEvents and after stop(), between events', () => {
    const k = new Kernel();
    const seen: number[] = [];
    const e = k.register('e', (a) => {
      seen.push(a);
      if (a === 6) k.stop();
    });
    for (let i = 0; i < 10; i++) k.scheduleAt(i, e, i);
    expect(k.runUntil(100, 3)).toBe(3);
    expect(k.now).toBe(2);
    expect(k.runUntil(100)).toBe(4); // 3,4,5,6 then stop()
    expect(k.now).toBe(6);
    expect(k.step()).toBe(true);
    expect(seen.at(-1)).toBe(7);
    expect(k.step(7.5)).toBe(false);
  });

  it('refuses to schedule into the past', () => {
    const k = new Kernel();
    const e = k.register('e', () => {});
    k.scheduleAt(5, e);
    k.runUntil(5);
    expect(() => k.scheduleAt(4, e)).toThrow(/before now/);
    expect(() => k.schedule(-1, e)).toThrow(/past/);
  });
});
