/**
 * Edits of a scenario document (the JSON the user wrote, not simulation state). Each function is
 * pure: it takes a document and returns a new one (the input is never changed), or a refusal in
 * plain words. Nothing here checks the schema: every edited document goes to the worker's `load`,
 * which validates it and answers with the schema's own messages.
 */

export type Doc = Record<string, unknown>;
type Obj = Record<string, unknown>;

/** What an edit produces: a new document, or a refusal saying why not. */
export type EditOutcome = { ok: true; doc: Doc } | { ok: false; reason: string };

export type ElementKind = 'region' | 'zone' | 'pool' | 'service' | 'workload';

export interface ElementRef {
  kind: ElementKind;
  id: string;
}

/** A path into the document: object keys and array indices. */
export type DocPath = ReadonlyArray<string | number>;

const LIST_OF: Readonly<Record<Exclude<ElementKind, 'zone'>, string>> = {
  region: 'regions',
  pool: 'hostPools',
  service: 'services',
  workload: 'workloads',
};

export const KIND_LABEL: Readonly<Record<ElementKind, string>> = {
  region: 'region',
  zone: 'zone',
  pool: 'host pool',
  service: 'service',
  workload: 'workload',
};

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function clone<T>(x: T): T {
  return structuredClone(x);
}

function list(doc: Obj, key: string): Obj[] {
  const v = doc[key];
  return Array.isArray(v) ? (v.filter(isObj) as Obj[]) : [];
}

function idOf(x: unknown): string | undefined {
  return isObj(x) && typeof x.id === 'string' ? x.id : undefined;
}

/** `base`, or `base-2`, `base-3`… : the first not in `taken`. */
export function uniqueId(taken: Iterable<string>, base: string): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Every zone of the document with its region. */
export function zonesOf(doc: Doc): Array<{ region: string; zone: string }> {
  const out: Array<{ region: string; zone: string }> = [];
  for (const r of list(doc, 'regions')) {
    const rid = idOf(r);
    if (rid === undefined) continue;
    for (const z of Array.isArray(r.zones) ? r.zones : []) {
      const zid = idOf(z);
      if (zid !== undefined) out.push({ region: rid, zone: zid });
    }
  }
  return out;
}

/** Ids of the elements of one kind, in document order. */
export function idsOf(doc: Doc, kind: ElementKind): string[] {
  if (kind === 'zone') return zonesOf(doc).map((z) => z.zone);
  return list(doc, LIST_OF[kind]).map(idOf).filter((x): x is string => x !== undefined);
}

/** Where an element sits in the document (e.g. ["services", 1]), or null. */
export function elementPath(doc: Doc, ref: ElementRef): Array<string | number> | null {
  if (ref.kind === 'zone') {
    const regions = Array.isArray(doc.regions) ? doc.regions : [];
    for (let r = 0; r < regions.length; r++) {
      const zones = isObj(regions[r]) && Array.isArray((regions[r] as Obj).zones) ? ((regions[r] as Obj).zones as unknown[]) : [];
      const z = zones.findIndex((x) => idOf(x) === ref.id);
      if (z >= 0) return ['regions', r, 'zones', z];
    }
    return null;
  }
  const key = LIST_OF[ref.kind];
  const items = Array.isArray(doc[key]) ? (doc[key] as unknown[]) : [];
  const i = items.findIndex((x) => idOf(x) === ref.id);
  return i >= 0 ? [key, i] : null;
}

