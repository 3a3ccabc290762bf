/** `ChartData.scaling` (typed arrays from the worker) → the rows recharts draws, and the figures shown above them. Display only. */
import type { ChartData } from '../../workers/sim.worker';
import { metricScale } from './decisions';

export interface ScalingPoint {
  t: number;
  ready: number | null;
  /** The count the autoscaler set (ready + starting). */
  desired: number | null;
  /** The metric in display units (cpu in %, latency in ms). */
  metric: number | null;
  /** Forecast demand (predictive): req/s, or busy replicas for cpu. */
  forecast: number | null;
  arrivals: number | null;
}

const finite = (a: Float64Array | null, i: number, scale = 1): number | null => {
  if (!a) return null;
  const v = a[i];
  return v !== undefined && Number.isFinite(v) ? v * scale : null;
};

export function scalingPoints(c: ChartData, metric: string | null): ScalingPoint[] {
  const s = c.scaling;
  const k = metricScale(metric);
  const out = new Array<ScalingPoint>(s.time.length);
  for (let i = 0; i < s.time.length; i++) {
    out[i] = {
      t: s.time[i]!,
      ready: finite(s.ready, i),
      desired: finite(s.desired, i),
      metric: finite(s.metric, i, k),
      forecast: finite(s.forecast, i),
      arrivals: finite(s.arrivals, i),
    };
  }
  return out;
}

export interface ScalingFigures {
  /** Ready and set at the last point (null: no data). */
  readyNow: number | null;
  desiredNow: number | null;
  /** Most replicas set (or ready, without an autoscaler) over the chart. */
  peak: number | null;
}

export function scalingFigures(points: readonly ScalingPoint[]): ScalingFigures {
  let peak: number | null = null;
  for (const p of points) {
    const v = p.desired ?? p.ready;
    if (v !== null && (peak === null || v > peak)) peak = v;
  }
  const last = points[points.length - 1];
  return { readyNow: last?.ready ?? null, desiredNow: last?.desired ?? null, peak };
}
