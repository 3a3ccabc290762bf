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
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { topologyMessages as m } from './messages';
import { iamMessages } from '../iam/messages';
import '../iam/iam.css';

/** Catalog keys of the arrival processes' names. */
const ARRIVAL_LABELS: Readonly<Record<string, keyof typeof m.en>> = {
  poisson: 'arrivalPoisson',
  piecewise: 'arrivalPiecewise',
  diurnal: 'arrivalDiurnal',
  spike: 'arrivalSpike',
  mmpp: 'arrivalMmpp',
  trace: 'arrivalTrace',
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
  const t = useT(m);
  const ti = useT(iamMessages);
  const lang = useLang();
  return (
    <div className={`tnode tnode-service${selected ? ' is-selected' : ''}`} data-testid={`topo-service-${id}`} aria-label={t('serviceAria', { id })}>
      <Handle type="target" position={Position.Left} isConnectable />
      <div className="tnode-head">
        <span className="tnode-title">{id}</span>
        <span className={`chip${switched ? ' chip-switched' : ''}`} data-testid={`topo-service-${id}-policy`} title={spec.queue === 'shared' ? t('sharedQueueTitle') : t('policyTitle')}>
          {spec.queue === 'shared' ? t('sharedQueue') : policyLabel(policy, lang)}
        </span>
      </div>
      {svc?.hidden ? (
        <div className="tnode-sub muted">
          <span
            className="chip chip-hidden"
            data-testid={`topo-service-${id}-hidden`}
            title={ti('hiddenChipTitle', { principal: svc.hidden.principal, action: svc.hidden.action, resource: svc.hidden.resource })}
          >
            {ti('hiddenChip')}
          </span>
          {spec.zone ? ` · ${spec.zone}` : ''}
        </div>
      ) : (
      <>
      <div className="tnode-sub muted">
        {svc?.autoscaler ? (
          <span
            className="tnode-replicas"
            data-testid={`topo-service-${id}-replicas`}
            data-ready={svc.ready}
            data-desired={svc.replicas}
            title={t('readyTitle')}
          >
            <strong className="num">
              {svc.ready}/{svc.replicas}
            </strong>{' '}
            {t('ready')}
            {svc.starting > 0 ? t('startingCount', { n: svc.starting }) : ''}
            {svc.draining > 0 ? t('drainingCount', { n: svc.draining }) : ''}
          </span>
        ) : (
          <span className="tnode-replicas" data-testid={`topo-service-${id}-replicas`} data-ready={svc?.up ?? spec.replicas} data-desired={svc?.replicas ?? spec.replicas}>
            {svc ? t('upOf', { up: svc.up, n: svc.replicas }) : t('replicas', { n: spec.replicas })}
            {svc && svc.inRotation < svc.up ? t('inRotation', { n: svc.inRotation }) : ''}
          </span>
        )}
        {spec.zone ? ` · ${spec.zone}` : ''}
      </div>
      {svc && <ReplicaCells view={svc.replicaView} />}
      <div className="tnode-stats num">
        <span title={t('throughputTitle')}>{formatRatePerSecond(flow?.throughput ?? 0)}</span>
        <span title={t('p99Title')}>p99 {formatMs(flow?.p99)}</span>
        <span className={failure > 0.001 ? 'bad' : undefined} title={t('failureTitle')}>
          ✕ {formatPercent(failure)}
        </span>
      </div>
      </>
      )}
      <Handle type="source" position={Position.Right} isConnectable />
    </div>
  );
});

export const WorkloadNode = memo(function WorkloadNode({ data }: NodeProps<WorkloadNodeType>) {
  const w = data.workload;
  const rate = useConsole((s) => s.flows?.workloads[w.id] ?? 0);
  const t = useT(m);
  const clients = w.fromLabel ? t('clientsFrom', { label: w.fromLabel }) : t('clientsNear', { target: w.target });
  const arrivalKey = ARRIVAL_LABELS[w.arrival];
  const arrival = w.trace
    ? t(w.trace.format === 'per-minute' ? 'traceMinutes' : 'traceArrivals', { n: w.trace.values.toLocaleString('en-US') })
    : arrivalKey
      ? t(arrivalKey)
      : w.arrival;
  return (
    <div className="tnode tnode-workload" data-testid={`topo-workload-${w.id}`} aria-label={t('workloadAria', { id: w.id })}>
      <div className="tnode-head">
        <span className="tnode-title" title={w.id}>
          {w.name ?? w.id}
        </span>
      </div>
      <div className="tnode-sub muted">
        <span className={`chip${w.trace ? ' chip-trace' : ''}`} data-testid={`topo-workload-${w.id}-arrival`}>
          {arrival}
        </span>{' '}
        {clients}
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
