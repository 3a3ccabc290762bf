import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWorkerApi, type SimWorkerApi } from '../../workers/api';
import { addCall, addPool, addRegion, addReplicaCrash, addService, addSpike, addWorkload, addZone, connectWorkload, elementPath, getAt, idsOf, referencesTo, removeCall, removeElement, setAt, uniqueId, type Doc } from './docEdits';
import { adoptDocument, commitEdit, editorStore, HISTORY_LIMIT, issuesFor, redo, setEditorBackend, undo } from './editStore';
import { editorHotkey } from './Palette';
import { parseFieldValue } from './fields';
import { connectionEdit, refOfNode } from './topologyEditing';

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

  it('remove a service with its calls and crash faults, but refuse while a workload sends to it', () => {
    const r = removeElement(base(), { kind: 'service', id: 'db' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(idsOf(r.doc, 'service')).toEqual(['web']);
    expect(getAt(r.doc, ['services', 0])).not.toHaveProperty('calls');
    expect(r.doc.faults).toEqual([]);
    expect(removeElement(base(), { kind: 'service', id: 'web' })).toEqual({ ok: false, reason: 'service web cannot be removed while workload users sends to it' });
    expect(referencesTo(base(), { kind: 'zone', id: 'eu-a' })).toEqual(['host pool general sits in it']);
    expect(referencesTo(base(), { kind: 'region', id: 'eu' })).toEqual(['host pool general sits in it', 'service db runs in it']);
    const zone = removeElement(base(), { kind: 'zone', id: 'eu-b' });
    expect(zone.ok).toBe(false);
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
    expect(await commitEdit('remove web', (d) => removeElement(d, { kind: 'service', id: 'web' }))).toBe(false);
    expect(editorStore.getState().message?.text).toContain('workload users sends to it');
    expect(editorStore.getState().past).toHaveLength(0);
    expect(idsOf(api.scenarioDocument() as Doc, 'service')).toEqual(['web', 'db']);
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

  it('turn drags into edits: workload → service sets the target, service → service adds a call', () => {
    expect(refOfNode('wl:users')).toEqual({ kind: 'workload', id: 'users' });
    expect(connectionEdit(refOfNode('wl:users'), refOfNode('svc:db'))).toMatchObject({ kind: 'target', from: 'users', to: 'db' });
    expect(connectionEdit(refOfNode('svc:web'), refOfNode('svc:db'))).toMatchObject({ kind: 'call', from: 'web', to: 'db' });
    expect(connectionEdit(refOfNode('svc:web'), refOfNode('wl:users'))).toBeNull();
  });
});
