/* i18n-pending */
import { memo, useCallback, useId, useState, type ChangeEvent } from 'react';
import type { KeepAliveChoice } from '../../workers/serverless-types';
import { KEEP_ALIVE_CHOICES } from '../../workers/wire';
import { actions } from '../bridge';
import { useServerless } from './serverlessStore';
import { keepAliveLabel } from './serverlessPoints';

/**
 * The keep-alive policy picker: switches every function's policy from now on (the worker checks
 * it; a refusal is shown under the picker). A reset goes back to the scenario's own policy.
 */
export const KeepAlivePicker = memo(function KeepAlivePicker({ testId = 'keepalive-policy' }: { testId?: string }) {
  const live = useServerless((s) => s.live?.keepAlive ?? s.info?.keepAlive ?? '');
  const own = useServerless((s) => s.info?.keepAlive ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const onChange = useCallback((e: ChangeEvent<HTMLSelectElement>) => {
    const policy = e.target.value as KeepAliveChoice;
    setBusy(true);
    setError(null);
    void actions
      .setKeepAlive(policy)
      .then((r) => {
        if (!r.ok) setError(r.error);
      })
      .finally(() => setBusy(false));
  }, []);
  const known = (KEEP_ALIVE_CHOICES as readonly string[]).includes(live);
  return (
    <div className="keepalive-picker">
      <label htmlFor={id} className="field-label">
        Keep-alive
      </label>{' '}
      <select id={id} data-testid={testId} value={known ? live : ''} onChange={onChange} disabled={busy} aria-describedby={error ? `${id}-err` : undefined}>
        {!known && <option value="">{live ? keepAliveLabel(live) : '—'}</option>}
        {KEEP_ALIVE_CHOICES.map((c) => (
          <option key={c} value={c}>
            {keepAliveLabel(c)}
          </option>
        ))}
      </select>
      {live !== own && own !== '' && <span className="muted"> (scenario: {keepAliveLabel(own)})</span>}
      {error && (
        <p className="bad" role="alert" id={`${id}-err`} data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
});
