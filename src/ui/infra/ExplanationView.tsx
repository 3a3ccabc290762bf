/* i18n-pending */
/**
 * A placement decision the way kube-scheduler-simulator shows one: the summary line, how many
 * hosts were examined and found feasible, each filter with how many hosts it removed and why, the
 * best scores with per-plugin values, and the winner.
 */
import { memo } from 'react';
import type { PlacementExplanation } from '../../workers/sim.worker';
import { formatInt } from '../format';

/** Plug-in columns of the score table: weighted values (the ".raw" ones go into the tooltip). */
export function scoreColumns(scores: PlacementExplanation['scores']): string[] {
  const out: string[] = [];
  for (const s of scores) for (const k of Object.keys(s.plugins)) if (!k.endsWith('.raw') && !out.includes(k)) out.push(k);
  return out;
}

/** "insufficient memory" when one reason covers every host removed, else "3 insufficient memory, 2 wrong zone". */
export function reasonText(reasons: Readonly<Record<string, number>>, removed: number): string {
  const entries = Object.entries(reasons);
  if (entries.length === 1 && entries[0]![1] === removed) return entries[0]![0];
  return entries.map(([why, n]) => `${formatInt(n)} ${why}`).join(', ');
}

const fmt = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(1));

export const ExplanationView = memo(function ExplanationView({ e }: { e: PlacementExplanation }) {
  const columns = scoreColumns(e.scores);
  const removedTotal = e.filters.reduce((a, f) => a + f.removed, 0);
  return (
    <div className="explain">
      <p className={`explain-summary ${e.winner ? 'explain-ok' : 'explain-fail'}`} data-testid="explain-summary">
        {e.summary}
      </p>
      <dl className="minis num explain-counts">
        <div>
          <dt>hosts</dt>
          <dd>{formatInt(e.totalHosts)}</dd>
        </div>
        <div>
          <dt>examined</dt>
          <dd data-testid="explain-examined">{formatInt(e.examined)}</dd>
        </div>
        <div>
          <dt>feasible</dt>
          <dd data-testid="explain-feasible">{formatInt(e.feasible)}</dd>
        </div>
      </dl>
      <table className="insp-table explain-filters" data-testid="explain-filters">
        <caption className="muted">Filters, in order: hosts removed of {formatInt(e.examined)} examined</caption>
        <thead>
          <tr>
            <th>filter</th>
            <th className="right">removed</th>
            <th>why</th>
          </tr>
        </thead>
        <tbody>
          {e.filters.map((f) => (
            <tr key={f.name} className={f.removed > 0 ? 'filter-hit' : 'filter-pass'}>
              <td className="num">{f.name}</td>
              <td className="num right">{f.removed > 0 ? formatInt(f.removed) : <span className="muted">0</span>}</td>
              <td>
                {reasonText(f.reasons, f.removed) || <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
        {removedTotal > 0 && (
          <tfoot>
            <tr>
              <td className="muted">total</td>
              <td className="num right">{formatInt(removedTotal)}</td>
              <td className="muted">{formatInt(e.feasible)} left feasible</td>
            </tr>
          </tfoot>
        )}
      </table>
      {e.scores.length > 0 ? (
        <div className="explain-scroll">
          <table className="insp-table explain-scores" data-testid="explain-scores">
            <caption className="muted">Best scores (weighted; raw in the tooltip), highest first</caption>
            <thead>
              <tr>
                <th>host</th>
                <th className="right">total</th>
                {columns.map((c) => (
                  <th key={c} className="right" title={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {e.scores.map((s) => (
                <tr key={s.host} className={s.host === e.winner ? 'score-winner' : undefined} data-testid={s.host === e.winner ? 'explain-winner' : undefined}>
                  <td className="num">
                    {s.host === e.winner ? '★ ' : ''}
                    {s.host}
                  </td>
                  <td className="num right">
                    <strong>{fmt(s.total)}</strong>
                  </td>
                  {columns.map((c) => (
                    <td key={c} className="num right" title={s.plugins[`${c}.raw`] !== undefined ? `raw ${fmt(s.plugins[`${c}.raw`])}` : undefined}>
                      {fmt(s.plugins[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted note">No host was feasible, so nothing was scored.</p>
      )}
      <p className="explain-winner-line">
        Winner: <strong className="num">{e.winner ?? 'none — the instance stays pending'}</strong>
        {e.preempted.length > 0 && <span className="muted"> · preempted {e.preempted.length} lower-priority instance(s)</span>}
      </p>
    </div>
  );
});
