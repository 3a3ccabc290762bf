import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWorkerApi, type SimWorkerApi } from '../../workers/api';
import { addAutoscaler, AUTOSCALER_POLICIES, autoscalerOfPolicy, placeService, stepActionOf, withStepAction, addCall, addPool, addRegion, addReplicaCrash, addService, addSpike, addWorkload, addZone, connectWorkload, elementPath, getAt, idsOf, removeCall, removeElement, setAt, uniqueId, type Doc } from './docEdits';
import { adoptDocument, commitEdit, editorStore, HISTORY_LIMIT, issuesFor, redo, setEditorBackend, undo } from './editStore';
import { editorHotkey } from './Palette';
import { parseFieldValue } from './fields';
import { connectionEdit, isTopologyConnectionValid, refOfNode } from './topologyEditing';
import { placeOfNode } from './InfraPlacement';
import { setLang } from '../i18n/lang';
import { groupIds, removeGroup, removeServerless, removeTenant, SERVERLESS_KINDS, serverlessIds, tenantIds } from './blocks/blockEdits';

const base = (): Doc => ({
  cumulo: 1,
  name: 'editor test',
  seed: 7,
  duration: '2m',
  regions: [{ id: 'eu', zones: [{ id: 'eu-a' }, { id: 'eu-b' }] }],
  hostPools: [{ id: 'general', zone: 'eu-a', count: 2, shape: { vcpu: 8, memoryGiB: 32 } }],
  services: [
    { id: 'web', replicas: 2, work: { type: 'exponential', mean: 0.05 }, calls: { targets: [{ service: 'db' }] } },
    { id: 'db', zone: 'eu-b', replicas: 1, work: { type: 'constant', value: 0.01 } },
  ],
  workloads: [{ id: 'users', target: 'web', arrival: { type: 'poisson', rate: 20 } }],
  faults: [{ kind: 'replica-crash', service: 'db', replica: 0, at: 30 }],
});

