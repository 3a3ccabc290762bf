/**
 * Tenants now and over time: per tenant its isolation level, weight, quota caps against live usage
 * (bars), refusals and dominant share; Jain's index; the pending-queue policy; dominant shares and
 * Jain's index charted from the metrics series; the latest quota refusals with their reasons.
 *
 * Shown for scenarios with tenants and host pools. The table is asked of the worker at most twice a
 * second while the run moves; the charts read the series the console already holds.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScopedTenancyView, TenancyView, TenantView } from '../../workers/api';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { useCompute } from '../infra/computeStore';
import { useWorkerQuery } from '../infra/useWorkerQuery';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { formatAxisTime, formatClock, formatPercent } from '../format';
import { tenancyPoints, tenantColumns, usageOf } from './tenancyPoints';
import { tenantColor } from './tenantColors';
import { useT } from '../i18n/messages';
import { useLang } from '../i18n/lang';
import { tenancyMessages } from './messages';
import { refusalReason } from './refusalText';
import { iamMessages } from '../iam/messages';
import { ruleText } from '../iam/iamText';
import '../iam/iam.css';
import './tenancy.css';
import { ChartLegend } from '../charts/ChartLegend';
import { TableHead } from '../components/TableHead';

const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
const TICK = { fontSize: 11 };
const X_DOMAIN: [string, string] = ['dataMin', 'dataMax'];
const Y_DOMAIN: [number, number] = [0, 1];
const LEGEND_STYLE = { fontSize: 12 };
const JAIN_COLOR = '#111827';
const tickTime = (v: number): string => formatAxisTime(v);
const tickShare = (v: number): string => `${Math.round(v * 100)}%`;
const tooltipLabel = (v: unknown): string => (typeof v === 'number' ? `t = ${formatClock(v)}` : '');
const tooltipValue = (v: unknown): string => (typeof v === 'number' ? v.toFixed(3) : '—');
const fetchTenancy = (): Promise<ScopedTenancyView | null> => actions.tenancy();


/** Mounted by the console; renders only for scenarios with tenants and host pools. */
export const TenancyPanel = memo(function TenancyPanel() {
  const has = useCompute((s) => s.info !== null);
  if (!has) return null;
  return (
    <ErrorBoundary what="the tenancy panel">
      <TenancyCard />
    </ErrorBoundary>
  );
});

function TenancyCard() {
  const scenarioRev = useConsole((s) => s.status?.scenarioRev ?? -1);
  const now = useConsole((s) => s.status?.now ?? 0);
  const view = useWorkerQuery(`tenancy:${scenarioRev}`, fetchTenancy, now, 500);
  const t = useT(tenancyMessages);
  const ti = useT(iamMessages);
  const lang = useLang();
  if (view === null || (view.tenants.length === 0 && !view.hidden)) return null;
  const hidden = view.hidden?.[0];
  return (
    <section className="card tenancy-panel" data-testid="tenancy-panel" aria-label={t('panelLabel')}>
      <header className="autoscaler-head">
        <h3>{t('heading')}</h3>
        <span className="muted">{t('subtitle')}</span>
      </header>
      <div className="tenancy-headline">
        <span>
          {t('jain')}{' '}
          {view.jain ? (
            <>
              <strong className="num" data-testid="tenancy-jain" data-value={view.jain.last}>
                {view.jain.last.toFixed(3)}
              </strong>{' '}
              <span className="muted">{t('jainDetail', { mean: view.jain.mean.toFixed(3), min: view.jain.min.toFixed(3) })}</span>
            </>
          ) : (
            <span className="muted" data-testid="tenancy-jain-hidden">
              {ti('hiddenJain')}
            </span>
          )}
        </span>
        <span className="muted" data-testid="tenancy-queue">
          {t('pendingQueue', { queue: t(`queue.${view.queue}`) })}
        </span>
      </div>
      <div className="tenancy-grid">
        <TenantTable tenants={view.tenants} />
        <ShareChart />
      </div>
      {hidden && (
        <div className="hidden-notice" role="note" data-testid="tenancy-hidden" data-count={view.hidden!.length} data-action={hidden.action} data-resource={hidden.resource} data-kind={hidden.kind}>
          <p className="hidden-notice-title">{ti('hiddenTenants', { n: view.hidden!.length, action: hidden.action, resource: hidden.resource })}</p>
          <p className="muted hidden-notice-rule" data-testid="tenancy-hidden-rule">
            {ti('hiddenRule', { rule: ruleText(ti, lang, hidden) })}
          </p>
        </div>
      )}
      <Refusals refusals={view.refusals} />
    </section>
  );
}

