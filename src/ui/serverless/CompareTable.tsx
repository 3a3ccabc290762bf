/* i18n-pending */
import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { formatInt, formatMs, formatPercent } from '../format';
import { serverlessStore, useServerless } from './serverlessStore';
import { compareVerdict, formatChange, formatGbSeconds, formatUsdSmall, keepAliveLabel } from './serverlessPoints';

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
  const verdict = compare?.ok ? compareVerdict(compare.rows) : null;
  // Latency percentiles per function come from the core when it reports them; otherwise the column is left out.
  const hasP95 = compare?.ok === true && compare.rows.some((r) => r.p95 !== null);
  return (
    <section className="sls-compare" aria-label="Keep-alive A/B comparison" data-testid="keepalive-compare">
      <header className="autoscaler-head">
        <h3>Keep-alive A/B</h3>
        <span className="muted">the whole run, same seed, once per policy (off the live run)</span>
        <button type="button" onClick={onRun} disabled={comparing} data-testid="keepalive-compare-run">
          {comparing ? 'Running the policies…' : compare ? 'Run again' : 'Compare policies'}
        </button>
      </header>
      {compare && !compare.ok && (
        <p className="bad" role="alert" data-testid="keepalive-compare-error">
          {compare.error}
        </p>
      )}
      {compare?.ok && (
        <>
          <table className="table num" data-testid="keepalive-compare-table">
            <thead>
              <tr>
                <th scope="col">policy</th>
                <th scope="col">invocations</th>
                <th scope="col">cold starts</th>
                <th scope="col">cold-start ratio</th>
                <th scope="col">INIT share</th>
                <th scope="col">idle memory</th>
                {hasP95 && (
                  <th scope="col" title="The highest p95 latency (INIT wait + execution) among the functions">
                    worst function p95 ms
                  </th>
                )}
                <th scope="col">cost</th>
              </tr>
            </thead>
            <tbody>
              {compare.rows.map((r) => (
                <tr key={r.policy} data-testid={`keepalive-row-${r.policy}`} data-cold={r.coldStarts} data-idle={r.idleGbSeconds} data-cost={r.costUsd}>
                  <th scope="row">{keepAliveLabel(r.policy)}</th>
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
              Hybrid vs fixed 10 min: cold starts <strong>{formatChange(verdict.hybridVsFixed.cold)}</strong>, idle memory{' '}
              <strong>{formatChange(verdict.hybridVsFixed.idle)}</strong>. Fewest cold starts: {verdict.fewestCold ? keepAliveLabel(verdict.fewestCold) : '—'}; least idle
              memory: {verdict.leastIdle ? keepAliveLabel(verdict.leastIdle) : '—'}.
              {compare.engine === 'standalone' ? ' (Computed with the standalone FaaS model.)' : ''}
            </p>
          )}
        </>
      )}
    </section>
  );
});
