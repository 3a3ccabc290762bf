/* i18n-pending */
/**
 * Custom @xyflow/react nodes, declared once at module level and memoised. Their `data` holds only
 * the static description; live numbers come from the console store through narrow selectors, so
 * a tick re-renders a node's content without touching the node objects xyflow holds.
 */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useConsole } from '../store';
import { formatMs, formatPercent, formatRatePerSecond } from '../format';
import { policyLabel } from '../inspector/policies';
import { ReplicaCells } from './ReplicaCells';
import type { ServiceNodeType, WorkloadNodeType } from './topologyStore';
import { ServerlessNode } from '../serverless/nodes';

const ARRIVAL_LABELS: Readonly<Record<string, string>> = {
  poisson: 'Poisson',
  piecewise: 'rate curve',
  diurnal: 'diurnal',
  spike: 'flash crowd',
  mmpp: 'bursty (MMPP)',
  trace: 'trace replay',
};

export const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceNodeType>) {
  const spec = data.service;
  const id = spec.id;
  const svc = useConsole((s) => s.services[id]);
  const flow = useConsole((s) => s.flows?.services[id]);
  const selected = useConsole((s) => s.selectedService === id);
  const policy = svc?.policy ?? spec.policy;
  const switched = policy !== spec.policy;
  const failure = flow?.failureFraction ?? 0;
  return (
    <div className={`tnode tnode-service${selected ? ' is-selected' : ''}`} data-testid={`topo-service-${id}`} aria-label={`Service ${id}`}>
      <Handle type="target" position={Position.Left} isConnectable />
      <div className="tnode-head">
        <span className="tnode-title">{id}</span>
        <span className={`chip${switched ? ' chip-switched' : ''}`} data-testid={`topo-service-${id}-policy`} title={spec.queue === 'shared' ? 'Shared queue: the next free replica takes the next request' : 'Load balancer policy'}>
          {spec.queue === 'shared' ? 'shared queue' : policyLabel(policy)}
        </span>
      </div>
      <div className="tnode-sub muted">
        {svc?.autoscaler ? (
          <span
            className="tnode-replicas"
            data-testid={`topo-service-${id}-replicas`}
            data-ready={svc.ready}
            data-desired={svc.replicas}
            title="Ready (serving) / the count the autoscaler set (ready + starting)"
          >
            <strong className="num">
              {svc.ready}/{svc.replicas}
            </strong>{' '}
            ready
            {svc.starting > 0 ? ` · ${svc.starting} starting` : ''}
            {svc.draining > 0 ? ` · ${svc.draining} draining` : ''}
          </span>
        ) : (
          <span className="tnode-replicas" data-testid={`topo-service-${id}-replicas`} data-ready={svc?.up ?? spec.replicas} data-desired={svc?.replicas ?? spec.replicas}>
            {svc ? `${svc.up}/${svc.replicas} up` : `${spec.replicas} replicas`}
            {svc && svc.inRotation < svc.up ? ` · ${svc.inRotation} in rotation` : ''}
          </span>
        )}
        {spec.zone ? ` · ${spec.zone}` : ''}
      </div>
      {svc && <ReplicaCells view={svc.replicaView} />}
      <div className="tnode-stats num">
        <span title="Completed requests per second (last interval)">{formatRatePerSecond(flow?.throughput ?? 0)}</span>
        <span title="p99 latency of the last interval, ms">p99 {formatMs(flow?.p99)}</span>
        <span className={failure > 0.001 ? 'bad' : undefined} title="Errors, drops and timeouts over arrivals, last interval">
          ✕ {formatPercent(failure)}
        </span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable />
    </div>
  );
});

export const WorkloadNode = memo(function WorkloadNode({ data }: NodeProps<WorkloadNodeType>) {
  const w = data.workload;
  const rate = useConsole((s) => s.flows?.workloads[w.id] ?? 0);
  const where = w.fromLabel ? `from ${w.fromLabel}` : `next to ${w.target}`;
  const arrival = w.trace
    ? `trace · ${w.trace.values.toLocaleString('en-US')} ${w.trace.format === 'per-minute' ? 'min' : 'arrivals'}`
    : (ARRIVAL_LABELS[w.arrival] ?? w.arrival);
  return (
    <div className="tnode tnode-workload" data-testid={`topo-workload-${w.id}`} aria-label={`Workload ${w.id}`}>
      <div className="tnode-head">
        <span className="tnode-title" title={w.id}>
          {w.name ?? w.id}
        </span>
      </div>
      <div className="tnode-sub muted">
        <span className={`chip${w.trace ? ' chip-trace' : ''}`} data-testid={`topo-workload-${w.id}-arrival`}>
          {arrival}
        </span>{' '}
        clients {where}
      </div>
      <div className="tnode-rate num" data-testid={`topo-workload-${w.id}-rate`}>
        {formatRatePerSecond(rate)}
      </div>
      <Handle type="source" position={Position.Right} isConnectable />
    </div>
  );
});

/** Stable for the lifetime of the page (xyflow warns when nodeTypes change). */
export const NODE_TYPES = { service: ServiceNode, workload: WorkloadNode, serverless: ServerlessNode };
