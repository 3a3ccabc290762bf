/**
 * Automatic layout of the infrastructure's nested groups (regions → zones → pools → hosts) with
 * ELK's rectangle packing, level by level. `elkGraph` turns the same input as the grid layout
 * (infraLayout.ts) into an ELK graph: leaves have the grid's fixed sizes, groups the grid's
 * headers and paddings, so the group boxes stay drawable by the same nodes. `elkPositions` reads
 * the laid-out graph back as positions relative to the parent, which infraLayout then uses in
 * place of its grid (a person's drags still win). Pure: ELK itself runs in a worker (elk.worker.ts).
 */
import {
  canExpand,
  HOST_H,
  HOST_W,
  hostNodeId,
  POOL_HEADER,
  POOL_W,
  poolNodeId,
  QUEUE_H,
  QUEUE_NODE_ID,
  QUEUE_W,
  regionNodeId,
  zoneNodeId,
  type InfraLayoutInput,
  type XY,
} from './infraLayout';

/** The part of ELK's JSON graph used here (elkjs's ElkNode, kept local so this file needs no elkjs types). */
export interface ElkGraphNode {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkGraphNode[];
}

/** Same spacing as the grid layout, so both look alike. */
const SPACING = { host: 6, pool: 12, zone: 16, region: 60, regionWithLinks: 230 };

const padding = (top: number, side: number): string => `[top=${top},left=${side},bottom=${side},right=${side}]`;

function groupOptions(top: number, side: number, gap: number, aspect: number): Record<string, string> {
  return {
    'elk.algorithm': 'rectpacking',
    'elk.padding': padding(top, side),
    'elk.spacing.nodeNode': String(gap),
    'elk.aspectRatio': String(aspect),
    // Keep the input order (regions, zones and pools as the scenario lists them) where it fits.
    'elk.rectpacking.widthApproximation.optimizationGoal': 'MAX_SCALE_DRIVEN',
  };
}

/** The ELK graph of an infrastructure; `aspect` is the canvas's width / height. */
export function elkGraph(input: InfraLayoutInput, hostIds: (poolId: string) => readonly string[], aspect: number): ElkGraphNode {
  const regions: ElkGraphNode[] = input.regions.map((r) => ({
    id: regionNodeId(r.id),
    layoutOptions: groupOptions(48, 14, SPACING.zone, aspect),
    children: r.zones.map((z) => ({
      id: zoneNodeId(z.id),
      layoutOptions: groupOptions(34, 10, SPACING.pool, 1),
      children: z.pools.map((p): ElkGraphNode => {
        const id = poolNodeId(p.id);
        if (!(p.expanded && canExpand(p.hosts))) return { id, width: POOL_W, height: POOL_HEADER };
        return {
          id,
          layoutOptions: { ...groupOptions(POOL_HEADER, 8, SPACING.host, 2), 'elk.nodeSize.constraints': 'MINIMUM_SIZE', 'elk.nodeSize.minimum': `(${POOL_W},${POOL_HEADER})` },
          children: hostIds(p.id).map((h) => ({ id: hostNodeId(h), width: HOST_W, height: HOST_H })),
        };
      }),
    })),
  }));
  const top: ElkGraphNode[] = input.queue ? [{ id: QUEUE_NODE_ID, width: QUEUE_W, height: QUEUE_H }, ...regions] : regions;
  return {
    id: 'root',
    layoutOptions: { ...groupOptions(0, 0, input.links ? SPACING.regionWithLinks : SPACING.region, aspect), 'elk.padding': padding(0, 0) },
    children: top,
  };
}

/**
 * Positions (relative to the parent) of every node ELK placed inside a region. The top level
 * (regions and the queue) keeps the grid's arrangement: regions in a row with room for the link
 * labels between them, the queue beside them, which suits the wide canvas better than packing.
 */
export function elkPositions(graph: ElkGraphNode): Map<string, XY> {
  const out = new Map<string, XY>();
  const visit = (n: ElkGraphNode, top: boolean): void => {
    for (const c of n.children ?? []) {
      if (!top && typeof c.x === 'number' && typeof c.y === 'number' && Number.isFinite(c.x) && Number.isFinite(c.y)) out.set(c.id, { x: c.x, y: c.y });
      visit(c, false);
    }
  };
  visit(graph, true);
  return out;
}

/** A short, stable name for an infrastructure's shape (ids and sizes), to key what is saved per scenario. */
export function layoutSignature(input: InfraLayoutInput): string {
  const text = input.regions.map((r) => `${r.id}(${r.zones.map((z) => `${z.id}(${z.pools.map((p) => `${p.id}:${p.hosts}`).join(',')})`).join(',')})`).join(';');
  // FNV-1a, 32 bits, as hex.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
