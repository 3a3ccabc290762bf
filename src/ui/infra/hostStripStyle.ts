/**
 * A pool's heat strip as CSS backgrounds instead of a canvas: one cell per host slot, coloured by
 * allocated cpu (red = failed, dark = powered off), cordoned hosts striped yellow, booting slots
 * dotted, empty slots (not provisioned) outlined. A canvas per pool became a composited layer of
 * its own, and two dozen of them made every frame's layerization several milliseconds dearer at
 * cloud scale; a background is painted with the pool node like any other box.
 *
 * Display only: the colours come from host state the worker sent.
 */
import { allocationRgb, HOST_CORDON_RGB, HOST_FAILED_RGB, HOST_OFF_RGB } from '../colors';

type Rgb = readonly [number, number, number];
import { HOST_BOOTING, HOST_CORDONED, HOST_FAILED, HOST_POWERED_ON, HOST_PROVISIONED } from '../../workers/wire';

/** An empty host slot (not provisioned). */
export const HOST_ABSENT_RGB: Rgb = [236, 239, 243];

export interface StripBackground {
  backgroundImage: string;
  backgroundSize: string;
  backgroundPosition: string;
}

type Overlay = 'cordoned' | 'booting' | 'absent' | null;

const hex2 = (x: number): string => x.toString(16).padStart(2, '0');
const rgb = (c: Rgb): string => `#${hex2(c[0])}${hex2(c[1])}${hex2(c[2])}`;
/** A percentage with at most 3 decimals (keeps the strings short and stable). */
const pc = (x: number): string => `${Math.round(x * 1000) / 1000}%`;
/**
 * Allocation in steps of 5 % for the colour (past 100 % it is red anyway): neighbours of about the
 * same load share one colour stop, and a strip whose hosts moved by a point keeps its background,
 * so the browser has less to parse and repaint. The exact figures are in the tooltip and inspector.
 */
const STEP = 20;
const shade = (cpu: number): number => (cpu > 1 ? cpu : Math.round(cpu * STEP) / STEP);

/** The colour of a stop ("#rrggbb 0% 100%"). */
const runColor0 = (stop: string): string => stop.split(' ')[0]!;

function overlayImage(kind: Exclude<Overlay, null>): string {
  switch (kind) {
    case 'cordoned':
      return `repeating-linear-gradient(45deg,${rgb(HOST_CORDON_RGB)} 0 2px,transparent 2px 4px)`;
    case 'booting':
      return `repeating-linear-gradient(45deg,${rgb(HOST_OFF_RGB)} 0 1px,transparent 1px 2px)`;
    case 'absent':
      return `linear-gradient(${rgb(HOST_OFF_RGB)} 0 1px,transparent 1px calc(100% - 1px),${rgb(HOST_OFF_RGB)} calc(100% - 1px))`;
  }
}

/**
 * The background of a strip of `count` cells; `cpu(k)` and `flags(k)` give cell k's allocated
 * fraction and HOST_* bits. `hairlines`: a faint line between cells (when they are wide enough).
 */
export function hostStripBackground(count: number, cpu: (k: number) => number, flags: (k: number) => number, hairlines: boolean): StripBackground {
  const n = Math.max(1, count);
  const cell = 100 / n;
  const stops: string[] = [];
  const images: string[] = [];
  const sizes: string[] = [];
  const positions: string[] = [];
  let runColor = '';
  let runFrom = 0;
  let overlay: Overlay = null;
  let overlayFrom = 0;
  const closeOverlay = (to: number) => {
    if (overlay === null) return;
    const w = (to - overlayFrom) * cell;
    images.push(overlayImage(overlay));
    sizes.push(`${pc(w)} 100%`);
    // A percentage position aligns that point of the layer with that point of the box.
    positions.push(`${w >= 100 ? '0%' : pc(((overlayFrom * cell) / (100 - w)) * 100)} 0`);
  };
  for (let k = 0; k <= count; k++) {
    let color = '';
    let kind: Overlay = null;
    if (k < count) {
      const f = flags(k);
      const absent = (f & HOST_PROVISIONED) === 0;
      const booting = (f & HOST_BOOTING) !== 0;
      const failed = (f & HOST_FAILED) !== 0;
      const base = absent ? HOST_ABSENT_RGB : failed ? HOST_FAILED_RGB : (f & HOST_POWERED_ON) === 0 ? HOST_OFF_RGB : allocationRgb(shade(cpu(k)));
      color = rgb(base);
      kind = booting ? 'booting' : absent ? 'absent' : (f & HOST_CORDONED) !== 0 && !failed ? 'cordoned' : null;
    }
    if (color !== runColor) {
      if (runColor !== '') stops.push(`${runColor} ${pc(runFrom * cell)} ${pc(k * cell)}`);
      runColor = color;
      runFrom = k;
    }
    if (kind !== overlay) {
      closeOverlay(k);
      overlay = kind;
      overlayFrom = k;
    }
  }
  if (hairlines && count > 1) {
    images.unshift(`repeating-linear-gradient(to right,transparent 0 calc(${pc(cell)} - 1px),rgba(255,255,255,0.65) calc(${pc(cell)} - 1px) ${pc(cell)})`);
    sizes.unshift('100% 100%');
    positions.unshift('0 0');
  }
  images.push(stops.length === 1 ? `linear-gradient(${runColor0(stops[0]!)},${runColor0(stops[0]!)})` : `linear-gradient(to right,${stops.join(',')})`);
  sizes.push('100% 100%');
  positions.push('0 0');
  return { backgroundImage: images.join(','), backgroundSize: sizes.join(','), backgroundPosition: positions.join(',') };
}
