/**
 * Autosave of the scenario the console has loaded (its share link, which carries every edit such
 * as an imported trace, plus its preset id and name) in localStorage, and the bookkeeping of worker
 * restarts. Pure functions over a Storage-like object, so they are unit-tested without a browser.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export const SAVE_KEY = 'cumulo.lastScenario.v1';

export interface SavedScenario {
  v: 1;
  name: string;
  /** The share link fragment ("s=c1.…"); may be empty when the core could not encode it. */
  link: string;
  preset?: string;
  /** Wall-clock milliseconds. */
  savedAt: number;
}

/** The part of Storage used here (localStorage, or a Map-backed fake in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type SavedSource = { link: string } | { preset: string };

/** Saves what was loaded; false when there is nothing to save or the storage refused (quota, privacy mode). */
export function saveScenario(storage: KeyValueStore | null, loaded: { name: string; link: string; preset?: string | undefined }, now = Date.now()): boolean {
  if (!storage || (loaded.link === '' && loaded.preset === undefined)) return false;
  const doc: SavedScenario = { v: 1, name: loaded.name, link: loaded.link, ...(loaded.preset !== undefined ? { preset: loaded.preset } : {}), savedAt: now };
  try {
    storage.setItem(SAVE_KEY, JSON.stringify(doc));
    return true;
  } catch {
    return false;
  }
}

/** The last saved scenario, or null (none, unreadable or from another format). */
export function readSavedScenario(storage: KeyValueStore | null): SavedScenario | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(SAVE_KEY);
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    const x = JSON.parse(raw) as Partial<SavedScenario> | null;
    if (!x || x.v !== 1 || typeof x.name !== 'string' || typeof x.link !== 'string' || typeof x.savedAt !== 'number') return null;
    if (x.preset !== undefined && typeof x.preset !== 'string') return null;
    if (x.link === '' && x.preset === undefined) return null;
    return { v: 1, name: x.name, link: x.link, ...(x.preset !== undefined ? { preset: x.preset } : {}), savedAt: x.savedAt };
  } catch {
    return null;
  }
}

/** How to load a saved scenario: its link (exact, edits included), else its preset. */
export function savedSource(saved: SavedScenario): SavedSource {
  return saved.link !== '' ? { link: saved.link } : { preset: saved.preset! };
}

/** Worth offering at start-up: anything but the untouched default preset the console opens anyway. */
export function worthOffering(saved: SavedScenario | null, defaultPreset: string, defaultLink: string): saved is SavedScenario {
  if (!saved) return false;
  if (saved.link !== '' && saved.link === defaultLink) return false;
  return !(saved.link === '' && saved.preset === defaultPreset);
}

/**
 * At most `max` automatic restarts within `windowMs`: a worker that dies at start-up (a broken
 * build) must not restart forever. `allow` records the restart when it is allowed.
 */
export class RestartBudget {
  private readonly times: number[] = [];
  constructor(
    private readonly max = 3,
    private readonly windowMs = 60_000,
  ) {}

  allow(now = Date.now()): boolean {
    while (this.times.length > 0 && now - this.times[0]! > this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}

/** The start-up offer to restore the last scenario (null: none). */
export const recoveryStore = createStore<{ offer: SavedScenario | null }>()(() => ({ offer: null }));

export function useRecovery<T>(selector: (s: { offer: SavedScenario | null }) => T): T {
  return useStore(recoveryStore, selector);
}

/** localStorage, or null where the page may not use it. */
export function browserStorage(): KeyValueStore | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}
