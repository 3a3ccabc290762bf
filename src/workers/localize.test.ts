import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync, strToU8 } from 'fflate';
import { createWorkerApi } from './api';
import { setWorkerLang } from './lang';
import { knowsMessage, localizeMessage } from './localize';
import { PRESETS } from '../core/index';

const HAN = /\p{Script=Han}/u;
const base = () => structuredClone(PRESETS.default!.scenario) as unknown as Record<string, unknown>;
const from = (id: string) => structuredClone(PRESETS[id]!.scenario) as unknown as Record<string, unknown>;
const svc = (doc: Record<string, unknown>, i = 0) => (doc.services as Array<Record<string, unknown>>)[i]!;

/** Broken scenarios, each hitting other checks of the schema and the core's wording of zod issues. */
const BROKEN: unknown[] = [
  null,
  [],
  {},
  { cumulo: 99 },
  { cumulo: 'one' },
  (() => { const d = base(); svc(d).replicas = 0; return d; })(),
  (() => { const d = base(); svc(d).replicas = 'four'; return d; })(),
  (() => { const d = base(); svc(d).replicsa = 2; return d; })(),
  (() => { const d = base(); svc(d).zone = 'mars-1'; return d; })(),
  (() => { const d = base(); svc(d).instanceType = 'huge'; return d; })(),
  (() => { const d = base(); svc(d).timeout = 'soon'; return d; })(),
  (() => { const d = base(); svc(d).id = 'Web Shop'; return d; })(),
  (() => { const d = base(); svc(d, 1).id = 'web'; return d; })(),
  (() => { const d = base(); svc(d).loadBalancer = { policy: 'round-robbin' }; return d; })(),
  (() => { const d = base(); svc(d).work = { type: 'uniform', min: 2, max: 1 }; return d; })(),
  (() => { const d = base(); svc(d).work = { type: 'gaussian' }; return d; })(),
  (() => { const d = base(); svc(d).calls = { mode: 'sequential', targets: [{ service: 'nowhere' }] }; return d; })(),
  (() => { const d = base(); svc(d).calls = { mode: 'sequential', targets: [{ service: 'web' }] }; return d; })(),
  (() => { const d = base(); d.duration = '0s'; return d; })(),
  (() => { const d = base(); d.duration = '2m'; d.warmup = '5m'; return d; })(),
  (() => { const d = base(); d.metricsInterval = 0.0001; d.duration = '3d'; return d; })(),
  (() => { const d = base(); d.workloads = [{ id: 'w', target: 'nobody', arrival: { type: 'poisson', rate: -1 } }]; return d; })(),
  (() => { const d = base(); d.workloads = [{ id: 'w', target: 'web', arrival: { type: 'trace', format: 'timestamps', data: [3, 1] } }]; return d; })(),
  (() => { const d = base(); d.workloads = [{ id: 'w', target: 'web', arrival: { type: 'trace', format: 'swf', data: [1] } }]; return d; })(),
  (() => { const d = base(); d.services = []; return d; })(),
  (() => { const d = base(); d.hostPools = [{ id: 'p', zone: 'nowhere', count: 2, maxCount: 1, shape: { vcpu: 4, memoryGiB: 8 } }]; return d; })(),
  (() => { const d = base(); svc(d).autoscaler = { policy: 'step', metric: 'cpu', minReplicas: 5, maxReplicas: 2, rules: [] }; return d; })(),
  (() => { const d = base(); svc(d).autoscaler = { policy: 'target-tracking', metric: 'rps', minReplicas: 1, maxReplicas: 2 }; return d; })(),
  (() => { const d = base(); d.tenants = [{ id: 'a' }, { id: 'a' }]; return d; })(),
  (() => { const d = base(); svc(d).autoscaler = { policy: 'scheduled', minReplicas: 1, maxReplicas: 9, schedule: [{ cron: '61 * * *', replicas: 2 }, { cron: '*/0 25 * FOO MON', replicas: 1 }, { cron: '@weird' }] }; return d; })(),
  (() => { const d = from('attack'); d.principals = [{ id: 'x', roles: [{ role: 'viewer' }] }, { id: 'x', roles: [{ role: 'admin', tenant: 'acme' }], statements: [{ effect: 'allow', actions: ['fly:away'] }] }]; return d; })(),
  (() => { const d = from('attack'); d.actions = [{ at: '99h', principal: 'nobody', action: 'service:scale', target: 'host/zz' }]; return d; })(),
  (() => {
    const d = from('event-driven');
    const sl = d.serverless as { functions: Array<Record<string, unknown>>; queues: Array<Record<string, unknown>> };
    sl.functions[0]!.timeout = 2000;
    sl.functions[0]!.provisioned = 5;
    sl.functions[0]!.reserved = 1;
    sl.queues[0]!.deadLetter = sl.queues[0]!.id;
    return d;
  })(),
  (() => { const d = from('flash-crowd'); (d.hostPools as Array<Record<string, unknown>>)[0]!.minCount = 99; svc(d).placement = { kind: 'vm', limits: { vcpu: 1 } }; return d; })(),
  (() => { const d = base(); d.workloads = [{ id: 'w', target: 'web', arrival: { type: 'piecewise', points: [{ at: '2m', rate: 1 }, { at: '1m', rate: 2 }], period: '30s' } }]; return d; })(),
];

