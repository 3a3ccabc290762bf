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
  /**
   * The display's frame interval (ms): a low percentile of the intervals seen, learnt from the
   * first LEARN_FRAMES and again at the end of every window (so a stray short frame, or a display
   * that changes its rate, does not leave every normal frame counted late). Infinity: not known yet.
   */
  private nominal = Infinity;
  /** Intervals seen while the display's interval is first learnt. */
  private learning: number[] = [];

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
    this.learning = [];
  }

  /**
   * One animation frame `intervalMs` after the previous one, seen at `now` (ms); returns the level.
   * Gaps (a hidden page) are ignored.
   */
  frame(intervalMs: number, now: number): number {
    if (!(intervalMs > 0) || intervalMs > GAP_MS) return this.levelNow;
    if (this.nominal === Infinity) {
      // No judgement before the display's interval is known.
      this.learning.push(intervalMs);
      if (this.learning.length >= LEARN_FRAMES) {
        this.nominal = reference(this.learning);
        this.learning = [];
      }
      return this.levelNow;
    }
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
    this.nominal = reference(this.intervals);
    this.clearWindow();
  }
}

/** Frames seen before lateness is judged (half a second at 60 Hz). */
const LEARN_FRAMES = 30;

/** The display's interval from a sample of intervals: their 10th percentile (late frames are the long tail). */
function reference(intervals: readonly number[]): number {
  const sorted = [...intervals].sort((a, b) => a - b);
  return Math.max(4, sorted[Math.floor(sorted.length * 0.1)]!);
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
  // `npm run bench:ui -- --fixed-pace` measures the console without this pacing.
  if ((globalThis as { __cumuloFixedPace?: boolean }).__cumuloFixedPace === true) return;
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
