/* i18n-pending */
import { memo, useCallback, useMemo, type ChangeEvent } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { formatClock } from '../format';
import type { TopologyService } from '../../workers/sim.worker';
import { POLICIES, POLICY_LABELS, policyLabel } from './policies';

/** The policy picker: switches the balancer of a running service (an interactive change). */
export const BalancerControl = memo(function BalancerControl({ spec }: { spec: TopologyService }) {
  const id = spec.id;
  const policy = useConsole((s) => s.services[id]?.policy ?? spec.policy);
  const disabled = useConsole((s) => !s.ready || s.busy !== null || (s.status?.finished ?? false));
  const allSwitches = useConsole((s) => s.switches);
  const switches = useMemo(() => allSwitches.filter((x) => x.service === id), [allSwitches, id]);
  const onChange = useCallback((e: ChangeEvent<HTMLSelectElement>) => void actions.setBalancer(id, e.target.value), [id]);
  return (
    <section className="insp-section edit-chrome" aria-label="Load balancer">
      <h3>Load balancer</h3>
      <label className="field field-block">
        <span className="field-label">Policy</span>
        <select data-testid="inspector-policy" value={policy} onChange={onChange} disabled={disabled}>
          {POLICIES.map((p) => (
            <option key={p} value={p}>
              {POLICY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      {spec.queue === 'shared' && (
        <p className="note note-warn">
          This service has one shared queue: the next free replica takes the next request, so the policy has no effect.
        </p>
      )}
      <p className="note" data-testid="inspector-switch-note">
        Switching takes effect at once, mid-run. It is an interactive change, not contained in the shared link: the link
        and Reset start again with the scenario&apos;s own policy ({policyLabel(spec.policy)}); exported results include
        the switch.
      </p>
      {switches.length > 0 && (
        <ol className="switch-list num" data-testid="inspector-switches">
          {switches.map((s, i) => (
            <li key={i}>
              {formatClock(s.time)} · {policyLabel(s.from)} → <strong>{policyLabel(s.to)}</strong>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
