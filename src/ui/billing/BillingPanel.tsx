/* i18n-pending */
/**
 * The run's bill: the total, idle cost and how it is split, each tenant's own cost, idle share and
 * total (which add up to the bill), the selected tenant's invoice line items, budgets and alerts,
 * cost recommendations with their estimated savings, cumulative cost over time per tenant, and
 * CSV downloads of the whole bill or one tenant's invoice (the worker writes the CSV).
 *
 * Shown when the scenario has host pools. The bill is fetched when the panel opens, on Refresh, and
 * when the run pauses or finishes; never on every snapshot. While the run plays it is polled every
 * 1.5 s (when the panel is open or the scenario has budgets), so budget alerts appear as they happen
 * (a banner in the panel's head). Each recommendation can be applied and re-run on the same seed
 * in the worker (the live run is not touched): estimated vs real saving, SLA before and after, and
 * the patched scenario to load.
 */
import { memo, useCallback, useEffect, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BillingSummary, RerunView, SlaStatus, TenantInvoice } from '../../workers/billing';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { useCompute } from '../infra/computeStore';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { formatClock, formatPercent } from '../format';
import { applyAndRerun, billingStore, clearBill, pollBill, refreshBill, selectTenant, setBillingOpen, useBilling } from './billingStore';
import { costPoints, csvFileName, formatQuantity, formatUsd } from './billingPoints';
import { ChartExport } from '../export/ChartExport';
import { TIME_COLUMN, type ChartCsv } from '../export/chartExport';
import './billing.css';
import { TICK, LEGEND_STYLE, tickTime } from '../charts/chartStyle';

const TENANT_COLORS = ['#2563eb', '#f59e0b', '#16a34a', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#ea580c'];
const MARGIN = { top: 12, right: 8, bottom: 0, left: 0 };
const X_DOMAIN: [number, string] = [0, 'dataMax'];
const tickUsd = (v: number): string => (Math.abs(v) >= 1000 ? `$${Number((v / 1000).toFixed(1))}k` : `$${Number(v.toFixed(2))}`);
const tooltipLabel = (v: unknown): string => (typeof v === 'number' ? `up to ${formatClock(v)}` : '');
const tooltipValue = (v: unknown): string => (typeof v === 'number' ? formatUsd(v) : '—');

/** Mounted by the console; renders only for scenarios with host pools. */
export const BillingPanel = memo(function BillingPanel() {
  const has = useCompute((s) => s.info !== null);
  if (!has) return null;
  return (
    <ErrorBoundary what="the billing panel">
      <BillingCard />
    </ErrorBoundary>
  );
});

function BillingCard() {
  const open = useBilling((s) => s.open);
  const loading = useBilling((s) => s.loading);
  const scenarioRev = useConsole((s) => s.status?.scenarioRev ?? -1);
  const playing = useConsole((s) => s.status?.playing ?? false);
  const finished = useConsole((s) => s.status?.finished ?? false);
  const busy = useConsole((s) => s.busy !== null);
  const scenarioName = useConsole((s) => s.scenario?.name ?? 'scenario');

  // A new scenario drops the old bill.
  useEffect(() => {
    if (billingStore.getState().scenarioRev !== scenarioRev) {
      clearBill(scenarioRev);
      // The bill at load (cheap): tells whether the scenario has budgets to watch while it plays.
      void pollBill(scenarioRev);
    }
  }, [scenarioRev]);
  // Open, and the run is paused or finished (or just opened): fetch the bill.
  useEffect(() => {
    if (open && !playing && !busy) void refreshBill(scenarioRev);
  }, [open, playing, finished, busy, scenarioRev]);

  // While the run plays: poll quietly, for live budget alerts (open, or a scenario with budgets).
  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => {
      const st = billingStore.getState();
      const budgets = st.result !== null && st.result.ok && st.result.summary.budgets.length > 0;
      if (st.open || budgets) void pollBill(scenarioRev);
    }, 1500);
    return () => window.clearInterval(id);
  }, [playing, scenarioRev]);

  const onToggle = useCallback(() => setBillingOpen(!billingStore.getState().open), []);
  const onRefresh = useCallback(() => void refreshBill(scenarioRev), [scenarioRev]);

  return (
    <section className="card billing-panel" data-testid="billing-panel" aria-label="Billing">
      <header className="autoscaler-head">
        <h3>Billing</h3>
        <span className="muted">invoices per tenant from the run's metering, idle cost shared out, budgets and savings</span>
        <span className="billing-actions">
          {open && (
            <button type="button" onClick={onRefresh} disabled={loading} data-testid="billing-refresh">
              {loading ? 'Refreshing…' : 'Refresh'}
            </button>
          )}
          <button type="button" aria-expanded={open} aria-controls="billing-body" onClick={onToggle} data-testid="billing-toggle">
            {open ? 'Hide the bill' : 'Show the bill'}
          </button>
        </span>
      </header>
      <AlertBanner />
      {open && (
        <div id="billing-body" className="billing-body">
          <BillBody scenarioName={scenarioName} />
        </div>
      )}
    </section>
  );
}

