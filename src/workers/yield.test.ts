import { describe, expect, it } from 'vitest';
import { unclampedTimers } from './yield';

describe('unclampedTimers', () => {
  it('runs zero-delay jobs in order, skips cancelled ones, and leaves longer delays to setTimeout', async () => {
    const t = unclampedTimers();
    const ran: string[] = [];
    t.setTimer(() => ran.push('a'), 0);
    const b = t.setTimer(() => ran.push('b'), 0);
    t.setTimer(() => ran.push('c'), 0);
    t.clearTimer(b);
    const late = t.setTimer(() => ran.push('late'), 5);
    const never = t.setTimer(() => ran.push('never'), 5);
    t.clearTimer(never);
    await new Promise((res) => setTimeout(res, 30));
    expect(ran).toEqual(['a', 'c', 'late']);
    expect(typeof late).not.toBe('undefined');
  });
});
