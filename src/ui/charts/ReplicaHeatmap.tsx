/* i18n-pending */
import { memo, useEffect, useRef } from 'react';
import type { BalancerSwitch, ReplicaHeat } from '../../workers/sim.worker';
import { NO_DATA_RGB, queueRgb, utilizationRgb } from '../colors';
import { formatAxisTime } from '../format';
import { policyShort } from '../inspector/policies';

interface Props {
  heat: ReplicaHeat;
  kind: 'utilization' | 'queued';
  switches: ReadonlyArray<BalancerSwitch>;
  /** Start of the first bucket (simulated seconds). */
  start: number;
  height: number;
}

/**
 * Replicas (rows) over time (columns) as a heat map on a canvas: one pixel per cell, scaled up
 * without smoothing. An even balancer gives an even colour down each column; an uneven one stripes.
 */
export const ReplicaHeatmap = memo(function ReplicaHeatmap({ heat, kind, switches, start, height }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || heat.columns === 0) return;
    const w = heat.columns;
    const h = heat.replicas;
    canvas.width = w;
    canvas.height = h;
    const img = ctx.createImageData(w, h);
    const values = kind === 'utilization' ? heat.utilization : heat.queued;
    const scale = kind === 'queued' ? Math.max(1, heat.maxQueued) : 1;
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const v = values[r * w + c]!;
        // Queues on a square-root scale, so short queues still show next to a long one.
        const rgb = Number.isNaN(v) ? NO_DATA_RGB : kind === 'utilization' ? utilizationRgb(v) : queueRgb(Math.sqrt(v / scale));
        const o = (r * w + c) * 4;
        img.data[o] = rgb[0];
        img.data[o + 1] = rgb[1];
        img.data[o + 2] = rgb[2];
        img.data[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [heat, kind]);
  const end = heat.time[heat.columns - 1] ?? start;
  const span = end - start;
  return (
    <div className="heatmap" style={{ height }}>
      <span className="heat-axis-y muted num" aria-hidden="true">
        <span>r0</span>
        <span>r{heat.replicas - 1}</span>
      </span>
      <div className="heat-canvas-wrap">
        <canvas ref={ref} className="heat-canvas" role="img" aria-label={`${kind === 'utilization' ? 'Utilization' : 'Queue length'} of ${heat.replicas} replicas over time`} />
        {span > 0 &&
          switches
            .filter((s) => s.time >= start && s.time <= end)
            .map((s, i) => (
              <span key={i} className="heat-marker" style={{ left: `${((s.time - start) / span) * 100}%` }} title={`Switched to ${s.to} at ${formatAxisTime(s.time)}`}>
                <span className="heat-marker-label">→ {policyShort(s.to)}</span>
              </span>
            ))}
      </div>
    </div>
  );
});
