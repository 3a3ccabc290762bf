import type { RandomStream } from '../../engine/random';
import { keyHash } from './hash';
import { HealthyList } from './healthy-list';
import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/**
 * Modulo hashing ("ip hash"): the healthy replicas in index order form a list, and a request
 * with affinity key k goes to list[hash(k) mod list.length], where hash is MurmurHash3's
 * finaliser of k XOR a per-balancer salt (one rng draw at creation, so two services do not map
 * the same clients to the same replica index). Weights are ignored. O(1) per pick.
 *
 * Sticky while membership is stable, but not consistent: when a replica leaves or joins, the
 * list length changes and most keys (about 1 − 1/N) move. (nginx's ip_hash instead rehashes
 * only the keys of a down server; this is the plain modulo scheme.) The list is rebuilt on
 * membershipChanged, or when the chosen replica turns out to be unhealthy.
 */
class IpHash implements LoadBalancer {
  private readonly healthy = new HealthyList();
  private readonly salt: number;

  constructor(rng: RandomStream) {
    this.salt = rng.uint32();
  }

  pick(view: ReplicaView, key: number): number {
    const hk = keyHash(this.salt, key);
    let h = this.healthy.ensure(view);
    let r = this.healthy.ids[hk % h] as number;
    if (!view.healthy(r)) {
      h = this.healthy.rebuild(view);
      r = this.healthy.ids[hk % h] as number;
    }
    return r;
  }

  membershipChanged(): void {
    this.healthy.invalidate();
  }
}

export const ipHash: LoadBalancerFactory = (rng) => new IpHash(rng);
