/**
 * Edits of the scenario-wide blocks (network, cluster autoscaler, billing, tenants, serverless,
 * instance groups): new blocks and rows with working defaults, reshaping a value when its kind
 * changes, and removals that repair what referred to the removed item. Pure, like docEdits.ts: a
 * new document or a refusal; the worker's schema validates every result.
 */
import { translate, type Params } from '../../i18n/messages';
import { blockEditMessages } from './blockEdits.messages';
import { distributionOfType, filterAt, getAt, idsOf, setAt, tally, uniqueId, type Doc, type DocPath, type EditOutcome, type RemoveOutcome } from '../docEdits';

type Obj = Record<string, unknown>;

function m(key: keyof typeof blockEditMessages.en, params?: Params): string {
  return translate(blockEditMessages, key, params);
}

const KIND_KEY = {
  function: 'kindFunction',
  queue: 'kindQueue',
  topic: 'kindTopic',
  gateway: 'kindGateway',
  timer: 'kindTimer',
  http: 'kindHttp',
  bucket: 'kindBucket',
  table: 'kindTable',
  tenant: 'kindTenant',
  group: 'kindGroup',
} as const;

/** The words for a kind of item ("queue"), in the console's language. */
export function itemKindLabel(kind: keyof typeof KIND_KEY): string {
  return m(KIND_KEY[kind]);
}

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function objs(x: unknown): Obj[] {
  return Array.isArray(x) ? x.filter(isObj) : [];
}

const idOf = (x: unknown): string => (isObj(x) && typeof x.id === 'string' ? x.id : '?');

/** The scenario-wide blocks the inspector edits, by their key in the document. */
export const BLOCKS = ['network', 'clusterAutoscaler', 'billing', 'tenants', 'serverless', 'instances'] as const;
export type BlockId = (typeof BLOCKS)[number];

export function isBlockId(x: unknown): x is BlockId {
  return typeof x === 'string' && (BLOCKS as readonly string[]).includes(x);
}

/** Whether the document sets the block (the network always exists: it has defaults). */
export function hasBlock(doc: Doc, id: BlockId): boolean {
  if (id === 'network') return true;
  const v = doc[id];
  return Array.isArray(v) ? v.length > 0 : v !== undefined;
}

// ------------------------------------------------------------------ ids of the document

export const SERVERLESS_KINDS = ['function', 'queue', 'topic', 'gateway', 'timer', 'http', 'bucket', 'table'] as const;
export type ServerlessKind = (typeof SERVERLESS_KINDS)[number];

const SERVERLESS_LIST: Readonly<Record<ServerlessKind, string>> = {
  function: 'functions',
  queue: 'queues',
  topic: 'topics',
  gateway: 'gateways',
  timer: 'timers',
  http: 'http',
  bucket: 'buckets',
  table: 'tables',
};

/** The list of a serverless kind, e.g. ["serverless", "functions"]. */
export function serverlessPath(kind: ServerlessKind): DocPath {
  return ['serverless', SERVERLESS_LIST[kind]];
}

/** Ids of the serverless items of one kind, in document order. */
export function serverlessIds(doc: Doc, kind: ServerlessKind): string[] {
  return objs(getAt(doc, serverlessPath(kind))).map(idOf);
}

export function tenantIds(doc: Doc): string[] {
  return objs(doc.tenants).map(idOf);
}

export function groupIds(doc: Doc): string[] {
  return objs(doc.instances).map(idOf);
}

// ------------------------------------------------------------------ new blocks and rows

/** A function that runs: Node.js, 256 MB, exponential work of mean 100 ms. */
export function newFunction(doc: Doc): Obj {
  return { id: uniqueId(serverlessIds(doc, 'function'), 'fn'), runtime: 'node', memoryMb: 256, duration: { type: 'exponential', mean: 0.1 } };
}

/** A new block with defaults that load: what each needs at least (a function, a tenant…). */
export function addBlock(doc: Doc, id: BlockId): EditOutcome {
  if (hasBlock(doc, id)) return { ok: false, reason: m('hasBlock') };
  switch (id) {
    case 'clusterAutoscaler':
      return { ok: true, doc: setAt(doc, [id], { enabled: true }) };
    case 'billing':
      return { ok: true, doc: setAt(doc, [id], { enabled: true }) };
    case 'tenants':
      return { ok: true, doc: setAt(doc, [id], [{ id: 'tenant' }]) };
    case 'serverless':
      return { ok: true, doc: setAt(doc, [id], { functions: [newFunction(doc)] }) };
    case 'instances': {
      if (idsOf(doc, 'pool').length === 0) return { ok: false, reason: m('groupNeedsPool') };
      return { ok: true, doc: setAt(doc, [id], [newGroup(doc)]) };
    }
    default:
      return { ok: false, reason: m('hasBlock') };
  }
}

