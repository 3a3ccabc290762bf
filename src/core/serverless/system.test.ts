import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SERVERLESS_PRESETS } from '../presets/serverless';
import type { ScenarioInput } from '../scenario/schema';
import { issueLine, parseScenario } from '../scenario/validate';
import { Simulation } from '../sim/simulation';
import { serverlessColumn } from './live';

type Block = NonNullable<ScenarioInput['serverless']>;

function sim(serverless: Block, duration: number | string = 600, seed = 1): Simulation {
  const p = parseScenario({ cumulo: 1, name: 't', seed, duration, metricsInterval: 10, serverless });
  if (!p.ok) throw new Error(p.errors.map(issueLine).join('; '));
  return new Simulation(p.scenario);
}
function run(serverless: Block, duration: number | string = 600, seed = 1) {
  const s = sim(serverless, duration, seed);
  const r = s.runToEnd();
  return { s, r: r.serverless! };
}
/** A function with constant times (no cold-start noise unless asked). */
const fn = (id: string, extra: Record<string, unknown> = {}) => ({ id, memoryMb: 1024, timeout: 60, duration: { type: 'constant' as const, value: 0.5 }, init: { type: 'constant' as const, value: 0 }, ...extra });

describe('queues: visibility timeout, retries with backoff, dead-letter queue (hand-computed)', () => {
  it('a message whose consumer always fails is received maxReceives times, with the backoff in between, then dead-lettered', () => {
    const { r } = run({
      functions: [fn('worker', { failureRate: 1 })],
      buckets: [{ id: 'in', writes: { type: 'trace', format: 'timestamps', data: [10] }, notify: [{ queue: 'jobs' }] }],
      queues: [
        { id: 'jobs', maxReceives: 3, deadLetter: 'dlq', retry: { base: 1, factor: 2, max: 60 }, consumer: { function: 'worker', batchSize: 1 } },
        { id: 'dlq' },
      ],
    });
    // receives at 10, 11.5 (10.5 + 1), 14 (12 + 2); the third fails at 14.5 → dead letter
    const [jobs, dlq] = r.queues;
    expect(jobs).toMatchObject({ sent: 1, received: 3, retries: 2, deleted: 0, deadLettered: 1, lost: 0, depth: 0, inFlight: 0 });
    expect(dlq).toMatchObject({ sent: 1, depth: 1 });
    expect(dlq!.oldestAge).toBeCloseTo(600 - 14.5, 9);
    expect(r.functions[0]).toMatchObject({ invocations: 3, errors: 3 });
  });

  it('without a retry policy a failed message comes back when its visibility timeout runs out; without a DLQ it is lost', () => {
    const s = sim({
      functions: [fn('worker', { failureRate: 1 })],
      buckets: [{ id: 'in', writes: { type: 'trace', format: 'timestamps', data: [10] }, notify: [{ queue: 'jobs' }] }],
      queues: [{ id: 'jobs', visibilityTimeout: 30, maxReceives: 2, consumer: { function: 'worker', batchSize: 1 } }],
    });
    s.runUntil(39.9);
    expect(s.serverlessLive()!.queues[0]).toMatchObject({ received: 1, inFlight: 1, depth: 0 });
    s.runUntil(40.1); // 10 + 30: visible again, received a second time
    expect(s.serverlessLive()!.queues[0]).toMatchObject({ received: 2, retries: 1, inFlight: 1 });
    s.runUntil(100); // the second receive fails at 40.5 → maxReceives reached, no DLQ: lost
    expect(s.serverlessLive()!.queues[0]).toMatchObject({ received: 2, lost: 1, deadLettered: 0, inFlight: 0, depth: 0 });
  });

  it('a visibility timeout shorter than the work makes the message visible again: processed twice, counted as a duplicate', () => {
    const { r } = run({
      functions: [fn('slow', { duration: { type: 'constant', value: 45 } })],
      buckets: [{ id: 'in', writes: { type: 'trace', format: 'timestamps', data: [0.5] }, notify: [{ queue: 'jobs' }] }],
      queues: [{ id: 'jobs', visibilityTimeout: 30, maxReceives: 2, deadLetter: 'dlq', consumer: { function: 'slow', batchSize: 1 } }, { id: 'dlq' }],
    });
    // received at 0.5 (works until 45.5); visible again at 30.5 and received a second time (until 75.5);
    // the first delete at 45.5 carries a stale receipt (SQS: only the latest receipt handle deletes);
    // the second receive's timeout runs out at 60.5 with 2 receives: dead-lettered; both runs succeed
    expect(r.queues[0]).toMatchObject({ received: 2, retries: 1, duplicates: 1, deleted: 0, deadLettered: 1, depth: 0, inFlight: 0 });
    expect(r.functions[0]).toMatchObject({ invocations: 2, completed: 2 });
  });

  it('FIFO: a group is handed out in order, one batch at a time; a failing message holds its group back', () => {
    const { s, r } = run({
      functions: [fn('p', { outputs: [{ to: { queue: 'orders' }, messageGroups: 3 }] }), fn('ship', { failureRate: 0.3 })],
      timers: [{ id: 'tick', function: 'p', every: 0.2 }],
      queues: [{ id: 'orders', type: 'fifo', maxReceives: 1000, retry: { base: 0.5, factor: 2, max: 4 }, consumer: { function: 'ship', batchSize: 4, maxConcurrency: 10 } }],
    }, 300);
    const q = r.queues[0]!;
    expect(q.sent).toBeGreaterThan(1000);
    expect(q.retries).toBeGreaterThan(0);
    expect(q.orderViolations).toBe(0);
    expect(q.duplicates).toBe(0);
    const led = s.serverless!.ledgers()[0]!;
    for (const id of led.sent) expect((led.processed.get(id) ?? 0) > 0 || led.pending.has(id)).toBe(true);
  });
});

