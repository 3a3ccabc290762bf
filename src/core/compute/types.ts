/**
 * The compute model's shared vocabulary: hosts in a struct-of-arrays table (10,000 hosts must be
 * cheap to scan), instance requests, and the scheduler's plug-in interfaces. Scheduler plug-ins see
 * only a read-only `SchedulingContext`, never the simulation.
 */

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
}

export interface Toleration {
  key: string;
  /** Absent: tolerates any value of the key. */
  value?: string;
  /** Absent: tolerates every effect. */
  effect?: TaintEffect;
}

import type { HostTenants } from '../tenancy/isolation';

/** Read-only view of every host, indexed 0..count-1. Capacities already include overcommit. */
export interface HostTable {
  readonly count: number;
  readonly id: readonly string[];
  /** Pool, zone and region of each host, as indices into the lists below. */
  readonly pool: Int32Array;
  readonly zone: Int32Array;
  readonly region: Int32Array;
  readonly zoneNames: readonly string[];
  readonly regionNames: readonly string[];
  readonly poolNames: readonly string[];
  /** Allocatable capacity (vCPU × cpu overcommit, GiB × memory overcommit, GPUs). */
  readonly cpuCap: Float64Array;
  readonly memCap: Float64Array;
  readonly gpuCap: Float64Array;
  /** Sum of the requests of the instances bound to each host. */
  readonly cpuAlloc: Float64Array;
  readonly memAlloc: Float64Array;
  readonly gpuAlloc: Float64Array;
  /** Instances bound to each host. */
  readonly instances: Int32Array;
  /** 1 when the host is usable: up (not failed), powered on, and not cordoned (draining). */
  readonly schedulable: Uint8Array;
  /** Taints per pool (every host of a pool carries its pool's taints). */
  readonly poolTaints: ReadonlyArray<readonly Taint[]>;
  /** Tenant a pool is dedicated to (dedicated hosts), or null for shared pools. */
  readonly poolDedicatedTo: ReadonlyArray<string | null>;
  /** Instances per tenant per host and tenants' isolation levels (absent: no tenant is isolated). */
  readonly tenants?: HostTenants;
  /** Instances per (host, group) for affinity, anti-affinity and topology spread: groupCount(host, group). */
  groupCount(host: number, group: number): number;
  /** Instances of a group per zone (topology spread), indexed by zone. */
  groupZoneCount(group: number): Int32Array;
}

/** What an instance asks of the scheduler. */
export interface InstanceRequest {
  /** Instance index (for explanations and preemption). */
  instance: number;
  cpu: number;
  mem: number;
  gpu: number;
  /** Zones it may run in (indices); null = any. */
  zones: Int32Array | null;
  tolerations: readonly Toleration[];
  /** Its group (e.g. the service its replicas belong to), or −1. */
  group: number;
  /** Place on hosts that already run an instance of these groups (required). */
  affinity: Int32Array;
  /** Never share a host with an instance of these groups (required). */
  antiAffinity: Int32Array;
  /** Topology spread over zones: max skew, and whether it is a hard rule (DoNotSchedule) or a preference (ScheduleAnyway); null = none. */
  spread: { maxSkew: number; hard: boolean } | null;
  priority: number;
  /** Owning tenant (dedicated pools take only their tenant), or null. */
  tenant: string | null;
}

/** The read-only context plug-ins get. */
export interface SchedulingContext {
  readonly hosts: HostTable;
  /** A random number in [0, 1) from the scheduler's own seeded stream (random strategy, sampling start). */
  random(): number;
}

/** A filter: null when the host passes, else a short reason in the Kubernetes style ("insufficient memory"). */
export interface FilterPlugin {
  readonly name: string;
  filter(ctx: SchedulingContext, req: InstanceRequest, host: number): string | null;
}

/** A score plug-in: 0..100 per host (higher is better), combined as a weighted sum. */
export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  score(ctx: SchedulingContext, req: InstanceRequest, host: number): number;
}

/** Placement strategies (which score plug-ins run and how the winner is chosen). */
export const PLACEMENT_STRATEGIES = ['least-allocated', 'most-allocated', 'balanced', 'first-fit', 'random', 'zone-round-robin'] as const;
export type PlacementStrategy = (typeof PLACEMENT_STRATEGIES)[number];

export interface SchedulerConfig {
  strategy: PlacementStrategy;
  /** Percentage of hosts to find feasible before scoring stops filtering (0 = Kubernetes' adaptive default). */
  percentageOfNodesToScore: number;
  /** Preempt lower-priority instances when nothing fits. */
  preemption: boolean;
}

/** Why a host was or was not chosen: everything the console and the CLI show for a placement. */
export interface PlacementExplanation {
  instance: number;
  time: number;
  totalHosts: number;
  /** Hosts examined (filtering stops once enough feasible hosts are found). */
  examined: number;
  /** Per filter, in pipeline order: how many examined hosts it removed, by reason. */
  filters: Array<{ name: string; removed: number; reasons: Record<string, number> }>;
  feasible: number;
  /**
   * Scores of the best feasible hosts (at most 10), highest first. `total` is the weighted sum of
   * the plug-ins (weights from kube-scheduler, so up to 100 × the sum of weights); `plugins[name]`
   * is a plug-in's weighted value and `plugins[name + '.raw']` its raw 0..100 score.
   */
  scores: Array<{ host: string; total: number; plugins: Record<string, number> }>;
  winner: string | null;
  /** Kubernetes-style summary, e.g. "0/40 hosts available: 31 insufficient memory, 9 wrong zone". */
  summary: string;
  /** Instances evicted to make room (preemption). */
  preempted: number[];
}
