/* i18n-pending */
import { memo, useMemo } from 'react';
import { useHeldWhileHidden } from '../charts/useInView';
import { CanvasLineChart } from '../charts/CanvasLineChart';
import { useConsole } from '../store';
import { chartPoints } from '../series';
import { ChartExport } from '../export/ChartExport';
import { TIME_COLUMN, type ChartCsv } from '../export/chartExport';

const CSV_COLUMNS = [TIME_COLUMN, { key: 'throughput', header: 'throughput (req/s)' }, { key: 'p95', header: 'p95 (ms)' }];

const MAX_POINTS = 600;

const THR_COLOR = '#2563eb';
const P95_COLOR = '#dc2626';
// Module constants: the same objects on every render, so the canvas redraws only for new data.
const SERIES = [
  { key: 'throughput', name: 'throughput (req/s)', color: THR_COLOR },
  { key: 'p95', name: 'p95 (ms)', color: P95_COLOR, axis: 'right' },
] as const;
const Y_DOMAIN = [0, 'auto'] as const;
const TICK_COLORS = [THR_COLOR, P95_COLOR] as const;
const oneDecimal = (v: number): string => v.toFixed(1);

const hasPoints = (s: { length: number }): boolean => s.length >= 2;

/** Throughput (left axis) and p95 (right axis) over simulated time, downsampled to ≤ MAX_POINTS; updates a few times a second. */
export const ServiceChart = memo(function ServiceChart({ id }: { id: string }) {
  const [series, box] = useHeldWhileHidden(useConsole((s) => s.series), hasPoints);
  const data = useMemo(() => chartPoints(series, id, MAX_POINTS), [series, id]);
  const csv = useMemo<ChartCsv>(() => ({ columns: CSV_COLUMNS, rows: data }), [data]);
  if (data.length < 2) {
    return (
      <div className="chart chart-empty muted" data-testid={`service-${id}-chart`} ref={box}>
        The chart fills in as samples arrive.
      </div>
    );
  }
  return (
    <div className="chart" data-testid={`service-${id}-chart`} data-export-root="" ref={box}>
      <ChartExport chart={`${id} throughput and p95`} title={`Throughput and p95 · ${id}`} data={csv} />
      {/* A canvas, not recharts: the console shows one of these per service, all live. */}
      <CanvasLineChart points={data} series={SERIES} yDomain={Y_DOMAIN} tickColors={TICK_COLORS} legend format={oneDecimal} label={`Throughput and p95 · ${id}`} />
    </div>
  );
});
