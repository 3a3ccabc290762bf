/**
 * Where a live view is redacted because the acting principal may not read it: which read was
 * denied, on what, and the rule that decided (the worker sends the denial with the redacted data).
 */
import { memo } from 'react';
import type { Denial } from '../../workers/sim.worker';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { iamMessages } from './messages';
import { ruleText } from './iamText';
import './iam.css';

export const HiddenNotice = memo(function HiddenNotice({ denial, testId }: { denial: Denial; testId: string }) {
  const t = useT(iamMessages);
  const lang = useLang();
  return (
    <section className="insp-section hidden-notice" role="note" data-testid={testId} data-action={denial.action} data-resource={denial.resource} data-kind={denial.kind}>
      <p className="hidden-notice-title">{t('hidden', { action: denial.action, resource: denial.resource })}</p>
      <p className="muted hidden-notice-rule" data-testid={`${testId}-rule`}>
        {t('hiddenRule', { rule: ruleText(t, lang, denial) })}
      </p>
    </section>
  );
});
