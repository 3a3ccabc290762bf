/**
 * A scenario's serverless block on the Simulation's kernel: the FaaS model (simulator.ts, attached
 * with `attachFaas`) plus the event-driven plumbing around it.
 *
 * - API gateway (HTTP triggers): each request of an `http` source picks a client by share; with
 *   `auth: api-key` a request without a key or with an unknown one gets 401, a revoked key 403; then
 *   the client's token bucket (its own or the gateway's rate limit) refuses it with 429 when empty;
 *   an accepted request invokes the route's function synchronously: the function's own 429
 *   (concurrency or scaling) is returned to the client as is, an error or a timeout as 5xx.
 * - Asynchronous invocations (timers, topics, buckets, tables, function outputs to a function):
 *   a failed invocation is retried twice, 1 and 2 minutes later (Lambda's async defaults), then
 *   dropped and counted (asyncDropped). Lambda keeps retrying a throttled event for up to 6 hours;
 *   we simplify that to the same two retries.
 * - Status codes follow HTTP's meaning (401: not authenticated, 403: authenticated but refused).
 *   AWS API Gateway's own API-key check answers 403 to a missing or unknown key as well; an
 *   authorizer answers 401 to a missing token.
 * - Queues (SQS rules): a received message is hidden for the visibility timeout and counts a
 *   receive; processed successfully it is deleted; a failed batch's messages are retried with the
 *   exponential backoff when `retry` is set, otherwise when their visibility timeout runs out (a
 *   throttled batch too); a message that has been received `maxReceives` times and fails again goes
 *   to the dead-letter queue (or is dropped and counted as lost without one). A visibility timeout
 *   that runs out while the consumer still works makes the message visible again: it may be
 *   processed twice, and once it has been received again the first consumer's delete carries a stale
 *   receipt and does not delete it (SQS: only the latest receipt handle deletes a message). Standard queues also deliver an extra copy of a received message with
 *   probability `duplicateRate` (at-least-once). Every successful processing beyond a message's
 *   first is counted as a duplicate. FIFO queues hand out a message group's messages in order, one
 *   batch of a group at a time (the group is locked while any of its messages is in flight or
 *   waiting out a retry), and count any out-of-order processing (orderViolations: stays 0).
 * - Consumers: pollers take batches of up to `batchSize` messages and invoke the function, at most
 *   one batch per poller. Pollers start at min(5, maxConcurrency) (Lambda polls with five) and every
 *   10 s move towards ceil(backlog / batchSize) (backlog: waiting, delayed and in-flight messages),
 *   growing by at most scaleUpPerMinute / 6 per step and shrinking at once, never below the five nor
 *   past maxConcurrency. A throttled batch stays hidden (visibility
 *   timeout) and its poller rests for `pollInterval`.
 * - A queue's `serviceConsumer` sends each message to a scenario service as one request (same
 *   pollers, batch of one): an OK response deletes it, anything else is a failed receive.
 * - Topics: a published message goes to every subscription whose filter matches its attributes
 *   (fan-out); the others count as filtered.
 * - Timers fire on their cron schedule or period; buckets and tables turn each write into an event.
 * - A function's outputs are emitted after each successful invocation started by the plumbing (not
 *   by trace replay), each with its probability; attribute values and FIFO groups are drawn from
 *   the function's seeded stream.
 *
 * Every random stream is named after its entity (RandomStream.forEntity), so adding an entity does
 * not change the draws of the others.
 */

import type { FunctionUsage } from '../billing/meter';
import { FUNCTION_PRICES } from '../billing/defaults';
import type { DistributionSpec } from '../engine/distributions';
import type { Kernel } from '../engine/kernel';
import { RandomStream } from '../engine/random';
import { nextFire, parseCron } from '../elasticity/scheduled';
import type { SeriesStore } from '../metrics/series';
import { durationSeconds } from '../scenario/duration';
import type { EventTargetSpec, ServerlessSpec } from '../scenario/schema';
import { makeArrivalProcess, type ArrivalProcess } from '../traffic/arrivals';
import type { LiveFunction, LiveGateway, LiveGatewayClient, LiveQueue, LiveTopic, ServerlessLive } from './live';
import { serverlessColumn } from './live';
import { backoffDelay, filterMatches, pollerTarget, TokenBucket } from './plumbing';
import { attachFaas, type FaasCore, type InvokeOutcome } from './simulator';
import type { FaasConfig, FaasFunctionSpec, KeepAliveSpec } from './types';

/** Per-function series are sampled for at most this many functions (the first ones); totals always. */
export const MAX_FUNCTION_SERIES = 25;
const SCALE_TICK = 10;
/** Lambda polls a queue with five pollers at least. */
const MIN_POLLERS = 5;
const ASYNC_RETRY_DELAYS = [60, 120];

const WAITING = 0;
const DELAYED = 1;
const IN_FLIGHT = 2;
const DONE = 3;
const GONE = 4;

interface Msg {
  /** The message's number (copies and dead-lettered moves keep it). */
  readonly id: number;
  readonly queue: number;
  readonly sentAt: number;
  readonly group: number;
  readonly seq: number;
  readonly attrs: Readonly<Record<string, string>>;
  receives: number;
  state: number;
  epoch: number;
}

