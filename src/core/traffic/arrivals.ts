import { ln } from '../engine/detmath';
import type { RandomStream } from '../engine/random';
import { cosTurns } from '../engine/trig';
import { durationSeconds } from '../scenario/duration';
import type { ArrivalSpec } from '../scenario/schema';

/**
 * Arrival processes. Each produces the time of the next arrival after `now` (or +Infinity when it
 * has no more), drawing only from its own random stream.
 *
 * Time-varying rates use thinning (Lewis & Shedler): candidates come from a homogeneous Poisson
 * process at a bound of the rate, each kept with probability rate(t)/bound. The bound is local (per
 * segment or window), and a candidate that crosses its window is discarded and drawn again from the
 * window's end, which is exact because the exponential distribution is memoryless.
 */
export interface ArrivalProcess {
  next(now: number): number;
  /** The instantaneous rate at time t (requests per second), for charts and tests. */
  rateAt(t: number): number;
}

/** A rate curve with local bounds: `window(t)` gives an upper bound of the rate on [t, until). */
interface RateCurve {
  rate(t: number): number;
  window(t: number): { bound: number; until: number };
}

function expDraw(rng: RandomStream, rate: number): number {
  return -ln(rng.nextOpen()) / rate;
}

class PoissonProcess implements ArrivalProcess {
  constructor(
    private readonly rate: number,
    private readonly rng: RandomStream,
  ) {}
  next(now: number): number {
    return this.rate > 0 ? now + expDraw(this.rng, this.rate) : Infinity;
  }
  rateAt(): number {
    return this.rate;
  }
}

class ThinnedProcess implements ArrivalProcess {
  constructor(
    private readonly curve: RateCurve,
    private readonly rng: RandomStream,
  ) {}
  next(now: number): number {
    let t = now;
    for (let guard = 0; guard < 10_000_000; guard++) {
      const { bound, until } = this.curve.window(t);
      if (!(bound > 0)) {
        if (until === Infinity) return Infinity;
        t = until;
        continue;
      }
      const cand = t + expDraw(this.rng, bound);
      if (cand >= until) {
        t = until;
        continue;
      }
      t = cand;
      if (this.rng.next() * bound < this.curve.rate(t)) return t;
    }
    return Infinity;
  }
  rateAt(t: number): number {
    return this.curve.rate(t);
  }
}

/** Piecewise curve through (t_i, r_i): step holds r_i until t_{i+1}; linear interpolates. */
export class PiecewiseCurve implements RateCurve {
  private readonly times: Float64Array;
  private readonly rates: Float64Array;
  private cursor = 0;

  constructor(
    points: ReadonlyArray<{ at: number; rate: number }>,
    private readonly linear: boolean,
    private readonly period: number | undefined,
  ) {
    this.times = Float64Array.from(points.map((p) => p.at));
    this.rates = Float64Array.from(points.map((p) => p.rate));
  }

  /** Index of the last point with time ≤ local t (−1 before the first point). */
  private locate(local: number): number {
    const times = this.times;
    let i = this.cursor;
    if (i >= times.length || (i >= 0 && times[i]! > local)) i = -1;
    while (i + 1 < times.length && times[i + 1]! <= local) i++;
    this.cursor = i < 0 ? 0 : i;
    return i;
  }

  private split(t: number): { local: number; offset: number } {
    if (this.period === undefined) return { local: t, offset: 0 };
    const k = Math.floor(t / this.period);
    return { local: t - k * this.period, offset: k * this.period };
  }

  rate(t: number): number {
    const { local } = this.split(t);
    const i = this.locate(local);
    const n = this.times.length;
    if (i < 0) return this.rates[0]!;
    if (i >= n - 1 || !this.linear) return this.rates[i]!;
    const t0 = this.times[i]!;
    const t1 = this.times[i + 1]!;
    if (t1 <= t0) return this.rates[i + 1]!;
    return this.rates[i]! + ((this.rates[i + 1]! - this.rates[i]!) * (local - t0)) / (t1 - t0);
  }