function BillBody({ scenarioName }: { scenarioName: string }) {
  const result = useBilling((s) => s.result);
  const loading = useBilling((s) => s.loading);
  if (result === null) return <p className="muted">{loading ? 'Computing the bill…' : 'No bill yet.'}</p>;
  if (!result.ok) {
    return (
      <div className="banner banner-error" role="alert" data-testid="billing-error">
        <div className="banner-text">No bill: {result.error}</div>
      </div>
    );
  }
  return <Bill summary={result.summary} csv={result.csv} tenantCsv={result.tenantCsv} scenarioName={scenarioName} />;
}

interface BillProps {
  summary: BillingSummary;
  csv: string;
  tenantCsv: Record<string, string>;
  scenarioName: string;
}

const Bill = memo(function Bill({ summary, csv, tenantCsv, scenarioName }: BillProps) {
  const selected = useBilling((s) => s.selectedTenant);
  const invoice = summary.tenants.find((t) => t.tenant === selected) ?? null;
  const onDownload = useCallback(() => actions.downloadCsv(csvFileName(scenarioName), csv), [scenarioName, csv]);
  const sum = summary.tenants.reduce((a, t) => a + t.total, 0);
  return (
    <>
      <div className="billing-headline">
        <span>
          Total <strong className="num" data-testid="billing-total" data-value={summary.total}>{formatUsd(summary.total)}</strong>
        </span>
        <span>
          idle <strong className="num" data-testid="billing-idle" data-value={summary.idle.total}>{formatUsd(summary.idle.total)}</strong>{' '}
          <span className="muted">
            ({summary.total > 0 ? formatPercent(summary.idle.total / summary.total) : '—'} of the bill, shared out <span data-testid="billing-idle-split">{summary.idle.split === 'even' ? 'evenly' : 'in proportion to own cost'}</span>)
          </span>
        </span>
        <span className="muted" data-testid="billing-to">
          up to {formatClock(summary.to)} · {summary.records.toLocaleString('en-US')} records
        </span>
        <button type="button" onClick={onDownload} data-testid="billing-download-csv">
          Download CSV
        </button>
      </div>
      <div className="billing-grid">
        <table className="insp-table billing-tenants" data-testid="billing-tenants">
          <caption>Tenants (own cost + share of idle = total)</caption>
          <thead>
            <tr>
              <th scope="col">tenant</th>
              <th scope="col" className="right">own</th>
              <th scope="col" className="right">idle share</th>
              <th scope="col" className="right">total</th>
              <th scope="col">
                <span className="sr-only">actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.tenants.map((t) => (
              <TenantRow key={t.tenant} t={t} selected={t.tenant === selected} csv={tenantCsv[t.tenant] ?? ''} scenarioName={scenarioName} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">all tenants</th>
              <td className="right num">{formatUsd(summary.tenants.reduce((a, t) => a + t.direct, 0))}</td>
              <td className="right num">{formatUsd(summary.tenants.reduce((a, t) => a + t.idleShare, 0))}</td>
              <td className="right num" data-testid="billing-tenants-sum">
                {formatUsd(sum)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
        <CostChart summary={summary} />
      </div>
      {invoice && <Invoice invoice={invoice} csv={tenantCsv[invoice.tenant] ?? ''} scenarioName={scenarioName} idleSplit={summary.idle.split} />}
      <Budgets summary={summary} />
      <Recommendations summary={summary} />
    </>
  );
});

const TenantRow = memo(function TenantRow({ t, selected, csv, scenarioName }: { t: TenantInvoice; selected: boolean; csv: string; scenarioName: string }) {
  const onOpen = useCallback(() => selectTenant(selected ? null : t.tenant), [selected, t.tenant]);
  const onCsv = useCallback(() => actions.downloadCsv(csvFileName(scenarioName, t.tenant), csv), [scenarioName, t.tenant, csv]);
  return (
    <tr className={selected ? 'is-chosen' : undefined} data-testid={`billing-tenant-${t.tenant}`} data-tenant={t.tenant} data-total={t.total}>
      <th scope="row" className="mono">
        {t.tenant}
      </th>
      <td className="right num" data-testid={`billing-tenant-${t.tenant}-own`}>
        {formatUsd(t.direct)}
      </td>
      <td className="right num" data-testid={`billing-tenant-${t.tenant}-idle`}>
        {formatUsd(t.idleShare)}
      </td>
      <td className="right num" data-testid={`billing-tenant-${t.tenant}-total`} data-value={t.total}>
        {formatUsd(t.total)}
      </td>
      <td className="billing-row-actions">
        <button type="button" aria-pressed={selected} onClick={onOpen} data-testid={`billing-tenant-${t.tenant}-open`}>
          {selected ? 'Close invoice' : 'Invoice'}
        </button>
        <button type="button" onClick={onCsv} data-testid={`billing-tenant-${t.tenant}-csv`} aria-label={`Download the CSV of ${t.tenant}'s invoice`}>
          CSV
        </button>
      </td>
    </tr>
  );
});

function Invoice({ invoice, csv, scenarioName, idleSplit }: { invoice: TenantInvoice; csv: string; scenarioName: string; idleSplit: string }) {
  const onCsv = useCallback(() => actions.downloadCsv(csvFileName(scenarioName, invoice.tenant), csv), [scenarioName, invoice.tenant, csv]);
  return (
    <div className="billing-invoice" data-testid="billing-invoice" data-tenant={invoice.tenant}>
      <div className="billing-invoice-head">
        <h4>
          Invoice · <span className="mono">{invoice.tenant}</span> · <span className="num">{formatUsd(invoice.total)}</span>
        </h4>
        <button type="button" onClick={onCsv} data-testid="billing-invoice-csv">
          Download CSV
        </button>
      </div>
      <div className="billing-scroll">
        <table className="insp-table" data-testid="billing-line-items">
          <caption className="sr-only">Line items of {invoice.tenant}</caption>
          <thead>
            <tr>
              <th scope="col">group</th>
              <th scope="col">category</th>
              <th scope="col">resource</th>
              <th scope="col">pricing</th>
              <th scope="col" className="right">quantity</th>
              <th scope="col" className="right">cost</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lineItems.map((li, i) => (
              <tr key={i} data-testid="billing-line-item">
                <td className="mono">{li.group}</td>
                <td>{li.category}</td>
                <td>{li.resource}</td>
                <td>{li.pricing}</td>
                <td className="right num">{formatQuantity(li.quantity, li.unit)}</td>
                <td className="right num">{formatUsd(li.cost)}</td>
              </tr>
            ))}
            {invoice.idleShare !== 0 && (
              <tr data-testid="billing-line-item-idle">
                <td />
                <td>idle share</td>
                <td colSpan={3}>idle cost split {idleSplit}</td>
                <td className="right num">{formatUsd(invoice.idleShare)}</td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                total
              </th>
              <td className="right num" data-testid="billing-invoice-total">
                {formatUsd(invoice.total)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

/** The latest budget alerts of the run so far, shown as they happen (open or closed panel). */
function AlertBanner() {
  const alerts = useBilling((s) => (s.result?.ok ? s.result.summary.alerts : null));
  if (!alerts || alerts.length === 0) return null;
  const last = alerts[alerts.length - 1]!;
  return (
    <div className="banner billing-alert-banner" role="status" aria-live="polite" data-testid="billing-alert-banner" data-count={alerts.length}>
      <div className="banner-text">
        <strong>
          {alerts.length} budget alert{alerts.length === 1 ? '' : 's'}
        </strong>{' '}
        · latest at <span className="mono">{formatClock(last.t)}</span> ({last.kind}): {last.message}
      </div>
    </div>
  );
}

function Budgets({ summary }: { summary: BillingSummary }) {
  if (summary.budgets.length === 0 && summary.alerts.length === 0) return null;
  return (
    <div className="billing-budgets" data-testid="billing-budgets">
      {summary.budgets.length > 0 && (
        <table className="insp-table">
          <caption>Budgets (monthly; the forecast extrapolates the spend so far to 730 h)</caption>
          <thead>
            <tr>
              <th scope="col">tenant</th>
              <th scope="col" className="right">budget</th>
              <th scope="col" className="right">spent</th>
              <th scope="col" className="right">forecast</th>
              <th scope="col" className="right">forecast / budget</th>
            </tr>
          </thead>
          <tbody>
            {summary.budgets.map((b) => (
              <tr key={b.tenant} data-testid={`billing-budget-${b.tenant}`} className={b.forecast > b.monthly ? 'bad' : undefined}>
                <th scope="row" className="mono">
                  {b.tenant}
                </th>
                <td className="right num">{formatUsd(b.monthly)}</td>
                <td className="right num">{formatUsd(b.spent)}</td>
                <td className="right num">{formatUsd(b.forecast)}</td>
                <td className="right num">{b.monthly > 0 ? formatPercent(b.forecast / b.monthly) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.alerts.length > 0 && (
        <ul className="billing-alerts" data-testid="billing-alerts" aria-label="Budget alerts">
          {summary.alerts.map((a, i) => (
            <li key={i} data-testid="billing-alert" data-kind={a.kind}>
              <span className="mono muted">{formatClock(a.t)}</span> <span className={a.kind === 'actual' ? 'bad' : undefined}>{a.kind}</span> {a.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Recommendations({ summary }: { summary: BillingSummary }) {
  const recs = summary.recommendations;
  const totalMonthly = recs.reduce((a, r) => a + r.monthlySaving, 0);
  const running = useBilling((s) => s.rerun?.running ?? false);
  const both = recs.some((r) => r.kind === 'rightsize') && recs.some((r) => r.kind === 'reserve');
  const onBoth = useCallback(() => void applyAndRerun('rightsize,reserve'), []);
  return (
    <div className="billing-recs" data-testid="billing-recommendations">
      {both && (
        <p>
          <button type="button" onClick={onBoth} disabled={running} data-testid="billing-apply-rightsize-reserve">
            Apply rightsizing + reserving and re-run
          </button>{' '}
          <span className="muted">rightsizes first, then reserves the new steady baseline; both runs go to the end on this scenario's seed</span>
        </p>
      )}
      {recs.length === 0 ? (
        <p className="muted">No cost recommendations for this run.</p>
      ) : (
        <table className="insp-table">
          <caption>
            Recommendations · estimated saving {formatUsd(totalMonthly)} per month in all
          </caption>
          <thead>
            <tr>
              <th scope="col">kind</th>
              <th scope="col">target</th>
              <th scope="col">tenant</th>
              <th scope="col">what</th>
              <th scope="col" className="right">cost over the run</th>
              <th scope="col" className="right">saving over the run</th>
              <th scope="col" className="right">saving per month</th>
              <th scope="col">
                <span className="sr-only">check</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {recs.map((r, i) => (
              <tr key={`${r.kind}:${r.target}:${i}`} data-testid="billing-recommendation" data-kind={r.kind} data-target={r.target}>
                <td>{r.kind}</td>
                <td className="mono">{r.target}</td>
                <td className="mono">{r.tenant ?? '—'}</td>
                <td>{r.summary}</td>
                <td className="right num">{formatUsd(r.runCost)}</td>
                <td className="right num">{formatUsd(r.runSaving)}</td>
                <td className="right num">{formatUsd(r.monthlySaving)}</td>
                <td>
                  <ApplyButton id={r.id} disabled={running} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Rerun />
    </div>
  );
}

function ApplyButton({ id, disabled }: { id: string; disabled: boolean }) {
  const onClick = useCallback(() => void applyAndRerun(id), [id]);
  return (
    <button type="button" onClick={onClick} disabled={disabled} data-testid="billing-apply" data-id={id} aria-label={`Apply and re-run: ${id}, on the same seed`}>
      Apply and re-run
    </button>
  );
}

function slaText(s: SlaStatus): string {
  if (s.services.length === 0) return 'no objectives';
  const broken = s.services.filter((x) => x.availabilityMet === false || x.latencyMet === false).map((x) => x.id);
  return s.held ? `held (${s.services.map((x) => x.id).join(', ')})` : `broken (${broken.join(', ')})`;
}

function Rerun() {
  const rerun = useBilling((s) => s.rerun);
  if (!rerun) return null;
  return (
    <div className="billing-rerun" data-testid="billing-rerun" data-selection={rerun.selection} aria-live="polite" aria-busy={rerun.running}>
      <h4>
        Apply and re-run · <span className="mono">{rerun.selection}</span>
      </h4>
      {rerun.running ? <p className="muted">Running the scenario and the patched copy to the end on the same seed…</p> : rerun.view && <RerunResult view={rerun.view} />}
    </div>
  );
}

function RerunResult({ view }: { view: RerunView }) {
  const link = view.ok ? view.link : '';
  const onLoad = useCallback(() => actions.loadPatched(link), [link]);
  if (!view.ok) {
    return (
      <div className="banner banner-error" role="alert" data-testid="billing-rerun-error">
        <div className="banner-text">{view.error}</div>
      </div>
    );
  }
  const c = view.comparison;
  return (
    <>
      <ul>
        {c.applied.map((a) => (
          <li key={a.id} data-testid="billing-rerun-applied" data-id={a.id}>
            <span className="mono">{a.id}</span>: {a.summary} (estimated {formatUsd(a.runSaving)})
          </li>
        ))}
        {c.skipped.map((k) => (
          <li key={k.id} className="muted">
            <span className="mono">{k.id}</span> not applied: {k.reason}
          </li>
        ))}
      </ul>
      <table className="insp-table">
        <caption className="sr-only">Estimated and real saving</caption>
        <tbody>
          <tr>
            <th scope="row">bill over the run (seed {c.seed})</th>
            <td className="num">
              {formatUsd(c.before)} → <span data-testid="billing-rerun-after">{formatUsd(c.after)}</span>
            </td>
          </tr>
          <tr>
            <th scope="row">estimated saving</th>
            <td className="num" data-testid="billing-rerun-estimated" data-value={c.estimatedSaving}>
              {formatUsd(c.estimatedSaving)} ({formatUsd(c.estimatedMonthly)} a month)
            </td>
          </tr>
          <tr>
            <th scope="row">real saving</th>
            <td className="num" data-testid="billing-rerun-real" data-value={c.realSaving}>
              {formatUsd(c.realSaving)} ({formatUsd(c.realMonthly)} a month){c.deviation !== null && ` · ${c.deviation >= 0 ? '+' : ''}${(c.deviation * 100).toFixed(2)} % of the estimate`}
            </td>
          </tr>
          <tr>
            <th scope="row">SLA before → after</th>
            <td data-testid="billing-rerun-sla" data-before={String(c.slaBefore.held)} data-after={String(c.slaAfter.held)} className={c.slaAfter.held ? undefined : 'bad'}>
              {slaText(c.slaBefore)} → {slaText(c.slaAfter)}
            </td>
          </tr>
        </tbody>
      </table>
      {link !== '' && (
        <button type="button" onClick={onLoad} data-testid="billing-rerun-load">
          Load the patched scenario
        </button>
      )}
    </>
  );
}

const CostChart = memo(function CostChart({ summary }: { summary: BillingSummary }) {
  const { tenants, points } = useMemo(() => costPoints(summary), [summary]);
  const csv = useMemo<ChartCsv>(() => ({ columns: [TIME_COLUMN, ...tenants.map((t) => ({ key: t, header: `${t} cumulative cost (USD)` }))], rows: points }), [tenants, points]);
  if (points.length === 0) return <p className="muted">No cost over time yet.</p>;
  return (
    <figure className="billing-chart" data-testid="billing-chart" data-points={points.length} data-export-root="">
      <figcaption className="muted">
        Cumulative cost per tenant (own + idle share) <ChartExport chart="cost per tenant" title="Cumulative cost per tenant" data={csv} />
      </figcaption>
      <div className="billing-chart-box">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
            <YAxis tickFormatter={tickUsd} tick={TICK} width={52} />
            <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
            <Legend wrapperStyle={LEGEND_STYLE} />
            {tenants.map((t, i) => (
              <Line key={t} name={t} dataKey={t} stroke={TENANT_COLORS[i % TENANT_COLORS.length]} dot={false} strokeWidth={1.6} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
