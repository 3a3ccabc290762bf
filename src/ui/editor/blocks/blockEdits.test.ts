import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWorkerApi } from '../../../workers/api';
import scenarioJsonSchema from '../../../../schema/scenario.schema.json';
import { appendRow, getAt, removeElement, setAt, type Doc } from '../docEdits';
import {
  addBlock,
  BLOCKS,
  consumerKindOf,
  DURATION_TYPES,
  durationOfType,
  keepAliveOfType,
  newBudget,
  newFunction,
  newGateway,
  newGroup,
  newLink,
  newPriceRegion,
  newQueue,
  newReservation,
  newTarget,
  newTenant,
  newTimer,
  newTopic,
  removeBlock,
  removeGroup,
  removeServerless,
  removeTenant,
  renameClient,
  renameItem,
  renameRoute,
  renameTimer,
  serverlessIds,
  setFunctionPrice,
  targetKindOf,
  withConsumer,
} from './blockEdits';
import { setLang } from '../../i18n/lang';

const api = createWorkerApi();
afterAll(() => api.pause());

/** The worker's verdict on a document: "ok" or its issues, for readable failures. */
function verdict(doc: Doc): string {
  const r = api.load({ scenario: doc });
  return r.ok ? 'ok' : r.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}

function preset(id: string): Doc {
  expect(api.load({ preset: id }).ok).toBe(true);
  return api.scenarioDocument() as Doc;
}

const base = (): Doc => ({
  cumulo: 1,
  name: 'blocks test',
  seed: 3,
  duration: '2m',
  regions: [
    { id: 'eu', zones: [{ id: 'eu-a' }, { id: 'eu-b' }] },
    { id: 'dc', kind: 'private', zones: [{ id: 'dc-1' }] },
  ],
  hostPools: [{ id: 'general', zone: 'eu-a', count: 4, shape: { vcpu: 16, memoryGiB: 64 } }],
  services: [{ id: 'web', replicas: 2, work: { type: 'exponential', mean: 0.05 } }],
  workloads: [{ id: 'users', target: 'web', arrival: { type: 'poisson', rate: 10 } }],
});

const ok = (r: { ok: true; doc: Doc } | { ok: false; reason: string }): Doc => {
  if (!r.ok) throw new Error(r.reason);
  return r.doc;
};

