/**
 * Durations in scenarios are either a number of seconds or a string with units, e.g. "250ms",
 * "30s", "5m", "1h30m", "2d". Parsing is exact for the units used (no floating-point surprises
 * beyond the decimal literal itself).
 */

export const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)\\s*)+$';
const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g;

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

export type Duration = number | string;

/** Seconds in a duration, or NaN when it is not one. */
export function durationSeconds(d: Duration): number {
  if (typeof d === 'number') return d >= 0 ? d : NaN;
  if (!DURATION_RE.test(d)) {
    const n = d.trim() === '' ? NaN : Number(d);
    return Number.isFinite(n) && n >= 0 ? n : NaN;
  }
  let total = 0;
  for (const m of d.matchAll(PART_RE)) {
    total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  }
  return total;
}

/** A compact human form: 90 → "1m30s", 0.25 → "250ms". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds === 0) return '0s';
  if (seconds < 1) return `${round3(seconds * 1000)}ms`;
  let rest = seconds;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (rest >= size) {
      const k = Math.floor(rest / size);
      parts.push(`${k}${unit}`);
      rest -= k * size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${round3(rest)}s`);
  return parts.join('');
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
