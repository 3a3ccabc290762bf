/** Serverless chart data from the worker (typed arrays) → the rows recharts draws, and a few labels. Display only. */
import type { KeepAliveRow, ServerlessCharts } from '../../workers/serverless-types';
import { currentLang, type Lang } from '../i18n/lang';
import { translator } from '../i18n/messages';
import { serverlessMessages } from './messages';
import { policyName } from './words';

export interface WarmPoint {
  t: number;
  coldStarts: number | null;
  idleMb: number | null;
}

export interface LoadPoint {
  t: number;
  concurrency: number | null;
  throttled: number | null;
}

export interface QueuePoint {
  t: number;
  depth: number | null;
  oldestAge: number | null;
}

const orNull = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

export function warmPoints(c: ServerlessCharts): WarmPoint[] {
  const { time, coldStarts, idleMb } = c.warm;
  const out = new Array<WarmPoint>(time.length);
  for (let i = 0; i < time.length; i++) out[i] = { t: time[i]!, coldStarts: orNull(coldStarts[i]), idleMb: orNull(idleMb[i]) };
  return out;
}

export function loadPoints(c: ServerlessCharts): LoadPoint[] {
  const { time, concurrency, throttled } = c.load;
  const out = new Array<LoadPoint>(time.length);
  for (let i = 0; i < time.length; i++) out[i] = { t: time[i]!, concurrency: orNull(concurrency[i]), throttled: orNull(throttled[i]) };
  return out;
}

export function queuePoints(c: ServerlessCharts): QueuePoint[] {
  const { time, depth, oldestAge } = c.queues;
  const out = new Array<QueuePoint>(time.length);
  for (let i = 0; i < time.length; i++) out[i] = { t: time[i]!, depth: orNull(depth[i]), oldestAge: orNull(oldestAge[i]) };
  return out;
}

/** Sum of the finite values (the cold starts the chart shows, for its caption). */
export function total(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) s += v;
  }
  return s;
}

/** Whether any queue series has data worth a chart. */
export function hasQueues(c: ServerlessCharts): boolean {
  return c.queues.time.length > 0 && c.queues.depth.some((v) => Number.isFinite(v));
}

/** "fixed-10m" → "fixed 10 min" (in the console's language now, or the one given); other names as they are. */
export function keepAliveLabel(name: string, lang: Lang = currentLang()): string {
  return policyName(translator(serverlessMessages, lang), name);
}

export interface CompareVerdict {
  /** The row with the fewest cold starts, and the one with the least idle memory. */
  fewestCold: string | null;
  leastIdle: string | null;
  /** Hybrid against fixed 10 min: relative change of cold starts and idle GB-s (−0.4 = 40 % fewer), or null. */
  hybridVsFixed: { cold: number | null; idle: number | null } | null;
}

function relative(a: number, b: number): number | null {
  return b > 0 ? a / b - 1 : a === 0 ? 0 : null;
}

export function compareVerdict(rows: readonly KeepAliveRow[]): CompareVerdict {
  let fewestCold: KeepAliveRow | null = null;
  let leastIdle: KeepAliveRow | null = null;
  for (const r of rows) {
    if (!fewestCold || r.coldStarts < fewestCold.coldStarts) fewestCold = r;
    if (!leastIdle || r.idleGbSeconds < leastIdle.idleGbSeconds) leastIdle = r;
  }
  const hybrid = rows.find((r) => r.policy === 'hybrid');
  const fixed = rows.find((r) => r.policy === 'fixed-10m');
  return {
    fewestCold: fewestCold?.policy ?? null,
    leastIdle: leastIdle?.policy ?? null,
    hybridVsFixed: hybrid && fixed ? { cold: relative(hybrid.coldStarts, fixed.coldStarts), idle: relative(hybrid.idleGbSeconds, fixed.idleGbSeconds) } : null,
  };
}

/** "−42 %", "+3 %", "±0 %"; "—" for null. */
export function formatChange(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const p = Math.round(x * 100);
  if (p === 0) return '±0 %';
  return `${p > 0 ? '+' : '−'}${Math.abs(p)} %`;
}

/** Dollars with enough digits for small serverless bills ("$0.0042", "$12.34"). */
export function formatUsdSmall(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '$0';
  if (Math.abs(x) < 0.01) return `$${x.toPrecision(2)}`;
  return `$${x.toFixed(2)}`;
}

/** GB-seconds shown compactly ("12.3 GB·s", "4.5k GB·s"). */
export function formatGbSeconds(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 10_000) return `${(x / 1000).toFixed(1)}k GB·s`;
  if (Math.abs(x) >= 100) return `${Math.round(x).toLocaleString('en-US')} GB·s`;
  return `${x.toFixed(1)} GB·s`;
}