describe('a service consuming a queue', () => {
  it('each message becomes one request; OK deletes it; a crashed replica\'s failures are retried, none lost', () => {
    const p = parseScenario({
      cumulo: 1,
      name: 'svc',
      duration: 600,
      services: [{ id: 'worker', replicas: 2, concurrency: 1, work: { type: 'constant', value: 0.2 }, queueLimit: 1000 }],
      faults: [{ kind: 'replica-crash', at: 20, service: 'worker', replica: 0, duration: 30 }],
      serverless: {
        functions: [fn('unused')],
        buckets: [{ id: 'in', writes: { type: 'piecewise', points: [{ at: 0, rate: 8 }, { at: 100, rate: 0 }] }, notify: [{ queue: 'jobs' }] }],
        queues: [{ id: 'jobs', visibilityTimeout: 5, maxReceives: 10, deadLetter: 'dlq', serviceConsumer: { service: 'worker', maxConcurrency: 4 } }, { id: 'dlq' }],
      },
    });
    if (!p.ok) throw new Error(p.errors.map(issueLine).join('; '));
    const s = new Simulation(p.scenario);
    const r = s.runToEnd();
    const q = r.serverless!.queues[0]!;
    expect(q.sent).toBeGreaterThan(600);
    expect(q.retries).toBeGreaterThan(0); // the crashed replica failed some
    expect(r.services[0]!.arrivals).toBe(q.received);
    expect(q.deleted + q.deadLettered).toBe(q.sent);
    const led = s.serverless!.ledgers()[0]!;
    for (const id of led.sent) expect((led.processed.get(id) ?? 0) > 0 || led.deadLettered.has(id)).toBe(true);
  });

  it('an unknown service, or two consumers, is refused', () => {
    const p = parseScenario({
      cumulo: 1,
      name: 'svc',
      duration: 60,
      serverless: { functions: [fn('f')], queues: [{ id: 'q', consumer: { function: 'f' }, serviceConsumer: { service: 'nope' } }] },
    });
    const lines = p.ok ? [] : p.errors.map(issueLine);
    expect(lines).toContain('serverless.queues[0].serviceConsumer.service: unknown service "nope" (services: none)');
    expect(lines).toContain('serverless.queues[0].serviceConsumer: a queue has one consumer: give consumer (a function) or serviceConsumer, not both');
  });
});

