/** A quota refusal in the reader's language, from its data; an entry without data shows its English sentence. Display only. */
import type { TenancyView } from '../../workers/api';
import type { Translate } from '../i18n/messages';
import type { tenancyMessages } from './messages';

export type TenancyT = Translate<keyof (typeof tenancyMessages)['en'] & string>;

const fmt = (x: number): string => String(Math.round(x * 1000) / 1000);

export function refusalReason(t: TenancyT, r: Pick<TenancyView['refusals'][number], 'reason' | 'quota' | 'notReplaced'>): string {
  const q = r.quota;
  if (!q) return r.reason;
  const who = q.region === null ? t('q.tenant', { tenant: q.tenant }) : t('q.tenantRegion', { tenant: q.tenant, region: q.region });
  const text =
    q.resource === 'cpu'
      ? t('q.cpu', { who, would: fmt(q.would), cap: fmt(q.cap) })
      : q.resource === 'memory'
        ? t('q.memory', { who, would: fmt(q.would), cap: fmt(q.cap) })
        : t('q.instances', { who, would: q.would, cap: q.cap });
  return r.notReplaced ? t('q.notReplaced', { reason: text }) : text;
}
