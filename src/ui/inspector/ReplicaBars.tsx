import { memo } from 'react';
import type { ReplicaView } from '../../workers/sim.worker';
import { utilizationColor } from '../colors';

/** Queue bars are drawn against at least this many waiting requests (so a queue of 1 looks small). */
const MIN_QUEUE_SCALE = 5;

function label(v: ReplicaView, c: number): string {
  const first = c * v.perCell;
  return v.perCell === 1 ? `r${first}` : `r${first}–${first + v.perCell - 1}`;
}

/**
 * Live load per replica (or per group of replicas for large services): utilization over the last
 * metrics interval and the requests waiting now. Down replicas are red; out of rotation hatched.
 */
export const ReplicaBars = memo(function ReplicaBars({ view, replicas }: { view: ReplicaView; replicas: number }) {
  let maxQueue = MIN_QUEUE_SCALE;
  for (let c = 0; c < view.cells; c++) maxQueue = Math.max(maxQueue, (view.queued[c] ?? 0) / view.perCell);
  const rows = [];
  for (let c = 0; c < view.cells; c++) {
    const members = Math.max(1, Math.min(view.perCell, replicas - c * view.perCell));
    const up = view.up[c] ?? 0;
    const down = up < members;
    const out = !down && (view.inRotation[c] ?? 0) < up;
    const u = view.utilization[c] ?? 0;
    const q = view.queued[c] ?? 0;
    const qPer = q / view.perCell;
    rows.push(
      <div key={c} className={`rbar${down ? ' rbar-down' : out ? ' rbar-out' : ''}`} data-testid="replica-bar">
        <span className="rbar-name num">{label(view, c)}</span>
        <span className="rbar-track" title={`${Math.round(u * 100)} % busy over the last interval`}>
          <span className="rbar-fill" style={{ width: `${Math.min(100, u * 100)}%`, background: utilizationColor(0.35 + u * 0.65) }} />
        </span>
        <span className="rbar-value num">{down ? 'down' : `${Math.round(u * 100)}%`}</span>
        <span className="rbar-track rbar-queue" title={`${q} waiting now`}>
          <span className="rbar-fill" style={{ width: `${Math.min(100, (qPer / maxQueue) * 100)}%` }} />
        </span>
        <span className="rbar-value num">{q}</span>
      </div>,
    );
  }
  return (
    <div className="rbars" data-testid="replica-bars">
      <div className="rbar rbar-head muted">
        <span className="rbar-name">{view.perCell === 1 ? 'replica' : `${view.perCell} per row`}</span>
        <span>utilization (last interval)</span>
        <span />
        <span>queue now</span>
        <span />
      </div>
      <div className="rbars-body">{rows}</div>
    </div>
  );
});
