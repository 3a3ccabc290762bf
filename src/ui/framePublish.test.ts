import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** framePublish with a hand-driven requestAnimationFrame. */
async function load() {
  vi.resetModules();
  const frames: Array<() => void> = [];
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
  const mod = await import('./framePublish');
  const nextFrame = () => {
    const cbs = frames.splice(0);
    for (const cb of cbs) cb();
  };
  return { ...mod, nextFrame, frames };
}

describe('publishes paced by animation frames', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs the latest job of each kind in the next frame, not before', async () => {
    const { publishInFrame, nextFrame } = await load();
    const seen: string[] = [];
    publishInFrame('clock', () => seen.push('clock 1'));
    publishInFrame('clock', () => seen.push('clock 2'));
    publishInFrame('counters', () => seen.push('counters'));
    expect(seen).toEqual([]);
    nextFrame();
    expect(seen).toEqual(['clock 2', 'counters']);
    nextFrame();
    expect(seen).toEqual(['clock 2', 'counters']);
  });

  it('runs at most one heavy job per frame, oldest first, with every light one', async () => {
    const { publishInFrame, nextFrame } = await load();
    const seen: string[] = [];
    publishInFrame('compute', () => seen.push('compute'), true);
    publishInFrame('series', () => seen.push('series'), true);
    publishInFrame('clock', () => seen.push('clock'));
    nextFrame();
    expect(seen).toEqual(['clock', 'compute']);
    publishInFrame('compute', () => seen.push('compute again'), true);
    nextFrame();
    expect(seen).toEqual(['clock', 'compute', 'series']);
    nextFrame();
    expect(seen).toEqual(['clock', 'compute', 'series', 'compute again']);
  });

  it('flushAll runs everything waiting at once; a cancelled job never runs', async () => {
    const { publishInFrame, flushAll, cancelPublish, nextFrame } = await load();
    const seen: string[] = [];
    publishInFrame('a', () => seen.push('a'), true);
    publishInFrame('b', () => seen.push('b'), true);
    publishInFrame('c', () => seen.push('c'));
    cancelPublish('c');
    flushAll();
    expect(seen.sort()).toEqual(['a', 'b']);
    nextFrame();
    expect(seen.length).toBe(2);
  });

  it('publishes anyway when no frame comes (a hidden page)', async () => {
    const { publishInFrame } = await load();
    const seen: string[] = [];
    publishInFrame('compute', () => seen.push('compute'), true);
    publishInFrame('clock', () => seen.push('clock'));
    vi.advanceTimersByTime(300);
    expect(seen.sort()).toEqual(['clock', 'compute']);
  });

  it('a failing job does not stop the others', async () => {
    const { publishInFrame, nextFrame } = await load();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    publishInFrame('bad', () => {
      throw new Error('boom');
    });
    publishInFrame('good', () => seen.push('good'));
    nextFrame();
    expect(seen).toEqual(['good']);
    expect(error).toHaveBeenCalled();
  });

  it('on a visible page whose frames come late, a missed frame publishes like a frame: light jobs and one heavy job', async () => {
    vi.stubGlobal('document', { visibilityState: 'visible' });
    const { publishInFrame } = await load();
    const seen: string[] = [];
    publishInFrame('clock', () => seen.push('clock'));
    publishInFrame('infra', () => seen.push('infra'), true);
    publishInFrame('log', () => seen.push('log'), true);
    vi.advanceTimersByTime(300);
    expect(seen).toEqual(['clock', 'infra']);
    vi.advanceTimersByTime(300);
    expect(seen).toEqual(['clock', 'infra', 'log']);
  });

  it('on a hidden page, a missed frame publishes everything at once', async () => {
    vi.stubGlobal('document', { visibilityState: 'hidden' });
    const { publishInFrame } = await load();
    const seen: string[] = [];
    publishInFrame('infra', () => seen.push('infra'), true);
    publishInFrame('log', () => seen.push('log'), true);
    vi.advanceTimersByTime(300);
    expect(seen).toEqual(['infra', 'log']);
  });
});