interface QueueRt {
  readonly id: string;
  readonly index: number;
  readonly fifo: boolean;
  readonly vt: number;
  readonly maxReceives: number;
  readonly dlq: number;
  readonly retry: { base: number; factor: number; max: number } | null;
  readonly dupRate: number;
  readonly dupStream: RandomStream;
  /** fn ≥ 0: a function consumer; svc ≥ 0: a service consumer (one message per request). */
  readonly consumer: { fn: number; svc: number; batch: number; max: number; step: number; rest: number } | null;
  /** Standard: visible messages (index into msgs) with the epoch they were queued at; head pointer. */
  vis: number[];
  visEpoch: number[];
  visHead: number;
  /** FIFO: waiting messages per group, sorted by seq; messages held (in flight or delayed) per group. */
  groups: Map<number, number[]>;
  held: Map<number, number>;
  lastSeq: Map<number, number>;
  nextSeq: Map<number, number>;
  /** All messages sent here, in order; oldest not yet finished at `oldest`. */
  all: number[];
  oldest: number;
  nWaiting: number;
  nDelayed: number;
  nInFlight: number;
  pollers: number;
  busy: number;
  resting: number;
  sent: number;
  received: number;
  deleted: number;
  retries: number;
  duplicates: number;
  deadLettered: number;
  lost: number;
  orderViolations: number;
}

interface GatewayRt {
  readonly id: string;
  readonly apiKey: boolean;
  readonly routes: Map<string, number>;
  readonly known: Map<string, { revoked: boolean; rate: { rate: number; burst: number } | null }>;
  readonly defaultRate: { rate: number; burst: number } | null;
  readonly clients: Map<string, LiveGatewayClient & { bucket: TokenBucket | null }>;
  functionThrottled: number;
  functionErrors: number;
  ok: number;
  prevAccepted: number;
  prevRejected: number;
}

interface FnOut {
  readonly to: EventTargetSpec;
  readonly probability: number;
  readonly attrs: Array<[string, string[]]>;
  readonly groups: number;
}

interface Target {
  kind: 'function' | 'queue' | 'topic';
  index: number;
}

/** The message ledger of one queue (tests: at-least-once). */
export interface QueueLedger {
  queue: string;
  /** Message ids sent to the queue by producers (not moved there as dead letters). */
  sent: number[];
  /** Successful processings per message id (any queue). */
  processed: ReadonlyMap<number, number>;
  /** Message ids that ended in a dead-letter queue. */
  deadLettered: ReadonlySet<number>;
  /** Message ids still waiting, delayed or in flight somewhere. */
  pending: ReadonlySet<number>;
}

/** The FaaS model's form of the scenario's keep-alive block (durations in seconds). */
export function keepAliveOf(k: ServerlessSpec['keepAlive']): KeepAliveSpec {
  return k.type === 'fixed'
    ? { type: 'fixed', ttl: durationSeconds(k.ttl) }
    : {
        type: 'hybrid',
        range: durationSeconds(k.range),
        bin: durationSeconds(k.bin),
        head: k.head,
        tail: k.tail,
        margin: k.margin,
        fallbackTtl: durationSeconds(k.fallbackTtl),
      };
}

/** Translates the scenario's serverless block into the FaaS model's configuration. */
export function faasConfigOf(spec: ServerlessSpec, horizon: number): FaasConfig {
  const keepAlive = keepAliveOf(spec.keepAlive);
  const functions: FaasFunctionSpec[] = spec.functions.map((f) => ({
    id: f.id,
    ...(f.app !== undefined ? { app: f.app } : {}),
    runtime: f.runtime,
    memoryMb: f.memoryMb,
    timeout: durationSeconds(f.timeout),
    packageMb: f.packageMb,
    duration: f.duration.type === 'percentiles' ? { type: 'percentiles', points: f.duration.points.map(([p, v]) => [p, v] as [number, number]) } : (f.duration as DistributionSpec),
    ...(f.init ? { init: f.init as DistributionSpec } : {}),
    provisioned: f.provisioned,
    ...(f.reserved !== undefined ? { reserved: f.reserved } : {}),
    failureRate: f.failureRate,
  }));
  return {
    functions,
    invocations: spec.functions.flatMap((f) => (f.trace ? [{ function: f.id, perMinute: f.trace.perMinute }] : [])),
    keepAlive,
    account: { concurrencyLimit: spec.account.concurrencyLimit, scaling: { environments: spec.account.scaling.environments, per: durationSeconds(spec.account.scaling.per) } },
    prices: { ...(spec.prices ?? FUNCTION_PRICES) },
    horizon,
  };
}

/** How queues reach the scenario's services (the Simulation provides it). */
export interface ServiceLink {
  /** Index of a service id. */
  index(id: string): number;
  /** Sends one request to service `svc`; the Simulation calls `serviceDone(token, ok)` when it leaves. */
  send(svc: number, token: number): void;
}

export class ServerlessSystem {
  private readonly svcPending: Array<((ok: boolean) => void) | null> = [];
  private readonly svcFree: number[] = [];
  readonly core: FaasCore;
  private readonly fnIds: string[];
  private readonly fnSpecs: ServerlessSpec['functions'];
  private readonly outputs: FnOut[][];
  private readonly outStreams: RandomStream[];
  private readonly asyncDropped: Float64Array;
  private readonly queues: QueueRt[];
  private readonly msgs: Msg[] = [];
  private readonly processed = new Map<number, number>();
  private readonly dead = new Set<number>();
  private readonly sentBy: number[][];
  private readonly topics: Array<{ id: string; subs: Array<{ to: Target; filter?: Record<string, string[]> }>; published: number; delivered: number; filtered: number }>;
  private readonly gateways: GatewayRt[];
  private readonly http: Array<{ gateway: number; fn: number; proc: ArrivalProcess; pick: RandomStream; cum: number[]; clients: Array<{ name: string; noKey: boolean }> }>;
  private readonly timers: Array<{ fn: number; cron: ReturnType<typeof parseCron> | null; every: number }>;
  private readonly stores: Array<{ kind: 'bucket' | 'table'; id: string; proc: ArrivalProcess | null; notify: Target[] }>;
  private readonly retries: Array<{ fn: number; attempt: number }> = [];
  private readonly freeRetries: number[] = [];
  private nextMsgId = 0;
  private timerFirings = 0;
  private storageEvents = 0;
  private tableEvents = 0;
  private readonly K: Record<'http' | 'vt' | 'visible' | 'scale' | 'rest' | 'timer' | 'write' | 'retry', number>;
  private readonly prevFn: Float64Array;
  /** Totals at the previous sample row (for the serverless.*Rate columns). */
  private prevTotals = { invocations: 0, coldStarts: 0, throttled: 0 };
  private cols: { fn: Int32Array[]; queue: Int32Array[]; gateway: Int32Array[]; total: Int32Array } | null = null;

