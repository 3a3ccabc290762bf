/**
 * Node positions a person dragged in the infrastructure view, kept in localStorage per scenario
 * shape (layoutSignature: the ids and sizes of regions, zones and pools), so a reload or a later
 * visit to the same scenario shows them where they were left. Bad or foreign data reads as none.
 */
import { browserStorage, type KeyValueStore } from '../recovery/savedScenario';
import type { XY } from './infraLayout';

export const POSITIONS_KEY = 'cumulo.infraPositions.v1.';
/** More than this many dragged nodes are not saved (a runaway would fill the quota). */
const MAX_SAVED = 5000;

export function loadPositions(signature: string, storage: KeyValueStore | null = browserStorage()): Map<string, XY> {
  const out = new Map<string, XY>();
  if (!storage || !signature) return out;
  try {
    const raw = storage.getItem(POSITIONS_KEY + signature);
    const doc: unknown = raw ? JSON.parse(raw) : null;
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return out;
    for (const [id, v] of Object.entries(doc as Record<string, unknown>)) {
      if (!Array.isArray(v) || v.length !== 2) continue;
      const [x, y] = v as unknown[];
      if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) out.set(id, { x, y });
    }
  } catch {
    /* unreadable: none */
  }
  return out;
}

/** Saves the positions (none: an empty record); false when the storage refused or there are too many. */
export function savePositions(signature: string, positions: ReadonlyMap<string, XY>, storage: KeyValueStore | null = browserStorage()): boolean {
  if (!storage || !signature || positions.size > MAX_SAVED) return false;
  try {
    const doc: Record<string, [number, number]> = {};
    for (const [id, p] of positions) doc[id] = [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
    storage.setItem(POSITIONS_KEY + signature, JSON.stringify(doc));
    return true;
  } catch {
    return false;
  }
}
