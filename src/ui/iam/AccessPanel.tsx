/**
 * Identity and access: try an action as the acting principal (scale a service) and see it allowed
 * or denied with the rule, and the run's audit trail — time, principal, action, resource,
 * decision and the rule that decided it — filterable to denied attempts.
 */
import { memo, useCallback, useState, type ChangeEvent, type FormEvent } from 'react';
import { useConsole } from '../store';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { formatClock } from '../format';
import { setDeniedOnly, useIam } from './iamStore';
import { tryScale } from './iamActions';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { iamMessages } from './messages';
import { denialText, resultText, ruleText } from './iamText';
import './iam.css';

/** Entries shown at once (the newest first). */
const SHOWN = 300;
const NO_IDS: readonly string[] = [];

export const AccessPanel = memo(function AccessPanel() {
  const loaded = useConsole((s) => s.scenario !== null);
  if (!loaded) return null;
  return (
    <ErrorBoundary what="the access panel">
      <AccessCard />
    </ErrorBoundary>
  );
});

function AccessCard() {
  const principal = useIam((s) => s.principal);
  const defined = useConsole((s) => (s.scenario?.principals?.length ?? 0) > 0);
  const t = useT(iamMessages);
  return (
    <section className="card iam-panel" data-testid="access-panel" aria-label={t('panel')}>
      <header className="autoscaler-head">
        <h3>{t('panel')}</h3>
        <span className="muted">
          {t('actingAs')} <strong className="mono" data-testid="acting-as">{principal}</strong>
          {defined ? t('chooseAbove') : t('noPrincipals')}
          {t('audited')}
        </span>
      </header>
      <ScaleForm />
      <AuditLog />
    </section>
  );
}

function ScaleForm() {
  const ids = useConsole((s) => s.scenario?.serviceIds ?? NO_IDS);
  const last = useIam((s) => s.last);
  const t = useT(iamMessages);
  const lang = useLang();
  const [service, setService] = useState('');
  const [replicas, setReplicas] = useState('3');
  const chosen = ids.includes(service) ? service : (ids[0] ?? '');
  const onService = useCallback((e: ChangeEvent<HTMLSelectElement>) => setService(e.target.value), []);
  const onReplicas = useCallback((e: ChangeEvent<HTMLInputElement>) => setReplicas(e.target.value), []);
  const onSubmit = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      void tryScale(chosen, Number(replicas));
    },
    [chosen, replicas],
  );
  if (ids.length === 0) return null;
  return (
    <form className="iam-try" onSubmit={onSubmit} aria-label={t('scaleForm')}>
      <label className="field">
        <span className="field-label">{t('service')}</span>
        <select data-testid="iam-scale-service" value={chosen} onChange={onService}>
          {ids.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('replicas')}</span>
        <input data-testid="iam-scale-replicas" type="number" min={0} max={10000} step={1} value={replicas} onChange={onReplicas} />
      </label>
      <button type="submit" data-testid="iam-scale">
        {t('scale')}
      </button>
      {last && (
        <span className={last.ok ? 'iam-result ok' : 'iam-result bad'} role={last.ok ? 'status' : 'alert'} data-testid="iam-action-result" data-allowed={last.ok}>
          {last.denied ? denialText(t, lang, last.denied) : last.ok && last.result !== undefined ? t('allowedResult', { message: resultText(t, lang, last.result) }) : last.text}
        </span>
      )}
    </form>
  );
}

const AuditLog = memo(function AuditLog() {
  const entries = useIam((s) => s.entries);
  const deniedOnly = useIam((s) => s.deniedOnly);
  const dropped = useIam((s) => s.dropped);
  const onFilter = useCallback((e: ChangeEvent<HTMLInputElement>) => setDeniedOnly(e.target.checked), []);
  const t = useT(iamMessages);
  const lang = useLang();
  const denied = entries.reduce((n, e) => n + (e.allowed ? 0 : 1), 0);
  const list = (deniedOnly ? entries.filter((e) => !e.allowed) : entries).slice(-SHOWN).reverse();
  return (
    <div className="iam-audit">
      <div className="iam-audit-head">
        <h4>
          {t('auditLog')} · <span data-testid="audit-count">{entries.length}</span> {t(entries.length === 1 ? 'attempt' : 'attempts')}
          {t('listSep')}
          <span data-testid="audit-denied-count">{denied}</span> {t('deniedCount')}
          {dropped > 0 ? t('dropped', { n: dropped }) : ''}
        </h4>
        <label className="iam-filter">
          <input type="checkbox" checked={deniedOnly} onChange={onFilter} data-testid="audit-denied-only" /> {t('deniedOnly')}
        </label>
      </div>
      {list.length === 0 ? (
        <p className="muted" data-testid="audit-empty">
          {deniedOnly ? t('nothingDenied') : t('noAction')}
        </p>
      ) : (
        <div className="iam-scroll">
          <table className="insp-table" data-testid="audit-log">
            <caption className="sr-only">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colTime')}</th>
                <th scope="col">{t('colPrincipal')}</th>
                <th scope="col">{t('colAction')}</th>
                <th scope="col">{t('colResource')}</th>
                <th scope="col">{t('colDecision')}</th>
                <th scope="col">{t('colRule')}</th>
                <th scope="col">{t('colSource')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.seq} data-testid="audit-entry" data-allowed={e.allowed} data-principal={e.principal} data-action={e.action} data-kind={e.kind} data-tenant={e.tenant ?? ''}>
                  <td className="num mono">{formatClock(e.time)}</td>
                  <td className="mono">{e.principal}</td>
                  <td className="mono">{e.action}</td>
                  <td className="mono">{e.resource}</td>
                  <td className={e.allowed ? 'ok' : 'bad'}>{e.allowed ? t('allowed') : t('denied')}</td>
                  <td data-testid="audit-rule">
                    {ruleText(t, lang, e)}
                    {e.result !== undefined ? <span className="muted"> → {resultText(t, lang, e.result, e)}</span> : null}
                  </td>
                  <td className="muted">{t(e.source === 'script' ? 'source.script' : 'source.console')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
});