describe('at-least-once delivery (property over seeds and failure rates)', () => {
  it('every message is processed or dead-lettered, none lost; duplicates are exactly the extra processings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 0.8, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.boolean(), (seed, failureRate, duplicateRate, retry) => {
        const { s, r } = run(
          {
            functions: [fn('producer', { outputs: [{ to: { queue: 'q' } }] }), fn('consumer', { failureRate, duration: { type: 'exponential', mean: 2 } })],
            buckets: [{ id: 'in', writes: { type: 'piecewise', points: [{ at: 0, rate: 5 }, { at: 60, rate: 0 }] }, notify: [{ function: 'producer' }] }],
            queues: [
              { id: 'q', visibilityTimeout: 3, maxReceives: 3, deadLetter: 'dlq', duplicateRate, ...(retry ? { retry: { base: 1, factor: 2, max: 8 } } : {}), consumer: { function: 'consumer', batchSize: 3, maxConcurrency: 8 } },
              { id: 'dlq' },
            ],
          },
          1200,
          seed,
        );
        const led = s.serverless!.ledgers()[0]!;
        expect(led.sent.length).toBeGreaterThan(100);
        let extra = 0;
        for (const id of led.sent) {
          const n = led.processed.get(id) ?? 0;
          expect(n > 0 || led.deadLettered.has(id)).toBe(true);
          extra += Math.max(0, n - 1);
        }
        const q = r.queues[0]!;
        expect(q.lost).toBe(0);
        expect(q.duplicates).toBe(extra);
        // conservation: every message put on the queue (copies included) was deleted or dead-lettered
        expect(q.deleted + q.deadLettered).toBe(q.sent);
        expect(q.depth + q.inFlight).toBe(0);
        expect(r.queues[1]!.sent).toBe(q.deadLettered);
        // a duplicate copy never lets the consumer run more batches at once than its pollers
        expect(s.serverless!.live().functions.find((f) => f.id === 'consumer')!.peakRunning).toBeLessThanOrEqual(8);
      }),
      { numRuns: 25, seed: 8 },
    );
  });
});

describe('throttling', () => {
  it('a burst above the reserved concurrency gets 429 for every invocation beyond the limit', () => {
    const { r } = run({
      functions: [fn('f', { reserved: 10, provisioned: 10, duration: { type: 'constant', value: 1 } })],
      buckets: [{ id: 'b', writes: { type: 'trace', format: 'timestamps', data: Array.from({ length: 100 }, () => 5) }, notify: [{ queue: 'q' }] }],
      queues: [{ id: 'q', consumer: { function: 'f', batchSize: 1, maxConcurrency: 1000 } }],
      gateways: [{ id: 'api', auth: 'none', routes: [{ path: '/f', function: 'f' }] }],
      http: [{ id: 'burst', gateway: 'api', route: '/f', arrival: { type: 'trace', format: 'timestamps', data: Array.from({ length: 100 }, () => 100) }, clients: [{ client: 'c', share: 1 }] }],
    });
    // the HTTP burst at 100 s: 100 requests at once, 10 run, 90 answered 429 by the function
    expect(r.gateways[0]).toMatchObject({ requests: 100, accepted: 100, functionThrottled: 90, ok: 10 });
    expect(r.functions[0]!.peakRunning).toBe(10);
  });

  it('steady load above the limit: the share of 429s is the Erlang loss formula B(λ·d, c) (reserved concurrency c, no queueing)', () => {
    const c = 10;
    const d = 0.1;
    const lambda = 200;
    const { r } = run(
      {
        functions: [fn('f', { reserved: c, provisioned: c, duration: { type: 'constant', value: d } })],
        gateways: [{ id: 'api', auth: 'none', routes: [{ path: '/f', function: 'f' }] }],
        http: [{ id: 'load', gateway: 'api', route: '/f', arrival: { type: 'poisson', rate: lambda }, clients: [{ client: 'c', share: 1 }] }],
      },
      300,
    );
    const a = lambda * d;
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= c; k++) {
      term *= a / k;
      sum += term;
    }
    const erlangB = term / sum; // ≈ 0.538 for a = 20, c = 10
    const f = r.functions[0]!;
    expect(f.invocations).toBeGreaterThan(55_000);
    expect(f.throttled / f.invocations).toBeCloseTo(erlangB, 1);
    expect(Math.abs(f.throttled / f.invocations - erlangB)).toBeLessThan(0.01);
  });
});

