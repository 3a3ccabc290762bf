/**
 * Chart export, the pure part: the CSV of exactly the rows a chart draws (a header row naming each
 * series with its unit) and the file names ("flash-crowd-web-latency.csv"). Display only.
 */

/** One CSV column: which field of a chart row, and its header ("p99 (ms)"). */
export interface CsvColumn {
  key: string;
  header: string;
}

/** A chart's data as the export buttons need it. */
export interface ChartCsv {
  columns: ReadonlyArray<CsvColumn>;
  rows: ReadonlyArray<object>;
}

/** The time column every time-series chart starts with. */
export const TIME_COLUMN: CsvColumn = { key: 't', header: 'time (s)' };

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: the header row, then one line per row; gaps (null, NaN) are empty cells. */
export function toCsv(columns: ReadonlyArray<CsvColumn>, rows: ReadonlyArray<object>): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    lines.push(columns.map((c) => cell(r[c.key])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** "Flash crowd · web" → "flash-crowd-web"; never empty. */
export function slug(s: string, fallback = 'chart'): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || fallback
  );
}

/** "<scenario>-<chart>.<ext>", e.g. exportFileName('flash-crowd', 'web latency', 'csv') → "flash-crowd-web-latency.csv". */
export function exportFileName(scenario: string | null | undefined, chart: string, ext: 'csv' | 'png'): string {
  const parts = [scenario ? slug(scenario, '') : '', slug(chart)].filter((p) => p !== '');
  return `${parts.join('-')}.${ext}`;
}
