import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { formatInt, formatMs, formatPercent } from '../format';
import { serverlessStore, useServerless } from './serverlessStore';
import { compareVerdict, formatChange, formatGbSeconds, formatUsdSmall } from './serverlessPoints';
import { useT } from '../i18n/messages';
import { serverlessMessages } from './messages';
import { richText } from './richText';
import { policyName } from './words';

async function runCompare(): Promise<void> {
  const rev = serverlessStore.getState().scenarioRev;
  serverlessStore.setState({ comparing: true, compare: null });
  const result = await actions.compareKeepAlive();
  // A scenario loaded meanwhile: this answer is about the old one.
  if (serverlessStore.getState().scenarioRev !== rev) return;
  serverlessStore.setState({ comparing: false, compare: result });
}

/**
 * Keep-alive A/B: the scenario run to its end, off the live run, under fixed 10 min, fixed 20 min
 * and the hybrid histogram policy on the same seed; cold starts, idle memory, p95 and cost side by side.
 */
export const CompareTable = memo(function CompareTable() {
  const compare = useServerless((s) => s.compare);
  const comparing = useServerless((s) => s.comparing);
  const onRun = useCallback(() => void runCompare(), []);
  const t = useT(serverlessMessages);
  const verdict = compare?.ok ? compareVerdict(compare.rows) : null;
  // Latency percentiles per function come from the core when it reports them; otherwise the column is left out.
  const hasP95 = compare?.ok === true && compare.rows.some((r) => r.p95 !== null);
  return (
    <section className="sls-compare" aria-label={t('compareAria')} data-testid="keepalive-compare">
      <header className="autoscaler-head">
        <h3>{t('compareTitle')}</h3>
        <span className="muted">{t('compareSub')}</span>
        <button type="button" onClick={onRun} disabled={comparing} data-testid="keepalive-compare-run">
          {comparing ? t('compareRunning') : compare ? t('compareAgain') : t('compareRun')}
        </button>
      </header>
      {compare && !compare.ok && (
        <p className="bad" role="alert" data-testid="keepalive-compare-error">
          {compare.code === 'no-functions' ? t('compareNoFunctions') : compare.error}
        </p>
      )}
      {compare?.ok && (
        <>
          <table className="table num" data-testid="keepalive-compare-table">
            <thead>
              <tr>
                <th scope="col">{t('colPolicy')}</th>
                <th scope="col">{t('invocations')}</th>
                <th scope="col">{t('coldStarts')}</th>
                <th scope="col">{t('coldStartRatio')}</th>
                <th scope="col">{t('initShare')}</th>
                <th scope="col">{t('idleMemory')}</th>
                {hasP95 && (
                  <th scope="col" title={t('worstP95Title')}>
                    {t('worstP95')}
                  </th>
                )}
                <th scope="col">{t('cost')}</th>
              </tr>
            </thead>
            <tbody>
              {compare.rows.map((r) => (
                <tr key={r.policy} data-testid={`keepalive-row-${r.policy}`} data-cold={r.coldStarts} data-idle={r.idleGbSeconds} data-cost={r.costUsd}>
                  <th scope="row">{policyName(t, r.policy)}</th>
                  <td>{formatInt(r.invocations)}</td>
                  <td data-testid={`keepalive-cold-${r.policy}`}>{formatInt(r.coldStarts)}</td>
                  <td>{formatPercent(r.coldStartRatio)}</td>
                  <td>{formatPercent(r.initShare)}</td>
                  <td data-testid={`keepalive-idle-${r.policy}`}>{formatGbSeconds(r.idleGbSeconds)}</td>
                  {hasP95 && <td>{formatMs(r.p95)}</td>}
                  <td>{formatUsdSmall(r.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {verdict?.hybridVsFixed && (
            <p className="muted" data-testid="keepalive-verdict">
              {richText(
                t('verdict', {
                  fewest: verdict.fewestCold ? policyName(t, verdict.fewestCold) : '—',
                  least: verdict.leastIdle ? policyName(t, verdict.leastIdle) : '—',
                }),
                { cold: <strong>{formatChange(verdict.hybridVsFixed.cold)}</strong>, idle: <strong>{formatChange(verdict.hybridVsFixed.idle)}</strong> },
              )}
              {compare.engine === 'standalone' ? t('standalone') : ''}
            </p>
          )}
        </>
      )}
    </section>
  );
});
