/**
 * Text forms of values the editor used to leave to the JSON: message filters ("name = a, b" per
 * line), per-minute invocation counts (a list of whole numbers) and distribution-valued durations
 * (a fixed duration or a distribution). Pure: parse and format, no React; the schema still
 * validates what an edit makes.
 */
import { distributionOfType } from './docEdits';

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// ------------------------------------------------------------------ message filters

/** A filter as lines "name = value1, value2" (one attribute a line). */
export function formatFilter(filter: unknown): string {
  if (!isObj(filter)) return '';
  return Object.entries(filter)
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.map(String).join(', ') : String(v)}`)
    .join('\n');
}

export type FilterParse = { ok: true; filter: Record<string, string[]> | undefined } | { ok: false; line: number };

/**
 * The lines back into a filter: blank lines skipped, values split on commas; no line means no filter
 * (every message). A line without "=", a name or a value is refused with its number (1-based).
 * Lengths and counts are the schema's to check.
 */
export function parseFilter(text: string): FilterParse {
  // A map, not an object: a name such as "constructor" is an attribute like any other.
  const filter = new Map<string, string[]>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, line: i + 1 };
    const name = line.slice(0, eq).trim();
    const values = line
      .slice(eq + 1)
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (name === '' || values.length === 0) return { ok: false, line: i + 1 };
    filter.set(name, [...(filter.get(name) ?? []), ...values]);
  }
  return { ok: true, filter: filter.size > 0 ? Object.fromEntries(filter) : undefined };
}

// ------------------------------------------------------------------ per-minute counts

export function formatPerMinute(list: unknown): string {
  return Array.isArray(list) ? list.map(String).join(', ') : '';
}

export type PerMinuteParse = { ok: true; list: number[] | undefined } | { ok: false; index: number; value: string };

/** Whole numbers ≥ 0 separated by commas, spaces or new lines; empty means no trace. */
export function parsePerMinute(text: string): PerMinuteParse {
  const parts = text.split(/[\s,;]+/).filter((x) => x !== '');
  const list: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const n = Number(parts[i]);
    if (!Number.isInteger(n) || n < 0) return { ok: false, index: i + 1, value: parts[i]! };
    list.push(n);
  }
  return { ok: true, list: list.length > 0 ? list : undefined };
}

// ------------------------------------------------------------------ distribution-valued durations

/** The distributions a duration may be drawn from (the schema's distribution, without samples). */
export const DISTRIBUTION_TYPES = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'bounded-pareto'] as const;

/** "duration" for a plain duration, "" for absent, else the distribution's type. */
export function distributionKind(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (isObj(value)) return typeof value.type === 'string' ? value.type : '';
  return 'duration';
}

const UNIT: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds of a duration value (a number, or "90s", "2m"…), or undefined. */
function seconds(x: unknown): number | undefined {
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x !== 'string') return undefined;
  const t = x.trim();
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(m[1]) * UNIT[m[2]!]!;
  return total;
}

/**
 * The value reshaped to another kind with about the same mean: "" removes it (the default applies),
 * "duration" keeps a fixed number of seconds, a distribution type gets that distribution's parameters.
 */
export function distributionValueOfKind(kind: string, old: unknown, fallbackMean: number): unknown {
  if (kind === '') return undefined;
  const mean = isObj(old) ? undefined : seconds(old);
  const base: Obj = isObj(old) ? old : { mean: mean ?? fallbackMean };
  if (kind === 'duration') {
    const m = typeof base.mean === 'number' ? base.mean : typeof base.value === 'number' ? base.value : fallbackMean;
    return m;
  }
  return distributionOfType(kind, base, fallbackMean, 0.3);
}