describe('scenario-wide blocks', () => {
  it('offer the choices the schema accepts', () => {
    // The forms cannot import the core's values: their copies must not drift.
    // The generated JSON Schema (schema/scenario.schema.json, from the zod schema) is the reference.
    const enums: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'enum' && Array.isArray(v)) enums.push(JSON.stringify(v));
          else walk(v);
        }
      }
    };
    walk(scenarioJsonSchema);
    expect(enums).toContain(JSON.stringify(['random', 'least-waste', 'cheapest']));
    expect(enums).toContain(JSON.stringify(['node', 'python', 'java', 'dotnet', 'go']));
  });

  it('are added with defaults that load, and removed again', () => {
    for (const b of BLOCKS) {
      if (b === 'network') continue;
      const added = ok(addBlock(base(), b));
      expect(verdict(added), b).toBe('ok');
      expect(addBlock(added, b).ok, b).toBe(false);
      expect(verdict(ok(removeBlock(added, b))), b).toBe('ok');
    }
    expect(addBlock({ ...base(), hostPools: [] }, 'instances')).toEqual({ ok: false, reason: 'add a host pool first: instances run on hosts' });
  });

  it('add rows that load: a link, a tenant, an instance group, billing rows', () => {
    let doc = base();
    const link = newLink(doc)!;
    expect(link).toMatchObject({ between: ['eu', 'dc'], kind: 'vpn' });
    doc = appendRow(doc, ['network', 'links'], link);
    // A second link prefers a pair not linked yet; with one pair only, the same pair.
    expect(newLink(doc)).toMatchObject({ between: ['eu', 'dc'] });
    expect(newLink({ ...base(), regions: [{ id: 'eu', zones: [{ id: 'eu-a' }] }] })).toBeNull();
    doc = ok(addBlock(doc, 'tenants'));
    doc = appendRow(doc, ['tenants'], newTenant(doc));
    expect((doc.tenants as Doc[]).map((t) => t.id)).toEqual(['tenant', 'tenant-2']);
    doc = ok(addBlock(doc, 'instances'));
    doc = appendRow(doc, ['instances'], newGroup(doc));
    expect((doc.instances as Doc[]).map((g) => g.id)).toEqual(['group', 'group-2']);
    doc = ok(addBlock(doc, 'billing'));
    doc = appendRow(doc, ['billing', 'regions'], newPriceRegion(doc));
    expect(getAt(doc, ['billing', 'regions', 0, 'region'])).toBe('eu');
    doc = appendRow(doc, ['billing', 'reserved'], newReservation(doc));
    doc = appendRow(doc, ['billing', 'budgets'], newBudget(doc));
    doc = appendRow(doc, ['billing', 'budgets'], newBudget(doc));
    expect((getAt(doc, ['billing', 'budgets']) as Doc[]).map((b) => b.tenant)).toEqual(['tenant', 'tenant-2']);
    expect(verdict(doc)).toBe('ok');
    // The schema still has the last word: prices of a private datacenter are refused with its message.
    expect(verdict(setAt(doc, ['billing', 'regions', 0, 'region'], 'dc'))).toContain('billing.regions[0].region: "dc" is a private datacenter');
  });

  it('serverless items, consumers, keep-alive and durations reshape into documents that load', () => {
    let doc = ok(addBlock(base(), 'serverless'));
    for (const [list, make] of [
      ['functions', newFunction],
      ['queues', newQueue],
      ['topics', newTopic],
      ['timers', newTimer],
      ['gateways', newGateway],
    ] as const) {
      doc = appendRow(doc, ['serverless', list], make(doc));
    }
    expect(serverlessIds(doc, 'function')).toEqual(['fn', 'fn-2']);
    doc = appendRow(doc, ['serverless', 'topics', 0, 'subscriptions'], { to: newTarget(doc, 'queue') });
    doc = appendRow(doc, ['serverless', 'functions', 0, 'outputs'], { to: newTarget(doc, 'topic') });
    expect(targetKindOf(getAt(doc, ['serverless', 'functions', 0, 'outputs', 0, 'to']))).toBe('topic');
    expect(verdict(doc)).toBe('ok');
    const q = ['serverless', 'queues', 0];
    for (const kind of ['function', 'service', 'none'] as const) {
      const next = ok(withConsumer(doc, q, kind));
      expect(consumerKindOf(getAt(next, q))).toBe(kind);
      expect(verdict(next), kind).toBe('ok');
    }
    expect(withConsumer({ ...doc, services: [], workloads: [] }, q, 'service')).toEqual({ ok: false, reason: 'add a service first' });
    for (const type of ['hybrid', 'fixed']) {
      const k = ['serverless', 'keepAlive'];
      expect(verdict(setAt(doc, k, keepAliveOfType(type, (getAt(doc, k) ?? {}) as Doc))), type).toBe('ok');
    }
    for (const type of DURATION_TYPES) {
      const at = ['serverless', 'functions', 0, 'duration'];
      expect(verdict(setAt(doc, at, durationOfType(type, getAt(doc, at) as Doc))), type).toBe('ok');
    }
  });
});

