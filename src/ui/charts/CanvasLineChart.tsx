/**
 * A small line chart drawn on a canvas: for the panels that show several live charts at once,
 * where recharts (an SVG tree rebuilt on every update, with text measured through the DOM) is the
 * largest cost of a busy console. One canvas per chart; a redraw of 1,000 points takes well under
 * a millisecond and touches no layout. Axes with round ticks, a dashed grid, a legend, and a
 * tooltip with a cursor on hover (or keyboard focus and the arrow keys).
 *
 * The PNG export (export/ChartExport.tsx) draws the canvas marked `data-chart-surface` and the
 * legend items marked `data-legend-color`.
 */
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { formatAxisTime } from '../format';
import { niceTicks, nearestIndex, timeTicks } from './canvasScale';

export interface CanvasSeries<K extends string> {
  key: K;
  /** In the legend and the tooltip. */
  name: string;
  color: string;
  /** Steps (a count that holds until the next sample) instead of straight segments. */
  step?: boolean;
  /** The y axis it is read on (default left); a right-axis series scales on its own, from 0. */
  axis?: 'left' | 'right';
}

export type CanvasPoint<K extends string> = { t: number } & { readonly [P in K]: number | null };

export interface CanvasLineChartProps<K extends string> {
  points: ReadonlyArray<CanvasPoint<K>>;
  series: ReadonlyArray<CanvasSeries<K>>;
  /** Fixed y range, or [min, 'auto'] for round ticks above the largest value. */
  yDomain: readonly [number, number | 'auto'];
  /** Whole numbers only on the y axis (counts). */
  integer?: boolean;
  legend?: boolean;
  /** What the chart shows, for people who cannot see it (the canvas's accessible name). */
  label: string;
  /** Tooltip value format (default: one decimal). */
  format?: (v: number) => string;
  /** Colours of the left and right tick labels (default grey). */
  tickColors?: readonly [string, string];
}

const GRID = '#e4e4e7';
const AXIS = '#a1a1aa';
const TEXT = '#71717a';
const FONT = '10px system-ui, -apple-system, "Segoe UI", sans-serif';
const PAD = { top: 8, right: 8, bottom: 18, left: 34 };
/** The right margin when there is a right axis. */
const PAD_RIGHT_AXIS = 34;
const TOOLTIP_W = 150;

const defaultFormat = (v: number): string => String(Math.round(v * 10) / 10);
const tickLabel = (v: number): string => (Math.abs(v) >= 1000 ? `${Number((v / 1000).toFixed(1))}k` : String(Math.round(v * 100) / 100));

interface Size {
  w: number;
  h: number;
}

/** The element's content size, followed with a ResizeObserver (0×0 until measured). */
function useSize(): [(el: HTMLDivElement | null) => void, Size] {
  const [size, setSize] = useState<Size>({ w: 0, h: 0 });
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    const measure = (w: number, h: number) => setSize((s) => (s.w === w && s.h === h ? s : { w, h }));
    const r = el.getBoundingClientRect();
    measure(Math.floor(r.width), Math.floor(r.height));
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) measure(Math.floor(box.width), Math.floor(box.height));
    });
    observer.current.observe(el);
  }, []);
  return [ref, size];
}

