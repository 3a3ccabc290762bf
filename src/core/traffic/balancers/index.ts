import type { BalancerPolicy } from '../../scenario/schema';
import { leastConnections } from './least-connections';
import { powerOfTwo } from './power-of-two';
import { random } from './random';
import { roundRobin } from './round-robin';
import type { LoadBalancerFactory } from './types';

export type { LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/** The registry: one line per policy. */
export const BALANCERS: Readonly<Record<BalancerPolicy, LoadBalancerFactory>> = {
  'round-robin': roundRobin,
  random,
  'least-connections': leastConnections,
  'power-of-two': powerOfTwo,
};
