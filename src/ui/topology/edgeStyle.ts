/** How a flow edge looks for a given rate (display only). */

/** Width of an idle edge (no traffic in the last interval). */
export const IDLE_WIDTH = 1;

/** Stroke width for `rate` requests (or calls) per second: log scale, 1 req/s ≈ 2 px, 1000 ≈ 8 px, capped at 14. */
export function edgeWidth(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) return IDLE_WIDTH;
  return Math.min(14, 1.5 + 2.2 * Math.log10(1 + rate));
}

/** Seconds one dash of the flow animation takes to move along: faster with more traffic. */
export function flowDuration(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) return 0;
  return Math.max(0.35, 1.6 - 0.35 * Math.log10(1 + rate));
}