describe('removals that repair serverless references', () => {
  it('a function takes its route, its gateway (no route left) and the HTTP traffic to it, and says so', () => {
    const doc = preset('event-driven');
    const r = removeServerless(doc, 'function', 'orders');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.notes).toEqual(['gateway api no longer routes /orders', 'removed gateway api (no route left)', 'removed HTTP source shoppers (its route is gone)']);
    expect(getAt(r.doc, ['serverless', 'gateways'])).toEqual([]);
    expect(verdict(r.doc)).toBe('ok');
  });

  it('a function consuming a queue, invoked by a timer or notified by a bucket leaves them repaired', () => {
    const doc = preset('event-driven');
    const payments = removeServerless(doc, 'function', 'payments');
    expect(payments.ok && payments.notes).toEqual(['queue payments is no longer consumed by payments (its messages wait for a consumer)']);
    const report = removeServerless(doc, 'function', 'report');
    expect(report.ok && report.notes).toEqual(['removed timer report-every-5m (it invoked report)']);
    const thumb = removeServerless(doc, 'function', 'thumbnail');
    expect(thumb.ok && thumb.notes).toEqual(['uploads no longer notifies function thumbnail']);
    for (const r of [payments, report, thumb]) expect(r.ok && verdict(r.doc)).toBe('ok');
  });

  it('a queue stops being a dead-letter queue and a target; a topic stops being a target', () => {
    const doc = preset('event-driven');
    const dlq = removeServerless(doc, 'queue', 'payments-dlq');
    expect(dlq.ok && dlq.notes).toEqual(['queue payments no longer has payments-dlq as its dead-letter queue (failing messages are dropped)']);
    const shipping = removeServerless(doc, 'queue', 'shipping');
    expect(shipping.ok && shipping.notes).toEqual(['topic order-events no longer delivers to queue shipping']);
    const topic = removeServerless(doc, 'topic', 'order-events');
    expect(topic.ok && topic.notes).toEqual(['orders no longer sends events to topic order-events']);
    for (const r of [dlq, shipping, topic]) expect(r.ok && verdict(r.doc)).toBe('ok');
  });

  it('the last function goes only with the block; a removed service no longer consumes a queue', () => {
    const one = ok(addBlock(base(), 'serverless'));
    expect(removeServerless(one, 'function', 'fn')).toEqual({ ok: false, reason: 'fn is the only function: the serverless block needs at least one (remove the whole block instead)' });
    const consumed = ok(withConsumer(appendRow(one, ['serverless', 'queues'], newQueue(one)), ['serverless', 'queues', 0], 'service'));
    expect(verdict(consumed)).toBe('ok');
    // Without the repair the worker refuses: the queue names a service that is gone.
    expect(verdict(setAt(consumed, ['services'], []))).toContain('serverless.queues[0].serviceConsumer.service: unknown service "web"');
    const r = removeElement(consumed, { kind: 'service', id: 'web' });
    expect(r.ok && r.notes).toEqual(['removed workload users (it sent to web)', 'queue queue is no longer consumed by web (its messages wait for a consumer)']);
    expect(r.ok && verdict(r.doc)).toBe('ok');
  });

  it('a tenant goes with the references listed; an instance group with its affinity and volumes', () => {
    const doc = preset('noisy-neighbours');
    const r = removeTenant(doc, 'batch');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.notes.length).toBeGreaterThan(0);
    expect(r.notes.join('\n')).toMatch(/batch/);
    expect((r.doc.tenants as Doc[]).map((t) => t.id)).toEqual(['web']);
    expect(verdict(r.doc)).toBe('ok');

    let g = ok(addBlock(base(), 'instances'));
    g = setAt(g, ['services', 0, 'placement'], { affinity: ['group'] });
    g = setAt(g, ['services', 0, 'instanceType'], 'g.small');
    g = setAt(g, ['billing'], { storage: { volumes: [{ group: 'group', sizeGB: 10 }] } });
    expect(verdict(g)).toBe('ok');
    const rg = removeGroup(g, 'group');
    expect(rg.ok && rg.notes).toEqual(['web no longer needs to run next to group', 'removed the storage volume of group']);
    expect(rg.ok && rg.doc.instances).toBeUndefined();
    expect(rg.ok && verdict(rg.doc)).toBe('ok');
    // The whole block goes the same way.
    const rb = removeBlock(g, 'instances');
    expect(rb.ok && rb.notes).toEqual(['web no longer needs to run next to group', 'removed the storage volume of group']);
    expect(rb.ok && verdict(rb.doc)).toBe('ok');
  });

  it('notes follow the console language', () => {
    setLang('zh');
    try {
      const r = removeServerless(preset('event-driven'), 'function', 'report');
      expect(r.ok && r.notes).toEqual(['已删除定时器 report-every-5m（它调用 report）']);
    } finally {
      setLang('en');
    }
  });

  it('property: any sequence of serverless adds and removals keeps the scenario loadable', () => {
    type Op = { add: 'function' | 'queue' | 'topic' | 'timer' | 'gateway' } | { remove: 'function' | 'queue' | 'topic' | 'gateway'; pick: number } | { consume: number } | { subscribe: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ add: fc.constantFrom('function', 'queue', 'topic', 'timer', 'gateway') }),
      fc.record({ remove: fc.constantFrom('function', 'queue', 'topic', 'gateway'), pick: fc.nat(5) }),
      fc.record({ consume: fc.nat(5) }),
      fc.record({ subscribe: fc.nat(5) }),
    ) as fc.Arbitrary<Op>;
    const makers = { function: newFunction, queue: newQueue, topic: newTopic, timer: newTimer, gateway: newGateway } as const;
    const lists = { function: 'functions', queue: 'queues', topic: 'topics', timer: 'timers', gateway: 'gateways' } as const;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        let doc = ok(addBlock(base(), 'serverless'));
        for (const o of ops) {
          if ('add' in o) doc = appendRow(doc, ['serverless', lists[o.add]], makers[o.add](doc));
          else if ('remove' in o) {
            const ids = serverlessIds(doc, o.remove);
            if (ids.length === 0) continue;
            const r = removeServerless(doc, o.remove, ids[o.pick % ids.length]!);
            if (r.ok) doc = r.doc;
          } else if ('consume' in o) {
            const n = serverlessIds(doc, 'queue').length;
            if (n > 0) doc = ok(withConsumer(doc, ['serverless', 'queues', o.consume % n], 'function'));
          } else {
            const fns = serverlessIds(doc, 'function');
            const topics = serverlessIds(doc, 'topic');
            if (topics.length > 0) doc = appendRow(doc, ['serverless', 'functions', o.subscribe % fns.length, 'outputs'], { to: { topic: topics[0] } });
          }
        }
        expect(verdict(doc)).toBe('ok');
      }),
      { numRuns: 40 },
    );
  });
});

