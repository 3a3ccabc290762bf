/* i18n-pending */
/**
 * The inspector for a serverless box: a function (keep-alive picker, memory, concurrency, cold
 * starts and INIT share, throttles, environments, cost), a queue (depth, oldest message, retries,
 * duplicates, dead letters), a gateway (responses by status, per client), a topic, or a trigger
 * source (its schedule or events and where they go).
 */
import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { formatInt, formatMs, formatPercent, formatSpan } from '../format';
import { KeepAlivePicker } from './KeepAlivePicker';
import { selectServerless, useServerless } from './serverlessStore';
import { formatUsdSmall } from './serverlessPoints';
import type { ServerlessNodeInfo } from '../../workers/serverless-types';

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
  return (
    <>
      <section className="insp-section" aria-label="Configuration">
        <h3>Configuration</h3>
        <dl className="minis num">
          <Row label="memory" value={`${formatInt(node.memoryMb ?? 0)} MB`} testId="sls-insp-memory" />
          <Row label="runtime" value={node.runtime ?? '—'} />
          <Row label="concurrency limit" value={node.reserved != null ? `${formatInt(node.reserved)} reserved` : 'account pool'} testId="sls-insp-reserved" />
          <Row label="provisioned" value={formatInt(node.provisioned ?? 0)} />
        </dl>
        <KeepAlivePicker testId="sls-insp-keepalive" />
      </section>
      {f && (
        <section className="insp-section" aria-label="Now">
          <h3>Now</h3>
          <dl className="minis num">
            <Row label="running" value={`${formatInt(f.running)} (peak ${formatInt(f.peakRunning)})`} testId="sls-insp-running" />
            <Row label="environments" value={formatInt(f.environments)} />
            <Row label="idle warm" value={`${formatInt(f.idleMb)} MB`} />
            <Row label="invocations" value={formatInt(f.invocations)} testId="sls-insp-invocations" />
            <Row label="cold starts" value={`${formatInt(f.coldStarts)} · ${formatPercent(f.coldStartRatio)}`} testId="sls-insp-cold" />
            <Row label="INIT share" value={formatPercent(f.initShare)} />
            <Row label="p50 · p95 · p99 ms" value={`${formatMs(f.p50)} · ${formatMs(f.p95)} · ${formatMs(f.p99)}`} testId="sls-insp-latency" />
            <Row label="mean INIT ms" value={f.coldStarts > 0 ? formatMs(f.initSeconds / f.coldStarts) : '—'} />
            <Row label="throttled" value={formatInt(f.throttled)} bad={f.throttled > 0} />
            <Row label="errors · timeouts" value={`${formatInt(f.errors)} · ${formatInt(f.timedOut)}`} bad={f.errors + f.timedOut > 0} />
            <Row label="scaled to zero" value={`${formatInt(f.scaleToZero)}×`} />
            <Row label="cost" value={formatUsdSmall(f.costUsd)} />
          </dl>
        </section>
      )}
    </>
  );
});

const QueueDetail = memo(function QueueDetail({ node }: { node: ServerlessNodeInfo }) {
  const q = useServerless((s) => s.live?.queues.find((x) => x.id === node.id));
  return (
    <section className="insp-section" aria-label="Queue">
      <h3>
        Messages{' '}
        <span className="muted">
          visibility {formatSpan(node.visibilityTimeout ?? 0)}
          {node.deadLetter ? ` · DLQ ${node.deadLetter.queue} after ${node.deadLetter.maxReceives} receives` : ' · no DLQ'}
        </span>
      </h3>
      {q ? (
        <dl className="minis num">
          <Row label="waiting" value={formatInt(q.depth)} testId="sls-insp-depth" />
          <Row label="in flight" value={formatInt(q.inFlight)} />
          <Row label="oldest" value={q.oldestAge > 0 ? formatSpan(q.oldestAge) : '—'} testId="sls-insp-oldest" />
          <Row label="sent · received" value={`${formatInt(q.sent)} · ${formatInt(q.received)}`} />
          <Row label="deleted" value={formatInt(q.deleted)} />
          <Row label="retries" value={formatInt(q.retries)} />
          <Row label="duplicates" value={formatInt(q.duplicates)} testId="sls-insp-duplicates" />
          <Row label="dead letters" value={formatInt(q.deadLettered)} testId="sls-insp-dlq" bad={q.deadLettered > 0} />
          <Row label="lost" value={formatInt(q.lost)} bad={q.lost > 0} />
          <Row label="pollers" value={formatInt(q.pollers)} />
          {q.type === 'fifo' && <Row label="order violations" value={formatInt(q.orderViolations)} bad={q.orderViolations > 0} />}
        </dl>
      ) : (
        <p className="muted">No messages yet.</p>
      )}
    </section>
  );
});

