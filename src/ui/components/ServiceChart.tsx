import { memo, useMemo } from 'react';
import { useHeldWhileHidden } from '../charts/useInView';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useConsole } from '../store';
import { chartPoints } from '../series';
import { ChartExport } from '../export/ChartExport';
import { TIME_COLUMN, type ChartCsv } from '../export/chartExport';
import { tickTime, tooltipLabel, X_DOMAIN, LEGEND_STYLE } from '../charts/chartStyle';
import { useT } from '../i18n/messages';
import { shellMessages as m } from './messages';

// CSV headers stay English in both languages (a data file: scripts read its columns by name).
const CSV_COLUMNS = [TIME_COLUMN, { key: 'throughput', header: 'throughput (req/s)' }, { key: 'p95', header: 'p95 (ms)' }];

const MAX_POINTS = 600;

const tickNumber = (v: number): string => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(Math.round(v * 10) / 10));
/** The tooltip's value and unit, told apart by the series' data key (its name is translated). */
const tooltipValue = (v: unknown, _name: unknown, item: unknown): [string, string] => {
  const n = typeof v === 'number' ? v : Number.NaN;
  const p95 = typeof item === 'object' && item !== null && (item as { dataKey?: unknown }).dataKey === 'p95';
  return p95 ? [Number.isFinite(n) ? n.toFixed(1) : '—', 'p95 ms'] : [Number.isFinite(n) ? n.toFixed(1) : '—', 'req/s'];
};
// Props as module constants: the same objects on every render.
const MARGIN = { top: 6, right: 4, bottom: 0, left: 0 };
const THR_COLOR = '#2563eb';
const P95_COLOR = '#dc2626';
const TIME_TICK = { fontSize: 11 };
const THR_TICK = { fontSize: 11, fill: THR_COLOR };
const P95_TICK = { fontSize: 11, fill: P95_COLOR };

const hasPoints = (s: { length: number }): boolean => s.length >= 2;

/** Throughput and p95 over simulated time, downsampled to ≤ MAX_POINTS; updates a few times a second. */
export const ServiceChart = memo(function ServiceChart({ id }: { id: string }) {
  const [series, box] = useHeldWhileHidden(useConsole((s) => s.series), hasPoints);
  const data = useMemo(() => chartPoints(series, id, MAX_POINTS), [series, id]);
  const csv = useMemo<ChartCsv>(() => ({ columns: CSV_COLUMNS, rows: data }), [data]);
  const t = useT(m);
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
      <ResponsiveContainer width="100%" height={170}>
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TIME_TICK} minTickGap={24} />
          <YAxis yAxisId="thr" tickFormatter={tickNumber} tick={THR_TICK} width={44} />
          <YAxis yAxisId="p95" orientation="right" tickFormatter={tickNumber} tick={P95_TICK} width={44} />
          <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
          <Legend wrapperStyle={LEGEND_STYLE} />
          <Line yAxisId="thr" name={t('throughputLegend')} dataKey="throughput" stroke={THR_COLOR} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} />
          <Line yAxisId="p95" name="p95 (ms)" dataKey="p95" stroke={P95_COLOR} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
