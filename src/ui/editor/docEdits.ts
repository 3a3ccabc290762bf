/**
 * Edits of a scenario document (the JSON the user wrote, not simulation state). Each function is
 * pure: it takes a document and returns a new one (the input is never changed), or a refusal in
 * plain words. Nothing here checks the schema: every edited document goes to the worker's `load`,
 * which validates it and answers with the schema's own messages.
 */

import { translate, type Params } from '../i18n/messages';
import { docMessages } from './docEdits.messages';

export type Doc = Record<string, unknown>;
type Obj = Record<string, unknown>;

/** What an edit produces: a new document, or a refusal saying why not. */
export type EditOutcome = { ok: true; doc: Doc; notes?: string[] } | { ok: false; reason: string };

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

const KIND_KEY = { region: 'kindRegion', zone: 'kindZone', pool: 'kindPool', service: 'kindService', workload: 'kindWorkload' } as const;

/** The words for an element kind ("host pool"), in the console's language. */
export function kindLabel(kind: ElementKind): string {
  return m(KIND_KEY[kind]);
}

/** A message of this module, in the console's language. */
function m(key: keyof typeof docMessages.en, params?: Params): string {
  return translate(docMessages, key, params);
}

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
    if (!isObj(value)) throw new Error(m('notAnObject'));
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
      throw new Error(m('nothingAt', { path: formatDocPath(path.slice(0, i + 1)) }));
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
    throw new Error(m('nothingAt', { path: formatDocPath(path) }));
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
  if (rid === undefined || at === null) return { ok: false, reason: m('regionFirstZone') };
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
  if (z === undefined) return { ok: false, reason: m('regionFirstPool') };
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
  if (t === undefined) return { ok: false, reason: m('serviceFirst') };
  const id = uniqueId(idsOf(doc, 'workload'), 'workload');
  return { ok: true, doc: push(doc, 'workloads', { id, target: t, arrival: { type: 'poisson', rate: 10 } }), id };
}

// ------------------------------------------------------------------ connecting

/** The workload sends to `service` from now on. */
export function connectWorkload(doc: Doc, workload: string, service: string): EditOutcome {
  const at = elementPath(doc, { kind: 'workload', id: workload });
  if (at === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('workload'), id: workload }) };
  if (elementPath(doc, { kind: 'service', id: service }) === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('service'), id: service }) };
  if (getAt(doc, [...at, 'target']) === service) return { ok: false, reason: m('alreadySends', { from: workload, to: service }) };
  return { ok: true, doc: setAt(doc, [...at, 'target'], service) };
}

/** `from` calls `to` after its own work (appended to its calls; the schema rejects loops). */
export function addCall(doc: Doc, from: string, to: string): EditOutcome {
  if (from === to) return { ok: false, reason: m('callsItself', { id: from }) };
  const at = elementPath(doc, { kind: 'service', id: from });
  if (at === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('service'), id: from }) };
  if (elementPath(doc, { kind: 'service', id: to }) === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('service'), id: to }) };
  const calls = getAt(doc, [...at, 'calls']);
  const targets = isObj(calls) && Array.isArray(calls.targets) ? calls.targets : [];
  if (targets.some((t) => isObj(t) && t.service === to)) return { ok: false, reason: m('alreadyCalls', { from, to }) };
  const next = isObj(calls) ? { ...calls, targets: [...targets, { service: to }] } : { targets: [{ service: to }] };
  return { ok: true, doc: setAt(doc, [...at, 'calls'], next) };
}