  constructor(
    readonly spec: ServerlessSpec,
    private readonly kernel: Kernel,
    seed: number,
    private readonly endTime: number,
    private readonly services: ServiceLink | null = null,
  ) {
    if (spec.azureTrace)
      throw new Error(`serverless.azureTrace: the trace folder "${spec.azureTrace.folder}" has not been read (npm run sim reads it from the traces folder; the console imports the three files)`);
    this.core = attachFaas(kernel, faasConfigOf(spec, endTime), { seed });
    this.fnIds = spec.functions.map((f) => f.id);
    this.fnSpecs = spec.functions;
    const fnIndex = this.core.index;
    const queueIndex = new Map(spec.queues.map((q, i) => [q.id, i] as const));
    const topicIndex = new Map(spec.topics.map((t, i) => [t.id, i] as const));
    const target = (t: EventTargetSpec): Target =>
      'function' in t ? { kind: 'function', index: fnIndex.get(t.function)! } : 'queue' in t ? { kind: 'queue', index: queueIndex.get(t.queue)! } : { kind: 'topic', index: topicIndex.get(t.topic)! };
    this.outputs = spec.functions.map((f) => f.outputs.map((o) => ({ to: o.to, probability: o.probability, attrs: Object.entries(o.attributes ?? {}), groups: o.messageGroups ?? 1 })));
    this.outStreams = spec.functions.map((f) => RandomStream.forEntity(seed, `serverless/function/${f.id}/outputs`));
    this.asyncDropped = new Float64Array(spec.functions.length);
    this.prevFn = new Float64Array(spec.functions.length * 3);
    this.sentBy = spec.queues.map(() => []);
    this.queues = spec.queues.map((q, index) => ({
      id: q.id,
      index,
      fifo: q.type === 'fifo',
      vt: durationSeconds(q.visibilityTimeout),
      maxReceives: q.maxReceives,
      dlq: q.deadLetter === undefined ? -1 : queueIndex.get(q.deadLetter)!,
      retry: q.retry ? { base: durationSeconds(q.retry.base), factor: q.retry.factor, max: durationSeconds(q.retry.max) } : null,
      dupRate: q.type === 'fifo' ? 0 : q.duplicateRate,
      dupStream: RandomStream.forEntity(seed, `serverless/queue/${q.id}/duplicates`),
      consumer: q.consumer
        ? {
            fn: fnIndex.get(q.consumer.function)!,
            svc: -1,
            batch: q.consumer.batchSize,
            max: q.consumer.maxConcurrency,
            step: Math.max(1, Math.round(q.consumer.scaleUpPerMinute / 6)),
            rest: durationSeconds(q.consumer.pollInterval),
          }
        : q.serviceConsumer && services
          ? {
              fn: -1,
              svc: services.index(q.serviceConsumer.service),
              batch: 1,
              max: q.serviceConsumer.maxConcurrency,
              step: Math.max(1, Math.round(q.serviceConsumer.scaleUpPerMinute / 6)),
              rest: 1,
            }
          : null,
      vis: [],
      visEpoch: [],
      visHead: 0,
      groups: new Map(),
      held: new Map(),
      lastSeq: new Map(),
      nextSeq: new Map(),
      all: [],
      oldest: 0,
      nWaiting: 0,
      nDelayed: 0,
      nInFlight: 0,
      pollers: q.consumer ? Math.min(MIN_POLLERS, q.consumer.maxConcurrency) : q.serviceConsumer && services ? Math.min(MIN_POLLERS, q.serviceConsumer.maxConcurrency) : 0,
      busy: 0,
      resting: 0,
      sent: 0,
      received: 0,
      deleted: 0,
      retries: 0,
      duplicates: 0,
      deadLettered: 0,
      lost: 0,
      orderViolations: 0,
    }));
    this.topics = spec.topics.map((t) => ({
      id: t.id,
      subs: t.subscriptions.map((s) => ({ to: target(s.to), ...(s.filter ? { filter: s.filter } : {}) })),
      published: 0,
      delivered: 0,
      filtered: 0,
    }));
    this.gateways = spec.gateways.map((g) => ({
      id: g.id,
      apiKey: g.auth === 'api-key',
      routes: new Map(g.routes.map((r) => [r.path, fnIndex.get(r.function)!] as const)),
      known: new Map(g.clients.map((c) => [c.id, { revoked: c.revoked, rate: c.rateLimit ?? null }] as const)),
      defaultRate: g.rateLimit ?? null,
      clients: new Map(),
      functionThrottled: 0,
      functionErrors: 0,
      ok: 0,
      prevAccepted: 0,
      prevRejected: 0,
    }));
    for (const g of this.gateways) for (const name of g.known.keys()) this.client(g, name);
    const gwIndex = new Map(spec.gateways.map((g, i) => [g.id, i] as const));
    this.http = spec.http.map((h) => {
      const gateway = gwIndex.get(h.gateway)!;
      let acc = 0;
      return {
        gateway,
        fn: this.gateways[gateway]!.routes.get(h.route)!,
        proc: makeArrivalProcess(h.arrival, RandomStream.forEntity(seed, `serverless/http/${h.id}/arrivals`)),
        pick: RandomStream.forEntity(seed, `serverless/http/${h.id}/clients`),
        cum: h.clients.map((c) => (acc += c.share)),
        clients: h.clients.map((c) => ({ name: c.client, noKey: c.noKey })),
      };
    });
    this.timers = spec.timers.map((t) => ({ fn: fnIndex.get(t.function)!, cron: t.cron !== undefined ? parseCron(t.cron) : null, every: t.every !== undefined ? durationSeconds(t.every) : 0 }));
    this.stores = [
      ...spec.buckets.map((b) => ({ kind: 'bucket' as const, id: b.id, proc: b.writes ? makeArrivalProcess(b.writes, RandomStream.forEntity(seed, `serverless/bucket/${b.id}/writes`)) : null, notify: b.notify.map(target) })),
      ...spec.tables.map((b) => ({ kind: 'table' as const, id: b.id, proc: b.writes ? makeArrivalProcess(b.writes, RandomStream.forEntity(seed, `serverless/table/${b.id}/writes`)) : null, notify: b.notify.map(target) })),
    ];
    this.K = {
      http: kernel.register('sl.http', (i) => this.onHttp(i)),
      vt: kernel.register('sl.visibility-timeout', (m, epoch) => this.onVisibilityTimeout(m, epoch)),
      visible: kernel.register('sl.retry-visible', (m, epoch) => this.onDelayOver(m, epoch)),
      scale: kernel.register('sl.consumer-scale', (q) => this.onScale(q)),
      rest: kernel.register('sl.consumer-rest', (q) => {
        this.queues[q]!.resting--;
        this.pump(this.queues[q]!);
      }),
      timer: kernel.register('sl.timer', (i) => this.onTimer(i)),
      write: kernel.register('sl.write', (i) => this.onWrite(i)),
      retry: kernel.register('sl.async-retry', (i) => {
        const r = this.retries[i]!;
        this.freeRetries.push(i);
        this.invokeAsync(r.fn, r.attempt);
      }),
    };
  }