afterEach(() => {
  setWorkerLang('en');
});

describe('the worker answers in the console language', () => {
  it('keeps English by default and for an unknown language', () => {
    const api = createWorkerApi();
    expect(api.setLanguage('fr')).toBe(false);
    const r = api.load({ scenario: { cumulo: 1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) for (const e of r.errors) expect(e.message).not.toMatch(HAN);
  });

  it('says every validation error of a corpus of broken scenarios in Chinese, and the same ones in English after switching back', () => {
    const api = createWorkerApi();
    const english = BROKEN.map((doc) => api.load({ scenario: doc }));
    expect(api.setLanguage('zh')).toBe(true);
    const chinese = BROKEN.map((doc) => api.load({ scenario: doc }));
    const untranslated: string[] = [];
    chinese.forEach((r, i) => {
      expect(r.ok, `corpus ${i} should be invalid`).toBe(false);
      const en = english[i]!;
      if (r.ok || en.ok) return;
      expect(r.errors.map((e) => e.path)).toEqual(en.errors.map((e) => e.path));
      for (const e of r.errors) if (!HAN.test(e.message)) untranslated.push(`${i}: ${e.path}: ${e.message}`);
    });
    expect(untranslated).toEqual([]);
    api.setLanguage('en');
    expect(BROKEN.map((doc) => api.load({ scenario: doc }))).toEqual(english);
  });

  it('says link and file decode errors in Chinese', () => {
    const api = createWorkerApi();
    api.setLanguage('zh');
    const good = api.load({ preset: 'mm1' });
    expect(good.ok).toBe(true);
    const link = good.ok ? good.link : '';
    const bad = [
      '#nothing',
      '#s=c9.abc',
      '#s=zz.abc',
      '#s=c1.a',
      '#s=c1.ab!cd',
      '#s=c1.AAAA',
      `#${link.slice(0, -6)}`,
      `#${link.slice(0, -2)}AA`,
      '#s=%E0%A4%A',
    ];
    for (const l of bad) {
      const r = api.load({ link: l });
      expect(r.ok).toBe(false);
      if (!r.ok) for (const e of r.errors) expect(e.message, `${l}: ${e.message}`).toMatch(HAN);
    }
    for (const text of ['{"cumulo": 1,', '{"cumulo" 1}', '[1, 2', '{"a": "\u0001"}', 'nope']) {
      const r = api.load({ scenario: text });
      expect(r.ok).toBe(false);
      if (!r.ok) for (const e of r.errors) expect(e.message, `${text}: ${e.message}`).toMatch(/^不是有效的 JSON：/);
    }
    const r = api.load({ preset: 'no-such' });
    expect(!r.ok && r.errors[0]!.message).toMatch(/^没有名为 "no-such" 的预设场景/);
  });

  it('says trace import errors (titles and lines) in Chinese', () => {
    const api = createWorkerApi();
    expect(api.load({ preset: 'default' }).ok).toBe(true);
    api.setLanguage('zh');
    const file = (text: string) => strToU8(text);
    const cases = [
      { fileName: 'a.csv', bytes: new Uint8Array(0), format: 'per-minute' as const },
      { fileName: 'a.csv', bytes: file('minute,requests\n0,5\n1,x\n2,-3\n3,4,5\n'), format: 'per-minute' as const },
      { fileName: 'a.csv', bytes: file('minute,requests\n0,5\n'), format: 'per-minute' as const, column: 'rps' },
      { fileName: 'a.csv', bytes: file('5\n7\n'), format: 'per-minute' as const, column: 'rps' },
      { fileName: 't.csv', bytes: file('3\n1\n'), format: 'timestamps' as const },
      { fileName: 'a.csv.gz', bytes: file('not gzip at all, really not'), format: 'per-minute' as const },
      { fileName: 'a.csv.gz', bytes: gzipSync(file('0\n1\n')).slice(0, 20), format: 'per-minute' as const },
      { fileName: 'j.swf', bytes: file('1 2 3\n'), format: 'swf' as const },
    ];
    for (const c of cases) {
      const r = api.importTrace({ workload: 'shoppers', ...c });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.title, r.title).toMatch(HAN);
      for (const e of r.errors) expect(e, e).toMatch(HAN);
    }
    const nobody = api.importTrace({ workload: 'nobody', fileName: 'a.csv', bytes: file('1\n'), format: 'per-minute' });
    expect(nobody).toMatchObject({ ok: false, title: '无法导入轨迹', errors: ['没有工作负载 "nobody"'] });
  });

  it('says access denials in Chinese', () => {
    const api = createWorkerApi();
    expect(api.load({ preset: 'attack' }).ok).toBe(true);
    api.setLanguage('zh');
    expect(api.setPrincipal('acme-viewer').ok).toBe(true);
    const r = api.scaleService('acme-web', 2);
    expect(r).toMatchObject({ ok: false, error: '访问被拒绝：acme-viewer 不能对 tenant/acme/service/acme-web 执行 service:scale（隐式拒绝：没有规则允许 service:scale；租户 acme 的角色 viewer 不包含该操作）' });
    expect(api.setPrincipal('mallory')).toMatchObject({ ok: false, error: expect.stringMatching(/^没有主体 "mallory"（主体：acme-owner, /) });
    // The same denials reach the billing panel, the balancer switch and the infrastructure operations.
    expect(api.bill()).toMatchObject({ ok: false, error: expect.stringMatching(/^访问被拒绝：acme-viewer 不能对 tenant\/\S+\/bill 执行 bill:read（/) });
    expect(api.setBalancer('acme-web', 'random')).toMatchObject({ ok: false, error: expect.stringMatching(/^访问被拒绝：acme-viewer 不能对 tenant\/acme\/service\/acme-web 执行 policy:change（隐式拒绝：/) });
    const op = api.operate({ op: 'kill-host', host: 'shared-a-0' });
    expect(op.ok).toBe(false);
    expect(op.message).toMatch(/^访问被拒绝：acme-viewer 不能对 platform\/host\/shared-a-0 执行 host:fault（平台资源：/);
    // A capacity plan of a service the viewer may not read.
    expect(api.planCapacity('globex-api', { step: '1m', horizon: '10m' } as never)).toMatchObject({ ok: false, error: expect.stringMatching(/^已隐藏：没有读取权限（对 tenant\/globex\/service\/globex-api 的 service:read：跨租户：/) });
  });

  it('turns zod’s own messages Chinese through its zh-CN locale, and back', () => {
    const api = createWorkerApi();
    const saas = { cumulo: 1, name: 's', duration: '1m', services: [], workloads: [], saas: [{ id: 'crm', model: 'shared-database', tenants: 'all' }] };
    const en = api.load({ scenario: saas });
    api.setLanguage('zh');
    const zh = api.load({ scenario: saas });
    expect(en.ok || zh.ok).toBe(false);
    if (!en.ok && !zh.ok) {
      expect(en.errors.some((e) => HAN.test(e.message))).toBe(false);
      expect(zh.errors.every((e) => HAN.test(e.message))).toBe(true);
    }
  });

  it('knows the wording of random out-of-range and wrong-type values anywhere in a service', () => {
    const fields = ['replicas', 'concurrency', 'queueLimit', 'timeout', 'zone', 'instanceType', 'queue', 'work', 'weights', 'loadBalancer', 'healthCheck', 'slo', 'nonsense'];
    const values = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true }), fc.string({ maxLength: 6 }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({}));
    const api = createWorkerApi();
    fc.assert(
      fc.property(fc.constantFrom(...fields), values, (field, v) => {
        const d = base();
        svc(d)[field] = v;
        setWorkerLang('en');
        const r = api.load({ scenario: d });
        if (r.ok) return;
        for (const e of r.errors) expect(knowsMessage(e.message), `${e.path}: ${e.message}`).toBe(true);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it("says the console commands' refusals in Chinese: autoscaler changes (their validation included), balancer switches, scaling, capacity plans", () => {
    const api = createWorkerApi();
    api.setLanguage('zh');
    api.load({ preset: 'flash-crowd' });
    const answers: Array<[string, { ok: boolean; error?: string }]> = [];
    const changes: unknown[] = [null, { minReplicas: 10, maxReplicas: 2 }, { policy: 'bogus' }, { policy: 'step', rules: [] }, { policy: 'scheduled' }, { metric: 'latency' }, { target: -1 }, { startup: 'soon' }, { policy: 'predictive', metric: 'queue' }];
    for (const c of changes) answers.push([`autoscaler ${JSON.stringify(c)}`, api.setAutoscaler('web', c as never)]);
    answers.push(['autoscaler of nobody', api.setAutoscaler('nobody', { target: 0.5 } as never)]);
    answers.push(['balancer', api.setBalancer('web', 'bogus' as never)]);
    answers.push(['balancer of nobody', api.setBalancer('nobody', 'random' as never)]);
    answers.push(['scale', api.scaleService('web', -3)]);
    answers.push(['scale nobody', api.scaleService('nobody', 3)]);
    answers.push(['plan request', api.planCapacity('web', null as never)]);
    answers.push(['plan model', api.planCapacity('web', { step: '1m', horizon: '5m', targetUtilization: 0.7, replicasPerHost: 1, model: 'magic' } as never)]);
    answers.push(['rerun', api.applyAndRerun({ all: true } as never)]);
    api.load({ preset: 'default' });
    answers.push(['autoscaler none', api.setAutoscaler('web', { target: 0.5 } as never)]);
    const english = answers.filter(([, r]) => !r.ok && !HAN.test(r.error ?? '')).map(([what, r]) => `${what}: ${r.error}`);
    expect(english).toEqual([]);
    expect(answers.filter(([, r]) => !r.ok).length).toBe(answers.length);
  });

  it('leaves a sentence it does not know as it is', () => {
    setWorkerLang('zh');
    expect(localizeMessage('something entirely new happened')).toBe('something entirely new happened');
    expect(localizeMessage('services[0].replicas: must be at least 1, got 0')).toBe('services[0].replicas：应不小于 1，实际为 0');
    expect(localizeMessage('line 3: "x" in column "requests" is not a number')).toBe('第 3 行：列 "requests" 中的 "x" 不是数字');
  });
});
