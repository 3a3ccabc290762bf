import { noHealthyReplica } from './healthy-list';
import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/**
 * Least connections over the healthy replicas, weighted by Envoy's rule: the replica with the
 * largest effective weight weight(i) / (outstanding(i) + 1), where outstanding = active + queued
 * (Envoy's least-request formula with active_request_bias 1.0). With equal weights this is simply
 * the replica with the fewest outstanding requests.
 *
 * Differences from Envoy: Envoy uses these effective weights in a weighted round-robin (EDF)
 * schedule when weights differ, and power of two choices when they are equal; here the argmax is
 * taken deterministically over all healthy replicas (O(n) per pick).
 *
 * Ties go to the first tied replica at or after the previous pick + 1 (a rotating start), so
 * equal replicas share the load instead of the lowest index taking every tie. Comparisons are
 * cross-multiplied (w_a·(o_b+1) vs w_b·(o_a+1)), so there is no division rounding.
 */
class LeastConnections implements LoadBalancer {
  private start = 0;
  pick(view: ReplicaView): number {
    const n = view.size;
    let i = this.start < n ? this.start : 0;
    let best = -1;
    let bestW = 0;
    let bestL = 0; // outstanding + 1
    for (let k = 0; k < n; k++) {
      if (view.healthy(i)) {
        const w = view.weight(i);
        const l = view.active(i) + view.queued(i) + 1;
        if (best < 0 || w * bestL > bestW * l) {
          best = i;
          bestW = w;
          bestL = l;
        }
      }
      if (++i === n) i = 0;
    }
    if (best < 0) return noHealthyReplica();
    this.start = best + 1;
    return best;
  }
}

export const leastConnections: LoadBalancerFactory = () => new LeastConnections();
