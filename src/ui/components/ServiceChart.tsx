import { memo, useMemo } from 'react';
import { useHeldWhileHidden } from '../charts/useInView';
import { CanvasLineChart } from '../charts/CanvasLineChart';
import { useConsole } from '../store';
import { chartPoints } from '../series';
import { ChartExport } from '../export/ChartExport';
import { TIME_COLUMN, type ChartCsv } from '../export/chartExport';
import { useT } from '../i18n/messages';
import { shellMessages as m } from './messages';

// CSV headers stay English in both languages (a data file: scripts read its columns by name).
const CSV_COLUMNS = [TIME_COLUMN, { key: 'throughput', header: 'throughput (req/s)' }, { key: 'p95', header: 'p95 (ms)' }];

const MAX_POINTS = 600;

const THR_COLOR = '#2563eb';
const P95_COLOR = '#dc2626';
// Module constants: the same objects on every render, so the canvas redraws only for new data.
const seriesOf = (throughput: string) =>
  [
    { key: 'throughput', name: throughput, color: THR_COLOR },
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
  const t = useT(m);
  const lines = useMemo(() => seriesOf(t('throughputLegend')), [t]);
  if (data.length < 2) {
    return (
      <div className="chart chart-empty muted" data-testid={`service-${id}-chart`} ref={box}>
        {t('chartEmpty')}
      </div>
    );
  }
  return (
    <div className="chart" data-testid={`service-${id}-chart`} data-export-root="" ref={box}>
      <ChartExport chart={`${id} throughput and p95`} title={t('chartTitle', { id })} data={csv} />
      {/* A canvas, not recharts: the console shows one of these per service, all live. */}
      <CanvasLineChart points={data} series={lines} yDomain={Y_DOMAIN} tickColors={TICK_COLORS} legend format={oneDecimal} label={t('chartTitle', { id })} />
    </div>
  );
});
