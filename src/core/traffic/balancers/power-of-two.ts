import type { RandomStream } from '../../engine/random';
import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/**
 * Power of two choices (Azar et al. 1999; Mitzenmacher 2001): sample two distinct replicas at
 * random and send to the one with fewer outstanding requests (ties: the first sampled). This is
 * Envoy's "least request" with choice_count 2 for equal weights.
 */
class PowerOfTwo implements LoadBalancer {
  constructor(private readonly rng: RandomStream) {}
  pick(view: ReplicaView): number {
    const n = view.size;
    if (n === 1) return 0;
    const a = this.rng.below(n);
    let b = this.rng.below(n - 1);
    if (b >= a) b++;
    const la = view.active(a) + view.queued(a);
    const lb = view.active(b) + view.queued(b);
    return lb < la ? b : a;
  }
}

export const powerOfTwo: LoadBalancerFactory = (rng) => new PowerOfTwo(rng);
