/** Names of the infrastructure's kinds (regions, links, strategies) in the console's language. Display only. */
import { formatSpan } from '../format';
import type { Translate } from '../i18n/messages';
import type { infraMessages } from './messages';

export type InfraT = Translate<keyof typeof infraMessages.en & string>;

const REGION_KINDS = { private: 'regionPrivate', public: 'regionPublic', edge: 'regionEdge' } as const;
const LINK_KINDS = { backbone: 'linkBackbone', vpn: 'linkVpn', dedicated: 'linkDedicated' } as const;
const STRATEGIES = {
  'least-allocated': 'strategyLeastAllocated',
  'most-allocated': 'strategyMostAllocated',
  balanced: 'strategyBalanced',
  'first-fit': 'strategyFirstFit',
  random: 'strategyRandom',
  'zone-round-robin': 'strategyZoneRoundRobin',
} as const;

function named<T extends Record<string, string>>(table: T, t: InfraT, id: string): string {
  const key = Object.prototype.hasOwnProperty.call(table, id) ? (table[id] as keyof typeof infraMessages.en & string) : null;
  return key ? t(key) : id;
}

export const regionKindText = (t: InfraT, kind: string): string => named(REGION_KINDS, t, kind);
export const linkKindText = (t: InfraT, kind: string): string => named(LINK_KINDS, t, kind);
export const strategyText = (t: InfraT, strategy: string): string => named(STRATEGIES, t, strategy);

/** "dedicated · 8 ms · 10 Gbit/s" (only the kind is a word; the rest are figures and units). */
export function linkLabel(kind: string, latency: number, gbps: number, t: InfraT): string {
  return `${linkKindText(t, kind)} · ${formatSpan(latency)} · ${gbps} Gbit/s`;
}