/** `from` no longer calls `to` (the calls block goes when it was the last target). */
export function removeCall(doc: Doc, from: string, to: string): EditOutcome {
  const at = elementPath(doc, { kind: 'service', id: from });
  if (at === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('service'), id: from }) };
  const calls = getAt(doc, [...at, 'calls']);
  const targets = isObj(calls) && Array.isArray(calls.targets) ? calls.targets : [];
  const kept = targets.filter((t) => !(isObj(t) && t.service === to));
  if (kept.length === targets.length) return { ok: false, reason: m('doesNotCall', { from, to }) };
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
  if (path === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('workload'), id: workload }) };
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
  if (elementPath(doc, { kind: 'service', id: service }) === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('service'), id: service }) };
  const fault: Obj = { kind: 'replica-crash', service, replica, at: roundTime(at) };
  if (duration !== undefined) fault.duration = duration;
  return { ok: true, doc: push(doc, 'faults', fault) };
}

// ------------------------------------------------------------------ removing

/** What a removal did besides removing the element (the repairs), for the editor's message. */
export type RemoveOutcome = { ok: true; doc: Doc; notes: string[] } | { ok: false; reason: string };

/** Keeps the items of the array at `path` for which `keep` holds; `what` names each dropped one. */
export function filterAt(doc: Doc, path: DocPath, keep: (x: unknown) => boolean, what: (x: unknown) => string, notes: string[], dropWhenEmpty = false): Doc {
  const items = getAt(doc, path);
  if (!Array.isArray(items)) return doc;
  const kept = items.filter(keep);
  if (kept.length === items.length) return doc;
  for (const x of items) if (!keep(x)) notes.push(what(x));
  return setAt(doc, path, dropWhenEmpty && kept.length === 0 ? undefined : kept);
}

/** Counts repeated notes ("removed a replica-crash fault" ×3 → one line). */
export function tally(notes: string[]): string[] {
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? m('repeated', { x: n, n: c }) : n));
}

/** Removes a service and repairs what referred to it. */
function removeServiceRefs(doc: Doc, id: string, notes: string[]): Doc {
  let out = doc;
  // Workloads cannot exist without their target: they go too.
  out = filterAt(out, ['workloads'], (w) => !(isObj(w) && w.target === id), (w) => m('noteWorkloadGone', { id: idOf(w) ?? '?', target: id }), notes);
  list(out, 'services').forEach((s, i) => {
    const calls = s.calls;
    if (!isObj(calls) || !Array.isArray(calls.targets)) return;
    const kept = calls.targets.filter((t) => !(isObj(t) && t.service === id));
    if (kept.length === calls.targets.length) return;
    notes.push(m('noteNoLongerCalls', { from: idOf(s) ?? '?', to: id }));
    out = setAt(out, ['services', i, 'calls'], kept.length > 0 ? { ...calls, targets: kept } : undefined);
  });
  out = filterAt(out, ['faults'], (f) => !(isObj(f) && f.kind === 'replica-crash' && f.service === id), () => m('noteCrashGone', { id }), notes);
  for (const key of ['services', 'instances']) {
    list(out, key).forEach((g, i) => {
      out = filterAt(out, [key, i, 'placement', 'affinity'], (x) => x !== id, () => m('noteAffinity', { id: idOf(g) ?? '?', other: id }), notes);
    });
  }
  out = filterAt(out, ['billing', 'storage', 'volumes'], (v) => !(isObj(v) && v.group === id), () => m('noteVolume', { id }), notes);
  out = filterAt(out, ['billing', 'egress', 'responses'], (v) => !(isObj(v) && v.service === id), () => m('noteEgress', { id }), notes);
  // A queue consumed by the service keeps its messages, with no consumer.
  const queues = getAt(out, ['serverless', 'queues']);
  if (Array.isArray(queues)) {
    queues.forEach((q, i) => {
      if (!(isObj(q) && isObj(q.serviceConsumer) && q.serviceConsumer.service === id)) return;
      out = setAt(out, ['serverless', 'queues', i, 'serviceConsumer'], undefined);
      notes.push(m('noteQueueConsumer', { queue: idOf(q) ?? '?', id }));
    });
  }
  return out;
}

/**
 * Scripted access attempts (`actions`) whose target is gone: a service, an instance of a group
 * no longer placed, a host of a pool no longer there.
 */
