import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/**
 * Least connections: the replica with the fewest outstanding requests (serving + waiting). Ties go
 * to the replica after the previous pick (a rotating start), so equal replicas share the load
 * instead of the first one taking every tie.
 */
class LeastConnections implements LoadBalancer {
  private start = 0;
  pick(view: ReplicaView): number {
    const n = view.size;
    if (this.start >= n) this.start = 0;
    let best = this.start;
    let bestLoad = view.active(best) + view.queued(best);
    for (let k = 1; k < n && bestLoad > 0; k++) {
      let i = this.start + k;
      if (i >= n) i -= n;
      const load = view.active(i) + view.queued(i);
      if (load < bestLoad) {
        best = i;
        bestLoad = load;
      }
    }
    this.start = best + 1;
    return best;
  }
}

export const leastConnections: LoadBalancerFactory = () => new LeastConnections();
