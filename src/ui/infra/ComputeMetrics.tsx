/**
 * The compute model over time (downsampled in the worker, ≤ 1000 points) and now: pending
 * instances, powered-on hosts and allocated cpu/memory; per-pool allocation; fragmentation and
 * scheduling latency from the summary.
 */
import { memo, useMemo } from 'react';
import { useHeldWhileHidden } from '../charts/useInView';
import { CanvasLineChart } from '../charts/CanvasLineChart';
import type { ComputeCharts, ComputeSummaryView } from '../../workers/sim.worker';
import { allocationColor } from '../colors';
import { formatInt, formatSpan } from '../format';
import { actions } from '../bridge';
import { useCompute } from './computeStore';
import { ChartExport } from '../export/ChartExport';
import { TIME_COLUMN, type ChartCsv } from '../export/chartExport';
import { useT } from '../i18n/messages';
import { infraMessages as m } from './messages';

export interface ComputePoint {
  t: number;
  pending: number | null;
  poweredOn: number | null;
  cpu: number | null;
  memory: number | null;
}

const orNull = (x: number | undefined, scale = 1): number | null => (x !== undefined && Number.isFinite(x) ? x * scale : null);

/** Chart rows from the worker's arrays (allocation in percent). */
export function computePoints(c: ComputeCharts): ComputePoint[] {
  const out: ComputePoint[] = new Array<ComputePoint>(c.time.length);
  for (let i = 0; i < c.time.length; i++) {
    out[i] = { t: c.time[i]!, pending: orNull(c.pending[i]), poweredOn: orNull(c.poweredOn[i]), cpu: orNull(c.cpu[i], 100), memory: orNull(c.memory[i], 100) };
  }
  return out;
}

function Small({ title, hint, testId, chart, csv, children }: { title: string; hint?: string; testId: string; chart: string; csv: ChartCsv | null; children: React.ReactNode }) {
  return (
    <section className="chart-card card small-chart" data-testid={testId} aria-label={title} data-export-root="">
      <header className="chart-card-head">
        <h3>{title}</h3>
        {hint && <span className="muted">{hint}</span>}
        <ChartExport chart={chart} title={title} data={csv} />
      </header>
      <div className="small-chart-body">{children}</div>
    </section>
  );
}

const COUNT_DOMAIN = [0, 'auto'] as const;
const PCT_DOMAIN = [0, 100] as const;

// Canvas charts (charts/CanvasLineChart.tsx): three live charts redrawn several times a second are
// too heavy as recharts SVG next to a 1,000-host view.
const CountChart = memo(function CountChart({ points, dataKey, name, color }: { points: ComputePoint[]; dataKey: 'pending' | 'poweredOn'; name: string; color: string }) {
  const series = useMemo(() => [{ key: dataKey, name, color, step: true }], [dataKey, name, color]);
  return <CanvasLineChart points={points} series={series} yDomain={COUNT_DOMAIN} integer label={name} />;
});

const AllocChart = memo(function AllocChart({ points }: { points: ComputePoint[] }) {
  const t = useT(m);
  const series = useMemo(
    () => [
      { key: 'cpu', name: t('seriesCpu'), color: '#2563eb' },
      { key: 'memory', name: t('seriesMemory'), color: '#0d9488' },
    ] as const,
    [t],
  );
  return <CanvasLineChart points={points} series={series} yDomain={PCT_DOMAIN} legend label={series.map((x) => x.name).join(', ')} />;
});

function Meter({ value }: { value: number }) {
  return (
    <span className="meter" title={`${Math.round(value * 100)} %`}>
      <i style={{ width: `${Math.min(100, value * 100)}%`, background: allocationColor(value) }} />
    </span>
  );
}

interface PoolRowProps {
  id: string;
  zone: string;
  hosts: number;
  up: number;
  poweredOn: number;
  instances: number;
  cpu: number;
  mem: number;
}

/** One pool's figures: primitives only, so an unchanged pool does not re-render. */
const PoolRow = memo(function PoolRow({ id, zone, hosts, up, poweredOn, instances, cpu, mem }: PoolRowProps) {
  return (
    <tr data-testid={`pool-row-${id}`}>
      <td>
        <button type="button" className="linkish num" onClick={() => actions.selectInfra({ kind: 'pool', id })}>
          {id}
        </button>
      </td>
      <td className="muted">{zone}</td>
      <td className={`num right${up < hosts ? ' bad' : ''}`}>
        {formatInt(up)}/{formatInt(hosts)}
      </td>
      <td className="num right">{formatInt(poweredOn)}</td>
      <td className="num right">{formatInt(instances)}</td>
      <td className="num nowrap">
        <Meter value={cpu} /> {Math.round(cpu * 100)} %
      </td>
      <td className="num nowrap">
        <Meter value={mem} /> {Math.round(mem * 100)} %
      </td>
    </tr>
  );
});

