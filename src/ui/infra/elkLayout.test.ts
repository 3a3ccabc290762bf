import { describe, it, expect } from 'vitest';
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { elkGraph, elkPositions, layoutSignature, type ElkGraphNode } from './elkLayout';
import { infraLayout, POOL_HEADER, type InfraLayoutInput, type LayoutBox } from './infraLayout';
import { loadPositions, POSITIONS_KEY, savePositions } from './savedPositions';

const input: InfraLayoutInput = {
  queue: true,
  links: true,
  regions: [
    { id: 'eu', zones: [{ id: 'eu-a', pools: [{ id: 'small', hosts: 4, expanded: true }, { id: 'big', hosts: 300, expanded: false }] }, { id: 'eu-b', pools: [{ id: 'b1', hosts: 6, expanded: true }] }] },
    { id: 'us', zones: [{ id: 'us-a', pools: [{ id: 'u1', hosts: 12, expanded: false }, { id: 'u2', hosts: 2, expanded: true }, { id: 'u3', hosts: 9, expanded: false }] }] },
  ],
};
const hostIds = (pool: string): string[] => {
  const p = input.regions.flatMap((r) => r.zones.flatMap((z) => z.pools)).find((x) => x.id === pool)!;
  return Array.from({ length: p.hosts }, (_, i) => `${pool}-${i}`);
};

const overlap = (a: LayoutBox, b: LayoutBox): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the automatic (ELK) layout of nested groups', () => {
  it('places every node, and the boxes built on it nest without overlapping siblings', async () => {
    const graph = elkGraph(input, hostIds, 2);
    const laid = (await new ELK().layout(graph as ElkNode)) as ElkGraphNode;
    const auto = elkPositions(laid);
    // Inside the regions: 3 zones, 6 pools, 4 + 6 + 2 hosts of the expanded pools (the top level keeps the grid's row).
    expect(auto.size).toBe(3 + 6 + 12);
    const boxes = infraLayout(input, hostIds, auto);
    expect(boxes).toHaveLength(auto.size + 3);
    for (const b of boxes) if (b.parent) expect(auto.get(b.id)).toEqual({ x: b.x, y: b.y });
    const byParent = new Map<string, LayoutBox[]>();
    for (const b of boxes) byParent.set(b.parent ?? '', [...(byParent.get(b.parent ?? '') ?? []), b]);
    for (const [parent, kids] of byParent) {
      for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) expect(overlap(kids[i]!, kids[j]!), `${kids[i]!.id} and ${kids[j]!.id}`).toBe(false);
      if (!parent) continue;
      const p = boxes.find((b) => b.id === parent)!;
      for (const k of kids) {
        expect(k.x).toBeGreaterThanOrEqual(0);
        expect(k.x + k.width).toBeLessThanOrEqual(p.width);
        expect(k.y + k.height).toBeLessThanOrEqual(p.height);
      }
    }
    // Hosts sit below their pool's header (heat strip and figures).
    for (const b of boxes.filter((x) => x.id.startsWith('host:'))) expect(b.y).toBeGreaterThanOrEqual(POOL_HEADER);
  });

  it('lets dragged positions win over the automatic ones', async () => {
    const laid = (await new ELK().layout(elkGraph(input, hostIds, 2) as ElkNode)) as ElkGraphNode;
    const auto = elkPositions(laid);
    const dragged = new Map([['zone:eu-b', { x: 900, y: 700 }]]);
    const boxes = infraLayout(input, hostIds, new Map([...auto, ...dragged]));
    const zone = boxes.find((b) => b.id === 'zone:eu-b')!;
    expect([zone.x, zone.y]).toEqual([900, 700]);
    // Its region grows to hold it.
    const region = boxes.find((b) => b.id === 'region:eu')!;
    expect(region.width).toBeGreaterThanOrEqual(900 + zone.width);
  });

  it('reads no position from nodes ELK did not place', () => {
    expect(elkPositions({ id: 'root', children: [{ id: 'r', x: 0, y: 0, children: [{ id: 'a' }, { id: 'b', x: 1, y: Number.NaN }, { id: 'c', x: 3, y: 4 }] }] })).toEqual(new Map([['c', { x: 3, y: 4 }]]));
  });

  it('names the scenario shape, not the expanded pools', () => {
    const folded = { ...input, regions: input.regions.map((r) => ({ ...r, zones: r.zones.map((z) => ({ ...z, pools: z.pools.map((p) => ({ ...p, expanded: false })) })) })) };
    expect(layoutSignature(folded)).toBe(layoutSignature(input));
    const other = { ...input, regions: [input.regions[0]!] };
    expect(layoutSignature(other)).not.toBe(layoutSignature(input));
  });
});

describe('dragged positions saved per scenario', () => {
  const store = () => {
    const m = new Map<string, string>();
    return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
  };
  it('round-trips, rounded to a tenth of a pixel', () => {
    const s = store();
    expect(savePositions('abc', new Map([['pool:p', { x: 10.04, y: -3.26 }]]), s)).toBe(true);
    expect(loadPositions('abc', s)).toEqual(new Map([['pool:p', { x: 10, y: -3.3 }]]));
    expect(loadPositions('other', s).size).toBe(0);
  });
  it('reads bad or foreign data as no positions', () => {
    const s = store();
    for (const raw of ['{', '[]', 'null', '{"a":[1]}', '{"a":["1",2]}', '{"a":[1e999,2]}']) {
      s.m.set(`${POSITIONS_KEY}k`, raw);
      expect(loadPositions('k', s).size, raw).toBe(0);
    }
    s.m.set(`${POSITIONS_KEY}k`, '{"a":[1,2],"b":"x"}');
    expect(loadPositions('k', s)).toEqual(new Map([['a', { x: 1, y: 2 }]]));
  });
  it('says so when the storage refuses', () => {
    const refusing = { getItem: () => null, setItem: () => { throw new Error('quota'); } };
    expect(savePositions('k', new Map([['a', { x: 1, y: 2 }]]), refusing)).toBe(false);
    expect(savePositions('k', new Map(), null)).toBe(false);
  });
});