describe('API gateway', () => {
  const gw = (extra: Record<string, unknown> = {}) => ({
    functions: [fn('f', { duration: { type: 'constant', value: 0.01 } })],
    gateways: [{ id: 'api', rateLimit: { rate: 5, burst: 10 }, clients: [{ id: 'heavy' }, { id: 'light' }, { id: 'gold', rateLimit: { rate: 50, burst: 50 } }, { id: 'old', revoked: true }], routes: [{ path: '/x', function: 'f' }] }],
    http: [
      {
        id: 'mix',
        gateway: 'api',
        route: '/x',
        arrival: { type: 'poisson' as const, rate: 100 },
        clients: [
          { client: 'heavy', share: 40 },
          { client: 'light', share: 1 },
          { client: 'gold', share: 40 },
          { client: 'old', share: 5 },
          { client: 'stranger', share: 5 },
          { client: 'nokey', share: 9, noKey: true },
        ],
      },
    ],
    ...extra,
  });

  it('401 without a key or with an unknown one, 403 for a revoked key; the token bucket holds each client to its limit', () => {
    const T = 200;
    const { r } = run(gw(), T);
    const g = r.gateways[0]!;
    const c = Object.fromEntries(g.clients.map((x) => [x.id, x]));
    expect(c['stranger']).toMatchObject({ accepted: 0, unauthorized: c['stranger']!.requests });
    expect(c['(no key)']).toMatchObject({ accepted: 0, unauthorized: c['(no key)']!.requests });
    expect(c['old']).toMatchObject({ accepted: 0, forbidden: c['old']!.requests });
    // heavy offers about 40/s against 5/s + 10: held to its limit, and close to it
    expect(c['heavy']!.accepted).toBeLessThanOrEqual(10 + 5 * T);
    expect(c['heavy']!.accepted).toBeGreaterThan(0.97 * (10 + 5 * T));
    expect(c['heavy']!.rateLimited).toBe(c['heavy']!.requests - c['heavy']!.accepted);
    // gold has its own plan (50/s), light stays below 5/s: neither is limited
    expect(c['gold']!.rateLimited).toBe(0);
    expect(c['light']!.rateLimited).toBe(0);
    expect(g.requests).toBe(g.accepted + g.unauthorized + g.forbidden + g.rateLimited);
    expect(g.accepted).toBe(r.functions[0]!.invocations);
  });

  it('auth none: everyone is accepted (the rate limit still applies per client name)', () => {
    const b = gw();
    b.gateways[0] = { ...b.gateways[0]!, auth: 'none' } as (typeof b.gateways)[number];
    const { r } = run(b, 60);
    const g = r.gateways[0]!;
    expect(g.unauthorized + g.forbidden).toBe(0);
    expect(g.rateLimited).toBeGreaterThan(0);
  });
});