const PoolTable = memo(function PoolTable() {
  const pools = useCompute((s) => s.info?.pools);
  // Scrolled out of sight (below the infrastructure view), the table keeps its last figures.
  const [agg, box] = useHeldWhileHidden(useCompute((s) => s.summary?.pools));
  const t = useT(m);
  if (!pools || !agg) return null;
  return (
    <div className="pool-table-wrap" ref={box}>
      <table className="insp-table pool-table" data-testid="pool-table">
        <thead>
          <tr>
            <th>{t('colPool')}</th>
            <th>{t('colZone')}</th>
            <th className="right">{t('colUp')}</th>
            <th className="right">{t('colOn')}</th>
            <th className="right">{t('colInst')}</th>
            <th>{t('colCpu')}</th>
            <th>{t('colMemory')}</th>
          </tr>
        </thead>
        <tbody>
          {pools.map((p) => {
            const a = agg[p.id];
            if (!a) return null;
            return (
              <PoolRow
                key={p.id}
                id={p.id}
                zone={p.zone}
                hosts={a.hosts}
                up={a.up}
                poweredOn={a.poweredOn}
                instances={a.instances}
                cpu={a.cpu.capacity > 0 ? a.cpu.allocated / a.cpu.capacity : 0}
                mem={a.memory.capacity > 0 ? a.memory.allocated / a.memory.capacity : 0}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

const SummaryFigures = memo(function SummaryFigures() {
  const [s, box] = useHeldWhileHidden<ComputeSummaryView | null | undefined, HTMLDListElement>(useCompute((x) => x.summary));
  const t = useT(m);
  if (!s) return null;
  const lat = s.schedulingLatency;
  return (
    <dl className="minis num compute-figures" data-testid="compute-figures" ref={box}>
      <div>
        <dt>{t('fragmentation')}</dt>
        <dd title={s.fragmentation ? t('fragmentationTitle', { cpu: s.fragmentation.shape.cpu, mem: s.fragmentation.shape.memoryGiB }) : t('noInstancesYet')}>
          {s.fragmentation ? `${Math.round(s.fragmentation.value * 100)} %` : '—'}
          {s.fragmentation && (
            <span className="muted">
              {' '}
              {t('fragmentationFor', { cpu: s.fragmentation.shape.cpu, mem: s.fragmentation.shape.memoryGiB })}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('schedulingLatency')}</dt>
        <dd title={t('schedulingLatencyTitle')}>
          {lat.count > 0 && lat.mean !== null ? `${formatSpan(lat.mean)} · p95 ${lat.p95 === null ? '—' : formatSpan(lat.p95)}` : '—'}
        </dd>
      </div>
      <div>
        <dt>{t('violationsLabel')}</dt>
        <dd className={s.violationCount > 0 ? 'bad' : undefined} data-testid="compute-violations">
          {formatInt(s.violationCount)}
        </dd>
      </div>
    </dl>
  );
});

export const ComputeMetrics = memo(function ComputeMetrics() {
  const [charts, box] = useHeldWhileHidden(useCompute((s) => s.charts), (c) => c !== null && computePoints(c).length >= 2);
  const points = useMemo(() => (charts ? computePoints(charts) : []), [charts]);
  const enough = points.length >= 2;
  const t = useT(m);
  const pendingCsv = useMemo<ChartCsv | null>(() => (enough ? { columns: [TIME_COLUMN, { key: 'pending', header: t('csvPending') }], rows: points } : null), [enough, points, t]);
  const poweredCsv = useMemo<ChartCsv | null>(() => (enough ? { columns: [TIME_COLUMN, { key: 'poweredOn', header: t('csvPoweredOn') }], rows: points } : null), [enough, points, t]);
  const allocCsv = useMemo<ChartCsv | null>(
    () => (enough ? { columns: [TIME_COLUMN, { key: 'cpu', header: t('csvCpu') }, { key: 'memory', header: t('csvMemory') }], rows: points } : null),
    [enough, points, t],
  );
  return (
    <div className="compute-metrics" data-testid="compute-metrics">
      <div className="small-charts" ref={box}>
        <Small title={t('chartPending')} testId="chart-pending" chart="pending instances" csv={pendingCsv}>
          {enough ? <CountChart points={points} dataKey="pending" name={t('seriesPending')} color="#71717a" /> : <Empty />}
        </Small>
        <Small title={t('chartPoweredOn')} testId="chart-powered-on" chart="hosts powered on" csv={poweredCsv}>
          {enough ? <CountChart points={points} dataKey="poweredOn" name={t('seriesPoweredOn')} color="#7c3aed" /> : <Empty />}
        </Small>
        <Small title={t('chartAllocated')} hint={t('chartAllocatedHint')} testId="chart-allocated" chart="allocated" csv={allocCsv}>
          {enough ? <AllocChart points={points} /> : <Empty />}
        </Small>
      </div>
      <section className="card pools-card" aria-label={t('poolsAria')}>
        <header className="chart-card-head">
          <h3>{t('poolsNow')}</h3>
        </header>
        <SummaryFigures />
        <PoolTable />
      </section>
    </div>
  );
});

function Empty() {
  const t = useT(m);
  return <div className="chart-empty-text muted">{t('chartsEmpty')}</div>;
}
