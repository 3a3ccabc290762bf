import { memo, useCallback } from 'react';
import { Background, Controls, ReactFlow, type NodeChange, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { NODE_TYPES } from './nodes';
import { EDGE_TYPES } from './FlowEdge';
import { applyTopologyChanges, useTopology, type TopologyNode, type TopologyState } from './topologyStore';
import { READ_ONLY_FLOW } from '../flow/readOnlyFlow';
import { bareId, useFlowAriaLabels, useLabelledEdges, type EdgeAriaT } from '../flow/ariaLabels';
import { isTopologyConnectionValid, onTopologyConnect, onTopologyConnectEnd, onTopologyContextMenu, TopologyMenu } from '../editor/topologyEditing';
import { selectElement } from '../editor/editStore';
import { inspectServerless } from '../serverless/ServerlessInspector';
import { useT } from '../i18n/messages';
import { topologyMessages as m } from './messages';

// Props as module constants: the same objects on every render.
const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1.25 };

const onNodesChange = (changes: NodeChange<TopologyNode>[]): void => applyTopologyChanges(changes);

/** An edge's screen-reader label: a workload's traffic, a call, or a serverless trigger. */
function edgeLabel(t: EdgeAriaT, e: TopologyState['edges'][number]): string | undefined {
  const d = e.data;
  if (!d) return undefined;
  if ('edge' in d) return t('edgeTrigger', { from: bareId(d.edge.from), to: bareId(d.edge.to) });
  return d.kind === 'workload' ? t('edgeWorkload', { workload: d.workload, target: d.target }) : t('edgeCall', { from: d.from, target: d.target });
}

/**
 * The scenario as a graph: workloads on the left, services by call depth, live traffic on the
 * edges. Nodes can be dragged (positions stay while the same topology is loaded); a click on a
 * service opens it in the inspector.
 */
export const TopologyView = memo(function TopologyView() {
  const nodes = useTopology((s) => s.nodes);
  const edges = useLabelledEdges(useTopology((s) => s.edges), edgeLabel);
  const signature = useTopology((s) => s.signature);
  const ready = useConsole((s) => s.scenario !== null);
  const t = useT(m);
  const aria = useFlowAriaLabels();
  const onNodeClick: NodeMouseHandler<TopologyNode> = useCallback((_event, node) => {
    if (node.type === 'service') {
      selectElement(null);
      void actions.selectService(node.data.service.id);
    } else if (node.type === 'workload') {
      selectElement({ kind: 'workload', id: node.data.workload.id });
    } else if (node.type === 'serverless') {
      selectElement(null);
      inspectServerless(node.data.node.key);
    }
  }, []);
  if (!ready) return <div className="topology card muted loading">{t('starting')}</div>;
  return (
    <div className="topology card" data-testid="topology" aria-label={t('topology')}>
      <ReactFlow<TopologyNode>
        // A new topology remounts the flow, so it fits the view to the new graph.
        key={signature}
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        {...READ_ONLY_FLOW}
        // The editor: drag from a node's right handle to a service to connect (an undoable scenario edit).
        nodesConnectable
        onConnect={onTopologyConnect}
        isValidConnection={isTopologyConnectionValid}
        onConnectEnd={onTopologyConnectEnd}
        onNodeContextMenu={onTopologyContextMenu}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        ariaLabelConfig={aria}
      >
        <Background gap={20} size={1} color="#e4e4e7" />
        <Controls showInteractive={false} position="bottom-right" />
      </ReactFlow>
      <TopologyLegend />
      <TopologyMenu />
    </div>
  );
});

const TopologyLegend = memo(function TopologyLegend() {
  const t = useT(m);
  return (
    <div className="topo-legend muted" aria-hidden="true">
      <span>
        <i className="swatch swatch-util" /> {t('legendUtilization')}
      </span>
      <span>
        <i className="swatch swatch-out" /> {t('legendOut')}
      </span>
      <span>
        <i className="swatch swatch-down" /> {t('legendDown')}
      </span>
      <span>
        <i className="swatch swatch-starting" /> {t('legendStarting')}
      </span>
      <span>
        <i className="swatch swatch-draining" /> {t('legendDraining')}
      </span>
      <span>{t('legendEdges')}</span>
    </div>
  );
});
