import type { RandomStream } from '../../engine/random';

/**
 * What a load balancer may see: a read-only view of the replicas behind it. Policies never get
 * the simulation, only this.
 */
export interface ReplicaView {
  /** Number of replicas. */
  readonly size: number;
  /** Requests being served by replica i. */
  active(i: number): number;
  /** Requests waiting at replica i. */
  queued(i: number): number;
}

export interface LoadBalancer {
  /** Picks the replica for the next request. */
  pick(view: ReplicaView): number;
}

export type LoadBalancerFactory = (rng: RandomStream) => LoadBalancer;
