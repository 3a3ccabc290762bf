/* i18n-pending */
import { memo } from 'react';
import { useConsole } from '../store';
import { formatClock, formatMs, formatPercent, formatSpan } from '../format';
import type { SloObjectives } from '../../workers/sim.worker';

function Verdict({ met }: { met: boolean | null }) {
  if (met === null) return <span className="verdict muted">n/a</span>;
  return met ? <span className="verdict verdict-ok">met</span> : <span className="verdict verdict-bad">breached</span>;
}

const pct = (p: number): string => `p${Number((p * 100).toFixed(2))}`;

/** Objectives of a service and how the windows went (live, from the core's SLO tracker). */
export const SloPanel = memo(function SloPanel({ id, objectives }: { id: string; objectives: SloObjectives }) {
  const slo = useConsole((s) => s.services[id]?.slo ?? null);
  const last = slo?.last ?? null;
  return (
    <section className="insp-section" aria-label="Service-level objectives" data-testid="inspector-slo">
      <h3>Objectives</h3>
      <ul className="slo-goals">
        {objectives.availability !== null && <li>availability ≥ {formatPercent(objectives.availability)}</li>}
        {objectives.latency && (
          <li>
            {pct(objectives.latency.percentile)} ≤ {formatMs(objectives.latency.threshold)} ms
          </li>
        )}
        <li className="muted">checked over {formatSpan(objectives.window)} windows</li>
      </ul>
      {slo === null || slo.windows === 0 ? (
        <p className="muted note">No window has closed yet: they close every {formatSpan(objectives.window)}, counted after the warm-up.</p>
      ) : (
        <>
          <p className="slo-count num" data-testid="inspector-slo-windows">
            <span className="verdict-ok">{slo.windows - slo.breached} met</span> ·{' '}
            <span className={slo.breached > 0 ? 'verdict-bad' : undefined}>{slo.breached} breached</span> of {slo.windows} windows
          </p>
          {last && (
            <table className="slo-table num">
              <caption className="muted">
                last window {formatClock(last.start)}–{formatClock(last.end)} · {last.requests.toLocaleString('en-US')} requests
              </caption>
              <tbody>
                {objectives.availability !== null && (
                  <tr>
                    <th>availability</th>
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
