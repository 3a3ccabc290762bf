/**
 * The recharts props and formatters the console's line charts share, as module constants: the same
 * objects on every render (recharts re-processes a chart whose props change identity).
 */
import { formatAxisTime } from '../format';

export const MARGIN = { top: 12, right: 6, bottom: 0, left: 0 };
export const TICK = { fontSize: 11 };
export const X_DOMAIN: [string, string] = ['dataMin', 'dataMax'];
export const Y_DOMAIN: [number, string] = [0, 'auto'];
export const LEGEND_STYLE = { fontSize: 12 };
export const tickTime = (v: number): string => formatAxisTime(v);
export const tickNumber = (v: number): string => (Math.abs(v) >= 1000 ? `${Number((v / 1000).toFixed(1))}k` : String(Math.round(v * 10) / 10));
export const tooltipLabel = (v: unknown): string => (typeof v === 'number' ? `t = ${formatAxisTime(v)}` : '');
export const tooltipValue = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '—');
