import type { RandomStream } from '../../engine/random';

/**
 * What a load balancer may see: a read-only view of the replicas behind it. Policies never get
 * the simulation, only this.
 */
export interface ReplicaView {
  /** Number of replicas (indices 0..size-1; the set is fixed for the balancer's lifetime). */
  readonly size: number;
  /** Requests being served by replica i. */
  active(i: number): number;
  /** Requests waiting at replica i. */
  queued(i: number): number;
  /** Configured weight of replica i (> 0; 1 unless the scenario says otherwise). */
  weight(i: number): number;
  /** Whether replica i is in rotation (health checks passed). At least one is when pick() is called. */
  healthy(i: number): boolean;
  /** Moving average of replica i's recent response times, seconds; NaN before its first response. */
  responseTime(i: number): number;
}

export interface LoadBalancer {
  /**
   * Picks a healthy replica for the next request. `key` is the request's affinity key (a 32-bit
   * unsigned hash of the client or session id); hash-based policies route on it, others ignore it.
   */
  pick(view: ReplicaView, key: number): number;
  /** Called after replicas enter or leave rotation (health) or weights change; rebuild tables here. */
  membershipChanged?(view: ReplicaView): void;
}

/** Options from the scenario's `loadBalancer` block. */
export interface BalancerOptions {
  /** Virtual nodes per replica for the ring (default 160). */
  virtualNodes?: number;
  /** Maglev lookup-table size, a prime (default 65537). */
  tableSize?: number;
  /** Least response time: EWMA smoothing factor per response, 0 < alpha ≤ 1 (default 0.2). */
  alpha?: number;
  /** Power of d choices (default 2). */
  choices?: number;
}

export type LoadBalancerFactory = (rng: RandomStream, options: BalancerOptions) => LoadBalancer;
