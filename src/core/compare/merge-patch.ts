/**
 * JSON Merge Patch (RFC 7386) for scenario variants, with one extension that keeps patches of
 * scenarios short: when the target is an array of objects that carry an `id` and the patch is a
 * plain object, the patch's keys name items by id and each item is merge-patched (null removes it,
 * an id not there is an error). Any other array in a patch replaces the target's array whole, as
 * in the RFC.
 *
 *   { "services": { "app": { "loadBalancer": { "policy": "least-connections" } } } }
 */

export type MergePatchResult = { ok: true; doc: unknown } | { ok: false; error: string };

type Json = unknown;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** An array whose items are all objects with a string id (services, workloads, pools…). */
function isIdArray(x: unknown): x is Array<Record<string, unknown> & { id: string }> {
  return Array.isArray(x) && x.length > 0 && x.every((v) => isObject(v) && typeof v.id === 'string');
}

const clone = (x: Json): Json => (x === undefined ? undefined : (JSON.parse(JSON.stringify(x)) as Json));

class PatchError extends Error {}

function pathText(path: ReadonlyArray<string | number>): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s === '' ? '(the document)' : s;
}

function merge(target: Json, patch: Json, path: Array<string | number>): Json {
  if (!isObject(patch)) return clone(patch);
  if (isIdArray(target)) {
    const out = target.map((v) => clone(v) as Record<string, unknown> & { id: string });
    for (const [id, p] of Object.entries(patch)) {
      const i = out.findIndex((v) => v.id === id);
      if (i < 0) {
        const ids = out.map((v) => v.id).join(', ');
        throw new PatchError(`${pathText(path)} has no item with id "${id}" (ids: ${ids})`);
      }
      if (p === null) {
        out.splice(i, 1);
        continue;
      }
      const merged = merge(out[i], p, [...path, id]);
      if (isObject(merged) && merged.id !== id) throw new PatchError(`${pathText([...path, id])}: the patch may not change an item's id`);
      out[i] = merged as Record<string, unknown> & { id: string };
    }
    return out;
  }
  const out: Record<string, unknown> = isObject(target) ? (clone(target) as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v, [...path, k]);
  }
  return out;
}

/** Applies `patch` to a copy of `target` (neither is changed). Never throws. */
export function applyMergePatch(target: unknown, patch: unknown): MergePatchResult {
  if (patch === undefined) return { ok: false, error: 'the patch is empty' };
  try {
    return { ok: true, doc: merge(target, patch, []) };
  } catch (e) {
    if (e instanceof PatchError) return { ok: false, error: e.message };
    return { ok: false, error: `the patch could not be applied: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The merge patch that turns `from` into `to` (applyMergePatch(from, result) equals `to` as JSON).
 * Arrays of items with ids are patched by id when both sides have the same ids in the same order;
 * other changed arrays are replaced whole. Returns {} when nothing differs. (A list of items with
 * ids cannot become a plain object in one patch; scenario documents never change a field's kind.)
 */
export function createMergePatch(from: unknown, to: unknown): unknown {
  if (isIdArray(from) && isIdArray(to) && from.length === to.length && from.every((v, i) => v.id === to[i]!.id)) {
    const out: Record<string, unknown> = {};
    from.forEach((v, i) => {
      const w = to[i]!;
      if (!sameJson(v, w)) out[v.id] = createMergePatch(v, w);
    });
    return out;
  }
  if (!isObject(from) || !isObject(to)) return clone(to) ?? null;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(from)) if (!(k in to) || to[k] === undefined) out[k] = null;
  for (const [k, v] of Object.entries(to)) {
    if (v === undefined) continue;
    if (!(k in from)) out[k] = clone(v);
    else if (!sameJson(from[k], v)) {
      // A value that is an object on both sides is patched; anything else (null included) is set.
      out[k] = isObject(v) && !isObject(from[k]) && !isIdArray(from[k]) ? clone(v) : createMergePatch(from[k], v);
    }
  }
  return out;
}

/** True when the patch changes nothing ({}). */
export function isEmptyPatch(patch: unknown): boolean {
  return isObject(patch) && Object.keys(patch).length === 0;
}
