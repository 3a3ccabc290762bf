/* i18n-pending */
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

type Plan = Extract<CapacityPlanResult, { ok: true }>;

const MODELS: ReadonlyArray<{ value: PlanModelChoice; label: string }> = [
  { value: 'auto', label: 'auto (lowest holdout error)' },
  { value: 'linear', label: 'linear trend' },
  { value: 'seasonal-naive', label: 'seasonal naive' },
  { value: 'holt-winters', label: 'Holt-Winters' },
];
const QUANTILES = ['0.9', '0.95', '0.99', '0.999'];

const MARGIN = { top: 12, right: 8, bottom: 0, left: 0 };
const tooltipLabel = (v: unknown): string => (typeof v === 'number' ? `step ending ${formatAxisTime(v)}` : '');
const tooltipValue = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(1)} req/s` : '—');

const pct = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(1)} %` : 'undefined (all zero)');

export const CapacityPanel = memo(function CapacityPanel() {
  const id = useConsole((s) => s.selectedService);
  const scenarioRev = useConsole((s) => s.status?.scenarioRev ?? 0);
  if (id === null) return null;
  // A new service or scenario starts with a fresh form.
  return <PlanBody key={`${id}#${scenarioRev}`} id={id} />;
});

function PlanBody({ id }: { id: string }) {
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
    <section className="card capacity-panel" data-testid="capacity-panel" aria-label={`Capacity planning for ${id}`}>
      <header className="autoscaler-head">
        <h3>
          Capacity planning · <span className="mono">{id}</span>
        </h3>
        <span className="muted">from the arrivals of the run so far: backtest on the latest horizon, forecast ahead, replicas and hosts for the peak</span>
      </header>
      <form className="plan-form" onSubmit={onSubmit}>
        <label className="field field-block">
          <span className="field-label">Step</span>
          <select value={step} onChange={(e) => onStep(Number(e.target.value))} data-testid="plan-step">
            {steps.map((s) => (
              <option key={s.seconds} value={s.seconds}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-block">
          <span className="field-label">Horizon</span>
          <select value={horizon} onChange={(e) => setHorizon(Number(e.target.value))} data-testid="plan-horizon">
            {horizons.map((h) => (
              <option key={h.seconds} value={h.seconds}>
                {h.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-block">
          <span className="field-label">Model</span>
          <select value={model} onChange={(e) => setModel(e.target.value as PlanModelChoice)} data-testid="plan-model">
            {MODELS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-block">
          <span className="field-label">Utilization at peak, %</span>
          <input type="text" inputMode="decimal" value={utilization} onChange={(e) => setUtilization(e.target.value)} data-testid="plan-utilization" />
        </label>
        <label className="field field-block">
          <span className="field-label">Replicas per host</span>
          <input type="text" inputMode="numeric" value={perHost} onChange={(e) => setPerHost(e.target.value)} data-testid="plan-per-host" />
        </label>
        <label className="field field-block">
          <span className="field-label">SLA: wait ≤ ms (optional)</span>
          <input type="text" inputMode="decimal" value={slaWait} placeholder="none" onChange={(e) => setSlaWait(e.target.value)} data-testid="plan-sla-wait" />
        </label>
        <label className="field field-block">
          <span className="field-label">for this share</span>
          <select value={quantile} onChange={(e) => setQuantile(e.target.value)} data-testid="plan-sla-quantile" disabled={slaWait.trim() === ''}>
            {QUANTILES.map((q) => (
              <option key={q} value={q}>
                {Number(q) * 100} %
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="plan-run" disabled={busy}>
          {busy ? 'Planning…' : 'Plan'}
        </button>
      </form>
      {result === null ? (
        <p className="muted plan-empty">Play the run for a while, then plan: the worker needs the horizon twice over as history (once to check the forecast, once to fit it).</p>
      ) : result.ok ? (
        <PlanView plan={result} />
      ) : (
        <div className="banner banner-error form-errors" role="alert" data-testid="plan-error">
          <div className="banner-text">
            <strong>No plan</strong>
            <ul>
              <li data-testid="plan-error-message">{result.error}</li>
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

const PlanView = memo(function PlanView({ plan }: { plan: Plan }) {
  const { points, hiddenSteps } = useMemo(() => planPoints(plan), [plan]);
  const p = plan.plan;
  const rec = p.recommendation;
  const step = plan.stepSeconds;
  const end = plan.historyStart + plan.history.length * step;
  const holdoutStart = end - p.backtest.holdout * step;
  const csv = useMemo<ChartCsv>(
    () => ({
      columns: [TIME_COLUMN, { key: 'actual', header: 'actual (req/s)' }, { key: 'backtest', header: `backtest ${p.model} (req/s)` }, { key: 'forecast', header: 'forecast (req/s)' }],
      rows: points,
    }),
    [points, p.model],
  );
  return (
    <div className="plan-result" data-testid="plan-result">
      <p className="plan-recommendation" data-testid="plan-recommendation">
        <strong>
          {formatInt(rec.replicas)} replica{rec.replicas === 1 ? '' : 's'} on {formatInt(rec.hosts)} host{rec.hosts === 1 ? '' : 's'}
        </strong>{' '}
        for a forecast peak of {rec.peakRate.toFixed(1)} req/s, {formatSpan(p.forecast.peak.step * step)} after {formatClock(end)} (bound by{' '}
        {rec.boundBy === 'sla' ? 'the latency objective' : rec.boundBy === 'minReplicas' ? 'the minimum' : 'utilization'}).
      </p>
      <p className="plan-explanation" data-testid="plan-explanation">
        {p.explanation}
      </p>
      <p className="muted plan-note">
        {plan.capacityNote}; history {formatClock(plan.historyStart)}–{formatClock(end)} in steps of {formatSpan(step)}
        {hiddenSteps > 0 ? `; the chart shows the latest ${formatInt(plan.history.length - hiddenSteps)} steps of ${formatInt(plan.history.length)}` : ''}
        {plan.droppedIntervals > 0 ? `; the last ${plan.droppedIntervals} metrics intervals (a partial step) are left out` : ''}.
      </p>
      <div className="plan-grid">
        <div className="plan-chart" data-testid="plan-chart" data-export-root="">
          <ChartExport chart={`${plan.serviceId} capacity plan`} title={`Capacity plan · ${plan.serviceId}`} data={csv} />
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={MARGIN}>
              <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
              <YAxis tickFormatter={tickNumber} tick={TICK} width={44} domain={Y_DOMAIN} />
              <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
              <Legend wrapperStyle={LEGEND_STYLE} />
              <ReferenceArea x1={holdoutStart} x2={end} fill="#f59e0b" fillOpacity={0.07} stroke="none" label={{ value: 'held out', position: 'insideTop', fontSize: 10, fill: '#b45309' }} />
              <ReferenceLine x={end} stroke="#52525b" strokeDasharray="3 3" label={{ value: 'now', position: 'insideTopRight', fontSize: 10, fill: '#52525b' }} />
              <Line name="actual req/s" dataKey="actual" stroke="#2563eb" dot={false} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} />
              <Line name={`backtest (${p.model})`} dataKey="backtest" stroke="#f59e0b" strokeDasharray="5 3" dot={false} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} />
              <Line name="forecast" dataKey="forecast" stroke="#7c3aed" strokeDasharray="5 3" dot={false} strokeWidth={1.8} isAnimationActive={false} connectNulls={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <table className="plan-models" data-testid="plan-models">
          <caption>Holdout error per model ({p.backtest.holdout} steps held out)</caption>
          <thead>
            <tr>
              <th scope="col">model</th>
              <th scope="col">MAPE</th>
              <th scope="col">MAE req/s</th>
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
                    <td className="num">{pct(m.mape)}</td>
                    <td className="num">{(m.mae / step).toFixed(2)}</td>
                  </>
                ) : (
                  <td colSpan={2} className="muted plan-skip">
                    not tried: {m.reason}
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
