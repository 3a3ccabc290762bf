import { memo, useCallback, useMemo, type ChangeEvent } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { formatClock } from '../format';
import type { TopologyService } from '../../workers/sim.worker';
import { POLICIES, policyLabel } from './policies';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { inspectorMessages as m } from './messages';

/** The policy picker: switches the balancer of a running service (an interactive change). */
export const BalancerControl = memo(function BalancerControl({ spec }: { spec: TopologyService }) {
  const id = spec.id;
  const policy = useConsole((s) => s.services[id]?.policy ?? spec.policy);
  const disabled = useConsole((s) => !s.ready || s.busy !== null || (s.status?.finished ?? false));
  const allSwitches = useConsole((s) => s.switches);
  const switches = useMemo(() => allSwitches.filter((x) => x.service === id), [allSwitches, id]);
  const onChange = useCallback((e: ChangeEvent<HTMLSelectElement>) => void actions.setBalancer(id, e.target.value), [id]);
  const t = useT(m);
  const lang = useLang();
  return (
    <section className="insp-section edit-chrome" aria-label={t('loadBalancer')}>
      <h3>{t('loadBalancer')}</h3>
      <label className="field field-block">
        <span className="field-label">{t('policy')}</span>
        <select data-testid="inspector-policy" value={policy} onChange={onChange} disabled={disabled}>
          {POLICIES.map((p) => (
            <option key={p} value={p}>
              {policyLabel(p, lang)}
            </option>
          ))}
        </select>
      </label>
      {spec.queue === 'shared' && (
        <p className="note note-warn">{t('sharedNote')}</p>
      )}
      <p className="note" data-testid="inspector-switch-note">
        {t('switchNote', { policy: policyLabel(spec.policy, lang) })}
      </p>
      {switches.length > 0 && (
        <ol className="switch-list num" data-testid="inspector-switches">
          {switches.map((s, i) => (
            <li key={i}>
              {formatClock(s.time)} · {policyLabel(s.from, lang)} → <strong>{policyLabel(s.to, lang)}</strong>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
