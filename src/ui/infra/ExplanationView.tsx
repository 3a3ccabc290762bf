/**
 * A placement decision the way kube-scheduler-simulator shows one: the summary line, how many
 * hosts were examined and found feasible, each filter with how many hosts it removed and why, the
 * best scores with per-plugin values, and the winner.
 */
import { memo } from 'react';
import type { PlacementExplanation } from '../../workers/sim.worker';
import { formatInt } from '../format';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { infraMessages as m } from './messages';
import { reasonListText, summaryText } from './saidText';
import { useCompute } from './computeStore';

/** Plug-in columns of the score table: weighted values (the ".raw" ones go into the tooltip). */
export function scoreColumns(scores: PlacementExplanation['scores']): string[] {
  const out: string[] = [];
  for (const s of scores) for (const k of Object.keys(s.plugins)) if (!k.endsWith('.raw') && !out.includes(k)) out.push(k);
  return out;
}

/** "insufficient memory" when one reason covers every host removed, else "3 insufficient memory, 2 wrong zone" (in English). */
export function reasonText(reasons: Readonly<Record<string, number>>, removed: number): string {
  return reasonListText('en', reasons, removed);
}

const fmt = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(1));

export const ExplanationView = memo(function ExplanationView({ e }: { e: PlacementExplanation }) {
  const columns = scoreColumns(e.scores);
  const removedTotal = e.filters.reduce((a, f) => a + f.removed, 0);
  const t = useT(m);
  const lang = useLang();
  const strategy = useCompute((s) => s.info?.strategy ?? '');
  return (
    <div className="explain">
      <p className={`explain-summary ${e.winner ? 'explain-ok' : 'explain-fail'}`} data-testid="explain-summary" title={lang === 'en' ? undefined : e.summary}>
        {summaryText(lang, e, strategy)}
      </p>
      <dl className="minis num explain-counts">
        <div>
          <dt>{t('exHosts')}</dt>
          <dd>{formatInt(e.totalHosts)}</dd>
        </div>
        <div>
          <dt>{t('exExamined')}</dt>
          <dd data-testid="explain-examined">{formatInt(e.examined)}</dd>
        </div>
        <div>
          <dt>{t('exFeasible')}</dt>
          <dd data-testid="explain-feasible">{formatInt(e.feasible)}</dd>
        </div>
      </dl>
      <table className="insp-table explain-filters" data-testid="explain-filters">
        <caption className="muted">{t('exFiltersCaption', { n: formatInt(e.examined) })}</caption>
        <thead>
          <tr>
            <th>{t('exFilter')}</th>
            <th className="right">{t('exRemoved')}</th>
            <th>{t('exWhy')}</th>
          </tr>
        </thead>
        <tbody>
          {e.filters.map((f) => (
            <tr key={f.name} className={f.removed > 0 ? 'filter-hit' : 'filter-pass'}>
              <td className="num">{f.name}</td>
              <td className="num right">{f.removed > 0 ? formatInt(f.removed) : <span className="muted">0</span>}</td>
              <td>
                {reasonListText(lang, f.reasons, f.removed) || <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
        {removedTotal > 0 && (
          <tfoot>
            <tr>
              <td className="muted">{t('exTotal')}</td>
              <td className="num right">{formatInt(removedTotal)}</td>
              <td className="muted">{t('exLeftFeasible', { n: formatInt(e.feasible) })}</td>
            </tr>
          </tfoot>
        )}
      </table>
      {e.scores.length > 0 ? (
        <div className="explain-scroll">
          <table className="insp-table explain-scores" data-testid="explain-scores">
            <caption className="muted">{t('exScoresCaption')}</caption>
            <thead>
              <tr>
                <th>{t('exHost')}</th>
                <th className="right">{t('exTotal')}</th>
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
                    <td key={c} className="num right" title={s.plugins[`${c}.raw`] !== undefined ? t('exRaw', { v: fmt(s.plugins[`${c}.raw`]) }) : undefined}>
                      {fmt(s.plugins[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted note">{t('exNoneFeasible')}</p>
      )}
      <p className="explain-winner-line">
        {t('exWinner')} <strong className="num">{e.winner ?? t('exWinnerNone')}</strong>
        {e.preempted.length > 0 && <span className="muted">{t('exPreempted', { n: e.preempted.length })}</span>}
      </p>
    </div>
  );
});
