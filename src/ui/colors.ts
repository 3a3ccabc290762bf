/** Colour scales shared by the topology, the inspector and the heat maps (display only). */

type Rgb = readonly [number, number, number];

/** Utilization 0 → 1: pale to deep blue (red is kept for failures and down replicas). */
const UTIL_STOPS: ReadonlyArray<Rgb> = [
  [239, 246, 255],
  [191, 219, 254],
  [96, 165, 250],
  [37, 99, 235],
  [30, 58, 138],
];

/** Queue length (normalised 0 → 1): pale to deep amber. */
const QUEUE_STOPS: ReadonlyArray<Rgb> = [
  [255, 251, 235],
  [253, 230, 138],
  [251, 191, 36],
  [217, 119, 6],
  [146, 64, 14],
];

function ramp(stops: ReadonlyArray<Rgb>, t: number): Rgb {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const pos = x * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

const css = (c: Rgb): string => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

export function utilizationRgb(u: number): Rgb {
  return ramp(UTIL_STOPS, u);
}
export function utilizationColor(u: number): string {
  return css(utilizationRgb(u));
}
export function queueRgb(t: number): Rgb {
  return ramp(QUEUE_STOPS, t);
}

export const DOWN_COLOR = '#dc2626';
export const NO_DATA_RGB: Rgb = [244, 244, 245];

/** Edges: slate when healthy, shading to red as the failure fraction grows (full red from 20 %). */
export function failureColor(fraction: number): string {
  const f = Number.isFinite(fraction) ? Math.max(0, fraction) : 0;
  const t = Math.min(1, Math.sqrt(f / 0.2));
  const a: Rgb = [100, 116, 139];
  const b: Rgb = [220, 38, 38];
  return css([Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)]);
}

// ---------------------------------------------------------------- compute (hosts and instances)

/** Instance states: pending grey, provisioning amber, running green, draining purple, failed red. */
export const INSTANCE_STATE_COLORS: Readonly<Record<string, string>> = {
  pending: '#a1a1aa',
  scheduled: '#94a3b8',
  provisioning: '#f59e0b',
  running: '#16a34a',
  draining: '#9333ea',
  terminated: '#d4d4d8',
  failed: '#dc2626',
};

export const HOST_FAILED_RGB: Rgb = [220, 38, 38];
export const HOST_OFF_RGB: Rgb = [63, 63, 70];
/** The light stripe of a cordoned host (alternating with its allocation colour). */
export const HOST_CORDON_RGB: Rgb = [250, 204, 21];

/** Allocation of a host (0..1, overcommit included): the utilization ramp, red past capacity. */
export function allocationRgb(fraction: number): Rgb {
  return fraction > 1 + 1e-9 ? HOST_FAILED_RGB : utilizationRgb(fraction);
}
export function allocationColor(fraction: number): string {
  return css(allocationRgb(fraction));
}