describe('topics, timers, storage and table events', () => {
  it('a topic fans out to every matching subscription; filters skip the rest', () => {
    const { r } = run({
      functions: [fn('src', { outputs: [{ to: { topic: 't' }, attributes: { kind: ['a', 'b'] } }] }), fn('all'), fn('only-a')],
      timers: [{ id: 'tick', function: 'src', every: 1 }],
      topics: [{ id: 't', subscriptions: [{ to: { function: 'all' } }, { to: { function: 'only-a' }, filter: { kind: ['a'] } }] }],
    }, 300);
    const t = r.topics[0]!;
    const fnOf = (id: string) => r.functions.find((f) => f.id === id)!;
    expect(t.published).toBe(fnOf('src').completed);
    expect(t.delivered + t.filtered).toBe(2 * t.published);
    expect(fnOf('all').invocations).toBe(t.published);
    expect(fnOf('only-a').invocations).toBe(t.published - t.filtered);
    expect(t.filtered / t.published).toBeGreaterThan(0.4);
    expect(t.filtered / t.published).toBeLessThan(0.6);
  });

  it('timers fire on their cron schedule or period; bucket and table writes become events', () => {
    const { r } = run({
      functions: [fn('cron'), fn('every'), fn('thumb'), fn('stream')],
      timers: [
        { id: 'c', function: 'cron', cron: '*/5 * * * *' },
        { id: 'e', function: 'every', every: 60 },
      ],
      buckets: [{ id: 'b', writes: { type: 'trace', format: 'timestamps', data: [1, 2, 3] }, notify: [{ function: 'thumb' }] }],
      tables: [{ id: 't', writes: { type: 'trace', format: 'timestamps', data: [4, 5] }, notify: [{ function: 'stream' }] }],
    }, '20m');
    const inv = Object.fromEntries(r.functions.map((f) => [f.id, f.invocations]));
    expect(inv).toEqual({ cron: 5, every: 20, thumb: 3, stream: 2 }); // cron at 0, 5, 10, 15, 20 min; every at 1..20 min
    expect(r.totals).toMatchObject({ timerFirings: 25, storageEvents: 3, tableEvents: 2 });
  });

  it('a throttled asynchronous invocation is retried twice (after 1 and 2 minutes), then dropped and counted', () => {
    const { r } = run({
      functions: [fn('f', { reserved: 0 })],
      timers: [{ id: 'once', function: 'f', cron: '0 1 * * *' }],
    }, '2h');
    expect(r.functions[0]).toMatchObject({ invocations: 3, throttled: 3, asyncDropped: 1 });
  });
});

describe('cost, memory, series and determinism', () => {
  it('cost from requests and GB-seconds at the scenario prices', () => {
    const { r } = run({
      prices: { perMillionRequests: 1_000_000, perGbSecond: 1 },
      functions: [fn('f', { memoryMb: 2048, duration: { type: 'constant', value: 0.25 } })],
      timers: [{ id: 't', function: 'f', every: 10 }],
    }, 100);
    // 10 invocations (10 s … 100 s; the last one ends after the run), 9 billed of 0.25 s × 2 GB
    expect(r.cost.requests).toBe(9);
    expect(r.cost.gbSeconds).toBeCloseTo(9 * 0.5, 9);
    expect(r.cost.totalUsd).toBeCloseTo(9 + 4.5, 9);
    expect(r.cost.byTenant).toEqual([{ tenant: 'default', totalUsd: r.cost.totalUsd }]);
    // latency percentiles of the finished invocations (the first waited 0 s of INIT: constant 0)
    expect(r.functions[0]!.p50).toBeCloseTo(0.25, 2);
    expect(r.functions[0]!.p95).toBeCloseTo(0.25, 2);
  });

  it('warm memory is held during keep-alive and falls to zero after it (scale to zero); the series show it', () => {
    const s = sim({ keepAlive: { type: 'fixed', ttl: 60 }, functions: [fn('f', { memoryMb: 512 })], timers: [{ id: 't', function: 'f', cron: '0 0 * * *' }] }, 300);
    s.runToEnd();
    const warm = s.series.column(serverlessColumn.fn('f', 'warmMb'))!;
    const time = s.series.time.subarray(0, s.series.length);
    const at = (t: number) => warm[time.indexOf(t)];
    expect(at(10)).toBe(512); // fired at 0, done at 0.5, kept until 60.5
    expect(at(60)).toBe(512);
    expect(at(70)).toBe(0);
    expect(s.serverlessLive()!.functions[0]).toMatchObject({ scaleToZero: 1, environments: 0, warmMb: 0 });
    expect(s.serverlessLive()!.totals.idleGbSeconds).toBeCloseTo(0.5 * 60, 6);
  });

  it('the event-driven preset fills the series columns the console reads', () => {
    const p = parseScenario({ ...SERVERLESS_PRESETS['event-driven']!.scenario, duration: '6m' });
    if (!p.ok) throw new Error('bad preset');
    const s = new Simulation(p.scenario);
    s.runToEnd();
    const max = (name: string) => Math.max(...s.series.column(name)!);
    expect(s.series.length).toBe(72); // every 5 s for 6 minutes
    expect(max(serverlessColumn.queue('payments', 'depth')) + max(serverlessColumn.queue('payments', 'inFlight'))).toBeGreaterThan(0);
    const dead = s.series.column(serverlessColumn.queue('payments', 'deadLettered'))!;
    expect(dead[dead.length - 1]).toBe(s.serverlessLive()!.queues[1]!.sent); // moved to payments-dlq
    expect(max(serverlessColumn.gateway('api', 'acceptedRate'))).toBeGreaterThan(5);
    expect(max(serverlessColumn.gateway('api', 'rejectedRate'))).toBeGreaterThan(0);
    expect(max(serverlessColumn.fn('orders', 'invocationsRate'))).toBeGreaterThan(5);
    expect(max(serverlessColumn.total('warmMb'))).toBeGreaterThan(0);
    const cost = s.series.column(serverlessColumn.total('costUsd'))!;
    expect(cost[cost.length - 1]).toBeCloseTo(s.serverlessLive()!.cost.totalUsd, 12);
    for (let i = 1; i < cost.length; i++) expect(cost[i]!).toBeGreaterThanOrEqual(cost[i - 1]!);
  });

  it('the same seed gives identical results; another seed differs', () => {
    const scenario = SERVERLESS_PRESETS['event-driven']!.scenario;
    const once = (seed: number) => {
      const p = parseScenario({ ...scenario, seed, duration: '6m' });
      if (!p.ok) throw new Error('bad preset');
      return JSON.stringify(new Simulation(p.scenario).runToEnd().serverless);
    };
    expect(once(3)).toBe(once(3));
    expect(once(3)).not.toBe(once(4));
  });
});

