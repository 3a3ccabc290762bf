/**
 * The serverless panel: the keep-alive picker, the run's totals (cold-start ratio, INIT share of
 * latency, throttles, retries, dead letters, duplicates, idle GB-s, cost from GB-seconds and
 * requests), the charts (cold starts vs idle memory, concurrency and 429s, queue depth and the
 * oldest message's age), per-function and per-queue tables, and the keep-alive A/B table.
 * Shown when the scenario has a serverless block.
 */
import { iamMessages } from '../iam/messages';
import { memo, useCallback, useMemo, useState } from 'react';
import type { LiveFunction } from '../../workers/serverless-types';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { formatInt, formatMs, formatPercent, formatSpan } from '../format';
import { CompareTable } from './CompareTable';
import { KeepAlivePicker } from './KeepAlivePicker';
import { ColdStartChart, LoadChart, QueueChart } from './ServerlessCharts';
import { useServerless } from './serverlessStore';
import { inspectServerless } from './ServerlessInspector';
import { formatGbSeconds, formatUsdSmall, hasQueues } from './serverlessPoints';
import { useT } from '../i18n/messages';
import { serverlessMessages } from './messages';
import { policyName } from './words';
import './serverless.css';

export const ServerlessPanel = memo(function ServerlessPanel() {
  const has = useServerless((s) => s.info !== null);
  const t = useT(serverlessMessages);
  if (!has) return null;
  return (
    <ErrorBoundary what={t('panelWhat')}>
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
  const tr = useT(serverlessMessages);
  if (!live) return <p className="muted">{tr('playToSee')}</p>;
  const t = live.totals;
  const q = live.queueTotals;
  return (
    <dl className="minis num sls-totals" data-testid="sls-totals">
      <Stat label={tr('invocations')} value={formatInt(t.invocations)} testId="sls-invocations" />
      <Stat label={tr('coldStarts')} value={formatInt(t.coldStarts)} testId="sls-cold-starts" />
      <Stat label={tr('coldStartRatio')} value={formatPercent(live.coldStartRatio)} testId="sls-cold-ratio" />
      <Stat label={tr('initShareOfLatency')} value={formatPercent(live.initShare)} testId="sls-init-share" />
      <Stat label={tr('throttled429')} value={formatInt(t.throttled)} testId="sls-throttled" bad={t.throttled > 0} />
      <Stat label={tr('running')} value={formatInt(t.running)} testId="sls-running" />
      <Stat label={tr('idleWarmMemory')} value={`${formatInt(t.idleMb)} MB`} testId="sls-idle-mb" />
      <Stat label={tr('idleGbsSoFar')} value={formatGbSeconds(t.idleGbSeconds)} testId="sls-idle-gbs" />
      <Stat label={tr('retries')} value={formatInt(q.retries)} testId="sls-retries" />
      <Stat label={tr('deadLetters')} value={formatInt(q.deadLettered)} testId="sls-dlq" bad={q.deadLettered > 0} />
      <Stat label={tr('duplicates')} value={formatInt(q.duplicates)} testId="sls-duplicates" title={tr('duplicatesTitle')} />
      <Stat
        label={tr('cost')}
        value={formatUsdSmall(live.cost.totalUsd)}
        testId="sls-cost"
        title={tr('costTitle', {
          gbs: formatGbSeconds(live.cost.gbSeconds),
          requests: formatInt(live.cost.requests),
          compute: formatUsdSmall(live.cost.computeUsd),
          requestsUsd: formatUsdSmall(live.cost.requestsUsd),
        })}
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
  const t = useT(serverlessMessages);
  const ti = useT(iamMessages);
  const rows = useMemo(() => (functions ? [...functions].sort(byInvocations) : []), [functions]);
  const onToggle = useCallback(() => setAll((v) => !v), []);
  if (rows.length === 0) return null;
  const shown = all ? rows : rows.slice(0, FUNCTION_ROWS);
  return (
    <div className="sls-table-wrap">
      <table className="decision-table num" data-testid="sls-function-table">
        <caption className="muted">
          {rows.length <= FUNCTION_ROWS ? t('functions') : all ? t('functionsAll', { n: rows.length }) : t('functionsBusiest', { k: FUNCTION_ROWS, n: rows.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('colFunction')}</th>
            <th scope="col">{t('invocations')}</th>
            <th scope="col">{t('coldStarts')}</th>
            <th scope="col">{t('coldRatio')}</th>
            <th scope="col">{t('initShare')}</th>
            <th scope="col">p95 ms</th>
            <th scope="col">429</th>
            <th scope="col">{t('runningPeak')}</th>
            <th scope="col">{t('envs')}</th>
            <th scope="col">{t('idleMb')}</th>
            <th scope="col">{t('cost')}</th>
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
              {f.hidden ? (
                <td colSpan={10} className="muted" data-testid={`sls-fn-row-${f.id}-hidden`} data-resource={f.hidden.resource}>
                  {ti('hidden', { action: f.hidden.action, resource: f.hidden.resource })}
                </td>
              ) : (
                <FunctionFigures f={f} />
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > FUNCTION_ROWS && (
        <button type="button" className="linkish" onClick={onToggle} data-testid="sls-function-all">
          {all ? t('showBusiest', { k: FUNCTION_ROWS }) : t('showAll', { n: rows.length })}
        </button>
      )}
    </div>
  );
});

function FunctionFigures({ f }: { f: LiveFunction }) {
  return (
    <>
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
    </>
  );
}

const QueueTable = memo(function QueueTable() {
  const queues = useServerless((s) => s.live?.queues);
  const t = useT(serverlessMessages);
  if (!queues || queues.length === 0) return null;
  return (
    <div className="sls-table-wrap">
      <table className="decision-table num" data-testid="sls-queue-table">
        <caption className="muted">{t('queues')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colQueue')}</th>
            <th scope="col">{t('waiting')}</th>
            <th scope="col">{t('inFlight')}</th>
            <th scope="col">{t('oldest')}</th>
            <th scope="col">{t('sent')}</th>
            <th scope="col">{t('deleted')}</th>
            <th scope="col">{t('retries')}</th>
            <th scope="col">{t('duplicates')}</th>
            <th scope="col">{t('deadLetters')}</th>
            <th scope="col">{t('lost')}</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr key={q.id} data-testid={`sls-queue-row-${q.id}`}>
              <th scope="row">
                <button type="button" className="linkish mono" onClick={() => inspectServerless(`queue:${q.id}`)}>
                  {q.id}
                </button>{' '}
                <span className="muted">{q.type === 'fifo' ? t('queueFifo') : t('queueStandard')}</span>
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
  const t = useT(serverlessMessages);
  return (
    <section className="card sls-panel" data-testid="serverless-panel" aria-label={t('panelTitle')}>
      <header className="autoscaler-head">
        <h3>{t('panelTitle')}</h3>
        <span className="muted">
          {t('keepAliveNow')} <strong data-testid="sls-keepalive-live">{policyName(t, live)}</strong>
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
