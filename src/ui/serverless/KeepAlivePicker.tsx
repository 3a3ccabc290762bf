import { memo, useCallback, useId, useState, type ChangeEvent } from 'react';
import type { KeepAliveChoice } from '../../workers/serverless-types';
import { KEEP_ALIVE_CHOICES } from '../../workers/wire';
import { actions } from '../bridge';
import { useServerless } from './serverlessStore';
import { useT } from '../i18n/messages';
import { serverlessMessages } from './messages';
import { policyName } from './words';

/**
 * The keep-alive policy picker: switches every function's policy from now on (the worker checks
 * it; a refusal is shown under the picker). A reset goes back to the scenario's own policy.
 */
export const KeepAlivePicker = memo(function KeepAlivePicker({ testId = 'keepalive-policy' }: { testId?: string }) {
  const live = useServerless((s) => s.live?.keepAlive ?? s.info?.keepAlive ?? '');
  const own = useServerless((s) => s.info?.keepAlive ?? '');
  // A refusal: its code when the worker gave one (worded here), else its English sentence.
  const [error, setError] = useState<{ code?: 'ended'; text: string } | null>(null);
  const t = useT(serverlessMessages);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const onChange = useCallback((e: ChangeEvent<HTMLSelectElement>) => {
    const policy = e.target.value as KeepAliveChoice;
    setBusy(true);
    setError(null);
    void actions
      .setKeepAlive(policy)
      .then((r) => {
        if (!r.ok) setError(r.code ? { code: r.code, text: r.error } : { text: r.error });
      })
      .finally(() => setBusy(false));
  }, []);
  const known = (KEEP_ALIVE_CHOICES as readonly string[]).includes(live);
  return (
    <div className="keepalive-picker">
      <label htmlFor={id} className="field-label">
        {t('keepAlive')}
      </label>{' '}
      <select id={id} data-testid={testId} value={known ? live : ''} onChange={onChange} disabled={busy} aria-describedby={error ? `${id}-err` : undefined}>
        {!known && <option value="">{live ? policyName(t, live) : '—'}</option>}
        {KEEP_ALIVE_CHOICES.map((c) => (
          <option key={c} value={c}>
            {policyName(t, c)}
          </option>
        ))}
      </select>
      {live !== own && own !== '' && <span className="muted"> {t('scenarioPolicy', { policy: policyName(t, own) })}</span>}
      {error && (
        <p className="bad" role="alert" id={`${id}-err`} data-testid={`${testId}-error`}>
          {error.code === 'ended' ? t('errorEnded') : error.text}
        </p>
      )}
    </div>
  );
});