const GatewayDetail = memo(function GatewayDetail({ node }: { node: ServerlessNodeInfo }) {
  const g = useServerless((s) => s.live?.gateways.find((x) => x.id === node.id));
  if (!g) return <p className="muted">No requests yet.</p>;
  return (
    <section className="insp-section" aria-label="Responses">
      <h3>Responses</h3>
      <dl className="minis num">
        <Row label="requests" value={formatInt(g.requests)} />
        <Row label="200" value={formatInt(g.ok)} />
        <Row label="401 · 403" value={`${formatInt(g.unauthorized)} · ${formatInt(g.forbidden)}`} bad={g.unauthorized + g.forbidden > 0} />
        <Row label="429 rate limit" value={formatInt(g.rateLimited)} bad={g.rateLimited > 0} />
        <Row label="429 function" value={formatInt(g.functionThrottled)} bad={g.functionThrottled > 0} />
        <Row label="5xx" value={formatInt(g.functionErrors)} bad={g.functionErrors > 0} />
      </dl>
      {g.clients.length > 0 && (
        <table className="decision-table num">
          <thead>
            <tr>
              <th scope="col">client</th>
              <th scope="col">requests</th>
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
  const t = useServerless((s) => s.live?.topics.find((x) => x.id === node.id));
  return (
    <section className="insp-section" aria-label="Topic">
      <h3>Messages</h3>
      <dl className="minis num">
        <Row label="published" value={formatInt(t?.published ?? 0)} />
        <Row label="delivered" value={formatInt(t?.delivered ?? 0)} />
        <Row label="filtered out" value={formatInt(t?.filtered ?? 0)} />
      </dl>
    </section>
  );
});

const Triggers = memo(function Triggers({ node }: { node: ServerlessNodeInfo }) {
  const edges = useServerless((s) => s.info?.edges);
  const out = (edges ?? []).filter((e) => e.from === node.key);
  const into = (edges ?? []).filter((e) => e.to === node.key);
  if (out.length + into.length === 0) return null;
  const name = (key: string): string => key.replace(':', ' ');
  return (
    <section className="insp-section" aria-label="Triggers">
      <h3>Triggers</h3>
      <ul className="sls-azure-files">
        {into.map((e) => (
          <li key={e.id}>
            from <span className="mono">{name(e.from)}</span> ({e.kind}: {e.label})
          </li>
        ))}
        {out.map((e) => (
          <li key={e.id}>
            to <span className="mono">{name(e.to)}</span> ({e.kind}: {e.label})
          </li>
        ))}
      </ul>
    </section>
  );
});

export const ServerlessInspector = memo(function ServerlessInspector() {
  const key = useServerless((s) => s.selected);
  const node = useServerless((s) => s.info?.nodes.find((n) => n.key === s.selected));
  const onClose = useCallback(() => selectServerless(null), []);
  if (key === null || !node) return null;
  return (
    <aside className="inspector card" data-testid="sls-inspector" aria-label={`Inspector: ${node.kind} ${node.id}`}>
      <header className="insp-head">
        <h2>
          <span className="muted">{node.kind}</span> <span data-testid="sls-inspector-id">{node.id}</span>
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close the inspector" data-testid="sls-inspector-close">
          ×
        </button>
      </header>
      <p className="muted">{node.detail}</p>
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