  window(t: number): { bound: number; until: number } {
    const { local, offset } = this.split(t);
    const i = this.locate(local);
    const n = this.times.length;
    const periodEnd = this.period === undefined ? Infinity : offset + this.period;
    if (i < 0) return { bound: this.rates[0]!, until: offset + this.times[0]! };
    if (i >= n - 1) return { bound: this.rates[n - 1]!, until: periodEnd };
    const until = offset + this.times[i + 1]!;
    const bound = this.linear ? Math.max(this.rates[i]!, this.rates[i + 1]!) : this.rates[i]!;
    return { bound, until: until > t ? until : t + 1e-9 };
  }
}

/** trough + (peak − trough)·(1 + cos(2π(t − peakAt)/period))/2, bounded per window by its slope. */
class DiurnalCurve implements RateCurve {
  private readonly amp: number;
  private readonly win: number;
  private readonly slope: number;
  constructor(
    private readonly peak: number,
    private readonly trough: number,
    private readonly period: number,
    private readonly peakAt: number,
  ) {
    this.amp = peak - trough;
    this.win = period / 96;
    this.slope = (this.amp / 2) * ((2 * Math.PI) / period);
  }
  rate(t: number): number {
    return this.trough + (this.amp * (1 + cosTurns((t - this.peakAt) / this.period))) / 2;
  }
  window(t: number): { bound: number; until: number } {
    let until = (Math.floor(t / this.win) + 1) * this.win;
    if (until <= t) until = t + this.win;
    const bound = Math.min(this.peak, (this.rate(t) + this.rate(until) + this.slope * (until - t)) / 2 + 1e-12);
    return { bound, until };
  }
}

/**
 * Markov-modulated Poisson process: Poisson at the current state's rate; each state lasts an
 * exponential time with its mean, then the next state (cyclically) begins. Exact: a candidate
 * arrival past the state's end is discarded and drawn again from there (memorylessness).
 */
class MmppProcess implements ArrivalProcess {
  private state = 0;
  private stateEnd: number;
  constructor(
    private readonly rates: Float64Array,
    private readonly means: Float64Array,
    private readonly rng: RandomStream,
  ) {
    this.stateEnd = -means[0]! * ln(rng.nextOpen());
  }
  next(now: number): number {
    let t = now;
    for (;;) {
      while (t >= this.stateEnd) this.advanceState();
      const rate = this.rates[this.state]!;
      const cand = rate > 0 ? t + expDraw(this.rng, rate) : Infinity;
      if (cand < this.stateEnd) return cand;
      t = this.stateEnd;
    }
  }
  private advanceState(): void {
    this.state = (this.state + 1) % this.rates.length;
    this.stateEnd += -this.means[this.state]! * ln(this.rng.nextOpen());
  }
  rateAt(): number {
    return this.rates[this.state]!;
  }
}

/** Exactly the counted arrivals of each trace minute, placed uniformly at random within it. */
class PerMinuteUniform implements ArrivalProcess {
  private buf = new Float64Array(64);
  private bufLen = 0;
  private bufPos = 0;
  private minute = -1;
  constructor(
    private readonly counts: ArrayLike<number>,
    private readonly scale: number,
    private readonly minuteSeconds: number,
    private readonly loop: boolean,
    private readonly rng: RandomStream,
  ) {}
  next(now: number): number {
    for (;;) {
      while (this.bufPos < this.bufLen) {
        const t = this.buf[this.bufPos++]!;
        if (t >= now) return t;
      }
      if (!this.fill(Math.max(this.minute + 1, Math.floor(now / this.minuteSeconds)))) return Infinity;
    }
  }
  private fill(minute: number): boolean {
    const n = this.counts.length;
    if (n === 0 || (!this.loop && minute >= n)) return false;
    this.minute = minute;
    const raw = (this.counts[minute % n] ?? 0) * this.scale;
    let k = Math.floor(raw);
    if (raw - k > 0 && this.rng.next() < raw - k) k++;
    if (k > this.buf.length) this.buf = new Float64Array(Math.max(k, this.buf.length * 2));
    const start = minute * this.minuteSeconds;
    for (let i = 0; i < k; i++) this.buf[i] = start + this.rng.next() * this.minuteSeconds;
    this.buf.subarray(0, k).sort();
    this.bufLen = k;
    this.bufPos = 0;
    return true;
  }
  rateAt(t: number): number {
    const n = this.counts.length;
    const m = Math.floor(t / this.minuteSeconds);
    if (n === 0 || (!this.loop && m >= n)) return 0;
    return ((this.counts[m % n] ?? 0) * this.scale) / this.minuteSeconds;
  }
}

