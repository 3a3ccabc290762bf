import { noHealthyReplica } from './healthy-list';
import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/**
 * Least response time, in the style of NGINX Plus `least_time` (which combines a moving average
 * of response times with the number of active connections, taking weights into account).
 *
 * Exactly: among the healthy replicas,
 *  1. replicas with no measurement yet (responseTime NaN) come first, so every replica gets tried;
 *     among them, the one with the largest weight / (outstanding + 1) wins (as least-connections);
 *  2. otherwise the replica with the lowest cost responseTime(i) × (outstanding(i) + 1) / weight(i)
 *     wins, where outstanding = active + queued and responseTime is the view's moving average
 *     (an EWMA with the scenario's `alpha`; this policy does not smooth anything itself). With
 *     equal weights the cost is responseTime × (outstanding + 1): the expected wait for a new
 *     request if the replica serves its outstanding work at its recent pace;
 *  3. equal costs go to the larger weight / (outstanding + 1), then to the first tied replica at or
 *     after the previous pick + 1 (a rotating start, as least-connections).
 *
 * O(n) per pick.
 */
class LeastResponseTime implements LoadBalancer {
  private start = 0;
  pick(view: ReplicaView): number {
    const n = view.size;
    let i = this.start < n ? this.start : 0;
    let best = -1;
    let bestFresh = false; // best has no measurement yet
    let bestCost = 0;
    let bestW = 0;
    let bestL = 0;
    for (let k = 0; k < n; k++) {
      if (view.healthy(i)) {
        const rt = view.responseTime(i);
        const fresh = Number.isNaN(rt);
        const w = view.weight(i);
        const l = view.active(i) + view.queued(i) + 1;
        const cost = fresh ? 0 : (rt * l) / w;
        let better: boolean;
        if (best < 0) better = true;
        else if (fresh !== bestFresh) better = fresh;
        else better = cost < bestCost || (cost === bestCost && w * bestL > bestW * l);
        if (better) {
          best = i;
          bestFresh = fresh;
          bestCost = cost;
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

export const leastResponseTime: LoadBalancerFactory = () => new LeastResponseTime();
