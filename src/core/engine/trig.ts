/**
 * Deterministic cosine for periodic rate curves, built from + − × ÷ only (Math.cos is not
 * guaranteed to give identical bits across JavaScript engines).
 *
 * `cosTurns(x)` = cos(2π·x): the argument is in turns, so the periodic reduction is an exact
 * subtraction of the integer part instead of a reduction modulo an irrational 2π.
 */
const TWO_PI = 6.283185307179586;

/** cos(θ) for |θ| ≤ π/4 by its Taylor series (error below 1e-17 there). */
function cosSmall(t: number): number {
  const z = t * t;
  return 1 + z * (-1 / 2 + z * (1 / 24 + z * (-1 / 720 + z * (1 / 40320 + z * (-1 / 3628800 + z * (1 / 479001600 + z * (-1 / 87178291200)))))));
}

/** sin(θ) for |θ| ≤ π/4 by its Taylor series. */
function sinSmall(t: number): number {
  const z = t * t;
  return t * (1 + z * (-1 / 6 + z * (1 / 120 + z * (-1 / 5040 + z * (1 / 362880 + z * (-1 / 39916800 + z * (1 / 6227020800 + z * (-1 / 1307674368000))))))));
}

export function cosTurns(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  let f = x - Math.floor(x); // [0, 1)
  // Octant: cos(2π f) with f reduced to [-1/8, 1/8] around the nearest quarter turn.
  const q = Math.round(f * 4); // 0..4
  f -= q / 4;
  const theta = f * TWO_PI; // |theta| ≤ π/4
  switch (q & 3) {
    case 0:
      return cosSmall(theta);
    case 1:
      return -sinSmall(theta);
    case 2:
      return -cosSmall(theta);
    default:
      return sinSmall(theta);
  }
}
