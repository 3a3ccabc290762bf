import { noHealthyReplica } from './healthy-list';
import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/**
 * Smooth weighted round robin, nginx's algorithm (ngx_http_upstream_round_robin.c, 2012). Each
 * replica keeps a `current` score. At every pick, every healthy replica adds its weight to its
 * `current`; the replica with the largest `current` is chosen (ties: lowest index) and the sum of
 * the healthy weights is subtracted from its `current`.
 *
 * With integer weights w_i summing to W, every W consecutive picks from a fresh start contain
 * replica i exactly w_i times, and the picks are interleaved rather than bursty: weights 5, 1, 1
 * give a a b a c a a. Non-integer weights give the same proportions in the long run.
 *
 * Weights and health are read at every pick (O(n) per pick, as in nginx); out-of-rotation
 * replicas neither gain nor are chosen. membershipChanged resets every `current` to 0, so a new
 * exact cycle starts from the new membership or weights.
 */
class WeightedRoundRobin implements LoadBalancer {
  private current = new Float64Array(0);

  pick(view: ReplicaView): number {
    const n = view.size;
    if (this.current.length !== n) this.current = new Float64Array(n);
    const cur = this.current;
    let best = -1;
    let bestScore = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!view.healthy(i)) continue;
      const w = view.weight(i);
      total += w;
      const c = (cur[i] as number) + w;
      cur[i] = c;
      if (best < 0 || c > bestScore) {
        best = i;
        bestScore = c;
      }
    }
    if (best < 0) return noHealthyReplica();
    cur[best] = bestScore - total;
    return best;
  }

  membershipChanged(view: ReplicaView): void {
    this.current = new Float64Array(view.size);
  }
}

export const weightedRoundRobin: LoadBalancerFactory = () => new WeightedRoundRobin();
