/**
 * The autoscalers' decision log, newest first: when, which service and policy, the metric against
 * its target, the count before and after (and what was asked when a rule capped it), and why.
 * "Changes only" hides the syncs that kept the count.
 */
import { memo, useCallback, useMemo, useState, type ChangeEvent } from 'react';
import { useConsole } from '../store';
import { formatClock, formatInt } from '../format';
import { filterDecisions, isChange, metricVsTarget, policyLabel, type DecisionRow } from './decisions';
import { useT } from '../i18n/messages';
import { elasticityMessages } from './messages';
import { reasonMessages } from './reasons.messages';
import { cappedText, decisionReason } from './reasons';
import { useDecisions } from './decisionStore';

/** Rows drawn at most (the page keeps more; the CLI's `sim --decisions` has them all). */
const SHOWN = 300;

const Row = memo(function Row({ row }: { row: DecisionRow }) {
  const t = useT(elasticityMessages);
  const tr = useT(reasonMessages);
  const d = row.d;
  const change = isChange(d);
  const direction = d.replicas > d.current ? 'up' : d.replicas < d.current ? 'down' : 'same';
  return (
    <tr className={`decision-row decision-${direction}${change ? ' is-change' : ''}`} data-testid="decision-row" data-service={d.service} data-change={change ? '1' : '0'}>
      <td className="num muted">{formatClock(d.time)}</td>
      <td className="mono">{d.service}</td>
      <td>{policyLabel(t, d.policy)}</td>
      <td className="num">{metricVsTarget(d, t)}</td>
      <td className="num decision-count">
        {d.current} → <strong>{d.replicas}</strong>
        {d.desired !== d.replicas && <span className="muted">{t('asked', { n: d.desired })}</span>}
      </td>
      <td className="decision-capped">{cappedText(tr, d.capped)}</td>
      <td className="decision-reason">{decisionReason(tr, d)}</td>
    </tr>
  );
});

export const DecisionLog = memo(function DecisionLog() {
  const t = useT(elasticityMessages);
  const rows = useDecisions((s) => s.rows);
  const total = useDecisions((s) => s.total);
  const selected = useConsole((s) => s.selectedService);
  const [changesOnly, setChangesOnly] = useState(false);
  const [onlySelected, setOnlySelected] = useState(false);
  const service = onlySelected ? selected : null;
  const shown = useMemo(() => filterDecisions(rows, { changesOnly, service }, SHOWN), [rows, changesOnly, service]);
  const changes = useMemo(() => rows.reduce((n, r) => n + (isChange(r.d) ? 1 : 0), 0), [rows]);
  const onChanges = useCallback((e: ChangeEvent<HTMLInputElement>) => setChangesOnly(e.target.checked), []);
  const onSelected = useCallback((e: ChangeEvent<HTMLInputElement>) => setOnlySelected(e.target.checked), []);
  return (
    <section className="card decision-log" data-testid="decision-log" aria-label={t('logLabel')}>
      <header className="event-log-head">
        <h3>
          {t('logHeading')}{' '}
          <span className="muted num" data-testid="decision-count">
            {t('logCount', { total: formatInt(total), changes: formatInt(changes) })}
            {rows.length < total ? t('logKept', { n: formatInt(rows.length) }) : ''}
          </span>
        </h3>
        <div className="log-filters">
          <label className="check">
            <input type="checkbox" checked={changesOnly} onChange={onChanges} data-testid="decisions-changes-only" /> {t('changesOnly')}
          </label>
          {selected !== null && (
            <label className="check">
              <input type="checkbox" checked={onlySelected} onChange={onSelected} data-testid="decisions-selected-only" /> {t('onlySelected')} <span className="mono">{selected}</span>
            </label>
          )}
        </div>
      </header>
      {shown.length === 0 ? (
        <p className="muted log-empty" data-testid="decisions-empty">
          {rows.length === 0 ? t('logEmpty') : t('logNoMatch')}
        </p>
      ) : (
        <div className="decision-scroll" tabIndex={0} role="region" aria-label={t('logRegion')}>
          <table className="decision-table" data-testid="decision-table">
            <caption className="sr-only">
              {t('logCaption')}
              {shown.length < rows.length ? t('logCaptionShown', { n: shown.length }) : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('colTime')}</th>
                <th scope="col">{t('colService')}</th>
                <th scope="col">{t('colPolicy')}</th>
                <th scope="col">{t('colMetric')}</th>
                <th scope="col">{t('colCount')}</th>
                <th scope="col">{t('colCapped')}</th>
                <th scope="col">{t('colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <Row key={r.seq} row={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
});
