/**
 * "PNG" and "CSV" buttons for any chart. Put them inside the element marked `data-export-root`
 * that holds the recharts chart: PNG draws that chart's SVG (computed styles inlined, so it looks
 * as on screen) with the chart's title and legend onto a canvas; CSV saves exactly the rows the
 * chart draws. Files are named after the scenario and the chart ("flash-crowd-web-latency.csv").
 */
import { memo, useCallback, useState, type MouseEvent } from 'react';
import { useConsole } from '../store';
import { exportFileName, toCsv, type ChartCsv } from './chartExport';
import { saveBlob } from './saveBlob';
import { translate, useT } from '../i18n/messages';
import { exportMessages as m } from './messages';

/** The SVG presentation properties copied from the live chart into the exported copy. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

function inlineStyles(src: Element, dst: Element): void {
  const cs = window.getComputedStyle(src);
  let style = '';
  for (const p of STYLE_PROPS) {
    const v = cs.getPropertyValue(p);
    if (v !== '') style += `${p}:${v};`;
  }
  dst.setAttribute('style', style);
  const a = src.children;
  const b = dst.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i]!, b[i]!);
}

/** The chart's SVG as a standalone document (styles inlined, hover cursor left out). */
export function serializeSvg(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  for (const el of Array.from(clone.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot'))) el.remove();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(translate(m, 'notDrawn')));
    img.src = src;
  });
}


function largestSvg(root: Element): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let area = 0;
  for (const svg of Array.from(root.querySelectorAll<SVGSVGElement>('svg.recharts-surface'))) {
    const r = svg.getBoundingClientRect();
    if (r.width * r.height > area) {
      area = r.width * r.height;
      best = svg;
    }
  }
  return best;
}

const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
const TITLE_FONT = '600 13px system-ui, -apple-system, "Segoe UI", sans-serif';

/** Draws the chart inside `root` (title, SVG, legend) on a canvas at twice its size; resolves to a PNG. */
export async function chartPng(root: Element, title: string): Promise<Blob> {
  // The chart's own surface, not a legend icon (those are small `recharts-surface` SVGs too).
  const svg = root.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface') ?? largestSvg(root);
  if (!svg) throw new Error(translate(m, 'noChart'));
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(serializeSvg(svg, width, height))}`);

  const legend = Array.from(root.querySelectorAll('.recharts-legend-item')).map((item) => {
    const text = item.querySelector('.recharts-legend-item-text');
    const icon = item.querySelector('svg path, svg line');
    const color = (icon && (icon.getAttribute('stroke') || icon.getAttribute('fill'))) || (text ? window.getComputedStyle(text).color : '#333');
    return { label: (text?.textContent ?? item.textContent ?? '').trim(), color };
  });
  const pad = 12;
  const titleH = 22;
  const legendH = legend.length > 0 ? 22 : 0;
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = (width + 2 * pad) * scale;
  canvas.height = (height + 2 * pad + titleH + legendH) * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(translate(m, 'noCanvas'));
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width + 2 * pad, height + 2 * pad + titleH + legendH);
  ctx.fillStyle = '#18181b';
  ctx.font = TITLE_FONT;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, pad, pad + titleH / 2 - 2);
  ctx.drawImage(img, pad, pad + titleH, width, height);
  ctx.font = FONT;
  let x = pad;
  const y = pad + titleH + height + legendH / 2 + 2;
  for (const item of legend) {
    ctx.strokeStyle = item.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 14, y);
    ctx.stroke();
    ctx.fillStyle = '#3f3f46';
    ctx.fillText(item.label, x + 18, y);
    x += 18 + ctx.measureText(item.label).width + 16;
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(translate(m, 'notEncoded')))), 'image/png'));
}

export interface ChartExportProps {
  /** The chart's name in file names ("web latency" → "flash-crowd-web-latency.png"). */
  chart: string;
  /** Shown above the chart in the PNG and in the buttons' labels. */
  title: string;
  /** The rows the chart draws and their columns (null: nothing drawn yet). */
  data: ChartCsv | null;
}

/** The PNG and CSV buttons of one chart. */
export const ChartExport = memo(function ChartExport({ chart, title, data }: ChartExportProps) {
  const scenario = useConsole((s) => s.scenario?.preset ?? s.scenario?.name ?? null);
  const [error, setError] = useState<string | null>(null);
  const disabled = data === null || data.rows.length === 0;
  const t = useT(m);
  const onPng = useCallback(
    (e: MouseEvent<HTMLButtonElement>) => {
      const root = e.currentTarget.closest('[data-export-root]');
      setError(null);
      if (!root) return;
      chartPng(root, title).then(
        (blob) => saveBlob(exportFileName(scenario, chart, 'png'), blob),
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      );
    },
    [scenario, chart, title],
  );
  const onCsv = useCallback(() => {
    if (!data) return;
    saveBlob(exportFileName(scenario, chart, 'csv'), new Blob([toCsv(data.columns, data.rows)], { type: 'text/csv' }));
  }, [scenario, chart, data]);
  return (
    <span className="chart-export" data-testid="chart-export" data-chart={chart}>
      <button type="button" className="chart-export-btn" onClick={onPng} disabled={disabled} aria-label={t('pngAria', { title })} title={t('pngTitle')} data-testid="chart-export-png">
        PNG
      </button>
      <button type="button" className="chart-export-btn" onClick={onCsv} disabled={disabled} aria-label={t('csvAria', { title })} title={t('csvTitle')} data-testid="chart-export-csv">
        CSV
      </button>
      {error && (
        <span className="chart-export-error" role="status">
          {error}
        </span>
      )}
    </span>
  );
});
