import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { formatInt, formatMs, formatPercent, formatRatePerSecond, formatSpan } from '../format';
import type { TopologyService } from '../../workers/sim.worker';
import { BalancerControl } from './BalancerControl';
import { ReplicaBars } from './ReplicaBars';
import { SloPanel } from './SloPanel';
import { AutoscalerSummary } from './AutoscalerSummary';
import { useEditor } from '../editor/editStore';
import { ElementInspector, ServiceEditor } from '../editor/ElementEditor';
import { useT } from '../i18n/messages';
import { inspectorMessages as m } from './messages';
import { HiddenNotice } from '../iam/HiddenNotice';

/**
 * p99 over the current window: the service's last objective window when it has a p99 objective
 * (an exact percentile over that window, computed by the core), else the last metrics interval.
 */
const WindowLatency = memo(function WindowLatency({ spec }: { spec: TopologyService }) {
  const id = spec.id;
  const useSlo = spec.slo?.latency?.percentile === 0.99;
  const sloP99 = useConsole((s) => s.services[id]?.slo?.last?.latency ?? null);
  const intervalP99 = useConsole((s) => s.flows?.services[id]?.p99 ?? null);
  const intervalP95 = useConsole((s) => s.flows?.services[id]?.p95 ?? null);
  const throughput = useConsole((s) => s.flows?.services[id]?.throughput ?? 0);
  const failure = useConsole((s) => s.flows?.services[id]?.failureFraction ?? 0);
  const interval = useConsole((s) => s.scenario?.topology.metricsInterval ?? 1);
  const t = useT(m);
  const p99 = useSlo ? sloP99 : intervalP99;
  const windowLabel = useSlo ? t('sloWindow', { span: formatSpan(spec.slo?.window ?? 0) }) : t('interval', { span: formatSpan(interval) });
  return (
    <section className="insp-section insp-now" aria-label={t('now')}>
      <div className="bigstat" title={t('p99Title', { window: windowLabel })}>
        <span className="bigstat-label">p99 ms · {windowLabel}</span>
        <span className="bigstat-value num" data-testid="inspector-p99">
          {formatMs(p99)}
        </span>
      </div>
      <dl className="minis num">
        <div>
          <dt>{t('p95Interval')}</dt>
          <dd>{formatMs(intervalP95)}</dd>
        </div>
        <div>
          <dt>{t('throughput')}</dt>
          <dd>{formatRatePerSecond(throughput)}</dd>
        </div>
        <div>
          <dt>{t('failing')}</dt>
          <dd className={failure > 0.001 ? 'bad' : undefined}>{formatPercent(failure)}</dd>
        </div>
      </dl>
    </section>
  );
});

const Replicas = memo(function Replicas({ id }: { id: string }) {
  const svc = useConsole((s) => s.services[id]);
  const t = useT(m);
  if (!svc) return null;
  return (
    <section className="insp-section" aria-label={t('replicas')}>
      <h3>
        {t('replicas')}{' '}
        <span className="muted num" data-testid="inspector-replicas">
          {t('replicasSummary', { up: formatInt(svc.up), rotation: formatInt(svc.inRotation), total: formatInt(svc.replicas) })}
        </span>
      </h3>
      <ReplicaBars view={svc.replicaView} />
    </section>
  );
});

/** The selected service's load balancer, replicas and objectives. */
export const Inspector = memo(function Inspector() {
  const id = useConsole((s) => s.selectedService);
  const spec = useConsole((s) => (id === null ? undefined : s.scenario?.topology.services.find((x) => x.id === id)));
  const onClose = useCallback(() => void actions.selectService(null), []);
  // A workload, pool, region or zone picked for editing takes the inspector's place.
  const element = useEditor((s) => s.selection);
  // The acting principal may not read this service: its figures were left out (the worker says why).
  const hidden = useConsole((s) => (id === null ? undefined : s.services[id]?.hidden));
  const t = useT(m);
  if (element && element.kind !== 'service') return <ElementInspector refTo={element} />;
  if (id === null || !spec) {
    return (
      <aside className="inspector card inspector-empty muted" aria-label={t('inspector')}>
        {t('empty')}
      </aside>
    );
  }
  return (
    <aside className="inspector card" data-testid="inspector" aria-label={t('inspectorOf', { id })}>
      <header className="insp-head">
        <h2>
          <span className="muted">{t('service')}</span> <span data-testid="inspector-service">{id}</span>
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')} data-testid="inspector-close">
          ×
        </button>
      </header>
      {hidden ? (
        <HiddenNotice denial={hidden} testId="inspector-hidden" />
      ) : (
        <>
          <WindowLatency spec={spec} />
          <BalancerControl spec={spec} />
          <AutoscalerSummary id={id} />
          {spec.slo && <SloPanel id={id} objectives={spec.slo} />}
          <Replicas id={id} />
        </>
      )}
      <ServiceEditor id={id} />
    </aside>
  );
});