/** The block goes (its defaults apply again: for the network, the default latencies and no links). */
export function removeBlock(doc: Doc, id: BlockId): RemoveOutcome {
  if (!hasBlock(doc, id) || (id === 'network' && doc.network === undefined)) return { ok: false, reason: m('noBlock') };
  if (id === 'instances') {
    // Each group with its repairs (affinity, volumes, scripted actions).
    let out = doc;
    const notes: string[] = [];
    for (const g of groupIds(doc)) {
      const r = removeGroup(out, g);
      if (!r.ok) return r;
      out = r.doc;
      notes.push(...r.notes);
    }
    return { ok: true, doc: setAt(out, [id], undefined), notes };
  }
  return { ok: true, doc: setAt(doc, [id], undefined), notes: [] };
}

/** A link between the first two regions not yet linked (a VPN of 30 ms, 1 Gbit/s), or null. */
export function newLink(doc: Doc): Obj | null {
  const regions = idsOf(doc, 'region');
  const links = objs(getAt(doc, ['network', 'links']));
  const linked = (a: string, b: string): boolean => links.some((l) => Array.isArray(l.between) && l.between.includes(a) && l.between.includes(b));
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) {
      if (!linked(regions[i]!, regions[j]!)) return { between: [regions[i], regions[j]], kind: 'vpn', latency: '30ms', bandwidthGbps: 1 };
    }
  }
  return regions.length >= 2 ? { between: [regions[0], regions[1]], kind: 'vpn', latency: '30ms', bandwidthGbps: 1 } : null;
}

export function newTenant(doc: Doc): Obj {
  return { id: uniqueId(tenantIds(doc), 'tenant') };
}

/** An instance group of one small VM (ids are shared with services). */
export function newGroup(doc: Doc): Obj {
  return { id: uniqueId([...groupIds(doc), ...idsOf(doc, 'service')], 'group'), type: 'g.small', count: 1 };
}

export function newQueue(doc: Doc): Obj {
  return { id: uniqueId(serverlessIds(doc, 'queue'), 'queue'), type: 'standard' };
}

export function newTopic(doc: Doc): Obj {
  return { id: uniqueId(serverlessIds(doc, 'topic'), 'topic'), subscriptions: [] };
}

/** A timer every minute on the first function. */
export function newTimer(doc: Doc): Obj {
  return { id: uniqueId(serverlessIds(doc, 'timer'), 'timer'), function: serverlessIds(doc, 'function')[0] ?? 'fn', every: '1m' };
}

/** A gateway without keys routing /{function} to the first function. */
export function newGateway(doc: Doc): Obj {
  const fn = serverlessIds(doc, 'function')[0] ?? 'fn';
  return { id: uniqueId(serverlessIds(doc, 'gateway'), 'gateway'), auth: 'none', routes: [{ path: `/${fn}`, function: fn }] };
}

/** An event target of the first item of `kind` (a function when there is none of that kind). */
export function newTarget(doc: Doc, kind: TargetKind = 'function'): Obj {
  const id = serverlessIds(doc, kind)[0];
  return id === undefined ? { function: serverlessIds(doc, 'function')[0] ?? 'fn' } : { [kind]: id };
}

/** A row of billing.regions: the first public region without prices of its own. */
export function newPriceRegion(doc: Doc): Obj {
  const taken = objs(getAt(doc, ['billing', 'regions'])).map((r) => r.region);
  const regions = objs(doc.regions).filter((r) => r.kind !== 'private').map(idOf);
  return { region: regions.find((r) => !taken.includes(r)) ?? regions[0] ?? '', priceMultiplier: 1 };
}

/** A reserved commitment of 2 × g.medium for a year in the first public region. */
export function newReservation(doc: Doc): Obj {
  const region = objs(doc.regions).find((r) => r.kind !== 'private');
  return { region: region ? idOf(region) : '', type: 'g.medium', count: 2, term: '1y', upfront: 'none' };
}

