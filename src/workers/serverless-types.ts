/**
 * What the page is sent about the serverless part of a scenario (functions, API gateways, queues,
 * topics, timers, buckets and tables): its shape once per load, live counters and downsampled
 * charts while it runs, the keep-alive policy in force and the A/B comparison of keep-alive
 * policies. Types only, so the page can use them without pulling worker code in.
 */

import type { KEEP_ALIVE_CHOICES } from './wire';
import type { ServerlessLive as CoreServerlessLive } from '../core/index';
import type { LiveFunction } from '../core/index';
import type { Denial } from './iam';

export type { LiveFunction, LiveGateway, LiveQueue, LiveTopic } from '../core/index';

export type KeepAliveChoice = (typeof KEEP_ALIVE_CHOICES)[number];

/** A keep-alive setting: a preset name, or a fixed TTL in seconds. */
export type KeepAliveRequest = KeepAliveChoice | { type: 'fixed'; ttl: number } | { type: 'hybrid' };

/** `clients`: HTTP traffic sent to a gateway route (the scenario's `serverless.http`). */
export type ServerlessNodeKind = 'clients' | 'function' | 'gateway' | 'queue' | 'topic' | 'timer' | 'bucket' | 'table';

/**
 * A box's detail line or an edge's label as data (beside the English text), so the console can
 * word it in its language: a code and the figures or tokens it names.
 */
export type ServerlessText =
  | { code: 'clients'; arrival: string; n: number }
  | { code: 'gateway'; routes: number; auth: string }
  | { code: 'gateway-limited'; routes: number; auth: string; rate: number; burst: number }
  | { code: 'cron'; cron: string }
  | { code: 'every'; span: string }
  | { code: 'timer' }
  | { code: 'writes'; arrival: string }
  | { code: 'written-by-functions' }
  | { code: 'subscriptions'; n: number }
  | { code: 'queue-fifo'; visibility: string }
  | { code: 'queue-standard'; visibility: string }
  | { code: 'stream' }
  | { code: 'all-messages' }
  | { code: 'batch'; n: number }
  | { code: 'after-receives'; n: number }
  | { code: 'publish' | 'send' | 'invoke' }
  | { code: 'publish-p' | 'send-p' | 'invoke-p'; p: number };

/** One box of the serverless topology. */
export interface ServerlessNodeInfo {
  /** Unique across kinds: "<kind>:<id>". */
  key: string;
  kind: ServerlessNodeKind;
  id: string;
  /** A short line under the title: memory and runtime, routes, schedule, FIFO/standard… */
  detail: string;
  /** The detail line as data (absent when it is only ids and units, e.g. a function's "node18 · 512 MB"). */
  detailText?: ServerlessText;
  /** Functions: configured memory (MB), concurrency limit (reserved, or null: the account's), provisioned environments. */
  memoryMb?: number;
  reserved?: number | null;
  provisioned?: number;
  runtime?: string;
  /** Queues: the dead-letter queue it moves failed messages to, and after how many receives. */
  deadLetter?: { queue: string; maxReceives: number } | null;
  /** Queues: visibility timeout (s). */
  visibilityTimeout?: number;
}

export type TriggerKind = 'http' | 'subscription' | 'queue' | 'timer' | 'bucket' | 'table' | 'publish' | 'send' | 'invoke' | 'dead-letter' | 'workload';

/** A trigger (or an output) between two serverless boxes, or from a workload to its entry. */
export interface TriggerEdgeInfo {
  id: string;
  kind: TriggerKind;
  /** Node keys ("function:resize") or a workload ("workload:<id>"). */
  from: string;
  to: string;
  /** What it carries: "POST /orders", "filter type=order", "every 5 min", "ObjectCreated"… */
  label: string;
  /** The label as data (absent when it is a route, a filter or an event name, the same in every language). */
  labelText?: ServerlessText;
}

export interface ServerlessInfo {
  nodes: ServerlessNodeInfo[];
  edges: TriggerEdgeInfo[];
  /** The scenario's own keep-alive policy (the live one is in the snapshot). */
  keepAlive: string;
  /** A trace replay named by path the page must import (Azure 2019 files), or null. */
  missingTrace: { folder: string; files: string[] } | null;
  /** Seconds per metrics sample (the charts' interval). */
  metricsInterval: number;
}

/** A keep-alive change made while running (interactive; not in the scenario or its link). */
export interface KeepAliveSwitch {
  time: number;
  from: string;
  to: string;
}

/**
 * The core's live view of the serverless block (functions, gateways, queues, topics, totals, cost;
 * see core/serverless/live.ts), with the run's keep-alive switches and totals over the queues.
 */
export interface ServerlessLive extends Omit<CoreServerlessLive, 'functions'> {
  /** `hidden`: the acting principal may not read the function (function:read): its figures are zero, and this is why (see readScope.ts). */
  functions: Array<LiveFunction & { hidden?: Denial }>;
  switches: KeepAliveSwitch[];
  /** Cold starts / started invocations over every function (0..1). */
  coldStartRatio: number;
  /** INIT seconds / latency seconds over every function (0..1). */
  initShare: number;
  /** Summed over the queues. */
  queueTotals: { retries: number; duplicates: number; deadLettered: number; lost: number; depth: number; oldestAge: number };
}

/** Downsampled series (LTTB, shared indices per chart), one value per metrics sample. */
export interface ServerlessCharts {
  samples: number;
  /** Cold starts per interval and idle warm memory (MB), on one time axis. */
  warm: { time: Float64Array; coldStarts: Float64Array; idleMb: Float64Array };
  /** Invocations running, 429s per interval. */
  load: { time: Float64Array; concurrency: Float64Array; throttled: Float64Array };
  /** Messages waiting (all queues) and the oldest message's age (s, the largest over the queues). */
  queues: { time: Float64Array; depth: Float64Array; oldestAge: Float64Array };
}

export interface ServerlessDelta {
  live?: ServerlessLive;
  /** null: drop what you had (a load or reset with nothing to chart yet). */
  charts?: ServerlessCharts | null;
}

/** One row of the keep-alive A/B table. */
export interface KeepAliveRow {
  policy: KeepAliveChoice;
  invocations: number;
  coldStarts: number;
  coldStartRatio: number;
  /** Share of latency spent in INIT (0..1). */
  initShare: number;
  /** GB-seconds held by idle warm environments. */
  idleGbSeconds: number;
  /** The highest per-function p95 latency (INIT wait + execution, s), or null when no function ran. */
  p95: number | null;
  /** Cost of the run (requests + GB-seconds), US dollars. */
  costUsd: number;
  /** Wall time the run took (ms), for the curious. */
  wallMs: number;
}

export type KeepAliveCompareResult =
  | { ok: true; seed: number; horizon: number; rows: KeepAliveRow[]; engine: 'simulation' | 'standalone' }
  | { ok: false; error: string; code?: 'no-functions' };

/** A refusal carries `code: 'ended'` when the run has ended (the console words it in its language). */
export type KeepAliveResult = { ok: true; policy: string } | { ok: false; error: string; code?: 'ended' };

/** Files of an Azure Functions 2019 trace, as the page read them from disk. */
export interface AzureImportRequest {
  files: Array<{ name: string; text: string }>;
  /** Use only the first n minutes (default: all). */
  minutes?: number;
}

export type AzureImportResult =
  | { ok: true; name: string; link: string; functions: number; invocations: number; minutes: number }
  | { ok: false; title: string; errors: string[]; titleCode?: AzureImportTitle };

/** What went wrong with an import, as data beside the English title (the error lines stay English). */
export type AzureImportTitle = 'not-imported' | 'choose-files' | 'files-invalid';
