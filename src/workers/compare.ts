/**
 * The worker's side of A/B compare. The page runs A and B in two workers: A loads the scenario as
 * is; B loads it too, then becomes the variant (A's document with a merge patch, validated like any
 * scenario) through `loadVariant`. The comparison itself is the core's (`compareSides`): A's worker
 * sends its side, B's worker returns the table. Nothing here throws.
 */
import {
  applyVariant,
  compareSide,
  compareSides,
  createMergePatch,
  encodeComparePatch,
  isEmptyPatch,
  variantPatch,
  type CompareSide,
  type ComparisonTable,
  type ScenarioIssue,
  type VariantChoice,
} from '../core/index';
import type { LoadSource, SimService } from './service';

export type { CompareSide, ComparisonTable, DeltaRow, CompareUnit, VariantChoice, PricingPlan, ComparePatchFromLink } from '../core/index';

/** What makes B: a kind of change from the form, a merge patch, or B's whole document as JSON text. */
export type VariantRequest = { choice: VariantChoice } | { patch: unknown } | { scenarioText: string };

export type VariantLoadResult =
  | { ok: true; name: string; patch: unknown; patchParam: string; seedChanged: boolean; warnings: string[] }
  | { ok: false; errors: ScenarioIssue[] };

const fail = (message: string, path = ''): VariantLoadResult => ({ ok: false, errors: [{ path, message }] });

/** Loads `base`, makes B from it as `request` says, and loads B. */
export function loadVariant(service: SimService, base: LoadSource, request: VariantRequest): VariantLoadResult {
  const loaded = service.load(base);
  if (!loaded.ok) return loaded;
  const doc = service.scenarioDocument();
  const scenario = service.currentScenario();
  if (doc === null || scenario === null) return fail('no scenario is loaded');
  let patch: unknown;
  let warnings: string[] = [];
  if (typeof request !== 'object' || request === null) return fail('nothing says what B changes');
  if ('choice' in request) {
    const r = variantPatch(doc, scenario, request.choice);
    if (!r.ok) return fail(r.error, 'B');
    patch = r.patch;
    warnings = r.warnings ?? [];
  } else if ('patch' in request) {
    patch = request.patch;
  } else if ('scenarioText' in request) {
    let b: unknown;
    try {
      b = JSON.parse(String(request.scenarioText)) as unknown;
    } catch (e) {
      return fail(`B's scenario is not JSON: ${e instanceof Error ? e.message : String(e)}`, 'B');
    }
    patch = createMergePatch(doc, b);
    if (isEmptyPatch(patch)) return fail('B is the same as A: edit B\'s scenario first', 'B');
  } else return fail('nothing says what B changes');
  const variant = applyVariant(doc, patch);
  if (!variant.ok) return variant;
  const r = service.load({ scenario: variant.doc });
  if (!r.ok) return r;
  return { ok: true, name: r.name, patch, patchParam: encodeComparePatch(patch), seedChanged: variant.seedChanged, warnings };
}

/** This run's figures for a comparison (`service`: whose own figures), or null before a load. */
export function sideOf(service: SimService, focus: string | null): CompareSide | null {
  if (!service.currentScenario()) return null;
  try {
    return compareSide(service.results(), focus);
  } catch {
    return null;
  }
}

/** The table with `a` as A and this run as B, and this run's side (for its cost curve). */
export function compareWith(service: SimService, a: CompareSide): { table: ComparisonTable; side: CompareSide } | null {
  const b = sideOf(service, a.service);
  return b ? { table: compareSides(a, b), side: b } : null;
}

/** Where a run is held: its simulated time, whether it reached its end. */
export interface HeldAt {
  now: number;
  finished: boolean;
}

/** Events run between two checks of the target while catching up (the catch-up is short: one tick's worth). */
const HOLD_CHUNK = 20_000;

/**
 * Pauses the run and, when it is behind `t`, runs it on to exactly `t` (never past its end), so
 * that two runs can be compared at the same simulated time. `t` ≤ now only pauses. Null before a
 * load. Never throws (a failing core is reported like a failing tick: the run stops where it is).
 */
export function holdAt(service: SimService, t: number): HeldAt | null {
  const sim = service.simulation();
  if (!sim) return null;
  if (service.isPlaying()) service.pause();
  if (typeof t === 'number' && Number.isFinite(t) && t > sim.now && !sim.finished) {
    const target = Math.min(t, sim.endTime);
    try {
      while (sim.now < target && !sim.finished) {
        if (sim.runUntil(target, HOLD_CHUNK) === 0 && sim.now < target) break; // the core could not move on
        service.beat();
      }
    } catch (e) {
      console.error('[cumulo] simulation error:', e);
    }
    service.notify();
  }
  return { now: sim.now, finished: sim.finished };
}