function repairActions(doc: Doc, notes: string[]): Doc {
  const services = new Set(list(doc, 'services').map(idOf));
  const groups = new Set([...list(doc, 'services').filter((s) => s.placement !== undefined).map(idOf), ...list(doc, 'instances').map(idOf)]);
  const pools = new Set(list(doc, 'hostPools').map(idOf));
  const alive = (target: string): boolean => {
    const slash = target.indexOf('/');
    const kind = target.slice(0, slash);
    const name = target.slice(slash + 1);
    const group = name.replace(/-\d+$/, '');
    if (kind === 'service') return services.has(name);
    if (kind === 'instance') return groups.has(group);
    if (kind === 'host') return pools.has(group);
    return true;
  };
  return filterAt(doc, ['actions'], (a) => !(isObj(a) && typeof a.target === 'string' && !alive(a.target)), (a) => m('noteAction', { action: isObj(a) ? String(a.action) : '', target: isObj(a) ? String(a.target) : '' }), notes);
}

/** With no host pool left, nothing can be placed: placements go, instance groups go. */
function repairWithoutPools(doc: Doc, notes: string[]): Doc {
  if (list(doc, 'hostPools').length > 0) return doc;
  let out = doc;
  list(out, 'services').forEach((s, i) => {
    if (s.placement === undefined) return;
    out = setAt(out, ['services', i, 'placement'], undefined);
    notes.push(m('noteUnplaced', { id: idOf(s) ?? '?' }));
  });
  out = filterAt(out, ['instances'], () => false, (g) => m('noteGroupGone', { id: idOf(g) ?? '?' }), notes);
  return out;
}

/** Removes a host pool's faults and bills. */
function removePoolRefs(doc: Doc, id: string, notes: string[]): Doc {
  let out = filterAt(doc, ['faults'], (f) => !(isObj(f) && f.kind === 'host-failure' && f.pool === id), () => m('noteHostFailure', { id }), notes);
  out = filterAt(out, ['billing', 'pools'], (p) => !(isObj(p) && p.pool === id), () => m('noteBillPool', { id }), notes);
  return out;
}