function draw<K extends string>(canvas: HTMLCanvasElement, size: Size, props: CanvasLineChartProps<K>, hover: number | null): void {
  const dpr = typeof window !== 'undefined' ? Math.min(2, window.devicePixelRatio || 1) : 1;
  const W = Math.max(1, Math.round(size.w * dpr));
  const H = Math.max(1, Math.round(size.h * dpr));
  if (canvas.width !== W) canvas.width = W;
  if (canvas.height !== H) canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, size.w, size.h);
  const { points, series, yDomain, integer = false, tickColors = [TEXT, TEXT] } = props;
  const n = points.length;
  const right = series.some((s) => s.axis === 'right');
  const padRight = right ? PAD_RIGHT_AXIS : PAD.right;
  if (n < 2 || size.w < PAD.left + padRight + 10 || size.h < PAD.top + PAD.bottom + 10) return;

  const t0 = points[0]!.t;
  const t1 = points[n - 1]!.t;
  const maxOf = (side: 'left' | 'right'): number => {
    let m = 0;
    for (const p of points)
      for (const s of series) {
        if ((s.axis ?? 'left') !== side) continue;
        const v = p[s.key];
        if (v !== null && Number.isFinite(v) && v > m) m = v;
      }
    return m;
  };
  const yTicks = yDomain[1] === 'auto' ? niceTicks(yDomain[0], maxOf('left'), 4, integer) : niceTicks(yDomain[0], yDomain[1], 4, integer, true);
  // The right axis gets as many intervals as the left, so both share the grid lines.
  const rTicks = right ? niceTicks(0, maxOf('right'), yTicks.length - 1) : [];
  const plotW = size.w - PAD.left - padRight;
  const plotH = size.h - PAD.top - PAD.bottom;
  const xOf = (t: number) => PAD.left + (t1 > t0 ? ((t - t0) / (t1 - t0)) * plotW : 0);
  const scale = (ticks: number[]) => {
    const lo = ticks[0]!;
    const hi = ticks[ticks.length - 1]!;
    return (v: number) => PAD.top + plotH - ((v - lo) / Math.max(1e-12, hi - lo)) * plotH;
  };
  const yOf = scale(yTicks);
  const rOf = right ? scale(rTicks) : yOf;
  const yOfSeries = (s: CanvasSeries<K>) => (s.axis === 'right' ? rOf : yOf);

  // Grid and axes.
  ctx.font = FONT;
  ctx.lineWidth = 1;
  ctx.strokeStyle = GRID;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  for (const v of yTicks) {
    const y = Math.round(yOf(v)) + 0.5;
    ctx.moveTo(PAD.left, y);
    ctx.lineTo(PAD.left + plotW, y);
  }
  const xTicks = timeTicks(t0, t1, Math.max(2, Math.floor(plotW / 56)));
  for (const t of xTicks) {
    const x = Math.round(xOf(t)) + 0.5;
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, PAD.top + plotH);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.strokeStyle = AXIS;
  ctx.beginPath();
  ctx.moveTo(PAD.left + 0.5, PAD.top);
  ctx.lineTo(PAD.left + 0.5, PAD.top + plotH + 0.5);
  ctx.lineTo(PAD.left + plotW, PAD.top + plotH + 0.5);
  if (right) ctx.lineTo(PAD.left + plotW, PAD.top);
  ctx.stroke();
  ctx.fillStyle = tickColors[0];
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of yTicks) ctx.fillText(tickLabel(v), PAD.left - 4, yOf(v));
  if (right) {
    ctx.fillStyle = tickColors[1];
    ctx.textAlign = 'left';
    for (const v of rTicks) ctx.fillText(tickLabel(v), PAD.left + plotW + 4, rOf(v));
  }
  ctx.fillStyle = TEXT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xTicks) ctx.fillText(formatAxisTime(t), Math.min(size.w - 14, Math.max(PAD.left + 10, xOf(t))), PAD.top + plotH + 4);

  // The lines (a gap where a value is missing).
  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top - 2, plotW + 1, plotH + 4);
  ctx.clip();
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'round';
  for (const s of series) {
    const yOf = yOfSeries(s);
    ctx.strokeStyle = s.color;
    ctx.beginPath();
    let open = false;
    let lastY = 0;
    for (const p of points) {
      const v = p[s.key];
      if (v === null || !Number.isFinite(v)) {
        open = false;
        continue;
      }
      const x = xOf(p.t);
      const y = yOf(v);
      if (!open) ctx.moveTo(x, y);
      else if (s.step) {
        ctx.lineTo(x, lastY);
        ctx.lineTo(x, y);
      } else ctx.lineTo(x, y);
      open = true;
      lastY = y;
    }
    ctx.stroke();
  }
  ctx.restore();

  // The hovered sample: a cursor line and a dot per series.
  if (hover !== null && hover < n) {
    const p = points[hover]!;
    const x = Math.round(xOf(p.t)) + 0.5;
    ctx.strokeStyle = '#a1a1aa';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, PAD.top + plotH);
    ctx.stroke();
    for (const s of series) {
      const v = p[s.key];
      if (v === null || !Number.isFinite(v)) continue;
      ctx.fillStyle = s.color;
      ctx.beginPath();
      ctx.arc(x, yOfSeries(s)(v), 3, 0, Math.PI * 2);
      ctx.fill();
    }
  }
}