describe('renames follow every reference', () => {
  it('a function, a queue, a topic and a gateway renamed in event-driven still load, referenced by their new names', () => {
    let doc = preset('event-driven');
    const at = (list: string, id: string): (string | number)[] => ['serverless', list, (getAt(doc, ['serverless', list]) as Doc[]).findIndex((x) => x.id === id)];
    doc = renameItem(doc, 'function', at('functions', 'orders'), 'checkout');
    doc = renameItem(doc, 'function', at('functions', 'payments'), 'billing-fn');
    doc = renameItem(doc, 'function', at('functions', 'report'), 'daily');
    doc = renameItem(doc, 'queue', at('queues', 'payments-dlq'), 'dlq');
    doc = renameItem(doc, 'queue', at('queues', 'shipping'), 'ship');
    doc = renameItem(doc, 'topic', at('topics', 'order-events'), 'orders-topic');
    doc = renameItem(doc, 'gateway', at('gateways', 'api'), 'edge');
    expect(verdict(doc)).toBe('ok');
    expect(getAt(doc, ['serverless', 'gateways', 0, 'routes', 0, 'function'])).toBe('checkout');
    expect(getAt(doc, ['serverless', 'http', 0, 'gateway'])).toBe('edge');
    expect(getAt(doc, ['serverless', 'timers', 0, 'function'])).toBe('daily');
    expect(getAt(doc, ['serverless', 'queues', 0, 'deadLetter'])).toBe('dlq');
    expect(getAt(doc, ['serverless', 'queues', 0, 'consumer', 'function'])).toBe('billing-fn');
    expect(getAt(doc, ['serverless', 'topics', 0, 'subscriptions', 1, 'to'])).toEqual({ queue: 'ship' });
    expect(getAt(doc, ['serverless', 'functions', 0, 'outputs', 0, 'to'])).toEqual({ topic: 'orders-topic' });
    // Without the references following, the worker names what broke.
    expect(verdict(setAt(preset('event-driven'), ['serverless', 'functions', 0, 'id'], 'checkout'))).toContain('unknown function "orders"');
  });

  it('a tenant and an instance group renamed: what named them follows; a bad id is left for the schema', () => {
    let doc = preset('noisy-neighbours');
    const i = (doc.tenants as Doc[]).findIndex((t) => t.id === 'batch');
    const named = JSON.stringify(doc).split('"batch"').length;
    doc = renameItem(doc, 'tenant', ['tenants', i], 'renamed-tenant');
    expect(JSON.stringify(doc).split('"batch"').length).toBe(1);
    expect(JSON.stringify(doc).split('"renamed-tenant"').length).toBe(named);
    expect(verdict(doc)).toBe('ok');

    let g = ok(addBlock(base(), 'instances'));
    g = setAt(g, ['services', 0, 'placement'], { affinity: ['group'] });
    g = setAt(g, ['services', 0, 'instanceType'], 'g.small');
    g = renameItem(g, 'group', ['instances', 0], 'vms');
    expect(getAt(g, ['services', 0, 'placement', 'affinity'])).toEqual(['vms']);
    expect(verdict(g)).toBe('ok');
    expect(verdict(renameItem(g, 'group', ['instances', 0], 'Bad Id'))).toContain('instances[0].id');
  });

  it('access control follows a renamed tenant and instance group (bindings, targets, bills, statement resources)', () => {
    let doc = preset('attack');
    const tenantAt = (doc.tenants as Doc[]).findIndex((t) => t.id === 'acme');
    doc = renameItem(doc, 'tenant', ['tenants', tenantAt], 'acme-corp');
    expect(verdict(doc)).toBe('ok');
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/"acme"|tenant\/acme\/|bill\/acme"/);
    expect(text).toContain('"tenant/acme-corp/instance/acme-batch-*"');
    expect(text).toContain('"bill/acme-corp"');
    // The group's instances stay protected by the deny statement after a group rename.
    const groupAt = (doc.instances as Doc[]).findIndex((g) => g.id === 'acme-batch');
    doc = renameItem(doc, 'group', ['instances', groupAt], 'batch');
    expect(verdict(doc)).toBe('ok');
    expect(JSON.stringify(doc)).toContain('"tenant/acme-corp/instance/batch-*"');
    expect(JSON.stringify(doc)).toContain('"instance/batch-1"');
    expect(JSON.stringify(doc)).not.toContain('acme-batch');
  });

  it('a SaaS tenant renamed in the tenants block is renamed in the saas block too', () => {
    const doc = preset('saas-tenancy');
    const before = verdict(doc);
    expect(before).toBe('ok');
    const tenants = (doc.tenants as Doc[] | undefined) ?? [];
    expect(tenants.map((t) => t.id)).toEqual(['bigco']);
    const id = String(tenants[0]!.id);
    expect(JSON.stringify(doc.saas)).toContain(`"${id}"`);
    const renamed = renameItem(doc, 'tenant', ['tenants', 0], 'renamed');
    expect(verdict(renamed)).toBe('ok');
    expect(JSON.stringify(renamed.saas)).not.toContain(`"${id}"`);
    expect(JSON.stringify(renamed.saas)).toContain('"renamed"');
  });

  it('removing a tenant that access control names: its role bindings and scripted actions go, and the result loads', () => {
    const doc: Doc = {
      ...base(),
      tenants: [{ id: 't1' }, { id: 't2' }],
      principals: [{ id: 'p1', roles: [{ role: 'owner', tenant: 't1' }, { role: 'viewer', tenant: 't2' }] }],
      actions: [{ at: 10, principal: 'p1', action: 'bill:read', target: 'bill/t1' }, { at: 20, principal: 'p1', action: 'bill:read', target: 'bill/t2' }],
    };
    expect(verdict(doc)).toBe('ok');
    expect(verdict(setAt(doc, ['tenants'], [{ id: 't2' }]))).toContain('unknown tenant "t1"');
    const r = removeTenant(doc, 't1');
    expect(r.ok && r.notes).toEqual(['removed the role of p1 on t1', 'removed the scripted action on bill/t1']);
    expect(r.ok && verdict(r.doc)).toBe('ok');
    // A tenant a placement still names stays known: access control keeps naming it.
    const placed = setAt(setAt(doc, ['services', 0, 'placement'], { tenant: 't1' }), ['services', 0, 'instanceType'], 'g.small');
    const kept = removeTenant(placed, 't1');
    expect(kept.ok && kept.notes).toEqual(['web still names tenant t1 in its placement']);
    expect(kept.ok && verdict(kept.doc)).toBe('ok');
    const g = removeGroup(preset('attack'), 'acme-batch');
    expect(g.ok && g.notes).toContain('a policy statement of acme-ops-key still names the instances of acme-batch');
  });
});

