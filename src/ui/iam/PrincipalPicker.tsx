/**
 * "Act as": the principal the console's commands run as. Shown only when the scenario defines
 * principals; without them the console is the platform admin (still audited).
 */
import { memo, useCallback, type ChangeEvent } from 'react';
import { useConsole } from '../store';
import { useIam } from './iamStore';
import { actAs } from './iamActions';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useT } from '../i18n/messages';
import { iamMessages } from './messages';

export const PrincipalPicker = memo(function PrincipalPicker() {
  return (
    <ErrorBoundary what="the principal picker">
      <Picker />
    </ErrorBoundary>
  );
});

function Picker() {
  const principals = useConsole((s) => s.scenario?.principals);
  const current = useIam((s) => s.principal);
  const disabled = useConsole((s) => !s.ready || s.busy !== null);
  const onChange = useCallback((e: ChangeEvent<HTMLSelectElement>) => void actAs(e.target.value), []);
  const t = useT(iamMessages);
  if (!principals || principals.length === 0) return null;
  return (
    <label className="field iam-act-as">
      <span className="field-label">{t('actAs')}</span>
      <select data-testid="act-as" value={current} onChange={onChange} disabled={disabled} aria-describedby="act-as-roles">
        {principals.map((p) => (
          <option key={p.id} value={p.id}>
            {t(p.kind === 'service-account' ? 'option.service-account' : 'option.person', { name: p.name, id: p.id })}
          </option>
        ))}
      </select>
      <span id="act-as-roles" className="muted iam-roles" data-testid="act-as-roles">
        {principals.find((p) => p.id === current)?.roles.join(', ') ?? ''}
      </span>
    </label>
  );
}
