import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { formatInt, formatMs, formatPercent } from '../format';
import { policyLabel } from '../inspector/policies';
import { ServiceChart } from '../lazy';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { shellMessages as m } from './messages';
import { HiddenNotice } from '../iam/HiddenNotice';

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
  const tr = useT(m);
  const lang = useLang();
  const t = (field: string) => `service-${id}-${field}`;
  return (
    <section className={`panel${selected ? ' panel-selected' : ''}`} data-testid={`service-${id}`} aria-label={tr('serviceAria', { id })}>
      <header className="panel-head">
        <h2>
          <button type="button" className="linkish" onClick={onInspect} data-testid={t('inspect')} title={tr('inspectTitle')} aria-pressed={selected}>
            {id}
          </button>
        </h2>
        {svc && !svc.hidden && (
          <span className="muted num">
            {svc.autoscaler ? tr('replicasReady', { ready: formatInt(svc.ready), n: formatInt(svc.replicas) }) : tr('replicas', { n: formatInt(svc.replicas) })} ·{' '}
            {shared ? tr('sharedQueue') : policyLabel(svc.policy, lang)}
          </span>
        )}
      </header>
      {svc?.hidden ? (
        <HiddenNotice denial={svc.hidden} testId={t('hidden')} />
      ) : svc ? (
        <>
          <dl className="stats">
            <Stat label={tr('arrivals')} value={formatInt(svc.arrivals)} testId={t('arrivals')} />
            <Stat label={tr('completed')} value={formatInt(svc.completed)} testId={t('completed')} />
            <Stat label={tr('dropped')} value={formatInt(svc.dropped)} testId={t('dropped')} title={tr('droppedTitle')} />
            <Stat label={tr('timedOut')} value={formatInt(svc.timedOut)} testId={t('timed-out')} />
            <Stat label={tr('inSystem')} value={formatInt(svc.inSystem)} testId={t('in-system')} title={tr('queued', { n: formatInt(svc.queued) })} />
            <Stat label={tr('utilization')} value={formatPercent(svc.utilization)} testId={t('utilization')} />
          </dl>
          <dl className="stats latency" aria-label={tr('latencyAria')}>
            <Stat label={tr('meanMs')} value={formatMs(svc.latency.mean)} testId={t('mean')} />
            <Stat label="p50 ms" value={formatMs(svc.latency.p50)} testId={t('p50')} />
            <Stat label="p95 ms" value={formatMs(svc.latency.p95)} testId={t('p95')} />
            <Stat label="p99 ms" value={formatMs(svc.latency.p99)} testId={t('p99')} />
          </dl>
        </>
      ) : (
        <p className="muted">{tr('noNumbers')}</p>
      )}
      {!svc?.hidden && <ServiceChart id={id} />}
    </section>
  );
});
