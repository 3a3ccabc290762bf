/**
 * The serverless boxes and trigger edges for the topology view: a layered layout (each box in the
 * column of its longest chain of triggers from a source: clients, timers, buckets and tables first),
 * placed in a band below the services. Pure: positions and xyflow objects only.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ServerlessInfo, ServerlessNodeInfo, TriggerEdgeInfo } from '../../workers/serverless-types';

export type ServerlessNodeData = { node: ServerlessNodeInfo };
export type ServerlessNodeType = Node<ServerlessNodeData, 'serverless'>;
export type TriggerEdgeData = { edge: TriggerEdgeInfo };
export type TriggerEdgeType = Edge<TriggerEdgeData, 'trigger'>;

export const FUNCTION_SIZE = { width: 206, height: 96 };
export const BOX_SIZE = { width: 176, height: 70 };
const COLUMN_GAP = 90;
const ROW_GAP = 22;

export const slsNodeId = (key: string): string => `sls:${key}`;

export function boxSize(kind: ServerlessNodeInfo['kind']): { width: number; height: number } {
  return kind === 'function' ? FUNCTION_SIZE : kind === 'queue' ? { width: 186, height: 86 } : BOX_SIZE;
}

/**
 * Column of every node: 0 for nodes nothing triggers, else 1 + the deepest predecessor. Cycles (a
 * function invoking an earlier one) are cut first: a depth-first walk from the sources drops the
 * edges that lead back onto its own path, so the rest is a DAG and its longest paths are well defined.
 */
export function triggerDepths(info: Pick<ServerlessInfo, 'nodes' | 'edges'>): Map<string, number> {
  const succ = new Map<string, string[]>();
  const indegree = new Map<string, number>();
  for (const n of info.nodes) {
    succ.set(n.key, []);
    indegree.set(n.key, 0);
  }
  const flow = info.edges.filter((e) => e.from !== e.to && e.kind !== 'dead-letter' && succ.has(e.from) && succ.has(e.to));
  for (const e of flow) {
    succ.get(e.from)!.push(e.to);
    indegree.set(e.to, indegree.get(e.to)! + 1);
  }
  // Back edges: found walking from the sources first, then from anything left (a pure cycle).
  const back = new Set<string>();
  const state = new Map<string, 1 | 2>();
  const walk = (key: string): void => {
    state.set(key, 1);
    for (const next of succ.get(key)!) {
      const st = state.get(next);
      if (st === 1) back.add(`${key}>${next}`);
      else if (st === undefined) walk(next);
    }
    state.set(key, 2);
  };
  for (const n of info.nodes) if (indegree.get(n.key) === 0 && !state.has(n.key)) walk(n.key);
  for (const n of info.nodes) if (!state.has(n.key)) walk(n.key);
  const preds = new Map<string, string[]>();
  for (const n of info.nodes) preds.set(n.key, []);
  for (const e of flow) if (!back.has(`${e.from}>${e.to}`)) preds.get(e.to)!.push(e.from);
  const depth = new Map<string, number>();
  const visit = (key: string): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    let d = 0;
    for (const p of preds.get(key) ?? []) d = Math.max(d, visit(p) + 1);
    depth.set(key, d);
    return d;
  };
  for (const n of info.nodes) visit(n.key);
  // A dead-letter queue sits right of the queue feeding it.
  for (const e of info.edges) if (e.kind === 'dead-letter' && depth.has(e.to)) depth.set(e.to, Math.max(depth.get(e.to) ?? 0, (depth.get(e.from) ?? 0) + 1));
  return depth;
}

/** Nodes laid out in columns, starting at `top` (below the services), and the edges. */
export function serverlessGraph(info: ServerlessInfo, top: number): { nodes: ServerlessNodeType[]; edges: TriggerEdgeType[] } {
  const depth = triggerDepths(info);
  const columns = new Map<number, ServerlessNodeInfo[]>();
  for (const n of info.nodes) {
    const c = depth.get(n.key) ?? 0;
    const list = columns.get(c) ?? [];
    list.push(n);
    columns.set(c, list);
  }
  const used = [...columns.keys()].sort((a, b) => a - b);
  const heights = used.map((c) => columns.get(c)!.reduce((h, n) => h + boxSize(n.kind).height, 0) + ROW_GAP * Math.max(0, columns.get(c)!.length - 1));
  const tallest = Math.max(0, ...heights);
  const nodes: ServerlessNodeType[] = [];
  let x = 0;
  used.forEach((c, i) => {
    const list = columns.get(c)!;
    const width = Math.max(...list.map((n) => boxSize(n.kind).width));
    let y = top + (tallest - heights[i]!) / 2;
    for (const n of list) {
      const size = boxSize(n.kind);
      nodes.push({ id: slsNodeId(n.key), type: 'serverless', position: { x: x + (width - size.width) / 2, y }, data: { node: n }, connectable: false, selectable: false });
      y += size.height + ROW_GAP;
    }
    x += width + COLUMN_GAP;
  });
  const edges: TriggerEdgeType[] = info.edges.map((e) => ({
    id: `sls-edge:${e.id}`,
    type: 'trigger',
    source: slsNodeId(e.from),
    target: slsNodeId(e.to),
    data: { edge: e },
    selectable: false,
  }));
  return { nodes, edges };
}

/** What identifies the serverless shape (the same keeps node positions across a reset). */
export function serverlessSignature(info: ServerlessInfo | null): string {
  if (!info) return '';
  return JSON.stringify([info.nodes.map((n) => n.key), info.edges.map((e) => e.id)]);
}
