/** Display names of the load-balancing policies (the type comes from the core; the words are the console's). */
import type { BalancerPolicy } from '../../workers/sim.worker';

/** Every policy, in the order the picker lists them. A policy added to the core fails to compile here until named. */
export const POLICY_LABELS: Readonly<Record<BalancerPolicy, string>> = {
  'round-robin': 'Round robin',
  'weighted-round-robin': 'Weighted round robin',
  'least-connections': 'Least connections',
  'least-response-time': 'Least response time',
  random: 'Random',
  'power-of-two': 'Power of two choices',
  'ip-hash': 'IP hash',
  'consistent-hash': 'Consistent hash (ring)',
  maglev: 'Maglev',
};

export const POLICIES = Object.keys(POLICY_LABELS) as BalancerPolicy[];

export function policyLabel(policy: string | undefined): string {
  if (policy === undefined) return '—';
  return Object.prototype.hasOwnProperty.call(POLICY_LABELS, policy) ? POLICY_LABELS[policy as BalancerPolicy] : policy;
}

/** Short names for chart markers. */
export const POLICY_SHORT: Readonly<Record<BalancerPolicy, string>> = {
  'round-robin': 'RR',
  'weighted-round-robin': 'WRR',
  'least-connections': 'LC',
  'least-response-time': 'LRT',
  random: 'Random',
  'power-of-two': 'P2C',
  'ip-hash': 'IP hash',
  'consistent-hash': 'Ring',
  maglev: 'Maglev',
};

export function policyShort(policy: string): string {
  return Object.prototype.hasOwnProperty.call(POLICY_SHORT, policy) ? POLICY_SHORT[policy as BalancerPolicy] : policy;
}
