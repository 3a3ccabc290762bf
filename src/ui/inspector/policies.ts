/** Display names of the load-balancing policies (the type comes from the core; the words are the console's). */
import type { BalancerPolicy } from '../../workers/sim.worker';
import { currentLang, type Lang } from '../i18n/lang';
import { translator } from '../i18n/messages';
import { policyMessages, policyShortMessages } from './messages';
import { msg, type LocalText } from '../localText';

/**
 * Every policy, in the order the picker lists them, with its English name (the catalog in
 * messages.ts has both languages: show names with `policyLabel`). A policy added to the core fails
 * to compile here until named.
 */
export const POLICY_LABELS: Readonly<Record<BalancerPolicy, string>> = policyMessages.en;

export const POLICIES = Object.keys(POLICY_LABELS) as BalancerPolicy[];

function isPolicy(policy: string): policy is BalancerPolicy {
  return Object.prototype.hasOwnProperty.call(POLICY_LABELS, policy);
}

/** A policy's name in `lang` (the language shown now by default); an unknown id is shown as it is. */
export function policyLabel(policy: string | undefined, lang: Lang = currentLang()): string {
  if (policy === undefined) return '—';
  return isPolicy(policy) ? translator(policyMessages, lang)(policy) : policy;
}

/** A policy's name to keep in a store and put into words when shown (a notice). */
export function policyText(policy: string): LocalText {
  return isPolicy(policy) ? msg(policyMessages, policy) : policy;
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

export function policyShort(policy: string, lang: Lang = currentLang()): string {
  if (Object.prototype.hasOwnProperty.call(policyShortMessages.en, policy)) return translator(policyShortMessages, lang)(policy as keyof typeof policyShortMessages.en);
  return isPolicy(policy) ? POLICY_SHORT[policy] : policy;
}
