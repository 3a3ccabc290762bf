/**
 * The inspector for a serverless box: a function (keep-alive picker, memory, concurrency, cold
 * starts and INIT share, throttles, environments, cost), a queue (depth, oldest message, retries,
 * duplicates, dead letters), a gateway (responses by status, per client), a topic, or a trigger
 * source (its schedule or events and where they go).
 */
import { HiddenNotice } from '../iam/HiddenNotice';
import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { formatInt, formatMs, formatPercent, formatSpan } from '../format';
import { KeepAlivePicker } from './KeepAlivePicker';
import { selectServerless, useServerless } from './serverlessStore';
import { formatUsdSmall } from './serverlessPoints';
import type { ServerlessNodeInfo } from '../../workers/serverless-types';
import { useT } from '../i18n/messages';
import { richText } from './richText';
import { serverlessMessages } from './messages';
import { edgeKindName, nodeKeyName, nodeKindName, serverlessText } from './words';

function Row({ label, value, testId, bad }: { label: string; value: string; testId?: string; bad?: boolean }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={bad ? 'bad' : undefined} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

const FunctionDetail = memo(function FunctionDetail({ node }: { node: ServerlessNodeInfo }) {
  const f = useServerless((s) => s.live?.functions.find((x) => x.id === node.id));
  const t = useT(serverlessMessages);
  return (
    <>
      <section className="insp-section" aria-label={t('configuration')}>
        <h3>{t('configuration')}</h3>
        <dl className="minis num">
          <Row label={t('memory')} value={`${formatInt(node.memoryMb ?? 0)} MB`} testId="sls-insp-memory" />
          <Row label={t('runtime')} value={node.runtime ?? '—'} />
          <Row label={t('concurrencyLimit')} value={node.reserved != null ? t('reservedN', { n: formatInt(node.reserved) }) : t('accountPool')} testId="sls-insp-reserved" />
          <Row label={t('provisioned')} value={formatInt(node.provisioned ?? 0)} />
        </dl>
        <KeepAlivePicker testId="sls-insp-keepalive" />
      </section>
      {f?.hidden && <HiddenNotice denial={f.hidden} testId="sls-insp-hidden" />}
      {f && !f.hidden && (
        <section className="insp-section" aria-label={t('now')}>
          <h3>{t('now')}</h3>
          <dl className="minis num">
            <Row label={t('running')} value={t('runningWithPeak', { n: formatInt(f.running), peak: formatInt(f.peakRunning) })} testId="sls-insp-running" />
            <Row label={t('environments')} value={formatInt(f.environments)} />
            <Row label={t('idleWarm')} value={`${formatInt(f.idleMb)} MB`} />
            <Row label={t('invocations')} value={formatInt(f.invocations)} testId="sls-insp-invocations" />
            <Row label={t('coldStarts')} value={`${formatInt(f.coldStarts)} · ${formatPercent(f.coldStartRatio)}`} testId="sls-insp-cold" />
            <Row label={t('initShare')} value={formatPercent(f.initShare)} />
            <Row label="p50 · p95 · p99 ms" value={`${formatMs(f.p50)} · ${formatMs(f.p95)} · ${formatMs(f.p99)}`} testId="sls-insp-latency" />
            <Row label={t('meanInitMs')} value={f.coldStarts > 0 ? formatMs(f.initSeconds / f.coldStarts) : '—'} />
            <Row label={t('throttled')} value={formatInt(f.throttled)} bad={f.throttled > 0} />
            <Row label={t('errorsTimeouts')} value={`${formatInt(f.errors)} · ${formatInt(f.timedOut)}`} bad={f.errors + f.timedOut > 0} />
            <Row label={t('scaledToZero')} value={`${formatInt(f.scaleToZero)}×`} />
            <Row label={t('cost')} value={formatUsdSmall(f.costUsd)} />
          </dl>
        </section>
      )}
    </>
  );
});

const QueueDetail = memo(function QueueDetail({ node }: { node: ServerlessNodeInfo }) {
  const q = useServerless((s) => s.live?.queues.find((x) => x.id === node.id));
  const t = useT(serverlessMessages);
  return (
    <section className="insp-section" aria-label={t('queueAria')}>
      <h3>
        {t('messages')}{' '}
        <span className="muted">
          {t('visibility', { span: formatSpan(node.visibilityTimeout ?? 0) })}
          {node.deadLetter ? t('dlqAfter', { queue: node.deadLetter.queue, n: node.deadLetter.maxReceives }) : t('noDlq')}
        </span>
      </h3>
      {q ? (
        <dl className="minis num">
          <Row label={t('waiting')} value={formatInt(q.depth)} testId="sls-insp-depth" />
          <Row label={t('inFlight')} value={formatInt(q.inFlight)} />
          <Row label={t('oldest')} value={q.oldestAge > 0 ? formatSpan(q.oldestAge) : '—'} testId="sls-insp-oldest" />
          <Row label={t('sentReceived')} value={`${formatInt(q.sent)} · ${formatInt(q.received)}`} />
          <Row label={t('deleted')} value={formatInt(q.deleted)} />
          <Row label={t('retries')} value={formatInt(q.retries)} />
          <Row label={t('duplicates')} value={formatInt(q.duplicates)} testId="sls-insp-duplicates" />
          <Row label={t('deadLetters')} value={formatInt(q.deadLettered)} testId="sls-insp-dlq" bad={q.deadLettered > 0} />
          <Row label={t('lost')} value={formatInt(q.lost)} bad={q.lost > 0} />
          <Row label={t('pollers')} value={formatInt(q.pollers)} />
          {q.type === 'fifo' && <Row label={t('orderViolations')} value={formatInt(q.orderViolations)} bad={q.orderViolations > 0} />}
        </dl>
      ) : (
        <p className="muted">{t('noMessages')}</p>
      )}
    </section>
  );
});

const GatewayDetail = memo(function GatewayDetail({ node }: { node: ServerlessNodeInfo }) {
  const g = useServerless((s) => s.live?.gateways.find((x) => x.id === node.id));
  const t = useT(serverlessMessages);
  if (!g) return <p className="muted">{t('noRequests')}</p>;
  return (
    <section className="insp-section" aria-label={t('responses')}>
      <h3>{t('responses')}</h3>
      <dl className="minis num">
        <Row label={t('requests')} value={formatInt(g.requests)} />
        <Row label="200" value={formatInt(g.ok)} />
        <Row label="401 · 403" value={`${formatInt(g.unauthorized)} · ${formatInt(g.forbidden)}`} bad={g.unauthorized + g.forbidden > 0} />
        <Row label={t('rateLimit429')} value={formatInt(g.rateLimited)} bad={g.rateLimited > 0} />
        <Row label={t('function429')} value={formatInt(g.functionThrottled)} bad={g.functionThrottled > 0} />
        {/* i18n-ignore: an HTTP status class */}
        <Row label="5xx" value={formatInt(g.functionErrors)} bad={g.functionErrors > 0} />
      </dl>
      {g.clients.length > 0 && (
        <table className="decision-table num">
          <thead>
            <tr>
              <th scope="col">{t('colClient')}</th>
              <th scope="col">{t('requests')}</th>
              <th scope="col">429</th>
              <th scope="col">401/403</th>
            </tr>
          </thead>
          <tbody>
            {g.clients.map((c) => (
              <tr key={c.id}>
                <td className="mono">{c.id}</td>
                <td>{formatInt(c.requests)}</td>
                <td>{formatInt(c.rateLimited)}</td>
                <td>{formatInt(c.unauthorized + c.forbidden)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});

const TopicDetail = memo(function TopicDetail({ node }: { node: ServerlessNodeInfo }) {
  const topic = useServerless((s) => s.live?.topics.find((x) => x.id === node.id));
  const t = useT(serverlessMessages);
  return (
    <section className="insp-section" aria-label={t('topicAria')}>
      <h3>{t('messages')}</h3>
      <dl className="minis num">
        <Row label={t('published')} value={formatInt(topic?.published ?? 0)} />
        <Row label={t('delivered')} value={formatInt(topic?.delivered ?? 0)} />
        <Row label={t('filteredOut')} value={formatInt(topic?.filtered ?? 0)} />
      </dl>
    </section>
  );
});

const Triggers = memo(function Triggers({ node }: { node: ServerlessNodeInfo }) {
  const edges = useServerless((s) => s.info?.edges);
  const t = useT(serverlessMessages);
  const out = (edges ?? []).filter((e) => e.from === node.key);
  const into = (edges ?? []).filter((e) => e.to === node.key);
  if (out.length + into.length === 0) return null;
  const line = (e: (typeof out)[number], other: string, key: 'triggerFrom' | 'triggerTo') =>
    richText(t(key, { kind: edgeKindName(t, e.kind), label: serverlessText(t, e.labelText, e.label) }), { node: <span className="mono">{nodeKeyName(t, other)}</span> });
  return (
    <section className="insp-section" aria-label={t('triggers')}>
      <h3>{t('triggers')}</h3>
      <ul className="sls-azure-files">
        {into.map((e) => (
          <li key={e.id}>{line(e, e.from, 'triggerFrom')}</li>
        ))}
        {out.map((e) => (
          <li key={e.id}>{line(e, e.to, 'triggerTo')}</li>
        ))}
      </ul>
    </section>
  );
});

export const ServerlessInspector = memo(function ServerlessInspector() {
  const key = useServerless((s) => s.selected);
  const node = useServerless((s) => s.info?.nodes.find((n) => n.key === s.selected));
  const onClose = useCallback(() => selectServerless(null), []);
  const t = useT(serverlessMessages);
  if (key === null || !node) return null;
  return (
    <aside className="inspector card" data-testid="sls-inspector" aria-label={t('inspectorAria', { kind: nodeKindName(t, node.kind), id: node.id })}>
      <header className="insp-head">
        <h2>
          <span className="muted">{nodeKindName(t, node.kind)}</span> <span data-testid="sls-inspector-id">{node.id}</span>
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('closeInspector')} data-testid="sls-inspector-close">
          ×
        </button>
      </header>
      <p className="muted">{serverlessText(t, node.detailText, node.detail)}</p>
      {node.kind === 'function' && <FunctionDetail node={node} />}
      {node.kind === 'queue' && <QueueDetail node={node} />}
      {node.kind === 'gateway' && <GatewayDetail node={node} />}
      {node.kind === 'topic' && <TopicDetail node={node} />}
      <Triggers node={node} />
    </aside>
  );
});

/** The serverless inspector when a serverless box is chosen and no service is; else the service inspector. */
export function useServerlessInspector(): boolean {
  const sls = useServerless((s) => s.selected !== null && s.info !== null);
  return sls;
}

/** Chooses a serverless box (the service inspector steps aside). */
export function inspectServerless(key: string): void {
  selectServerless(key);
  void actions.selectService(null);
}
