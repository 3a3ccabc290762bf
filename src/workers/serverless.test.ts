import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../core/index';
import type { Scenario, ScenarioInput, ServerlessLive as CoreLive } from '../core/index';
import { buildServerlessCharts, checkKeepAliveRequest, ServerlessPart, serverlessLiveView, withKeepAlive, type KeepAliveTarget } from './serverless';
import { serverlessInfoOf } from './serverless-topology';
import { azureFileKind, withAzureTrace } from './serverless-import';
import { SimService, type Snapshot } from './service';

const AZURE = '../shared/traces/azure-functions-2019-invitro-100fn';
const PLAIN: ScenarioInput = { cumulo: 1, name: 'x', duration: '1m', services: [{ id: 'a', replicas: 1, work: { type: 'constant', value: 0.1 } }] };

const DOC: ScenarioInput = {
  cumulo: 1,
  name: 'orders',
  seed: 3,
  duration: '10m',
  serverless: {
    functions: [
      { id: 'api', duration: { type: 'constant', value: 0.05 }, outputs: [{ to: { topic: 'events' } }] },
      { id: 'worker', memoryMb: 512, reserved: 20, duration: { type: 'constant', value: 0.2 } },
      { id: 'audit', duration: { type: 'constant', value: 0.01 } },
      { id: 'nightly', duration: { type: 'constant', value: 1 } },
      { id: 'thumb', duration: { type: 'constant', value: 0.3 } },
    ],
    gateways: [{ id: 'edge', auth: 'none', routes: [{ path: '/orders', function: 'api' }] }],
    http: [{ id: 'shoppers', gateway: 'edge', route: '/orders', arrival: { type: 'poisson', rate: 5 }, clients: [{ client: 'web', share: 1 }] }],
    topics: [{ id: 'events', subscriptions: [{ to: { queue: 'jobs' }, filter: { type: ['order'] } }, { to: { function: 'audit' } }] }],
    queues: [
      { id: 'jobs', deadLetter: 'jobs-dlq', maxReceives: 3, consumer: { function: 'worker' } },
      { id: 'jobs-dlq' },
    ],
    timers: [{ id: 'cron', function: 'nightly', every: '5m' }],
    buckets: [{ id: 'uploads', writes: { type: 'poisson', rate: 1 }, notify: [{ function: 'thumb' }] }],
  },
};

function scenario(doc: ScenarioInput = DOC): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.scenario;
}

describe('serverless topology', () => {
  it('draws every box and one edge per trigger and output', () => {
    const info = serverlessInfoOf(scenario(), null, 1)!;
    const kinds = info.nodes.map((n) => n.key).sort();
    expect(kinds).toEqual(
      ['bucket:uploads', 'clients:shoppers', 'function:api', 'function:audit', 'function:nightly', 'function:thumb', 'function:worker', 'gateway:edge', 'queue:jobs', 'queue:jobs-dlq', 'timer:cron', 'topic:events'].sort(),
    );
    const edges = info.edges.map((e) => `${e.kind} ${e.from} > ${e.to} [${e.label}]`).sort();
    expect(edges).toEqual(
      [
        'bucket bucket:uploads > function:thumb [ObjectCreated]',
        'dead-letter queue:jobs > queue:jobs-dlq [after 3 receives]',
        'http gateway:edge > function:api [/orders]',
        'publish function:api > topic:events [publish]',
        'queue queue:jobs > function:worker [batch 10]',
        'subscription topic:events > function:audit [all messages]',
        'subscription topic:events > queue:jobs [type=order]',
        'timer timer:cron > function:nightly [every 5m]',
        'workload clients:shoppers > gateway:edge [/orders]',
      ].sort(),
    );
    const worker = info.nodes.find((n) => n.key === 'function:worker')!;
    expect(worker).toMatchObject({ memoryMb: 512, reserved: 20, provisioned: 0, runtime: 'node' });
    expect(info.nodes.find((n) => n.key === 'queue:jobs')!.deadLetter).toEqual({ queue: 'jobs-dlq', maxReceives: 3 });
    expect(info.keepAlive).toBe('fixed-10m');
  });

  it('is null without a serverless block', () => {
    expect(serverlessInfoOf(scenario(PLAIN), null, 1)).toBeNull();
  });
});

