/** A and B overlaid: throughput, p99, ready replicas and cumulative cost, in two colours. */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useCompare } from './compareStore';
import type { ChartData, CompareSide } from '../../workers/api';
import { useT } from '../i18n/messages';
import { compareMessages } from './compare.messages';
import { TICK, X_DOMAIN, Y_DOMAIN, tickTime, tooltipLabel } from '../charts/chartStyle';
import { ChartLegend } from '../charts/ChartLegend';

export const COLOR_A = '#2563eb';
export const COLOR_B = '#ea580c';

interface Point {
  t: number;
  v: number | null;
}

const MARGIN = { top: 10, right: 10, bottom: 0, left: 0 };
const tickNumber = (v: number): string => (Math.abs(v) >= 1000 ? `${Number((v / 1000).toFixed(1))}k` : String(Math.round(v * 100) / 100));
const tooltipValue = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '—');

function points(time: ArrayLike<number> | undefined, values: ArrayLike<number> | null | undefined, scale = 1): Point[] {
  if (!time || !values) return [];
  const out: Point[] = new Array<Point>(time.length);
  for (let i = 0; i < time.length; i++) {
    const v = values[i];
    out[i] = { t: time[i]!, v: v !== undefined && Number.isFinite(v) ? v * scale : null };
  }
  return out;
}

type Pick = (c: ChartData) => Point[];
const pickRate: Pick = (c) => points(c.rate.time, c.rate.throughput);
const pickP99: Pick = (c) => points(c.latency.time, c.latency.p99, 1000);
const pickReady: Pick = (c) => points(c.scaling.time, c.scaling.ready);
const costPoints = (s: CompareSide | null): Point[] => (s?.cost ? s.cost.t.map((t, i) => ({ t, v: s.cost!.usd[i] ?? null })) : []);

const Overlay = memo(function Overlay({ title, unit, a, b, testId }: { title: string; unit: string; a: Point[]; b: Point[]; testId: string }) {
  const empty = a.length === 0 && b.length === 0;
  const t = useT(compareMessages);
  return (
    <figure className="compare-chart" data-testid={testId}>
      <figcaption>
        {title} <span className="muted">({unit})</span>
      </figcaption>
      <div className="compare-chart-body">
        {empty ? (
          <div className="chart-empty muted">{t('noData')}</div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart margin={MARGIN}>
              <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" domain={X_DOMAIN} tickFormatter={tickTime} tick={TICK} minTickGap={28} />
              <YAxis tickFormatter={tickNumber} tick={TICK} width={46} domain={Y_DOMAIN} />
              <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} isAnimationActive={false} />
              <Legend wrapperStyle={{ fontSize: 12 }} content={ChartLegend} />
              <Line data={a} name="A" dataKey="v" stroke={COLOR_A} dot={false} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} />
              <Line data={b} name="B" dataKey="v" stroke={COLOR_B} dot={false} strokeWidth={1.6} isAnimationActive={false} connectNulls={false} strokeDasharray="5 2" />
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
});

function useSeries(pick: Pick, side: 'a' | 'b'): Point[] {
  const charts = useCompare((s) => s[side].charts);
  return useMemo(() => (charts ? pick(charts) : []), [charts, pick]);
}

export const CompareCharts = memo(function CompareCharts() {
  const service = useCompare((s) => s.service);
  const rateA = useSeries(pickRate, 'a');
  const rateB = useSeries(pickRate, 'b');
  const p99A = useSeries(pickP99, 'a');
  const p99B = useSeries(pickP99, 'b');
  const readyA = useSeries(pickReady, 'a');
  const readyB = useSeries(pickReady, 'b');
  const sideA = useCompare((s) => s.a.side);
  const sideB = useCompare((s) => s.b.side);
  const costA = useMemo(() => costPoints(sideA), [sideA]);
  const costB = useMemo(() => costPoints(sideB), [sideB]);
  const billed = costA.length > 0 || costB.length > 0;
  const t = useT(compareMessages);
  const svc = service ?? '';
  return (
    <div className="compare-charts" aria-label={t('chartsLabel', { service: svc })}>
      <Overlay title={t('chartCompleted', { service: svc })} unit="req/s" a={rateA} b={rateB} testId="compare-chart-rate" />
      <Overlay title={t('chartP99', { service: svc })} unit="ms" a={p99A} b={p99B} testId="compare-chart-p99" />
      <Overlay title={t('chartReady', { service: svc })} unit={t('unitCount')} a={readyA} b={readyB} testId="compare-chart-replicas" />
      {billed ? <Overlay title={t('chartCost')} unit="USD" a={costA} b={costB} testId="compare-chart-cost" /> : <p className="muted note compare-nocost">{t('noCost')}</p>}
    </div>
  );
});
