/**
 * The serverless (FaaS) model's input and output types. Plain data: a configuration is checked by
 * `validateFaasConfig` (plain-language errors with paths) and run by `runFaas`; the result is plain
 * JSON, identical for the same configuration and seed.
 *
 * Units: times in seconds, memory in MB (1 GB = 1024 MB, as Lambda bills), prices in US dollars.
 */

import type { DistributionSpec } from '../engine/distributions';

export const RUNTIMES = ['node', 'python', 'java', 'dotnet', 'go'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/**
 * A distribution given by percentile points, e.g. the Azure trace's per-function duration
 * percentiles: `points` are [probability, value] pairs, probabilities strictly increasing from 0 to
 * 1, values non-decreasing. Draws follow the piecewise-linear inverse CDF through the points.
 */
export interface PercentileSpec {
  type: 'percentiles';
  points: Array<[number, number]>;
}

/** How long an invocation runs (seconds): any engine distribution, or percentile points. */
export type DurationSpec = DistributionSpec | PercentileSpec;

export interface FaasFunctionSpec {
  id: string;
  /** The application the function belongs to (the hybrid policy's histogram is per application). Defaults to the id. */
  app?: string;
  runtime: Runtime;
  /** Configured memory: what an environment holds and what is billed (Lambda: 128 to 10,240 MB). */
  memoryMb: number;
  /** Seconds an invocation may run before it is stopped (Lambda: at most 900). */
  timeout: number;
  /** Deployment package size in MB (feeds the cold-start model). */
  packageMb: number;
  /** Execution time of one invocation in seconds. */
  duration: DurationSpec;
  /** Cold-start (INIT) time in seconds; by default from `initTimeModel` (runtime, memory, package). */
  init?: DistributionSpec;
  /** Environments kept initialised at all times (provisioned concurrency). Default 0. */
  provisioned?: number;
  /** Reserved concurrency: at most this many invocations at once, set aside from the account limit. */
  reserved?: number;
  /** Probability that an invocation fails (runs its duration, billed, then reports an error). Default 0. */
  failureRate?: number;
}

/** Where a function's invocations come from: counts per minute (spread uniformly inside each minute), or exact times. */
export type FaasInvocationSource = { function: string; perMinute: number[] } | { function: string; times: number[] };

/** Keep-alive policy settings (see keep-alive.ts for the policies). */
export type KeepAliveSpec =
  | { type: 'fixed'; ttl: number }
  | {
      type: 'hybrid';
      /** Histogram range in seconds (default 4 h). */
      range?: number;
      /** Bin width in seconds (default 60). */
      bin?: number;
      /** Percentile giving the pre-warm window (default 0.05). */
      head?: number;
      /** Percentile giving the end of the keep-alive window (default 0.99). */
      tail?: number;
      /** Safety margin: pre-warm earlier by this fraction, keep alive longer by it (default 0.1, as the paper). */
      margin?: number;
      /** Fewer in-range idle times than this: not representative (default 1: an empty histogram). */
      minSamples?: number;
      /** At least this share of idle times beyond the range: not representative (default 0.5). */
      maxOutOfRange?: number;
      /** Coefficient of variation of the bin counts below this: not representative (default 2, as the paper). */
      minCv?: number;
      /** Keep-alive when the histogram is not representative, no pre-warming (default: the range, 4 h). */
      fallbackTtl?: number;
    };

export interface FaasAccountSpec {
  /** Invocations running at once across the account (default 1,000). */
  concurrencyLimit?: number;
  /** New environments per function: at most `environments` in any `per` seconds (default 1,000 per 10 s). */
  scaling?: { environments?: number; per?: number };
}

export interface FaasPrices {
  /** Default 0.20 (AWS Lambda, us-east-1). */
  perMillionRequests?: number;
  /** Default 0.0000166667 (AWS Lambda x86, us-east-1). */
  perGbSecond?: number;
}

export interface FaasConfig {
  functions: FaasFunctionSpec[];
  invocations: FaasInvocationSource[];
  /** Default: fixed keep-alive of 10 minutes. */
  keepAlive?: KeepAliveSpec;
  account?: FaasAccountSpec;
  prices?: FaasPrices;
  /** Label of the first minute in the series (e.g. 480 for the Azure trace's minute of day); default 0. */
  startMinute?: number;
  /** Seconds simulated; default: the end of the per-minute data or the last invocation time. */
  horizon?: number;
}

// ---------------------------------------------------------------- results

export interface FaasCost {
  /** Requests billed (completed and timed-out invocations; throttled ones are not billed). */
  requests: number;
  /** GB-seconds billed: memory × duration rounded up to 1 ms per invocation. */
  gbSeconds: number;
  requestsUsd: number;
  computeUsd: number;
  totalUsd: number;
  /** What the idle GB-seconds would cost at the same GB-second price (the provider's cost of keeping memory warm). */
  idleUsd: number;
}

export interface FaasMetrics {
  /** Every arrival. invocations = completed + errors + timedOut + throttled (the run drains in-flight work). */
  invocations: number;
  completed: number;
  /** Ran to the end and failed (failureRate); not in completed. */
  errors: number;
  timedOut: number;
  throttled: number;
  /** 429 because the function's reserved concurrency or the account's unreserved pool was full. */
  throttledConcurrency: number;
  /** 429 because the function had used up its quota of new environments for the current scaling period. */
  throttledScaling: number;
  /** Invocations that waited for an environment to initialise. */
  coldStarts: number;
  /** coldStarts / (invocations − throttled); 0 when nothing started. */
  coldStartRatio: number;
  /** Sum of the initialisation waits of cold invocations (s). */
  initSeconds: number;
  /** Sum of latencies (initialisation wait + execution) of started invocations (s). */
  latencySeconds: number;
  /** initSeconds / latencySeconds; 0 when nothing ran. */
  initShare: number;
  meanLatency: number;
  /** Environments started: on demand, by pre-warming and provisioned. */
  environmentsStarted: number;
  prewarmLoads: number;
  /** Times the function went from some environments to none (scale to zero). */
  scaleToZero: number;
  peakConcurrency: number;
  peakEnvironments: number;
  /** ∫ memory of all loaded environments dt, in GB-s, over [0, horizon]. */
  heldGbSeconds: number;
  /** ∫ memory of loaded environments not running an invocation dt (idle warm, provisioned idle, pre-warm loading). */
  idleGbSeconds: number;
  /** The part of idleGbSeconds spent by environments that were then unloaded unused. */
  wastedGbSeconds: number;
  cost: FaasCost;
}

export interface FaasFunctionResult extends FaasMetrics {
  id: string;
  app: string;
  runtime: Runtime;
  memoryMb: number;
  provisioned: number;
  reserved: number | null;
}

/** Per-minute series (columns, one value per minute from the start of the run). */
export interface FaasSeries {
  minuteSeconds: number;
  startMinute: number;
  minutes: number;
  invocations: number[];
  coldStarts: number[];
  throttled: number[];
  timedOut: number[];
  completed: number[];
  /** Most invocations running at once during the minute. */
  concurrencyPeak: number[];
  /** Time-average of invocations running. */
  concurrencyMean: number[];
  /** Time-average memory of loaded environments (MB). */
  heldMb: number[];
  /** Time-average memory of idle environments (MB). */
  idleMb: number[];
}

export interface FaasResult {
  policy: { name: string; spec: KeepAliveSpec };
  seed: number;
  horizon: number;
  /** Time the last invocation finished (≥ horizon when work was still running at the horizon). */
  drainedAt: number;
  account: { concurrencyLimit: number; scalingEnvironments: number; scalingPer: number };
  prices: { perMillionRequests: number; perGbSecond: number };
  totals: FaasMetrics;
  functions: FaasFunctionResult[];
  series: FaasSeries;
}
