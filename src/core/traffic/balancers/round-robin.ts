import type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/** Round robin: replicas in turn, whatever their load. */
class RoundRobin implements LoadBalancer {
  private next = 0;
  pick(view: ReplicaView): number {
    if (this.next >= view.size) this.next = 0;
    return this.next++;
  }
}

export const roundRobin: LoadBalancerFactory = () => new RoundRobin();