/** A budget of $1,000 a month for the first tenant without one ("shared" when there are no tenants). */
export function newBudget(doc: Doc): Obj {
  const taken = objs(getAt(doc, ['billing', 'budgets'])).map((b) => b.tenant);
  const tenant = [...tenantIds(doc), 'shared'].find((t) => !taken.includes(t)) ?? 'shared';
  return { tenant, monthly: 1000 };
}

// ------------------------------------------------------------------ reshaping

/** The kinds of event target: exactly one of function, queue, topic. */
export const TARGET_KINDS = ['function', 'queue', 'topic'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export function targetKindOf(t: unknown): TargetKind {
  if (isObj(t)) for (const k of TARGET_KINDS) if (t[k] !== undefined) return k;
  return 'function';
}

/** Which consumer a queue has: none, a function or a service. */
export const CONSUMER_KINDS = ['none', 'function', 'service'] as const;
export type ConsumerKind = (typeof CONSUMER_KINDS)[number];

export function consumerKindOf(q: unknown): ConsumerKind {
  if (isObj(q) && q.consumer !== undefined) return 'function';
  if (isObj(q) && q.serviceConsumer !== undefined) return 'service';
  return 'none';
}

/** The queue with another consumer: the first function or service (refused when there is none). */
export function withConsumer(doc: Doc, queuePath: DocPath, kind: ConsumerKind): EditOutcome {
  const q = getAt(doc, queuePath);
  if (!isObj(q)) return { ok: false, reason: m('noBlock') };
  const next: Obj = { ...q };
  delete next.consumer;
  delete next.serviceConsumer;
  if (kind === 'function') {
    const fn = serverlessIds(doc, 'function')[0];
    if (fn === undefined) return { ok: false, reason: m('noFunction') };
    next.consumer = { function: fn };
  } else if (kind === 'service') {
    const svc = idsOf(doc, 'service')[0];
    if (svc === undefined) return { ok: false, reason: m('noService') };
    next.serviceConsumer = { service: svc };
  }
  return { ok: true, doc: setAt(doc, queuePath, next) };
}

/** Keep-alive of another type: fixed keeps a TTL, hybrid starts from the paper's defaults. */
export function keepAliveOfType(type: string, old: Obj): Obj {
  if (type === 'hybrid') return { type, fallbackTtl: old.ttl ?? '10m' };
  return { type: 'fixed', ttl: old.fallbackTtl ?? old.ttl ?? '10m' };
}

/** Distribution types a function's duration may have (percentiles: the trace's points). */
export const DURATION_TYPES = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'bounded-pareto', 'percentiles'] as const;

/** A duration distribution of another type with about the same mean (0.1 s when it had none). */
export function durationOfType(type: string, old: Obj): Obj {
  return distributionOfType(type, old, 0.1, 0.5);
}

// ------------------------------------------------------------------ removals with repairs

/** Drops the event targets naming `kind` `id` everywhere (outputs, subscriptions, notifications). */
function dropTargets(doc: Doc, kind: TargetKind, id: string, notes: string[]): Doc {
  let out = doc;
  const hits = (t: unknown): boolean => isObj(t) && t[kind] === id;
  objs(getAt(out, ['serverless', 'functions'])).forEach((f, i) => {
    out = filterAt(out, ['serverless', 'functions', i, 'outputs'], (o) => !(isObj(o) && hits(o.to)), () => m('noteOutput', { fn: idOf(f), kind: itemKindLabel(kind), id }), notes);
  });
  objs(getAt(out, ['serverless', 'topics'])).forEach((t, i) => {
    out = filterAt(out, ['serverless', 'topics', i, 'subscriptions'], (s) => !(isObj(s) && hits(s.to)), () => m('noteSubscription', { topic: idOf(t), kind: itemKindLabel(kind), id }), notes);
  });
  for (const store of ['buckets', 'tables'] as const) {
    objs(getAt(out, ['serverless', store])).forEach((b, i) => {
      out = filterAt(out, ['serverless', store, i, 'notify'], (n) => !hits(n), () => m('noteNotify', { store: idOf(b), kind: itemKindLabel(kind), id }), notes);
    });
  }
  return out;
}