/** Arrivals at recorded timestamps (seconds), time-compressed by `scale`. */
class TimestampReplay implements ArrivalProcess {
  private i = 0;
  private lap = 0;
  private readonly period: number;
  constructor(
    private readonly times: ArrayLike<number>,
    private readonly scale: number,
    private readonly loop: boolean,
  ) {
    const n = times.length;
    const last = n > 0 ? times[n - 1]! : 0;
    const first = n > 0 ? times[0]! : 0;
    const gap = n > 1 ? (last - first) / (n - 1) : 1;
    this.period = (last + gap) / scale;
  }
  next(now: number): number {
    const n = this.times.length;
    if (n === 0) return Infinity;
    for (;;) {
      if (this.i >= n) {
        if (!this.loop || !(this.period > 0)) return Infinity;
        this.i = 0;
        this.lap++;
      }
      const t = this.lap * this.period + this.times[this.i]! / this.scale;
      this.i++;
      if (t >= now) return t;
    }
  }
  rateAt(): number {
    return this.times.length > 0 ? this.times.length / this.period : 0;
  }
}

/** Builds the process for a validated arrival spec. Trace files must already be resolved into data. */
export function makeArrivalProcess(spec: ArrivalSpec, rng: RandomStream): ArrivalProcess {
  switch (spec.type) {
    case 'poisson':
      return new PoissonProcess(spec.rate, rng);
    case 'piecewise': {
      const points = spec.points.map((p) => ({ at: durationSeconds(p.at), rate: p.rate }));
      const period = spec.period === undefined ? undefined : durationSeconds(spec.period);
      return new ThinnedProcess(new PiecewiseCurve(points, spec.interpolation === 'linear', period), rng);
    }
    case 'diurnal':
      return new ThinnedProcess(new DiurnalCurve(spec.peak, spec.trough, durationSeconds(spec.period), durationSeconds(spec.peakAt)), rng);
    case 'spike': {
      const at = durationSeconds(spec.at);
      const up = durationSeconds(spec.rampUp);
      const hold = durationSeconds(spec.hold);
      const down = durationSeconds(spec.rampDown);
      const points = [
        { at: 0, rate: spec.base },
        { at, rate: spec.base },
        { at: at + up, rate: spec.peak },
        { at: at + up + hold, rate: spec.peak },
        { at: at + up + hold + down, rate: spec.base },
      ];
      return new ThinnedProcess(new PiecewiseCurve(points, true, undefined), rng);
    }
    case 'mmpp':
      return new MmppProcess(
        Float64Array.from(spec.states.map((st) => st.rate)),
        Float64Array.from(spec.states.map((st) => durationSeconds(st.meanDuration))),
        rng,
      );
    case 'trace': {
      if (!spec.data) throw new Error('trace data was not loaded (a "file" trace must be read by the loader first)');
      if (spec.format === 'swf') throw new Error('an swf log must be read into timestamps by the loader first');
      if (spec.format === 'timestamps') return new TimestampReplay(spec.data, spec.scale, spec.loop);
      if (spec.spread === 'uniform') return new PerMinuteUniform(spec.data, spec.scale, spec.minuteSeconds, spec.loop, rng);
      const points = spec.data.map((c, i) => ({ at: i * spec.minuteSeconds, rate: (c * spec.scale) / spec.minuteSeconds }));
      points.push({ at: spec.data.length * spec.minuteSeconds, rate: 0 });
      const curve = new PiecewiseCurve(points, false, spec.loop ? spec.data.length * spec.minuteSeconds : undefined);
      return new ThinnedProcess(curve, rng);
    }
  }
}