  /** Starts the sources (call once, at time 0). */
  start(): void {
    const k = this.kernel;
    this.core.start();
    this.http.forEach((h, i) => {
      const t = h.proc.next(0);
      if (t <= this.endTime) k.scheduleAt(t, this.K.http, i);
    });
    this.timers.forEach((t, i) => {
      const first = t.cron ? (t.cron.ok ? nextFire(t.cron.cron, -1) : null) : t.every;
      if (first !== null && first <= this.endTime) k.scheduleAt(first, this.K.timer, i);
    });
    this.stores.forEach((s, i) => {
      if (!s.proc) return;
      const t = s.proc.next(0);
      if (t <= this.endTime) k.scheduleAt(t, this.K.write, i);
    });
    this.queues.forEach((q) => {
      if (q.consumer) k.scheduleAt(SCALE_TICK, this.K.scale, q.index);
    });
  }

  // ---------------------------------------------------------------- invocations

  /** Invokes a function; its outputs follow a successful end. False when throttled. */
  private invoke(fn: number, done: ((o: InvokeOutcome) => void) | null): boolean {
    return this.core.invoke(fn, (o) => {
      if (o === 'ok') this.emitOutputs(fn);
      if (done) done(o);
    });
  }

  private invokeAsync(fn: number, attempt: number): void {
    const retry = (): void => {
      if (attempt >= ASYNC_RETRY_DELAYS.length) {
        this.asyncDropped[fn]!++;
        return;
      }
      const at = this.freeRetries.length > 0 ? this.freeRetries.pop()! : this.retries.length;
      this.retries[at] = { fn, attempt: attempt + 1 };
      this.kernel.schedule(ASYNC_RETRY_DELAYS[attempt]!, this.K.retry, at);
    };
    if (!this.invoke(fn, (o) => (o === 'ok' ? undefined : retry()))) retry();
  }

  private emitOutputs(fn: number): void {
    const outs = this.outputs[fn]!;
    if (outs.length === 0) return;
    const rng = this.outStreams[fn]!;
    for (const o of outs) {
      if (o.probability < 1 && !(rng.next() < o.probability)) continue;
      const attrs: Record<string, string> = {};
      for (const [key, values] of o.attrs) attrs[key] = values[rng.below(values.length)]!;
      const group = o.groups > 1 ? rng.below(o.groups) : 0;
      const to = o.to;
      if ('function' in to) this.invokeAsync(this.core.index.get(to.function)!, 0);
      else if ('queue' in to) this.send(this.queues.findIndex((q) => q.id === to.queue), attrs, group);
      else this.publish(this.topics.findIndex((t) => t.id === to.topic), attrs);
    }
  }

  private deliver(t: Target, attrs: Record<string, string>): void {
    if (t.kind === 'function') this.invokeAsync(t.index, 0);
    else if (t.kind === 'queue') this.send(t.index, attrs, 0);
    else this.publish(t.index, attrs);
  }

  // ---------------------------------------------------------------- topics

  /** Publishes a message on topic `ti` (fan-out to the matching subscriptions). */
  publish(ti: number, attrs: Record<string, string>): void {
    const t = this.topics[ti]!;
    t.published++;
    for (const s of t.subs) {
      if (!filterMatches(s.filter, attrs)) {
        t.filtered++;
        continue;
      }
      t.delivered++;
      this.deliver(s.to, attrs);
    }
  }

  // ---------------------------------------------------------------- queues

  /** Sends a new message to queue `qi` (a producer's send). */
  send(qi: number, attrs: Record<string, string>, group: number): void {
    const id = this.nextMsgId++;
    this.sentBy[qi]!.push(id);
    this.enqueue(qi, id, attrs, group, 0);
  }

