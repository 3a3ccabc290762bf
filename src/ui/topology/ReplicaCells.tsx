import { memo, useEffect, useRef } from 'react';
import type { ReplicaView } from '../../workers/sim.worker';
import { utilizationColor, utilizationRgb } from '../colors';
import { CELLS_PER_ROW, MAX_REPLICA_CELLS_DRAWN } from './layout';

function cellTitle(v: ReplicaView, c: number): string {
  const first = c * v.perCell;
  const name = v.perCell === 1 ? `replica ${first}` : `replicas ${first}–${first + v.perCell - 1}`;
  const u = `${Math.round((v.utilization[c] ?? 0) * 100)} % busy`;
  const state =
    v.perCell === 1
      ? v.up[c] === 0
        ? 'down'
        : v.inRotation[c] === 0
          ? 'out of rotation'
          : `${v.inService[c] ?? 0} in service, ${v.queued[c] ?? 0} waiting`
      : `${v.up[c] ?? 0} up, ${v.inRotation[c] ?? 0} in rotation, ${v.queued[c] ?? 0} waiting`;
  return `${name}: ${u}, ${state}`;
}

/** One cell per replica: colour = utilization of the last interval; grey hatch = out of rotation; red = down. */
const CellGrid = memo(function CellGrid({ view }: { view: ReplicaView }) {
  const cells = [];
  for (let c = 0; c < view.cells; c++) {
    const down = view.up[c] === 0;
    const out = !down && view.inRotation[c] === 0;
    cells.push(
      <span
        key={c}
        className={down ? 'cell cell-down' : out ? 'cell cell-out' : 'cell'}
        style={down || out ? undefined : { background: utilizationColor(view.utilization[c] ?? 0) }}
        title={cellTitle(view, c)}
      />,
    );
  }
  return (
    <div className="cells" style={{ gridTemplateColumns: `repeat(${Math.min(CELLS_PER_ROW, view.cells)}, 11px)` }} role="img" aria-label={`${view.cells} replicas`}>
      {cells}
    </div>
  );
});

/**
 * Many replicas as one strip: each pixel column is a cell (a replica, or a group of them);
 * colour = utilization, red where any replica of the cell is down, grey where out of rotation.
 */
export const HeatStrip = memo(function HeatStrip({ view, replicas, height = 14 }: { view: ReplicaView; replicas: number; height?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const w = Math.max(1, view.cells);
    canvas.width = w;
    canvas.height = 1;
    const img = ctx.createImageData(w, 1);
    for (let c = 0; c < view.cells; c++) {
      const members = Math.max(1, Math.min(view.perCell, replicas - c * view.perCell));
      const up = view.up[c] ?? 0;
      const down = up < members;
      const out = !down && (view.inRotation[c] ?? 0) < up;
      const rgb: readonly [number, number, number] = down ? [220, 38, 38] : out ? [161, 161, 170] : utilizationRgb(view.utilization[c] ?? 0);
      img.data[c * 4] = rgb[0];
      img.data[c * 4 + 1] = rgb[1];
      img.data[c * 4 + 2] = rgb[2];
      img.data[c * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [view, replicas]);
  const label = view.perCell === 1 ? `${view.cells} replicas` : `${replicas} replicas in ${view.cells} groups of ${view.perCell}`;
  return <canvas ref={ref} className="heat-strip" style={{ height }} role="img" aria-label={label} title={`${label}: colour = utilization; red = down; grey = out of rotation`} />;
});

/** The replicas of a service: a cell grid up to 64, a heat strip beyond. */
export const ReplicaCells = memo(function ReplicaCells({ view, replicas }: { view: ReplicaView; replicas: number }) {
  if (replicas <= MAX_REPLICA_CELLS_DRAWN && view.perCell === 1) return <CellGrid view={view} />;
  return <HeatStrip view={view} replicas={replicas} />;
});

