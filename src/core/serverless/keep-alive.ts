/**
 * Keep-alive policies: what happens to an execution environment after it finishes an invocation.
 *
 * A policy is a plug-in with one method, `decide`, called with a read-only context (the time, the
 * function, and its application's idle-time histogram). It answers with two windows, measured from
 * the end of the invocation:
 *
 * - `prewarm` = 0: keep the environment loaded for `keepAlive` seconds, then unload it;
 * - `prewarm` > 0: unload it now and load a fresh one `prewarm` seconds later, which is kept for
 *   `keepAlive` seconds after it is ready (a new invocation before then cancels the reload).
 *
 * Policies:
 * - fixed TTL (AWS Lambda about 10 min, Azure 20 min: "Serverless in the Wild", via MODELS.md);
 * - the hybrid histogram policy of Shahrad et al. (USENIX ATC 2020), as described in MODELS.md and
 *   the paper: per-application histogram of idle times (time from the end of one invocation to the
 *   start of the next), 4 h range in 1-minute bins; pre-warm window = the 5th percentile (head),
 *   keep-alive up to the 99th percentile (tail). We implement the paper's 10 % margins: the
 *   pre-warm window is the head bin's lower edge minus 10 %, and the environment is kept until the
 *   tail bin's upper edge plus 10 % (so the keep-alive window after a pre-warm load is
 *   tail·1.1 − head·0.9, covering the idle times between the two percentiles). When the histogram
 *   is not representative it falls back, as the paper does, to no pre-warming and a generous fixed
 *   keep-alive (default: the histogram's range, 4 h). Not representative means: fewer than
 *   `minSamples` in-range idle times, or at least `maxOutOfRange` of them beyond the range (where
 *   the paper switches to an ARIMA forecast, which we do not implement), or a coefficient of
 *   variation of the bin counts below `minCv` (the paper's test for a flat, patternless histogram).
 *
 * One extension of ours: the paper's unit is the application (one loaded image serves all its
 * invocations), while here an environment runs one invocation at a time. The simulator therefore
 * keeps a histogram per application *and concurrency slot* and hands the policy the one of the slot
 * the environment served (slot 1 is exactly the paper's application histogram). Applying slot 1's
 * windows to every environment instead drops a busy function's extra environments within a minute
 * or two and made the hybrid policy cold-start more often than a fixed 10-minute keep-alive.
 */

import type { FaasFunctionSpec, KeepAliveSpec } from './types';

// ---------------------------------------------------------------- idle-time histogram

/** What a policy may read of an application's idle-time histogram. */
export interface IdleHistogramView {
  readonly binSeconds: number;
  readonly binCount: number;
  /** Idle times that fell inside the range. */
  readonly inRange: number;
  /** Idle times at or beyond the range. */
  readonly outOfRange: number;
  /** Count in bin i ([i·bin, (i+1)·bin) seconds). */
  countAt(i: number): number;
  /** The first bin whose cumulative in-range count reaches the fraction p (0 < p ≤ 1); −1 when empty. */
  percentileBin(p: number): number;
  /** Coefficient of variation (population standard deviation / mean) of the bin counts; 0 when empty. */
  cv(): number;
}

/** A fixed-range histogram of idle times with equal bins (one per application). */
export class IdleHistogram implements IdleHistogramView {
  readonly binCount: number;
  private readonly counts: Float64Array;
  inRange = 0;
  outOfRange = 0;
  private sumSquares = 0;

  constructor(
    readonly rangeSeconds: number,
    readonly binSeconds: number,
  ) {
    if (!(binSeconds > 0) || !(rangeSeconds >= binSeconds)) throw new RangeError(`idle histogram: the range (${rangeSeconds} s) must be at least one bin (${binSeconds} s)`);
    this.binCount = Math.ceil(rangeSeconds / binSeconds - 1e-9);
    this.counts = new Float64Array(this.binCount);
  }

