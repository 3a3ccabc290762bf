/* i18n-pending */
/**
 * The serverless panel: the keep-alive picker, the run's totals (cold-start ratio, INIT share of
 * latency, throttles, retries, dead letters, duplicates, idle GB-s, cost from GB-seconds and
 * requests), the charts (cold starts vs idle memory, concurrency and 429s, queue depth and the
 * oldest message's age), per-function and per-queue tables, and the keep-alive A/B table.
 * Shown when the scenario has a serverless block.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import type { LiveFunction } from '../../workers/serverless-types';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { formatInt, formatMs, formatPercent, formatSpan } from '../format';
import { CompareTable } from './CompareTable';
import { KeepAlivePicker } from './KeepAlivePicker';
import { ColdStartChart, LoadChart, QueueChart } from './ServerlessCharts';
import { useServerless } from './serverlessStore';
import { inspectServerless } from './ServerlessInspector';
import { formatGbSeconds, formatUsdSmall, hasQueues, keepAliveLabel } from './serverlessPoints';
import './serverless.css';

export const ServerlessPanel = memo(function ServerlessPanel() {
  const has = useServerless((s) => s.info !== null);
  if (!has) return null;
  return (
    <ErrorBoundary what="the serverless panel">
      <ServerlessCard />
    </ErrorBoundary>
  );
});

function Stat({ label, value, testId, bad, title }: { label: string; value: string; testId: string; bad?: boolean; title?: string }) {
  return (
    <div title={title}>
      <dt>{label}</dt>
      <dd className={bad ? 'bad' : undefined} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

const Totals = memo(function Totals() {
  const live = useServerless((s) => s.live);
  if (!live) return <p className="muted">Play the run to see the functions work.</p>;
  const t = live.totals;
  const q = live.queueTotals;
  return (
    <dl className="minis num sls-totals" data-testid="sls-totals">
      <Stat label="invocations" value={formatInt(t.invocations)} testId="sls-invocations" />
      <Stat label="cold starts" value={formatInt(t.coldStarts)} testId="sls-cold-starts" />
      <Stat label="cold-start ratio" value={formatPercent(live.coldStartRatio)} testId="sls-cold-ratio" />
      <Stat label="INIT share of latency" value={formatPercent(live.initShare)} testId="sls-init-share" />
      <Stat label="throttled (429)" value={formatInt(t.throttled)} testId="sls-throttled" bad={t.throttled > 0} />
      <Stat label="running" value={formatInt(t.running)} testId="sls-running" />
      <Stat label="idle warm memory" value={`${formatInt(t.idleMb)} MB`} testId="sls-idle-mb" />
      <Stat label="idle GB-s so far" value={formatGbSeconds(t.idleGbSeconds)} testId="sls-idle-gbs" />
      <Stat label="retries" value={formatInt(q.retries)} testId="sls-retries" />
      <Stat label="dead letters" value={formatInt(q.deadLettered)} testId="sls-dlq" bad={q.deadLettered > 0} />
      <Stat label="duplicates" value={formatInt(q.duplicates)} testId="sls-duplicates" title="Extra copies delivered by standard queues (at-least-once)" />
      <Stat
        label="cost"
        value={formatUsdSmall(live.cost.totalUsd)}
        testId="sls-cost"
        title={`${formatGbSeconds(live.cost.gbSeconds)} and ${formatInt(live.cost.requests)} requests: ${formatUsdSmall(live.cost.computeUsd)} + ${formatUsdSmall(live.cost.requestsUsd)}`}
      />
    </dl>
  );
});

const Charts = memo(function Charts() {
  const charts = useServerless((s) => s.charts);
  const switches = useServerless((s) => s.live?.switches);
  const noSwitches = useMemo(() => [], []);
  if (!charts) return null;
  return (
    <div className="sls-charts">
      <ColdStartChart charts={charts} switches={switches ?? noSwitches} />
      <LoadChart charts={charts} />
      {hasQueues(charts) && <QueueChart charts={charts} />}
    </div>
  );
});

const FUNCTION_ROWS = 12;

function byInvocations(a: LiveFunction, b: LiveFunction): number {
  return b.invocations - a.invocations || (a.id < b.id ? -1 : 1);
}

const FunctionTable = memo(function FunctionTable() {
  const functions = useServerless((s) => s.live?.functions);
  const selected = useServerless((s) => s.selected);
  const [all, setAll] = useState(false);
  const rows = useMemo(() => (functions ? [...functions].sort(byInvocations) : []), [functions]);
  const onToggle = useCallback(() => setAll((v) => !v), []);
  if (rows.length === 0) return null;
  const shown = all ? rows : rows.slice(0, FUNCTION_ROWS);
  return (
    <div className="sls-table-wrap">
      <table className="decision-table num" data-testid="sls-function-table">
        <caption className="muted">
          Functions{rows.length > FUNCTION_ROWS ? ` (${all ? 'all' : `busiest ${FUNCTION_ROWS} of`} ${rows.length})` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">function</th>
            <th scope="col">invocations</th>
            <th scope="col">cold starts</th>
            <th scope="col">cold ratio</th>
            <th scope="col">INIT share</th>
            <th scope="col">p95 ms</th>
            <th scope="col">429</th>
            <th scope="col">running / peak</th>
            <th scope="col">envs</th>
            <th scope="col">idle MB</th>
            <th scope="col">cost</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f) => (
            <tr key={f.id} className={selected === `function:${f.id}` ? 'is-selected' : undefined} data-testid={`sls-fn-row-${f.id}`}>
              <th scope="row">
                <button type="button" className="linkish mono" onClick={() => inspectServerless(`function:${f.id}`)}>
                  {f.id}
                </button>
              </th>
              <td>{formatInt(f.invocations)}</td>
              <td>{formatInt(f.coldStarts)}</td>
              <td>{formatPercent(f.coldStartRatio)}</td>
              <td>{formatPercent(f.initShare)}</td>
              <td>{formatMs(f.p95)}</td>
              <td className={f.throttled > 0 ? 'bad' : undefined}>{formatInt(f.throttled)}</td>
              <td>
                {formatInt(f.running)} / {formatInt(f.peakRunning)}
              </td>
              <td>{formatInt(f.environments)}</td>
              <td>{formatInt(f.idleMb)}</td>
              <td>{formatUsdSmall(f.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > FUNCTION_ROWS && (
        <button type="button" className="linkish" onClick={onToggle} data-testid="sls-function-all">
          {all ? `Show the busiest ${FUNCTION_ROWS}` : `Show all ${rows.length} functions`}
        </button>
      )}
    </div>
  );
});

const QueueTable = memo(function QueueTable() {
  const queues = useServerless((s) => s.live?.queues);
  if (!queues || queues.length === 0) return null;
  return (
    <div className="sls-table-wrap">
      <table className="decision-table num" data-testid="sls-queue-table">
        <caption className="muted">Queues</caption>
        <thead>
          <tr>
            <th scope="col">queue</th>
            <th scope="col">waiting</th>
            <th scope="col">in flight</th>
            <th scope="col">oldest</th>
            <th scope="col">sent</th>
            <th scope="col">deleted</th>
            <th scope="col">retries</th>
            <th scope="col">duplicates</th>
            <th scope="col">dead letters</th>
            <th scope="col">lost</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr key={q.id} data-testid={`sls-queue-row-${q.id}`}>
              <th scope="row">
                <button type="button" className="linkish mono" onClick={() => inspectServerless(`queue:${q.id}`)}>
                  {q.id}
                </button>{' '}
                <span className="muted">{q.type}</span>
              </th>
              <td>{formatInt(q.depth)}</td>
              <td>{formatInt(q.inFlight)}</td>
              <td>{q.oldestAge > 0 ? formatSpan(q.oldestAge) : '—'}</td>
              <td>{formatInt(q.sent)}</td>
              <td>{formatInt(q.deleted)}</td>
              <td>{formatInt(q.retries)}</td>
              <td data-testid={`sls-queue-${q.id}-duplicates`}>{formatInt(q.duplicates)}</td>
              <td className={q.deadLettered > 0 ? 'bad' : undefined} data-testid={`sls-queue-${q.id}-dlq`}>
                {formatInt(q.deadLettered)}
              </td>
              <td className={q.lost > 0 ? 'bad' : undefined}>{formatInt(q.lost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

function ServerlessCard() {
  const live = useServerless((s) => s.live?.keepAlive ?? s.info?.keepAlive ?? '');
  return (
    <section className="card sls-panel" data-testid="serverless-panel" aria-label="Serverless">
      <header className="autoscaler-head">
        <h3>Serverless</h3>
        <span className="muted">
          keep-alive now: <strong data-testid="sls-keepalive-live">{keepAliveLabel(live)}</strong>
        </span>
        <KeepAlivePicker />
      </header>
      <Totals />
      <Charts />
      <FunctionTable />
      <QueueTable />
      <CompareTable />
    </section>
  );
}
