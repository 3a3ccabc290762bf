/**
 * The serverless charts: cold starts per interval against the memory idle warm environments hold
 * (the keep-alive trade-off), invocations running and 429s, and queue depth with the oldest
 * message's age. Data is downsampled in the worker (LTTB); policy switches are drawn as markers.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { KeepAliveSwitch, ServerlessCharts } from '../../workers/serverless-types';
import { formatInt } from '../format';
import { ChartExport } from '../export/ChartExport';
import { TIME_COLUMN, type ChartCsv } from '../export/chartExport';
import { loadPoints, queuePoints, total, warmPoints } from './serverlessPoints';
import { useT, type Translate } from '../i18n/messages';
import { serverlessMessages, type ServerlessKey } from './messages';
import { richText } from './richText';
import { policyName } from './words';
import { MARGIN, TICK, X_DOMAIN, Y_DOMAIN, LEGEND_STYLE, tickTime, tickNumber, tooltipLabel, tooltipValue } from '../charts/chartStyle';
import { ChartLegend } from '../charts/ChartLegend';

const COLD = '#2563eb';
const IDLE = '#f59e0b';
const CONC = '#0f766e';
const THROTTLE = '#dc2626';
const DEPTH = '#7c3aed';
const AGE = '#a16207';
const SWITCH = '#7c3aed';

function switchMarkers(switches: ReadonlyArray<KeepAliveSwitch>, t: Translate<ServerlessKey>) {
  return switches.map((s, i) => (
    <ReferenceLine
      key={`ka-${i}`}
      x={s.time}
      yAxisId="left"
      stroke={SWITCH}
      strokeDasharray="4 3"
      strokeWidth={1.5}
      // A switch before the first sample (at time 0, say) widens the axis rather than vanishing.
      ifOverflow="extendDomain"
      label={{ value: `→ ${policyName(t, s.to)}`, position: 'insideTopLeft', fontSize: 11, fill: SWITCH }}
    />
  ));
}

// CSV headers stay English in both languages (like the time column): the files are read by tools.
const WARM_CSV = [TIME_COLUMN, { key: 'coldStarts', header: 'cold starts per interval' }, { key: 'idleMb', header: 'idle warm memory (MB)' }];

/** Cold starts per interval (left axis) vs idle warm memory in MB (right axis). */
export const ColdStartChart = memo(function ColdStartChart({ charts, switches }: { charts: ServerlessCharts; switches: ReadonlyArray<KeepAliveSwitch> }) {
  const points = useMemo(() => warmPoints(charts), [charts]);
  const csv = useMemo<ChartCsv>(() => ({ columns: WARM_CSV, rows: points }), [points]);
  // The sum of the drawn points (downsampled): a caption, and a value the tests can watch change.
  const shown = useMemo(() => total(charts.warm.coldStarts), [charts]);
  const idleNow = points.length > 0 ? (points[points.length - 1]!.idleMb ?? 0) : 0;
  const t = useT(serverlessMessages);
  return (
    <div className="scaling-chart" data-testid="sls-cold-chart" data-points={points.length} data-cold-sum={shown} data-export-root="">
      <div className="scaling-figures num muted">
        <ChartExport chart="serverless cold starts vs idle memory" title={t('coldChartTitle')} data={csv} />
        {richText(t('coldChartCaption'), { mb: <strong data-testid="sls-idle-now">{formatInt(idleNow)}</strong> })}
      </div>
      <div className="scaling-chart-body">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
            <YAxis yAxisId="left" tickFormatter={tickNumber} tick={TICK} width={36} domain={Y_DOMAIN} />
            <YAxis yAxisId="right" orientation="right" tickFormatter={tickNumber} tick={TICK} width={44} domain={Y_DOMAIN} />
            <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
            <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
            {switchMarkers(switches, t)}
            <Line yAxisId="left" name={t('coldPerInterval')} dataKey="coldStarts" stroke={COLD} dot={false} strokeWidth={1.4} isAnimationActive={false} connectNulls={false} />
            <Line yAxisId="right" name={t('idleWarmMb')} dataKey="idleMb" stroke={IDLE} dot={false} strokeWidth={1.4} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});

const LOAD_CSV = [TIME_COLUMN, { key: 'concurrency', header: 'invocations running' }, { key: 'throttled', header: '429s per interval' }];

/** Invocations running (concurrency) and throttles (429) per interval. */
export const LoadChart = memo(function LoadChart({ charts }: { charts: ServerlessCharts }) {
  const points = useMemo(() => loadPoints(charts), [charts]);
  const csv = useMemo<ChartCsv>(() => ({ columns: LOAD_CSV, rows: points }), [points]);
  const t = useT(serverlessMessages);
  return (
    <div className="scaling-chart" data-testid="sls-load-chart" data-export-root="">
      <div className="scaling-figures num muted">
        <ChartExport chart="serverless concurrency and throttles" title={t('loadChartTitle')} data={csv} />
        {t('loadChartCaption')}
      </div>
      <div className="scaling-chart-body">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
            <YAxis tickFormatter={tickNumber} tick={TICK} width={40} domain={Y_DOMAIN} />
            <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
            <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
            <Line type="stepAfter" name={t('running')} dataKey="concurrency" stroke={CONC} dot={false} strokeWidth={1.4} isAnimationActive={false} connectNulls={false} />
            <Line name={t('throttledPerInterval')} dataKey="throttled" stroke={THROTTLE} dot={false} strokeWidth={1.4} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});

const QUEUE_CSV = [TIME_COLUMN, { key: 'depth', header: 'messages waiting' }, { key: 'oldestAge', header: 'oldest message age (s)' }];

/** Messages waiting over all queues (left) and the oldest message's age in seconds (right). */
export const QueueChart = memo(function QueueChart({ charts }: { charts: ServerlessCharts }) {
  const points = useMemo(() => queuePoints(charts), [charts]);
  const csv = useMemo<ChartCsv>(() => ({ columns: QUEUE_CSV, rows: points }), [points]);
  const t = useT(serverlessMessages);
  return (
    <div className="scaling-chart" data-testid="sls-queue-chart" data-export-root="">
      <div className="scaling-figures num muted">
        <ChartExport chart="serverless queues" title={t('queueChartTitle')} data={csv} />
        {t('queueChartCaption')}
      </div>
      <div className="scaling-chart-body">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
            <YAxis yAxisId="left" tickFormatter={tickNumber} tick={TICK} width={36} domain={Y_DOMAIN} />
            <YAxis yAxisId="right" orientation="right" tickFormatter={tickNumber} tick={TICK} width={40} domain={Y_DOMAIN} />
            <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
            <Legend wrapperStyle={LEGEND_STYLE} content={ChartLegend} />
            <Line yAxisId="left" name={t('waiting')} dataKey="depth" stroke={DEPTH} dot={false} strokeWidth={1.4} isAnimationActive={false} connectNulls={false} />
            <Line yAxisId="right" name={t('oldestAgeS')} dataKey="oldestAge" stroke={AGE} dot={false} strokeWidth={1.4} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});
