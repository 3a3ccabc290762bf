/**
 * Live-view pacing by frame health. While a run plays, the console publishes the infrastructure,
 * the series and the charts on timers (computeStore.ts, bridge.ts). On a machine that cannot keep
 * up (few cores, one of them taken by the simulation worker), those renders make frames miss the
 * display's refresh and the page stutters. Here the page watches its own animation frames and,
 * when too many come late, stretches those timers (×2, then ×3); once frames are on time again
 * for a while it brings them back. The data is never thinned: each publish carries the latest state.
 *
 * `FramePace` is the decision, pure and testable; `startFramePace` runs it on real animation
 * frames while a run plays.
 */
import { useSyncExternalStore } from 'react';

export interface FramePaceOptions {
  /** Frames per judgement window (default 120, two seconds at 60 Hz). */
  window?: number;
  /** Late frames in a window that slow the live view down (default 4, about 3 %). */
  raiseAt?: number;
  /** Late frames in a full window at most, to speed it up again (default 1). */
  lowerAt?: number;
  /** Slowest pace (default 3: publishes three times further apart). */
  maxLevel?: number;
  /** Least time between two slow-downs, ms (default 1000). */
  raiseHoldMs?: number;
  /** Time of frames on time (full windows with at most `lowerAt` late ones) before speeding up again, ms (default 5000). */
  lowerHoldMs?: number;
}

/** Intervals longer than this are a hidden page or a pause, not a late frame (ms). */
const GAP_MS = 1000;
/** A frame is late when its interval passes the display's own interval by half. */
const LATE_FACTOR = 1.5;

export class FramePace {
  private readonly windowSize: number;
  private readonly raiseAt: number;
  private readonly lowerAt: number;
  private readonly maxLevel: number;
  private readonly raiseHoldMs: number;
  private readonly lowerHoldMs: number;
  private levelNow = 1;
  private changedAt = -Infinity;
  /** Since when the windows have been calm (no more than `lowerAt` late frames each). */
  private calmSince = -Infinity;
  /** Intervals of the current window (ms), and how many of them were late. */
  private intervals: number[] = [];
  private late = 0;
  /** The display's frame interval: the shortest interval seen lately (ms). */
  private nominal = Infinity;

  constructor(options: FramePaceOptions = {}) {
    this.windowSize = Math.max(10, Math.floor(options.window ?? 120));
    this.raiseAt = Math.max(1, Math.floor(options.raiseAt ?? 4));
    this.lowerAt = Math.max(0, Math.floor(options.lowerAt ?? 1));
    this.maxLevel = Math.max(1, Math.floor(options.maxLevel ?? 3));
    this.raiseHoldMs = options.raiseHoldMs ?? 1000;
    this.lowerHoldMs = options.lowerHoldMs ?? 5000;
  }

  /** 1 = live view at its normal pace; k = its publishes k times further apart. */
  get level(): number {
    return this.levelNow;
  }

  /** Back to the normal pace, forgetting what was seen (a new worker, a new scenario). */
  reset(): void {
    this.levelNow = 1;
    this.changedAt = -Infinity;
    this.calmSince = -Infinity;
    this.clearWindow();
    this.nominal = Infinity;
  }

  /**
   * One animation frame `intervalMs` after the previous one, seen at `now` (ms); returns the level.
   * Gaps (a hidden page) are ignored.
   */
  frame(intervalMs: number, now: number): number {
    if (!(intervalMs > 0) || intervalMs > GAP_MS) return this.levelNow;
    // A display's interval is never shorter than its refresh; jitter makes single frames a little
    // shorter, so the shortest of a window (not of all time) is the reference.
    if (intervalMs < this.nominal) this.nominal = Math.max(4, intervalMs);
    const isLate = intervalMs > this.nominal * LATE_FACTOR;
    this.intervals.push(intervalMs);
    if (isLate) this.late++;
    if (this.late >= this.raiseAt && this.levelNow < this.maxLevel && now - this.changedAt >= this.raiseHoldMs) {
      this.change(this.levelNow + 1, now);
    } else if (this.intervals.length >= this.windowSize) {
      if (this.late > this.lowerAt) this.calmSince = now;
      if (this.levelNow > 1 && this.late <= this.lowerAt && now - this.calmSince >= this.lowerHoldMs) this.change(this.levelNow - 1, now);
      else this.slide();
    }
    return this.levelNow;
  }

  private change(level: number, now: number): void {
    this.levelNow = level;
    this.changedAt = now;
    this.calmSince = now;
    this.clearWindow();
  }

  private clearWindow(): void {
    this.intervals = [];
    this.late = 0;
  }

  /** A full window: start the next one with the reference re-learnt from this one. */
  private slide(): void {
    this.nominal = Math.max(4, Math.min(...this.intervals));
    this.clearWindow();
  }
}

// ------------------------------------------------------------------ the page's pace

const pace = new FramePace();
const listeners = new Set<(level: number) => void>();

/** How many times further apart the live view's timed publishes go now (1 = normal pace). */
export function livePace(): number {
  return pace.level;
}

/** Calls `fn` with the new level whenever it changes; returns the unsubscribe. */
export function onLivePace(fn: (level: number) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function announce(level: number): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.livePace = String(level);
  for (const fn of listeners) fn(level);
}

/** Normal pace again (a new scenario or worker: the old verdict no longer applies). */
export function resetLivePace(): void {
  const before = pace.level;
  pace.reset();
  if (before !== 1) announce(1);
}

let frameHandle: number | null = null;
let lastFrame = 0;

function onFrame(t: number): void {
  frameHandle = requestAnimationFrame(onFrame);
  if (lastFrame > 0) {
    const before = pace.level;
    const level = pace.frame(t - lastFrame, t);
    if (level !== before) announce(level);
  }
  lastFrame = t;
}

/**
 * Watches animation frames while `playing` is true (none are requested while paused: an idle page
 * stays idle). Call it whenever the playing state changes.
 */
export function watchFrames(playing: boolean): void {
  if (typeof requestAnimationFrame !== 'function') return;
  if (playing && frameHandle === null) {
    lastFrame = 0;
    frameHandle = requestAnimationFrame(onFrame);
  } else if (!playing && frameHandle !== null) {
    cancelAnimationFrame(frameHandle);
    frameHandle = null;
  }
}

/** The live view's pace in a component (re-renders when it changes). */
export function useLivePace(): number {
  return useSyncExternalStore(onLivePace, livePace, () => 1);
}
