/* i18n-pending */
import { memo } from 'react';
import { useConsole } from '../store';
import { formatClock, formatInt } from '../format';
import { policyName } from '../elasticity/decisions';

/**
 * The selected service's autoscaler in brief (its settings, charts and log are below the charts),
 * or, without one, how to add one: an `autoscaler` block in the scenario's service.
 */
export const AutoscalerSummary = memo(function AutoscalerSummary({ id }: { id: string }) {
  const auto = useConsole((s) => s.services[id]?.autoscaler);
  const ready = useConsole((s) => s.services[id]?.ready ?? 0);
  const set = useConsole((s) => s.services[id]?.replicas ?? 0);
  if (auto === undefined) return null;
  if (auto === null) {
    return (
      <section className="insp-section" aria-label="Autoscaler">
        <h3>Autoscaler</h3>
        <p className="note" data-testid="autoscaler-none">
          {id} has a fixed number of replicas. To scale it, add an <code>autoscaler</code> block to the service in the scenario (policy,
          minReplicas, maxReplicas, metric, target…; see docs/scenario.md) and load it again.
        </p>
      </section>
    );
  }
  return (
    <section className="insp-section" aria-label="Autoscaler">
      <h3>
        Autoscaler{' '}
        <span className="muted num" data-testid="inspector-autoscaler">
          {policyName(auto.policy)} · {formatInt(ready)} ready / {formatInt(set)} set · {formatInt(auto.minReplicas)}–{formatInt(auto.maxReplicas)}
        </span>
      </h3>
      {auto.last ? (
        <p className="note">
          <span className="num muted">{formatClock(auto.last.time)}</span> {auto.last.reason}
        </p>
      ) : (
        <p className="note muted">No decision yet.</p>
      )}
      <p className="hint">Settings, charts and the decision log are below the charts.</p>
    </section>
  );
});
