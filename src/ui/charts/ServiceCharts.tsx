/* i18n-pending */
import { memo, useMemo } from 'react';
import { useConsole } from '../store';
import { formatAxisTime } from '../format';
import { LatencyChart, RateChart } from './LineCharts';
import { ReplicaHeatmap } from './ReplicaHeatmap';
import { latencyPoints, ratePoints } from './chartPoints';
import { ChartExport } from '../export/ChartExport';
import { TIME_COLUMN, type ChartCsv } from '../export/chartExport';

const RATE_COLUMNS = [TIME_COLUMN, { key: 'throughput', header: 'completed (req/s)' }, { key: 'failures', header: 'failed (req/s)' }];
const LATENCY_COLUMNS = [TIME_COLUMN, { key: 'p95', header: 'p95 (ms)' }, { key: 'p99', header: 'p99 (ms)' }];

function Card({ title, hint, testId, exportAs, children }: { title: string; hint?: string; testId: string; exportAs?: { chart: string; data: ChartCsv | null }; children: React.ReactNode }) {
  return (
    <section className="chart-card card" data-testid={testId} aria-label={title} data-export-root="">
      <header className="chart-card-head">
        <h3>{title}</h3>
        {hint && <span className="muted">{hint}</span>}
        {exportAs && <ChartExport chart={exportAs.chart} title={title} data={exportAs.data} />}
      </header>
      <div className="chart-card-body">{children}</div>
    </section>
  );
}

/**
 * The selected service over time: request rate, latency percentiles and per-replica load, with a
 * marker wherever its balancer was switched. The worker downsamples (≤ 600 points per chart).
 */
export const ServiceCharts = memo(function ServiceCharts() {
  const id = useConsole((s) => s.selectedService);
  const data = useConsole((s) => (s.charts && s.charts.serviceId === s.selectedService ? s.charts : null));
  const allSwitches = useConsole((s) => s.switches);
  const autoscaled = useConsole((s) => id !== null && (s.services[id]?.autoscaler ?? null) !== null);
  const switches = useMemo(() => allSwitches.filter((x) => x.service === id), [allSwitches, id]);
  const rateCsv = useMemo<ChartCsv | null>(() => (data && data.samples >= 2 ? { columns: RATE_COLUMNS, rows: ratePoints(data) } : null), [data]);
  const latencyCsv = useMemo<ChartCsv | null>(() => (data && data.samples >= 2 ? { columns: LATENCY_COLUMNS, rows: latencyPoints(data) } : null), [data]);
  if (id === null) return null;
  const enough = data !== null && data.samples >= 2;
  const heat = data?.replicas ?? null;
  // The series starts at time 0 (its first sample covers the first interval).
  const heatStart = 0;
  return (
    <div className="charts" data-testid="charts" aria-label={`Charts of ${id}`}>
      <Card title={`Request rate · ${id}`} hint="per second" testId="chart-rate" exportAs={{ chart: `${id} rate`, data: rateCsv }}>
        {enough ? <RateChart data={data} switches={switches} /> : <Empty />}
      </Card>
      <Card title={`Latency · ${id}`} hint="per interval, ms" testId="chart-latency" exportAs={{ chart: `${id} latency`, data: latencyCsv }}>
        {enough ? <LatencyChart data={data} switches={switches} /> : <Empty />}
      </Card>
      <Card
        title={`Load per replica · ${id}`}
        hint={heat ? (autoscaled ? `${heat.replicas} replica slots × time (a slot out of the set reads 0 %)` : `${heat.replicas} replicas × time`) : undefined}
        testId="chart-replicas"
      >
        {!enough ? (
          <Empty />
        ) : heat ? (
          <div className="heat-stack">
            <div className="heat-title muted">
              utilization <i className="legend-ramp legend-util" /> 0 → 100 %
            </div>
            <ReplicaHeatmap heat={heat} kind="utilization" switches={switches} start={heatStart} height={84} />
            <div className="heat-title muted">
              queue length <i className="legend-ramp legend-queue" /> 0 → {Math.round(heat.maxQueued)}
            </div>
            <ReplicaHeatmap heat={heat} kind="queued" switches={switches} start={heatStart} height={84} />
            <div className="heat-axis-x muted num">
              <span>{formatAxisTime(heatStart)}</span>
              <span>{formatAxisTime(heat.time[heat.columns - 1] ?? 0)}</span>
            </div>
          </div>
        ) : (
          <p className="muted chart-empty-text">The core keeps per-replica history only for services of up to 64 replicas; the topology shows their live state.</p>
        )}
      </Card>
    </div>
  );
});

function Empty() {
  return <div className="chart-empty-text muted">The charts fill in as samples arrive.</div>;
}