function CanvasLineChartImpl<K extends string>(props: CanvasLineChartProps<K>) {
  const { points, series, legend = false, label, format = defaultFormat } = props;
  const [box, size] = useSize();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const hovered = hover !== null && hover < points.length ? hover : null;
  useEffect(() => {
    if (canvas.current) draw(canvas.current, size, props, hovered);
    // `props` fields are listed one by one: a parent's new props object with the same data draws nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size, points, series, props.yDomain, props.integer, props.tickColors, hovered]);

  const onMove = useCallback(
    (e: MouseEvent<HTMLCanvasElement>) => {
      const r = e.currentTarget.getBoundingClientRect();
      const plotW = r.width - PAD.left - (series.some((s) => s.axis === 'right') ? PAD_RIGHT_AXIS : PAD.right);
      if (points.length < 2 || plotW <= 0) return;
      const t0 = points[0]!.t;
      const t1 = points[points.length - 1]!.t;
      const t = t0 + ((e.clientX - r.left - PAD.left) / plotW) * (t1 - t0);
      setHover(nearestIndex(points.length, (i) => points[i]!.t, t));
    },
    [points, series],
  );
  const onLeave = useCallback(() => setHover(null), []);
  const onKey = useCallback(
    (e: KeyboardEvent<HTMLCanvasElement>) => {
      if (points.length === 0) return;
      const last = points.length - 1;
      const step = e.shiftKey ? 10 : 1;
      let next: number | null = null;
      if (e.key === 'ArrowLeft') next = Math.max(0, (hovered ?? last) - step);
      else if (e.key === 'ArrowRight') next = Math.min(last, (hovered ?? 0) + step);
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = last;
      else if (e.key === 'Escape') next = null;
      else return;
      e.preventDefault();
      setHover(next);
    },
    [points.length, hovered],
  );

  const p = hovered !== null ? points[hovered] : undefined;
  const plotW = size.w - PAD.left - (series.some((s) => s.axis === 'right') ? PAD_RIGHT_AXIS : PAD.right);
  const tx = p && points.length >= 2 ? PAD.left + ((p.t - points[0]!.t) / Math.max(1e-9, points[points.length - 1]!.t - points[0]!.t)) * plotW : 0;
  return (
    <div className="canvas-chart">
      <div className="canvas-chart-plot" ref={box}>
        <canvas
          ref={canvas}
          data-chart-surface=""
          data-points={points.length}
          role="img"
          aria-label={label}
          tabIndex={0}
          style={{ width: size.w, height: size.h }}
          onMouseMove={onMove}
          onMouseLeave={onLeave}
          onBlur={onLeave}
          onKeyDown={onKey}
        />
        {p && (
          <div className="canvas-chart-tooltip" role="status" style={{ left: Math.max(0, Math.min(size.w - TOOLTIP_W, tx + 10)) }}>
            {/* i18n-ignore: t = a time, the same in both languages */}
            <div className="canvas-chart-tooltip-time num">{`t = ${formatAxisTime(p.t)}`}</div>
            {series.map((s) => {
              const v = p[s.key];
              return (
                <div key={s.key} className="num" style={{ color: s.color }}>
                  {`${s.name}: ${v === null || !Number.isFinite(v) ? '—' : format(v)}`}
                </div>
              );
            })}
          </div>
        )}
      </div>
      {legend && (
        <ul className="canvas-chart-legend">
          {series.map((s) => (
            <li key={s.key} data-legend-color={s.color}>
              <i style={{ background: s.color }} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const CanvasLineChart = memo(CanvasLineChartImpl) as typeof CanvasLineChartImpl;
