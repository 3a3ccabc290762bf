/** Axis arithmetic of the canvas charts: round ticks, time ticks, the sample under the pointer. */

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ x (x > 0). */
export function niceStep(x: number, integer = false): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  let step = 10 * p;
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * p >= x - 1e-12 * p) {
      step = m * p;
      break;
    }
  }
  if (integer) step = step < 1 ? 1 : step === 2.5 ? 5 : Math.round(step);
  return step;
}

/**
 * About `count` intervals of a round step from `lo`: up to the first tick ≥ `hi` (auto range), or
 * exactly to `hi` when `fixed` (hi is added if the step does not land on it). Always ≥ 2 ticks.
 */
export function niceTicks(lo: number, hi: number, count: number, integer = false, fixed = false): number[] {
  const top = hi > lo + 1e-9 ? hi : lo + 1;
  const step = niceStep((top - lo) / Math.max(1, count), integer);
  const ticks: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const v = lo + i * step;
    const r = Math.round(v / step) * step;
    const tick = Math.abs(r - v) < step * 1e-9 ? Number(r.toPrecision(12)) : Number(v.toPrecision(12));
    if (fixed && tick > top + step * 1e-9) break;
    ticks.push(tick);
    if (tick >= top - step * 1e-9) break;
  }
  if (fixed && ticks[ticks.length - 1]! < top - step * 1e-9) ticks.push(top);
  if (ticks.length < 2) ticks.push(ticks[0]! + step);
  return ticks;
}

/** Steps for time axes, in seconds: seconds, minutes, hours, days. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/** Ticks at a round time step between t0 and t1, at most `maxCount` of them. */
export function timeTicks(t0: number, t1: number, maxCount: number): number[] {
  if (!(t1 > t0) || maxCount < 1) return Number.isFinite(t0) ? [t0] : [];
  const span = t1 - t0;
  // Beyond the table: a round number of days.
  const step = TIME_STEPS.find((s) => span / s <= maxCount) ?? niceStep(span / maxCount / 86400) * 86400;
  // The first multiple of the step at or after t0 (the tolerance is absolute: a step of many days
  // must not pull the first tick below t0).
  let first = Math.ceil(t0 / step) * step;
  if (first - step >= t0 - 1e-9) first -= step;
  const out: number[] = [];
  for (let t = first; t <= t1 + 1e-9; t += step) out.push(t + 0);
  return out;
}

/** The index of the value nearest to `t` among `n` ascending values `at(0…n-1)` (-1 when n = 0). */
export function nearestIndex(n: number, at: (i: number) => number, t: number): number {
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(at(lo - 1) - t) <= Math.abs(at(lo) - t)) return lo - 1;
  return lo;
}
