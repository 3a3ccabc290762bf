import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BalancerSwitch, ChartData } from '../../workers/sim.worker';
import { policyShort } from '../inspector/policies';
import { latencyPoints, ratePoints } from './chartPoints';
import { chartMessages } from './messages';
import { useT } from '../i18n/messages';
import { TICK, X_DOMAIN, Y_DOMAIN, LEGEND_STYLE, tickTime, tickNumber, tooltipLabel } from './chartStyle';
import { ChartLegend } from './ChartLegend';

const MARGIN = { top: 14, right: 10, bottom: 0, left: 0 };
const SWITCH_COLOR = '#7c3aed';
const tooltipValue = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(1) : '—');

/** Vertical markers where a balancer was switched (an array of elements, so recharts sees them as direct children). */
function switchMarkers(switches: ReadonlyArray<BalancerSwitch>) {
  return switches.map((s, i) => (
    <ReferenceLine
      key={`switch-${i}`}
      x={s.time}
      stroke={SWITCH_COLOR}
      strokeDasharray="4 3"
      strokeWidth={1.5}
      label={{ value: `→ ${policyShort(s.to)}`, position: 'insideTopLeft', fontSize: 11, fill: SWITCH_COLOR }}
    />
  ));
}

/** Successful requests per second and failures per second, downsampled in the worker (LTTB). */
export const RateChart = memo(function RateChart({ data, switches }: { data: ChartData; switches: ReadonlyArray<BalancerSwitch> }) {
  const points = useMemo(() => ratePoints(data), [data]);
  const t = useT(chartMessages);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={MARGIN}>
        <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
        <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
        <YAxis tickFormatter={tickNumber} tick={TICK} width={42} domain={Y_DOMAIN} />
        <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
        <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
        {switchMarkers(switches)}
        <Line name={t('completed')} dataKey="throughput" stroke="#2563eb" dot={false} strokeWidth={1.4} isAnimationActive={false} connectNulls={false} />
        <Line name={t('failed')} dataKey="failures" stroke="#dc2626" dot={false} strokeWidth={1.4} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </ResponsiveContainer>
  );
});

/** p95 and p99 of each metrics interval, in milliseconds. */
export const LatencyChart = memo(function LatencyChart({ data, switches }: { data: ChartData; switches: ReadonlyArray<BalancerSwitch> }) {
  const points = useMemo(() => latencyPoints(data), [data]);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={MARGIN}>
        <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
        <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
        <YAxis tickFormatter={tickNumber} tick={TICK} width={42} domain={Y_DOMAIN} />
        <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
        <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
        {switchMarkers(switches)}
        <Line name="p95 ms" dataKey="p95" stroke="#f59e0b" dot={false} strokeWidth={1.4} isAnimationActive={false} connectNulls={false} />
        <Line name="p99 ms" dataKey="p99" stroke="#b91c1c" dot={false} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </ResponsiveContainer>
  );
});
