/**
 * The FaaS execution model on the engine's kernel: invocations, execution environments, keep-alive,
 * concurrency limits and throttling, scaling rate limits, metering and cost.
 *
 * The model (Lambda-style; figures from ../shared/reference/MODELS.md, "Serverless" and "Billing"):
 * - An invocation runs in an execution environment of its function, one invocation per environment
 *   at a time. It takes an idle warm environment if there is one (provisioned ones first, then the
 *   most recently used: surplus environments are the ones left to expire), else an environment that
 *   a pre-warm is still loading (waiting for the rest of its INIT), else it starts a new one and
 *   waits its INIT time (a cold start). INIT draws are capped at 10 s.
 * - Concurrency: an invocation counts from its arrival (INIT included) to its end. A function with
 *   reserved concurrency R runs at most R at once; the other functions share the account limit
 *   (default 1,000) minus all reservations. Above either limit the invocation is throttled (429) and
 *   not retried.
 * - Scaling rate: a function starts at most N new environments (on demand or pre-warm) in any
 *   window of `per` seconds (default 1,000 per 10 s); an invocation that needs one beyond that is
 *   throttled (429). Provisioned environments are set up before the run and do not count.
 * - Timeout: an invocation whose drawn duration exceeds the function's timeout is stopped at the
 *   timeout (billed to it) and its environment is discarded.
 * - After an invocation the keep-alive policy decides what happens to the environment (keep for a
 *   while, or unload and pre-warm later); provisioned environments are always kept. When a
 *   function's last environment goes, it has scaled to zero.
 * - Metering, from the simulated events: each completed or timed-out invocation is one request and
 *   memory × duration rounded up to 1 ms (at least 1 ms) of GB-seconds; INIT is not billed (on-demand
 *   managed runtimes); throttled invocations are not billed. Memory held by environments is
 *   integrated over [0, horizon]: all loaded environments (held), those not running an invocation
 *   (idle: warm, provisioned or loading for a pre-warm), and the idle spells that ended in an unload
 *   rather than a reuse (wasted). Idle spells still open at the horizon count as idle, not wasted.
 * - Idle times for the hybrid policy are kept per application and concurrency slot (see AppSlots):
 *   slot 1's are the paper's application idle times; slot k's are those of the environment that
 *   serves the k-th concurrent invocation, so a busy function's extra environments are kept for
 *   their own idle times, not for the first environment's (which are near zero).
 * - Arrivals from per-minute counts are spread uniformly at random inside their minute (seeded, one
 *   stream per function). Every arrival draws its duration, throttled or not, so the duration
 *   stream lines up across policies (common random numbers).
 *
 * The run processes every arrival up to the horizon, then lets invocations in flight finish.
 */

import { makeSampler, type Sampler } from '../engine/distributions';
import { Kernel } from '../engine/kernel';
import { Histogram } from '../metrics/histogram';
import { RandomStream } from '../engine/random';
import { makeDurationSampler } from './durations';
import { INIT_CAP_SECONDS, initTimeModel } from './init-model';
import { IdleHistogram, makeKeepAlivePolicy, type HybridHistogramKeepAlive, type KeepAliveContext, type KeepAlivePolicy } from './keep-alive';
import type { FaasConfig, FaasCost, FaasFunctionResult, FaasMetrics, FaasResult, FaasSeries, KeepAliveSpec, Runtime } from './types';
import { faasIssueLine, validateFaasConfig } from './validate';
import { CutBins } from '../billing/cutbins';

export const DEFAULT_CONCURRENCY_LIMIT = 1000;
export const DEFAULT_SCALING_ENVIRONMENTS = 1000;
export const DEFAULT_SCALING_PER = 10;
export const LAMBDA_PRICE_PER_MILLION_REQUESTS = 0.2;
export const LAMBDA_PRICE_PER_GB_SECOND = 0.0000166667;
export const DEFAULT_KEEP_ALIVE: KeepAliveSpec = { type: 'fixed', ttl: 600 };
const MINUTE = 60;

/** One thing that happened, for observers (tests, logs). `env` is the environment's number. */
export interface FaasEvent {
  t: number;
  type: 'arrival' | 'throttle' | 'cold' | 'warm' | 'env-start' | 'ready' | 'end' | 'timeout' | 'unload' | 'prewarm';
  fn: string;
  env?: number;
  /** throttle: 'concurrency' | 'scaling'; env-start: 'demand' | 'prewarm' | 'provisioned'; unload: 'expired' | 'prewarm' | 'timeout' | 'keep-alive 0'. */
  reason?: string;
}

export interface FaasRunOptions {
  /** Default 1. */
  seed?: number;
  onEvent?: (e: FaasEvent) => void;
}

/** How an invocation handed to `FaasCore.invoke` ended. */
export type InvokeOutcome = 'ok' | 'error' | 'timeout';

