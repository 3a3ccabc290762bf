/**
 * A deterministic grid layout of the infrastructure as nested groups: regions side by side, the
 * zones of a region side by side, the pools of a zone stacked, and (for an expanded pool) its
 * hosts in a near-square grid. Positions of children are relative to their parent, as
 * @xyflow/react wants them for `parentId`. Positions given from outside (overrides: a person's
 * drags, over the automatic ELK layout when it is ready) replace the computed ones, and every
 * group grows to hold its children wherever they are. Pure.
 */

export interface LayoutPool {
  id: string;
  hosts: number;
  expanded: boolean;
}

export interface LayoutZone {
  id: string;
  pools: readonly LayoutPool[];
}

export interface LayoutRegion {
  id: string;
  zones: readonly LayoutZone[];
}

export interface InfraLayoutInput {
  regions: readonly LayoutRegion[];
  /** Draw the scheduling queue (pending instances) as a node beside the regions. */
  queue: boolean;
  /** Leave room between regions for link labels. */
  links?: boolean;
}

export interface LayoutBox {
  id: string;
  /** Parent node id, or null at the top level. */
  parent: string | null;
  /** Top-left corner relative to the parent (absolute at the top level). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface XY {
  x: number;
  y: number;
}

export const regionNodeId = (id: string): string => `region:${id}`;
export const zoneNodeId = (id: string): string => `zone:${id}`;
export const poolNodeId = (id: string): string => `pool:${id}`;
/** Hosts by host id (unique across the scenario). */
export const hostNodeId = (hostId: string): string => `host:${hostId}`;
export const QUEUE_NODE_ID = 'queue';

/** Pools of at most this many hosts can be expanded into host nodes. */
export const MAX_EXPANDED_HOSTS = 64;

export const HOST_W = 116;
export const HOST_H = 58;
const HOST_GAP = 6;
export const POOL_W = 236;
/** Height of a pool's header (title, heat strip, figures); a collapsed pool is just that. */
export const POOL_HEADER = 84;
const POOL_PAD = 8;
const ZONE_HEADER = 34;
const ZONE_PAD = 10;
const ZONE_GAP = 12;
const REGION_HEADER = 48;
const REGION_PAD = 14;
const REGION_GAP = 16;
/** Between regions: room for a link's label, or just a gap. */
const LINK_GAP = 230;
const TOP_GAP = 60;
/** Wider than this (width / height), the queue goes above the regions instead of to their left. */
const WIDE = 1.8;
export const QUEUE_W = 210;
export const QUEUE_H = 120;

interface Size {
  width: number;
  height: number;
}

/** Places boxes in a grid of `cols` columns: each column as wide as its widest, each row as tall as its tallest. */
export function gridPack(sizes: readonly Size[], cols: number, gapX: number, gapY = gapX): { positions: XY[]; width: number; height: number } {
  const n = sizes.length;
  if (n === 0) return { positions: [], width: 0, height: 0 };
  const c = Math.max(1, Math.min(n, Math.floor(cols)));
  const rows = Math.ceil(n / c);
  const colW = new Array<number>(c).fill(0);
  const rowH = new Array<number>(rows).fill(0);
  sizes.forEach((s, i) => {
    colW[i % c] = Math.max(colW[i % c]!, s.width);
    rowH[Math.floor(i / c)] = Math.max(rowH[Math.floor(i / c)]!, s.height);
  });
  const colX: number[] = [];
  let x = 0;
  for (let k = 0; k < c; k++) {
    colX.push(x);
    x += colW[k]! + gapX;
  }
  const rowY: number[] = [];
  let y = 0;
  for (let k = 0; k < rows; k++) {
    rowY.push(y);
    y += rowH[k]! + gapY;
  }
  return { positions: sizes.map((_, i) => ({ x: colX[i % c]!, y: rowY[Math.floor(i / c)]! })), width: x - gapX, height: y - gapY };
}

/** Columns of an expanded pool's host grid: near square, at most 8. */
export function hostColumns(hosts: number): number {
  return Math.max(1, Math.min(8, Math.ceil(Math.sqrt(hosts))));
}

/** How many columns each level's grid has, given how many children it holds. */
export interface LayoutShape {
  hosts: (n: number) => number;
  pools: (n: number) => number;
  zones: (n: number) => number;
  regions: (n: number) => number;
}

const zoneColumns = (n: number): number => Math.min(4, Math.max(1, n));
const regionColumns = (n: number): number => (n <= 3 ? n : Math.ceil(Math.sqrt(n)));
const squarish = (max: number) => (n: number) => Math.max(1, Math.min(max, Math.ceil(Math.sqrt(n))));

/** Columns of a zone's pools: stacked up to 3, then a near-square grid of at most 6 columns. */
export function poolColumns(pools: number): number {
  return pools <= 3 ? 1 : Math.min(6, Math.ceil(Math.sqrt(pools)));
}

export function canExpand(hosts: number): boolean {
  return hosts > 0 && hosts <= MAX_EXPANDED_HOSTS;
}

/**
 * Lays out children: grid positions, then overrides, and the size that holds them all (plus the
 * padding and header of the parent).
 */
function place(
  out: Map<string, LayoutBox>,
  parent: string | null,
  children: ReadonlyArray<{ id: string } & Size>,
  cols: number,
  gap: number,
  offset: XY,
  pad: number,
  overrides: ReadonlyMap<string, XY>,
  min: Size,
): Size {
  const packed = gridPack(children, cols, gap);
  // The group holds its children wherever they are (grid, automatic layout or dragged); the grid's
  // extent is met by its own outermost children, so it needs no separate term.
  let width = Math.max(min.width, offset.x + pad);
  let height = Math.max(min.height, offset.y + pad);
  children.forEach((c, i) => {
    const p = packed.positions[i]!;
    const o = overrides.get(c.id);
    const box: LayoutBox = { id: c.id, parent, x: o ? o.x : offset.x + p.x, y: o ? o.y : offset.y + p.y, width: c.width, height: c.height };
    out.set(c.id, box);
    width = Math.max(width, box.x + box.width + pad);
    height = Math.max(height, box.y + box.height + pad);
  });
  return { width, height };
}

/**
 * Boxes for every node, in an order where a parent comes before its children (as @xyflow/react
 * requires). `hostIds(poolId)` names the hosts of an expanded pool.
 */
export function infraLayout(
  input: InfraLayoutInput,
  hostIds: (poolId: string) => readonly string[],
  overrides: ReadonlyMap<string, XY> = new Map(),
  shape: Partial<LayoutShape> = {},
): LayoutBox[] {
  const columns = shape.hosts ?? hostColumns;
  const poolCols = shape.pools ?? poolColumns;
  const zoneCols = shape.zones ?? zoneColumns;
  const regionColsOf = shape.regions ?? regionColumns;
  const boxes = new Map<string, LayoutBox>();
  const regionSizes: Array<{ id: string } & Size> = [];
  /** Children laid out per group, written to `boxes` in parent-first order at the end. */
  const groups: Array<{ id: string; parent: string | null; children: string[] }> = [];

  for (const r of input.regions) {
    const rid = regionNodeId(r.id);
    const zoneSizes: Array<{ id: string } & Size> = [];
    for (const z of r.zones) {
      const zid = zoneNodeId(z.id);
      const poolSizes: Array<{ id: string } & Size> = [];
      for (const p of z.pools) {
        const pid = poolNodeId(p.id);
        if (p.expanded && canExpand(p.hosts)) {
          const ids = hostIds(p.id);
          const hosts = ids.map((h) => ({ id: hostNodeId(h), width: HOST_W, height: HOST_H }));
          const size = place(boxes, pid, hosts, columns(hosts.length), HOST_GAP, { x: POOL_PAD, y: POOL_HEADER }, POOL_PAD, overrides, { width: POOL_W, height: POOL_HEADER });
          groups.push({ id: pid, parent: zid, children: hosts.map((h) => h.id) });
          poolSizes.push({ id: pid, ...size });
        } else {
          poolSizes.push({ id: pid, width: POOL_W, height: POOL_HEADER });
        }
      }
      const size = place(boxes, zid, poolSizes, poolCols(poolSizes.length), ZONE_GAP, { x: ZONE_PAD, y: ZONE_HEADER }, ZONE_PAD, overrides, { width: POOL_W + 2 * ZONE_PAD, height: ZONE_HEADER + 40 });
      groups.push({ id: zid, parent: rid, children: poolSizes.map((p) => p.id) });
      zoneSizes.push({ id: zid, ...size });
    }
    const size = place(boxes, rid, zoneSizes, zoneCols(zoneSizes.length), REGION_GAP, { x: REGION_PAD, y: REGION_HEADER }, REGION_PAD, overrides, { width: 200, height: REGION_HEADER + 60 });
    groups.push({ id: rid, parent: null, children: zoneSizes.map((z) => z.id) });
    regionSizes.push({ id: rid, ...size });
  }
  const regionCols = regionColsOf(regionSizes.length);
  const gap = input.links ? LINK_GAP : TOP_GAP;
  const packed = gridPack(regionSizes, regionCols, gap);
  // The queue beside the regions: on top of a wide layout, to the left of a tall one.
  const above = packed.height > 0 && packed.width / packed.height > WIDE;
  const offset = !input.queue ? { x: 0, y: 0 } : above ? { x: 0, y: QUEUE_H + 40 } : { x: QUEUE_W + 60, y: 0 };
  place(boxes, null, regionSizes, regionCols, gap, offset, 0, overrides, { width: 0, height: 0 });
  if (input.queue) {
    const o = overrides.get(QUEUE_NODE_ID);
    boxes.set(QUEUE_NODE_ID, { id: QUEUE_NODE_ID, parent: null, x: o?.x ?? 0, y: o?.y ?? (above ? 0 : REGION_HEADER), width: QUEUE_W, height: QUEUE_H });
  }

  // Parent-first order: top-level nodes, then each group's children.
  const order: LayoutBox[] = [];
  if (input.queue) order.push(boxes.get(QUEUE_NODE_ID)!);
  const childrenOf = new Map(groups.map((g) => [g.id, g.children]));
  const visit = (id: string): void => {
    const b = boxes.get(id);
    if (!b) return;
    order.push(b);
    for (const c of childrenOf.get(id) ?? []) visit(c);
  };
  for (const r of regionSizes) visit(r.id);
  return order;
}

/** Grid shapes tried by `fitLayout`, level by level (the defaults first). */
const HOST_CHOICES: ReadonlyArray<(n: number) => number> = [
  hostColumns,
  (n) => Math.max(1, Math.min(8, Math.ceil(Math.sqrt(n / 2)))),
  (n) => Math.max(1, Math.min(8, Math.ceil(Math.sqrt(n * 2)))),
];
const POOL_CHOICES: ReadonlyArray<(n: number) => number> = [poolColumns, () => 1, squarish(10)];
const ZONE_CHOICES: ReadonlyArray<(n: number) => number> = [zoneColumns, () => 1, squarish(4)];
const REGION_CHOICES: ReadonlyArray<(n: number) => number> = [regionColumns, () => 1];

/** Width and height of everything laid out. */
export function extent(boxes: readonly LayoutBox[]): { width: number; height: number } {
  let w = 0;
  let h = 0;
  for (const b of boxes) {
    if (b.parent) continue;
    w = Math.max(w, b.x + b.width);
    h = Math.max(h, b.y + b.height);
  }
  return { width: w, height: h };
}

/**
 * The layout whose host grids make the whole fit a canvas of the given aspect (width / height)
 * at the largest scale. The choice ignores dragged positions, so a drag never reshapes grids.
 */
export function fitLayout(input: InfraLayoutInput, hostIds: (poolId: string) => readonly string[], overrides: ReadonlyMap<string, XY>, aspect: number): LayoutBox[] {
  let best: LayoutShape = { hosts: hostColumns, pools: poolColumns, zones: zoneColumns, regions: regionColumns };
  let bestScale = -Infinity;
  const none = new Map<string, XY>();
  for (const regions of REGION_CHOICES)
    for (const zones of ZONE_CHOICES)
      for (const pools of POOL_CHOICES)
        for (const hosts of HOST_CHOICES) {
          const shape = { hosts, pools, zones, regions };
          const { width, height } = extent(infraLayout(input, hostIds, none, shape));
          const scale = Math.min(aspect / Math.max(1, width), 1 / Math.max(1, height));
          // Strictly better only: ties keep the earlier (default) shape.
          if (scale > bestScale * (1 + 1e-9)) {
            bestScale = scale;
            best = shape;
          }
        }
  return infraLayout(input, hostIds, overrides, best);
}