describe('renames inside tables follow every reference', () => {
  const gw = ['serverless', 'gateways', 0];

  it('a route path renamed: the HTTP traffic to that route follows, in one edit that loads', () => {
    const doc = preset('event-driven');
    expect(getAt(doc, ['serverless', 'http', 0, 'route'])).toBe('/orders');
    // Without the traffic following, the worker refuses it.
    expect(verdict(setAt(doc, [...gw, 'routes', 0, 'path'], '/checkout'))).toContain('gateway "api" has no route "/orders"');
    const renamed = renameRoute(doc, [...gw, 'routes', 0], '/checkout');
    expect(getAt(renamed, [...gw, 'routes', 0, 'path'])).toBe('/checkout');
    expect(getAt(renamed, ['serverless', 'http', 0, 'route'])).toBe('/checkout');
    expect(verdict(renamed)).toBe('ok');
    // The input is not changed (the history keeps the old document).
    expect(getAt(doc, ['serverless', 'http', 0, 'route'])).toBe('/orders');
    // A malformed path is set as typed, for the schema to name; the traffic follows it no further.
    expect(verdict(renameRoute(doc, [...gw, 'routes', 0], 'no-slash'))).toContain('serverless.gateways[0].routes[0].path');
  });

  it('a route of the same path on another gateway keeps its traffic', () => {
    let doc = preset('event-driven');
    const other = { id: 'internal', auth: 'none', routes: [{ path: '/orders', function: 'orders' }] };
    doc = setAt(doc, ['serverless', 'gateways', 1], other);
    doc = setAt(doc, ['serverless', 'http', 1], { id: 'ops', gateway: 'internal', route: '/orders', arrival: { type: 'poisson', rate: 1 }, clients: [{ client: 'ops', share: 1, noKey: true }] });
    expect(verdict(doc)).toBe('ok');
    const renamed = renameRoute(doc, [...gw, 'routes', 0], '/v2/orders');
    expect(getAt(renamed, ['serverless', 'http', 0, 'route'])).toBe('/v2/orders');
    expect(getAt(renamed, ['serverless', 'http', 1, 'route'])).toBe('/orders');
    expect(verdict(renamed)).toBe('ok');
  });

  it("a client renamed: the gateway's HTTP traffic sent by it follows; other gateways' clients stay", () => {
    let doc = preset('event-driven');
    const clients = getAt(doc, [...gw, 'clients']) as Doc[];
    const partner = clients.findIndex((c) => c.id === 'partner');
    // A second gateway whose traffic also names a "partner" key.
    doc = setAt(doc, ['serverless', 'gateways', 1], { id: 'internal', clients: [{ id: 'partner' }], routes: [{ path: '/ops', function: 'orders' }] });
    doc = setAt(doc, ['serverless', 'http', 1], { id: 'ops', gateway: 'internal', route: '/ops', arrival: { type: 'poisson', rate: 1 }, clients: [{ client: 'partner', share: 1 }] });
    expect(verdict(doc)).toBe('ok');
    const renamed = renameClient(doc, [...gw, 'clients', partner], 'reseller');
    expect(verdict(renamed)).toBe('ok');
    expect((getAt(renamed, ['serverless', 'http', 0, 'clients']) as Doc[]).map((c) => c.client)).toEqual(['web', 'mobile', 'reseller', 'old-app', 'anonymous']);
    expect(getAt(renamed, ['serverless', 'http', 1, 'clients', 0, 'client'])).toBe('partner');
    expect(getAt(renamed, [...gw, 'clients', partner])).toEqual({ id: 'reseller', rateLimit: { rate: 5, burst: 10 } });
    // Renamed to an id another client has: the schema names the duplicate, nothing else moves.
    const dup = renameClient(doc, [...gw, 'clients', partner], 'web');
    expect(verdict(dup)).toContain('serverless.gateways[0].clients');
  });

  it('a timer renamed: its id changes, nothing else names a timer', () => {
    const doc = preset('event-driven');
    const renamed = renameTimer(doc, ['serverless', 'timers', 0], 'report-5m');
    expect(getAt(renamed, ['serverless', 'timers', 0])).toEqual({ id: 'report-5m', function: 'report', cron: '*/5 * * * *' });
    expect(JSON.stringify(renamed)).not.toContain('report-every-5m');
    expect(verdict(renamed)).toBe('ok');
    expect(verdict(renameTimer(doc, ['serverless', 'timers', 0], 'Bad Timer'))).toContain('serverless.timers[0].id');
  });

  it('renames of any route or client of any gateway keep event-driven loadable (property)', () => {
    const doc = preset('event-driven');
    const clients = (getAt(doc, [...gw, 'clients']) as Doc[]).length;
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), fc.integer({ min: 0, max: clients - 1 }), fc.stringMatching(/^\/[a-z0-9/_-]{0,12}$/), (id, i, path) => {
        const taken = (getAt(doc, [...gw, 'clients']) as Doc[]).some((c, j) => j !== i && c.id === id);
        fc.pre(!taken);
        const r = renameRoute(renameClient(doc, [...gw, 'clients', i], id), [...gw, 'routes', 0], path);
        return verdict(r) === 'ok';
      }),
      { numRuns: 25 },
    );
  });
});

