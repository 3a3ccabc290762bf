import { describe, it, expect } from 'vitest';
import type { TopologyInfo } from '../../workers/sim.worker';
import { applyTopologyChanges, syncTopology, topologyStore } from './topologyStore';

function info(arrival = 'poisson', target = 'api'): TopologyInfo {
  return {
    metricsInterval: 1,
    services: [
      { id: 'api', replicas: 4, concurrency: 1, queue: 'per-replica', policy: 'round-robin', calls: [{ service: 'db', probability: 1 }], callMode: 'sequential', slo: null },
      { id: 'db', replicas: 2, concurrency: 1, queue: 'shared', policy: 'round-robin', calls: [], callMode: null, slo: null },
    ],
    workloads: [{ id: 'users', target, arrival }],
  };
}

describe('topology store', () => {
  it('keeps node and edge objects identical when the same topology comes again', () => {
    syncTopology(info());
    const a = topologyStore.getState();
    expect(a.nodes.map((n) => n.id)).toEqual(['svc:api', 'wl:users', 'svc:db']);
    expect(a.edges.map((e) => e.id)).toEqual(['wl:users', 'call:api:db']);
    syncTopology(info()); // e.g. a reset: new objects from the worker, same content
    const b = topologyStore.getState();
    expect(b).toBe(a);
  });

  it('keeps dragged positions for the same topology, replacing only nodes whose data changed', () => {
    syncTopology(info());
    applyTopologyChanges([{ type: 'position', id: 'svc:db', position: { x: 999, y: 111 } }]);
    const dragged = topologyStore.getState();
    const api = dragged.nodes.find((n) => n.id === 'svc:api');
    expect(dragged.nodes.find((n) => n.id === 'svc:db')!.position).toEqual({ x: 999, y: 111 });

    syncTopology(info('trace')); // a trace import: same shape, the workload's arrival changed
    const after = topologyStore.getState();
    expect(after.nodes.find((n) => n.id === 'svc:db')!.position).toEqual({ x: 999, y: 111 });
    expect(after.nodes.find((n) => n.id === 'svc:api')).toBe(api);
    const wl = after.nodes.find((n) => n.id === 'wl:users')!;
    expect(wl.type === 'workload' && wl.data.workload.arrival).toBe('trace');
    expect(after.edges).toBe(dragged.edges);

    syncTopology(info('poisson', 'db')); // another shape: laid out afresh
    const fresh = topologyStore.getState();
    expect(fresh.signature).not.toBe(after.signature);
    expect(fresh.nodes.find((n) => n.id === 'svc:db')!.position).not.toEqual({ x: 999, y: 111 });
  });
});
