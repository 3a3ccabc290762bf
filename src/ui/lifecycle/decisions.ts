/**
 * The decisions the console's worker lifecycle makes, as plain functions of what it knows (no
 * worker, no store, no clock of their own): what a recovery does, what it reloads, what start-up
 * autosaves, and when the user's own loads (a dropped file, a pasted link) must wait. The
 * supervisor (./supervisor) carries them out; they are unit-tested on their own.
 */
import type { LoadSource } from '../../workers/service';
import { savedSource, worthOffering, type SavedScenario } from '../recovery/savedScenario';

/** What the console has loaded, as far as the lifecycle cares. */
export interface LoadedRef {
  name: string;
  /** Share link fragment; empty when the core could not encode it. */
  link: string;
  preset?: string | undefined;
}

/**
 * What a recovery reloads: the console's scenario (its link, which carries every edit; else its
 * preset), else the autosave, else the default preset.
 */
export function recoverySource(current: LoadedRef | null, saved: SavedScenario | null, defaultPreset: string): LoadSource {
  if (current && current.link !== '') return { link: current.link };
  if (current?.preset) return { preset: current.preset };
  if (saved) return savedSource(saved);
  return { preset: defaultPreset };
}

/**
 * What a recovery does once the dead worker is dropped:
 * - `give-up`: the restart budget is spent; no new worker, the banner names what is kept for a reload
 *   (the console's scenario, else the autosave; null: nothing was opened yet);
 * - `start-up`: the worker died before the console finished starting: the whole start-up runs
 *   again on the new worker (presets, the link in the address bar or the default, the restore
 *   offer). It does not reload a scenario itself: a link that was loading is still in the address
 *   bar, and the default must not be loaded and autosaved over it;
 * - `reload`: the console was up: the new worker loads `source` (and autosaves it).
 */
export type RecoveryPlan =
  | { kind: 'give-up'; kept: LoadedRef | null }
  | { kind: 'start-up' }
  | { kind: 'reload'; source: LoadSource };

export function planRecovery(input: {
  /** The restart budget allowed (and recorded) this restart. */
  allowed: boolean;
  /** The console had finished starting on some worker. */
  startedUp: boolean;
  current: LoadedRef | null;
  saved: SavedScenario | null;
  defaultPreset: string;
}): RecoveryPlan {
  if (!input.allowed) return { kind: 'give-up', kept: input.current ?? input.saved };
  if (!input.startedUp) return { kind: 'start-up' };
  return { kind: 'reload', source: recoverySource(input.current, input.saved, input.defaultPreset) };
}

/**
 * Start-up without a link opened the default preset (not autosaved yet): offer the autosave back
 * when it holds another scenario (the autosave is kept until the user answers), else the default
 * becomes the autosave.
 */
export function afterStartupDefault(saved: SavedScenario | null, defaultPreset: string, defaultLink: string): { offer: SavedScenario } | { save: true } {
  return worthOffering(saved, defaultPreset, defaultLink) ? { offer: saved } : { save: true };
}

/**
 * Whether a scenario file (chosen or dropped) may load now: not while the console starts, runs a
 * long call or recovers a worker (the recovery would load its own scenario over it).
 */
export function consoleIsFree(view: { ready: boolean; busy: unknown }, recovering: boolean): boolean {
  return view.ready && view.busy === null && !recovering;
}

/**
 * Whether a link pasted into the address bar waits for start-up to end before it opens (start-up
 * reads the address itself, so the two loads cannot race), or opens now.
 */
export function linkWaitsForStartUp(startedUp: boolean, starting: boolean): boolean {
  return !startedUp && starting;
}

/** Which allowance a worker exhausted, from what it was doing when it fell silent. */
export type SilenceKind = 'silentBoot' | 'silentBusy' | 'silentIdle';

export function silenceKind(busy: 'boot' | 'call' | null): SilenceKind {
  return busy === null ? 'silentIdle' : busy === 'boot' ? 'silentBoot' : 'silentBusy';
}
