import { consistentHash } from './consistent-hash';
import { ipHash } from './ip-hash';
import { leastConnections } from './least-connections';
import { leastResponseTime } from './least-response-time';
import { maglev } from './maglev';
import { powerOfTwo } from './power-of-two';
import { random } from './random';
import { roundRobin } from './round-robin';
import type { LoadBalancerFactory } from './types';
import { weightedRoundRobin } from './weighted-round-robin';

export type { BalancerOptions, LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/** The balancer policies, in display order (the scenario schema's list of policy names). */
export const BALANCER_NAMES = [
  'round-robin',
  'weighted-round-robin',
  'least-connections',
  'least-response-time',
  'random',
  'power-of-two',
  'ip-hash',
  'consistent-hash',
  'maglev',
] as const;

export type BalancerName = (typeof BALANCER_NAMES)[number];

/** The registry: one line per policy. */
export const BALANCERS: Readonly<Record<BalancerName, LoadBalancerFactory>> = {
  'round-robin': roundRobin,
  'weighted-round-robin': weightedRoundRobin,
  'least-connections': leastConnections,
  'least-response-time': leastResponseTime,
  random,
  'power-of-two': powerOfTwo,
  'ip-hash': ipHash,
  'consistent-hash': consistentHash,
  maglev,
};