const Bar = memo(function Bar({ used, cap, label }: { used: number; cap: number | undefined; label: string }) {
  const u = usageOf(used, cap);
  return (
    <span className="tenancy-bar">
      {u.fraction !== null && (
        <span className="bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={cap} aria-valuenow={used}>
          <span className={u.fraction >= 1 ? 'full' : undefined} style={{ width: `${u.fraction * 100}%` }} />
        </span>
      )}
      <span className="num">{u.text}</span>
    </span>
  );
});

const TenantTable = memo(function TenantTable({ tenants }: { tenants: TenantView[] }) {
  const tt = useT(tenancyMessages);
  return (
    <table className="insp-table" data-testid="tenancy-tenants">
      <caption>{tt('caption')}</caption>
      <TableHead
        columns={[
          { label: tt('colTenant') },
          { label: tt('colIsolation') },
          { label: 'vCPU' }, // i18n-ignore: a unit, the same in both languages
          { label: tt('colMemory') },
          { label: tt('colInstances') },
          { label: tt('colRefused'), right: true },
          { label: tt('colShare'), right: true },
        ]}
      />
      <tbody>
        {tenants.map((t, i) => (
          <tr key={t.id} data-testid={`tenancy-tenant-${t.id}`} data-refused={t.refused}>
            <th scope="row" className="mono">
              <span className="tenancy-swatch" style={{ background: tenantColor(i) }} aria-hidden="true" />
              {t.id}
              {t.weight !== 1 && <span className="muted"> ×{t.weight}</span>}
            </th>
            <td>
              {tt(`isolation.${t.isolation}`)}
              {t.hosts > 0 && <span className="muted">{tt('hosts', { n: t.hosts })}</span>}
            </td>
            <td>
              <Bar used={t.usage.vcpu} cap={t.quota.vcpu} label={tt('meterVcpu', { id: t.id })} />
            </td>
            <td>
              <Bar used={t.usage.memoryGiB} cap={t.quota.memoryGiB} label={tt('meterMemory', { id: t.id })} />
            </td>
            <td>
              <Bar used={t.usage.instances} cap={t.quota.instances} label={tt('meterInstances', { id: t.id })} />
            </td>
            <td className="right num">{t.refused}</td>
            <td className="right num" title={tt('shareTitle', { mean: formatPercent(t.dominantShare.mean), peak: formatPercent(t.dominantShare.peak) })}>
              {formatPercent(t.dominantShare.last)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

const ShareChart = memo(function ShareChart() {
  const t = useT(tenancyMessages);
  const series = useConsole((s) => s.series);
  const tenants = useMemo(() => tenantColumns(series), [series]);
  const data = useMemo(() => tenancyPoints(series, tenants), [series, tenants]);
  if (data.length < 2) {
    return (
      <div className="chart chart-empty muted" data-testid="tenancy-chart">
        {t('chartEmpty')}
      </div>
    );
  }
  return (
    <figure className="billing-chart" data-testid="tenancy-chart">
      <figcaption className="muted">{t('chartCaption')}</figcaption>
      <div className="tenancy-chart-box">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={MARGIN}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={24} />
            <YAxis domain={Y_DOMAIN} tickFormatter={tickShare} tick={TICK} width={40} />
            <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
            <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
            {tenants.map((id, i) => (
              <Line key={id} name={t('lineShare', { tenant: id })} dataKey={`share:${id}`} stroke={tenantColor(i)} dot={false} strokeWidth={1.5} isAnimationActive={false} />
            ))}
            <Line name={t('jain')} dataKey="jain" stroke={JAIN_COLOR} strokeDasharray="4 3" dot={false} strokeWidth={1.5} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});

const Refusals = memo(function Refusals({ refusals }: { refusals: TenancyView['refusals'] }) {
  const t = useT(tenancyMessages);
  const lang = useLang();
  if (refusals.length === 0) return <p className="muted">{t('noRefusals')}</p>;
  return (
    <div data-testid="tenancy-refusals">
      <strong>{t('refusedHeading')}</strong> <span className="muted">{t('latestFirst')}</span>
      <ul className="tenancy-refusals">
        {refusals.slice(0, 8).map((r, i) => (
          <li key={`${r.t}-${i}`} data-testid="tenancy-refusal">
            <span className="num">{formatClock(r.t)}</span> {t('refusal', { s: r.subject, c: r.count > 1 ? t('refusalCount', { n: r.count }) : '', r: refusalReason(lang, r) })}
          </li>
        ))}
      </ul>
    </div>
  );
});
