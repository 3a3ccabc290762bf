/**
 * Chart data for one service, built in the worker from the metrics series so that only a few
 * hundred points per line (and a small heat map) cross to the page: lines are downsampled with
 * LTTB (`./lttb`), per-replica series are bucketed into a time × replica grid. Display preparation
 * only; every number comes from the core's series.
 */
import { pick, sharedIndices } from './lttb';

/** What `series.column(name)` of the core's SeriesStore offers. */
export interface SeriesSource {
  readonly length: number;
  readonly time: Float64Array;
  column(name: string): Float64Array | undefined;
}

/** Time × replica grid: `values[r * columns + c]` is replica r in time bucket c (NaN: no data). */
export interface ReplicaHeat {
  replicas: number;
  columns: number;
  /** End time of each bucket (simulated seconds). */
  time: Float64Array;
  /** Mean utilization (0..1) of each replica in each bucket. */
  utilization: Float32Array;
  /** Largest queue length sampled in each bucket. */
  queued: Float32Array;
  /** Largest value in `queued` (for the colour scale). */
  maxQueued: number;
}

export interface ChartData {
  serviceId: string;
  /** Raw samples the charts summarize. */
  samples: number;
  /** Requests per second: successful completions, and failures (drops + errors + timeouts). */
  rate: { time: Float64Array; throughput: Float64Array; failures: Float64Array };
  /** Latency percentiles per metrics interval, in seconds (NaN: nothing completed). */
  latency: { time: Float64Array; p95: Float64Array; p99: Float64Array };
  /** Per-replica history; null when the core kept none for this service (over 64 replicas). */
  replicas: ReplicaHeat | null;
  /**
   * Replicas over time: ready (serving) and, with an autoscaler, the count it set (ready + starting),
   * its metric and (predictive) the forecast demand; arrivals per second for every service.
   */
  scaling: { time: Float64Array; ready: Float64Array; desired: Float64Array | null; metric: Float64Array | null; forecast: Float64Array | null; arrivals: Float64Array };
}

export interface ChartOptions {
  /** Points per line chart (shared by its lines). Default 600, at most 1000. */
  maxPoints?: number;
  /** Time buckets of the heat map. Default 240. */
  heatColumns?: number;
}

export const DEFAULT_CHART_POINTS = 600;
export const MAX_CHART_POINTS = 1000;
const DEFAULT_HEAT_COLUMNS = 240;

function clampPoints(n: number | undefined, fallback: number, max: number): number {
  if (n === undefined || !Number.isFinite(n)) return fallback;
  return Math.max(3, Math.min(max, Math.floor(n)));
}

/** The per-replica series columns of a service, in replica order (empty when there are none). */
function replicaColumns(series: SeriesSource, serviceId: string, kind: 'utilization' | 'queued'): Float64Array[] {
  const out: Float64Array[] = [];
  for (let r = 0; ; r++) {
    const c = series.column(`${serviceId}.replica${r}.${kind}`);
    if (!c) break;
    out.push(c);
  }
  return out;
}

/**
 * Buckets rows of per-replica columns into at most `maxColumns` equal index ranges of the first
 * `n` samples: mean (utilization) or max (queues) of the finite values in each.
 */
export function bucketGrid(columns: ReadonlyArray<ArrayLike<number>>, n: number, maxColumns: number, mode: 'mean' | 'max'): { columns: number; values: Float32Array; bucket: number } {
  const width = n <= 0 ? 0 : Math.min(n, Math.max(1, Math.floor(maxColumns)));
  const bucket = width === 0 ? 1 : Math.ceil(n / width);
  const cols = width === 0 ? 0 : Math.ceil(n / bucket);
  const values = new Float32Array(columns.length * cols);
  columns.forEach((data, r) => {
    for (let c = 0; c < cols; c++) {
      const s = c * bucket;
      const e = Math.min(n, s + bucket);
      let acc = mode === 'max' ? -Infinity : 0;
      let k = 0;
      for (let i = s; i < e; i++) {
        const v = data[i]!;
        if (!Number.isFinite(v)) continue;
        if (mode === 'max') {
          if (v > acc) acc = v;
        } else acc += v;
        k++;
      }
      values[r * cols + c] = k === 0 ? Number.NaN : mode === 'max' ? acc : acc / k;
    }
  });
  return { columns: cols, values, bucket };
}

