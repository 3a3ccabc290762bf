/**
 * The page's copy of the metrics series: deltas from the worker are appended into growable
 * Float64Arrays, and `view()` hands out an immutable-looking wrapper whose identity changes with
 * every version. Downsampling for charts lives here too (display only: no simulation logic).
 */
import type { SeriesDelta } from '../workers/sim.worker';

export interface SeriesView {
  /** Changes whenever the content does; memoize on the view object. */
  readonly version: number;
  /** Only [0, length) of the arrays is valid. */
  readonly length: number;
  readonly time: Float64Array;
  readonly columns: ReadonlyMap<string, Float64Array>;
}

export const EMPTY_SERIES: SeriesView = { version: 0, length: 0, time: new Float64Array(0), columns: new Map() };

export class SeriesBuffer {
  private length = 0;
  private time: Float64Array = new Float64Array(256);
  private columns = new Map<string, Float64Array>();
  private version = 0;

  /** Appends a delta. Returns false if it did not line up (the caller should ask for a full resync). */
  apply(delta: SeriesDelta): boolean {
    if (delta.reset) this.clear();
    if (delta.from !== this.length) return false;
    const n = delta.time.length;
    if (n === 0 && !delta.reset) return true;
    this.ensure(this.length + n);
    this.time.set(delta.time, this.length);
    for (const c of delta.columns) {
      let data = this.columns.get(c.name);
      if (!data) {
        data = new Float64Array(this.time.length).fill(Number.NaN);
        this.columns.set(c.name, data);
      }
      data.set(c.data.subarray(0, n), this.length);
    }
    this.length += n;
    this.version++;
    return true;
  }

  view(): SeriesView {
    return { version: this.version, length: this.length, time: this.time, columns: this.columns };
  }

  private clear(): void {
    // New arrays: views already handed out keep their (now stale but intact) data.
    this.length = 0;
    this.time = new Float64Array(256);
    this.columns = new Map();
    this.version++;
  }

  private ensure(capacity: number): void {
    if (capacity <= this.time.length) return;
    let cap = this.time.length;
    while (cap < capacity) cap *= 2;
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap).fill(Number.NaN);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.time = grow(this.time);
    for (const [name, data] of this.columns) this.columns.set(name, grow(data));
  }
}

export interface ChartPoint {
  /** Simulated seconds. */
  t: number;
  /** Completed requests per second. */
  throughput: number | null;
  /** p95 latency in milliseconds (null where nothing completed). */
  p95: number | null;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Chart points for one service, at most `maxPoints`: consecutive samples are grouped into equal
 * buckets; throughput is averaged and p95 takes the bucket's worst value so spikes stay visible.
 */
export function chartPoints(view: SeriesView, serviceId: string, maxPoints = 600): ChartPoint[] {
  const n = view.length;
  if (n === 0) return [];
  const thr = view.columns.get(`${serviceId}.throughput`);
  const p95 = view.columns.get(`${serviceId}.p95`);
  const bucket = Math.max(1, Math.ceil(n / maxPoints));
  const out: ChartPoint[] = [];
  for (let start = 0; start < n; start += bucket) {
    const end = Math.min(n, start + bucket);
    let sum = 0;
    let count = 0;
    let worst = Number.NaN;
    for (let i = start; i < end; i++) {
      const v = thr ? thr[i]! : Number.NaN;
      if (Number.isFinite(v)) {
        sum += v;
        count++;
      }
      const p = p95 ? p95[i]! : Number.NaN;
      if (Number.isFinite(p) && !(p <= worst)) worst = p;
    }
    out.push({
      t: view.time[end - 1]!,
      throughput: count > 0 ? sum / count : null,
      p95: finiteOrNull(worst * 1000),
    });
  }
  return out;
}