/** Repairs what refers to zones `zones` (and, for a region, to the region `region`) once they are gone. */
function removePlaceRefs(doc: Doc, zones: string[], region: string | null, notes: string[]): Doc {
  let out = doc;
  const gone = (x: unknown): boolean => typeof x === 'string' && (zones.includes(x) || x === region);
  // Pools sit in a zone: they go with it (and their faults).
  for (const p of list(out, 'hostPools')) {
    if (!gone(p.zone)) continue;
    const pid = idOf(p) ?? '?';
    const at = elementPath(out, { kind: 'pool', id: pid });
    if (at === null) continue;
    out = removePoolRefs(setAt(out, at, undefined), pid, notes);
    notes.push(m('notePoolGone', { id: pid, zone: String(p.zone) }));
  }
  list(out, 'services').forEach((s, i) => {
    const sid = idOf(s) ?? '?';
    if (gone(s.zone)) {
      out = setAt(out, ['services', i, 'zone'], undefined);
      notes.push(m('noteNoZone', { id: sid }));
    }
    const pz = getAt(out, ['services', i, 'placement', 'zones']);
    if (Array.isArray(pz) && pz.some(gone)) {
      const kept = pz.filter((z) => !gone(z));
      out = setAt(out, ['services', i, 'placement', 'zones'], kept.length > 0 ? kept : undefined);
      notes.push(kept.length > 0 ? m('notePlacedOnly', { id: sid, zones: kept.join(', ') }) : m('notePlacedAny', { id: sid }));
    }
  });
  list(out, 'instances').forEach((g, i) => {
    const pz = getAt(out, ['instances', i, 'placement', 'zones']);
    if (Array.isArray(pz) && pz.some(gone)) {
      const kept = pz.filter((z) => !gone(z));
      out = setAt(out, ['instances', i, 'placement', 'zones'], kept.length > 0 ? kept : undefined);
      notes.push(kept.length > 0 ? m('noteGroupOnly', { id: idOf(g) ?? '?', zones: kept.join(', ') }) : m('noteGroupAny', { id: idOf(g) ?? '?' }));
    }
  });
  list(out, 'workloads').forEach((w, i) => {
    if (!gone(w.from)) return;
    out = setAt(out, ['workloads', i, 'from'], undefined);
    notes.push(m('noteClients', { id: idOf(w) ?? '?' }));
  });
  list(out, 'saas').forEach((a, i) => {
    if (!gone(a.zone)) return;
    out = setAt(out, ['saas', i, 'zone'], undefined);
    notes.push(m('noteSaasZone', { id: idOf(a) ?? '?' }));
  });
  out = filterAt(out, ['faults'], (f) => !(isObj(f) && f.kind === 'zone-outage' && gone(f.zone)), () => m('noteZoneOutage'), notes);
  if (region !== null) {
    const names = (x: unknown): boolean => isObj(x) && Array.isArray(x.between) && x.between.includes(region);
    out = filterAt(out, ['faults'], (f) => !(isObj(f) && f.kind === 'link-cut' && names(f)), () => m('noteLinkCut'), notes);
    out = filterAt(out, ['network', 'links'], (l) => !names(l), (l) => m('noteLink', { between: isObj(l) && Array.isArray(l.between) ? l.between.join('–') : '' }), notes);
    out = filterAt(out, ['billing', 'regions'], (r) => !(isObj(r) && r.region === region), () => m('notePrices', { region }), notes);
    out = filterAt(out, ['billing', 'reserved'], (r) => !(isObj(r) && r.region === region), () => m('noteReserved', { region }), notes);
    list(out, 'tenants').forEach((t, i) => {
      out = filterAt(out, ['tenants', i, 'quota', 'perRegion'], (q) => !(isObj(q) && q.region === region), () => m('noteQuota', { id: idOf(t) ?? '?', region }), notes);
    });
  }
  return out;
}

/**
 * Removes an element and repairs what referred to it, saying what it did: a removed service takes
 * the workloads sending to it, the calls to it and its faults; a zone takes its host pools (and
 * their faults), services and workloads lose their reference to it; a region does that for each
 * of its zones, and drops its links; a queue a removed service consumed loses that consumer. Undo
 * brings everything back. What the editor does not know about is left to the schema, whose message
 * then names it. (Serverless functions, queues, topics and gateways: blocks/blockEdits.ts.)
 */
export function removeElement(doc: Doc, ref: ElementRef): RemoveOutcome {
  const path = elementPath(doc, ref);
  const kind = kindLabel(ref.kind);
  if (path === null) return { ok: false, reason: m('noSuch', { kind, id: ref.id }) };
  const notes: string[] = [];
  let out: Doc;
  switch (ref.kind) {
    case 'service':
      out = removeServiceRefs(setAt(doc, path, undefined), ref.id, notes);
      break;
    case 'pool':
      out = repairWithoutPools(removePoolRefs(setAt(doc, path, undefined), ref.id, notes), notes);
      break;
    case 'workload':
      out = setAt(doc, path, undefined);
      break;
    case 'zone': {
      const region = zonesOf(doc).find((z) => z.zone === ref.id)?.region ?? '?';
      if (zonesOf(doc).filter((z) => z.region === region).length <= 1) return { ok: false, reason: m('onlyZone', { kind, id: ref.id, region }) };
      out = repairWithoutPools(removePlaceRefs(setAt(doc, path, undefined), [ref.id], null, notes), notes);
      break;
    }
    case 'region': {
      const zones = zonesOf(doc).filter((z) => z.region === ref.id).map((z) => z.zone);
      out = repairWithoutPools(removePlaceRefs(setAt(doc, path, undefined), zones, ref.id, notes), notes);
      break;
    }
  }
  if (list(out, 'hostPools').length === 0 && list(doc, 'hostPools').length > 0 && list(out, 'saas').length > 0) {
    return { ok: false, reason: m('saasNeedsPool', { kind, id: ref.id, apps: list(out, 'saas').map((a) => idOf(a) ?? '?').join(', ') }) };
  }
  out = repairActions(out, notes);
  return { ok: true, doc: out, notes: tally(notes) };
}

