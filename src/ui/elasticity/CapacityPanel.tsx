/**
 * Capacity planning for the selected service from the run so far: the worker sums its arrivals
 * into steps, checks each forecasting model on the held-out end of that history, forecasts the
 * horizon with the best and sizes replicas and hosts for the forecast peak. The chart shows what
 * happened, the backtest forecast of the held-out steps next to it, then the forecast ahead.
 */
import { memo, useCallback, useMemo, useState, type FormEvent } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CapacityPlanRequest, CapacityPlanResult, PlanModelChoice } from '../../workers/planning';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { formatAxisTime, formatClock, formatInt, formatSpan } from '../format';
import { defaultPlanWindow, horizonChoices, planPoints, stepChoices } from './planPoints';
import { ChartExport } from '../export/ChartExport';
import { TIME_COLUMN, type ChartCsv } from '../export/chartExport';
import { TICK, X_DOMAIN, Y_DOMAIN, LEGEND_STYLE, tickTime, tickNumber } from '../charts/chartStyle';
import { useT } from '../i18n/messages';
import { planMessages } from './plan.messages';
import { notTriedReason, planError, planExplanation, type PlanT } from './planText';
import type { Choice } from './planPoints';
import { ChartLegend } from '../charts/ChartLegend';

type Plan = Extract<CapacityPlanResult, { ok: true }>;

const MODELS: readonly PlanModelChoice[] = ['auto', 'linear', 'seasonal-naive', 'holt-winters'];
const QUANTILES = ['0.9', '0.95', '0.99', '0.999'];

const MARGIN = { top: 12, right: 8, bottom: 0, left: 0 };
const tooltipValue = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(1)} req/s` : '—');

const pct = (t: PlanT, x: number): string => (Number.isFinite(x) ? `${x.toFixed(1)} %` : t('undefinedAllZero'));
const choiceLabel = (t: PlanT, c: Choice): string => (c.days !== undefined ? t('days', { n: c.days }) : c.label);

export const CapacityPanel = memo(function CapacityPanel() {
  const id = useConsole((s) => s.selectedService);
  const scenarioRev = useConsole((s) => s.status?.scenarioRev ?? 0);
  if (id === null) return null;
  // A new service or scenario starts with a fresh form.
  return <PlanBody key={`${id}#${scenarioRev}`} id={id} />;
});

