import type { RandomStream } from '../../engine/random';
import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/** Uniform random choice. */
class RandomChoice implements LoadBalancer {
  constructor(private readonly rng: RandomStream) {}
  pick(view: ReplicaView): number {
    return this.rng.below(view.size);
  }
}

export const random: LoadBalancerFactory = (rng) => new RandomChoice(rng);