// ------------------------------------------------------------------ rows of arrays

/** Appends `item` to the array at `path` (created when absent). */
export function appendRow(doc: Doc, path: DocPath, item: unknown): Doc {
  const items = getAt(doc, path);
  return setAt(doc, path, [...(Array.isArray(items) ? items : []), item]);
}

/** Removes row `index` of the array at `path`; `dropWhenEmpty` removes the field with its last row. */
export function removeRow(doc: Doc, path: DocPath, index: number, dropWhenEmpty = false): EditOutcome {
  const items = getAt(doc, path);
  if (!Array.isArray(items) || index < 0 || index >= items.length) return { ok: false, reason: m('noRow', { n: index + 1, path: formatDocPath(path) }) };
  const kept = items.filter((_, i) => i !== index);
  return { ok: true, doc: setAt(doc, path, dropWhenEmpty && kept.length === 0 ? undefined : kept) };
}

/** "0.1, 0.2 0.5" → [0.1, 0.2, 0.5]; a word that is not a number is kept as written, for the schema to name. */
export function parseNumberList(text: string): unknown[] | undefined {
  const parts = text.split(/[\s,;]+/).filter((x) => x !== '');
  if (parts.length === 0) return undefined;
  return parts.map((p) => {
    const n = Number(p);
    return Number.isFinite(n) ? n : p;
  });
}

// ------------------------------------------------------------------ autoscaler

export const AUTOSCALER_POLICIES = ['target-tracking', 'step', 'scheduled', 'predictive'] as const;
export type AutoscalerPolicyName = (typeof AUTOSCALER_POLICIES)[number];

/** A step rule of each kind of action, for "add a rule". */
export function newStepRule(up: boolean): Obj {
  return up ? { operator: '>', threshold: 0.8, for: 60, change: 1 } : { operator: '<', threshold: 0.3, for: 300, change: -1 };
}

/** A scheduled action, for "add an action". */
export function newScheduledAction(replicas: number): Obj {
  return { cron: '0 8 * * 1-5', replicas };
}

/**
 * Adds an autoscaler to a service: the Kubernetes HPA's defaults (cpu at 80 %), between 1 and
 * twice the current replicas (at least the current count, as the schema asks).
 */
export function addAutoscaler(doc: Doc, service: string): EditOutcome {
  const at = elementPath(doc, { kind: 'service', id: service });
  if (at === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('service'), id: service }) };
  if (getAt(doc, [...at, 'autoscaler']) !== undefined) return { ok: false, reason: m('hasAutoscaler', { id: service }) };
  const replicas = num(getAt(doc, [...at, 'replicas']), 1);
  return { ok: true, doc: setAt(doc, [...at, 'autoscaler'], { policy: 'target-tracking', minReplicas: 1, maxReplicas: Math.max(2, replicas * 2), metric: 'cpu', target: 0.8 }) };
}

function num(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}

/**
 * The autoscaler under another policy: the bounds, metric and timings stay; what the new policy
 * needs and lacks is filled in (step rules, scheduled actions, a forecastable metric).
 */
export function autoscalerOfPolicy(policy: string, old: Obj): Obj {
  const out: Obj = { ...clone(old), policy };
  const min = num(old.minReplicas, 1);
  const max = num(old.maxReplicas, 4);
  if (policy === 'step' && !(Array.isArray(old.rules) && old.rules.length > 0)) out.rules = [newStepRule(true), newStepRule(false)];
  if (policy === 'scheduled' && !(Array.isArray(old.schedule) && old.schedule.length > 0)) out.schedule = [newScheduledAction(max), { cron: '0 20 * * *', replicas: Math.max(min, 1) }];
  if (policy === 'predictive' && old.metric !== undefined && old.metric !== 'rps' && old.metric !== 'cpu') {
    out.metric = 'cpu';
    delete out.target;
  }
  return out;
}

