/** Display of the delta table's values (the numbers come from the workers; this only writes them). */
import type { CompareUnit, DeltaRow } from '../../workers/api';
import { translate } from '../i18n/messages';
import { compareMessages } from './compare.messages';

export function formatValue(unit: CompareUnit, x: number | null): string {
  if (x === null) return '—';
  switch (unit) {
    case 'ms':
      return `${x.toFixed(1)} ms`;
    case 'count':
      return Math.round(x).toLocaleString('en-US');
    case 'usd':
      return `$${x.toFixed(2)}`;
    case 'fraction':
      return `${(x * 100).toFixed(2)} %`;
    case 'met':
      return translate(compareMessages, x >= 1 ? 'met' : 'breached');
    case 'replica-h':
      return x.toFixed(2);
    case 'req/s':
      return x.toFixed(1);
  }
}

/** Δ with its sign, in the row's unit (fractions in percentage points). */
export function formatDelta(row: Pick<DeltaRow, 'unit' | 'delta'>): string {
  const d = row.delta;
  if (d === null) return '—';
  if (row.unit === 'met') return translate(compareMessages, d === 0 ? 'same' : d > 0 ? 'breachedToMet' : 'metToBreached');
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  const m = Math.abs(d);
  switch (row.unit) {
    case 'ms':
      return `${sign}${m.toFixed(1)} ms`;
    case 'count':
      return `${sign}${Math.round(m).toLocaleString('en-US')}`;
    case 'usd':
      return `${sign}$${m.toFixed(2)}`;
    case 'fraction':
      return `${sign}${(m * 100).toFixed(2)} pp`;
    case 'replica-h':
      return `${sign}${m.toFixed(2)}`;
    case 'req/s':
      return `${sign}${m.toFixed(1)}`;
  }
}

export function formatPct(p: number | null): string {
  if (p === null) return '—';
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p).toFixed(1)} %`;
}
