import { describe, it, expect } from 'vitest';
import type { ComputeInfo, ComputeLogEntry, InstanceDelta } from '../../workers/sim.worker';
import { InstanceTable, dotsKey, pendingRows, rowOf, rowsByHost, STATE_NAMES } from './instanceTable';
import { appendLog, countKinds, filterLog, type LogKind } from './logFilter';
import { canExpand, extent, fitLayout, gridPack, hostColumns, infraLayout, MAX_EXPANDED_HOSTS, POOL_HEADER, POOL_W, type LayoutBox } from './infraLayout';
import { applyInfraChanges, buildNodes, defaultExpanded, infraGraphStore, linkEdges, setPoolExpanded, syncInfra } from './infraGraph';

const counts = { pending: 0, scheduled: 0, provisioning: 0, running: 0, draining: 0, terminated: 0, failed: 0 };

function delta(p: Partial<InstanceDelta> & Pick<InstanceDelta, 'from' | 'tracked'>): InstanceDelta {
  return {
    reset: false,
    total: p.tracked,
    names: [],
    group: new Uint16Array(0),
    kind: new Uint8Array(0),
    index: new Int32Array(0),
    state: new Uint8Array(0),
    host: new Int32Array(0),
    type: new Uint16Array(0),
    flags: new Uint8Array(0),
    byState: counts,
    ...p,
  };
}

describe('the instance table on the page', () => {
  it('appends new rows, updates changed cells, and hands out a new view per version', () => {
    const t = new InstanceTable();
    expect(
      t.apply(
        delta({
          reset: true,
          from: 0,
          tracked: 3,
          names: ['a', 'b', 'c'],
          group: Uint16Array.of(0, 0, 1),
          kind: Uint8Array.of(0, 0, 1),
          index: Int32Array.of(0, 1, 2),
          state: Uint8Array.of(3, 3, 0),
          host: Int32Array.of(4, 4, -1),
          type: Uint16Array.of(0, 0, 1),
          flags: Uint8Array.of(0, 0, 0),
          typeNames: ['g.large', 'c.large'],
          groupNames: ['web', 'batch'],
          byState: { ...counts, running: 2, pending: 1 },
        }),
      ),
    ).toBe(true);
    const v1 = t.view();
    expect(v1.length).toBe(3);
    expect(STATE_NAMES[v1.state[0]!]).toBe('running');
    expect(rowsByHost(v1).get(4)).toEqual([0, 1]);
    expect(pendingRows(v1, 10)).toEqual([2]);
    expect(rowOf(v1, 'c')).toBe(2);
    const key1 = dotsKey(v1, rowsByHost(v1).get(4));

    // b fails (host −1), d is new and pending.
    expect(
      t.apply(delta({ from: 3, tracked: 4, names: ['d'], group: Uint16Array.of(0), kind: Uint8Array.of(0), index: Int32Array.of(1, 3), state: Uint8Array.of(6, 0), host: Int32Array.of(-1, -1), type: Uint16Array.of(0, 0), flags: Uint8Array.of(0, 0) })),
    ).toBe(true);
    const v2 = t.view();
    expect(v2).not.toBe(v1);
    expect(v2.version).toBeGreaterThan(v1.version);
    expect(v2.names).toEqual(['a', 'b', 'c', 'd']);
    expect(STATE_NAMES[v2.state[1]!]).toBe('failed');
    expect(rowsByHost(v2).get(4)).toEqual([0]);
    expect(dotsKey(v2, rowsByHost(v2).get(4))).not.toBe(key1);
    expect(pendingRows(v2, 10)).toEqual([2, 3]);
    expect(pendingRows(v2, 1)).toEqual([2]);
    expect(v2.typeNames).toEqual(['g.large', 'c.large']); // kept when not resent

    // Out of step: refused.
    expect(t.apply(delta({ from: 7, tracked: 8 }))).toBe(false);
    // A reset starts over.
    expect(t.apply(delta({ reset: true, from: 0, tracked: 0 }))).toBe(true);
    expect(t.view().length).toBe(0);
    expect(t.view().typeNames).toEqual([]);
  });

  it('grows past its initial capacity', () => {
    const t = new InstanceTable();
    const n = 300;
    t.apply(
      delta({
        reset: true,
        from: 0,
        tracked: n,
        names: Array.from({ length: n }, (_, i) => `i${i}`),
        group: new Uint16Array(n),
        kind: new Uint8Array(n),
        index: Int32Array.from({ length: n }, (_, i) => i),
        state: new Uint8Array(n).fill(3),
        host: Int32Array.from({ length: n }, (_, i) => i % 7),
        type: new Uint16Array(n),
        flags: new Uint8Array(n),
      }),
    );
    const v = t.view();
    expect(v.length).toBe(n);
    expect(v.host[299]).toBe(299 % 7);
    expect(rowsByHost(v).get(0)!.length).toBe(Math.ceil(n / 7));
  });
});