function PlanBody({ id }: { id: string }) {
  const t = useT(planMessages);
  const interval = useConsole((s) => s.scenario?.topology.metricsInterval ?? 60);
  const duration = useConsole((s) => s.scenario?.endTime ?? 0);
  const steps = useMemo(() => stepChoices(interval), [interval]);
  const initial = useMemo(() => defaultPlanWindow(duration, interval), [duration, interval]);
  const [step, setStep] = useState(initial.step);
  const [horizon, setHorizon] = useState(initial.horizon);
  const [model, setModel] = useState<PlanModelChoice>('auto');
  const [utilization, setUtilization] = useState('70');
  const [perHost, setPerHost] = useState('1');
  const [slaWait, setSlaWait] = useState('');
  const [quantile, setQuantile] = useState('0.99');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CapacityPlanResult | null>(null);
  const horizons = useMemo(() => horizonChoices(step), [step]);

  const onStep = useCallback((value: number) => {
    setStep(value);
    const hs = horizonChoices(value);
    setHorizon((h) => (hs.some((x) => x.seconds === h) ? h : (hs[0]?.seconds ?? value)));
  }, []);

  const onSubmit = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      const u = Number(utilization);
      const ph = Number(perHost);
      const req: CapacityPlanRequest = {
        step,
        horizon,
        model,
        // Sent as read (NaN included): the worker says what is wrong with it.
        targetUtilization: utilization.trim() === '' ? Number.NaN : u / 100,
        replicasPerHost: ph,
        ...(slaWait.trim() !== '' ? { slaWait: Number.isFinite(Number(slaWait)) ? Number(slaWait) / 1000 : slaWait, slaQuantile: Number(quantile) } : {}),
      };
      setBusy(true);
      void actions
        .planCapacity(id, req)
        .then(setResult)
        .finally(() => setBusy(false));
    },
    [id, step, horizon, model, utilization, perHost, slaWait, quantile],
  );

  return (
    <section className="card capacity-panel" data-testid="capacity-panel" aria-label={t('panelLabel', { id })}>
      <header className="autoscaler-head">
        <h3>
          {t('heading')} · <span className="mono">{id}</span>
        </h3>
        <span className="muted">{t('subtitle')}</span>
      </header>
      <form className="plan-form" onSubmit={onSubmit}>
        <label className="field field-block">
          <span className="field-label">{t('step')}</span>
          <select value={step} onChange={(e) => onStep(Number(e.target.value))} data-testid="plan-step">
            {steps.map((s) => (
              <option key={s.seconds} value={s.seconds}>
                {choiceLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-block">
          <span className="field-label">{t('horizon')}</span>
          <select value={horizon} onChange={(e) => setHorizon(Number(e.target.value))} data-testid="plan-horizon">
            {horizons.map((h) => (
              <option key={h.seconds} value={h.seconds}>
                {choiceLabel(t, h)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-block">
          <span className="field-label">{t('model')}</span>
          <select value={model} onChange={(e) => setModel(e.target.value as PlanModelChoice)} data-testid="plan-model">
            {MODELS.map((m) => (
              <option key={m} value={m}>
                {t(`model.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-block">
          <span className="field-label">{t('utilization')}</span>
          <input type="text" inputMode="decimal" value={utilization} onChange={(e) => setUtilization(e.target.value)} data-testid="plan-utilization" />
        </label>
        <label className="field field-block">
          <span className="field-label">{t('perHost')}</span>
          <input type="text" inputMode="numeric" value={perHost} onChange={(e) => setPerHost(e.target.value)} data-testid="plan-per-host" />
        </label>
        <label className="field field-block">
          <span className="field-label">{t('slaWait')}</span>
          <input type="text" inputMode="decimal" value={slaWait} placeholder={t('none')} onChange={(e) => setSlaWait(e.target.value)} data-testid="plan-sla-wait" />
        </label>
        <label className="field field-block">
          <span className="field-label">{t('share')}</span>
          <select value={quantile} onChange={(e) => setQuantile(e.target.value)} data-testid="plan-sla-quantile" disabled={slaWait.trim() === ''}>
            {QUANTILES.map((q) => (
              <option key={q} value={q}>
                {Number(q) * 100} %
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="plan-run" disabled={busy}>
          {busy ? t('planning') : t('plan')}
        </button>
      </form>
      {result === null ? (
        <p className="muted plan-empty">{t('empty')}</p>
      ) : result.ok ? (
        <PlanView plan={result} />
      ) : (
        <div className="banner banner-error form-errors" role="alert" data-testid="plan-error">
          <div className="banner-text">
            <strong>{t('noPlan')}</strong>
            <ul>
              <li data-testid="plan-error-message">{planError(t, result)}</li>
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

const PlanView = memo(function PlanView({ plan }: { plan: Plan }) {
  const t = useT(planMessages);
  const tooltipLabel = useCallback((v: unknown): string => (typeof v === 'number' ? t('stepEnding', { time: formatAxisTime(v) }) : ''), [t]);
  const { points, hiddenSteps } = useMemo(() => planPoints(plan), [plan]);
  const p = plan.plan;
  const rec = p.recommendation;
  const step = plan.stepSeconds;
  const end = plan.historyStart + plan.history.length * step;
  const holdoutStart = end - p.backtest.holdout * step;
  const csv = useMemo<ChartCsv>(
    () => ({
      columns: [TIME_COLUMN, { key: 'actual', header: t('csvActual') }, { key: 'backtest', header: t('csvBacktest', { model: p.model }) }, { key: 'forecast', header: t('csvForecast') }],
      rows: points,
    }),
    [points, p.model, t],
  );
  return (
    <div className="plan-result" data-testid="plan-result">
      <p className="plan-recommendation" data-testid="plan-recommendation">
        <strong>{t('recommendation', { replicas: formatInt(rec.replicas), hosts: formatInt(rec.hosts) })}</strong>
        {t('recommendationRest', {
          peak: rec.peakRate.toFixed(1),
          after: formatSpan(p.forecast.peak.step * step),
          time: formatClock(end),
          bound: t(rec.boundBy === 'sla' ? 'bound.sla' : rec.boundBy === 'minReplicas' ? 'bound.minReplicas' : 'bound.utilization'),
        })}
      </p>
      <p className="plan-explanation" data-testid="plan-explanation">
        {p.recommendation.targetUtilization === undefined ? p.explanation : planExplanation(t, p)}
      </p>
      <p className="muted plan-note">
        {plan.capacity
          ? t('capacityNote', {
              rate: plan.capacity.perReplica >= 100 ? formatInt(plan.capacity.perReplica) : String(Math.round(plan.capacity.perReplica * 100) / 100),
              slots: plan.capacity.concurrency,
              work: formatSpan(plan.capacity.meanWork),
            })
          : plan.capacityNote}
        {t('history', { from: formatClock(plan.historyStart), to: formatClock(end), step: formatSpan(step) })}
        {hiddenSteps > 0 ? t('hidden', { shown: formatInt(plan.history.length - hiddenSteps), total: formatInt(plan.history.length) }) : ''}
        {plan.droppedIntervals > 0 ? t('dropped', { n: plan.droppedIntervals }) : ''}
        {t('fullStop')}
      </p>
      <div className="plan-grid">
        <div className="plan-chart" data-testid="plan-chart" data-export-root="">
          <ChartExport chart={`${plan.serviceId} capacity plan`} title={t('chartTitle', { id: plan.serviceId })} data={csv} />
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={MARGIN}>
              <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
              <YAxis tickFormatter={tickNumber} tick={TICK} width={44} domain={Y_DOMAIN} />
              <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
              <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
              <ReferenceArea x1={holdoutStart} x2={end} fill="#f59e0b" fillOpacity={0.07} stroke="none" label={{ value: t('heldOut'), position: 'insideTop', fontSize: 10, fill: '#b45309' }} />
              <ReferenceLine x={end} stroke="#52525b" strokeDasharray="3 3" label={{ value: t('now'), position: 'insideTopRight', fontSize: 10, fill: '#52525b' }} />
              <Line name={t('lineActual')} dataKey="actual" stroke="#2563eb" dot={false} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} />
              <Line name={t('lineBacktest', { model: p.model })} dataKey="backtest" stroke="#f59e0b" strokeDasharray="5 3" dot={false} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} />
              <Line name={t('lineForecast')} dataKey="forecast" stroke="#7c3aed" strokeDasharray="5 3" dot={false} strokeWidth={1.8} isAnimationActive={false} connectNulls={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <table className="plan-models" data-testid="plan-models">
          <caption>{t('caption', { n: p.backtest.holdout })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colModel')}</th>
              <th scope="col">MAPE {/* i18n-ignore */}</th>
              <th scope="col">{t('colMae')}</th>
            </tr>
          </thead>
          <tbody>
            {p.backtest.models.map((m) => (
              <tr key={m.model} className={m.model === p.model ? 'is-chosen' : undefined} data-testid="plan-model-row" data-model={m.model}>
                <th scope="row">
                  {m.model}
                  {m.model === p.model ? ' ✓' : ''}
                </th>
                {m.ok ? (
                  <>
                    <td className="num">{pct(t, m.mape)}</td>
                    <td className="num">{(m.mae / step).toFixed(2)}</td>
                  </>
                ) : (
                  <td colSpan={2} className="muted plan-skip">
                    {t('notTried', { reason: notTriedReason(t, m) })}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
});
