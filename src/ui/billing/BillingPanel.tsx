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
import { useT, type Translate } from '../i18n/messages';
import { billingMessages, type BillingKey } from './messages';
import { richText } from '../serverless/richText';
import { alertKindName, alertText, billError, categoryName, pricingName, recommendationKindName, recommendationText, resourceName, skipReason, splitName, unitName } from './billingWords';
import { ChartLegend } from '../charts/ChartLegend';
import { TableHead } from '../components/TableHead';

const TENANT_COLORS = ['#2563eb', '#f59e0b', '#16a34a', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#ea580c'];
const MARGIN = { top: 12, right: 8, bottom: 0, left: 0 };
const X_DOMAIN: [number, string] = [0, 'dataMax'];
const tickUsd = (v: number): string => (Math.abs(v) >= 1000 ? `$${Number((v / 1000).toFixed(1))}k` : `$${Number(v.toFixed(2))}`);
const tooltipValue = (v: unknown): string => (typeof v === 'number' ? formatUsd(v) : '—');

/** Mounted by the console; renders only for scenarios with host pools. */
export const BillingPanel = memo(function BillingPanel() {
  const has = useCompute((s) => s.info !== null);
  const t = useT(billingMessages);
  if (!has) return null;
  return (
    <ErrorBoundary what={t('panelWhat')}>
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
  const t = useT(billingMessages);

  return (
    <section className="card billing-panel" data-testid="billing-panel" aria-label={t('title')}>
      <header className="autoscaler-head">
        <h3>{t('title')}</h3>
        <span className="muted">{t('subtitle')}</span>
        <span className="billing-actions">
          {open && (
            <button type="button" onClick={onRefresh} disabled={loading} data-testid="billing-refresh">
              {loading ? t('refreshing') : t('refresh')}
            </button>
          )}
          <button type="button" aria-expanded={open} aria-controls="billing-body" onClick={onToggle} data-testid="billing-toggle">
            {open ? t('hideBill') : t('showBill')}
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
  const t = useT(billingMessages);
  if (result === null) return <p className="muted">{loading ? t('computing') : t('noBillYet')}</p>;
  if (!result.ok) {
    return (
      <div className="banner banner-error" role="alert" data-testid="billing-error">
        <div className="banner-text">{t('noBill', { error: billError(t, result) })}</div>
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
  const t = useT(billingMessages);
  return (
    <>
      <div className="billing-headline">
        <span>
          {richText(t('total'), {
            total: (
              <strong className="num" data-testid="billing-total" data-value={summary.total}>
                {formatUsd(summary.total)}
              </strong>
            ),
          })}
        </span>
        <span>
          {richText(t('idle'), {
            idle: (
              <strong className="num" data-testid="billing-idle" data-value={summary.idle.total}>
                {formatUsd(summary.idle.total)}
              </strong>
            ),
          })}{' '}
          <span className="muted">
            {richText(t('idleOfBill', { pct: summary.total > 0 ? formatPercent(summary.idle.total / summary.total) : '—' }), {
              split: <span data-testid="billing-idle-split">{splitName(t, summary.idle.split)}</span>,
            })}
          </span>
        </span>
        <span className="muted" data-testid="billing-to">
          {t('upTo', { clock: formatClock(summary.to), n: summary.records.toLocaleString('en-US') })}
        </span>
        <button type="button" onClick={onDownload} data-testid="billing-download-csv">
          {t('downloadCsv')}
        </button>
      </div>
      <div className="billing-grid">
        <table className="insp-table billing-tenants" data-testid="billing-tenants">
          <caption>{t('tenantsCaption')}</caption>
          <TableHead columns={[{ label: t('colTenant') }, { label: t('colOwn'), right: true }, { label: t('colIdleShare'), right: true }, { label: t('colTotal'), right: true }, { label: t('colActions'), srOnly: true }]} />
          <tbody>
            {summary.tenants.map((inv) => (
              <TenantRow key={inv.tenant} t={inv} selected={inv.tenant === selected} csv={tenantCsv[inv.tenant] ?? ''} scenarioName={scenarioName} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('allTenants')}</th>
              <td className="right num">{formatUsd(summary.tenants.reduce((a, inv) => a + inv.direct, 0))}</td>
              <td className="right num">{formatUsd(summary.tenants.reduce((a, inv) => a + inv.idleShare, 0))}</td>
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
  const tr = useT(billingMessages);
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
          {selected ? tr('closeInvoice') : tr('openInvoice')}
        </button>
        <button type="button" onClick={onCsv} data-testid={`billing-tenant-${t.tenant}-csv`} aria-label={tr('tenantCsvAria', { tenant: t.tenant })}>
          CSV
        </button>
      </td>
    </tr>
  );
});

function Invoice({ invoice, csv, scenarioName, idleSplit }: { invoice: TenantInvoice; csv: string; scenarioName: string; idleSplit: string }) {
  const onCsv = useCallback(() => actions.downloadCsv(csvFileName(scenarioName, invoice.tenant), csv), [scenarioName, invoice.tenant, csv]);
  const t = useT(billingMessages);
  return (
    <div className="billing-invoice" data-testid="billing-invoice" data-tenant={invoice.tenant}>
      <div className="billing-invoice-head">
        <h4>
          {richText(t('invoiceHead'), { tenant: <span className="mono">{invoice.tenant}</span>, total: <span className="num">{formatUsd(invoice.total)}</span> })}
        </h4>
        <button type="button" onClick={onCsv} data-testid="billing-invoice-csv">
          {t('downloadCsv')}
        </button>
      </div>
      <div className="billing-scroll">
        <table className="insp-table" data-testid="billing-line-items">
          <caption className="sr-only">{t('lineItemsOf', { tenant: invoice.tenant })}</caption>
          <TableHead columns={[{ label: t('colGroup') }, { label: t('colCategory') }, { label: t('colResource') }, { label: t('colPricing') }, { label: t('colQuantity'), right: true }, { label: t('colCost'), right: true }]} />
          <tbody>
            {invoice.lineItems.map((li, i) => (
              <tr key={i} data-testid="billing-line-item" data-category={li.category} data-pricing={li.pricing}>
                <td className="mono">{li.group}</td>
                <td>{categoryName(t, li.category)}</td>
                <td>{resourceName(t, li.label, li.resource)}</td>
                <td>{pricingName(t, li.pricing)}</td>
                <td className="right num">{formatQuantity(li.quantity, unitName(t, li.unit))}</td>
                <td className="right num">{formatUsd(li.cost)}</td>
              </tr>
            ))}
            {invoice.idleShare !== 0 && (
              <tr data-testid="billing-line-item-idle">
                <td />
                <td>{t('idleShareRow')}</td>
                <td colSpan={3}>{t('idleSplitRow', { split: splitName(t, idleSplit) })}</td>
                <td className="right num">{formatUsd(invoice.idleShare)}</td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                {t('colTotal')}
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
  const t = useT(billingMessages);
  if (!alerts || alerts.length === 0) return null;
  const last = alerts[alerts.length - 1]!;
  return (
    <div className="banner billing-alert-banner" role="status" aria-live="polite" data-testid="billing-alert-banner" data-count={alerts.length}>
      <div className="banner-text">
        <strong>{t('alertCount', { n: alerts.length })}</strong>{' '}
        {richText(t('alertLatest', { kind: alertKindName(t, last.kind), message: alertText(t, last) }), { clock: <span className="mono">{formatClock(last.t)}</span> })}
      </div>
    </div>
  );
}

function Budgets({ summary }: { summary: BillingSummary }) {
  const t = useT(billingMessages);
  if (summary.budgets.length === 0 && summary.alerts.length === 0) return null;
  return (
    <div className="billing-budgets" data-testid="billing-budgets">
      {summary.budgets.length > 0 && (
        <table className="insp-table">
          <caption>{t('budgetsCaption')}</caption>
          <TableHead columns={[{ label: t('colTenant') }, { label: t('colBudget'), right: true }, { label: t('colSpent'), right: true }, { label: t('colForecast'), right: true }, { label: t('colForecastBudget'), right: true }]} />
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
        <ul className="billing-alerts" data-testid="billing-alerts" aria-label={t('alertsAria')}>
          {summary.alerts.map((a, i) => (
            <li key={i} data-testid="billing-alert" data-kind={a.kind}>
              <span className="mono muted">{formatClock(a.t)}</span> <span className={a.kind === 'actual' ? 'bad' : undefined}>{alertKindName(t, a.kind)}</span> {alertText(t, a)}
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
  const t = useT(billingMessages);
  return (
    <div className="billing-recs" data-testid="billing-recommendations">
      {both && (
        <p>
          <button type="button" onClick={onBoth} disabled={running} data-testid="billing-apply-rightsize-reserve">
            {t('applyBoth')}
          </button>{' '}
          <span className="muted">{t('applyBothNote')}</span>
        </p>
      )}
      {recs.length === 0 ? (
        <p className="muted">{t('noRecs')}</p>
      ) : (
        <table className="insp-table">
          <caption>{t('recsCaption', { amount: formatUsd(totalMonthly) })}</caption>
          <TableHead columns={[{ label: t('colKind') }, { label: t('colTarget') }, { label: t('colTenant') }, { label: t('colWhat') }, { label: t('colRunCost'), right: true }, { label: t('colRunSaving'), right: true }, { label: t('colMonthSaving'), right: true }, { label: t('colCheck'), srOnly: true }]} />
          <tbody>
            {recs.map((r, i) => (
              <tr key={`${r.kind}:${r.target}:${i}`} data-testid="billing-recommendation" data-kind={r.kind} data-target={r.target}>
                <td>{recommendationKindName(t, r.kind)}</td>
                <td className="mono">{r.target}</td>
                <td className="mono">{r.tenant ?? '—'}</td>
                <td>{recommendationText(t, r)}</td>
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
  const t = useT(billingMessages);
  return (
    <button type="button" onClick={onClick} disabled={disabled} data-testid="billing-apply" data-id={id} aria-label={t('applyAria', { id })}>
      {t('apply')}
    </button>
  );
}

function slaText(t: Translate<BillingKey>, s: SlaStatus): string {
  if (s.services.length === 0) return t('noObjectives');
  const broken = s.services.filter((x) => x.availabilityMet === false || x.latencyMet === false).map((x) => x.id);
  return s.held ? t('slaHeld', { ids: s.services.map((x) => x.id).join(', ') }) : t('slaBroken', { ids: broken.join(', ') });
}

function Rerun() {
  const rerun = useBilling((s) => s.rerun);
  const t = useT(billingMessages);
  if (!rerun) return null;
  return (
    <div className="billing-rerun" data-testid="billing-rerun" data-selection={rerun.selection} aria-live="polite" aria-busy={rerun.running}>
      <h4>{richText(t('rerunHead'), { selection: <span className="mono">{rerun.selection}</span> })}</h4>
      {rerun.running ? <p className="muted">{t('rerunRunning')}</p> : rerun.view && <RerunResult view={rerun.view} />}
    </div>
  );
}

function RerunResult({ view }: { view: RerunView }) {
  const link = view.ok ? view.link : '';
  const onLoad = useCallback(() => actions.loadPatched(link), [link]);
  const t = useT(billingMessages);
  if (!view.ok) {
    return (
      <div className="banner banner-error" role="alert" data-testid="billing-rerun-error">
        <div className="banner-text">{billError(t, view)}</div>
      </div>
    );
  }
  const c = view.comparison;
  return (
    <>
      <ul>
        {c.applied.map((a) => (
          <li key={a.id} data-testid="billing-rerun-applied" data-id={a.id}>
            {richText(t('applied', { summary: recommendationText(t, a), saving: formatUsd(a.runSaving) }), { id: <span className="mono">{a.id}</span> })}
          </li>
        ))}
        {c.skipped.map((k) => (
          <li key={k.id} className="muted">
            {richText(t('skipped', { reason: skipReason(t, k) }), { id: <span className="mono">{k.id}</span> })}
          </li>
        ))}
      </ul>
      <table className="insp-table">
        <caption className="sr-only">{t('savingCaption')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('billOverRun', { seed: c.seed })}</th>
            <td className="num">
              {formatUsd(c.before)} → <span data-testid="billing-rerun-after">{formatUsd(c.after)}</span>
            </td>
          </tr>
          <tr>
            <th scope="row">{t('estimatedSaving')}</th>
            <td className="num" data-testid="billing-rerun-estimated" data-value={c.estimatedSaving}>
              {t('perMonth', { amount: formatUsd(c.estimatedSaving), monthly: formatUsd(c.estimatedMonthly) })}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('realSaving')}</th>
            <td className="num" data-testid="billing-rerun-real" data-value={c.realSaving}>
              {t('perMonth', { amount: formatUsd(c.realSaving), monthly: formatUsd(c.realMonthly) })}
              {c.deviation !== null && t('deviation', { dev: `${c.deviation >= 0 ? '+' : ''}${(c.deviation * 100).toFixed(2)}` })}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('slaBeforeAfter')}</th>
            <td data-testid="billing-rerun-sla" data-before={String(c.slaBefore.held)} data-after={String(c.slaAfter.held)} className={c.slaAfter.held ? undefined : 'bad'}>
              {slaText(t, c.slaBefore)} → {slaText(t, c.slaAfter)}
            </td>
          </tr>
        </tbody>
      </table>
      {link !== '' && (
        <button type="button" onClick={onLoad} data-testid="billing-rerun-load">
          {t('loadPatched')}
        </button>
      )}
    </>
  );
}

const CostChart = memo(function CostChart({ summary }: { summary: BillingSummary }) {
  const { tenants, points } = useMemo(() => costPoints(summary), [summary]);
  // CSV headers stay English in both languages (like the time column): the files are read by tools.
  const csv = useMemo<ChartCsv>(() => ({ columns: [TIME_COLUMN, ...tenants.map((t) => ({ key: t, header: `${t} cumulative cost (USD)` }))], rows: points }), [tenants, points]);
  const t = useT(billingMessages);
  const tooltipLabel = useCallback((v: unknown): string => (typeof v === 'number' ? t('tooltipUpTo', { clock: formatClock(v) }) : ''), [t]);
  if (points.length === 0) return <p className="muted">{t('noCostYet')}</p>;
  return (
    <figure className="billing-chart" data-testid="billing-chart" data-points={points.length} data-export-root="">
      <figcaption className="muted">
        {t('chartCaption')} <ChartExport chart="cost per tenant" title={t('chartTitle')} data={csv} />
      </figcaption>
      <div className="billing-chart-box">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
            <YAxis tickFormatter={tickUsd} tick={TICK} width={52} />
            <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
            <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
            {tenants.map((tenant, i) => (
              <Line key={tenant} name={tenant} dataKey={tenant} stroke={TENANT_COLORS[i % TENANT_COLORS.length]} dot={false} strokeWidth={1.6} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