describe('scenario checks', () => {
  it('name unknown references and impossible settings in plain words', () => {
    const p = parseScenario({
      cumulo: 1,
      name: 'bad',
      duration: 60,
      serverless: {
        functions: [fn('f', { reserved: 2, provisioned: 3, timeout: 1000 })],
        gateways: [{ id: 'api', routes: [{ path: '/a', function: 'nope' }] }],
        http: [{ id: 'h', gateway: 'api', route: '/b', arrival: { type: 'poisson', rate: 1 }, clients: [{ client: 'x', share: 1 }] }],
        queues: [{ id: 'q', type: 'fifo', deadLetter: 'q' }, { id: 's', duplicateRate: 0.1, deadLetter: 'q' }],
        topics: [{ id: 't', subscriptions: [{ to: { topic: 'zz' } }] }],
        timers: [{ id: 'x', function: 'f', cron: '61 * * * *' }],
      },
    });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    const lines = p.errors.map(issueLine);
    for (const want of [
      /serverless\.functions\[0\]\.timeout.*at most 900/,
      /provisioned concurrency \(3\) cannot exceed reserved concurrency \(2\)/,
      /serverless\.gateways\[0\]\.routes\[0\]\.function.*unknown function "nope"/,
      /gateway "api" has no route "\/b"/,
      /a queue cannot be its own dead-letter queue/,
      /the dead-letter queue of a standard queue must be standard too/,
      /unknown topic "zz"/,
      /serverless\.timers\[0\]\.cron/,
    ])
      expect(lines.some((l) => want.test(l)), `${want} in ${lines.join(' | ')}`).toBe(true);
  });

  it('an empty block asks for a function', () => {
    const p = parseScenario({ cumulo: 1, name: 'empty', duration: 60, serverless: {} });
    expect(p.ok ? [] : p.errors.map(issueLine)).toEqual(['serverless.functions: needs at least one function (or an azureTrace to replay)']);
  });

  it('an Azure trace folder that was never read is a clear error, not a crash', () => {
    const p = parseScenario(SERVERLESS_PRESETS['serverless-azure']!.scenario);
    if (!p.ok) throw new Error('bad preset');
    expect(() => new Simulation(p.scenario)).toThrow(/serverless\.azureTrace: the trace folder "azure-functions-2019-invitro-100fn" has not been read/);
  });
});
