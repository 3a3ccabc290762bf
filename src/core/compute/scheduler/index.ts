/** The placement scheduler: filter and score plug-ins, strategies, preemption, fragmentation. */
export { Scheduler, numFeasibleToFind, RAW_SUFFIX, EXPLAINED_SCORES, MIN_FEASIBLE_HOSTS_TO_FIND, MIN_FEASIBLE_PERCENTAGE_TO_FIND } from './scheduler';
export type { Placement, InstancesOn, HostInstance, Explanation } from './scheduler';
export {
  defaultFilters,
  toleratesTaint,
  isTolerated,
  lackingResource,
  FIT_EPSILON,
  NodeUnschedulable,
  NodeResourcesFit,
  ZoneFilter,
  TaintToleration,
  DedicatedHost,
  InterPodAffinity,
  PodTopologySpread,
} from './filters';
export type { SchedulerFilter, FilterBatch } from './filters';
export { TenantIsolation } from './isolation';
export { SCORE_WEIGHTS, LeastAllocated, MostAllocated, BalancedAllocation, TaintTolerationScore, PodTopologySpreadScore, leastRequested, mostRequested, balancedScore } from './scores';
export type { SchedulerScore } from './scores';
export { fragmentation, commonestShape } from './fragmentation';
export type { Shape } from './fragmentation';
export { scanOrder } from './zones';
