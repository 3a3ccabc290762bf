import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartData } from '../../workers/sim.worker';
import { formatInt } from '../format';
import { metricLabel, metricScale, metricUnit } from './decisions';
import { useT } from '../i18n/messages';
import { elasticityMessages } from './messages';
import { rich } from './rich';
import { scalingFigures, scalingPoints } from './scalingPoints';
import { ChartExport } from '../export/ChartExport';
import { TIME_COLUMN, type ChartCsv, type CsvColumn } from '../export/chartExport';
import { MARGIN, TICK, X_DOMAIN, Y_DOMAIN, LEGEND_STYLE, tickTime, tickNumber, tooltipLabel, tooltipValue } from '../charts/chartStyle';
import { ChartLegend } from '../charts/ChartLegend';

// Props as module constants: the same objects on every render.
const READY = '#2563eb';
const DESIRED = '#7c3aed';
const ARRIVALS = '#a1a1aa';
const FORECAST = '#f59e0b';
const METRIC = '#0f766e';
const TARGET = '#dc2626';

export interface ScalingChartProps {
  data: ChartData;
  /** The metric the autoscaler reads (null: none). */
  metric: string | null;
}

/**
 * Replicas over time: ready (serving) and the count the autoscaler set (ready + starting: the gap is
 * replicas still booting), with the arrival rate (right axis) and, for predictive scaling, the
 * forecast demand it provisioned for.
 */
export const ReplicasChart = memo(function ReplicasChart({ data, metric }: ScalingChartProps) {
  const t = useT(elasticityMessages);
  const points = useMemo(() => scalingPoints(data, metric), [data, metric]);
  const figures = useMemo(() => scalingFigures(points), [points]);
  const hasDesired = data.scaling.desired !== null;
  const hasForecast = data.scaling.forecast !== null;
  // cpu forecasts are busy replicas (left axis); rps forecasts are requests per second (right axis).
  const forecastAxis = metric === 'cpu' ? 'replicas' : 'rate';
  const csv = useMemo<ChartCsv>(() => {
    const columns: CsvColumn[] = [TIME_COLUMN, { key: 'arrivals', header: t('csvArrivals') }];
    if (hasForecast) columns.push({ key: 'forecast', header: metric === 'cpu' ? t('csvForecastBusy') : t('csvForecastRate') });
    if (hasDesired) columns.push({ key: 'desired', header: t('csvSet') });
    columns.push({ key: 'ready', header: t('csvReady') });
    return { columns, rows: points };
  }, [points, metric, hasDesired, hasForecast, t]);
  return (
    <div className="scaling-chart" data-testid="scaling-replicas-chart" data-export-root="">
      <div className="scaling-figures num muted" aria-live="off">
        <ChartExport chart={`${data.serviceId} replicas`} title={t('replicasTitle', { id: data.serviceId })} data={csv} />
        {rich(hasDesired ? t('figuresFull') : t('figuresReady'), {
          ready: <strong data-testid="scaling-ready-now">{figures.readyNow === null ? '—' : formatInt(figures.readyNow)}</strong>,
          set: <strong data-testid="scaling-desired-now">{figures.desiredNow === null ? '—' : formatInt(figures.desiredNow)}</strong>,
          peak: <strong data-testid="scaling-peak">{figures.peak === null ? '—' : formatInt(figures.peak)}</strong>,
        })}
      </div>
      <div className="scaling-chart-body">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
            <YAxis yAxisId="replicas" tickFormatter={tickNumber} tick={TICK} width={34} domain={Y_DOMAIN} allowDecimals={false} />
            <YAxis yAxisId="rate" orientation="right" tickFormatter={tickNumber} tick={TICK} width={40} domain={Y_DOMAIN} />
            <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
            <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
            <Line yAxisId="rate" name={t('lineArrivals')} dataKey="arrivals" stroke={ARRIVALS} dot={false} strokeWidth={1} isAnimationActive={false} connectNulls={false} />
            {hasForecast && (
              <Line
                yAxisId={forecastAxis}
                name={metric === 'cpu' ? t('lineForecastBusy') : t('lineForecastRate')}
                dataKey="forecast"
                stroke={FORECAST}
                strokeDasharray="5 3"
                dot={false}
                strokeWidth={1.3}
                isAnimationActive={false}
                connectNulls={false}
              />
            )}
            {hasDesired && (
              <Line yAxisId="replicas" type="stepAfter" name={t('lineSet')} dataKey="desired" stroke={DESIRED} strokeDasharray="4 2" dot={false} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} />
            )}
            <Line yAxisId="replicas" type="stepAfter" name={t('lineReady')} dataKey="ready" stroke={READY} dot={false} strokeWidth={1.8} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});

export interface MetricChartProps extends ScalingChartProps {
  /** The target per replica (raw units), or null. */
  target: number | null;
  /** No change while |metric / target − 1| ≤ tolerance. */
  tolerance: number;
  /** Step rules' thresholds (raw units), drawn as dashed lines. */
  thresholds: ReadonlyArray<{ value: number; label: string }>;
}

/** The metric the autoscaler reads against its target, with the tolerance band inside which it does nothing. */
export const MetricChart = memo(function MetricChart({ data, metric, target, tolerance, thresholds }: MetricChartProps) {
  const tr = useT(elasticityMessages);
  const points = useMemo(() => scalingPoints(data, metric), [data, metric]);
  const k = metricScale(metric);
  const unit = metricUnit(metric);
  const name = metric ? metricLabel(tr, metric) : tr('metricWord');
  const t = target === null ? null : target * k;
  const csv = useMemo<ChartCsv>(() => ({ columns: [TIME_COLUMN, { key: 'metric', header: `${name}${unit ? ` (${unit})` : ''}` }], rows: points }), [points, name, unit]);
  return (
    <div className="scaling-chart" data-testid="scaling-metric-chart" data-export-root="">
      <div className="scaling-figures num muted">
        <ChartExport chart={`${data.serviceId} ${metric ?? 'metric'}`} title={`${name} · ${data.serviceId}`} data={csv} />
        {name}
        {unit ? ` (${unit})` : ''}
        {t !== null && (
          <>
            {' '}
            · {tr('chartTarget')} <strong data-testid="scaling-target">{tickNumber(t)}</strong>
            {tolerance > 0 ? ` ± ${Math.round(tolerance * 100)} %` : ''}
          </>
        )}
      </div>
      <div className="scaling-chart-body">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
            <YAxis tickFormatter={tickNumber} tick={TICK} width={40} domain={Y_DOMAIN} />
            <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
            <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
            {t !== null && tolerance > 0 && <ReferenceArea y1={t * (1 - tolerance)} y2={t * (1 + tolerance)} fill={TARGET} fillOpacity={0.08} stroke="none" ifOverflow="extendDomain" />}
            {t !== null && <ReferenceLine y={t} stroke={TARGET} strokeWidth={1.2} ifOverflow="extendDomain" label={{ value: tr('chartTarget'), position: 'insideTopRight', fontSize: 11, fill: TARGET }} />}
            {thresholds.map((th, i) => (
              <ReferenceLine
                key={`th-${i}`}
                y={th.value * k}
                stroke={DESIRED}
                strokeDasharray="4 3"
                ifOverflow="extendDomain"
                label={{ value: th.label, position: 'insideTopLeft', fontSize: 10, fill: DESIRED }}
              />
            ))}
            <Line name={`${name}${unit ? ` ${unit}` : ''}`} dataKey="metric" stroke={METRIC} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});
