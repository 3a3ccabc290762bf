import { noHealthyReplica } from './healthy-list';
import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/**
 * Round robin: replicas in index order, whatever their load or weight, skipping any that are out
 * of rotation. The cursor moves past the replica just picked, so a replica that returns to
 * rotation rejoins the cycle where it stands. O(1) when all are healthy, O(n) at worst.
 */
class RoundRobin implements LoadBalancer {
  private next = 0;
  pick(view: ReplicaView): number {
    const n = view.size;
    let i = this.next < n ? this.next : 0;
    for (let k = 0; k < n; k++) {
      if (view.healthy(i)) {
        this.next = i + 1;
        return i;
      }
      if (++i === n) i = 0;
    }
    return noHealthyReplica();
  }
}

export const roundRobin: LoadBalancerFactory = () => new RoundRobin();