/** The action of a step rule: which of change, changePercent or setTo it uses. */
export const STEP_ACTIONS = ['change', 'changePercent', 'setTo'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export function stepActionOf(rule: unknown): StepAction {
  if (isObj(rule)) for (const a of STEP_ACTIONS) if (rule[a] !== undefined) return a;
  return 'change';
}

/** A step rule with another kind of action, keeping its amount. */
export function withStepAction(rule: Obj, action: StepAction): Obj {
  const amount = num(rule[stepActionOf(rule)], 1);
  const out: Obj = { ...rule };
  for (const a of STEP_ACTIONS) delete out[a];
  out[action] = action === 'setTo' ? Math.max(0, Math.round(Math.abs(amount))) : amount;
  return out;
}

// ------------------------------------------------------------------ placement on hosts

/** An instance type as the infrastructure view knows it (the built-in catalogue and the scenario's). */
export interface InstanceTypeSize {
  id: string;
  vcpu: number;
  memoryGiB: number;
  gpu?: number;
}

/** Where a service is dropped in the infrastructure view. */
export type PlaceTarget = { kind: 'pool' | 'zone' | 'region' | 'host'; id: string };

function fits(t: InstanceTypeSize, pool: Obj): boolean {
  const shape = isObj(pool.shape) ? pool.shape : {};
  const oc = isObj(pool.overcommit) ? pool.overcommit : {};
  return t.vcpu <= num(shape.vcpu, 0) * num(oc.cpu, 1) && t.memoryGiB <= num(shape.memoryGiB, 0) * num(oc.memory, 1) && (t.gpu ?? 0) <= num(shape.gpu, 0);
}

/**
 * Places a service's replicas on hosts (sets its placement): on a pool, its zone, tolerating the
 * pool's taints and taking its tenant when the pool is dedicated; on a zone or a region, its
 * zones. A service without an instance type gets the smallest that fits. Refuses what cannot work:
 * a host (the scheduler picks hosts), a type bigger than the pool's hosts, another tenant's pool.
 */
export function placeService(doc: Doc, service: string, target: PlaceTarget, types: readonly InstanceTypeSize[]): EditOutcome {
  const at = elementPath(doc, { kind: 'service', id: service });
  if (at === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('service'), id: service }) };
  if (target.kind === 'host') return { ok: false, reason: m('pinHost', { service, host: target.id }) };
  const placeKind = m(target.kind === 'pool' ? 'placeKindPool' : target.kind === 'zone' ? 'placeKindZone' : 'placeKindRegion');
  const svc = getAt(doc, at) as Obj;
  const old: Obj = isObj(svc.placement) ? clone(svc.placement) : { kind: 'vm' };
  let zones: string[];
  let pool: Obj | undefined;
  if (target.kind === 'pool') {
    pool = list(doc, 'hostPools').find((p) => p.id === target.id);
    if (!pool || typeof pool.zone !== 'string') return { ok: false, reason: m('noSuch', { kind: kindLabel('pool'), id: target.id }) };
    zones = [pool.zone];
  } else if (target.kind === 'zone') {
    if (!zonesOf(doc).some((z) => z.zone === target.id)) return { ok: false, reason: m('noSuch', { kind: kindLabel('zone'), id: target.id }) };
    zones = [target.id];
  } else {
    zones = zonesOf(doc).filter((z) => z.region === target.id).map((z) => z.zone);
    if (zones.length === 0) return { ok: false, reason: m('noSuch', { kind: kindLabel('region'), id: target.id }) };
  }
  const pools = list(doc, 'hostPools').filter((p) => typeof p.zone === 'string' && zones.includes(p.zone) && (pool === undefined || p === pool));
  if (pools.length === 0) return { ok: false, reason: m('noPoolsIn', { kind: placeKind, id: target.id, service }) };
  let type = typeof svc.instanceType === 'string' ? svc.instanceType : undefined;
  const known = type === undefined ? undefined : types.find((t) => t.id === type);
  if (known && !pools.some((p) => fits(known, p))) {
    return { ok: false, reason: m('typeTooBig', { service, type: known.id, vcpu: known.vcpu, mem: known.memoryGiB, kind: placeKind, id: target.id }) };
  }
  if (type === undefined) {
    const fitting = types.filter((t) => (t.gpu ?? 0) === 0 && pools.some((p) => fits(t, p))).sort((a, b) => a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB);
    if (fitting.length === 0) return { ok: false, reason: m('noTypeFits', { kind: placeKind, id: target.id }) };
    type = fitting[0]!.id;
  }
  const next: Obj = { ...old, zones };
  if (pool) {
    const taints = Array.isArray(pool.taints) ? pool.taints.filter(isObj) : [];
    const tolerations = Array.isArray(old.tolerations) ? [...(old.tolerations as unknown[])] : [];
    for (const t of taints) {
      if (!tolerations.some((x) => isObj(x) && x.key === t.key && (x.value === undefined || x.value === t.value))) {
        const tol: Obj = { key: t.key, effect: t.effect };
        if (t.value !== undefined) tol.value = t.value;
        tolerations.push(tol);
      }
    }
    if (tolerations.length > 0) next.tolerations = tolerations;
    if (typeof pool.dedicatedTo === 'string') {
      if (typeof old.tenant === 'string' && old.tenant !== pool.dedicatedTo) {
        return { ok: false, reason: m('otherTenant', { pool: target.id, tenant: pool.dedicatedTo, service, other: old.tenant }) };
      }
      next.tenant = pool.dedicatedTo;
    }
  }
  let out = setAt(doc, [...at, 'placement'], next);
  if (svc.instanceType !== type) out = setAt(out, [...at, 'instanceType'], type);
  // A zone of its own that the placement excludes would contradict it.
  if (typeof svc.zone === 'string' && !zones.includes(svc.zone)) out = setAt(out, [...at, 'zone'], undefined);
  return { ok: true, doc: out };
}