/** One function's counters and levels at a moment (see live.ts for the meaning of each). */
export interface FaasFunctionLive {
  id: string;
  invocations: number;
  completed: number;
  errors: number;
  timedOut: number;
  throttled: number;
  coldStarts: number;
  initSeconds: number;
  latencySeconds: number;
  running: number;
  peakRunning: number;
  environments: number;
  idleEnvironments: number;
  memoryMb: number;
  scaleToZero: number;
  requests: number;
  gbSeconds: number;
  /** Latency percentiles (s) of finished invocations; null before any. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * Width of the bins billed usage is kept in, seconds: a bill as of an earlier time is exact at
 * every multiple of it (an invocation counts from the moment it ended, one ending exactly on the
 * cut included); between two it counts the bins closed by then. Only bins with an invocation are
 * kept (billing/cutbins.ts), so a rarely called function costs a few bytes an hour.
 */
export const FAAS_USAGE_BIN_SECONDS = 60;

/**
 * What one function was billed for in each clock hour (index = hour, by the time each invocation
 * ended, up to the time asked for): requests and GB-seconds.
 */
export interface FaasHourlyUsage {
  id: string;
  memoryMb: number;
  requests: number[];
  gbSeconds: number[];
}

/**
 * The FaaS model attached to a kernel (its own in `runFaas`, the Simulation's in a scenario).
 * Invocations come from the configuration's traces (after `start`) and from `invoke`.
 */
export interface FaasCore {
  /** Index of each function id. */
  readonly index: ReadonlyMap<string, number>;
  /** The keep-alive policy in force (changes with `setPolicy`). */
  readonly policyName: string;
  readonly horizon: number;
  /**
   * Replaces the keep-alive policy from now on: environments finishing an invocation from now are
   * kept (or pre-warmed) by the new policy; decisions already taken (a scheduled expiry or pre-warm)
   * stand. Idle-time histograms are recorded under every policy, so a switch to hybrid uses the
   * history so far. Throws RangeError on impossible parameters or a hybrid histogram range or bin
   * other than the one recorded.
   */
  setPolicy(spec: KeepAliveSpec): void;
  /** Sets up provisioned environments and schedules the trace arrivals (call once, at time 0). */
  start(): void;
  /**
   * One invocation of function `fn` now. Returns false when throttled (429: nothing runs, `done` is
   * never called); otherwise `done` is called when it ends.
   */
  invoke(fn: number, done?: (outcome: InvokeOutcome) => void): boolean;
  /** Invocations running now, account-wide. */
  running(): number;
  /** Counters and levels of every function now. */
  liveFunctions(): FaasFunctionLive[];
  /**
   * Billed requests and GB-seconds of every function per clock hour, counting the invocations
   * that had ended by `upTo` (to the resolution of FAAS_USAGE_BIN_SECONDS; default: all so far).
   */
  hourlyUsage(upTo?: number): FaasHourlyUsage[];
  /** What the billed-usage bins hold now: bins with an invocation, and their bytes (capacity included). */
  usageFootprint(): { bins: number; bytes: number };
  /** Memory (MB) held by loaded environments and by idle ones now. */
  memory(): { heldMb: number; idleMb: number; idleMbSeconds: number };
  /** The results as of now (levels integrated up to min(now, horizon); nothing is changed). */
  result(): FaasResult;
}

const LOADING = 0;
const BUSY = 1;
const IDLE = 2;
const GONE = 3;

interface Env {
  readonly id: number;
  readonly fn: number;
  readonly provisioned: boolean;
  state: number;
  /** Bumped on every state change: scheduled events carry it and are ignored when stale. */
  epoch: number;
  loadedAt: number;
  /** Start of the current idle spell, or −1. */
  idleSince: number;
  /** LOADING: when INIT ends; whether an invocation waits for it; keep-alive once ready when nobody does. */
  readyAt: number;
  claimed: boolean;
  prewarmKeepAlive: number;
  /** The invocation it runs (or will run once ready). */
  invArrival: number;
  invDuration: number;
  invInit: number;
  invFailed: boolean;
  invDone: ((outcome: InvokeOutcome) => void) | null;
}

/**
 * An application's concurrency slots: slot k is busy while at least k of its invocations run. With
 * one invocation per environment and most-recently-used reuse, the environment that goes idle when
 * the concurrency falls from k to k − 1 is the one taken when it next rises to k, so slot k's idle
 * times (fall below k → rise to k) are exactly the idle times of that environment. Slot 1's are the
 * paper's application idle times (end of the last invocation → start of the next).
 */
interface AppSlots {
  running: number;
  /** Per slot: when it last went idle. */
  lastDrop: number[];
  /** Per slot: bumped each time it becomes busy (cancels a pending pre-warm for it). */
  epoch: number[];
  hist: IdleHistogram[];
}

interface FnRuntime {
  readonly index: number;
  readonly id: string;
  readonly app: number;
  readonly appName: string;
  readonly runtime: Runtime;
  readonly memoryMb: number;
  readonly gb: number;
  readonly timeout: number;
  readonly reserved: number | null;
  readonly provisioned: number;
  readonly duration: Pick<Sampler, 'sample' | 'mean'>;
  readonly init: Sampler;
  readonly durationStream: RandomStream;
  readonly initStream: RandomStream;
  readonly arrivalStream: RandomStream;
  readonly failureRate: number;
  readonly failureStream: RandomStream;
  readonly ctxFn: KeepAliveContext['fn'];
  // arrivals
  perMinute: readonly number[] | null;
  times: readonly number[] | null;
  minute: number;
  buffer: Float64Array;
  bufferLen: number;
  bufferPos: number;
  timeIndex: number;
  /** Billed requests and billed milliseconds per usage bin of FAAS_USAGE_BIN_SECONDS (sparse), for invoices. */
  usage: CutBins;
  // state
  running: number;
  envCount: number;
  idleCount: number;
  idleProvisioned: number[];
  idle: number[];
  loadingFree: number[];
  starts: number[];
  startsHead: number;
  // metrics
  m: Acc;
  /** Latencies (INIT wait + execution) of finished invocations. */
  lat: Histogram;
}

interface Acc {
  invocations: number;
  completed: number;
  errors: number;
  timedOut: number;
  throttledConcurrency: number;
  throttledScaling: number;
  coldStarts: number;
  initSeconds: number;
  latencySeconds: number;
  environmentsStarted: number;
  prewarmLoads: number;
  scaleToZero: number;
  peakConcurrency: number;
  peakEnvironments: number;
  heldMbSeconds: number;
  idleMbSeconds: number;
  wastedMbSeconds: number;
  billedMs: number;
  requests: number;
}

function newAcc(): Acc {
  return {
    invocations: 0,
    completed: 0,
    errors: 0,
    timedOut: 0,
    throttledConcurrency: 0,
    throttledScaling: 0,
    coldStarts: 0,
    initSeconds: 0,
    latencySeconds: 0,
    environmentsStarted: 0,
    prewarmLoads: 0,
    scaleToZero: 0,
    peakConcurrency: 0,
    peakEnvironments: 0,
    heldMbSeconds: 0,
    idleMbSeconds: 0,
    wastedMbSeconds: 0,
    billedMs: 0,
    requests: 0,
  };
}

/** Throws RangeError listing the first problems when the configuration is not valid. */
function checked(config: FaasConfig): FaasConfig {
  const v = validateFaasConfig(config);
  if (!v.ok) {
    const more = v.errors.length > 3 ? `; and ${v.errors.length - 3} more` : '';
    throw new RangeError(`invalid FaaS configuration: ${v.errors.slice(0, 3).map(faasIssueLine).join('; ')}${more}`);
  }
  return v.config;
}

/**
 * Runs a FaaS configuration and returns its results (plain JSON, identical for the same
 * configuration and seed). Throws RangeError when the configuration is not valid.
 */
export function runFaas(input: FaasConfig, options: FaasRunOptions = {}): FaasResult {
  const kernel = new Kernel();
  const core = attachFaas(kernel, input, options);
  core.start();
  kernel.runUntil(core.horizon);
  while (core.running() > 0 && kernel.step()) {
    /* let invocations in flight finish */
  }
  return core.result();
}

/**
 * Attaches the FaaS model to a kernel whose clock is at 0. Throws RangeError when the configuration
 * is not valid. Nothing happens until `start`.
 */
export function attachFaas(kernel: Kernel, input: FaasConfig, options: FaasRunOptions = {}): FaasCore {
  const config = checked(input);
  const seed = options.seed ?? 1;
  const emit = options.onEvent;
  let policy: KeepAlivePolicy = makeKeepAlivePolicy(config.keepAlive ?? DEFAULT_KEEP_ALIVE);
  const limit = config.account?.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT;
  const scaleN = config.account?.scaling?.environments ?? DEFAULT_SCALING_ENVIRONMENTS;
  const scalePer = config.account?.scaling?.per ?? DEFAULT_SCALING_PER;
  const pricePerMillion = config.prices?.perMillionRequests ?? LAMBDA_PRICE_PER_MILLION_REQUESTS;
  const pricePerGbS = config.prices?.perGbSecond ?? LAMBDA_PRICE_PER_GB_SECOND;
  const hybridParams = policy.spec.type === 'hybrid' ? policy.spec : null;
  const histRange = hybridParams?.range ?? 4 * 3600;
  const histBin = hybridParams?.bin ?? 60;

  // ------------------------------------------------------------ functions and applications
  const appIndex = new Map<string, number>();
  const appNames: string[] = [];
  const fns: FnRuntime[] = config.functions.map((f, index) => {
    const appName = f.app ?? f.id;
    let app = appIndex.get(appName);
    if (app === undefined) {
      app = appNames.length;
      appIndex.set(appName, app);
      appNames.push(appName);
    }
    return {
      index,
      id: f.id,
      app,
      appName,
      runtime: f.runtime,
      memoryMb: f.memoryMb,
      gb: f.memoryMb / 1024,
      timeout: f.timeout,
      reserved: f.reserved ?? null,
      provisioned: f.provisioned ?? 0,
      duration: makeDurationSampler(f.duration),
      init: makeSampler(f.init ?? initTimeModel(f.runtime, f.memoryMb, f.packageMb)),
      durationStream: RandomStream.forEntity(seed, `faas.${f.id}.duration`),
      initStream: RandomStream.forEntity(seed, `faas.${f.id}.init`),
      arrivalStream: RandomStream.forEntity(seed, `faas.${f.id}.arrivals`),
      failureRate: f.failureRate ?? 0,
      failureStream: RandomStream.forEntity(seed, `faas.${f.id}.failures`),
      ctxFn: Object.freeze({ id: f.id, app: appName, runtime: f.runtime, memoryMb: f.memoryMb }),
      usage: new CutBins(2, FAAS_USAGE_BIN_SECONDS),
      perMinute: null,
      times: null,
      minute: -1,
      buffer: new Float64Array(0),
      bufferLen: 0,
      bufferPos: 0,
      timeIndex: 0,
      running: 0,
      envCount: 0,
      idleCount: 0,
      idleProvisioned: [],
      idle: [],
      loadingFree: [],
      starts: [],
      startsHead: 0,
      m: newAcc(),
      lat: new Histogram(),
    };
  });
  const byId = new Map(fns.map((f) => [f.id, f] as const));
  const apps: AppSlots[] = appNames.map(() => ({ running: 0, lastDrop: [], epoch: [], hist: [] }));
  /** The idle-time histogram of slot k of an application (made on first use). */
  const slotHist = (a: AppSlots, k: number): IdleHistogram => a.hist[k] ?? (a.hist[k] = new IdleHistogram(histRange, histBin));

  let reservedSum = 0;
  for (const f of fns) reservedSum += f.reserved ?? 0;
  const unreservedLimit = limit - reservedSum;
  let unreservedRunning = 0;
  let accountRunning = 0;
  let accountPeak = 0;
  let liveEnvs = 0;
  let liveEnvsPeak = 0;

  // ------------------------------------------------------------ horizon and series
  let horizon = 0;
  for (const s of config.invocations) {
    const f = byId.get(s.function)!;
    if ('perMinute' in s) {
      f.perMinute = s.perMinute;
      horizon = Math.max(horizon, s.perMinute.length * MINUTE);
    } else {
      f.times = s.times;
      if (s.times.length > 0) horizon = Math.max(horizon, s.times[s.times.length - 1]!);
    }
  }
  if (config.horizon !== undefined) horizon = config.horizon;
  const minutes = Math.max(1, Math.ceil(horizon / MINUTE - 1e-9));
  const sInv = new Float64Array(minutes);
  const sCold = new Float64Array(minutes);
  const sThrottled = new Float64Array(minutes);
  const sTimedOut = new Float64Array(minutes);
  const sCompleted = new Float64Array(minutes);
  const sPeak = new Float64Array(minutes);
  const sRunInt = new Float64Array(minutes);
  const sHeldInt = new Float64Array(minutes);
  const sIdleInt = new Float64Array(minutes);
  let heldMb = 0;
  let idleMb = 0;
  let lastT = 0;
  /** ∫ idle MB dt over [0, lastT]. */
  let idleIntTotal = 0;

  /** Series row of an event at time t, or −1 after the horizon. */
  const row = (t: number): number => (t > horizon ? -1 : Math.min(minutes - 1, Math.floor(t / MINUTE)));
  /** Integrates the levels up to now (clamped to the horizon), minute by minute. */
  const advance = (now: number): void => {
    const t = now < horizon ? now : horizon;
    while (lastT < t) {
      const m = Math.min(minutes - 1, Math.floor(lastT / MINUTE));
      const edge = Math.min((m + 1) * MINUTE, t);
      const dt = edge - lastT;
      sRunInt[m] = sRunInt[m]! + accountRunning * dt;
      sHeldInt[m] = sHeldInt[m]! + heldMb * dt;
      sIdleInt[m] = sIdleInt[m]! + idleMb * dt;
      idleIntTotal += idleMb * dt;
      lastT = edge;
      if (edge === (m + 1) * MINUTE && m + 1 < minutes && sPeak[m + 1]! < accountRunning) sPeak[m + 1] = accountRunning;
    }
  };
  const clampH = (t: number): number => (t < horizon ? t : horizon);

  // ------------------------------------------------------------ kernel and environments
  const envs: Env[] = [];

  const note = (type: FaasEvent['type'], f: FnRuntime, env?: Env, reason?: string): void => {
    if (emit) emit({ t: kernel.now, type, fn: f.id, ...(env ? { env: env.id } : {}), ...(reason ? { reason } : {}) });
  };

  /** May the function start a new environment now (scaling rate)? Records the start if so. */
  const takeScalingSlot = (f: FnRuntime, now: number): boolean => {
    const s = f.starts;
    while (f.startsHead < s.length && s[f.startsHead]! <= now - scalePer) f.startsHead++;
    if (f.startsHead > 1024 && f.startsHead * 2 > s.length) {
      s.splice(0, f.startsHead);
      f.startsHead = 0;
    }
    if (s.length - f.startsHead >= scaleN) return false;
    s.push(now);
    return true;
  };

  const newEnv = (f: FnRuntime, state: number, provisioned: boolean, now: number): Env => {
    const env: Env = {
      id: envs.length,
      fn: f.index,
      provisioned,
      state,
      epoch: 0,
      loadedAt: now,
      idleSince: -1,
      readyAt: now,
      claimed: false,
      prewarmKeepAlive: 0,
      invArrival: 0,
      invDuration: 0,
      invInit: 0,
      invFailed: false,
      invDone: null,
    };
    envs.push(env);
    f.envCount++;
    if (f.envCount > f.m.peakEnvironments) f.m.peakEnvironments = f.envCount;
    f.m.environmentsStarted++;
    liveEnvs++;
    if (liveEnvs > liveEnvsPeak) liveEnvsPeak = liveEnvs;
    heldMb += f.memoryMb;
    return env;
  };

  const drawInit = (f: FnRuntime): number => {
    const x = f.init.sample(f.initStream);
    return x < 0 ? 0 : x > INIT_CAP_SECONDS ? INIT_CAP_SECONDS : x;
  };

  /** Starts an idle spell (the memory level is already integrated up to now). */
  const beginIdle = (env: Env, now: number): void => {
    env.idleSince = now;
    const f = fns[env.fn]!;
    f.idleCount++;
    idleMb += f.memoryMb;
  };
  /** Ends an idle spell; `wasted` when it ended in an unload. */
  const endIdle = (env: Env, now: number, wasted: boolean): void => {
    if (env.idleSince < 0) return;
    const f = fns[env.fn]!;
    const mbs = f.memoryMb * (clampH(now) - clampH(env.idleSince));
    f.m.idleMbSeconds += mbs;
    if (wasted && now <= horizon) f.m.wastedMbSeconds += mbs;
    idleMb -= f.memoryMb;
    f.idleCount--;
    env.idleSince = -1;
  };

  const removeFrom = (list: number[], id: number): void => {
    const i = list.lastIndexOf(id);
    if (i >= 0) list.splice(i, 1);
  };

  /** Unloads an environment (any state but GONE). */
  const unload = (env: Env, now: number, reason: string): void => {
    const f = fns[env.fn]!;
    advance(now);
    if (env.state === IDLE) removeFrom(env.provisioned ? f.idleProvisioned : f.idle, env.id);
    if (env.state === LOADING && !env.claimed) removeFrom(f.loadingFree, env.id);
    endIdle(env, now, true);
    f.m.heldMbSeconds += f.memoryMb * (clampH(now) - clampH(env.loadedAt));
    heldMb -= f.memoryMb;
    env.state = GONE;
    env.epoch++;
    f.envCount--;
    liveEnvs--;
    if (f.envCount === 0 && now <= horizon) f.m.scaleToZero++;
    note('unload', f, env, reason);
  };

  // ------------------------------------------------------------ event kinds
  const K_ARRIVAL = kernel.register('faas.arrival', (fi) => onArrival(fns[fi]!));
  const K_READY = kernel.register('faas.ready', (id, epoch) => onReady(envs[id]!, epoch));
  const K_END = kernel.register('faas.end', (id, epoch) => onEnd(envs[id]!, epoch));
  const K_EXPIRE = kernel.register('faas.expire', (id, epoch) => {
    const env = envs[id]!;
    if (env.epoch === epoch && env.state === IDLE) unload(env, kernel.now, 'expired');
  });
  const prewarms: Array<{ fn: number; keepAlive: number; slot: number; epoch: number }> = [];
  const freePrewarms: number[] = [];
  const K_PREWARM = kernel.register('faas.prewarm', (at) => {
    const p = prewarms[at]!;
    freePrewarms.push(at);
    onPrewarm(fns[p.fn]!, p.keepAlive, p.slot, p.epoch);
  });

  /** Schedules the function's next arrival, if any (one pending arrival per function). */
  const scheduleNextArrival = (f: FnRuntime): void => {
    if (f.times !== null) {
      const t = f.times[f.timeIndex];
      if (t === undefined || t > horizon) return;
      f.timeIndex++;
      kernel.scheduleAt(Math.max(t, kernel.now), K_ARRIVAL, f.index);
      return;
    }
    const per = f.perMinute;
    if (per === null) return;
    while (f.bufferPos >= f.bufferLen) {
      f.minute++;
      while (f.minute < per.length && per[f.minute] === 0) f.minute++;
      if (f.minute >= per.length) return;
      const n = per[f.minute]!;
      if (f.buffer.length < n) f.buffer = new Float64Array(Math.max(n, f.buffer.length * 2));
      const base = f.minute * MINUTE;
      for (let i = 0; i < n; i++) f.buffer[i] = base + f.arrivalStream.next() * MINUTE;
      f.buffer.subarray(0, n).sort();
      f.bufferLen = n;
      f.bufferPos = 0;
    }
    const t = f.buffer[f.bufferPos++]!;
    if (t > horizon) {
      f.bufferPos = f.bufferLen;
      f.minute = per.length;
      return;
    }
    kernel.scheduleAt(Math.max(t, kernel.now), K_ARRIVAL, f.index);
  };

  const throttle = (f: FnRuntime, now: number, reason: 'concurrency' | 'scaling'): void => {
    if (reason === 'concurrency') f.m.throttledConcurrency++;
    else f.m.throttledScaling++;
    const r = row(now);
    if (r >= 0) sThrottled[r]!++;
    note('throttle', f, undefined, reason);
  };

  const startRunning = (f: FnRuntime, now: number): void => {
    advance(now);
    f.running++;
    // the application's concurrency rises to k: slot k's idle spell ends
    const a = apps[f.app]!;
    const k = ++a.running;
    const dropped = a.lastDrop[k];
    if (dropped !== undefined) slotHist(a, k).record(now - dropped);
    a.epoch[k] = (a.epoch[k] ?? 0) + 1;
    if (f.reserved === null) unreservedRunning++;
    accountRunning++;
    if (f.running > f.m.peakConcurrency) f.m.peakConcurrency = f.running;
    if (accountRunning > accountPeak) accountPeak = accountRunning;
    const r = row(now);
    if (r >= 0 && sPeak[r]! < accountRunning) sPeak[r] = accountRunning;
  };

  const execute = (env: Env, now: number): void => {
    const f = fns[env.fn]!;
    env.state = BUSY;
    env.epoch++;
    const run = env.invDuration > f.timeout ? f.timeout : env.invDuration;
    kernel.scheduleAt(now + run, K_END, env.id, env.epoch);
  };

  function onArrival(f: FnRuntime): void {
    scheduleNextArrival(f);
    arrive(f, null);
  }

  /** One invocation now; false when throttled. */
  function arrive(f: FnRuntime, done: ((outcome: InvokeOutcome) => void) | null): boolean {
    const now = kernel.now;
    f.m.invocations++;
    const r = row(now);
    if (r >= 0) sInv[r]!++;
    note('arrival', f);
    const duration = Math.max(0, f.duration.sample(f.durationStream));
    const failed = f.failureRate > 0 && f.failureStream.next() < f.failureRate;

    if (f.reserved !== null ? f.running >= f.reserved : unreservedRunning >= unreservedLimit) {
      throttle(f, now, 'concurrency');
      return false;
    }
    let env: Env | undefined;
    let cold = false;
    if (f.idleProvisioned.length > 0) env = envs[f.idleProvisioned.pop()!]!;
    else if (f.idle.length > 0) env = envs[f.idle.pop()!]!;
    else if (f.loadingFree.length > 0) {
      env = envs[f.loadingFree.shift()!]!;
      cold = true;
    } else {
      if (!takeScalingSlot(f, now)) {
        throttle(f, now, 'scaling');
        return false;
      }
      advance(now);
      env = newEnv(f, LOADING, false, now);
      env.readyAt = now + drawInit(f);
      env.epoch++;
      kernel.scheduleAt(env.readyAt, K_READY, env.id, env.epoch);
      note('env-start', f, env, 'demand');
      cold = true;
    }
    startRunning(f, now);
    endIdle(env, now, false);
    env.invArrival = now;
    env.invDuration = duration;
    env.invInit = cold ? env.readyAt - now : 0;
    env.invFailed = failed;
    env.invDone = done;
    if (cold) {
      env.claimed = true;
      f.m.coldStarts++;
      if (r >= 0) sCold[r]!++;
      note('cold', f, env);
    } else {
      note('warm', f, env);
      execute(env, now);
    }
    return true;
  }

  function onReady(env: Env, epoch: number): void {
    if (env.epoch !== epoch || env.state !== LOADING) return;
    const now = kernel.now;
    const f = fns[env.fn]!;
    note('ready', f, env);
    if (env.claimed) {
      execute(env, now);
      return;
    }
    // a pre-warmed environment nobody has claimed yet: idle (its spell began when loading began)
    removeFrom(f.loadingFree, env.id);
    env.state = IDLE;
    env.epoch++;
    f.idle.push(env.id);
    if (env.prewarmKeepAlive <= 0) unload(env, now, 'keep-alive 0');
    else if (env.prewarmKeepAlive < Infinity) kernel.scheduleAt(now + env.prewarmKeepAlive, K_EXPIRE, env.id, env.epoch);
  }

  function onEnd(env: Env, epoch: number): void {
    if (env.epoch !== epoch || env.state !== BUSY) return;
    const done = env.invDone;
    env.invDone = null;
    const outcome: InvokeOutcome = env.invDuration > fns[env.fn]!.timeout ? 'timeout' : env.invFailed ? 'error' : 'ok';
    finishInvocation(env);
    if (done) done(outcome);
  }

  function finishInvocation(env: Env): void {
    const now = kernel.now;
    const f = fns[env.fn]!;
    advance(now);
    f.running--;
    const a = apps[f.app]!;
    const slot = a.running--; // slot `slot` of the application goes idle
    a.lastDrop[slot] = now;
    if (f.reserved === null) unreservedRunning--;
    accountRunning--;
    const timedOut = env.invDuration > f.timeout;
    const exec = timedOut ? f.timeout : env.invDuration;
    const m = f.m;
    if (timedOut) m.timedOut++;
    else if (env.invFailed) m.errors++;
    else m.completed++;
    m.requests++;
    const ms = Math.ceil(exec * 1000 - 1e-9);
    const billed = ms < 1 ? 1 : ms;
    m.billedMs += billed;
    f.usage.add(now, 1, billed);
    m.initSeconds += env.invInit;
    m.latencySeconds += env.invInit + exec;
    f.lat.record(env.invInit + exec);
    const r = row(now);
    if (r >= 0) {
      if (timedOut) sTimedOut[r]!++;
      else sCompleted[r]!++;
    }
    note(timedOut ? 'timeout' : 'end', f, env);
    env.claimed = false;
    if (timedOut) {
      unload(env, now, 'timeout');
      return;
    }
    env.state = IDLE;
    env.epoch++;
    if (env.provisioned) {
      f.idleProvisioned.push(env.id);
      beginIdle(env, now);
      return;
    }
    const d = policy.decide({ now, fn: f.ctxFn, slot, idle: slotHist(a, slot) });
    if (d.prewarm > 0) {
      unload(env, now, 'prewarm');
      if (d.keepAlive > 0 && now + d.prewarm <= horizon) {
        const at = freePrewarms.length > 0 ? freePrewarms.pop()! : prewarms.length;
        prewarms[at] = { fn: f.index, keepAlive: d.keepAlive, slot, epoch: a.epoch[slot] ?? 0 };
        kernel.scheduleAt(now + d.prewarm, K_PREWARM, at);
      }
      return;
    }
    if (!(d.keepAlive > 0)) {
      unload(env, now, 'keep-alive 0');
      return;
    }
    f.idle.push(env.id);
    beginIdle(env, now);
    if (d.keepAlive < Infinity) kernel.scheduleAt(now + d.keepAlive, K_EXPIRE, env.id, env.epoch);
  }

  function onPrewarm(f: FnRuntime, keepAlive: number, slot: number, epoch: number): void {
    const now = kernel.now;
    // the slot was used again since the unload (by a cold start): its next end decides again
    if ((apps[f.app]!.epoch[slot] ?? 0) !== epoch) return;
    if (!takeScalingSlot(f, now)) return;
    advance(now);
    const env = newEnv(f, LOADING, false, now);
    env.readyAt = now + drawInit(f);
    env.prewarmKeepAlive = keepAlive;
    env.epoch++;
    f.loadingFree.push(env.id);
    f.m.prewarmLoads++;
    beginIdle(env, now); // nobody waits for it: its memory is idle from the start
    kernel.scheduleAt(env.readyAt, K_READY, env.id, env.epoch);
    note('env-start', f, env, 'prewarm');
    note('prewarm', f, env);
  }

  // ------------------------------------------------------------ start
  let hasStarted = false;
  const start = (): void => {
    if (hasStarted) return;
    hasStarted = true;
    for (const f of fns) {
      for (let i = 0; i < f.provisioned; i++) {
        const env = newEnv(f, IDLE, true, kernel.now);
        f.idleProvisioned.push(env.id);
        beginIdle(env, kernel.now);
        note('env-start', f, env, 'provisioned');
      }
      scheduleNextArrival(f);
    }
  };

  // ------------------------------------------------------------ results
  const cost = (requests: number, gbSeconds: number, idleGbSeconds: number): FaasCost => {
    const requestsUsd = (requests / 1e6) * pricePerMillion;
    const computeUsd = gbSeconds * pricePerGbS;
    return { requests, gbSeconds, requestsUsd, computeUsd, totalUsd: requestsUsd + computeUsd, idleUsd: idleGbSeconds * pricePerGbS };
  };
  const metrics = (a: Acc, gbSeconds: number, peakConcurrency: number): FaasMetrics => {
    const throttled = a.throttledConcurrency + a.throttledScaling;
    const started = a.invocations - throttled;
    const idleGbSeconds = a.idleMbSeconds / 1024;
    return {
      invocations: a.invocations,
      completed: a.completed,
      errors: a.errors,
      timedOut: a.timedOut,
      throttled,
      throttledConcurrency: a.throttledConcurrency,
      throttledScaling: a.throttledScaling,
      coldStarts: a.coldStarts,
      coldStartRatio: started > 0 ? a.coldStarts / started : 0,
      initSeconds: a.initSeconds,
      latencySeconds: a.latencySeconds,
      initShare: a.latencySeconds > 0 ? a.initSeconds / a.latencySeconds : 0,
      meanLatency: started > 0 ? a.latencySeconds / started : 0,
      environmentsStarted: a.environmentsStarted,
      prewarmLoads: a.prewarmLoads,
      scaleToZero: a.scaleToZero,
      peakConcurrency,
      peakEnvironments: a.peakEnvironments,
      heldGbSeconds: a.heldMbSeconds / 1024,
      idleGbSeconds,
      wastedGbSeconds: a.wastedMbSeconds / 1024,
      cost: cost(a.requests, gbSeconds, idleGbSeconds),
    };
  };

  const result = (): FaasResult => {
  const now = kernel.now;
  const upTo = clampH(now);
  advance(now);
  const drainedAt = now;
  // close, in copies, what is still loaded
  const accs = fns.map((f) => ({ ...f.m }));
  for (const env of envs) {
    if (env.state === GONE) continue;
    const f = fns[env.fn]!;
    const a = accs[env.fn]!;
    if (env.idleSince >= 0) a.idleMbSeconds += f.memoryMb * (upTo - clampH(env.idleSince));
    a.heldMbSeconds += f.memoryMb * (upTo - clampH(env.loadedAt));
  }
  const total = newAcc();
  let totalGbS = 0;
  const functions: FaasFunctionResult[] = fns.map((f) => {
    const a = accs[f.index]!;
    const gbS = (a.billedMs / 1000) * f.gb;
    totalGbS += gbS;
    for (const k of Object.keys(total) as Array<keyof Acc>) if (k !== 'peakConcurrency' && k !== 'peakEnvironments') total[k] += a[k];
    return {
      id: f.id,
      app: f.appName,
      runtime: f.runtime,
      memoryMb: f.memoryMb,
      provisioned: f.provisioned,
      reserved: f.reserved,
      ...metrics(a, gbS, a.peakConcurrency),
    };
  });
  total.peakEnvironments = liveEnvsPeak;
  const totals = metrics(total, totalGbS, accountPeak);

  const list = (a: Float64Array): number[] => Array.from(a);
  const mean = (a: Float64Array): number[] =>
    Array.from(a, (v, i) => {
      const span = Math.min(horizon, (i + 1) * MINUTE) - i * MINUTE;
      return span > 0 ? v / span : 0;
    });
  const series: FaasSeries = {
    minuteSeconds: MINUTE,
    startMinute: config.startMinute ?? 0,
    minutes,
    invocations: list(sInv),
    coldStarts: list(sCold),
    throttled: list(sThrottled),
    timedOut: list(sTimedOut),
    completed: list(sCompleted),
    concurrencyPeak: list(sPeak),
    concurrencyMean: mean(sRunInt),
    heldMb: mean(sHeldInt),
    idleMb: mean(sIdleInt),
  };

  return {
    policy: { name: policy.name, spec: policy.spec },
    seed,
    horizon,
    drainedAt,
    account: { concurrencyLimit: limit, scalingEnvironments: scaleN, scalingPer: scalePer },
    prices: { perMillionRequests: pricePerMillion, perGbSecond: pricePerGbS },
    totals,
    functions,
    series,
  };
  };

  return {
    index: new Map(fns.map((f) => [f.id, f.index] as const)),
    get policyName() {
      return policy.name;
    },
    horizon,
    setPolicy(spec) {
      const next = makeKeepAlivePolicy(spec);
      if (next.spec.type === 'hybrid') {
        const h = next as HybridHistogramKeepAlive;
        if (h.params.range !== histRange || h.params.bin !== histBin)
          throw new RangeError(`the idle-time histograms were recorded with a ${histRange} s range in ${histBin} s bins; a hybrid policy switched to mid-run must use the same (got ${h.params.range} s, ${h.params.bin} s)`);
      }
      policy = next;
    },
    start,
    invoke: (fn, done) => arrive(fns[fn]!, done ?? null),
    running: () => accountRunning,
    liveFunctions: () =>
      fns.map((f) => {
        const a = f.m;
        return {
          id: f.id,
          invocations: a.invocations,
          completed: a.completed,
          errors: a.errors,
          timedOut: a.timedOut,
          throttled: a.throttledConcurrency + a.throttledScaling,
          coldStarts: a.coldStarts,
          initSeconds: a.initSeconds,
          latencySeconds: a.latencySeconds,
          running: f.running,
          peakRunning: a.peakConcurrency,
          environments: f.envCount,
          idleEnvironments: f.idleCount,
          memoryMb: f.memoryMb,
          scaleToZero: a.scaleToZero,
          requests: a.requests,
          gbSeconds: (a.billedMs / 1000) * f.gb,
          p50: f.lat.count > 0 ? f.lat.quantile(0.5) : null,
          p95: f.lat.count > 0 ? f.lat.quantile(0.95) : null,
          p99: f.lat.count > 0 ? f.lat.quantile(0.99) : null,
        };
      }),
    usageFootprint: () => ({
      bins: fns.reduce((a, f) => a + f.usage.size, 0),
      bytes: fns.reduce((a, f) => a + f.usage.bytes, 0),
    }),
    hourlyUsage: (upTo = Infinity) =>
      fns.map((f) => {
        const [requests, gbSeconds] = f.usage.hourly(upTo, (q, v) => (q === 0 ? v : (v / 1000) * f.gb));
        return { id: f.id, memoryMb: f.memoryMb, requests: requests!, gbSeconds: gbSeconds! };
      }),
    memory: () => {
      advance(kernel.now);
      return { heldMb, idleMb, idleMbSeconds: idleIntTotal };
    },
    result,
  };
}
