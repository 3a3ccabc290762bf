/**
 * The audit trail's sentences in the console's language: a decision's rule from its kind and values
 * (the core sends the English sentence with them), the result of an allowed action, and a denial.
 * English shows the core's own sentence, so it reads exactly as the CLI and the audit export.
 */
import type { Params, Translate } from '../i18n/messages';
import type { Lang } from '../i18n/lang';
import type { AuditEntry, Denial } from '../../workers/sim.worker';
import type { iamMessages } from './messages';

type Key = typeof iamMessages extends { en: infer E } ? keyof E & string : never;

const RULE_KINDS = new Set(['unknown-principal', 'explicit-deny', 'platform-admin', 'platform-resource', 'cross-tenant', 'role', 'statement', 'implicit-deny']);

/** The rule that decided, from its kind and values; the English sentence when they are missing. */
export function ruleText(t: Translate<Key>, lang: Lang, e: { kind?: string; rule: string; params?: Params }): string {
  if (lang === 'en' || e.kind === undefined || !RULE_KINDS.has(e.kind) || e.params === undefined) return e.rule;
  const text = t(`rule.${e.kind}` as Key, e.params);
  // A value the sentence needs but the decision lacks: keep the core's own words.
  return /\{\w+\}/.test(text) ? e.rule : text;
}

const RESULTS: ReadonlyArray<[RegExp, Key, (m: RegExpExecArray) => Params]> = [
  [/^(\S+) scaled to (\S+) replicas$/, 'result.scaled', (m) => ({ service: m[1]!, replicas: m[2]! })],
  [/^(\S+) taken down to 0 replicas \(its requests fail from now on\)$/, 'result.takenDown', (m) => ({ service: m[1]! })],
  [/^(\S+) now balances with (\S+)$/, 'result.balancer', (m) => ({ service: m[1]!, policy: m[2]! })],
  [/^read$/, 'result.read', () => ({})],
  [/^created (.+)$/, 'result.created', (m) => ({ names: m[1]! })],
  [/^(\S+) terminated$/, 'result.terminated', (m) => ({ instance: m[1]! })],
  [/^(\S+) killed$/, 'result.killed', (m) => ({ host: m[1]! })],
];

/** What an allowed action did. Results of compute operations that match none of the sentences stay in English. */
export function resultText(t: Translate<Key>, lang: Lang, result: string): string {
  if (lang === 'en') return result;
  const failed = /^failed: (.*)$/s.exec(result);
  if (failed) return t('result.failed', { reason: failed[1]! });
  for (const [re, key, params] of RESULTS) {
    const m = re.exec(result);
    if (m) return t(key, params(m));
  }
  return result;
}

/** "Access denied: who may not do what (rule)". */
export function denialText(t: Translate<Key>, lang: Lang, d: Denial): string {
  return t('denial', { principal: d.principal, action: d.action, resource: d.resource, rule: ruleText(t, lang, d) });
}

export type { AuditEntry };
