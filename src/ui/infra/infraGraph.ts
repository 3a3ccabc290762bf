/**
 * The infrastructure view's nodes and edges for @xyflow/react: regions → zones → pools as nested
 * group nodes (parentId + extent), hosts of expanded pools as their own nodes, hybrid links as
 * edges between regions. Node objects change only when the layout does (a load, a pool expanded
 * or collapsed, a drag), never on a tick: nodes read their live state from the compute store.
 * Dragged positions stay while the scenario stays loaded (a reset keeps them), and are saved per
 * scenario shape in localStorage. The grid layout shows at once; the automatic ELK layout
 * (computed in a worker, see elkLayout.ts) replaces it when ready, under the dragged positions.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { applyNodeChanges, type Edge, type Node, type NodeChange } from '@xyflow/react';
import type { ComputeInfo, ComputeLinkInfo, ComputePoolInfo, ComputeRegionInfo, ComputeZoneInfo } from '../../workers/sim.worker';
import { canExpand, fitLayout, hostNodeId, poolNodeId, QUEUE_NODE_ID, regionNodeId, zoneNodeId, type InfraLayoutInput, type LayoutBox, type XY } from './infraLayout';
import { elkGraph, elkPositions, layoutSignature } from './elkLayout';
import { layoutInWorker } from './elkClient';
import { loadPositions, savePositions } from './savedPositions';

export type RegionNodeData = { region: ComputeRegionInfo };
export type ZoneNodeData = { zone: ComputeZoneInfo };
export type PoolNodeData = { pool: ComputePoolInfo; index: number; expanded: boolean; expandable: boolean };
export type HostNodeData = { host: number; id: string };
export type QueueNodeData = { queue: true };

export type RegionNodeType = Node<RegionNodeData, 'region'>;
export type ZoneNodeType = Node<ZoneNodeData, 'zone'>;
export type PoolNodeType = Node<PoolNodeData, 'pool'>;
export type HostNodeType = Node<HostNodeData, 'host'>;
export type QueueNodeType = Node<QueueNodeData, 'queue'>;
export type InfraNode = RegionNodeType | ZoneNodeType | PoolNodeType | HostNodeType | QueueNodeType;

export type LinkEdgeData = { index: number; link: ComputeLinkInfo };
export type LinkEdgeType = Edge<LinkEdgeData, 'link'>;

export interface InfraGraphState {
  /** Which load the graph belongs to (the scenario revision): a new one lays out afresh. */
  key: number;
  info: ComputeInfo | null;
  nodes: InfraNode[];
  edges: LinkEdgeType[];
  /** Pools shown as host nodes. */
  expanded: ReadonlySet<string>;
  /** Positions a person dragged, by node id (relative to the parent). */
  overrides: ReadonlyMap<string, XY>;
  /** The automatic (ELK) positions for the current `expanded` set, or null while the grid shows. */
  auto: ReadonlyMap<string, XY> | null;
  /** Which layout the nodes follow: 'grid' until ELK answers (or if it fails). */
  layout: 'grid' | 'auto';
  /** The layout the view has fitted itself to (lags `layout` by a fit; e2e tests wait on it). */
  shown: 'grid' | 'auto';
  /** Names the scenario's shape (localStorage key of the dragged positions). */
  signature: string;
}

const EMPTY: InfraGraphState = { key: -1, info: null, nodes: [], edges: [], expanded: new Set(), overrides: new Map(), auto: null, layout: 'grid', shown: 'grid', signature: '' };

export const infraGraphStore = createStore<InfraGraphState>()(() => EMPTY);

export function useInfraGraph<T>(selector: (s: InfraGraphState) => T): T {
  return useStore(infraGraphStore, selector);
}

/** Width / height of the canvas the layout aims to fill (the console's infrastructure panel). */
export const CANVAS_ASPECT = 2;

/** Pools expanded at first: small ones, smallest first, while the hosts drawn stay few. */
export const AUTO_EXPAND_POOL = 16;
/** Beyond ~24 host nodes the canvas would have to zoom out past legibility: pools start as strips. */
export const AUTO_EXPAND_TOTAL = 24;

export function defaultExpanded(pools: ReadonlyArray<{ id: string; count: number }>): Set<string> {
  const out = new Set<string>();
  let total = 0;
  const order = pools.map((p, i) => ({ p, i })).sort((a, b) => a.p.count - b.p.count || a.i - b.i);
  for (const { p } of order) {
    if (p.count === 0 || p.count > AUTO_EXPAND_POOL || total + p.count > AUTO_EXPAND_TOTAL) continue;
    out.add(p.id);
    total += p.count;
  }
  return out;
}

