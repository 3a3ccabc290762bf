/**
 * A simple layered layout of the call graph: workloads in column 0, each service in the column of
 * its call depth (1 + the deepest caller; services hit only by workloads are in column 1). Within a
 * column nodes are ordered by the mean position of their predecessors (barycentre), which keeps
 * most edges from crossing, and each column is centred vertically. Pure: positions only.
 */

export interface LayoutService {
  id: string;
  replicas: number;
  calls: ReadonlyArray<{ service: string }>;
}

export interface LayoutWorkload {
  id: string;
  target: string;
}

export interface LayoutInput {
  services: ReadonlyArray<LayoutService>;
  workloads: ReadonlyArray<LayoutWorkload>;
}

export interface Box {
  /** Node id: "svc:<id>" or "wl:<id>" (a workload and a service may share an id). */
  id: string;
  kind: 'service' | 'workload';
  /** The service's or workload's own id. */
  ref: string;
  column: number;
  /** Top-left corner, as @xyflow/react positions nodes. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export const serviceNodeId = (id: string): string => `svc:${id}`;
export const workloadNodeId = (id: string): string => `wl:${id}`;

/** Replicas drawn one cell each up to this many; beyond, a heat strip. */
export const MAX_REPLICA_CELLS_DRAWN = 64;
export const CELLS_PER_ROW = 16;
export const SERVICE_WIDTH = 236;
export const WORKLOAD_WIDTH = 176;
const WORKLOAD_HEIGHT = 80;
const COLUMN_GAP = 110;
const ROW_GAP = 28;

/** Estimated size of a service node (the node itself lays out the same cells). */
export function serviceNodeSize(replicas: number): { width: number; height: number } {
  const body = replicas <= MAX_REPLICA_CELLS_DRAWN ? Math.ceil(replicas / CELLS_PER_ROW) * 13 : 16;
  return { width: SERVICE_WIDTH, height: 88 + body };
}

/** Call depth of every service: 1 + the deepest caller (1 without callers). Cycles (invalid) are cut. */
export function callDepths(services: ReadonlyArray<LayoutService>): Map<string, number> {
  const ids = new Set(services.map((s) => s.id));
  const callers = new Map<string, string[]>();
  for (const s of services) callers.set(s.id, []);
  for (const s of services) for (const c of s.calls) if (ids.has(c.service) && c.service !== s.id) callers.get(c.service)!.push(s.id);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a loop: validation forbids it; do not recurse forever
    visiting.add(id);
    let d = 1;
    for (const c of callers.get(id) ?? []) d = Math.max(d, visit(c) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const s of services) visit(s.id);
  return depth;
}

export function layeredLayout(input: LayoutInput): Box[] {
  const depth = callDepths(input.services);
  const order = new Map(input.services.map((s, i) => [s.id, i]));
  const maxDepth = Math.max(1, ...depth.values());

  // Columns of services, each in scenario order to begin with.
  const columns: LayoutService[][] = Array.from({ length: maxDepth + 1 }, () => []);
  for (const s of input.services) columns[depth.get(s.id) ?? 1]!.push(s);

  // Predecessors of each service node: its callers, and the workloads that target it.
  const preds = new Map<string, string[]>();
  for (const s of input.services) preds.set(serviceNodeId(s.id), []);
  for (const s of input.services) for (const c of s.calls) preds.get(serviceNodeId(c.service))?.push(serviceNodeId(s.id));
  for (const w of input.workloads) preds.get(serviceNodeId(w.target))?.push(workloadNodeId(w.id));

  const rank = new Map<string, number>();
  const boxes: Box[] = [];

  // Column 1 keeps scenario order; workloads follow their targets; deeper columns their callers.
  const placeServices = (col: LayoutService[], c: number): void => {
    const keyed = col.map((s) => {
      const ps = (preds.get(serviceNodeId(s.id)) ?? []).map((p) => rank.get(p)).filter((r): r is number => r !== undefined);
      const bary = c <= 1 || ps.length === 0 ? (order.get(s.id) ?? 0) : ps.reduce((a, b) => a + b, 0) / ps.length;
      return { s, bary };
    });
    keyed.sort((a, b) => a.bary - b.bary || (order.get(a.s.id) ?? 0) - (order.get(b.s.id) ?? 0));
    keyed.forEach(({ s }, i) => {
      rank.set(serviceNodeId(s.id), i);
      const size = serviceNodeSize(s.replicas);
      boxes.push({ id: serviceNodeId(s.id), kind: 'service', ref: s.id, column: c, x: 0, y: 0, ...size });
    });
  };
  placeServices(columns[1]!, 1);
  const wl = input.workloads.map((w, i) => ({ w, bary: rank.get(serviceNodeId(w.target)) ?? Number.MAX_SAFE_INTEGER, i }));
  wl.sort((a, b) => a.bary - b.bary || a.i - b.i);
  wl.forEach(({ w }, i) => {
    rank.set(workloadNodeId(w.id), i);
    boxes.push({ id: workloadNodeId(w.id), kind: 'workload', ref: w.id, column: 0, x: 0, y: 0, width: WORKLOAD_WIDTH, height: WORKLOAD_HEIGHT });
  });
  for (let c = 2; c <= maxDepth; c++) placeServices(columns[c]!, c);

  // x by column (each column as wide as its widest node), y stacked and centred.
  const byColumn = new Map<number, Box[]>();
  for (const b of boxes) {
    const list = byColumn.get(b.column) ?? [];
    list.push(b);
    byColumn.set(b.column, list);
  }
  const heights = new Map<number, number>();
  for (const [c, list] of byColumn) heights.set(c, list.reduce((h, b) => h + b.height, 0) + ROW_GAP * Math.max(0, list.length - 1));
  const tallest = Math.max(0, ...heights.values());
  let x = 0;
  const used = [...byColumn.keys()].sort((a, b) => a - b);
  for (const c of used) {
    const list = byColumn.get(c)!;
    const width = Math.max(...list.map((b) => b.width));
    let y = (tallest - heights.get(c)!) / 2;
    for (const b of list) {
      b.x = x + (width - b.width) / 2;
      b.y = y;
      y += b.height + ROW_GAP;
    }
    x += width + COLUMN_GAP;
  }
  return boxes;
}

/** Identifies a topology: the same signature keeps the node positions (a reset, a trace import). */
export function topologySignature(input: LayoutInput): string {
  return JSON.stringify([
    input.services.map((s) => [s.id, s.replicas, s.calls.map((c) => c.service)]),
    input.workloads.map((w) => [w.id, w.target]),
  ]);
}
