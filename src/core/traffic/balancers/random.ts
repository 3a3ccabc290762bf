import type { RandomStream } from '../../engine/random';
import { noHealthyReplica } from './healthy-list';
import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

const TRIES = 4;

/**
 * Uniform random choice among the healthy replicas (weights are ignored).
 *
 * Up to 4 draws of a uniform replica index, keeping the first healthy one (rejection sampling:
 * given success, uniform over the healthy replicas); if all 4 land on unhealthy replicas, one
 * more draw picks uniformly by rank among the healthy ones (an O(n) count and walk). Each branch
 * is uniform over the healthy set, so the mixture is too. With every replica healthy this is one
 * `below(n)` draw per pick, O(1); it needs no membership notifications.
 */
class RandomChoice implements LoadBalancer {
  constructor(private readonly rng: RandomStream) {}
  pick(view: ReplicaView): number {
    const n = view.size;
    for (let t = 0; t < TRIES; t++) {
      const i = this.rng.below(n);
      if (view.healthy(i)) return i;
    }
    let h = 0;
    for (let i = 0; i < n; i++) if (view.healthy(i)) h++;
    if (h === 0) return noHealthyReplica();
    let r = this.rng.below(h);
    for (let i = 0; i < n; i++) {
      if (view.healthy(i) && r-- === 0) return i;
    }
    return noHealthyReplica(); // unreachable
  }
}

export const random: LoadBalancerFactory = (rng) => new RandomChoice(rng);
