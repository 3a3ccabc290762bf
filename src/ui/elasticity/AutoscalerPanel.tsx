/**
 * The selected service's autoscaler: what it does now (policy, ready and set replicas, its latest
 * decision in words), its settings as a form applied with `setAutoscaler` (the worker checks a
 * change like a scenario edit; a refusal is shown next to the form and the input is kept), and two
 * live charts: replicas ready vs set, and the metric against its target with the tolerance band.
 */
import { memo, useCallback, useEffect, useId, useMemo, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import type { AutoscalerSpecInput } from '../../workers/sim.worker';
import { actions } from '../bridge';
import { consoleStore, useConsole } from '../store';
import { formatClock, formatInt } from '../format';
import {
  changeFromForm,
  emptyAction,
  emptyRule,
  formFromSettings,
  FORECAST_MODELS,
  METRICS,
  OPERATORS,
  POLICIES,
  RULE_KINDS,
  withPolicy,
  type AutoscalerForm,
  type ForecastModel,
  type Metric,
  type Operator,
  type Policy,
  type RuleKind,
  type RuleRow,
  type ScheduleRow,
} from './autoscalerForm';
import { metricLabel, metricText, policyLabel, type ElasticityT } from './decisions';
import { useT } from '../i18n/messages';
import { elasticityMessages } from './messages';
import { reasonMessages } from './reasons.messages';
import { decisionReason } from './reasons';
import { rich } from './rich';
import { useDecisions } from './decisionStore';
import { MetricChart, ReplicasChart } from './ScalingCharts';

/** The settings in force for `id`, read again after a load or reset; undefined while asking. */
function useSettings(id: string): [AutoscalerSpecInput | null | undefined, number, (a: AutoscalerSpecInput) => void] {
  const runRev = useDecisions((s) => s.runRev);
  const [state, setState] = useState<{ key: string; settings: AutoscalerSpecInput | null; version: number } | null>(null);
  const key = `${id}#${runRev}`;
  useEffect(() => {
    let live = true;
    void actions.autoscalerSettings(id).then((settings) => {
      if (live) setState((prev) => ({ key, settings, version: (prev?.version ?? 0) + 1 }));
    });
    return () => {
      live = false;
    };
  }, [id, key]);
  const replace = useCallback((settings: AutoscalerSpecInput) => setState((prev) => ({ key, settings, version: (prev?.version ?? 0) + 1 })), [key]);
  if (state === null || state.key !== key) return [undefined, state?.version ?? 0, replace];
  return [state.settings, state.version, replace];
}

function ruleLabel(r: NonNullable<AutoscalerSpecInput['rules']>[number]): string {
  const action = r.setTo !== undefined ? `= ${r.setTo}` : r.changePercent !== undefined ? `${r.changePercent >= 0 ? '+' : ''}${r.changePercent} %` : `${(r.change ?? 0) >= 0 ? '+' : ''}${r.change ?? 0}`;
  return `${r.name ?? ''} ${r.operator} ${r.threshold} → ${action}`.trim();
}

/** The whole panel; nothing when no service is selected or it has no autoscaler (the inspector says so). */
export const AutoscalerPanel = memo(function AutoscalerPanel() {
  const id = useConsole((s) => s.selectedService);
  const has = useConsole((s) => (id === null ? false : (s.services[id]?.autoscaler ?? null) !== null));
  if (id === null || !has) return null;
  return <PanelBody key={id} id={id} />;
});

function PanelBody({ id }: { id: string }) {
  const t = useT(elasticityMessages);
  const tr = useT(reasonMessages);
  const live = useConsole((s) => s.services[id]?.autoscaler ?? null);
  const ready = useConsole((s) => s.services[id]?.ready ?? 0);
  const starting = useConsole((s) => s.services[id]?.starting ?? 0);
  const draining = useConsole((s) => s.services[id]?.draining ?? 0);
  const set = useConsole((s) => s.services[id]?.replicas ?? 0);
  const data = useConsole((s) => (s.charts && s.charts.serviceId === id ? s.charts : null));
  const [settings, version, replace] = useSettings(id);
  const runRev = useDecisions((s) => s.runRev);
  // The note about the last change made here, for as long as that run lasts.
  const [appliedNote, setApplied] = useState<{ runRev: number; policy: string; at: number } | null>(null);
  const applied = appliedNote !== null && appliedNote.runRev === runRev ? t('applied', { policy: policyLabel(t, appliedNote.policy), time: formatClock(appliedNote.at) }) : null;
  const onApplied = useCallback(
    (a: AutoscalerSpecInput, at: number) => {
      replace(a);
      setApplied({ runRev, policy: a.policy, at });
    },
    [replace, runRev],
  );
  const thresholds = useMemo(
    () => (settings && settings.policy === 'step' && (settings.metric ?? 'cpu') === live?.metric ? (settings.rules ?? []).map((r) => ({ value: r.threshold, label: ruleLabel(r) })) : []),
    [settings, live?.metric],
  );
  if (!live) return null;
  const usesTarget = live.policy === 'target-tracking' || live.policy === 'predictive';
  const tolerance = usesTarget ? (settings?.tolerance ?? 0.1) : 0;
  const last = live.last;
  const enough = data !== null && data.samples >= 2;
  return (
    <section className="card autoscaler-panel" data-testid="autoscaler-panel" aria-label={t('panelLabel', { id })}>
      <header className="autoscaler-head">
        <h3>
          {t('heading')} · <span className="mono">{id}</span>
        </h3>
        <span className="muted num">
          <span data-testid="autoscaler-live-policy">{policyLabel(t, live.policy)}</span>
          {live.metric ? t('liveOn', { metric: metricLabel(t, live.metric) }) : ''}
          {live.target !== null && (
            <>
              {' '}
              · {t('liveTarget')} <span data-testid="autoscaler-live-target">{metricText(live.metric, live.target)}</span>
            </>
          )}{' '}
          · {t('replicaRange', { min: formatInt(live.minReplicas), max: formatInt(live.maxReplicas) })} ·{' '}
          {rich(t('liveCounts'), {
            ready: <strong data-testid="autoscaler-ready">{formatInt(ready)}</strong>,
            set: <strong data-testid="autoscaler-set">{formatInt(set)}</strong>,
          })}
          {starting > 0 ? t('liveStarting', { n: formatInt(starting) }) : ''}
          {draining > 0 ? t('liveDraining', { n: formatInt(draining) }) : ''}
        </span>
      </header>
      <p className="autoscaler-reason" data-testid="autoscaler-reason-box">
        {last ? (
          <>
            <span className="muted num" data-testid="autoscaler-reason-time">
              {formatClock(last.time)}
            </span>{' '}
            <span className="num">
              {last.current} → {last.replicas}
            </span>
            {last.metric && last.value !== null ? <span className="muted"> · {metricText(last.metric, last.value)}</span> : null} ·{' '}
            <span data-testid="autoscaler-reason">{decisionReason(tr, last)}</span>
          </>
        ) : (
          <span className="muted" data-testid="autoscaler-reason">
            {t('noDecision')}
          </span>
        )}
      </p>
      <div className="autoscaler-grid">
        <div className="autoscaler-form-col">
          {settings === undefined ? (
            <p className="muted">{t('readingSettings')}</p>
          ) : settings === null ? (
            <p className="muted">{t('noSettings', { id })}</p>
          ) : (
            <AutoscalerEditor key={version} id={id} settings={settings} onApplied={onApplied} />
          )}
          {applied && (
            <p className="note note-ok" data-testid="autoscaler-applied" role="status">
              {applied}
            </p>
          )}
        </div>
        <div className="autoscaler-chart">
          {enough ? <ReplicasChart data={data} metric={live.metric} /> : <EmptyChart />}
        </div>
        <div className="autoscaler-chart">
          {enough ? <MetricChart data={data} metric={live.metric} target={live.target} tolerance={tolerance} thresholds={thresholds} /> : <EmptyChart />}
        </div>
      </div>
    </section>
  );
}

function EmptyChart() {
  const t = useT(elasticityMessages);
  return <div className="chart-empty-text muted">{t('chartsEmpty')}</div>;
}

// ---------------------------------------------------------------- the form

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="field field-block as-field">
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="hint">{hint}</span>}
    </label>
  );
}