/** Replicas no longer placed on hosts: the placement goes (the instance type stays). */
export function unplaceService(doc: Doc, service: string): EditOutcome {
  const at = elementPath(doc, { kind: 'service', id: service });
  if (at === null) return { ok: false, reason: m('noSuch', { kind: kindLabel('service'), id: service }) };
  if (getAt(doc, [...at, 'placement']) === undefined) return { ok: false, reason: m('notPlaced', { id: service }) };
  return { ok: true, doc: setAt(doc, [...at, 'placement'], undefined) };
}

const finiteOr = (x: unknown, fallback: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);

/**
 * A distribution of another type with about the same mean as `old` (its mean or constant value,
 * else `fallbackMean`); `lognormalSd` is the log-normal's spread as a fraction of the mean.
 */
export function distributionOfType(type: string, old: Record<string, unknown>, fallbackMean: number, lognormalSd: number): Record<string, unknown> {
  const mean = finiteOr(old.mean, finiteOr(old.value, fallbackMean));
  switch (type) {
    case 'constant':
      return { type, value: mean };
    case 'uniform':
      return { type, min: 0, max: 2 * mean };
    case 'normal':
      return { type, mean, sd: mean / 4 };
    case 'lognormal':
      return { type, mean, sd: mean * lognormalSd };
    case 'bounded-pareto':
      return { type, alpha: 1.5, min: mean / 3, max: mean * 20 };
    case 'percentiles':
      return { type, points: [[0, mean / 4], [0.5, mean], [1, mean * 4]] };
    case 'empirical':
      return { type, samples: [mean / 2, mean, mean * 2] };
    default:
      return { type: 'exponential', mean };
  }
}