describe('document edits', () => {
  it('never change their input', () => {
    const doc = base();
    const before = JSON.stringify(doc);
    addService(doc);
    addRegion(doc);
    addZone(doc);
    addPool(doc);
    addWorkload(doc);
    setAt(doc, ['services', 0, 'replicas'], 5);
    removeElement(doc, { kind: 'service', id: 'db' });
    addSpike(doc, 'users', 10, 20);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('set and remove fields by path, creating objects on the way', () => {
    const doc = setAt(base(), ['services', 1, 'loadBalancer', 'policy'], 'random');
    expect(getAt(doc, ['services', 1, 'loadBalancer'])).toEqual({ policy: 'random' });
    const removed = setAt(doc, ['services', 1, 'zone'], undefined);
    expect(getAt(removed, ['services', 1])).not.toHaveProperty('zone');
  });

  it('give new elements unique ids and sensible homes', () => {
    expect(uniqueId(['a', 'a-2'], 'a')).toBe('a-3');
    const s = addService(addService(base()).doc);
    expect(idsOf(s.doc, 'service')).toEqual(['web', 'db', 'service', 'service-2']);
    const z = addZone(base(), 'eu');
    expect(z.ok && z.id).toBe('eu-c');
    const p = addPool(base(), 'eu-b');
    expect(p.ok && getAt(p.doc, ['hostPools', 1, 'zone'])).toBe('eu-b');
    const w = addWorkload(base(), 'db');
    expect(w.ok && getAt(w.doc, ['workloads', 1, 'target'])).toBe('db');
    expect(addWorkload({ cumulo: 1 })).toEqual({ ok: false, reason: 'add a service first: a workload sends to a service' });
    expect(addPool({ cumulo: 1 }).ok).toBe(false);
  });

  it('connect workloads and chain calls, refusing what makes no sense', () => {
    const c = connectWorkload(base(), 'users', 'db');
    expect(c.ok && getAt(c.doc, ['workloads', 0, 'target'])).toBe('db');
    expect(connectWorkload(base(), 'users', 'web')).toEqual({ ok: false, reason: 'users already sends to web' });
    const call = addCall(base(), 'db', 'web');
    expect(call.ok && getAt(call.doc, ['services', 1, 'calls'])).toEqual({ targets: [{ service: 'web' }] });
    expect(addCall(base(), 'web', 'db')).toEqual({ ok: false, reason: 'web already calls db' });
    expect(addCall(base(), 'web', 'web').ok).toBe(false);
    const un = removeCall(base(), 'web', 'db');
    expect(un.ok && getAt(un.doc, ['services', 0])).not.toHaveProperty('calls');
  });

  it('remove a service with its calls, its crash faults and the workloads sending to it, saying so', () => {
    const r = removeElement(base(), { kind: 'service', id: 'db' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(idsOf(r.doc, 'service')).toEqual(['web']);
    expect(getAt(r.doc, ['services', 0])).not.toHaveProperty('calls');
    expect(r.doc.faults).toEqual([]);
    expect(r.notes).toEqual(['web no longer calls db', 'removed a replica-crash fault of db']);
    const web = removeElement(base(), { kind: 'service', id: 'web' });
    expect(web.ok && idsOf(web.doc, 'workload')).toEqual([]);
    expect(web.ok && web.notes).toEqual(['removed workload users (it sent to web)']);
  });

  it('remove zones and regions with what sits in them, and repair what names them', () => {
    const doc = setAt(setAt(base(), ['workloads', 0, 'from'], 'eu-b'), ['faults', 1], { kind: 'host-failure', pool: 'general', host: 0, at: 5 });
    const a = removeElement(doc, { kind: 'zone', id: 'eu-a' });
    expect(a.ok && idsOf(a.doc, 'pool')).toEqual([]);
    expect(a.ok && a.notes).toEqual(['removed a host-failure fault of general', 'removed host pool general (it sat in eu-a)']);
    const b = removeElement(doc, { kind: 'zone', id: 'eu-b' });
    expect(b.ok && getAt(b.doc, ['services', 1])).not.toHaveProperty('zone');
    expect(b.ok && getAt(b.doc, ['workloads', 0])).not.toHaveProperty('from');
    expect(b.ok && b.notes).toEqual(['service db no longer names a zone', 'the clients of users are now next to its service']);
    const only = removeElement(setAt(base(), ['regions', 0, 'zones'], [{ id: 'eu-a' }]), { kind: 'zone', id: 'eu-a' });
    expect(only).toEqual({ ok: false, reason: 'zone eu-a is the only zone of region eu: a region keeps at least one zone (remove the region instead)' });
    const withLink = { ...base(), regions: [...(base().regions as Doc[]), { id: 'us', zones: [{ id: 'us-a' }] }], network: { links: [{ between: ['eu', 'us'], latency: '40ms' }] } };
    const region = removeElement(withLink, { kind: 'region', id: 'eu' });
    expect(region.ok && idsOf(region.doc, 'zone')).toEqual(['us-a']);
    expect(region.ok && getAt(region.doc, ['network', 'links'])).toEqual([]);
    expect(region.ok && region.notes).toContain('removed the network link eu–us');
  });

  it('remove placed zones from placements, falling back to any zone', () => {
    const doc = setAt(setAt(base(), ['services', 0, 'placement'], { zones: ['eu-a', 'eu-b'] }), ['services', 0, 'instanceType'], 'g.small');
    const r = removeElement(doc, { kind: 'zone', id: 'eu-b' });
    expect(r.ok && getAt(r.doc, ['services', 0, 'placement', 'zones'])).toEqual(['eu-a']);
    const more = r.ok ? setAt(setAt(r.doc, ['regions', 0, 'zones', 1], { id: 'eu-c' }), ['hostPools', 1], { id: 'more', zone: 'eu-c', count: 1, shape: { vcpu: 4, memoryGiB: 16 } }) : base();
    const r2 = removeElement(more, { kind: 'zone', id: 'eu-a' });
    expect(r2.ok && getAt(r2.doc, ['services', 0, 'placement'])).toEqual({});
    expect(r2.ok && r2.notes).toContain('service web may now be placed in any zone');
    // The last pool gone: placements cannot stand, they go (and say so).
    const last = removeElement(doc, { kind: 'pool', id: 'general' });
    expect(last.ok && getAt(last.doc, ['services', 0])).not.toHaveProperty('placement');
    expect(last.ok && last.notes).toEqual(['service web is no longer placed on hosts (no host pool left)']);
  });

  it('add a spike as a companion workload and a replica crash at the current time', () => {
    const s = addSpike(base(), 'users', 42.345, 30);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(getAt(s.doc, ['workloads', 1])).toMatchObject({ id: 'users-spike', target: 'web', arrival: { type: 'spike', base: 0, peak: 30, at: 42.3 } });
    const c = addReplicaCrash(base(), 'web', 12.04, 0, 30);
    expect(c.ok && getAt(c.doc, ['faults', 1])).toEqual({ kind: 'replica-crash', service: 'web', replica: 0, at: 12, duration: 30 });
  });

  it('find every element kind, zones inside regions', () => {
    expect(elementPath(base(), { kind: 'zone', id: 'eu-b' })).toEqual(['regions', 0, 'zones', 1]);
    expect(elementPath(base(), { kind: 'workload', id: 'users' })).toEqual(['workloads', 0]);
    expect(elementPath(base(), { kind: 'pool', id: 'nope' })).toBeNull();
  });

  it('property: any sequence of adds keeps ids unique per kind', () => {
    const step = fc.constantFrom('region', 'zone', 'pool', 'service', 'workload');
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let doc = base();
        for (const k of steps) {
          const r = k === 'region' ? { ok: true as const, ...addRegion(doc) } : k === 'zone' ? addZone(doc) : k === 'pool' ? addPool(doc) : k === 'service' ? { ok: true as const, ...addService(doc) } : addWorkload(doc);
          if (r.ok) doc = r.doc;
        }
        for (const kind of ['region', 'pool', 'service', 'workload'] as const) {
          const ids = idsOf(doc, kind);
          expect(new Set(ids).size).toBe(ids.length);
        }
        const zones = [...idsOf(doc, 'zone'), ...idsOf(doc, 'region')];
        expect(new Set(zones).size).toBe(zones.length);
      }),
    );
  });
});

describe('edit history against the worker', () => {
  let api: SimWorkerApi;
  beforeEach(() => {
    api = createWorkerApi();
    const r = api.load({ scenario: base() });
    expect(r.ok).toBe(true);
    setEditorBackend({ loadEdited: async (doc) => api.load({ scenario: doc }) });
    // A fresh editor: the first document of a page has no history.
    editorStore.setState({ doc: null, link: '', past: [], future: [], message: null, issues: null });
    adoptDocument(api.scenarioDocument(), api.scenarioInfo()!.link);
  });
  afterEach(() => {
    setEditorBackend(null);
    api.pause();
  });

  const replicas = (): unknown => getAt(api.scenarioDocument(), ['services', 0, 'replicas']);

  it('applies valid edits, refuses invalid ones with the schema message, and undoes and redoes them', async () => {
    const link0 = editorStore.getState().link;
    expect(await commitEdit('web: replicas', (d) => ({ ok: true, doc: setAt(d, ['services', 0, 'replicas'], 5) }), 'service:web')).toBe(true);
    expect(replicas()).toBe(5);
    const link1 = editorStore.getState().link;
    expect(link1).not.toBe(link0);
    expect(api.scenarioInfo()!.link).toBe(link1);
    expect(api.scenarioInfo()!.seed).toBe(7);

    expect(await commitEdit('web: replicas', (d) => ({ ok: true, doc: setAt(d, ['services', 0, 'replicas'], 0) }), 'service:web')).toBe(false);
    const issues = editorStore.getState().issues;
    expect(issuesFor(issues, 'service:web', 'services[0].replicas').map((i) => i.message)).toEqual(['must be at least 1, got 0']);
    expect(issuesFor(issues, 'workload:users', 'services[0].replicas')).toEqual([]);
    expect(replicas()).toBe(5);
    expect(editorStore.getState().past).toHaveLength(1);

    expect(await undo()).toBe(true);
    expect(replicas()).toBe(2);
    expect(editorStore.getState().link).toBe(link0);
    expect(await undo()).toBe(false);
    expect(await redo()).toBe(true);
    expect(replicas()).toBe(5);
    expect(editorStore.getState().link).toBe(link1);
    expect(await redo()).toBe(false);
  });

  it('refusals of the edit itself change nothing', async () => {
    const one = (d: Doc) => setAt(d, ['regions', 0, 'zones'], [{ id: 'eu-a' }, { id: 'eu-b' }]);
    expect(await commitEdit('remove the last zone', (d) => removeElement(setAt(one(d), ['regions', 0, 'zones'], [{ id: 'eu-a' }]), { kind: 'zone', id: 'eu-a' }))).toBe(false);
    expect(editorStore.getState().message?.text).toContain('a region keeps at least one zone');
    expect(editorStore.getState().past).toHaveLength(0);
    expect(idsOf(api.scenarioDocument() as Doc, 'service')).toEqual(['web', 'db']);
  });

  it('a removal applies with its repairs named in the message, and undo brings everything back', async () => {
    expect(await commitEdit('Remove service web', (d) => removeElement(d, { kind: 'service', id: 'web' }))).toBe(true);
    expect(idsOf(api.scenarioDocument() as Doc, 'workload')).toEqual([]);
    expect(editorStore.getState().message?.notes).toEqual(['removed workload users (it sent to web)']);
    expect(await commitEdit('Remove zone eu-a', (d) => removeElement(d, { kind: 'zone', id: 'eu-a' }))).toBe(true);
    expect(idsOf(api.scenarioDocument() as Doc, 'pool')).toEqual([]);
    await undo();
    await undo();
    expect(api.scenarioDocument()).toEqual(base());
  });

  it('autoscaler forms: add one, switch through every policy, change a step rule\'s action; each loads', async () => {
    expect(await commitEdit('add', (d) => addAutoscaler(d, 'web'))).toBe(true);
    expect(getAt(api.scenarioDocument(), ['services', 0, 'autoscaler'])).toEqual({ policy: 'target-tracking', minReplicas: 1, maxReplicas: 4, metric: 'cpu', target: 0.8 });
    expect(addAutoscaler(editorStore.getState().doc!, 'web')).toEqual({ ok: false, reason: 'web already has an autoscaler' });
    const at = ['services', 0, 'autoscaler'];
    for (const policy of AUTOSCALER_POLICIES) {
      const ok = await commitEdit(policy, (d) => ({ ok: true, doc: setAt(d, at, autoscalerOfPolicy(policy, getAt(d, at) as Doc)) }), 'service:web');
      expect(ok, `${policy}: ${JSON.stringify(editorStore.getState().issues)}`).toBe(true);
    }
    await commitEdit('step', (d) => ({ ok: true, doc: setAt(d, at, autoscalerOfPolicy('step', getAt(d, at) as Doc)) }));
    const rule = getAt(api.scenarioDocument(), [...at, 'rules', 1]) as Doc;
    expect(rule).toEqual({ operator: '<', threshold: 0.3, for: 300, change: -1 });
    expect(withStepAction(rule, 'setTo')).toEqual({ operator: '<', threshold: 0.3, for: 300, setTo: 1 });
    expect(stepActionOf(withStepAction(rule, 'changePercent'))).toBe('changePercent');
    expect(await commitEdit('max', (d) => ({ ok: true, doc: setAt(d, [...at, 'maxReplicas'], 1) }), 'service:web')).toBe(false);
    expect(issuesFor(editorStore.getState().issues, 'service:web', 'services[0].replicas').map((i) => i.message)).toEqual(['must not exceed autoscaler.maxReplicas (1), got 2']);
    // A row removed, the list and its min: the schema's message for the list.
    expect(await commitEdit('no rules', (d) => ({ ok: true, doc: setAt(d, [...at, 'rules'], []) }), 'service:web')).toBe(false);
    expect(issuesFor(editorStore.getState().issues, 'service:web', 'services[0].autoscaler.rules').map((i) => i.message)).toEqual(['step scaling needs at least one rule']);
  });

  it('place a service on a pool, a zone or a region; refuse a host and a type too big', async () => {
    const types = [
      { id: 'g.small', vcpu: 1, memoryGiB: 4 },
      { id: 'g.xlarge', vcpu: 8, memoryGiB: 32 },
      { id: 'm.xlarge', vcpu: 8, memoryGiB: 64 },
    ];
    const tainted = setAt(setAt(base(), ['hostPools', 0, 'taints'], [{ key: 'gpu', effect: 'NoSchedule' }]), ['hostPools', 0, 'dedicatedTo'], 'acme');
    const r = placeService(tainted, 'db', { kind: 'pool', id: 'general' }, types);
    expect(r.ok && getAt(r.doc, ['services', 1])).toMatchObject({ instanceType: 'g.small', placement: { kind: 'vm', zones: ['eu-a'], tolerations: [{ key: 'gpu', effect: 'NoSchedule' }], tenant: 'acme' } });
    // db named zone eu-b, which the placement excludes: the contradiction goes.
    expect(r.ok && getAt(r.doc, ['services', 1])).not.toHaveProperty('zone');
    expect(await commitEdit('place', () => r)).toBe(true);
    const z = placeService(base(), 'web', { kind: 'region', id: 'eu' }, types);
    expect(z.ok && getAt(z.doc, ['services', 0, 'placement', 'zones'])).toEqual(['eu-a', 'eu-b']);
    expect(placeService(base(), 'web', { kind: 'host', id: 'general-0' }, types)).toEqual({ ok: false, reason: 'web cannot be pinned to host general-0: the scheduler picks the hosts; drop it on a pool, a zone or a region' });
    expect(placeService(setAt(base(), ['services', 0, 'instanceType'], 'm.xlarge'), 'web', { kind: 'pool', id: 'general' }, types)).toEqual({
      ok: false,
      reason: "web's instance type m.xlarge (8 vCPU, 64 GiB) is bigger than every host of pool general",
    });
    expect(placeService(base(), 'web', { kind: 'zone', id: 'eu-b' }, types)).toEqual({ ok: false, reason: 'there are no host pools in zone eu-b to run web on' });
    const other = placeService(setAt(tainted, ['services', 0, 'placement'], { tenant: 'zeta' }), 'web', { kind: 'pool', id: 'general' }, types);
    expect(other).toEqual({ ok: false, reason: 'host pool general is dedicated to tenant acme; web belongs to tenant zeta' });
  });

  it('a scenario loaded by other means is a step of the history: undo brings the previous one back', async () => {
    await commitEdit('web: replicas', (d) => ({ ok: true, doc: setAt(d, ['services', 0, 'replicas'], 3) }));
    const edited = editorStore.getState().doc;
    const other = setAt(base(), ['name'], 'another');
    const r = api.load({ scenario: other });
    expect(r.ok).toBe(true);
    adoptDocument(api.scenarioDocument(), api.scenarioInfo()!.link, 'Load “another”');
    expect(editorStore.getState().past.map((e) => e.name)).toEqual(['web: replicas', 'Load “another”']);
    // The same link again (a reset, a worker restart) is no new step.
    adoptDocument(api.scenarioDocument(), api.scenarioInfo()!.link, 'Load “another”');
    expect(editorStore.getState().past).toHaveLength(2);
    expect(await undo()).toBe(true);
    expect(api.scenarioDocument()).toEqual(edited);
    expect(await undo()).toBe(true);
    expect(replicas()).toBe(2);
    expect(await redo()).toBe(true);
    expect(await redo()).toBe(true);
    expect(getAt(api.scenarioDocument(), ['name'])).toBe('another');
  });

  it('a new edit clears the redo steps; the history is bounded', async () => {
    await commitEdit('a', (d) => ({ ok: true, doc: setAt(d, ['services', 0, 'replicas'], 3) }));
    await undo();
    expect(editorStore.getState().future).toHaveLength(1);
    await commitEdit('b', (d) => ({ ok: true, doc: setAt(d, ['services', 0, 'replicas'], 4) }));
    expect(editorStore.getState().future).toHaveLength(0);
    const edits = Array.from({ length: HISTORY_LIMIT + 5 }, (_, i) => commitEdit(`n${i}`, (d) => ({ ok: true, doc: setAt(d, ['services', 0, 'replicas'], 1 + (i % 7)) })));
    // Queued edits run one after another, each on the document the previous left.
    await Promise.all(edits);
    expect(editorStore.getState().past).toHaveLength(HISTORY_LIMIT);
    expect(editorStore.getState().past.at(-1)?.name).toBe(`n${HISTORY_LIMIT + 4}`);
  });
});

describe('in Chinese', () => {
  afterEach(() => setLang('en'));
  it('refusals and repairs follow the console language', () => {
    setLang('zh');
    const r = removeElement(base(), { kind: 'service', id: 'web' });
    expect(r.ok && r.notes).toEqual(['已删除负载 users（它发送到 web）']);
    expect(connectionEdit(refOfNode('svc:web'), refOfNode('svc:web'))).toEqual({ refused: 'web 不能调用自身' });
    expect(addWorkload({ cumulo: 1 })).toEqual({ ok: false, reason: '请先添加服务：负载需要发送到某个服务' });
  });
});

describe('removal against every preset', () => {
  it('every element of every preset can be removed, and the repaired scenario is valid (or the refusal says why)', () => {
    const api = createWorkerApi();
    const failures: string[] = [];
    let removed = 0;
    let removedServerless = 0;
    for (const preset of api.presets().presets.map((p) => p.id)) {
      if (!api.load({ preset }).ok) continue;
      const doc = api.scenarioDocument() as Doc;
      // Expanded SaaS applications and the cloud-scale presets are big: a sample of each kind is enough.
      for (const kind of ['region', 'zone', 'pool', 'service', 'workload'] as const) {
        for (const id of idsOf(doc, kind).slice(0, 3)) {
          const r = removeElement(doc, { kind, id });
          if (!r.ok) {
            expect(r.reason, `${preset} ${kind} ${id}`).toMatch(/only zone of region|the SaaS applications \(crm\) run on hosts/);
            continue;
          }
          const loaded = api.load({ scenario: r.doc });
          removed++;
          if (!loaded.ok) failures.push(`${preset}: remove ${kind} ${id}: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
        }
      }
      // The scenario-wide blocks' items: serverless functions, queues, topics, gateways and
      // triggers, tenants and instance groups.
      const others: Array<[string, string[], (id: string) => ReturnType<typeof removeTenant>]> = [
        ...SERVERLESS_KINDS.map((k) => [k, serverlessIds(doc, k), (id: string) => removeServerless(doc, k, id)] as [string, string[], (id: string) => ReturnType<typeof removeTenant>]),
        ['tenant', tenantIds(doc), (id) => removeTenant(doc, id)],
        ['group', groupIds(doc), (id) => removeGroup(doc, id)],
      ];
      for (const [kind, ids, remove] of others) {
        for (const id of ids.slice(0, 3)) {
          const r = remove(id);
          if (!r.ok) {
            expect(r.reason, `${preset} ${kind} ${id}`).toMatch(/is the only function/);
            continue;
          }
          const loaded = api.load({ scenario: r.doc });
          removed++;
          if (kind === 'function' || kind === 'queue' || kind === 'topic') removedServerless++;
          if (!loaded.ok) failures.push(`${preset}: remove ${kind} ${id}: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
        }
      }
    }
    expect(removedServerless).toBeGreaterThan(5);
    api.pause();
    expect(removed).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });
});

describe('editor helpers', () => {
  it('read typed values: numbers stay numbers only when they are, empty removes', () => {
    expect(parseFieldValue('int', ' 6 ')).toBe(6);
    expect(parseFieldValue('int', 'six')).toBe('six');
    expect(parseFieldValue('duration', '2s')).toBe('2s');
    expect(parseFieldValue('duration', '30')).toBe(30);
    expect(parseFieldValue('text', '')).toBeUndefined();
  });

  it('map keys to undo and redo', () => {
    const k = (key: string, o: Partial<KeyboardEvent> = {}) => editorHotkey({ key, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...o });
    expect(k('z')).toBe('undo');
    expect(k('Z', { shiftKey: true })).toBe('redo');
    expect(k('y')).toBe('redo');
    expect(k('z', { ctrlKey: false })).toBeNull();
    expect(k('z', { ctrlKey: false, metaKey: true })).toBe('undo');
  });

  it('turn drags into edits: workload → service sets the target, service → service adds a call, the rest is refused', () => {
    expect(refOfNode('wl:users')).toEqual({ kind: 'workload', id: 'users' });
    expect(connectionEdit(refOfNode('wl:users'), refOfNode('svc:db'))).toMatchObject({ kind: 'target', from: 'users', to: 'db' });
    expect(connectionEdit(refOfNode('svc:web'), refOfNode('svc:db'))).toMatchObject({ kind: 'call', from: 'web', to: 'db' });
    expect(connectionEdit(refOfNode('svc:web'), refOfNode('wl:users'))).toEqual({ refused: 'nothing sends to a workload: drag from workload users to a service instead' });
    expect(connectionEdit(refOfNode('svc:web'), refOfNode('svc:web'))).toEqual({ refused: 'web cannot call itself' });
    expect(connectionEdit(refOfNode('sls:fn'), refOfNode('svc:web'))).toEqual({ refused: 'only workloads and services connect here: drop on a service' });
    expect(isTopologyConnectionValid({ source: 'wl:users', target: 'svc:web' })).toBe(true);
    expect(isTopologyConnectionValid({ source: 'svc:web', target: 'wl:users' })).toBe(false);
  });

  it('turn drops on the infrastructure view into places', () => {
    expect(placeOfNode('pool:general')).toEqual({ kind: 'pool', id: 'general' });
    expect(placeOfNode('host:general-0')).toEqual({ kind: 'host', id: 'general-0' });
    expect(placeOfNode('queue')).toBeNull();
    expect(placeOfNode('link:0')).toBeNull();
  });
});
