/**
 * The live view of a scenario's serverless block: what `Simulation.serverlessLive()` returns at any
 * moment of a run (plain data, safe to post from a worker), and the names of the series columns the
 * Simulation samples into its metrics store every `metricsInterval`.
 *
 * Counters are cumulative from the start of the run. Levels (running, environments, memory, queue
 * depth) are the values at the moment of the call. Series columns hold, per sample row: for rates
 * ("…Rate"), events per second during the interval ending at the row's time; for levels, the value
 * at the row's time; for memory, MB held at the row's time.
 *
 * Series column names (use `serverlessColumn` rather than spelling them out):
 *   fn.<id>.invocationsRate  fn.<id>.coldStartsRate  fn.<id>.throttledRate  fn.<id>.running
 *   fn.<id>.environments     fn.<id>.warmMb          fn.<id>.idleMb
 *   queue.<id>.depth         queue.<id>.inFlight     queue.<id>.oldestAge   queue.<id>.deadLettered
 *   gateway.<id>.acceptedRate  gateway.<id>.rejectedRate
 *   serverless.running  serverless.warmMb  serverless.idleMb  serverless.costUsd
 *   serverless.invocationsRate  serverless.coldStartsRate  serverless.throttledRate (over every function)
 */

/** One function, live. */
export interface LiveFunction {
  id: string;
  app: string;
  runtime: string;
  memoryMb: number;
  tenant: string | null;
  provisioned: number;
  /** Reserved concurrency, or null (shares the account's unreserved pool). */
  reserved: number | null;
  /** Every arrival, throttled or not. */
  invocations: number;
  completed: number;
  /** Ran and failed (the function's failureRate). */
  errors: number;
  timedOut: number;
  /** 429: concurrency (reserved or account) plus scaling-rate throttles. */
  throttled: number;
  coldStarts: number;
  /** coldStarts / started invocations (0 before any). */
  coldStartRatio: number;
  /** Seconds spent waiting for INIT, summed over cold invocations. */
  initSeconds: number;
  /** initSeconds / (INIT + execution seconds) of finished invocations (0 before any). */
  initShare: number;
  /** Latency (INIT wait + execution, s) percentiles of finished invocations (histogram, about 1 % resolution); null before any. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Invocations running now (concurrency). */
  running: number;
  peakRunning: number;
  /** Environments loaded now (busy, idle or initialising). */
  environments: number;
  /** Memory of all loaded environments (MB). */
  warmMb: number;
  /** Memory of loaded environments not running an invocation (MB). */
  idleMb: number;
  /** Times the function went from some environments to none. */
  scaleToZero: number;
  /** Asynchronous invocations (timers, topics, storage, outputs) given up after two retries. */
  asyncDropped: number;
  costUsd: number;
}

/** One API-key client of a gateway. */
export interface LiveGatewayClient {
  id: string;
  requests: number;
  /** Passed auth and rate limit, handed to the function. */
  accepted: number;
  /** 401: missing or unknown key. */
  unauthorized: number;
  /** 403: revoked key. */
  forbidden: number;
  /** 429 from this client's token bucket. */
  rateLimited: number;
  /** Tokens in the client's bucket now (null without a rate limit). */
  tokens: number | null;
}

export interface LiveGateway {
  id: string;
  requests: number;
  accepted: number;
  unauthorized: number;
  forbidden: number;
  rateLimited: number;
  /** Accepted requests the function throttled (429 returned to the client). */
  functionThrottled: number;
  /** Accepted requests that failed in the function (5xx) or timed out (504). */
  functionErrors: number;
  /** Accepted requests answered 200. */
  ok: number;
  /** Per client (keys of the gateway, then unknown names seen, in order of first request). */
  clients: LiveGatewayClient[];
}

export interface LiveQueue {
  id: string;
  type: 'standard' | 'fifo';
  /** Messages waiting (visible now or waiting out a retry delay): not in flight. */
  depth: number;
  /** Received and not yet deleted (hidden by the visibility timeout). */
  inFlight: number;
  /** Age (s) of the oldest message not yet deleted; 0 when empty. */
  oldestAge: number;
  /** Messages sent to the queue. */
  sent: number;
  /** Receives (deliveries to a consumer), duplicates and retries included. */
  received: number;
  /** Messages deleted after a successful processing. */
  deleted: number;
  /** Receives after the first of a message (retries). */
  retries: number;
  /** Successful processings beyond a message's first (a standard queue's extra copy, or a visibility timeout that ran out while the consumer still worked). */
  duplicates: number;
  /** Messages moved to the dead-letter queue. */
  deadLettered: number;
  /** Messages dropped after maxReceives without a dead-letter queue. */
  lost: number;
  /** FIFO: deliveries that would have broken the order within a message group (must stay 0). */
  orderViolations: number;
  /** Consumer pollers now (0 without a consumer). */
  pollers: number;
}

export interface LiveTopic {
  id: string;
  published: number;
  /** Deliveries to subscriptions (one message to k subscriptions counts k). */
  delivered: number;
  /** Deliveries skipped by a subscription filter. */
  filtered: number;
}

export interface LiveServerlessTotals {
  invocations: number;
  coldStarts: number;
  throttled: number;
  errors: number;
  timedOut: number;
  running: number;
  environments: number;
  warmMb: number;
  idleMb: number;
  /** ∫ idle memory dt so far, GB-s. */
  idleGbSeconds: number;
  /** Timer firings, bucket and table events so far. */
  timerFirings: number;
  storageEvents: number;
  tableEvents: number;
}

export interface LiveServerlessCost {
  requests: number;
  gbSeconds: number;
  requestsUsd: number;
  computeUsd: number;
  totalUsd: number;
  /** Per tenant (functions without one: "default"). */
  byTenant: Array<{ tenant: string; totalUsd: number }>;
}

export interface ServerlessLive {
  /** Simulated time of the view. */
  t: number;
  keepAlive: string;
  functions: LiveFunction[];
  gateways: LiveGateway[];
  queues: LiveQueue[];
  topics: LiveTopic[];
  totals: LiveServerlessTotals;
  cost: LiveServerlessCost;
}

/** Names of the serverless series columns in the Simulation's metrics store. */
export const serverlessColumn = {
  fn: (id: string, what: 'invocationsRate' | 'coldStartsRate' | 'throttledRate' | 'running' | 'environments' | 'warmMb' | 'idleMb') => `fn.${id}.${what}`,
  queue: (id: string, what: 'depth' | 'inFlight' | 'oldestAge' | 'deadLettered') => `queue.${id}.${what}`,
  gateway: (id: string, what: 'acceptedRate' | 'rejectedRate') => `gateway.${id}.${what}`,
  total: (what: 'running' | 'warmMb' | 'idleMb' | 'costUsd' | 'invocationsRate' | 'coldStartsRate' | 'throttledRate') => `serverless.${what}`,
} as const;

/** `SimulationResults.serverless`: the live view at the end of the run (same shape, final values). */
export type ServerlessResults = ServerlessLive;