/** HTTP sources whose gateway or route is gone. */
function dropOrphanHttp(doc: Doc, notes: string[]): Doc {
  const gateways = objs(getAt(doc, ['serverless', 'gateways']));
  const routed = (h: Obj): boolean => {
    const g = gateways.find((x) => x.id === h.gateway);
    return g !== undefined && objs(g.routes).some((r) => r.path === h.route);
  };
  return filterAt(doc, ['serverless', 'http'], (h) => isObj(h) && routed(h), (h) => m('noteHttp', { id: idOf(h) }), notes);
}

/**
 * Removes a serverless function, queue, topic, gateway or trigger and repairs what named it: a
 * function takes its routes (a gateway left without routes goes, with its HTTP traffic), its timers,
 * its queue consumers and every event sent to it; a queue takes the events sent to it and is no
 * longer anyone's dead-letter queue; a topic takes the events published on it; a gateway takes its
 * HTTP traffic. The last function goes only with the whole block.
 */
export function removeServerless(doc: Doc, kind: ServerlessKind, id: string): RemoveOutcome {
  const path = serverlessPath(kind);
  const items = getAt(doc, path);
  const index = Array.isArray(items) ? items.findIndex((x) => idOf(x) === id) : -1;
  if (index < 0) return { ok: false, reason: m('noItem', { kind: itemKindLabel(kind), id }) };
  if (kind === 'function' && serverlessIds(doc, 'function').length === 1 && getAt(doc, ['serverless', 'azureTrace']) === undefined) {
    return { ok: false, reason: m('lastFunction', { id }) };
  }
  const notes: string[] = [];
  let out = setAt(doc, [...path, index], undefined);
  switch (kind) {
    case 'function': {
      objs(getAt(out, ['serverless', 'gateways'])).forEach((g, i) => {
        out = filterAt(out, ['serverless', 'gateways', i, 'routes'], (r) => !(isObj(r) && r.function === id), (r) => m('noteRoute', { gateway: idOf(g), path: isObj(r) ? String(r.path) : '' }), notes);
      });
      out = filterAt(out, ['serverless', 'gateways'], (g) => isObj(g) && objs(g.routes).length > 0, (g) => m('noteGateway', { id: idOf(g) }), notes);
      out = dropOrphanHttp(out, notes);
      out = filterAt(out, ['serverless', 'timers'], (t) => !(isObj(t) && t.function === id), (t) => m('noteTimer', { id: idOf(t), fn: id }), notes);
      objs(getAt(out, ['serverless', 'queues'])).forEach((q, i) => {
        if (isObj(q.consumer) && q.consumer.function === id) {
          out = setAt(out, ['serverless', 'queues', i, 'consumer'], undefined);
          notes.push(m('noteConsumer', { queue: idOf(q), fn: id }));
        }
      });
      out = dropTargets(out, 'function', id, notes);
      break;
    }
    case 'queue':
      objs(getAt(out, ['serverless', 'queues'])).forEach((q, i) => {
        if (q.deadLetter === id) {
          out = setAt(out, ['serverless', 'queues', i, 'deadLetter'], undefined);
          notes.push(m('noteDeadLetter', { queue: idOf(q), id }));
        }
      });
      out = dropTargets(out, 'queue', id, notes);
      break;
    case 'topic':
      out = dropTargets(out, 'topic', id, notes);
      break;
    case 'gateway':
      out = dropOrphanHttp(out, notes);
      break;
    default:
      break;
  }
  return { ok: true, doc: out, notes: tally(notes) };
}

/**
 * Removes a tenant. Nothing else has to change for the scenario to load (other blocks name tenants
 * freely), so the references stay and are listed: what named the tenant still charges, places or
 * budgets under that name, now undeclared (no quota, weight 1).
 */
