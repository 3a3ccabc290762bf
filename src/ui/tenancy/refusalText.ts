/**
 * A quota refusal in the reader's language, from its data: the core's own sentence (said.ts
 * quotaRefusalSaid, one English source) worded by the compute catalog; an entry without data shows
 * its English sentence. Display only.
 */
import type { TenancyView } from '../../workers/api';
// A leaf of pure data (templates) and its sayers: the lint rules let the UI load it at run time.
import { quotaRefusalSaid, say } from '../../core/compute/said';
import type { Lang } from '../i18n/lang';
import { saidText } from '../infra/saidText';

export function refusalReason(lang: Lang, r: Pick<TenancyView['refusals'][number], 'reason' | 'quota' | 'notReplaced'>): string {
  if (!r.quota) return r.reason;
  const said = quotaRefusalSaid(r.quota);
  const whole = r.notReplaced ? say('notReplaced', { reason: said }) : said;
  return saidText(lang, whole.code, whole.params, whole.text);
}