  /** Records one idle time (seconds, ≥ 0). */
  record(seconds: number): void {
    const i = Math.floor(seconds / this.binSeconds);
    if (i >= this.binCount) {
      this.outOfRange++;
      return;
    }
    const c = this.counts[i]!;
    this.counts[i] = c + 1;
    this.sumSquares += 2 * c + 1; // (c + 1)² − c²
    this.inRange++;
  }

  countAt(i: number): number {
    return this.counts[i] ?? 0;
  }

  percentileBin(p: number): number {
    if (this.inRange === 0) return -1;
    const need = p * this.inRange;
    let cum = 0;
    for (let i = 0; i < this.binCount; i++) {
      cum += this.counts[i]!;
      if (cum >= need - 1e-9) return i;
    }
    return this.binCount - 1;
  }

  cv(): number {
    if (this.inRange === 0) return 0;
    const n = this.binCount;
    const mean = this.inRange / n;
    const variance = this.sumSquares / n - mean * mean;
    return variance > 0 ? Math.sqrt(variance) / mean : 0;
  }
}

// ---------------------------------------------------------------- the plug-in interface

export interface KeepAliveContext {
  /** Simulated time the invocation ended. */
  readonly now: number;
  readonly fn: Readonly<Pick<FaasFunctionSpec, 'id' | 'runtime' | 'memoryMb'>> & { readonly app: string };
  /** The application's concurrency slot the environment held (1: the application's last running invocation). */
  readonly slot: number;
  /** The idle-time histogram of that slot of the function's application. */
  readonly idle: IdleHistogramView;
}

export interface KeepAliveDecision {
  /** Seconds from now to reload the environment; 0: keep it loaded. */
  prewarm: number;
  /** Seconds the environment stays loaded (after now, or after its reload when prewarm > 0); Infinity: forever. */
  keepAlive: number;
  /** Why, in a few words (for logs and tests). */
  reason: string;
}

export interface KeepAlivePolicy {
  readonly name: string;
  readonly spec: KeepAliveSpec;
  decide(ctx: KeepAliveContext): KeepAliveDecision;
}

// ---------------------------------------------------------------- policies

export class FixedKeepAlive implements KeepAlivePolicy {
  readonly name: string;
  readonly spec: KeepAliveSpec;
  private readonly decision: KeepAliveDecision;
  constructor(readonly ttl: number) {
    if (!(ttl >= 0)) throw new RangeError(`fixed keep-alive: the TTL must be 0 or more seconds, got ${ttl}`);
    this.spec = { type: 'fixed', ttl };
    this.name = `fixed-${ttl % 60 === 0 ? `${ttl / 60}m` : `${ttl}s`}`;
    this.decision = { prewarm: 0, keepAlive: ttl, reason: 'fixed TTL' };
  }
  decide(): KeepAliveDecision {
    return this.decision;
  }
}

export interface HybridParams {
  range: number;
  bin: number;
  head: number;
  tail: number;
  margin: number;
  minSamples: number;
  maxOutOfRange: number;
  minCv: number;
  fallbackTtl: number;
}

export const HYBRID_DEFAULTS: Readonly<HybridParams> = {
  range: 4 * 3600,
  bin: 60,
  head: 0.05,
  tail: 0.99,
  margin: 0.1,
  minSamples: 1,
  maxOutOfRange: 0.5,
  minCv: 2,
  fallbackTtl: 4 * 3600,
};

export class HybridHistogramKeepAlive implements KeepAlivePolicy {
  readonly name = 'hybrid';
  readonly spec: KeepAliveSpec;
  readonly params: Readonly<HybridParams>;
  private readonly fallback: KeepAliveDecision;