  private enqueue(qi: number, id: number, attrs: Readonly<Record<string, string>>, group: number, receives: number): void {
    const q = this.queues[qi]!;
    const seq = q.nextSeq.get(group) ?? 0;
    q.nextSeq.set(group, seq + 1);
    const m: Msg = { id, queue: qi, sentAt: this.kernel.now, group, seq, attrs, receives, state: WAITING, epoch: 0 };
    const mi = this.msgs.length;
    this.msgs.push(m);
    q.all.push(mi);
    q.sent++;
    this.makeWaiting(q, mi);
    this.pump(q);
  }

  private makeWaiting(q: QueueRt, mi: number): void {
    const m = this.msgs[mi]!;
    m.state = WAITING;
    m.epoch++;
    q.nWaiting++;
    if (q.fifo) {
      let list = q.groups.get(m.group);
      if (!list) q.groups.set(m.group, (list = []));
      // keep the group's waiting messages in sequence order (a returning message goes back in front)
      let i = list.length;
      while (i > 0 && this.msgs[list[i - 1]!]!.seq > m.seq) i--;
      list.splice(i, 0, mi);
    } else {
      q.vis.push(mi);
      q.visEpoch.push(m.epoch);
    }
  }

  private hold(q: QueueRt, m: Msg, d: number): void {
    if (q.fifo) q.held.set(m.group, (q.held.get(m.group) ?? 0) + d);
  }

  /** Takes up to n receivable messages (standard: oldest visible first; FIFO: one unlocked group, in order). */
  private take(q: QueueRt, n: number): number[] {
    const out: number[] = [];
    if (q.fifo) {
      for (const [g, list] of q.groups) {
        if (list.length === 0 || (q.held.get(g) ?? 0) > 0) continue;
        while (out.length < n && list.length > 0) out.push(list.shift()!);
        break;
      }
    } else {
      while (out.length < n && q.visHead < q.vis.length) {
        const mi = q.vis[q.visHead]!;
        const e = q.visEpoch[q.visHead]!;
        q.visHead++;
        const m = this.msgs[mi]!;
        if (m.state === WAITING && m.epoch === e) out.push(mi);
      }
      if (q.visHead > 1024 && q.visHead * 2 > q.vis.length) {
        q.vis.splice(0, q.visHead);
        q.visEpoch.splice(0, q.visHead);
        q.visHead = 0;
      }
    }
    return out;
  }

  /** Hands batches to idle pollers while there are messages to receive. */
  private pump(q: QueueRt): void {
    const c = q.consumer;
    if (!c) return;
    while (q.busy + q.resting < q.pollers && q.nWaiting > 0) {
      const batch = this.take(q, c.batch);
      if (batch.length === 0) return;
      const now = this.kernel.now;
      const copies: number[] = [];
      for (const mi of batch) {
        const m = this.msgs[mi]!;
        q.nWaiting--;
        q.nInFlight++;
        m.state = IN_FLIGHT;
        m.epoch++;
        m.receives++;
        q.received++;
        if (m.receives > 1) q.retries++;
        this.hold(q, m, 1);
        this.kernel.scheduleAt(now + q.vt, this.K.vt, mi, m.epoch);
        // at-least-once: the same message is delivered once more (a second copy), queued once this
        // batch is dispatched, so the copy's own pump sees this poller as busy
        if (q.dupRate > 0 && q.dupStream.next() < q.dupRate) copies.push(mi);
      }
      const epochs = batch.map((mi) => this.msgs[mi]!.epoch);
      q.busy++;
      const finish = (ok: boolean): void => {
        q.busy--;
        this.batchDone(q, batch, epochs, ok);
        this.pump(q);
      };
      let accepted = true;
      if (c.svc >= 0) {
        const token = this.svcFree.length > 0 ? this.svcFree.pop()! : this.svcPending.length;
        this.svcPending[token] = finish;
        this.services!.send(c.svc, token);
      } else accepted = this.invoke(c.fn, (o) => finish(o === 'ok'));
      if (!accepted) {
        // throttled: the messages stay hidden until their visibility timeout; the poller rests
        q.busy--;
        q.resting++;
        this.kernel.schedule(c.rest, this.K.rest, q.index);
      }
      for (const mi of copies) {
        const m = this.msgs[mi]!;
        this.enqueue(q.index, m.id, m.attrs, m.group, 0);
      }
    }
  }

  private batchDone(q: QueueRt, batch: number[], epochs: number[], ok: boolean): void {
    for (let i = 0; i < batch.length; i++) {
      const mi = batch[i]!;
      const m = this.msgs[mi]!;
      const mine = m.state === IN_FLIGHT && m.epoch === epochs[i];
      if (ok) {
        const n = (this.processed.get(m.id) ?? 0) + 1;
        this.processed.set(m.id, n);
        if (n > 1) q.duplicates++;
        // order is a property of first processings: a message processed again after its visibility
        // timeout ran out is a duplicate (counted above), not an out-of-order delivery
        if (q.fifo && n === 1) {
          const last = q.lastSeq.get(m.group) ?? -1;
          if (m.seq < last) q.orderViolations++;
          else q.lastSeq.set(m.group, m.seq);
        }
        // delete: in flight for this batch, or waiting again after its visibility timeout ran out
        if (mine) {
          q.nInFlight--;
          this.hold(q, m, -1);
          this.finishMsg(q, m, DONE);
          q.deleted++;
        } else if (m.state === WAITING || m.state === DELAYED) {
          if (m.state === WAITING) {
            q.nWaiting--;
            if (q.fifo) this.removeWaiting(q, mi);
          } else {
            q.nDelayed--;
            this.hold(q, m, -1);
          }
          this.finishMsg(q, m, DONE);
          q.deleted++;
        }
      } else if (mine) {
        this.failMsg(q, mi);
      }
    }
  }

