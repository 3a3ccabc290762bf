import { SCENARIO_VERSION } from './schema';
import type { ScenarioIssue } from './validate';

/**
 * Migrations bring a document of any older format version up to the current one, one version at a
 * time. `MIGRATIONS[n]` turns a version-n document into a version-(n+1) document; it receives a
 * deep copy and may change it freely. Version 1 is the first published format, so the table is
 * empty today: the first breaking change adds `MIGRATIONS[1]` and bumps SCENARIO_VERSION, and every
 * link and file ever shared keeps opening.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrateResult = { ok: true; doc: Record<string, unknown>; from?: number } | { ok: false; errors: ScenarioIssue[] };

/** Runs the migration chain; `table` and `current` are parameters so the chain itself is testable. */
export function migrate(doc: unknown, table: Readonly<Record<number, Migration>> = MIGRATIONS, current: number = SCENARIO_VERSION): MigrateResult {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, errors: [{ path: '', message: `a scenario must be a JSON object, got ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : typeof doc}` }] };
  }
  const version = (doc as Record<string, unknown>).cumulo;
  if (version === undefined) {
    return { ok: false, errors: [{ path: 'cumulo', message: `is required: the format version (this build reads version ${current}${current > 1 ? ' and older' : ''})` }] };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, errors: [{ path: 'cumulo', message: `must be a format version number (1 to ${current}), got ${JSON.stringify(version)}` }] };
  }
  if (version > current) {
    return {
      ok: false,
      errors: [{ path: 'cumulo', message: `this scenario uses format version ${version}, made by a newer Cumulo; this build reads up to version ${current}` }],
    };
  }
  if (version === current) return { ok: true, doc: doc as Record<string, unknown> };
  let cur = structuredCloneJson(doc as Record<string, unknown>);
  for (let v = version; v < current; v++) {
    const step = table[v];
    if (!step) return { ok: false, errors: [{ path: 'cumulo', message: `no migration from format version ${v} to ${v + 1}` }] };
    try {
      cur = step(cur);
    } catch (e) {
      return { ok: false, errors: [{ path: '', message: `could not upgrade from format version ${v}: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    cur.cumulo = v + 1;
  }
  return { ok: true, doc: cur, from: version };
}

function structuredCloneJson(doc: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
}