describe('function prices in step', () => {
  const both = (): Doc => ({
    ...base(),
    billing: { enabled: true, functions: { perMillionRequests: 0.2, perGbSecond: 0.00002 } },
    serverless: { prices: { perMillionRequests: 0.2, perGbSecond: 0.00002 }, functions: [newFunction(base())] },
  });

  it('editing one list when both are set updates the other in the same edit', () => {
    const doc = both();
    expect(verdict(doc)).toBe('ok');
    // Editing only one side: the schema's refusal.
    expect(verdict(setAt(doc, ['billing', 'functions', 'perGbSecond'], 0.00003))).toContain('differs from serverless.prices');
    const a = setFunctionPrice(doc, 'billing', 'perGbSecond', 0.00003);
    expect(getAt(a, ['serverless', 'prices'])).toEqual({ perMillionRequests: 0.2, perGbSecond: 0.00003 });
    expect(verdict(a)).toBe('ok');
    const b = setFunctionPrice(a, 'serverless', 'perMillionRequests', 0.4);
    expect(getAt(b, ['billing', 'functions'])).toEqual({ perMillionRequests: 0.4, perGbSecond: 0.00003 });
    expect(verdict(b)).toBe('ok');
    // Emptied: the default applies on both sides.
    const c = setFunctionPrice(b, 'billing', 'perMillionRequests', undefined);
    expect(getAt(c, ['serverless', 'prices'])).toEqual({ perGbSecond: 0.00003 });
    expect(verdict(c)).toBe('ok');
    // A bad figure reaches both, and the schema names it.
    expect(verdict(setFunctionPrice(doc, 'serverless', 'perGbSecond', -1))).toContain('serverless.prices.perGbSecond');
  });

  it('a list created by an edit starts from the other list; with one list only, the other is not created', () => {
    const doc = both();
    const onlyServerless = setAt(doc, ['billing', 'functions'], undefined);
    const created = setFunctionPrice(onlyServerless, 'billing', 'perMillionRequests', 0.3);
    expect(getAt(created, ['billing', 'functions'])).toEqual({ perMillionRequests: 0.3, perGbSecond: 0.00002 });
    expect(getAt(created, ['serverless', 'prices'])).toEqual({ perMillionRequests: 0.3, perGbSecond: 0.00002 });
    expect(verdict(created)).toBe('ok');
    const noLists = setAt(onlyServerless, ['serverless', 'prices'], undefined);
    const one = setFunctionPrice(noLists, 'serverless', 'perGbSecond', 0.00001);
    expect(getAt(one, ['serverless', 'prices'])).toEqual({ perGbSecond: 0.00001 });
    expect(getAt(one, ['billing', 'functions'])).toBeUndefined();
    expect(verdict(one)).toBe('ok');
  });
});