  constructor(spec: Partial<Omit<Extract<KeepAliveSpec, { type: 'hybrid' }>, 'type'>> = {}) {
    const p: HybridParams = { ...HYBRID_DEFAULTS };
    for (const k of Object.keys(HYBRID_DEFAULTS) as Array<keyof HybridParams>) {
      const v = spec[k];
      if (v !== undefined) p[k] = v;
    }
    if (spec.fallbackTtl === undefined && spec.range !== undefined) p.fallbackTtl = p.range;
    this.params = p;
    this.spec = { type: 'hybrid', ...p };
    this.fallback = { prewarm: 0, keepAlive: p.fallbackTtl, reason: 'not representative' };
  }

  /** Whether the histogram is representative, and if not, why. */
  representative(h: IdleHistogramView): { ok: true } | { ok: false; why: string } {
    const p = this.params;
    const total = h.inRange + h.outOfRange;
    if (h.inRange < p.minSamples) return { ok: false, why: `too few idle times (${h.inRange} in range, need ${p.minSamples})` };
    if (total > 0 && h.outOfRange / total >= p.maxOutOfRange) return { ok: false, why: `too many idle times beyond the range (${h.outOfRange} of ${total})` };
    if (h.inRange === 0) return { ok: false, why: 'no idle times yet' };
    const cv = h.cv();
    if (cv < p.minCv) return { ok: false, why: `no clear pattern (bin counts' CV ${cv.toFixed(2)} < ${p.minCv})` };
    return { ok: true };
  }

  /** The pre-warm and keep-alive windows a histogram gives (the policy's core, testable on its own). */
  windows(h: IdleHistogramView): KeepAliveDecision {
    const rep = this.representative(h);
    if (!rep.ok) return { ...this.fallback, reason: rep.why };
    const p = this.params;
    const width = h.binSeconds;
    const headBin = h.percentileBin(p.head);
    const tailBin = h.percentileBin(p.tail);
    const prewarm = headBin * width * (1 - p.margin);
    const until = (tailBin + 1) * width * (1 + p.margin);
    return { prewarm, keepAlive: until - prewarm, reason: `head bin ${headBin}, tail bin ${tailBin}` };
  }

  decide(ctx: KeepAliveContext): KeepAliveDecision {
    return this.windows(ctx.idle);
  }
}

/** The policy a spec describes. Throws RangeError on impossible parameters. */
export function makeKeepAlivePolicy(spec: KeepAliveSpec): KeepAlivePolicy {
  if (spec.type === 'fixed') return new FixedKeepAlive(spec.ttl);
  const { type: _type, ...rest } = spec;
  return new HybridHistogramKeepAlive(rest);
}

/**
 * The named presets of the CLI, the scenario and the comparison.
 *
 * `hybrid` falls back to a 10-minute keep-alive while an idle-time histogram is not representative
 * (no history yet, a flat histogram, or mostly idle times beyond the range): it is then the fixed-10m
 * baseline plus the pattern-driven windows wherever there is a pattern, a clean ablation of what the
 * histogram adds. `hybrid-4h` keeps the paper's generous fallback (the histogram's range, 4 h). On the
 * 8-hour Azure 2019 sample that fallback costs more idle memory (functions with no history keep their
 * environments 4 h) than the pattern-driven windows save, so `hybrid-4h` has about half the cold starts
 * of fixed-10m but more idle memory, whereas `hybrid` has fewer cold starts AND less idle memory (the
 * figures are in azure-trace.test.ts). The paper measured over a week, where the fallback matters less.
 */
export const KEEP_ALIVE_PRESETS: Readonly<Record<'fixed-10m' | 'fixed-20m' | 'hybrid' | 'hybrid-4h', KeepAliveSpec>> = {
  'fixed-10m': { type: 'fixed', ttl: 600 },
  'fixed-20m': { type: 'fixed', ttl: 1200 },
  hybrid: { type: 'hybrid', fallbackTtl: 600 },
  'hybrid-4h': { type: 'hybrid' },
};
export type KeepAlivePresetName = keyof typeof KEEP_ALIVE_PRESETS;
export const KEEP_ALIVE_PRESET_NAMES = Object.keys(KEEP_ALIVE_PRESETS) as KeepAlivePresetName[];