export function removeTenant(doc: Doc, id: string): RemoveOutcome {
  const tenants = Array.isArray(doc.tenants) ? doc.tenants : [];
  const index = tenants.findIndex((t) => idOf(t) === id);
  if (index < 0) return { ok: false, reason: m('noItem', { kind: itemKindLabel('tenant'), id }) };
  const notes: string[] = [];
  const names = (x: unknown): boolean => x === id;
  for (const p of objs(doc.hostPools)) if (names(p.dedicatedTo)) notes.push(m('notePoolTenant', { pool: idOf(p), id }));
  for (const key of ['services', 'instances']) {
    for (const g of objs(doc[key])) if (isObj(g.placement) && names(g.placement.tenant)) notes.push(m('notePlacedTenant', { group: idOf(g), id }));
  }
  for (const f of objs(getAt(doc, ['serverless', 'functions']))) if (names(f.tenant)) notes.push(m('noteFunctionTenant', { fn: idOf(f), id }));
  for (const b of objs(getAt(doc, ['billing', 'budgets']))) if (names(b.tenant)) notes.push(m('noteBudgetTenant', { id }));
  for (const r of objs(getAt(doc, ['billing', 'reserved']))) if (names(r.tenant)) notes.push(m('noteReservedTenant', { id }));
  const kept = tenants.filter((_, i) => i !== index);
  let out = setAt(doc, ['tenants'], kept.length > 0 ? kept : undefined);
  // Access control must name a known tenant (declared, or named by a pool or a placement). If the
  // tenant is no longer known, role bindings on it and scripted actions on its resources or bills
  // go; statements (free patterns) stay and are listed.
  const stillKnown =
    objs(out.hostPools).some((p) => names(p.dedicatedTo)) || ['services', 'instances'].some((key) => objs(out[key]).some((g) => isObj(g.placement) && names(g.placement.tenant)));
  if (!stillKnown) objs(out.principals).forEach((p, i) => {
    out = filterAt(out, ['principals', i, 'roles'], (b) => !(isObj(b) && b.tenant === id), () => m('noteRoleTenant', { principal: idOf(p), id }), notes);
    for (const st of objs(p.statements)) {
      if (Array.isArray(st.resources) && st.resources.some((r) => typeof r === 'string' && tenantPrefix(id).test(r))) notes.push(m('noteStatementTenant', { principal: idOf(p), id }));
    }
  });
  if (!stillKnown) out = filterAt(out, ['actions'], (a) => !(isObj(a) && typeof a.target === 'string' && tenantPrefix(id).test(a.target)), (a) => m('noteAction', { target: isObj(a) ? String(a.target) : '' }), notes);
  for (const t of saasTenants(out)) if (t.id === id) notes.push(m('noteSaasTenant', { id }));
  return { ok: true, doc: out, notes: tally(notes) };
}