function TextInput({ value, onChange, testId, label, placeholder, width }: { value: string; onChange: (v: string) => void; testId: string; label?: string; placeholder?: string; width?: number }) {
  return (
    <input
      type="text"
      inputMode="decimal"
      spellCheck={false}
      value={value}
      placeholder={placeholder}
      aria-label={label}
      data-testid={testId}
      style={width ? { width } : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function targetHint(t: ElasticityT, metric: Metric): string {
  return t(`hint.${metric}`);
}

function AutoscalerEditor({ id, settings, onApplied }: { id: string; settings: AutoscalerSpecInput; onApplied: (a: AutoscalerSpecInput, at: number) => void }) {
  const t = useT(elasticityMessages);
  const [form, setForm] = useState<AutoscalerForm>(() => formFromSettings(settings));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const update = useCallback((patch: Partial<AutoscalerForm>) => setForm((f) => ({ ...f, ...patch })), []);
  const onPolicy = useCallback(
    (e: ChangeEvent<HTMLSelectElement>) => {
      const names = { scaleOut: t('defaultScaleOut'), scaleIn: t('defaultScaleIn'), workingDay: t('defaultWorkingDay'), evening: t('defaultEvening') };
      setForm((f) => withPolicy(f, e.target.value as Policy, names));
    },
    [t],
  );
  const onRevert = useCallback(() => {
    setForm(formFromSettings(settings));
    setError(null);
  }, [settings]);
  const onSubmit = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      setBusy(true);
      const change = changeFromForm(form);
      void actions
        .setAutoscaler(id, change)
        .then((r) => {
          if (r.ok) {
            setError(null);
            onApplied(r.autoscaler, consoleStore.getState().status?.now ?? 0);
          } else setError(r.error);
        })
        .finally(() => setBusy(false));
    },
    [form, id, onApplied],
  );
  const p = form.policy;
  const usesMetric = p !== 'scheduled';
  const usesTarget = p === 'target-tracking' || p === 'predictive';
  const metrics = p === 'predictive' ? METRICS.filter((m) => m === 'cpu' || m === 'rps') : METRICS;
  return (
    <form className="form autoscaler-form" onSubmit={onSubmit} data-testid="autoscaler-form" aria-describedby={error ? errorId : undefined}>
      <Field label={t('policy')}>
        <select data-testid="autoscaler-policy" value={p} onChange={onPolicy}>
          {POLICIES.map((x) => (
            <option key={x} value={x}>
              {policyLabel(t, x)}
            </option>
          ))}
        </select>
      </Field>
      <div className="as-row">
        <Field label={t('minReplicas')}>
          <TextInput value={form.minReplicas} onChange={(v) => update({ minReplicas: v })} testId="autoscaler-min" />
        </Field>
        <Field label={t('maxReplicas')}>
          <TextInput value={form.maxReplicas} onChange={(v) => update({ maxReplicas: v })} testId="autoscaler-max" />
        </Field>
        <Field label={t('syncPeriod')}>
          <TextInput value={form.syncPeriod} onChange={(v) => update({ syncPeriod: v })} testId="autoscaler-sync" placeholder="15" />
        </Field>
      </div>
      {usesMetric && (
        <div className="as-row">
          <Field label={t('metric')}>
            <select data-testid="autoscaler-metric" value={form.metric} onChange={(e) => update({ metric: e.target.value as Metric })}>
              {metrics.map((m) => (
                <option key={m} value={m}>
                  {m} · {metricLabel(t, m)}
                </option>
              ))}
            </select>
          </Field>
          {usesTarget && (
            <>
              <Field label={t('target')}>
                <TextInput value={form.target} onChange={(v) => update({ target: v })} testId="autoscaler-target" placeholder={form.metric === 'cpu' ? '0.8' : ''} />
              </Field>
              <Field label={t('tolerance')}>
                <TextInput value={form.tolerance} onChange={(v) => update({ tolerance: v })} testId="autoscaler-tolerance" placeholder="0.1" />
              </Field>
            </>
          )}
        </div>
      )}
      {usesTarget && <p className="hint as-hint">{t('targetHint', { hint: targetHint(t, form.metric) })}</p>}
      {p === 'step' && <RulesEditor rules={form.rules} onChange={(rules) => update({ rules })} cooldown={form.cooldown} onCooldown={(cooldown) => update({ cooldown })} />}
      {p === 'scheduled' && <ScheduleEditor schedule={form.schedule} onChange={(schedule) => update({ schedule })} />}
      {p === 'predictive' && (
        <div className="as-row">
          <Field label={t('forecastModel')}>
            <select data-testid="autoscaler-forecast-model" value={form.forecastModel} onChange={(e) => update({ forecastModel: e.target.value as ForecastModel })}>
              {FORECAST_MODELS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('season')}>
            <TextInput value={form.season} onChange={(v) => update({ season: v })} testId="autoscaler-season" placeholder="1d" /> {/* i18n-ignore */}
          </Field>
          <Field label={t('bucket')}>
            <TextInput value={form.bucket} onChange={(v) => update({ bucket: v })} testId="autoscaler-bucket" placeholder="5m" /> {/* i18n-ignore */}
          </Field>
          <Field label={t('lead')}>
            <TextInput value={form.lead} onChange={(v) => update({ lead: v })} testId="autoscaler-lead" placeholder={t('leadPlaceholder')} />
          </Field>
        </div>
      )}
      {error && (
        <div className="banner banner-error form-errors" role="alert" id={errorId} data-testid="autoscaler-error">
          <div className="banner-text">
            <strong>{t('notChanged')}</strong>
            <ul>
              {error.split('; ').map((m, i) => (
                <li key={i} data-testid="autoscaler-error-message">
                  {m}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <div className="as-actions">
        <span className="hint">{t('durationsHint')}</span>
        <button type="button" onClick={onRevert} data-testid="autoscaler-revert" disabled={busy}>
          {t('revert')}
        </button>
        <button type="submit" className="primary" data-testid="autoscaler-apply" disabled={busy}>
          {busy ? t('applying') : t('apply')}
        </button>
      </div>
    </form>
  );
}

function RulesEditor({ rules, onChange, cooldown, onCooldown }: { rules: RuleRow[]; onChange: (r: RuleRow[]) => void; cooldown: string; onCooldown: (v: string) => void }) {
  const t = useT(elasticityMessages);
  const set = (i: number, patch: Partial<RuleRow>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="as-rows" data-testid="autoscaler-rules">
      <legend>{t('rulesLegend')}</legend>
      <table className="as-table">
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colWhen')}</th>
            <th scope="col">{t('colThreshold')}</th>
            <th scope="col">{t('colFor')}</th>
            <th scope="col">{t('colThen')}</th>
            <th scope="col">{t('colBy')}</th>
            <th scope="col">
              <span className="sr-only">{t('colRemove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={i} data-testid="autoscaler-rule">
              <td>
                <TextInput value={r.name} onChange={(v) => set(i, { name: v })} testId="rule-name" label={t('ruleName', { n: i + 1 })} placeholder={t('rulePlaceholder', { n: i + 1 })} />
              </td>
              <td>
                <select value={r.operator} onChange={(e) => set(i, { operator: e.target.value as Operator })} aria-label={t('ruleOperator', { n: i + 1 })} data-testid="rule-operator">
                  {OPERATORS.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <TextInput value={r.threshold} onChange={(v) => set(i, { threshold: v })} testId="rule-threshold" label={t('ruleThreshold', { n: i + 1 })} />
              </td>
              <td>
                <TextInput value={r.for} onChange={(v) => set(i, { for: v })} testId="rule-for" label={t('ruleFor', { n: i + 1 })} />
              </td>
              <td>
                <select value={r.kind} onChange={(e) => set(i, { kind: e.target.value as RuleKind })} aria-label={t('ruleAction', { n: i + 1 })} data-testid="rule-kind">
                  {RULE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kind.${k}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <TextInput value={r.amount} onChange={(v) => set(i, { amount: v })} testId="rule-amount" label={t('ruleAmount', { n: i + 1 })} />
              </td>
              <td>
                <button type="button" className="icon-button" onClick={() => onChange(rules.filter((_, j) => j !== i))} aria-label={t('removeRule', { n: i + 1 })} data-testid="autoscaler-remove-rule">
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="as-row as-row-tight">
        <button type="button" onClick={() => onChange([...rules, emptyRule()])} data-testid="autoscaler-add-rule" disabled={rules.length >= 20}>
          {t('addRule')}
        </button>
        <Field label={t('cooldown')}>
          <TextInput value={cooldown} onChange={onCooldown} testId="autoscaler-cooldown" placeholder="300" />
        </Field>
      </div>
    </fieldset>
  );
}

function ScheduleEditor({ schedule, onChange }: { schedule: ScheduleRow[]; onChange: (r: ScheduleRow[]) => void }) {
  const t = useT(elasticityMessages);
  const set = (i: number, patch: Partial<ScheduleRow>) => onChange(schedule.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="as-rows" data-testid="autoscaler-schedule">
      <legend>{t('actionsLegend')}</legend>
      <table className="as-table">
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">cron {/* i18n-ignore */}</th>
            <th scope="col">{t('colReplicas')}</th>
            <th scope="col">{t('colMin')}</th>
            <th scope="col">{t('colMax')}</th>
            <th scope="col">
              <span className="sr-only">{t('colRemove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {schedule.map((s, i) => (
            <tr key={i} data-testid="autoscaler-action">
              <td>
                <TextInput value={s.name} onChange={(v) => set(i, { name: v })} testId="action-name" label={t('actionName', { n: i + 1 })} />
              </td>
              <td>
                <input type="text" spellCheck={false} value={s.cron} onChange={(e) => set(i, { cron: e.target.value })} aria-label={t('actionCron', { n: i + 1 })} data-testid="action-cron" className="mono" />
              </td>
              <td>
                <TextInput value={s.replicas} onChange={(v) => set(i, { replicas: v })} testId="action-replicas" label={t('actionReplicas', { n: i + 1 })} />
              </td>
              <td>
                <TextInput value={s.minReplicas} onChange={(v) => set(i, { minReplicas: v })} testId="action-min" label={t('actionMin', { n: i + 1 })} />
              </td>
              <td>
                <TextInput value={s.maxReplicas} onChange={(v) => set(i, { maxReplicas: v })} testId="action-max" label={t('actionMax', { n: i + 1 })} />
              </td>
              <td>
                <button type="button" className="icon-button" onClick={() => onChange(schedule.filter((_, j) => j !== i))} aria-label={t('removeAction', { n: i + 1 })} data-testid="autoscaler-remove-action">
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...schedule, emptyAction()])} data-testid="autoscaler-add-action" disabled={schedule.length >= 50}>
        {t('addAction')}
      </button>
    </fieldset>
  );
}
