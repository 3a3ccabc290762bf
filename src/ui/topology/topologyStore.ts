/**
 * The topology's nodes and edges for @xyflow/react, kept apart from the live numbers: node and edge
 * objects change only when the scenario's shape changes or the user drags a node, never on a tick
 * (the node and edge components read their live figures from the console store themselves).
 * Positions survive a reset and any reload of the same topology (a trace import, say).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { applyNodeChanges, type Edge, type Node, type NodeChange } from '@xyflow/react';
import type { TopologyInfo, TopologyService, TopologyWorkload } from '../../workers/sim.worker';
import { layeredLayout, serviceNodeId, topologySignature, workloadNodeId } from './layout';
import type { ServerlessInfo } from '../../workers/serverless-types';
import { serverlessGraph, serverlessSignature, type ServerlessNodeType, type TriggerEdgeType } from '../serverless/graph';

export type ServiceNodeData = { service: TopologyService };
export type WorkloadNodeData = { workload: TopologyWorkload };
export type ServiceNodeType = Node<ServiceNodeData, 'service'>;
export type WorkloadNodeType = Node<WorkloadNodeData, 'workload'>;
export type TopologyNode = ServiceNodeType | WorkloadNodeType | ServerlessNodeType;

export type FlowEdgeData =
  | { kind: 'workload'; workload: string; target: string }
  | { kind: 'call'; from: string; target: string; probability: number };
export type FlowEdgeType = Edge<FlowEdgeData, 'flow'>;

export interface TopologyState {
  signature: string;
  nodes: TopologyNode[];
  edges: Array<FlowEdgeType | TriggerEdgeType>;
}

export const topologyStore = createStore<TopologyState>()(() => ({ signature: '', nodes: [], edges: [] }));

export function useTopology<T>(selector: (s: TopologyState) => T): T {
  return useStore(topologyStore, selector);
}

export const workloadEdgeId = (workload: string): string => `wl:${workload}`;
export const callEdgeId = (from: string, to: string): string => `call:${from}:${to}`;

function nodeData(info: TopologyInfo): Map<string, ServiceNodeData | WorkloadNodeData> {
  const out = new Map<string, ServiceNodeData | WorkloadNodeData>();
  for (const s of info.services) out.set(serviceNodeId(s.id), { service: s });
  for (const w of info.workloads) out.set(workloadNodeId(w.id), { workload: w });
  return out;
}

function buildEdges(info: TopologyInfo): FlowEdgeType[] {
  const edges: FlowEdgeType[] = [];
  for (const w of info.workloads) {
    edges.push({
      id: workloadEdgeId(w.id),
      type: 'flow',
      source: workloadNodeId(w.id),
      target: serviceNodeId(w.target),
      data: { kind: 'workload', workload: w.id, target: w.target },
      selectable: false,
    });
  }
  for (const s of info.services) {
    for (const c of s.calls) {
      edges.push({
        id: callEdgeId(s.id, c.service),
        type: 'flow',
        source: serviceNodeId(s.id),
        target: serviceNodeId(c.service),
        data: { kind: 'call', from: s.id, target: c.service, probability: c.probability },
        selectable: false,
      });
    }
  }
  return edges;
}

/**
 * Brings the nodes in line with a newly loaded scenario. The same topology keeps every node
 * object whose data did not change (and all positions); another one is laid out afresh.
 */
export function syncTopology(info: TopologyInfo, serverless: ServerlessInfo | null = null): void {
  const signature = topologySignature(info) + serverlessSignature(serverless);
  const state = topologyStore.getState();
  const data = nodeData(info);
  if (signature === state.signature) {
    let changed = false;
    const nodes = state.nodes.map((n) => {
      const d = data.get(n.id);
      if (!d || JSON.stringify(d) === JSON.stringify(n.data)) return n;
      changed = true;
      return { ...n, data: d } as TopologyNode;
    });
    const edges = [...buildEdges(info), ...(serverless ? serverlessGraph(serverless, 0).edges : [])];
    const sameEdges = JSON.stringify(edges) === JSON.stringify(state.edges);
    if (changed || !sameEdges) topologyStore.setState({ nodes, edges: sameEdges ? state.edges : edges });
    return;
  }
  const boxes = layeredLayout(info);
  const nodes = boxes.map((b): TopologyNode => {
    const d = data.get(b.id)!;
    return b.kind === 'service'
      ? { id: b.id, type: 'service', position: { x: b.x, y: b.y }, data: d as ServiceNodeData, selectable: false }
      : { id: b.id, type: 'workload', position: { x: b.x, y: b.y }, data: d as WorkloadNodeData, selectable: false };
  });
  const edges: TopologyState['edges'] = buildEdges(info);
  if (serverless) {
    // Serverless boxes in a band below the services.
    const bottom = boxes.reduce((m, b) => Math.max(m, b.y + b.height), 0);
    const g = serverlessGraph(serverless, boxes.length > 0 ? bottom + 60 : 0);
    nodes.push(...g.nodes);
    edges.push(...g.edges);
  }
  topologyStore.setState({ signature, nodes, edges });
}

/** Drags and measurements from @xyflow/react: only the nodes concerned get new objects. */
export function applyTopologyChanges(changes: NodeChange<TopologyNode>[]): void {
  const state = topologyStore.getState();
  topologyStore.setState({ nodes: applyNodeChanges(changes, state.nodes) });
}
