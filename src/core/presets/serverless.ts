import type { Preset } from './index';

/**
 * The serverless presets (registered in index.ts). `serverless-azure` replays the Azure Functions
 * 2019 sample from the traces folder (azure-functions-2019-invitro-100fn): the CLI reads it by path
 * (serverless.azureTrace.folder); it is never copied into the repository.
 */
export const SERVERLESS_PRESETS: Readonly<Record<string, Preset>> = {
  'event-driven': {
    title: 'Event-driven orders: gateway, topic, queues, retries and a dead-letter queue',
    description:
      'Shop clients call POST /orders through an API gateway (API keys, 20 requests/s per client with bursts of 40; one client sends without a key, one with a revoked key, one far above its limit). The order function publishes on a topic that fans out to a standard queue for payments (consumers fail 20 % of the time: retries with backoff, then the dead-letter queue) and, for express orders only (a filter), to a FIFO queue for shipping. A nightly-style timer runs a report every 5 minutes, and every upload to a bucket triggers a thumbnail function.',
    watch:
      'Watch the gateway split requests into accepted, 401, 403 and 429; the payments queue depth and the age of its oldest message while consumers fail and retry; dead letters growing slowly; cold starts at the beginning and after quiet spells; and the warm-pool memory falling back to zero minutes after the traffic stops.',
    question: 'If the payment consumers failed 60 % of the time instead of 20 %, what share of the messages would end in the dead-letter queue with 4 receives allowed, and what would it cost in extra invocations?',
    scenario: {
      cumulo: 1,
      name: 'Event-driven orders',
      seed: 8,
      duration: '20m',
      metricsInterval: '5s',
      serverless: {
        keepAlive: { type: 'fixed', ttl: '10m' },
        functions: [
          {
            id: 'orders',
            runtime: 'node',
            memoryMb: 256,
            timeout: '3s',
            duration: { type: 'lognormal', mean: 0.08, sd: 0.04 },
            outputs: [{ to: { topic: 'order-events' }, attributes: { kind: ['standard', 'standard', 'express'] } }],
          },
          { id: 'payments', runtime: 'python', memoryMb: 512, timeout: '10s', duration: { type: 'lognormal', mean: 0.4, sd: 0.2 }, failureRate: 0.2, reserved: 20 },
          { id: 'shipping', runtime: 'java', memoryMb: 1024, timeout: '10s', packageMb: 40, duration: { type: 'lognormal', mean: 0.3, sd: 0.1 } },
          { id: 'report', runtime: 'python', memoryMb: 1024, timeout: '60s', duration: { type: 'uniform', min: 5, max: 15 } },
          { id: 'thumbnail', runtime: 'node', memoryMb: 1536, timeout: '30s', duration: { type: 'lognormal', mean: 1.2, sd: 0.5 } },
        ],
        gateways: [
          {
            id: 'api',
            auth: 'api-key',
            rateLimit: { rate: 20, burst: 40 },
            clients: [{ id: 'web' }, { id: 'mobile' }, { id: 'partner', rateLimit: { rate: 5, burst: 10 } }, { id: 'old-app', revoked: true }],
            routes: [{ path: '/orders', function: 'orders' }],
          },
        ],
        http: [
          {
            id: 'shoppers',
            gateway: 'api',
            route: '/orders',
            arrival: { type: 'piecewise', points: [{ at: 0, rate: 10 }, { at: '5m', rate: 30 }, { at: '12m', rate: 30 }, { at: '14m', rate: 0 }], interpolation: 'linear' },
            clients: [
              { client: 'web', share: 5 },
              { client: 'mobile', share: 3 },
              { client: 'partner', share: 2 },
              { client: 'old-app', share: 0.3 },
              { client: 'anonymous', share: 0.3, noKey: true },
            ],
          },
        ],
        topics: [
          {
            id: 'order-events',
            subscriptions: [{ to: { queue: 'payments' } }, { to: { queue: 'shipping' }, filter: { kind: ['express'] } }],
          },
        ],
        queues: [
          {
            id: 'payments',
            type: 'standard',
            visibilityTimeout: '30s',
            maxReceives: 4,
            deadLetter: 'payments-dlq',
            retry: { base: '2s', factor: 2, max: '1m' },
            duplicateRate: 0.01,
            consumer: { function: 'payments', batchSize: 5, maxConcurrency: 20 },
          },
          { id: 'payments-dlq', type: 'standard' },
          { id: 'shipping', type: 'fifo', visibilityTimeout: '60s', maxReceives: 3, consumer: { function: 'shipping', batchSize: 10, maxConcurrency: 5 } },
        ],
        timers: [{ id: 'report-every-5m', function: 'report', cron: '*/5 * * * *' }],
        buckets: [{ id: 'uploads', writes: { type: 'poisson', rate: 0.5 }, notify: [{ function: 'thumbnail' }] }],
      },
    },
  },
  'serverless-azure': {
    title: 'Azure Functions 2019: 100 real functions under a keep-alive policy',
    description:
      'Replays 8 hours (minutes 480–959 of a day) of the Azure Functions 2019 trace sample: 100 functions, 339,657 invocations, each with its own per-minute counts, duration percentiles and memory (azure-functions-2019-invitro-100fn in the traces folder; the console cannot open files by path). Keep-alive is the fixed 10 minutes of AWS Lambda; switch keepAlive to hybrid (the histogram policy of "Serverless in the Wild") or to fixed 20 minutes (Azure) and compare.',
    watch:
      'Watch cold starts bunch up where rarely called functions wake up, the warm-pool memory that keep-alive holds for functions nobody calls, and how the idle memory and cold-start counts move when you change the keep-alive policy.',
    question: 'The hybrid policy learns each application\'s idle times. Which kind of function does it help most — one called every 5 minutes like clockwork, or one called at random a few times an hour — and why?',
    scenario: {
      cumulo: 1,
      name: 'Azure Functions 2019 sample',
      seed: 1,
      duration: '8h',
      metricsInterval: '1m',
      serverless: {
        keepAlive: { type: 'fixed', ttl: '10m' },
        azureTrace: { folder: 'azure-functions-2019-invitro-100fn' },
      },
    },
  },
};