describe('keep-alive requests', () => {
  it('accepts the three presets and refuses anything else with a sentence', () => {
    expect(checkKeepAliveRequest('hybrid')).toEqual({ ok: true, choice: 'hybrid' });
    expect(checkKeepAliveRequest({ type: 'fixed', ttl: 1200 })).toEqual({ ok: true, choice: 'fixed-20m' });
    const bad = checkKeepAliveRequest('forever');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('no keep-alive policy "forever"');
    const ttl = checkKeepAliveRequest({ type: 'fixed', ttl: 7 });
    expect(ttl.ok).toBe(false);
  });

  it('rewrites the scenario for a comparison run, and refuses a scenario without functions', () => {
    const r = withKeepAlive(scenario(), 'hybrid');
    expect(r.ok && r.scenario.serverless?.keepAlive.type).toBe('hybrid');
    const none = withKeepAlive(scenario(PLAIN), 'hybrid');
    expect(none.ok).toBe(false);
  });

  it('records switches, refuses a finished run, and a reset goes back to the scenario policy', () => {
    const part = new ServerlessPart();
    const s = scenario();
    part.load(s, serverlessInfoOf(s, null, 1));
    const applied: unknown[] = [];
    const target: KeepAliveTarget = {
      now: 42,
      finished: false,
      serverlessLive: () => null,
      setKeepAlive: (spec) => {
        applied.push(spec);
        return { ok: true };
      },
    };
    expect(part.setKeepAlive(target, 'hybrid')).toEqual({ ok: true, policy: 'hybrid' });
    expect(part.setKeepAlive(target, 'hybrid')).toEqual({ ok: true, policy: 'hybrid' });
    // The Simulation gets the validated block, defaults filled in (the paper's parameters).
    expect(applied).toEqual([{ type: 'hybrid', range: '4h', bin: '1m', head: 0.05, tail: 0.99, margin: 0.1, fallbackTtl: '10m' }]);
    expect(part.keepAliveSwitches()).toEqual([{ time: 42, from: 'fixed-10m', to: 'hybrid' }]);
    const refused = part.setKeepAlive({ ...target, setKeepAlive: () => ({ ok: false, error: 'nope' }) }, 'fixed-20m');
    expect(refused).toEqual({ ok: false, error: 'nope' });
    expect(part.setKeepAlive({ ...target, finished: true }, 'fixed-20m')).toEqual({ ok: false, error: 'the run has ended: reset it to start again', code: 'ended' });
    expect(part.keepAlive).toBe('hybrid');
    part.resetRun();
    expect(part.keepAlive).toBe('fixed-10m');
    expect(part.keepAliveSwitches()).toEqual([]);
  });
});

describe('serverless charts and totals', () => {
  it('turns rates into cold starts per interval, sums queue depths and takes the oldest age', () => {
    const n = 4;
    const cols: Record<string, Float64Array> = {
      'fn.a.coldStartsRate': Float64Array.of(0.5, 0, 0.1, 0),
      'fn.b.coldStartsRate': Float64Array.of(0.25, 0.25, 0, Number.NaN),
      'fn.a.throttledRate': Float64Array.of(0, 1, 0, 0),
      'serverless.idleMb': Float64Array.of(128, 256, 256, 0),
      'serverless.running': Float64Array.of(1, 2, 3, 0),
      'queue.q1.depth': Float64Array.of(1, 2, 3, 4),
      'queue.q2.depth': Float64Array.of(10, 0, 0, 0),
      'queue.q1.oldestAge': Float64Array.of(5, 6, 0, 1),
      'queue.q2.oldestAge': Float64Array.of(9, 0, 0, 0),
    };
    const series = { length: n, time: Float64Array.of(10, 20, 30, 40), column: (name: string) => cols[name] };
    const c = buildServerlessCharts(series, ['a', 'b'], ['q1', 'q2'], 10, 100);
    expect(Array.from(c.warm.coldStarts)).toEqual([7.5, 2.5, 1, 0]);
    expect(Array.from(c.warm.idleMb)).toEqual([128, 256, 256, 0]);
    expect(Array.from(c.load.throttled)).toEqual([0, 10, 0, 0]);
    expect(Array.from(c.queues.depth)).toEqual([11, 2, 3, 4]);
    expect(Array.from(c.queues.oldestAge)).toEqual([9, 6, 0, 1]);
    const none = buildServerlessCharts(series, ['a'], [], 10, 100);
    expect(none.queues.time.length).toBe(0);
  });

  it('adds cold-start ratio, INIT share and queue totals to the core view', () => {
    const fn = (id: string, invocations: number, throttled: number, coldStarts: number, initSeconds: number, initShare: number) =>
      ({ id, invocations, throttled, coldStarts, initSeconds, initShare }) as CoreLive['functions'][number];
    const q = (id: string, retries: number, deadLettered: number, depth: number, oldestAge: number) =>
      ({ id, retries, duplicates: 1, deadLettered, lost: 0, depth, oldestAge }) as CoreLive['queues'][number];
    const view = {
      t: 5,
      keepAlive: 'fixed-10m',
      functions: [fn('a', 10, 2, 4, 2, 0.5), fn('b', 12, 0, 0, 0, 0)],
      gateways: [],
      queues: [q('x', 3, 1, 5, 30), q('y', 1, 0, 2, 60)],
      topics: [],
      totals: { coldStarts: 4 } as CoreLive['totals'],
      cost: {} as CoreLive['cost'],
    } as CoreLive;
    const v = serverlessLiveView(view, [{ time: 1, from: 'fixed-10m', to: 'hybrid' }]);
    expect(v.coldStartRatio).toBeCloseTo(4 / 20);
    expect(v.initShare).toBeCloseTo(0.5);
    expect(v.queueTotals).toEqual({ retries: 4, duplicates: 2, deadLettered: 1, lost: 0, depth: 7, oldestAge: 60 });
    expect(v.switches).toHaveLength(1);
  });
});

