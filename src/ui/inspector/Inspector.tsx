/* i18n-pending */
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
  const p99 = useSlo ? sloP99 : intervalP99;
  const windowLabel = useSlo ? `last ${formatSpan(spec.slo?.window ?? 0)} objective window` : `last ${formatSpan(interval)} interval`;
  return (
    <section className="insp-section insp-now" aria-label="Now">
      <div className="bigstat" title={`p99 latency over the ${windowLabel}`}>
        <span className="bigstat-label">p99 ms · {windowLabel}</span>
        <span className="bigstat-value num" data-testid="inspector-p99">
          {formatMs(p99)}
        </span>
      </div>
      <dl className="minis num">
        <div>
          <dt>p95 · interval</dt>
          <dd>{formatMs(intervalP95)}</dd>
        </div>
        <div>
          <dt>throughput</dt>
          <dd>{formatRatePerSecond(throughput)}</dd>
        </div>
        <div>
          <dt>failing</dt>
          <dd className={failure > 0.001 ? 'bad' : undefined}>{formatPercent(failure)}</dd>
        </div>
      </dl>
    </section>
  );
});

const Replicas = memo(function Replicas({ id }: { id: string }) {
  const svc = useConsole((s) => s.services[id]);
  if (!svc) return null;
  return (
    <section className="insp-section" aria-label="Replicas">
      <h3>
        Replicas{' '}
        <span className="muted num" data-testid="inspector-replicas">
          {formatInt(svc.up)} up · {formatInt(svc.inRotation)} in rotation · of {formatInt(svc.replicas)}
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
  if (element && element.kind !== 'service') return <ElementInspector refTo={element} />;
  if (id === null || !spec) {
    return (
      <aside className="inspector card inspector-empty muted" aria-label="Inspector">
        Click a service in the topology (or its panel) to inspect its load balancer, replicas and objectives.
      </aside>
    );
  }
  return (
    <aside className="inspector card" data-testid="inspector" aria-label={`Inspector: ${id}`}>
      <header className="insp-head">
        <h2>
          <span className="muted">service</span> <span data-testid="inspector-service">{id}</span>
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close the inspector" data-testid="inspector-close">
          ×
        </button>
      </header>
      <WindowLatency spec={spec} />
      <BalancerControl spec={spec} />
      <AutoscalerSummary id={id} />
      {spec.slo && <SloPanel id={id} objectives={spec.slo} />}
      <Replicas id={id} />
      <ServiceEditor id={id} />
    </aside>
  );
});
