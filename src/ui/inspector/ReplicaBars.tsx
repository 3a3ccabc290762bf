import { memo } from 'react';
import type { ReplicaView } from '../../workers/sim.worker';
import { utilizationColor } from '../colors';
import { cellState, memberCells } from '../topology/replicaState';
import { useT } from '../i18n/messages';
import { inspectorMessages as m } from './messages';

/** Queue bars are drawn against at least this many waiting requests (so a queue of 1 looks small). */
const MIN_QUEUE_SCALE = 5;

function label(v: ReplicaView, c: number): string {
  const first = c * v.perCell;
  return v.perCell === 1 ? `r${first}` : `r${first}–${first + v.perCell - 1}`;
}

const STATE_TEXT = { starting: 'stateStarting', draining: 'stateDraining', down: 'stateDown' } as const;

/**
 * Live load per replica of the set (or per group of replicas for large services): utilization
 * over the last metrics interval and the requests waiting now. Down replicas are red; out of
 * rotation hatched; starting ones hollow; draining ones faded.
 */
export const ReplicaBars = memo(function ReplicaBars({ view }: { view: ReplicaView }) {
  const t = useT(m);
  const cells = memberCells(view);
  let maxQueue = MIN_QUEUE_SCALE;
  for (const c of cells) maxQueue = Math.max(maxQueue, (view.queued[c] ?? 0) / view.perCell);
  const rows = cells.map((c) => {
    const state = cellState(view, c);
    const u = view.utilization[c] ?? 0;
    const q = view.queued[c] ?? 0;
    const qPer = q / view.perCell;
    const cls = state === 'ready' ? '' : ` rbar-${state}`;
    const text = state === 'starting' || state === 'draining' || state === 'down' ? t(STATE_TEXT[state]) : `${Math.round(u * 100)}%`;
    return (
      <div key={c} className={`rbar${cls}`} data-testid="replica-bar" data-state={state}>
        <span className="rbar-name num">{label(view, c)}</span>
        <span className="rbar-track" title={t('busyTitle', { pct: Math.round(u * 100) })}>
          <span className="rbar-fill" style={{ width: `${Math.min(100, u * 100)}%`, background: utilizationColor(0.35 + u * 0.65) }} />
        </span>
        <span className="rbar-value num">{text}</span>
        <span className="rbar-track rbar-queue" title={t('waitingTitle', { n: q })}>
          <span className="rbar-fill" style={{ width: `${Math.min(100, (qPer / maxQueue) * 100)}%` }} />
        </span>
        <span className="rbar-value num">{q}</span>
      </div>
    );
  });
  return (
    <div className="rbars" data-testid="replica-bars">
      <div className="rbar rbar-head muted">
        <span className="rbar-name">{view.perCell === 1 ? t('replicaHead') : t('perRow', { n: view.perCell })}</span>
        <span>{t('utilizationHead')}</span>
        <span />
        <span>{t('queueHead')}</span>
        <span />
      </div>
      <div className="rbars-body">{rows}</div>
    </div>
  );
});