  private removeWaiting(q: QueueRt, mi: number): void {
    const list = q.groups.get(this.msgs[mi]!.group);
    const i = list ? list.indexOf(mi) : -1;
    if (i >= 0) list!.splice(i, 1);
  }

  private finishMsg(q: QueueRt, m: Msg, state: number): void {
    m.state = state;
    m.epoch++;
    while (q.oldest < q.all.length && this.msgs[q.all[q.oldest]!]!.state >= DONE) q.oldest++;
  }

  /** A failed receive of an in-flight message: dead-letter it, or retry after the backoff (else the visibility timeout). */
  private failMsg(q: QueueRt, mi: number): void {
    const m = this.msgs[mi]!;
    if (m.receives >= q.maxReceives) {
      q.nInFlight--;
      this.hold(q, m, -1);
      this.deadLetter(q, m);
      return;
    }
    if (q.retry) {
      q.nInFlight--;
      q.nDelayed++;
      m.state = DELAYED;
      m.epoch++;
      this.kernel.schedule(backoffDelay(m.receives, q.retry.base, q.retry.factor, q.retry.max), this.K.visible, mi, m.epoch);
    }
    // without a retry policy the message reappears when its visibility timeout runs out
  }

  private deadLetter(q: QueueRt, m: Msg): void {
    this.finishMsg(q, m, GONE);
    if (q.dlq >= 0) {
      q.deadLettered++;
      this.dead.add(m.id);
      this.enqueue(q.dlq, m.id, m.attrs, m.group, 0);
    } else q.lost++;
  }

  private onVisibilityTimeout(mi: number, epoch: number): void {
    const m = this.msgs[mi]!;
    if (m.state !== IN_FLIGHT || m.epoch !== epoch) return;
    const q = this.queues[m.queue]!;
    q.nInFlight--;
    this.hold(q, m, -1);
    if (m.receives >= q.maxReceives) {
      this.deadLetter(q, m);
      return;
    }
    this.makeWaiting(q, mi);
    this.pump(q);
  }

  private onDelayOver(mi: number, epoch: number): void {
    const m = this.msgs[mi]!;
    if (m.state !== DELAYED || m.epoch !== epoch) return;
    const q = this.queues[m.queue]!;
    q.nDelayed--;
    this.hold(q, m, -1);
    this.makeWaiting(q, mi);
    this.pump(q);
  }

  private onScale(qi: number): void {
    const q = this.queues[qi]!;
    const c = q.consumer!;
    q.pollers = Math.max(Math.min(MIN_POLLERS, c.max), pollerTarget(q.nWaiting + q.nDelayed + q.nInFlight, c.batch, c.max, q.pollers, c.step));
    this.pump(q);
    const next = this.kernel.now + SCALE_TICK;
    if (next <= this.endTime) this.kernel.scheduleAt(next, this.K.scale, qi);
  }

  /** A request a queue sent to a service has left it (called by the Simulation, from a kernel event). */
  serviceDone(token: number, ok: boolean): void {
    const f = this.svcPending[token];
    if (!f) return;
    this.svcPending[token] = null;
    this.svcFree.push(token);
    f(ok);
  }

  // ---------------------------------------------------------------- gateway, timers, stores

  private client(g: GatewayRt, name: string): LiveGatewayClient & { bucket: TokenBucket | null } {
    let c = g.clients.get(name);
    if (!c) {
      const rate = g.known.get(name)?.rate ?? g.defaultRate;
      c = { id: name, requests: 0, accepted: 0, unauthorized: 0, forbidden: 0, rateLimited: 0, tokens: null, bucket: rate ? new TokenBucket(rate.rate, rate.burst, this.kernel.now) : null };
      g.clients.set(name, c);
    }
    return c;
  }

  private onHttp(i: number): void {
    const h = this.http[i]!;
    const now = this.kernel.now;
    const next = h.proc.next(now);
    if (next <= this.endTime) this.kernel.scheduleAt(next, this.K.http, i);
    const total = h.cum[h.cum.length - 1]!;
    const u = h.pick.next() * total;
    let k = 0;
    while (k < h.cum.length - 1 && u >= h.cum[k]!) k++;
    this.request(h.gateway, h.fn, h.clients[k]!.name, h.clients[k]!.noKey);
  }

  /** One HTTP request through gateway `gi` to function `fn`: its status code (200 once the function finishes; 202 meaning: handed over). */
  request(gi: number, fn: number, clientName: string, noKey: boolean): 202 | 401 | 403 | 429 {
    const g = this.gateways[gi]!;
    const known = g.known.get(clientName);
    const c = this.client(g, noKey ? '(no key)' : clientName);
    c.requests++;
    if (g.apiKey && (noKey || !known)) {
      c.unauthorized++;
      return 401;
    }
    if (g.apiKey && known!.revoked) {
      c.forbidden++;
      return 403;
    }
    if (c.bucket && !c.bucket.take(this.kernel.now)) {
      c.rateLimited++;
      return 429;
    }
    c.accepted++;
    const ok = this.invoke(fn, (o) => {
      if (o === 'ok') g.ok++;
      else g.functionErrors++;
    });
    if (!ok) {
      g.functionThrottled++;
      return 429;
    }
    return 202;
  }

  private onTimer(i: number): void {
    const t = this.timers[i]!;
    this.timerFirings++;
    this.invokeAsync(t.fn, 0);
    const now = this.kernel.now;
    const next = t.cron ? (t.cron.ok ? nextFire(t.cron.cron, now) : null) : now + t.every;
    if (next !== null && next <= this.endTime) this.kernel.scheduleAt(next, this.K.timer, i);
  }

