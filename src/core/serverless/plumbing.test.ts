import { describe, expect, it } from 'vitest';
import { backoffDelay, filterMatches, pollerTarget, TokenBucket } from './plumbing';

describe('token bucket', () => {
  it('starts full, refills at its rate, never above its burst (hand-computed)', () => {
    const b = new TokenBucket(2, 3, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.take(0.25)).toBe(false); // 0.5 token
    expect(b.take(0.5)).toBe(true); // 1 token at 0.5 s
    expect(b.take(0.5)).toBe(false);
    expect(b.tokens(100)).toBe(3); // capped at the burst
  });

  it('admits at most burst + rate × t requests over t seconds, whatever the offered load', () => {
    const b = new TokenBucket(5, 10, 0);
    let ok = 0;
    for (let i = 0; i < 10_000; i++) if (b.take(i * 0.01)) ok++; // 100 requests/s for 100 s
    // the burst of 10 at once, then one every 0.2 s up to 99.99 s: 10 + floor(5 × 99.99) = 509
    expect(ok).toBe(509);
  });

  it('refuses impossible settings with a clear error', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(/rate must be > 0/);
    expect(() => new TokenBucket(1, 0)).toThrow(/burst ≥ 1/);
  });
});

describe('topic filters', () => {
  it('match when every filter key has one of its values; no filter matches everything', () => {
    expect(filterMatches(undefined, {})).toBe(true);
    expect(filterMatches({ kind: ['express'] }, { kind: 'express', region: 'eu' })).toBe(true);
    expect(filterMatches({ kind: ['express'] }, { kind: 'standard' })).toBe(false);
    expect(filterMatches({ kind: ['express'], region: ['eu', 'us'] }, { kind: 'express' })).toBe(false);
  });
});

describe('retry backoff', () => {
  it('grows by the factor from the base, capped at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 1, 2, 30))).toEqual([1, 2, 4, 8, 16, 30, 30]);
    expect(backoffDelay(3, 5, 1, 60)).toBe(5);
  });
});

describe('consumer pollers', () => {
  it('grow towards ceil(backlog / batch) by at most the step, shrink at once, stay within [1 while busy, max]', () => {
    expect(pollerTarget(1000, 10, 50, 5, 10)).toBe(15);
    expect(pollerTarget(1000, 10, 50, 45, 10)).toBe(50);
    expect(pollerTarget(30, 10, 50, 20, 10)).toBe(3);
    expect(pollerTarget(3, 10, 50, 20, 10)).toBe(1);
    expect(pollerTarget(0, 10, 50, 20, 10)).toBe(0);
  });
});
