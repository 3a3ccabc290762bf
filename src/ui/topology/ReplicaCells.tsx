import { memo, useEffect, useRef } from 'react';
import type { ReplicaView } from '../../workers/sim.worker';
import { utilizationColor, utilizationRgb } from '../colors';
import { CELLS_PER_ROW, MAX_REPLICA_CELLS_DRAWN } from './layout';
import { cellState, memberCells, type CellState } from './replicaState';
import { useT, type Translate } from '../i18n/messages';
import { topologyMessages as m } from './messages';

function cellTitle(t: Translate<keyof typeof m.en>, v: ReplicaView, c: number, state: CellState): string {
  const first = c * v.perCell;
  const name = v.perCell === 1 ? t('replicaName', { n: first }) : t('replicaRange', { first, last: first + v.perCell - 1 });
  if (v.perCell === 1) {
    if (state === 'starting') return t('cellStarting', { name });
    if (state === 'draining') return t('cellDraining', { name, n: v.inService[c] ?? 0 });
  }
  const pct = Math.round((v.utilization[c] ?? 0) * 100);
  if (v.perCell !== 1) {
    return t('cellGroup', { name, pct, members: v.members[c] ?? 0, starting: v.starting[c] ?? 0, draining: v.draining[c] ?? 0, up: v.up[c] ?? 0, queued: v.queued[c] ?? 0 });
  }
  if (state === 'down') return t('cellDown', { name, pct });
  if (state === 'out') return t('cellOut', { name, pct });
  return t('cellServing', { name, pct, inService: v.inService[c] ?? 0, queued: v.queued[c] ?? 0 });
}

const CELL_CLASS: Readonly<Record<CellState, string>> = {
  starting: 'cell cell-starting',
  draining: 'cell cell-draining',
  down: 'cell cell-down',
  out: 'cell cell-out',
  ready: 'cell',
};

/**
 * One cell per replica of the set: colour = utilization of the last interval; hollow and pulsing =
 * starting; faded = draining; grey hatch = out of rotation; red = down.
 */
const CellGrid = memo(function CellGrid({ view, cells }: { view: ReplicaView; cells: readonly number[] }) {
  const t = useT(m);
  const out = cells.map((c) => {
    const state = cellState(view, c);
    const coloured = state === 'ready' || state === 'draining';
    return (
      <span
        key={c}
        className={CELL_CLASS[state]}
        data-state={state}
        style={coloured ? { background: utilizationColor(view.utilization[c] ?? 0) } : undefined}
        title={cellTitle(t, view, c, state)}
      />
    );
  });
  return (
    <div className="cells" style={{ gridTemplateColumns: `repeat(${Math.max(1, Math.min(CELLS_PER_ROW, cells.length))}, 11px)` }} role="img" aria-label={t('cellsAria', { n: cells.length })} data-testid="replica-cells">
      {out}
    </div>
  );
});

const STARTING_RGB: readonly [number, number, number] = [226, 232, 240];
const blend = (rgb: readonly [number, number, number], t: number): [number, number, number] => [
  Math.round(rgb[0] + (255 - rgb[0]) * t),
  Math.round(rgb[1] + (255 - rgb[1]) * t),
  Math.round(rgb[2] + (255 - rgb[2]) * t),
];

/**
 * Many replicas as one strip: each pixel column is a cell of the set (a replica, or a group of
 * them); colour = utilization, red where any is down, grey where out of rotation, pale where
 * starting, faded where draining.
 */
export const HeatStrip = memo(function HeatStrip({ view, height = 14 }: { view: ReplicaView; height?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const t = useT(m);
  const cells = memberCells(view);
  const count = cells.length;
  let replicas = 0;
  for (const c of cells) replicas += view.members[c] ?? 0;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const members = memberCells(view);
    const w = Math.max(1, members.length);
    canvas.width = w;
    canvas.height = 1;
    const img = ctx.createImageData(w, 1);
    members.forEach((c, x) => {
      const state = cellState(view, c);
      const u = utilizationRgb(view.utilization[c] ?? 0);
      const rgb: readonly [number, number, number] =
        state === 'down' ? [220, 38, 38] : state === 'out' ? [161, 161, 170] : state === 'starting' ? STARTING_RGB : state === 'draining' ? blend(u, 0.6) : u;
      img.data[x * 4] = rgb[0];
      img.data[x * 4 + 1] = rgb[1];
      img.data[x * 4 + 2] = rgb[2];
      img.data[x * 4 + 3] = 255;
    });
    ctx.putImageData(img, 0, 0);
  }, [view]);
  const label = view.perCell === 1 ? t('cellsAria', { n: count }) : t('stripGroups', { replicas, count, per: view.perCell });
  return (
    <canvas
      ref={ref}
      className="heat-strip"
      style={{ height }}
      role="img"
      aria-label={label}
      title={t('stripTitle', { label })}
    />
  );
});

/** The replicas of a service's set: a cell grid up to 64, a heat strip beyond. */
export const ReplicaCells = memo(function ReplicaCells({ view }: { view: ReplicaView }) {
  const cells = memberCells(view);
  if (cells.length <= MAX_REPLICA_CELLS_DRAWN && view.perCell === 1) return <CellGrid view={view} cells={cells} />;
  return <HeatStrip view={view} />;
});