  private onWrite(i: number): void {
    const s = this.stores[i]!;
    const now = this.kernel.now;
    const next = s.proc!.next(now);
    if (next <= this.endTime) this.kernel.scheduleAt(next, this.K.write, i);
    if (s.kind === 'bucket') this.storageEvents++;
    else this.tableEvents++;
    const attrs: Record<string, string> = s.kind === 'bucket' ? { source: 'bucket', bucket: s.id, event: 'ObjectCreated' } : { source: 'table', table: s.id, event: 'INSERT' };
    for (const t of s.notify) this.deliver(t, attrs);
  }

  // ---------------------------------------------------------------- reading

  /** Each queue's ledger (for checks of the delivery guarantees). */
  ledgers(): QueueLedger[] {
    const pending = new Set<number>();
    for (const m of this.msgs) if (m.state < DONE) pending.add(m.id);
    return this.queues.map((q, i) => ({ queue: q.id, sent: this.sentBy[i]!, processed: this.processed, deadLettered: this.dead, pending }));
  }

  private queueLive(q: QueueRt): LiveQueue {
    const now = this.kernel.now;
    const oldest = q.oldest < q.all.length ? now - this.msgs[q.all[q.oldest]!]!.sentAt : 0;
    return {
      id: q.id,
      type: q.fifo ? 'fifo' : 'standard',
      depth: q.nWaiting + q.nDelayed,
      inFlight: q.nInFlight,
      oldestAge: oldest,
      sent: q.sent,
      received: q.received,
      deleted: q.deleted,
      retries: q.retries,
      duplicates: q.duplicates,
      deadLettered: q.deadLettered,
      lost: q.lost,
      orderViolations: q.orderViolations,
      pollers: q.consumer ? q.pollers : 0,
    };
  }

  private gatewayLive(g: GatewayRt): LiveGateway {
    const now = this.kernel.now;
    const clients = [...g.clients.values()].map(({ bucket, ...c }) => ({ ...c, tokens: bucket ? bucket.tokens(now) : null }));
    const sum = (k: 'requests' | 'accepted' | 'unauthorized' | 'forbidden' | 'rateLimited') => clients.reduce((a, c) => a + c[k], 0);
    return {
      id: g.id,
      requests: sum('requests'),
      accepted: sum('accepted'),
      unauthorized: sum('unauthorized'),
      forbidden: sum('forbidden'),
      rateLimited: sum('rateLimited'),
      functionThrottled: g.functionThrottled,
      functionErrors: g.functionErrors,
      ok: g.ok,
      clients,
    };
  }

  /**
   * Each function's billed requests and GB-seconds per clock hour, priced, for the invoices: the
   * invocations that had ended by `upTo` (exact at every FAAS_USAGE_BIN_SECONDS; default: all).
   */
  billedUsage(region: string, upTo = Infinity): FunctionUsage[] {
    const p = this.spec.prices ?? FUNCTION_PRICES;
    return this.core.hourlyUsage(upTo).map((u, i) => ({
      id: u.id,
      tenant: this.fnSpecs[i]!.tenant ?? 'shared',
      region,
      memoryMb: u.memoryMb,
      binSeconds: 3600,
      requests: u.requests,
      gbSeconds: u.gbSeconds,
      perRequest: p.perMillionRequests / 1e6,
      perGbSecond: p.perGbSecond,
    }));
  }