/** Link edges: one per declared link between two known regions. */
export function linkEdges(info: ComputeInfo): LinkEdgeType[] {
  const regions = new Set(info.regions.map((r) => r.id));
  const edges: LinkEdgeType[] = [];
  info.links.forEach((link, index) => {
    const [a, b] = link.between;
    if (!regions.has(a) || !regions.has(b) || a === b) return;
    edges.push({ id: `link:${index}`, type: 'link', source: regionNodeId(a), target: regionNodeId(b), data: { index, link }, selectable: false, focusable: false });
  });
  return edges;
}

function hostIdsOf(info: ComputeInfo): (poolId: string) => string[] {
  const byPool = new Map(info.pools.map((p) => [p.id, p]));
  return (poolId) => {
    const p = byPool.get(poolId);
    return p ? Array.from(p.hosts, (h) => info.hostIds[h]!) : [];
  };
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** What the layouts (grid and ELK) lay out: regions with zones with pools, expanded or not. */
export function layoutInput(info: ComputeInfo, expanded: ReadonlySet<string>): InfraLayoutInput {
  return {
    queue: true,
    links: linkEdges(info).length > 0,
    regions: info.regions
      .map((r) => ({
        id: r.id,
        zones: info.zones
          .filter((z) => z.region === r.id)
          .map((z) => ({ id: z.id, pools: info.pools.filter((p) => p.zone === z.id).map((p) => ({ id: p.id, hosts: p.count, expanded: expanded.has(p.id) })) }))
          .filter((z) => z.pools.length > 0),
      }))
      .filter((r) => r.zones.length > 0),
  };
}

/**
 * Builds the nodes for a layout, reusing the previous node object wherever nothing changed.
 * `auto` (ELK positions) replaces the grid where given; `overrides` (drags) win over both.
 */
export function buildNodes(
  info: ComputeInfo,
  expanded: ReadonlySet<string>,
  overrides: ReadonlyMap<string, XY>,
  previous: readonly InfraNode[] = [],
  auto: ReadonlyMap<string, XY> | null = null,
): InfraNode[] {
  const regionById = new Map(info.regions.map((r) => [r.id, r]));
  const zoneById = new Map(info.zones.map((z) => [z.id, z]));
  const poolIndex = new Map(info.pools.map((p, i) => [p.id, i]));
  const hostIndex = new Map(info.hostIds.map((h, i) => [h, i]));
  const placed = auto ? new Map([...auto, ...overrides]) : overrides;
  const boxes = fitLayout(layoutInput(info, expanded), hostIdsOf(info), placed, CANVAS_ASPECT);
  const prev = new Map(previous.map((n) => [n.id, n]));
  const make = (b: LayoutBox): InfraNode | null => {
    const base = {
      id: b.id,
      position: { x: b.x, y: b.y },
      width: b.width,
      height: b.height,
      connectable: false,
      selectable: false,
      ...(b.parent ? { parentId: b.parent, extent: 'parent' as const } : {}),
    };
    const [kind, ...rest] = b.id.split(':');
    const ref = rest.join(':');
    if (b.id === QUEUE_NODE_ID) return { ...base, type: 'queue', data: { queue: true } };
    if (kind === 'region') {
      const region = regionById.get(ref);
      return region ? { ...base, type: 'region', data: { region } } : null;
    }
    if (kind === 'zone') {
      const zone = zoneById.get(ref);
      return zone ? { ...base, type: 'zone', data: { zone } } : null;
    }
    if (kind === 'pool') {
      const index = poolIndex.get(ref);
      const pool = index === undefined ? undefined : info.pools[index];
      return pool && index !== undefined ? { ...base, type: 'pool', data: { pool, index, expanded: expanded.has(pool.id) && canExpand(pool.count), expandable: canExpand(pool.count) } } : null;
    }
    if (kind === 'host') {
      const host = hostIndex.get(ref);
      return host === undefined ? null : { ...base, type: 'host', draggable: false, data: { host, id: ref } };
    }
    return null;
  };
  const nodes: InfraNode[] = [];
  for (const b of boxes) {
    const n = make(b);
    if (!n) continue;
    const old = prev.get(n.id);
    if (
      old &&
      old.type === n.type &&
      old.position.x === n.position.x &&
      old.position.y === n.position.y &&
      old.width === n.width &&
      old.height === n.height &&
      old.parentId === n.parentId &&
      shallowEqual(old.data, n.data)
    ) {
      nodes.push(old);
    } else nodes.push(n);
  }
  return nodes;
}

/** A newly loaded scenario (`key` = its revision): lay out afresh. The same key keeps everything. */
export function syncInfra(info: ComputeInfo | null, key: number): void {
  if (infraGraphStore.getState().key === key) return;
  if (!info) {
    infraGraphStore.setState({ ...EMPTY, key });
    return;
  }
  const expanded = defaultExpanded(info.pools);
  const signature = layoutSignature(layoutInput(info, new Set()));
  const overrides = loadPositions(signature);
  infraGraphStore.setState({ key, info, expanded, overrides, auto: null, layout: 'grid', shown: 'grid', signature, nodes: buildNodes(info, expanded, overrides), edges: linkEdges(info) });
}

function relayout(expanded: ReadonlySet<string>): void {
  const s = infraGraphStore.getState();
  if (!s.info) return;
  // The grid until ELK has laid out the new shape (see requestAutoLayout).
  infraGraphStore.setState({ expanded, auto: null, layout: 'grid', nodes: buildNodes(s.info, expanded, s.overrides, s.nodes) });
}

/** The (key, expanded) pair ELK is working on or has done, so each shape is laid out once. */
let autoFor: { key: number; expanded: ReadonlySet<string> } | null = null;

/**
 * Asks ELK (in its worker) for the current shape's layout and applies it when it comes back, if
 * the shape is still the same; on failure the grid stays (and says why in the console).
 */
export function requestAutoLayout(): void {
  const s = infraGraphStore.getState();
  const info = s.info;
  if (!info || (autoFor && autoFor.key === s.key && autoFor.expanded === s.expanded)) return;
  const { key, expanded } = s;
  autoFor = { key, expanded };
  let graph;
  try {
    graph = elkGraph(layoutInput(info, expanded), hostIdsOf(info), CANVAS_ASPECT);
  } catch (e) {
    console.warn('[cumulo] automatic layout skipped:', e);
    return;
  }
  layoutInWorker(graph).then(
    (laid) => {
      const now = infraGraphStore.getState();
      if (now.key !== key || now.expanded !== expanded || !now.info) return;
      const auto = elkPositions(laid);
      infraGraphStore.setState({ auto, layout: 'auto', nodes: buildNodes(now.info, expanded, now.overrides, now.nodes, auto) });
    },
    (e: unknown) => {
      console.warn('[cumulo] automatic layout failed; keeping the grid layout:', e);
      if (autoFor?.key === key && autoFor.expanded === expanded) autoFor = null;
    },
  );
}

/** The view has fitted itself to this layout. */
export function markShown(layout: 'grid' | 'auto'): void {
  if (infraGraphStore.getState().shown !== layout) infraGraphStore.setState({ shown: layout });
}

export function shownLayout(): 'grid' | 'auto' {
  return infraGraphStore.getState().shown;
}

/** Forgets every dragged position of this scenario: back to the automatic layout. */
export function resetPositions(): void {
  const s = infraGraphStore.getState();
  if (!s.info) return;
  const overrides = new Map<string, XY>();
  savePositions(s.signature, overrides);
  infraGraphStore.setState({ overrides, nodes: buildNodes(s.info, s.expanded, overrides, s.nodes, s.auto) });
}

export function setPoolExpanded(poolId: string, open: boolean): void {
  const s = infraGraphStore.getState();
  const pool = s.info?.pools.find((p) => p.id === poolId);
  if (!pool || (open && !canExpand(pool.count)) || s.expanded.has(poolId) === open) return;
  const next = new Set(s.expanded);
  if (open) next.add(poolId);
  else next.delete(poolId);
  relayout(next);
}

export function togglePool(poolId: string): void {
  setPoolExpanded(poolId, !infraGraphStore.getState().expanded.has(poolId));
}

/** Expands every pool that can be (true) or collapses all (false). */
export function setAllExpanded(open: boolean): void {
  const s = infraGraphStore.getState();
  if (!s.info) return;
  relayout(open ? new Set(s.info.pools.filter((p) => canExpand(p.count)).map((p) => p.id)) : new Set());
}

/** Drags and measurements from @xyflow/react; a drag is remembered as an override. */
export function applyInfraChanges(changes: NodeChange<InfraNode>[]): void {
  const s = infraGraphStore.getState();
  let overrides: Map<string, XY> | null = null;
  let dropped = false;
  for (const c of changes) {
    if (c.type === 'position' && c.position) {
      overrides ??= new Map(s.overrides);
      overrides.set(c.id, { x: c.position.x, y: c.position.y });
    }
    if (c.type === 'position' && c.dragging === false) dropped = true;
  }
  infraGraphStore.setState({ nodes: applyNodeChanges(changes, s.nodes), ...(overrides ? { overrides } : {}) });
  // Saved when a drag ends, not on every pointer move.
  if (dropped) savePositions(s.signature, overrides ?? s.overrides);
}

export { hostNodeId, poolNodeId, regionNodeId, zoneNodeId, QUEUE_NODE_ID };
