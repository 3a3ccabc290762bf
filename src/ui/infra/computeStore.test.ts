import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComputeDelta, ComputeLogEntry, HostLive } from '../../workers/sim.worker';
import { applyComputeDelta, COMPUTE_PUBLISH_MS, computeStore, flushCompute, loadComputeInfo } from './computeStore';

const hosts = (rev: number): HostLive => ({
  rev,
  cpu: new Float32Array([rev / 10]),
  mem: new Float32Array([0]),
  flags: new Uint8Array([2]),
  instances: new Int32Array([0]),
  linksCut: new Uint8Array(0),
});
const entry = (seq: number): ComputeLogEntry => ({ seq, t: seq, kind: 'host', subject: `h${seq}`, reason: 'test' });
const delta = (rev: number, seqs: number[]): ComputeDelta => ({ reset: false, hosts: hosts(rev), log: { entries: seqs.map(entry), total: seqs.at(-1)! + 1, dropped: 0 } });

describe('compute publishes while playing', () => {
  let frames: FrameRequestCallback[] = [];
  const nextFrame = () => {
    const run = frames;
    frames = [];
    for (const f of run) f(0);
  };
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    loadComputeInfo(null);
    // The first delta of a run resets and shows at once.
    applyComputeDelta({ reset: true, hosts: hosts(1), log: { entries: [entry(0)], total: 1, dropped: 0 } }, false);
  });
  afterEach(() => {
    flushCompute();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('puts the infrastructure and the event log into the store in separate frames, after the publish interval', () => {
    expect(computeStore.getState().hosts?.rev).toBe(1);
    applyComputeDelta(delta(2, [1, 2]), false);
    applyComputeDelta(delta(3, [3]), false);
    expect(computeStore.getState().hosts?.rev).toBe(1);
    vi.advanceTimersByTime(COMPUTE_PUBLISH_MS);
    nextFrame();
    expect(computeStore.getState().hosts?.rev).toBe(3);
    expect(computeStore.getState().log.map((e) => e.seq)).toEqual([0]);
    nextFrame();
    expect(computeStore.getState().log.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    expect(computeStore.getState().logTotal).toBe(4);
  });

  it('builds on what waits for a frame, so no log entry is lost between parts', () => {
    applyComputeDelta(delta(2, [1]), false);
    vi.advanceTimersByTime(COMPUTE_PUBLISH_MS);
    nextFrame(); // the infrastructure part; the log part waits for the next frame
    applyComputeDelta(delta(3, [2]), false);
    nextFrame();
    vi.advanceTimersByTime(COMPUTE_PUBLISH_MS);
    nextFrame();
    nextFrame();
    expect(computeStore.getState().log.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(computeStore.getState().hosts?.rev).toBe(3);
  });

  it('shows everything at once on a pause, and a part still waiting does not bring older state back', () => {
    applyComputeDelta(delta(2, [1]), false);
    vi.advanceTimersByTime(COMPUTE_PUBLISH_MS);
    applyComputeDelta(delta(3, [2]), true);
    expect(computeStore.getState().hosts?.rev).toBe(3);
    expect(computeStore.getState().log.map((e) => e.seq)).toEqual([0, 1, 2]);
    nextFrame();
    nextFrame();
    expect(computeStore.getState().hosts?.rev).toBe(3);
    expect(computeStore.getState().log.map((e) => e.seq)).toEqual([0, 1, 2]);
  });
});