/** Chart data for `serviceId`, or null if the series has no columns for it. */
export function buildChartData(series: SeriesSource, serviceId: string, options: ChartOptions = {}): ChartData | null {
  const thr = series.column(`${serviceId}.throughput`);
  if (!thr) return null;
  const n = Math.min(series.length, series.time.length);
  const time = series.time.subarray(0, n);
  const maxPoints = clampPoints(options.maxPoints, DEFAULT_CHART_POINTS, MAX_CHART_POINTS);
  const heatColumns = clampPoints(options.heatColumns, DEFAULT_HEAT_COLUMNS, 2000);

  const dropped = series.column(`${serviceId}.dropped`);
  const errors = series.column(`${serviceId}.errors`);
  const failures = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = dropped ? dropped[i]! : 0;
    const e = errors ? errors[i]! : 0;
    failures[i] = (Number.isFinite(d) ? d : 0) + (Number.isFinite(e) ? e : 0);
  }
  const rateIdx = sharedIndices(time, [thr, failures], n, maxPoints);

  const nan = new Float64Array(n).fill(Number.NaN);
  const p95 = series.column(`${serviceId}.p95`) ?? nan;
  const p99 = series.column(`${serviceId}.p99`) ?? nan;
  const latIdx = sharedIndices(time, [p95, p99], n, maxPoints);

  let replicas: ReplicaHeat | null = null;
  const util = replicaColumns(series, serviceId, 'utilization');
  if (util.length > 0) {
    const queue = replicaColumns(series, serviceId, 'queued');
    const u = bucketGrid(util, n, heatColumns, 'mean');
    const q = bucketGrid(queue.length === util.length ? queue : util.map(() => nan), n, heatColumns, 'max');
    const ends = new Float64Array(u.columns);
    for (let c = 0; c < u.columns; c++) ends[c] = time[Math.min(n - 1, (c + 1) * u.bucket - 1)]!;
    let maxQueued = 0;
    for (const v of q.values) if (v > maxQueued) maxQueued = v;
    replicas = { replicas: util.length, columns: u.columns, time: ends, utilization: u.values, queued: q.values, maxQueued };
  }

  const ready = series.column(`${serviceId}.replicas`) ?? nan;
  const desired = series.column(`${serviceId}.desired`);
  const metric = series.column(`${serviceId}.scaleMetric`);
  const forecast = series.column(`${serviceId}.forecast`);
  const arrivals = series.column(`${serviceId}.arrivals`) ?? nan;
  const scaleIdx = sharedIndices(time, [ready, arrivals, ...(desired ? [desired] : []), ...(metric ? [metric] : []), ...(forecast ? [forecast] : [])], n, maxPoints);

  return {
    serviceId,
    samples: n,
    rate: { time: pick(time, rateIdx), throughput: pick(thr, rateIdx), failures: pick(failures, rateIdx) },
    latency: { time: pick(time, latIdx), p95: pick(p95, latIdx), p99: pick(p99, latIdx) },
    replicas,
    scaling: {
      time: pick(time, scaleIdx),
      ready: pick(ready, scaleIdx),
      desired: desired ? pick(desired, scaleIdx) : null,
      metric: metric ? pick(metric, scaleIdx) : null,
      forecast: forecast ? pick(forecast, scaleIdx) : null,
      arrivals: pick(arrivals, scaleIdx),
    },
  };
}

/** The buffers of chart data, for `transfer`. */
export function chartTransferables(c: ChartData): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [c.rate.time, c.rate.throughput, c.rate.failures, c.latency.time, c.latency.p95, c.latency.p99];
  if (c.replicas) arrays.push(c.replicas.time, c.replicas.utilization, c.replicas.queued);
  const sc = c.scaling;
  arrays.push(sc.time, sc.ready, sc.arrivals);
  for (const a of [sc.desired, sc.metric, sc.forecast]) if (a) arrays.push(a);
  const out: ArrayBuffer[] = [];
  for (const a of arrays) {
    const b = a.buffer;
    if (b instanceof ArrayBuffer && b.byteLength > 0 && !out.includes(b)) out.push(b);
  }
  return out;
}