const entry = (seq: number, kind: LogKind, subject: string, reason: string, from?: string, to?: string): ComputeLogEntry => ({
  seq,
  t: seq,
  kind,
  subject,
  reason,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
});

describe('the event log on the page', () => {
  const log = [
    entry(0, 'instance', 'web-0', 'created (g.large, vm)', undefined, 'pending'),
    entry(1, 'host', 'pool-a-0', 'killed by the operator', 'up', 'failed'),
    entry(2, 'instance', 'web-0', 'lost with host pool-a-0', 'running', 'failed'),
    entry(3, 'invariant', 'capacity', 'INVARIANT VIOLATED: pool-b-1 over capacity'),
    entry(4, 'zone', 'eu-west-a', 'zone outage', 'up', 'down'),
    entry(5, 'operation', 'cluster', 'consolidate below 50 %: 0 host(s) emptied'),
  ];

  it('filters by kind and by text, newest first, up to a limit', () => {
    expect(filterLog(log, { kinds: new Set(), text: '' }).map((e) => e.seq)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(filterLog(log, { kinds: new Set(['instance']), text: '' }).map((e) => e.seq)).toEqual([2, 0]);
    expect(filterLog(log, { kinds: new Set(['instance', 'host']), text: 'pool-a-0' }).map((e) => e.seq)).toEqual([2, 1]);
    // Text matches subject, reason and states, every word, ignoring case.
    expect(filterLog(log, { kinds: new Set(), text: 'FAILED web' }).map((e) => e.seq)).toEqual([2]);
    expect(filterLog(log, { kinds: new Set(), text: '  down ' }).map((e) => e.seq)).toEqual([4]);
    expect(filterLog(log, { kinds: new Set(), text: '' }, 2).map((e) => e.seq)).toEqual([5, 4]);
    expect(filterLog(log, { kinds: new Set(['link']), text: '' })).toEqual([]);
    expect(countKinds(log)).toEqual({ instance: 2, host: 1, zone: 1, link: 0, invariant: 1, operation: 1 });
  });

  it('keeps the newest entries and skips ones it already has', () => {
    const a = appendLog([], log.slice(0, 3), 4);
    expect(a.map((e) => e.seq)).toEqual([0, 1, 2]);
    const b = appendLog(a, log.slice(2), 4); // 2 again, then 3..5
    expect(b.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(appendLog(b, [], 4)).toBe(b);
  });
});

describe('the nested grid layout', () => {
  it('packs a grid by column widths and row heights', () => {
    const g = gridPack(
      [
        { width: 10, height: 5 },
        { width: 20, height: 8 },
        { width: 15, height: 3 },
      ],
      2,
      4,
    );
    expect(g.positions).toEqual([
      { x: 0, y: 0 },
      { x: 19, y: 0 },
      { x: 0, y: 12 },
    ]);
    expect(g.width).toBe(39);
    expect(g.height).toBe(15);
    expect(gridPack([], 3, 4)).toEqual({ positions: [], width: 0, height: 0 });
    expect(hostColumns(4)).toBe(2);
    expect(hostColumns(10)).toBe(4);
    expect(hostColumns(64)).toBe(8);
    expect(canExpand(MAX_EXPANDED_HOSTS)).toBe(true);
    expect(canExpand(MAX_EXPANDED_HOSTS + 1)).toBe(false);
  });

  const input = {
    queue: true,
    regions: [
      { id: 'r1', zones: [{ id: 'z1', pools: [{ id: 'p1', hosts: 4, expanded: true }, { id: 'p2', hosts: 100, expanded: true }] }] },
      { id: 'r2', zones: [{ id: 'z2', pools: [{ id: 'p3', hosts: 2, expanded: false }] }, { id: 'z3', pools: [{ id: 'p4', hosts: 3, expanded: true }] }] },
    ],
  };
  const hostIds = (p: string): string[] => Array.from({ length: ({ p1: 4, p2: 100, p3: 2, p4: 3 } as Record<string, number>)[p] ?? 0 }, (_, i) => `${p}-${i}`);
  const abs = (boxes: LayoutBox[], id: string): { x: number; y: number; w: number; h: number } => {
    const byId = new Map(boxes.map((b) => [b.id, b]));
    let b = byId.get(id)!;
    const w = b.width;
    const h = b.height;
    let x = 0;
    let y = 0;
    for (;;) {
      x += b.x;
      y += b.y;
      if (!b.parent) break;
      b = byId.get(b.parent)!;
    }
    return { x, y, w, h };
  };

  it('nests regions, zones, pools and hosts, parents first, children inside without overlap', () => {
    const boxes = infraLayout(input, hostIds);
    const ids = boxes.map((b) => b.id);
    // Parent before child.
    for (const b of boxes) if (b.parent) expect(ids.indexOf(b.parent)).toBeLessThan(ids.indexOf(b.id));
    // Hosts only for expandable, expanded pools; a 100-host pool stays one node.
    expect(ids.filter((i) => i.startsWith('host:'))).toEqual(['host:p1-0', 'host:p1-1', 'host:p1-2', 'host:p1-3', 'host:p4-0', 'host:p4-1', 'host:p4-2']);
    const p2 = boxes.find((b) => b.id === 'pool:p2')!;
    expect([p2.width, p2.height]).toEqual([POOL_W, POOL_HEADER]);
    // Every child lies inside its parent.
    const byId = new Map(boxes.map((b) => [b.id, b]));
    for (const b of boxes) {
      if (!b.parent) continue;
      const p = byId.get(b.parent)!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(p.width);
      expect(b.y + b.height).toBeLessThanOrEqual(p.height);
    }
    // Siblings do not overlap.
    const overlap = (a: LayoutBox, b: LayoutBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const a of boxes) for (const b of boxes) if (a !== b && a.parent === b.parent) expect(overlap(a, b), `${a.id} × ${b.id}`).toBe(false);
    // Regions side by side; pools of a zone stacked; zones of a region side by side.
    expect(abs(boxes, 'region:r1').x).toBeLessThan(abs(boxes, 'region:r2').x);
    // A wide layout: the queue goes above the regions; a tall one: to their left.
    const q = abs(boxes, 'queue');
    expect(q.y + q.h).toBeLessThanOrEqual(abs(boxes, 'region:r1').y);
    const tall = infraLayout({ queue: true, regions: [{ id: 'r', zones: [{ id: 'z', pools: [{ id: 'p2', hosts: 100, expanded: false }, { id: 'p3', hosts: 2, expanded: false }] }] }] }, hostIds);
    const tq = abs(tall, 'queue');
    expect(tq.x + tq.w).toBeLessThanOrEqual(abs(tall, 'region:r').x);
    expect(abs(boxes, 'pool:p1').y).toBeLessThan(abs(boxes, 'pool:p2').y);
    expect(abs(boxes, 'zone:z2').x).toBeLessThan(abs(boxes, 'zone:z3').x);
    // Deterministic.
    expect(infraLayout(input, hostIds)).toEqual(boxes);
  });

  it('picks grid shapes that fill the canvas best, deterministically', () => {
    const many = {
      queue: true,
      regions: [0, 1].map((r) => ({ id: `r${r}`, zones: [0, 1, 2].map((z) => ({ id: `z${r}${z}`, pools: Array.from({ length: 12 }, (_, p) => ({ id: `p${r}${z}${p}`, hosts: 100, expanded: false })) })) })),
    };
    const ids = (): string[] => [];
    const scale = (boxes: LayoutBox[], aspect: number) => {
      const e = extent(boxes);
      return Math.min(aspect / e.width, 1 / e.height);
    };
    for (const aspect of [0.5, 2, 4]) {
      const fit = fitLayout(many, ids, new Map(), aspect);
      expect(scale(fit, aspect)).toBeGreaterThanOrEqual(scale(infraLayout(many, ids), aspect));
      expect(fitLayout(many, ids, new Map(), aspect)).toEqual(fit);
      expect(fit.map((b) => b.id).sort()).toEqual(infraLayout(many, ids).map((b) => b.id).sort());
    }
    // A wide canvas gets a wider layout than a tall one.
    const wide = extent(fitLayout(many, ids, new Map(), 4));
    const tall = extent(fitLayout(many, ids, new Map(), 0.5));
    expect(wide.width / wide.height).toBeGreaterThan(tall.width / tall.height);
  });

  it('keeps dragged positions and grows the parents to hold them', () => {
    const before = infraLayout(input, hostIds);
    const zone = before.find((b) => b.id === 'zone:z1')!;
    const moved = infraLayout(input, hostIds, new Map([['pool:p1', { x: 400, y: 300 }]]));
    const p1 = moved.find((b) => b.id === 'pool:p1')!;
    expect([p1.x, p1.y]).toEqual([400, 300]);
    const zone2 = moved.find((b) => b.id === 'zone:z1')!;
    expect(zone2.width).toBeGreaterThanOrEqual(400 + p1.width);
    expect(zone2.height).toBeGreaterThanOrEqual(300 + p1.height);
    expect(zone2.width).toBeGreaterThan(zone.width);
    const region = moved.find((b) => b.id === 'region:r1')!;
    expect(region.width).toBeGreaterThanOrEqual(zone2.x + zone2.width);
  });
});

function info(): ComputeInfo {
  return {
    regions: [
      { id: 'dc', name: 'Private DC', kind: 'private', zones: ['hall'] },
      { id: 'eu', name: 'EU', kind: 'public', zones: ['eu-a'] },
    ],
    zones: [
      { id: 'hall', name: 'hall', region: 'dc' },
      { id: 'eu-a', name: 'eu-a', region: 'eu' },
    ],
    pools: [
      { id: 'small', zone: 'hall', region: 'dc', firstHost: 0, count: 2, hosts: Int32Array.of(0, 1), maxCount: 2, minCount: 0, vcpu: 8, memoryGiB: 32, gpu: 0, cpuOvercommit: 1, memoryOvercommit: 1, dedicatedTo: null, taints: [] },
      { id: 'big', zone: 'eu-a', region: 'eu', firstHost: 2, count: 80, hosts: Int32Array.from({ length: 80 }, (_, k) => 2 + k), maxCount: 80, minCount: 0, vcpu: 8, memoryGiB: 32, gpu: 0, cpuOvercommit: 1, memoryOvercommit: 1, dedicatedTo: null, taints: [] },
    ],
    hostIds: ['small-0', 'small-1', ...Array.from({ length: 80 }, (_, i) => `big-${i}`)],
    hostPool: Int32Array.from({ length: 82 }, (_, i) => (i < 2 ? 0 : 1)),
    cpuCap: new Float64Array(82).fill(8),
    memCap: new Float64Array(82).fill(32),
    links: [
      { between: ['dc', 'eu'], kind: 'vpn', latency: 0.02, bandwidthGbps: 1 },
      { between: ['dc', 'nowhere'], kind: 'vpn', latency: 0.02, bandwidthGbps: 1 },
    ],
    instanceTypes: [],
    strategy: 'least-allocated',
  };
}

describe('the infrastructure graph', () => {
  it('expands small pools at first, never more than 64 hosts, and links known regions', () => {
    expect([...defaultExpanded([{ id: 'a', count: 4 }, { id: 'b', count: 20 }, { id: 'c', count: 16 }])]).toEqual(['a', 'c']);
    expect([...defaultExpanded([{ id: 'a', count: 10 }, { id: 'b', count: 10 }, { id: 'c', count: 10 }])]).toEqual(['a', 'b']);
    expect([...defaultExpanded(Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, count: 4 })))]).toHaveLength(6); // 24 hosts at most
    const i = info();
    const edges = linkEdges(i);
    expect(edges.map((e) => [e.source, e.target, e.data?.index])).toEqual([['region:dc', 'region:eu', 0]]);
    const nodes = buildNodes(i, new Set(['small', 'big']), new Map());
    expect(nodes.filter((n) => n.type === 'host')).toHaveLength(2); // 'big' (80 hosts) cannot expand
    const big = nodes.find((n) => n.id === 'pool:big')!;
    expect(big.type === 'pool' && big.data.expandable).toBe(false);
    const host = nodes.find((n) => n.id === 'host:small-1')!;
    expect(host.parentId).toBe('pool:small');
    expect(host.extent).toBe('parent');
    expect(host.type === 'host' && host.data.host).toBe(1);
  });

  it('keeps node objects through a relayout unless they moved, and drags through a reset', () => {
    const i = info();
    syncInfra(i, 1);
    const a = infraGraphStore.getState();
    expect(a.expanded.has('small')).toBe(true);
    const region = a.nodes.find((n) => n.id === 'region:eu')!;
    setPoolExpanded('small', false);
    const b = infraGraphStore.getState();
    expect(b.nodes.some((n) => n.type === 'host')).toBe(false);
    expect(b.nodes.find((n) => n.id === 'pool:big')).toBe(a.nodes.find((n) => n.id === 'pool:big'));
    setPoolExpanded('big', true); // too big: nothing happens
    expect(infraGraphStore.getState()).toBe(b);

    applyInfraChanges([{ type: 'position', id: 'region:eu', position: { x: 2000, y: 50 }, dragging: false }]);
    const c = infraGraphStore.getState();
    expect(c.overrides.get('region:eu')).toEqual({ x: 2000, y: 50 });
    expect(c.nodes.find((n) => n.id === 'region:eu')!.position).toEqual({ x: 2000, y: 50 });
    expect(c.nodes.find((n) => n.id === 'region:eu')).not.toBe(region);
    setPoolExpanded('small', true);
    expect(infraGraphStore.getState().nodes.find((n) => n.id === 'region:eu')!.position).toEqual({ x: 2000, y: 50 });
    // The same load (a reset) keeps everything; a new load starts over.
    syncInfra(i, 1);
    expect(infraGraphStore.getState().overrides.size).toBe(1);
    syncInfra(info(), 2);
    expect(infraGraphStore.getState().overrides.size).toBe(0);
    syncInfra(null, 3);
    expect(infraGraphStore.getState().nodes).toEqual([]);
  });
});

describe('the placement explanation', () => {
  it('names plug-in columns once, without the raw values, and words reasons plainly', async () => {
    const { scoreColumns, reasonText } = await import('./ExplanationView');
    expect(
      scoreColumns([
        { host: 'a', total: 450, plugins: { MostAllocated: 50, 'MostAllocated.raw': 50, TaintToleration: 300, 'TaintToleration.raw': 100 } },
        { host: 'b', total: 10, plugins: { MostAllocated: 10, Extra: 1 } },
      ]),
    ).toEqual(['MostAllocated', 'TaintToleration', 'Extra']);
    expect(reasonText({ 'host unavailable': 2 }, 2)).toBe('host unavailable');
    expect(reasonText({ 'insufficient memory': 3, 'wrong zone': 2 }, 5)).toBe('3 insufficient memory, 2 wrong zone');
    expect(reasonText({}, 0)).toBe('');
  });
});