function escapeRe(x: string): string {
  return x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `tenant/<id>` or `bill/<id>`, alone or followed by a path (an action target or a resource pattern). */
function tenantPrefix(id: string): RegExp {
  return new RegExp(`^(tenant|bill)/${escapeRe(id)}(?=/|$)`);
}

/** `instance/<group>` followed by an instance number, a wildcard or nothing (anywhere in a pattern). */
function groupSegment(id: string): RegExp {
  return new RegExp(`(^|/)instance/${escapeRe(id)}(?=-|\\*|$)`, 'g');
}

/** The tenants of the SaaS block (one application or several). */
function saasTenants(doc: Doc): Obj[] {
  const apps = Array.isArray(doc.saas) ? objs(doc.saas) : isObj(doc.saas) ? [doc.saas] : [];
  return apps.flatMap((a) => objs(a.tenants));
}

/** Removes an instance group and what named it (affinity, volumes, scripted actions on its instances). */
export function removeGroup(doc: Doc, id: string): RemoveOutcome {
  const groups = Array.isArray(doc.instances) ? doc.instances : [];
  const index = groups.findIndex((g) => idOf(g) === id);
  if (index < 0) return { ok: false, reason: m('noItem', { kind: itemKindLabel('group'), id }) };
  const notes: string[] = [];
  let out = setAt(doc, ['instances', index], undefined);
  if (objs(out.instances).length === 0) out = setAt(out, ['instances'], undefined);
  for (const key of ['services', 'instances']) {
    objs(out[key]).forEach((g, i) => {
      out = filterAt(out, [key, i, 'placement', 'affinity'], (x) => x !== id, () => m('noteAffinity', { id: idOf(g), other: id }), notes);
    });
  }
  out = filterAt(out, ['billing', 'storage', 'volumes'], (v) => !(isObj(v) && v.group === id), () => m('noteVolume', { id }), notes);
  out = filterAt(out, ['actions'], (a) => !(isObj(a) && typeof a.target === 'string' && new RegExp(`^instance/${id}-\\d+$`).test(a.target)), (a) => m('noteAction', { target: isObj(a) ? String(a.target) : '' }), notes);
  for (const p of objs(out.principals)) {
    for (const st of objs(p.statements)) {
      if (Array.isArray(st.resources) && st.resources.some((r) => typeof r === 'string' && groupSegment(id).test(r))) notes.push(m('noteStatementGroup', { principal: idOf(p), id }));
    }
  }
  return { ok: true, doc: out, notes: tally(notes) };
}

// ------------------------------------------------------------------ renaming

/** Where each kind of item is named, as paths with "*" for every index of a list. */
const TARGETS = (kind: TargetKind): string[][] => [
  ['serverless', 'functions', '*', 'outputs', '*', 'to', kind],
  ['serverless', 'topics', '*', 'subscriptions', '*', 'to', kind],
  ['serverless', 'buckets', '*', 'notify', '*', kind],
  ['serverless', 'tables', '*', 'notify', '*', kind],
];

export type RenameKind = 'function' | 'queue' | 'topic' | 'gateway' | 'tenant' | 'group';

const REFERENCES: Readonly<Record<RenameKind, string[][]>> = {
  function: [['serverless', 'gateways', '*', 'routes', '*', 'function'], ['serverless', 'timers', '*', 'function'], ['serverless', 'queues', '*', 'consumer', 'function'], ...TARGETS('function')],
  queue: [['serverless', 'queues', '*', 'deadLetter'], ...TARGETS('queue')],
  topic: TARGETS('topic'),
  gateway: [['serverless', 'http', '*', 'gateway']],
  tenant: [
    ['hostPools', '*', 'dedicatedTo'],
    ['services', '*', 'placement', 'tenant'],
    ['instances', '*', 'placement', 'tenant'],
    ['serverless', 'functions', '*', 'tenant'],
    ['billing', 'budgets', '*', 'tenant'],
    ['billing', 'reserved', '*', 'tenant'],
  ],
  group: [['services', '*', 'placement', 'affinity', '*'], ['instances', '*', 'placement', 'affinity', '*'], ['billing', 'storage', 'volumes', '*', 'group']],
};

/** Replaces `from` by `to` wherever `pattern` reaches (in place, on a copy). */
function replaceAt(node: unknown, pattern: readonly string[], from: string, to: string): void {
  if (pattern.length === 0 || node === null || typeof node !== 'object') return;
  const [head, ...rest] = pattern as [string, ...string[]];
  const keys: Array<string | number> = head === '*' ? (Array.isArray(node) ? node.map((_, i) => i) : []) : [head];
  for (const k of keys) {
    const container = node as Record<string | number, unknown>;
    if (rest.length === 0) {
      if (container[k] === from) container[k] = to;
    } else replaceAt(container[k], rest, from, to);
  }
}

/**
 * Renames the item at `itemPath` (a function, queue, topic, gateway, tenant or instance group) and
 * everything that names it, so a rename is one edit that loads. A new id that is not a string is
 * set as typed, for the schema to name.
 */
export function renameItem(doc: Doc, kind: RenameKind, itemPath: DocPath, next: unknown): Doc {
  const old = getAt(doc, [...itemPath, 'id']);
  const out = setAt(doc, [...itemPath, 'id'], next);
  if (typeof old !== 'string' || typeof next !== 'string' || old === next || next === '') return out;
  for (const pattern of REFERENCES[kind]) replaceAt(out, pattern, old, next);
  if (kind === 'tenant') {
    // Access control: role bindings, action targets and statement resources (tenant/… and bill/…),
    // and the SaaS block's tenants (else the renamed tenant would be a new, undeclared one there).
    const prefix = tenantPrefix(old);
    const swap = (x: string): string => x.replace(prefix, (_, kindOf: string) => `${kindOf}/${next}`);
    for (const p of objs(out.principals)) {
      for (const b of objs(p.roles)) if (b.tenant === old) b.tenant = next;
      for (const st of objs(p.statements)) if (Array.isArray(st.resources)) st.resources = st.resources.map((r) => (typeof r === 'string' ? swap(r) : r));
    }
    for (const a of objs(out.actions)) if (typeof a.target === 'string') a.target = swap(a.target);
    for (const t of saasTenants(out)) if (t.id === old) t.id = next;
  }
  if (kind === 'group') {
    // Statement resources that name the group's instances (…/instance/<group>-*) follow it.
    for (const p of objs(out.principals)) {
      for (const st of objs(p.statements)) {
        if (Array.isArray(st.resources)) st.resources = st.resources.map((r) => (typeof r === 'string' ? r.replace(groupSegment(old), (_, lead: string) => `${lead}instance/${next}`) : r));
      }
    }
  }
  if (kind === 'group' && Array.isArray(out.actions)) {
    for (const a of out.actions) {
      if (isObj(a) && typeof a.target === 'string' && a.target.startsWith(`instance/${old}-`) && /^\d+$/.test(a.target.slice(`instance/${old}-`.length))) a.target = `instance/${next}-${a.target.slice(`instance/${old}-`.length)}`;
    }
  }
  return out;
}

// ------------------------------------------------------------------ renames inside tables

/**
 * Renames a timer (its row of serverless.timers). No other part of a scenario names a timer, so the
 * timer's own id is all that changes; a duplicate or malformed id is left for the schema to name.
 */
export function renameTimer(doc: Doc, timerPath: DocPath, next: unknown): Doc {
  return setAt(doc, [...timerPath, 'id'], next);
}

/** The id of the gateway that holds the row at `rowPath` (…, "gateways", i, "routes" | "clients", j). */
function gatewayOfRow(doc: Doc, rowPath: DocPath): unknown {
  return getAt(doc, [...rowPath.slice(0, -2), 'id']);
}

/**
 * Renames a route of a gateway (its path): the HTTP traffic sent to that gateway's route follows, so
 * the rename is one edit that loads. Traffic to another gateway's route of the same path stays.
 */
export function renameRoute(doc: Doc, routePath: DocPath, next: unknown): Doc {
  const old = getAt(doc, [...routePath, 'path']);
  const gateway = gatewayOfRow(doc, routePath);
  const out = setAt(doc, [...routePath, 'path'], next);
  if (typeof old !== 'string' || typeof next !== 'string' || old === next || next === '') return out;
  // Another route of the gateway still answering at the old path keeps its traffic.
  const routes = objs(getAt(out, routePath.slice(0, -1)));
  if (routes.some((r) => r.path === old)) return out;
  for (const h of objs(getAt(out, ['serverless', 'http']))) if (h.gateway === gateway && h.route === old) h.route = next;
  return out;
}

/**
 * Renames a client (API key) of a gateway: the HTTP traffic to that gateway sent by that client
 * follows (else it would turn into unknown-key requests, 401). Other gateways' clients stay.
 */
export function renameClient(doc: Doc, clientPath: DocPath, next: unknown): Doc {
  const old = getAt(doc, [...clientPath, 'id']);
  const gateway = gatewayOfRow(doc, clientPath);
  const out = setAt(doc, [...clientPath, 'id'], next);
  if (typeof old !== 'string' || typeof next !== 'string' || old === next || next === '') return out;
  const clients = objs(getAt(out, clientPath.slice(0, -1)));
  if (clients.some((c) => c.id === old)) return out;
  for (const h of objs(getAt(out, ['serverless', 'http']))) {
    if (h.gateway !== gateway) continue;
    for (const c of objs(h.clients)) if (c.client === old) c.client = next;
  }
  return out;
}

// ------------------------------------------------------------------ function prices in step

/** Where functions' prices may be set: billing.functions and serverless.prices (the schema wants one list). */
export const FUNCTION_PRICE_PATHS = { billing: ['billing', 'functions'], serverless: ['serverless', 'prices'] } as const;
export type FunctionPriceSide = keyof typeof FUNCTION_PRICE_PATHS;

/**
 * Sets one function price (per million requests, per GB-second) on one side and keeps the two lists
 * in step: a list created by this edit starts from the other's figures, and when the other list is
 * set it becomes a copy of the edited one, so the edit is one that loads instead of the schema's
 * "differs from serverless.prices". Empty (undefined) removes the figure (its default applies) on both.
 */
export function setFunctionPrice(doc: Doc, side: FunctionPriceSide, key: 'perMillionRequests' | 'perGbSecond', value: unknown): Doc {
  const here = FUNCTION_PRICE_PATHS[side];
  const there = FUNCTION_PRICE_PATHS[side === 'billing' ? 'serverless' : 'billing'];
  const own = getAt(doc, here);
  const other = getAt(doc, there);
  const start: Obj = isObj(own) ? own : isObj(other) ? other : {};
  const edited: Obj = { ...start };
  if (value === undefined) delete edited[key];
  else edited[key] = value;
  let out = setAt(doc, here, edited);
  // The other list exists only inside its block: set it only when it is there.
  if (isObj(other)) out = setAt(out, there, edited);
  return out;
}
