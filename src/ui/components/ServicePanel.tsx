/* i18n-pending */
import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { formatInt, formatMs, formatPercent } from '../format';
import { policyLabel } from '../inspector/policies';
import { ServiceChart } from '../lazy';

interface StatProps {
  label: string;
  value: string;
  testId: string;
  title?: string;
}

function Stat({ label, value, testId, title }: StatProps) {
  return (
    <div className="stat" title={title}>
      <dt>{label}</dt>
      <dd className="num" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** One service: live counters, latency and a small chart. Re-renders only when its numbers change. */
export const ServicePanel = memo(function ServicePanel({ id }: { id: string }) {
  const svc = useConsole((s) => s.services[id]);
  const selected = useConsole((s) => s.selectedService === id);
  const shared = useConsole((s) => s.scenario?.topology.services.find((x) => x.id === id)?.queue === 'shared');
  const onInspect = useCallback(() => void actions.selectService(id), [id]);
  const t = (field: string) => `service-${id}-${field}`;
  return (
    <section className={`panel${selected ? ' panel-selected' : ''}`} data-testid={`service-${id}`} aria-label={`Service ${id}`}>
      <header className="panel-head">
        <h2>
          <button type="button" className="linkish" onClick={onInspect} data-testid={t('inspect')} title="Inspect this service" aria-pressed={selected}>
            {id}
          </button>
        </h2>
        {svc && (
          <span className="muted num">
            {svc.autoscaler ? `${formatInt(svc.ready)}/${formatInt(svc.replicas)} replicas ready` : `${formatInt(svc.replicas)} replicas`} ·{' '}
            {shared ? 'shared queue' : policyLabel(svc.policy)}
          </span>
        )}
      </header>
      {svc ? (
        <>
          <dl className="stats">
            <Stat label="Arrivals" value={formatInt(svc.arrivals)} testId={t('arrivals')} />
            <Stat label="Completed" value={formatInt(svc.completed)} testId={t('completed')} />
            <Stat label="Dropped" value={formatInt(svc.dropped)} testId={t('dropped')} title="Rejected: queue full" />
            <Stat label="Timed out" value={formatInt(svc.timedOut)} testId={t('timed-out')} />
            <Stat label="In system" value={formatInt(svc.inSystem)} testId={t('in-system')} title={`${formatInt(svc.queued)} queued`} />
            <Stat label="Utilization" value={formatPercent(svc.utilization)} testId={t('utilization')} />
          </dl>
          <dl className="stats latency" aria-label="Latency in milliseconds">
            <Stat label="mean ms" value={formatMs(svc.latency.mean)} testId={t('mean')} />
            <Stat label="p50 ms" value={formatMs(svc.latency.p50)} testId={t('p50')} />
            <Stat label="p95 ms" value={formatMs(svc.latency.p95)} testId={t('p95')} />
            <Stat label="p99 ms" value={formatMs(svc.latency.p99)} testId={t('p99')} />
          </dl>
        </>
      ) : (
        <p className="muted">No numbers yet.</p>
      )}
      <ServiceChart id={id} />
    </section>
  );
});
