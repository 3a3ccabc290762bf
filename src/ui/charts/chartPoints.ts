/** Chart data from the worker (typed arrays) → the row objects recharts draws. Display only. */
import type { ChartData } from '../../workers/sim.worker';

export interface RatePoint {
  t: number;
  throughput: number | null;
  failures: number | null;
}

export interface LatencyPoint {
  t: number;
  /** Milliseconds. */
  p95: number | null;
  p99: number | null;
}

const orNull = (x: number | undefined, scale = 1): number | null => (x !== undefined && Number.isFinite(x) ? x * scale : null);

export function ratePoints(c: ChartData): RatePoint[] {
  const { time, throughput, failures } = c.rate;
  const out: RatePoint[] = new Array<RatePoint>(time.length);
  for (let i = 0; i < time.length; i++) out[i] = { t: time[i]!, throughput: orNull(throughput[i]), failures: orNull(failures[i]) };
  return out;
}

export function latencyPoints(c: ChartData): LatencyPoint[] {
  const { time, p95, p99 } = c.latency;
  const out: LatencyPoint[] = new Array<LatencyPoint>(time.length);
  for (let i = 0; i < time.length; i++) out[i] = { t: time[i]!, p95: orNull(p95[i], 1000), p99: orNull(p99[i], 1000) };
  return out;
}
