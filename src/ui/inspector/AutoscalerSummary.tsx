import { memo } from 'react';
import { useConsole } from '../store';
import { formatClock, formatInt } from '../format';
import { policyName } from '../elasticity/decisions';
import { decisionReason } from '../elasticity/reasons';
import { reasonMessages } from '../elasticity/reasons.messages';
import { formMessages } from '../editor/forms.messages';
import { useT } from '../i18n/messages';
import { richText } from '../components/richText';
import { inspectorMessages as m } from './messages';

/**
 * The selected service's autoscaler in brief (its settings, charts and log are below the charts),
 * or, without one, how to add one: the editor's "add an autoscaler" button below.
 */
export const AutoscalerSummary = memo(function AutoscalerSummary({ id }: { id: string }) {
  const auto = useConsole((s) => s.services[id]?.autoscaler);
  const ready = useConsole((s) => s.services[id]?.ready ?? 0);
  const set = useConsole((s) => s.services[id]?.replicas ?? 0);
  const t = useT(m);
  const tf = useT(formMessages);
  const tr = useT(reasonMessages);
  if (auto === undefined) return null;
  if (auto === null) {
    return (
      <section className="insp-section" aria-label={t('autoscaler')}>
        <h3>{t('autoscaler')}</h3>
        <p className="note" data-testid="autoscaler-none">
          {richText(t('autoscalerNone', { id }), { button: <strong>{tf('addAutoscaler')}</strong>, params: tf('params') })}
        </p>
      </section>
    );
  }
  return (
    <section className="insp-section" aria-label={t('autoscaler')}>
      <h3>
        {t('autoscaler')}{' '}
        <span className="muted num" data-testid="inspector-autoscaler">
          {t('autoscalerSummary', {
            policy: policyName(auto.policy),
            ready: formatInt(ready),
            set: formatInt(set),
            min: formatInt(auto.minReplicas),
            max: formatInt(auto.maxReplicas),
          })}
        </span>
      </h3>
      {auto.last ? (
        <p className="note" data-testid="inspector-autoscaler-last">
          <span className="num muted">{formatClock(auto.last.time)}</span> {decisionReason(tr, auto.last)}
        </p>
      ) : (
        <p className="note muted">{t('noDecision')}</p>
      )}
      <p className="hint">{t('autoscalerBelow')}</p>
    </section>
  );
});
