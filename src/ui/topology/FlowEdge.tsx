import { memo } from 'react';
import { EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useConsole, type ConsoleState } from '../store';
import { failureColor } from '../colors';
import { formatRatePerSecond, formatPercent } from '../format';
import { edgeWidth, flowDuration } from './edgeStyle';
import type { FlowEdgeData, FlowEdgeType } from './topologyStore';
import { TriggerEdge } from '../serverless/nodes';
import { useT } from '../i18n/messages';
import { topologyMessages as m } from './messages';

function rateOf(s: ConsoleState, d: FlowEdgeData | undefined): number {
  if (!d || !s.flows) return 0;
  return d.kind === 'workload' ? (s.flows.workloads[d.workload] ?? 0) : (s.flows.calls[d.from]?.[d.target] ?? 0);
}

/**
 * Traffic on one edge: width ∝ log(rate), colour from slate to red with the target's failure
 * fraction, dashes flowing toward the target while the simulation plays.
 */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps<FlowEdgeType>) {
  const { id, data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const rate = useConsole((s) => rateOf(s, data));
  const failure = useConsole((s) => (data ? (s.flows?.services[data.target]?.failureFraction ?? 0) : 0));
  const playing = useConsole((s) => s.status?.playing ?? false);
  const t = useT(m);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const width = edgeWidth(rate);
  const color = failureColor(failure);
  const testId = data?.kind === 'call' ? `edge-call-${data.from}-${data.target}` : `edge-workload-${data?.workload ?? id}`;
  const flowing = playing && rate > 0;
  return (
    <>
      <path
        d={path}
        className={`flow-edge${rate > 0 ? '' : ' flow-edge-idle'}`}
        style={{ stroke: color, strokeWidth: width }}
        fill="none"
        data-testid={testId}
        data-rate={rate.toFixed(2)}
        data-width={width.toFixed(2)}
        data-failure={failure.toFixed(4)}
      />
      {flowing && (
        <path
          d={path}
          className="flow-edge-dash"
          style={{ strokeWidth: Math.max(1, width * 0.4), animationDuration: `${flowDuration(rate)}s` }}
          fill="none"
          aria-hidden="true"
        />
      )}
      <EdgeLabelRenderer>
        <div
          className={`edge-label num${failure > 0.001 ? ' edge-label-bad' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`${testId}-label`}
          title={failure > 0 ? t('edgeFailed', { pct: formatPercent(failure), target: data?.target ?? t('theTarget') }) : undefined}
        >
          {formatRatePerSecond(rate)}
          {/* i18n-ignore: a call probability, p=0.3 */}
          {data?.kind === 'call' && data.probability < 1 ? ` · p=${data.probability}` : ''}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

export const EDGE_TYPES = { flow: FlowEdge, trigger: TriggerEdge };
