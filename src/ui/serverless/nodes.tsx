/**
 * Serverless boxes on the topology (functions, gateways, queues, topics, timers, buckets, tables,
 * HTTP clients) and their trigger edges. Declared once at module level and memoised; live numbers
 * come from the serverless store through narrow selectors.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, Handle, Position, getBezierPath, type EdgeProps, type NodeProps } from '@xyflow/react';
import { formatInt, formatPercent } from '../format';
import { useServerless } from './serverlessStore';
import type { ServerlessNodeType, TriggerEdgeType } from './graph';
import { useT } from '../i18n/messages';
import { serverlessMessages } from './messages';
import { iamMessages } from '../iam/messages';
import '../iam/iam.css';
import { nodeKindName, serverlessText } from './words';

const FunctionStats = memo(function FunctionStats({ id }: { id: string }) {
  const f = useServerless((s) => s.live?.functions.find((x) => x.id === id));
  const t = useT(serverlessMessages);
  const ti = useT(iamMessages);
  if (!f) return null;
  if (f.hidden) {
    return (
      <div className="tnode-stats">
        <span className="chip chip-hidden" data-testid={`topo-fn-${id}-hidden`} title={ti('hiddenChipTitle', { principal: f.hidden.principal, action: f.hidden.action, resource: f.hidden.resource })}>
          {ti('hiddenChip')}
        </span>
      </div>
    );
  }
  return (
    <div className="tnode-stats num">
      <span title={t('fnRunningTitle')} data-testid={`topo-fnstat-${id}-running`}>
        {t('fnRunning', { running: formatInt(f.running), envs: formatInt(f.environments) })}
      </span>
      <span title={t('fnColdTitle')} data-testid={`topo-fnstat-${id}-cold`} data-cold={f.coldStarts}>
        ❄ {formatPercent(f.coldStartRatio)}
      </span>
      <span className={f.throttled > 0 ? 'bad' : undefined} title={t('fnThrottledTitle')}>
        429 {formatInt(f.throttled)}
      </span>
    </div>
  );
});

const QueueStats = memo(function QueueStats({ id }: { id: string }) {
  const q = useServerless((s) => s.live?.queues.find((x) => x.id === id));
  const t = useT(serverlessMessages);
  if (!q) return null;
  return (
    <div className="tnode-stats num">
      <span title={t('qDepthTitle')} data-testid={`topo-qstat-${id}-depth`} data-depth={q.depth}>
        {t('qDepth', { depth: formatInt(q.depth), inFlight: formatInt(q.inFlight) })}
      </span>
      <span className={q.deadLettered > 0 ? 'bad' : undefined} title={t('qDlqTitle')} data-testid={`topo-qstat-${id}-dlq`} data-dlq={q.deadLettered}>
        {t('qDlq', { n: formatInt(q.deadLettered) })}
      </span>
    </div>
  );
});

const GatewayStats = memo(function GatewayStats({ id }: { id: string }) {
  const g = useServerless((s) => s.live?.gateways.find((x) => x.id === id));
  const t = useT(serverlessMessages);
  if (!g) return null;
  const throttled = g.rateLimited + g.functionThrottled;
  return (
    <div className="tnode-stats num">
      <span>{t('gwRequests', { n: formatInt(g.requests) })}</span>
      <span className={throttled > 0 ? 'bad' : undefined} title={t('gwThrottledTitle')}>
        429 {formatInt(throttled)}
      </span>
    </div>
  );
});

const TopicStats = memo(function TopicStats({ id }: { id: string }) {
  const topic = useServerless((s) => s.live?.topics.find((x) => x.id === id));
  const t = useT(serverlessMessages);
  if (!topic) return null;
  return (
    <div className="tnode-stats num">
      <span>{t('topicPublished', { n: formatInt(topic.published) })}</span>
      <span>{t('topicDelivered', { n: formatInt(topic.delivered) })}</span>
    </div>
  );
});

export const ServerlessNode = memo(function ServerlessNode({ data }: NodeProps<ServerlessNodeType>) {
  const n = data.node;
  const selected = useServerless((s) => s.selected === n.key);
  const t = useT(serverlessMessages);
  const kind = nodeKindName(t, n.kind);
  const detail = serverlessText(t, n.detailText, n.detail);
  return (
    <div
      className={`tnode tnode-sls tnode-sls-${n.kind}${selected ? ' is-selected' : ''}`}
      data-testid={`topo-${n.kind}-${n.id}`}
      data-kind={n.kind}
      aria-label={`${kind} ${n.id}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="tnode-head">
        <span className="tnode-title" title={n.id}>
          {n.id}
        </span>
        <span className="chip">{kind}</span>
      </div>
      <div className="tnode-sub muted" title={detail}>
        {detail}
      </div>
      {n.kind === 'function' && <FunctionStats id={n.id} />}
      {n.kind === 'queue' && <QueueStats id={n.id} />}
      {n.kind === 'gateway' && <GatewayStats id={n.id} />}
      {n.kind === 'topic' && <TopicStats id={n.id} />}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const EDGE_COLORS: Readonly<Record<string, string>> = {
  http: '#2563eb',
  workload: '#64748b',
  subscription: '#7c3aed',
  publish: '#7c3aed',
  queue: '#0f766e',
  send: '#0f766e',
  timer: '#a16207',
  bucket: '#ea580c',
  table: '#ea580c',
  invoke: '#2563eb',
  'dead-letter': '#dc2626',
};

/** A trigger between two boxes: its kind by colour (dashed for dead letters), its route or filter as the label. */
export const TriggerEdge = memo(function TriggerEdge(props: EdgeProps<TriggerEdgeType>) {
  const { id, data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const e = data?.edge;
  const color = EDGE_COLORS[e?.kind ?? ''] ?? '#64748b';
  const style = { stroke: color, strokeWidth: 1.6, ...(e?.kind === 'dead-letter' ? { strokeDasharray: '5 4' } : {}) };
  const t = useT(serverlessMessages);
  return (
    <>
      <BaseEdge id={id} path={path} style={style} />
      <EdgeLabelRenderer>
        <div
          className="edge-label edge-label-trigger"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, borderColor: color }}
          data-testid={`trigger-${e?.kind ?? 'edge'}-${e?.from ?? ''}-${e?.to ?? ''}`}
          data-kind={e?.kind}
        >
          {e ? serverlessText(t, e.labelText, e.label) : null}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