describe('SimService with a serverless scenario', () => {
  it('sends the serverless shape with the scenario and refuses keep-alive changes it cannot make', () => {
    const svc = new SimService({ clock: () => 0, setTimer: () => 0, clearTimer: () => undefined });
    const r = svc.load({ scenario: DOC });
    expect(r.ok).toBe(true);
    const info = svc.scenarioInfo()!;
    expect(info.serverless?.nodes.length).toBe(12);
    expect(info.serverless?.missingTrace).toBeNull();
    const bad = svc.setKeepAlive('forever' as never);
    expect(bad.ok).toBe(false);
    const plain = new SimService({ clock: () => 0, setTimer: () => 0, clearTimer: () => undefined });
    plain.load({ scenario: PLAIN });
    expect(plain.setKeepAlive('hybrid')).toEqual({ ok: false, error: 'this scenario has no serverless block, so there is no keep-alive policy to change' });
    expect(plain.compareKeepAlive()).toEqual({ ok: false, error: 'this scenario has no serverless block: there are no keep-alive policies to compare' });
  });

  it('reports an Azure trace folder as missing and refuses files that are not the trace', () => {
    const svc = new SimService({ clock: () => 0, setTimer: () => 0, clearTimer: () => undefined });
    const doc = { cumulo: 1, name: 'az', duration: '10m', serverless: { azureTrace: { folder: 'azure-functions-2019-invitro-100fn' } } };
    expect(svc.load({ scenario: doc })).toMatchObject({ ok: true });
    expect(svc.scenarioInfo()!.serverless?.missingTrace).toEqual({ folder: 'azure-functions-2019-invitro-100fn', files: ['invocations.csv', 'durations.csv', 'memory.csv'] });
    const r = svc.importAzureTrace({ files: [{ name: 'notes.txt', text: 'hello\n' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toContain('notes.txt: not an Azure Functions 2019 file');
      expect(r.errors).toContain('missing the durations file (durations.csv)');
    }
  });
});

describe.skipIf(!existsSync(`${AZURE}/invocations.csv`))('Azure trace import (skipped without ../shared/traces)', () => {
  const files = ['memory.csv', 'invocations.csv', 'durations.csv'].map((name) => ({ name, text: readFileSync(`${AZURE}/${name}`, 'utf8') }));

  it('recognises the files by header and writes one function per row', () => {
    expect(files.map((f) => azureFileKind(f.text))).toEqual(['memory', 'invocations', 'durations']);
    const doc = { cumulo: 1, name: 'az', duration: '30m', serverless: { azureTrace: { folder: 'x', minutes: 30 } } };
    const r = withAzureTrace(doc, { files });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.functions).toBe(100);
    expect(r.minutes).toBe(30);
    const sl = r.doc.serverless as { functions: Array<{ id: string; trace: { perMinute: number[] }; memoryMb: number }>; azureTrace?: unknown };
    expect(Object.keys(r.doc.serverless as object)).not.toContain('azureTrace');
    expect(sl.azureTrace).toBeUndefined();
    expect(sl.functions[0]!.id).toMatch(/^az-[0-9a-f]{12}$/);
    expect(sl.functions.every((f) => f.trace.perMinute.length === 30 && f.memoryMb >= 128)).toBe(true);
    expect(r.invocations).toBe(sl.functions.reduce((s, f) => s + f.trace.perMinute.reduce((a, b) => a + b, 0), 0));
    expect(parseScenario(r.doc).ok).toBe(true);
  });

  it('names the file and line of a malformed row', () => {
    const broken = files.map((f) => (f.name === 'invocations.csv' ? { ...f, text: f.text.replace(/\n([^\n]*),\d+\n/, '\n$1,x\n') } : f));
    const r = withAzureTrace({ cumulo: 1, name: 'az', duration: '1h', serverless: { azureTrace: { folder: 'x' } } }, { files: broken });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(/invocations\.csv line \d+, column \d+/);
  });
});

describe('keep-alive switch on a real run', () => {
  it('switches the event-driven preset to hybrid mid-run, recorded in the live view; a reset goes back', () => {
    const svc = new SimService({ clock: () => 0, setTimer: () => 0, clearTimer: () => undefined });
    expect(svc.load({ preset: 'event-driven' }).ok).toBe(true);
    const snaps: Snapshot[] = [];
    svc.subscribe((s) => snaps.push(s));
    svc.step();
    expect(svc.setKeepAlive('hybrid')).toEqual({ ok: true, policy: 'hybrid' });
    const live = snaps[snaps.length - 1]!.serverless?.live;
    expect(live?.keepAlive).toBe('hybrid');
    expect(live?.switches).toHaveLength(1);
    svc.runToEnd();
    expect(svc.results().serverless?.keepAlive).toBe('hybrid');
    expect(svc.setKeepAlive('fixed-20m')).toEqual({ ok: false, error: 'the run has ended: reset it to start again', code: 'ended' });
    svc.reset();
    expect(snaps[snaps.length - 1]!.serverless?.live?.keepAlive).toBe('fixed-10m');
    expect(svc.keepAliveSwitches()).toEqual([]);
  });
});