  live(): ServerlessLive {
    const now = this.kernel.now;
    const p = this.spec.prices ?? FUNCTION_PRICES;
    const fl = this.core.liveFunctions();
    const byTenant = new Map<string, number>();
    let requests = 0;
    let gbSeconds = 0;
    const totals = { invocations: 0, coldStarts: 0, throttled: 0, errors: 0, timedOut: 0, running: 0, environments: 0, warmMb: 0, idleMb: 0 };
    const functions: LiveFunction[] = fl.map((f, i) => {
      const spec = this.fnSpecs[i]!;
      const started = f.invocations - f.throttled;
      const costUsd = (f.requests / 1e6) * p.perMillionRequests + f.gbSeconds * p.perGbSecond;
      const tenant = spec.tenant ?? 'default';
      byTenant.set(tenant, (byTenant.get(tenant) ?? 0) + costUsd);
      requests += f.requests;
      gbSeconds += f.gbSeconds;
      const warmMb = f.environments * f.memoryMb;
      const idleMb = f.idleEnvironments * f.memoryMb;
      totals.invocations += f.invocations;
      totals.coldStarts += f.coldStarts;
      totals.throttled += f.throttled;
      totals.errors += f.errors;
      totals.timedOut += f.timedOut;
      totals.running += f.running;
      totals.environments += f.environments;
      totals.warmMb += warmMb;
      totals.idleMb += idleMb;
      return {
        id: f.id,
        app: spec.app ?? spec.id,
        runtime: spec.runtime,
        memoryMb: f.memoryMb,
        tenant: spec.tenant ?? null,
        provisioned: spec.provisioned,
        reserved: spec.reserved ?? null,
        invocations: f.invocations,
        completed: f.completed,
        errors: f.errors,
        timedOut: f.timedOut,
        throttled: f.throttled,
        coldStarts: f.coldStarts,
        coldStartRatio: started > 0 ? f.coldStarts / started : 0,
        initSeconds: f.initSeconds,
        initShare: f.latencySeconds > 0 ? f.initSeconds / f.latencySeconds : 0,
        p50: f.p50,
        p95: f.p95,
        p99: f.p99,
        running: f.running,
        peakRunning: f.peakRunning,
        environments: f.environments,
        warmMb,
        idleMb,
        scaleToZero: f.scaleToZero,
        asyncDropped: this.asyncDropped[i]!,
        costUsd,
      };
    });
    const requestsUsd = (requests / 1e6) * p.perMillionRequests;
    const computeUsd = gbSeconds * p.perGbSecond;
    return {
      t: now,
      keepAlive: this.core.policyName,
      functions,
      gateways: this.gateways.map((g) => this.gatewayLive(g)),
      queues: this.queues.map((q) => this.queueLive(q)),
      topics: this.topics.map((t): LiveTopic => ({ id: t.id, published: t.published, delivered: t.delivered, filtered: t.filtered })),
      totals: {
        ...totals,
        idleGbSeconds: this.core.memory().idleMbSeconds / 1024,
        timerFirings: this.timerFirings,
        storageEvents: this.storageEvents,
        tableEvents: this.tableEvents,
      },
      cost: {
        requests,
        gbSeconds,
        requestsUsd,
        computeUsd,
        totalUsd: requestsUsd + computeUsd,
        byTenant: [...byTenant].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([tenant, totalUsd]) => ({ tenant, totalUsd })),
      },
    };
  }

  /**
   * Replaces every function's keep-alive policy from now on (see FaasCore.setPolicy). The block is
   * validated by the scenario schema; an impossible one comes back as a sentence, never thrown.
   */
  setKeepAlive(k: ServerlessSpec['keepAlive']): { ok: true } | { ok: false; error: string } {
    try {
      this.core.setPolicy(keepAliveOf(k));
      return { ok: true };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Adds the serverless series columns (see live.ts for the names). */
  addColumns(series: SeriesStore): void {
    const C = serverlessColumn;
    this.cols = {
      fn: this.fnIds.slice(0, MAX_FUNCTION_SERIES).map((id) =>
        Int32Array.from((['invocationsRate', 'coldStartsRate', 'throttledRate', 'running', 'environments', 'warmMb', 'idleMb'] as const).map((w) => series.addColumn(C.fn(id, w)))),
      ),
      queue: this.queues.map((q) => Int32Array.from((['depth', 'inFlight', 'oldestAge', 'deadLettered'] as const).map((w) => series.addColumn(C.queue(q.id, w))))),
      gateway: this.gateways.map((g) => Int32Array.from((['acceptedRate', 'rejectedRate'] as const).map((w) => series.addColumn(C.gateway(g.id, w))))),
      total: Int32Array.from((['running', 'warmMb', 'idleMb', 'costUsd', 'invocationsRate', 'coldStartsRate', 'throttledRate'] as const).map((w) => series.addColumn(C.total(w)))),
    };
  }

  /** Fills the serverless columns of a sample row; dt: seconds since the previous row. */
  sample(series: SeriesStore, row: number, dt: number): void {
    const cols = this.cols;
    if (!cols) return;
    const live = this.live();
    const rate = (cur: number, prevAt: number): number => {
      const r = dt > 0 ? (cur - this.prevFn[prevAt]!) / dt : 0;
      this.prevFn[prevAt] = cur;
      return r;
    };
    live.functions.forEach((f, i) => {
      const c = cols.fn[i];
      if (!c) {
        this.prevFn[3 * i] = f.invocations;
        this.prevFn[3 * i + 1] = f.coldStarts;
        this.prevFn[3 * i + 2] = f.throttled;
        return;
      }
      series.set(c[0]!, row, rate(f.invocations, 3 * i));
      series.set(c[1]!, row, rate(f.coldStarts, 3 * i + 1));
      series.set(c[2]!, row, rate(f.throttled, 3 * i + 2));
      series.set(c[3]!, row, f.running);
      series.set(c[4]!, row, f.environments);
      series.set(c[5]!, row, f.warmMb);
      series.set(c[6]!, row, f.idleMb);
    });
    live.queues.forEach((q, i) => {
      const c = cols.queue[i]!;
      series.set(c[0]!, row, q.depth);
      series.set(c[1]!, row, q.inFlight);
      series.set(c[2]!, row, q.oldestAge);
      series.set(c[3]!, row, q.deadLettered);
    });
    live.gateways.forEach((g, i) => {
      const c = cols.gateway[i]!;
      const gw = this.gateways[i]!;
      // `accepted` counts what passed the gateway, the function's own 429s included: the series
      // splits requests into served and rejected, so each request counts once
      const served = g.accepted - g.functionThrottled;
      const rejected = g.unauthorized + g.forbidden + g.rateLimited + g.functionThrottled;
      series.set(c[0]!, row, dt > 0 ? (served - gw.prevAccepted) / dt : 0);
      series.set(c[1]!, row, dt > 0 ? (rejected - gw.prevRejected) / dt : 0);
      gw.prevAccepted = served;
      gw.prevRejected = rejected;
    });
    series.set(cols.total[0]!, row, live.totals.running);
    series.set(cols.total[1]!, row, live.totals.warmMb);
    series.set(cols.total[2]!, row, live.totals.idleMb);
    series.set(cols.total[3]!, row, live.cost.totalUsd);
    // Over every function (the per-function columns stop at MAX_FUNCTION_SERIES).
    const t = live.totals;
    const p = this.prevTotals;
    series.set(cols.total[4]!, row, dt > 0 ? (t.invocations - p.invocations) / dt : 0);
    series.set(cols.total[5]!, row, dt > 0 ? (t.coldStarts - p.coldStarts) / dt : 0);
    series.set(cols.total[6]!, row, dt > 0 ? (t.throttled - p.throttled) / dt : 0);
    this.prevTotals = { invocations: t.invocations, coldStarts: t.coldStarts, throttled: t.throttled };
  }
}
