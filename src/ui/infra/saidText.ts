/**
 * Says what the compute model said in the console's language, from its structure: a log entry's or
 * an operation's code and parameters, states, scheduler filter reasons (a closed vocabulary of the
 * core's filters), invariant rules and the placement summary rebuilt from an explanation's counts.
 * Anything without a known code stays in the core's English. Display only.
 */
import type { PlacementExplanation } from '../../workers/sim.worker';
import type { Said, SaidParam, SaidParams } from '../../core/index';
import type { Lang } from '../i18n/lang';
import { formatInt } from '../format';
import { translator, type Params } from '../i18n/messages';
import { filterMessages, reasonMessages, stateMessages } from './reasons.messages';

const has = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

type StateKey = keyof typeof stateMessages.en;

/** A state name (instance, host, zone, link) in the language; unknown ones as they are. */
export function stateText(lang: Lang, state: string): string {
  const key = state === 'not provisioned' ? 'notProvisioned' : state;
  return has(stateMessages.en, key) ? translator(stateMessages, lang)(key as StateKey) : state;
}

function paramText(lang: Lang, name: string, v: SaidParam): string | number {
  if (Array.isArray(v)) return (v as readonly Said[]).map((x) => saidText(lang, x.code, x.params, x.text)).join(translator(filterMessages, lang)('listSep'));
  if (typeof v === 'object') {
    const said = v as Said;
    return saidText(lang, said.code, said.params, said.text);
  }
  if (typeof v === 'string' && (name === 'state' || name === 'kind')) return stateText(lang, v);
  if (typeof v === 'string' && (name === 'reason' || name === 'summary')) return filterReasonText(lang, v);
  return v;
}

type ReasonKey = keyof typeof reasonMessages.en;

/** Something the core said (code + params), or `fallback` (its English) when the code is unknown. */
export function saidText(lang: Lang, code: string | undefined, params: SaidParams | undefined, fallback: string): string {
  if (code === undefined || !has(reasonMessages.en, code)) return fallback;
  const p: Record<string, string | number> = {};
  if (params) for (const [k, v] of Object.entries(params)) p[k] = paramText(lang, k, v);
  return translator(reasonMessages, lang)(code as ReasonKey, p as Params);
}

const FIXED: Readonly<Record<string, keyof typeof filterMessages.en>> = {
  'host unavailable': 'hostUnavailable',
  'insufficient cpu': 'insufficientCpu',
  'insufficient memory': 'insufficientMemory',
  'insufficient gpu': 'insufficientGpu',
  'wrong zone': 'wrongZone',
  'dedicated to another tenant': 'dedicatedOther',
  'affinity not satisfied': 'affinity',
  'anti-affinity conflict': 'antiAffinity',
  'held by untenanted instances': 'heldUntenanted',
};

/** The parameterised reasons of the core's filters (filters.ts taintReason/spreadReason, tenancy/isolation.ts). */
const PATTERNS: ReadonlyArray<[RegExp, keyof typeof filterMessages.en, string]> = [
  [/^untolerated taint (.+)$/, 'taint', 'key'],
  [/^topology spread \(max skew (\d+)\)$/, 'spread', 'n'],
  [/^pool not dedicated to tenant (.+)$/, 'poolNotDedicated', 'tenant'],
  [/^held by tenant (.+) \(dedicated hosts\)$/, 'heldDedicated', 'tenant'],
  [/^held by tenant (.+)$/, 'heldByTenant', 'tenant'],
];

/** A scheduler filter's reason in the language; any other text as it is. */
export function filterReasonText(lang: Lang, reason: string): string {
  if (lang === 'en') return reason;
  const t = translator(filterMessages, lang);
  const fixed = FIXED[reason];
  if (fixed) return t(fixed);
  for (const [re, key, name] of PATTERNS) {
    const m = re.exec(reason);
    if (m) return t(key, { [name]: m[1]! });
  }
  return reason;
}

/** "insufficient memory" when one reason covers every host removed, else "3 insufficient memory, 2 wrong zone". */
export function reasonListText(lang: Lang, reasons: Readonly<Record<string, number>>, removed: number): string {
  const entries = Object.entries(reasons);
  if (entries.length === 1 && entries[0]![1] === removed) return filterReasonText(lang, entries[0]![0]);
  const t = translator(filterMessages, lang);
  return entries.map(([why, n]) => t('countedReason', { n: formatInt(n), reason: filterReasonText(lang, why) })).join(t('listSep'));
}

const formatScore = (x: number): string => String(Math.round(x * 10) / 10);

/**
 * The explanation's summary from its structure, as the scheduler words it: "placed on h (score s;
 * e of n hosts examined, f feasible)", "0/n hosts available: 3 insufficient memory, …", with
 * "; preemption: evicting k lower-priority instances on h" when it preempts.
 */
export function summaryText(lang: Lang, e: PlacementExplanation, strategy: string): string {
  const t = translator(filterMessages, lang);
  const counts = { examined: e.examined, total: e.totalHosts, feasible: e.feasible };
  if (e.winner !== null && e.preempted.length === 0) {
    const top = e.scores.find((s) => s.host === e.winner);
    return top ? t('placedScore', { host: e.winner, score: formatScore(top.total), ...counts }) : t('placedStrategy', { host: e.winner, strategy, ...counts });
  }
  const all = new Map<string, number>();
  for (const f of e.filters) for (const [r, c] of Object.entries(f.reasons)) all.set(r, (all.get(r) ?? 0) + c);
  const parts = [...all].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const failure =
    parts.length === 0
      ? t('noneAvailable', { total: e.totalHosts })
      : t('noneAvailableWhy', { total: e.totalHosts, reasons: parts.map(([r, c]) => t('countedReason', { n: c, reason: filterReasonText(lang, r) })).join(t('listSep')) });
  return e.winner !== null ? t('preempting', { failure, n: e.preempted.length, host: e.winner }) : failure;
}

const RULES: Readonly<Record<string, keyof typeof filterMessages.en>> = {
  capacity: 'ruleCapacity',
  'failed-host': 'ruleFailedHost',
  isolation: 'ruleIsolation',
  'anti-affinity': 'ruleAntiAffinity',
  bookkeeping: 'ruleBookkeeping',
};

/** An invariant rule's name in the language (the id in English, as the core names it). */
export function ruleText(lang: Lang, rule: string): string {
  const key = RULES[rule];
  return key && lang !== 'en' ? translator(filterMessages, lang)(key) : rule;
}
