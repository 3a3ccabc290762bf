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

/** Column of every node: 0 for nodes nothing triggers, else 1 + the deepest predecessor (cycles cut). */
export function triggerDepths(info: Pick<ServerlessInfo, 'nodes' | 'edges'>): Map<string, number> {
  const preds = new Map<string, string[]>();
  for (const n of info.nodes) preds.set(n.key, []);
  for (const e of info.edges) if (e.from !== e.to && e.kind !== 'dead-letter') preds.get(e.to)?.push(e.from);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (key: string): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0;
    visiting.add(key);
    let d = 0;
    for (const p of preds.get(key) ?? []) d = Math.max(d, visit(p) + 1);
    visiting.delete(key);
    depth.set(key, d);
    return d;
  };
  for (const n of info.nodes) visit(n.key);
  // A dead-letter queue sits right of the queue feeding it.
  for (const e of info.edges) if (e.kind === 'dead-letter') depth.set(e.to, Math.max(depth.get(e.to) ?? 0, (depth.get(e.from) ?? 0) + 1));
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
