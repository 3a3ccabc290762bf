/**
 * Usage kept so that a bill can be cut at an earlier time exactly: sparse bins of a fixed width
 * (one minute by default) holding one or more quantities, read back per clock hour.
 *
 * Bins are closed on the right: bin 0 holds what happened at time 0, bin k ≥ 1 what happened in
 * ((k − 1)·width, k·width]. So a cut at a bin boundary T counts everything that happened up to and
 * including T (an invocation that ended exactly at T, bytes sent exactly at T) and nothing later,
 * which is what a run stopped at T has metered (the kernel runs every event due at or before T).
 * A cut between two boundaries counts the bins that had closed by then (the resolution is the bin).
 *
 * Only bins with something in them are kept (a bin index and its quantities in growable typed
 * arrays), in the order they were filled: memory grows with the minutes in which something
 * happened, never with the number of events, and a rarely used series costs a few bytes an hour.
 * Quantities are added in the order they happen, and read back by summing a clock hour's bins in
 * order, so the bill of a run stopped at T and the bill as of T computed later see the same sums.
 */

const HOUR = 3600;
const FIRST_CAPACITY = 8;

export class CutBins {
  /** Bins per clock hour. */
  readonly perHour: number;
  private bins: Uint32Array;
  private values: Float64Array;
  private n = 0;

  /**
   * @param quantities how many numbers each bin holds (e.g. requests and billed milliseconds)
   * @param width bin width in seconds; a divisor of an hour
   */
  constructor(
    readonly quantities: number,
    readonly width = 60,
  ) {
    if (!(quantities >= 1) || !Number.isInteger(quantities)) throw new RangeError(`cut bins: quantities must be a positive integer, not ${quantities}`);
    const perHour = HOUR / width;
    if (!(width > 0) || !Number.isInteger(perHour)) throw new RangeError(`cut bins: the width (${width} s) must divide an hour`);
    this.perHour = perHour;
    this.bins = new Uint32Array(FIRST_CAPACITY);
    this.values = new Float64Array(FIRST_CAPACITY * quantities);
  }

  /** The bin holding time t (right-closed: a time on a boundary belongs to the bin that ends there). */
  binOf(t: number): number {
    if (!(t > 0)) return 0;
    const w = this.width;
    // (the division may round across a boundary, or underflow to 0: k·w is exact, so check against it)
    let k = Math.ceil(t / w);
    if (k * w < t) k++;
    else if (k > 1 && (k - 1) * w >= t) k--;
    return k < 1 ? 1 : k;
  }

  /** The clock hour a bin belongs to (bin k ≥ 1 covers ((k − 1)·width, k·width]). */
  hourOfBin(k: number): number {
    return k > 0 ? Math.floor((k - 1) / this.perHour) : 0;
  }

  /** The last bin wholly at or before `upTo` (its end ≤ upTo); −1 before time 0. */
  lastBinBy(upTo: number): number {
    if (upTo === Infinity) return Number.MAX_SAFE_INTEGER;
    if (!(upTo >= 0)) return -1;
    const w = this.width;
    let k = Math.floor(upTo / w);
    if ((k + 1) * w <= upTo) k++;
    else if (k * w > upTo) k--;
    return k;
  }

  /** Adds `a` to the first quantity (and `b` to the second) of the bin holding time t. Times must not go backwards. */
  add(t: number, a: number, b = 0): void {
    const k = this.binOf(t);
    const q = this.quantities;
    let i = this.n - 1;
    if (i < 0 || this.bins[i] !== k) {
      if (i >= 0 && k < this.bins[i]!) throw new RangeError(`cut bins: time went backwards (bin ${k} after ${this.bins[i]})`);
      if (this.n === this.bins.length) this.grow();
      i = this.n++;
      this.bins[i] = k;
    }
    this.values[i * q]! += a;
    if (q > 1) this.values[i * q + 1]! += b;
  }

  private grow(): void {
    const cap = this.bins.length * 2;
    const bins = new Uint32Array(cap);
    bins.set(this.bins);
    const values = new Float64Array(cap * this.quantities);
    values.set(this.values);
    this.bins = bins;
    this.values = values;
  }

  /**
   * Per clock hour (index = hour), the sum of each quantity over the bins that had closed by
   * `upTo` (Infinity: all), each bin's value passed through `map` first (e.g. milliseconds to
   * GB-seconds) and added in order. One array per quantity, as long as the last hour with a bin.
   */
  hourly(upTo = Infinity, map?: (quantity: number, value: number) => number): number[][] {
    const q = this.quantities;
    const last = this.lastBinBy(upTo);
    let end = this.n;
    while (end > 0 && this.bins[end - 1]! > last) end--;
    const hours = end > 0 ? this.hourOfBin(this.bins[end - 1]!) + 1 : 0;
    const out = Array.from({ length: q }, () => new Array<number>(hours).fill(0));
    for (let i = 0; i < end; i++) {
      const h = this.hourOfBin(this.bins[i]!);
      for (let j = 0; j < q; j++) {
        const v = this.values[i * q + j]!;
        out[j]![h]! += map ? map(j, v) : v;
      }
    }
    return out;
  }

  /** Bins with something in them. */
  get size(): number {
    return this.n;
  }

  /** Bytes held by the typed arrays (capacity included). */
  get bytes(): number {
    return this.bins.byteLength + this.values.byteLength;
  }
}
