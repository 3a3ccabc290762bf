import { memo } from 'react';
import { useConsole } from '../store';
import { formatClock, formatInt } from '../format';
import { policyName } from '../elasticity/decisions';
import { useT } from '../i18n/messages';
import { richText } from '../components/richText';
import { inspectorMessages as m } from './messages';

/**
 * The selected service's autoscaler in brief (its settings, charts and log are below the charts),
 * or, without one, how to add one: an `autoscaler` block in the scenario's service.
 */
export const AutoscalerSummary = memo(function AutoscalerSummary({ id }: { id: string }) {
  const auto = useConsole((s) => s.services[id]?.autoscaler);
  const ready = useConsole((s) => s.services[id]?.ready ?? 0);
  const set = useConsole((s) => s.services[id]?.replicas ?? 0);
  const t = useT(m);
  if (auto === undefined) return null;
  if (auto === null) {
    return (
      <section className="insp-section" aria-label={t('autoscaler')}>
        <h3>{t('autoscaler')}</h3>
        <p className="note" data-testid="autoscaler-none">
          {/* i18n-ignore: the scenario's field name */}
          {richText(t('autoscalerNone', { id }), { code: <code>autoscaler</code> })}
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
        <p className="note">
          <span className="num muted">{formatClock(auto.last.time)}</span> {auto.last.reason}
        </p>
      ) : (
        <p className="note muted">{t('noDecision')}</p>
      )}
      <p className="hint">{t('autoscalerBelow')}</p>
    </section>
  );
});