/** The value at `path`, or undefined. */
export function getAt(doc: unknown, path: DocPath): unknown {
  let cur: unknown = doc;
  for (const part of path) {
    if (typeof part === 'number') cur = Array.isArray(cur) ? cur[part] : undefined;
    else cur = isObj(cur) ? cur[part] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * A copy of `doc` with the value at `path` replaced (`undefined` removes the field). Missing
 * objects on the way are created.
 */
export function setAt(doc: Doc, path: DocPath, value: unknown): Doc {
  if (path.length === 0) {
    if (!isObj(value)) throw new Error('a scenario must be an object');
    return clone(value);
  }
  const out = clone(doc);
  let cur: unknown = out;
  for (let i = 0; i < path.length - 1; i++) {
    const part = path[i]!;
    const nextIsIndex = typeof path[i + 1] === 'number';
    if (Array.isArray(cur) && typeof part === 'number') {
      if (cur[part] === undefined) cur[part] = nextIsIndex ? [] : {};
      cur = cur[part];
    } else if (isObj(cur) && typeof part === 'string') {
      if (!isObj(cur[part]) && !Array.isArray(cur[part])) cur[part] = nextIsIndex ? [] : {};
      cur = cur[part];
    } else {
      throw new Error(`there is nothing at ${formatDocPath(path.slice(0, i + 1))}`);
    }
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(cur) && typeof last === 'number') {
    if (value === undefined) cur.splice(last, 1);
    else cur[last] = clone(value);
  } else if (isObj(cur) && typeof last === 'string') {
    if (value === undefined) delete cur[last];
    else cur[last] = clone(value);
  } else {
    throw new Error(`there is nothing at ${formatDocPath(path)}`);
  }
  return out;
}

/** The schema's path notation: services[1].replicas. */
export function formatDocPath(path: DocPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

// ------------------------------------------------------------------ adding

function push(doc: Doc, key: string, item: Obj): Doc {
  const out = clone(doc);
  const items = Array.isArray(out[key]) ? (out[key] as unknown[]) : [];
  items.push(item);
  out[key] = items;
  return out;
}

function firstZone(doc: Doc): string | undefined {
  return zonesOf(doc)[0]?.zone;
}

/** A new region (public) with one zone. */
export function addRegion(doc: Doc): { doc: Doc; id: string } {
  const id = uniqueId([...idsOf(doc, 'region'), ...idsOf(doc, 'zone')], 'region');
  const zone = uniqueId([...idsOf(doc, 'zone'), ...idsOf(doc, 'region'), id], `${id}-a`);
  return { doc: push(doc, 'regions', { id, zones: [{ id: zone }] }), id };
}

/** A new zone in `region` (the first region when absent). */
export function addZone(doc: Doc, region?: string): EditOutcome & { id?: string } {
  const regions = list(doc, 'regions');
  const rid = region ?? idOf(regions[0]);
  const at = elementPath(doc, { kind: 'region', id: rid ?? '' });
  if (rid === undefined || at === null) return { ok: false, reason: 'add a region first: a zone belongs to a region' };
  const taken = [...idsOf(doc, 'zone'), ...idsOf(doc, 'region')];
  let id = '';
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
    if (!taken.includes(`${rid}-${letter}`)) {
      id = `${rid}-${letter}`;
      break;
    }
  }
  if (id === '') id = uniqueId(taken, `${rid}-zone`);
  const zones = getAt(doc, [...at, 'zones']);
  const next = setAt(doc, [...at, 'zones'], [...(Array.isArray(zones) ? zones : []), { id }]);
  return { ok: true, doc: next, id };
}

/** A new pool of 4 general-purpose hosts in `zone` (the first zone when absent). */
export function addPool(doc: Doc, zone?: string): EditOutcome & { id?: string } {
  const z = zone ?? firstZone(doc);
  if (z === undefined) return { ok: false, reason: 'add a region first: a host pool sits in a zone' };
  const id = uniqueId(idsOf(doc, 'pool'), 'pool');
  return { ok: true, doc: push(doc, 'hostPools', { id, zone: z, count: 4, shape: { vcpu: 16, memoryGiB: 64 } }), id };
}

/** A new service of 2 replicas (exponential work of mean 50 ms, round robin), in `zone` when given. */
export function addService(doc: Doc, zone?: string): { doc: Doc; id: string } {
  const id = uniqueId(idsOf(doc, 'service'), 'service');
  const svc: Obj = { id, replicas: 2, work: { type: 'exponential', mean: 0.05 }, loadBalancer: { policy: 'round-robin' } };
  if (zone !== undefined) svc.zone = zone;
  return { doc: push(doc, 'services', svc), id };
}

/** A new Poisson workload of 10 req/s sending to `target` (the first service when absent). */
export function addWorkload(doc: Doc, target?: string): EditOutcome & { id?: string } {
  const t = target ?? idsOf(doc, 'service')[0];
  if (t === undefined) return { ok: false, reason: 'add a service first: a workload sends to a service' };
  const id = uniqueId(idsOf(doc, 'workload'), 'workload');
  return { ok: true, doc: push(doc, 'workloads', { id, target: t, arrival: { type: 'poisson', rate: 10 } }), id };
}

// ------------------------------------------------------------------ connecting

/** The workload sends to `service` from now on. */
export function connectWorkload(doc: Doc, workload: string, service: string): EditOutcome {
  const at = elementPath(doc, { kind: 'workload', id: workload });
  if (at === null) return { ok: false, reason: `there is no workload "${workload}"` };
  if (elementPath(doc, { kind: 'service', id: service }) === null) return { ok: false, reason: `there is no service "${service}"` };
  if (getAt(doc, [...at, 'target']) === service) return { ok: false, reason: `${workload} already sends to ${service}` };
  return { ok: true, doc: setAt(doc, [...at, 'target'], service) };
}

/** `from` calls `to` after its own work (appended to its calls; the schema rejects loops). */
export function addCall(doc: Doc, from: string, to: string): EditOutcome {
  if (from === to) return { ok: false, reason: `${from} cannot call itself` };
  const at = elementPath(doc, { kind: 'service', id: from });
  if (at === null) return { ok: false, reason: `there is no service "${from}"` };
  if (elementPath(doc, { kind: 'service', id: to }) === null) return { ok: false, reason: `there is no service "${to}"` };
  const calls = getAt(doc, [...at, 'calls']);
  const targets = isObj(calls) && Array.isArray(calls.targets) ? calls.targets : [];
  if (targets.some((t) => isObj(t) && t.service === to)) return { ok: false, reason: `${from} already calls ${to}` };
  const next = isObj(calls) ? { ...calls, targets: [...targets, { service: to }] } : { targets: [{ service: to }] };
  return { ok: true, doc: setAt(doc, [...at, 'calls'], next) };
}

/** `from` no longer calls `to` (the calls block goes when it was the last target). */
export function removeCall(doc: Doc, from: string, to: string): EditOutcome {
  const at = elementPath(doc, { kind: 'service', id: from });
  if (at === null) return { ok: false, reason: `there is no service "${from}"` };
  const calls = getAt(doc, [...at, 'calls']);
  const targets = isObj(calls) && Array.isArray(calls.targets) ? calls.targets : [];
  const kept = targets.filter((t) => !(isObj(t) && t.service === to));
  if (kept.length === targets.length) return { ok: false, reason: `${from} does not call ${to}` };
  return { ok: true, doc: setAt(doc, [...at, 'calls'], kept.length > 0 ? { ...(calls as Obj), targets: kept } : undefined) };
}

// ------------------------------------------------------------------ faults and spikes

/** Seconds rounded to a tenth, for times written into the document. */
function roundTime(t: number): number {
  return Math.max(0, Math.round(t * 10) / 10);
}

/**
 * A traffic spike on `workload` from `at`: a companion workload (same target, origin and clients)
 * whose arrivals are a flash crowd of `extra` req/s held for `hold` seconds, 10 s ramps. A companion
 * leaves the workload's own arrivals (and their random stream) as they were, so the run before the
 * spike is unchanged.
 */
export function addSpike(doc: Doc, workload: string, at: number, extra: number, hold = 60): EditOutcome & { id?: string } {
  const path = elementPath(doc, { kind: 'workload', id: workload });
  if (path === null) return { ok: false, reason: `there is no workload "${workload}"` };
  const w = getAt(doc, path) as Obj;
  const id = uniqueId(idsOf(doc, 'workload'), `${workload}-spike`);
  const spike: Obj = {
    id,
    name: `spike on ${workload}`,
    target: w.target,
    arrival: { type: 'spike', base: 0, peak: Math.max(1, Math.round(extra)), at: roundTime(at), rampUp: 10, hold, rampDown: 10 },
  };
  if (w.from !== undefined) spike.from = clone(w.from);
  if (w.clients !== undefined) spike.clients = clone(w.clients);
  return { ok: true, doc: push(doc, 'workloads', spike), id };
}

/** Replica `replica` of `service` crashes at `at` for `duration` seconds (absent: for good). */
export function addReplicaCrash(doc: Doc, service: string, at: number, replica = 0, duration?: number): EditOutcome {
  if (elementPath(doc, { kind: 'service', id: service }) === null) return { ok: false, reason: `there is no service "${service}"` };
  const fault: Obj = { kind: 'replica-crash', service, replica, at: roundTime(at) };
  if (duration !== undefined) fault.duration = duration;
  return { ok: true, doc: push(doc, 'faults', fault) };
}

// ------------------------------------------------------------------ removing

/** Human-readable list of what still refers to an element (empty: nothing does). */
export function referencesTo(doc: Doc, ref: ElementRef): string[] {
  const out: string[] = [];
  const { kind, id } = ref;
  if (kind === 'service') {
    for (const w of list(doc, 'workloads')) if (w.target === id) out.push(`workload ${idOf(w) ?? '?'} sends to it`);
  } else if (kind === 'zone' || kind === 'region') {
    const zones = kind === 'zone' ? [id] : zonesOf(doc).filter((z) => z.region === id).map((z) => z.zone);
    const here = (x: unknown): boolean => typeof x === 'string' && (zones.includes(x) || x === id);
    for (const p of list(doc, 'hostPools')) if (here(p.zone)) out.push(`host pool ${idOf(p) ?? '?'} sits in it`);
    for (const s of list(doc, 'services')) {
      if (here(s.zone)) out.push(`service ${idOf(s) ?? '?'} runs in it`);
      const pz = isObj(s.placement) && Array.isArray(s.placement.zones) ? s.placement.zones : [];
      if (pz.some(here)) out.push(`service ${idOf(s) ?? '?'} is placed in it`);
    }
    for (const w of list(doc, 'workloads')) if (here(w.from)) out.push(`workload ${idOf(w) ?? '?'} has its clients there`);
    for (const f of list(doc, 'faults')) if (f.kind === 'zone-outage' && here(f.zone)) out.push(`a zone outage at ${String(f.at)} hits it`);
    if (kind === 'region') {
      for (const f of list(doc, 'faults')) if (f.kind === 'link-cut' && Array.isArray(f.between) && f.between.includes(id)) out.push(`a link cut at ${String(f.at)} names it`);
      const links = isObj(doc.network) && Array.isArray(doc.network.links) ? doc.network.links : [];
      if (links.some((l) => isObj(l) && Array.isArray(l.between) && l.between.includes(id))) out.push('a network link names it');
    }
  } else if (kind === 'pool') {
    for (const f of list(doc, 'faults')) if (f.kind === 'host-failure' && f.pool === id) out.push(`a host failure at ${String(f.at)} hits it`);
  }
  return out;
}

/**
 * Removes an element. Calls to a removed service and its replica-crash faults go with it;
 * anything else that still refers to it (a workload sending to it, a pool in a zone…) refuses the
 * removal, naming what refers to it.
 */
export function removeElement(doc: Doc, ref: ElementRef): EditOutcome {
  const path = elementPath(doc, ref);
  const label = `${KIND_LABEL[ref.kind]} ${ref.id}`;
  if (path === null) return { ok: false, reason: `there is no ${label}` };
  const refs = referencesTo(doc, ref);
  if (refs.length > 0) return { ok: false, reason: `${label} cannot be removed while ${refs.join('; ')}` };
  let out = setAt(doc, path, undefined);
  if (ref.kind === 'service') {
    for (const s of list(out, 'services')) {
      const from = idOf(s);
      const calls = s.calls;
      if (from !== undefined && isObj(calls) && Array.isArray(calls.targets) && calls.targets.some((t) => isObj(t) && t.service === ref.id)) {
        const r = removeCall(out, from, ref.id);
        if (r.ok) out = r.doc;
      }
    }
    if (Array.isArray(out.faults)) out.faults = out.faults.filter((f) => !(isObj(f) && f.kind === 'replica-crash' && f.service === ref.id));
  }
  return { ok: true, doc: out };
}

/** Replaces the element by `element` (the raw JSON editor); the id may change only if unique. */
export function replaceElement(doc: Doc, ref: ElementRef, element: unknown): EditOutcome {
  const path = elementPath(doc, ref);
  if (path === null) return { ok: false, reason: `there is no ${KIND_LABEL[ref.kind]} ${ref.id}` };
  if (!isObj(element)) return { ok: false, reason: `a ${KIND_LABEL[ref.kind]} must be a JSON object` };
  return { ok: true, doc: setAt(doc, path, element) };
}
