import { describe, it, expect } from 'vitest';
import { callDepths, layeredLayout, serviceNodeSize, topologySignature, type LayoutInput } from './layout';
import { edgeWidth, IDLE_WIDTH } from './edgeStyle';
import { failureColor } from '../colors';

const twoTier: LayoutInput = {
  services: [
    { id: 'api', replicas: 20, calls: [{ service: 'auth' }, { service: 'db' }] },
    { id: 'auth', replicas: 6, calls: [] },
    { id: 'db', replicas: 8, calls: [] },
  ],
  workloads: [{ id: 'users', target: 'api' }],
};

describe('layered layout', () => {
  it('puts workloads in column 0 and services by call depth', () => {
    const boxes = layeredLayout(twoTier);
    const col = Object.fromEntries(boxes.map((b) => [b.id, b.column]));
    expect(col).toEqual({ 'wl:users': 0, 'svc:api': 1, 'svc:auth': 2, 'svc:db': 2 });
    const byId = new Map(boxes.map((b) => [b.id, b]));
    // Columns go left to right without overlapping; nodes of a column do not overlap vertically.
    expect(byId.get('wl:users')!.x + byId.get('wl:users')!.width).toBeLessThan(byId.get('svc:api')!.x);
    expect(byId.get('svc:api')!.x + byId.get('svc:api')!.width).toBeLessThan(byId.get('svc:auth')!.x);
    const auth = byId.get('svc:auth')!;
    const db = byId.get('svc:db')!;
    expect(auth.y + auth.height).toBeLessThanOrEqual(db.y);
    // Every column is centred on the same line.
    const mid = (b: { y: number; height: number }) => b.y + b.height / 2;
    expect(mid(byId.get('wl:users')!)).toBeCloseTo(mid(byId.get('svc:api')!));
    expect((auth.y + db.y + db.height) / 2).toBeCloseTo(mid(byId.get('svc:api')!));
  });

  it('uses the deepest caller, keeps ids of workloads and services apart, and survives loops', () => {
    const input: LayoutInput = {
      services: [
        { id: 'edge', replicas: 2, calls: [{ service: 'api' }, { service: 'store' }] },
        { id: 'api', replicas: 2, calls: [{ service: 'store' }] },
        { id: 'store', replicas: 2, calls: [] },
        { id: 'lonely', replicas: 1, calls: [] },
      ],
      workloads: [
        { id: 'edge', target: 'edge' },
        { id: 'batch', target: 'store' },
      ],
    };
    expect(Object.fromEntries(callDepths(input.services))).toEqual({ edge: 1, api: 2, store: 3, lonely: 1 });
    const boxes = layeredLayout(input);
    expect(boxes.map((b) => b.id).sort()).toEqual(['svc:api', 'svc:edge', 'svc:lonely', 'svc:store', 'wl:batch', 'wl:edge']);
    // A loop (rejected by validation) does not hang the layout.
    const loop = callDepths([
      { id: 'a', replicas: 1, calls: [{ service: 'b' }] },
      { id: 'b', replicas: 1, calls: [{ service: 'a' }] },
    ]);
    expect(loop.size).toBe(2);
  });

  it('orders a column by its callers to avoid crossings', () => {
    const input: LayoutInput = {
      services: [
        { id: 'b-front', replicas: 1, calls: [{ service: 'b-back' }] },
        { id: 'a-front', replicas: 1, calls: [{ service: 'a-back' }] },
        { id: 'a-back', replicas: 1, calls: [] },
        { id: 'b-back', replicas: 1, calls: [] },
      ],
      workloads: [
        { id: 'wa', target: 'a-front' },
        { id: 'wb', target: 'b-front' },
      ],
    };
    const boxes = layeredLayout(input);
    const y = (id: string) => boxes.find((b) => b.id === id)!.y;
    expect(y('svc:b-back')).toBeLessThan(y('svc:a-back')); // follows b-front, which comes first
    expect(y('wl:wb')).toBeLessThan(y('wl:wa'));
  });

  it('sizes service nodes by their replica grid and signs topologies by shape', () => {
    expect(serviceNodeSize(16).height).toBeLessThan(serviceNodeSize(64).height);
    expect(serviceNodeSize(65).height).toBe(serviceNodeSize(10_000).height); // a heat strip beyond 64
    const moved = { ...twoTier, workloads: [{ id: 'users', target: 'auth' }] };
    expect(topologySignature(twoTier)).toBe(topologySignature(JSON.parse(JSON.stringify(twoTier)) as LayoutInput));
    expect(topologySignature(moved)).not.toBe(topologySignature(twoTier));
  });
});

describe('edge style', () => {
  it('widens with the rate on a log scale, from an idle width, capped', () => {
    expect(edgeWidth(0)).toBe(IDLE_WIDTH);
    expect(edgeWidth(Number.NaN)).toBe(IDLE_WIDTH);
    expect(edgeWidth(1)).toBeGreaterThan(IDLE_WIDTH);
    expect(edgeWidth(10)).toBeLessThan(edgeWidth(100));
    expect(edgeWidth(1000) - edgeWidth(100)).toBeCloseTo(edgeWidth(10_000) - edgeWidth(1000), 1);
    expect(edgeWidth(1e12)).toBe(14);
  });

  it('shades from slate to red with the failure fraction', () => {
    expect(failureColor(0)).toBe('rgb(100, 116, 139)');
    expect(failureColor(0.2)).toBe('rgb(220, 38, 38)');
    expect(failureColor(1)).toBe('rgb(220, 38, 38)');
    expect(failureColor(0.01)).not.toBe(failureColor(0));
  });
});
