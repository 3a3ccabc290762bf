import { memo } from 'react';
import { useConsole } from '../store';
import { formatClock, formatMs, formatPercent, formatSpan } from '../format';
import type { SloObjectives } from '../../workers/sim.worker';
import { useT } from '../i18n/messages';
import { richText } from '../components/richText';
import { inspectorMessages as m } from './messages';

function Verdict({ met }: { met: boolean | null }) {
  const t = useT(m);
  if (met === null) return <span className="verdict muted">{t('notApplicable')}</span>;
  return met ? <span className="verdict verdict-ok">{t('met')}</span> : <span className="verdict verdict-bad">{t('breached')}</span>;
}

const pct = (p: number): string => `p${Number((p * 100).toFixed(2))}`;

/** Objectives of a service and how the windows went (live, from the core's SLO tracker). */
export const SloPanel = memo(function SloPanel({ id, objectives }: { id: string; objectives: SloObjectives }) {
  const slo = useConsole((s) => s.services[id]?.slo ?? null);
  const last = slo?.last ?? null;
  const t = useT(m);
  return (
    <section className="insp-section" aria-label={t('sloAria')} data-testid="inspector-slo">
      <h3>{t('objectives')}</h3>
      <ul className="slo-goals">
        {objectives.availability !== null && <li>{t('availabilityGoal', { value: formatPercent(objectives.availability) })}</li>}
        {objectives.latency && (
          <li>
            {pct(objectives.latency.percentile)} ≤ {formatMs(objectives.latency.threshold)} ms
          </li>
        )}
        <li className="muted">{t('checkedOver', { span: formatSpan(objectives.window) })}</li>
      </ul>
      {slo === null || slo.windows === 0 ? (
        <p className="muted note">{t('noWindow', { span: formatSpan(objectives.window) })}</p>
      ) : (
        <>
          <p className="slo-count num" data-testid="inspector-slo-windows">
            {richText(t('windowsCount', { n: slo.windows }), {
              met: <span className="verdict-ok">{t('metCount', { n: slo.windows - slo.breached })}</span>,
              breached: <span className={slo.breached > 0 ? 'verdict-bad' : undefined}>{t('breachedCount', { n: slo.breached })}</span>,
            })}
          </p>
          {last && (
            <table className="slo-table num">
              <caption className="muted">
                {t('lastWindow', { start: formatClock(last.start), end: formatClock(last.end), n: last.requests.toLocaleString('en-US') })}
              </caption>
              <tbody>
                {objectives.availability !== null && (
                  <tr>
                    <th>{t('availability')}</th>
                    <td>{last.availability === null ? '—' : formatPercent(last.availability)}</td>
                    <td className="muted">≥ {formatPercent(objectives.availability)}</td>
                    <td>
                      <Verdict met={last.availabilityMet} />
                    </td>
                  </tr>
                )}
                {objectives.latency && (
                  <tr>
                    <th>{pct(objectives.latency.percentile)} ms</th>
                    <td>{formatMs(last.latency)}</td>
                    <td className="muted">≤ {formatMs(objectives.latency.threshold)}</td>
                    <td>
                      <Verdict met={last.latencyMet} />
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
});
