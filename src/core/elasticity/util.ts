/**
 * Small helpers shared by the elasticity plug-ins: guarded rounding and number formatting for the
 * plain-language explanations. Nothing here depends on the simulation.
 */

/** Relative slack used where a quotient that is an integer on paper may land a few ulps off it. */
export const REL_EPS = 1e-9;

/**
 * ceil(x), but a value within a relative 1e-9 above an integer counts as that integer. Kubernetes
 * computes its ratios from integer milli-values and percentages, so `ceil(4 × 1.5)` is exactly 6
 * there; with fractional inputs (0.3 / 0.1 = 2.9999999999999996, 0.7 / 0.1 × 3 = 21.000000000000004)
 * plain Math.ceil would sometimes add a replica the arithmetic on paper does not.
 */
export function ceilGuarded(x: number): number {
  return Math.ceil(x - REL_EPS * Math.max(1, Math.abs(x)));
}

/** A number for a sentence: at most 3 decimals, no trailing zeros ("1.5", "0.667", "12"). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x * 1000) / 1000;
  return String(r === 0 ? 0 : r);
}

/** "1 pod", "3 pods". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Throws a RangeError unless `x` is an integer ≥ `min`. */
export function checkInteger(name: string, x: number, min = 0): void {
  if (!Number.isInteger(x) || x < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${x}`);
}

/** Throws a RangeError unless `x` is a finite number. */
export function checkFinite(name: string, x: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got ${x}`);
}
