/**
 * SimService: paces a core Simulation against the wall clock and pushes compact snapshots to
 * subscribers. A plain class (no Comlink, no DOM): the worker entries (`sim.worker.ts`,
 * `node-entry.ts`) wrap it with `createWorkerApi` from `./api`, and tests drive it directly.
 *
 * Rules it keeps:
 * - It never throws from a command; `load` reports problems as a value and leaves the previous
 *   simulation loaded.
 * - One tick never blocks for more than about `tickBudgetMs` of wall time, so commands (pause, a new
 *   speed) get through while it plays.
 * - Snapshots are pushed at most `1000 / minPushIntervalMs` times per second while playing, plus once
 *   after every command. Parts that did not change since the last push are omitted, so the page can
 *   keep its old objects and re-render only what changed.
 */
import {
  BALANCER_POLICIES,
  createSimulation,
  decodeScenarioLink,
  encodeScenarioLink,
  parseScenario,
  parseScenarioText,
  PRESETS,
  DEFAULT_PRESET,
} from '../core/index';
import type {
  AutoscalerSpecInput,
  BalancerPolicy,
  ComputeOperation,
  LogEntry,
  PlacementExplanation,
  ParseResult,
  ScalingDecision,
  Scenario,
  ScenarioIssue,
  Simulation,
  SimulationResults,
  LiveMetrics,
  LiveService,
  SloWindow,
} from '../core/index';
import { buildChartData, chartTransferables, DEFAULT_CHART_POINTS, MAX_CHART_POINTS, type ChartData } from './charts';
import { buildComputeCharts, computeInfoOf, computeTransferables, ComputeTracker, instanceTypesOf, type ComputeCharts, type ComputeDelta, type ComputeInfo, type InstanceTypeInfo } from './compute';
import { tenancyView } from '../core/index';
import { explainInstance, hostDetail, runOperation, type ExplainResult, type HostDetailResult, type OperationRecord, type OperationResult } from './operations';
import { topologyOf, type TopologyInfo } from './topology';
import { parseTraceFile, withTrace, type TraceImportRequest, type TraceImportResult } from './trace-import';
import { ReadScope, readDecision, redactService, type ReadDenial } from './readScope';
import { cutComputeDelta, cutHostDetail, cutResults, cutServerlessLive, cutTenancy, type ScopedResults, type ScopedTenancyView } from './readScope';
import { AuditTracker, autoscalerAction, denialText, gate, operationAccess, principalsOf, scaleService, type AuditDelta, type AuditEntry, type Denial, type PrincipalInfo, type PrincipalResult, type ScaleResult } from './iam';
import { compareKeepAlive, keepAliveTarget, ServerlessPart, serverlessChartTransferables } from './serverless';
import { serverlessInfoOf } from './serverless-topology';
import { withAzureTrace } from './serverless-import';
import type { AzureImportRequest, AzureImportResult, KeepAliveCompareResult, KeepAliveRequest, KeepAliveResult, KeepAliveSwitch, ServerlessDelta, ServerlessInfo } from './serverless-types';
import { BusyBeat } from './busyBeat';

export type { AutoscalerSpecInput, BalancerPolicy, ComputeOperation, LogEntry, PlacementExplanation, ScalingDecision, Scenario, ScenarioIssue, SimulationResults, SloWindow };
export type {
  ComputeCharts,
  ComputeDelta,
  ComputeInfo,
  ComputeLinkInfo,
  ComputeLogEntry,
  ComputePoolInfo,
  ComputeRegionInfo,
  ComputeSummaryView,
  ComputeZoneInfo,
  HostLive,
  InstanceDelta,
  InstanceState,
  InstanceTypeInfo,
  InvariantViolation,
  LogDelta,
} from './compute';
export type { ExplainResult, HostDetailResult, HostDetail, HostInstance, InstanceDetail, OperationRecord, OperationResult } from './operations';
export type { ChartData, ReplicaHeat } from './charts';
export type { TopologyInfo, TopologyService, TopologyWorkload, SloObjectives } from './topology';
export type { TraceFormat, TraceImportRequest, TraceImportResult } from './trace-import';
export type { AuditDelta, AuditEntry, Denial, PrincipalInfo, PrincipalResult, ScaleResult } from './iam';
export type { ReadDenial } from './readScope';
export type { HiddenCount, HiddenRows, ResultsScope, ScopedResults, ScopedTenancyView } from './readScope';
export type * from './serverless-types';

/** Where a scenario comes from: a preset id, a share link (hash, fragment or full URL), or a document. */
export type LoadSource = { preset: string } | { link: string } | { scenario: unknown };

export type LoadResult =
  | { ok: true; name: string; link: string; preset?: string }
  | { ok: false; errors: ScenarioIssue[] };

export interface PresetInfo {
  id: string;
  title: string;
  description: string;
  /** For the classroom: what to watch while it runs, and a question to ask the class. */
  watch: string;
  question: string;
}

export interface PresetList {
  presets: PresetInfo[];
  defaultPreset: string;
}

/** Sent when the loaded scenario changes (load), never on a plain tick. */
export interface ScenarioInfo {
  name: string;
  description: string;
  /** Hash fragment without '#', e.g. "s=c1.eJy…" (empty when the core could not encode it). */
  link: string;
  /** The preset id it was loaded from, if any. */
  preset?: string;
  seed: number;
  endTime: number;
  serviceIds: string[];
  /** Services, calls and workloads, for the topology view. */
  topology: TopologyInfo;
  /** Regions, zones, host pools, hosts and links, when the scenario has host pools (else null). */
  compute: ComputeInfo | null;
  /** Workloads whose trace file (named by path) must be imported before they send anything. */
  missingTraces: MissingTrace[];
  /** The scenario's principals (and the console's admin), when it defines any: the "Act as" choices. */
  principals?: PrincipalInfo[];
  /** Functions, gateways, queues, topics and their triggers, when the scenario has a serverless block (else null). */
  serverless: ServerlessInfo | null;
  /** The instance types the scenario may name (built-in and its own), host pools or not: the editor's choices. */
  instanceTypes: InstanceTypeInfo[];
}

/** A workload replaying a trace file the page could not open by its path. */
export interface MissingTrace {
  workload: string;
  file: string;
}

/**
 * Per-replica state now, one cell per replica, or (over MAX_REPLICA_CELLS replicas) one cell per
 * group of `perCell` consecutive replicas, so a 10,000-replica service stays a small message.
 */
export interface ReplicaView {
  /** Replicas per cell (1: exact per-replica values). */
  perCell: number;
  cells: number;
  /** Utilization over the last metrics interval (0..1), the cell's mean. */
  utilization: Float64Array;
  /** Requests in service / waiting, summed over the cell. */
  inService: Int32Array;
  queued: Int32Array;
  /** Replicas of the cell that are up / in the balancer's rotation. */
  up: Int32Array;
  inRotation: Int32Array;
  /** Slots of the cell in the replica set (starting, ready or draining), and those starting / draining (autoscaling). */
  members: Int32Array;
  starting: Int32Array;
  draining: Int32Array;
}

/** Objective status of a service that declares objectives (see TopologyService.slo for the targets). */
export interface SloStatus {
  windows: number;
  breached: number;
  last: SloWindow | null;
}

/** A balancer switched while running (an interactive change; not part of the scenario or its link). */
export interface BalancerSwitch {
  /** Simulated time of the switch. */
  time: number;
  service: string;
  from: BalancerPolicy;
  to: BalancerPolicy;
}

/** One service's figures over the most recent metrics interval(s). */
export interface ServiceFlow {
  /** Successful completions per second (last sample). */
  throughput: number;
  /** Drops + errors + timeouts per second (last sample). */
  failures: number;
  /** (errors + drops + timeouts) / arrivals since the previous sample seen (0..1). */
  failureFraction: number;
  /** Latency percentiles of the last interval, seconds (null: nothing completed). */
  p95: number | null;
  p99: number | null;
}

/** Current rates, from the last sample of the series; sent whenever new samples arrived. */
export interface Flows {
  /** Simulated time of the sample. */
  time: number;
  /** Client requests per second, by workload id. */
  workloads: Record<string, number>;
  /** Calls per second on each service → service edge: calls[from][to]. */
  calls: Record<string, Record<string, number>>;
  services: Record<string, ServiceFlow>;
}

export type BalancerResult = { ok: true } | { ok: false; error: string };

/** A service's live figures as pushed to the page: the core's, with per-replica state made compact. */
export interface ServiceSnapshot extends Omit<LiveService, 'replicaState' | 'slo' | 'slotState'> {
  replicaView: ReplicaView;
  slo: SloStatus | null;
  /** Present when the acting principal may not read the service: its figures are left out (see readScope.ts). */
  hidden?: ReadDenial;
}

/** New autoscaling decisions since the previous push; `reset`: drop what you had first. */
export interface DecisionDelta {
  reset: boolean;
  entries: ScalingDecision[];
}

/** What the console's autoscaler panel may change; fields left out keep their value. */
export type AutoscalerChange = Partial<AutoscalerSpecInput>;

export type AutoscalerResult = { ok: true; autoscaler: AutoscalerSpecInput } | { ok: false; error: string };

/**
 * New samples of the metrics series since the previous push. `from` is the index of the first
 * sample; `reset` says the receiver must drop what it had (new scenario or reset) before appending.
 * The typed arrays own their buffers (they are slices), so they can be transferred.
 */
export interface SeriesDelta {
  reset: boolean;
  from: number;
  time: Float64Array;
  columns: Array<{ name: string; data: Float64Array }>;
}

export interface Snapshot {
  /** Increments on every push. */
  rev: number;
  playing: boolean;
  /** Simulated seconds per wall second; Infinity = as fast as possible. */
  speed: number;
  now: number;
  endTime: number;
  finished: boolean;
  eventsProcessed: number;
  eventsPerWallSecond: number;
  /** Increments on every successful load. */
  scenarioRev: number;
  /** Present only when the scenario changed (or for a new subscriber). */
  scenario?: ScenarioInfo;
  /** Only the services whose numbers changed (all of them after a load or reset). Omitted if none did. */
  services?: ServiceSnapshot[];
  /** Omitted when there are no new samples and no reset. */
  series?: SeriesDelta;
  /** Every balancer switch of this run so far; present when the list changed (load, reset, switch). */
  switches?: BalancerSwitch[];
  /** Current rates; present when new samples arrived (or after a load or reset). */
  flows?: Flows;
  /**
   * Downsampled charts of the focused service (see `setChartFocus`); present when they changed
   * (at most ~4 times a second while playing). null: no focus, drop what you had.
   */
  charts?: ChartData | null;
  /**
   * The compute model's changes (hosts, instances, new log entries, summary), when the scenario
   * has host pools and something changed; `reset` after a load or reset.
   */
  compute?: ComputeDelta;
  /** The compute series downsampled (≤ 1000 points), when new samples arrived (≤ ~4 times a second). null: none. */
  computeCharts?: ComputeCharts | null;
  /** Every compute operation of this run so far; present when the list changed (load, reset, operation). */
  operations?: OperationRecord[];
  /** New entries of the autoscalers' decision log (at most the last 2,000 after a reset or for a new subscriber). */
  decisions?: DecisionDelta;
  /** The acting principal and new audit entries; present when either changed (`reset` after a load or reset). */
  iam?: AuditDelta;
  /** The serverless live view and charts, when the scenario has a serverless block and they changed (≤ ~5 times a second). */
  serverless?: ServerlessDelta;
}

export type SnapshotListener = (snap: Snapshot) => void;

export interface SimServiceOptions {
  /** Wall clock in milliseconds (default `performance.now`). */
  clock?: () => number;
  /** Timer (default `setTimeout`/`clearTimeout`); injectable for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Longest a paced tick may run (default 20 ms). */
  tickBudgetMs?: number;
  /** Longest a max-speed chunk may run before yielding (default 25 ms). */
  maxSpeedBudgetMs?: number;
  /** Delay between paced ticks (default 16 ms). */
  tickIntervalMs?: number;
  /** Minimum wall time between pushes while playing (default 33 ms, i.e. ≤ ~30/s). */
  minPushIntervalMs?: number;
  /** Initial speed (default 10). */
  speed?: number;
  /** Called at least every ~250 ms of wall time from inside a run to the end (the page's heartbeat hears it). */
  onBusyBeat?: () => void;
}

/** Events run between two looks at the wall clock inside a run to the end. */
const RUN_TO_END_CHUNK = 20_000;
/** Wall time between two busy beats. */
const BUSY_BEAT_MS = 250;

const MAX_CHUNK = 20_000;
const MIN_CHUNK = 64;
/** Wall time a paced tick may make up after a stall; more than this is dropped, not caught up in a burst. */
const MAX_CATCH_UP_MS = 100;

/** The array buffers in a snapshot, for `transfer(snap, buffers)`. */
export function snapshotTransferables(snap: Snapshot): ArrayBuffer[] {
  const s = snap.series;
  if (!s) return [];
  const out: ArrayBuffer[] = [];
  const add = (a: Float64Array): void => {
    const b = a.buffer;
    if (b instanceof ArrayBuffer && b.byteLength > 0 && !out.includes(b)) out.push(b);
  };
  add(s.time);
  for (const c of s.columns) add(c.data);
  return out;
}

/** The series, chart and compute buffers of a snapshot (all freshly made), for `transfer`. */
export function allTransferables(snap: Snapshot): ArrayBuffer[] {
  const out = snapshotTransferables(snap);
  if (snap.charts) for (const b of chartTransferables(snap.charts)) if (!out.includes(b)) out.push(b);
  for (const b of computeTransferables(snap.compute, snap.computeCharts)) if (!out.includes(b)) out.push(b);
  for (const b of serverlessChartTransferables(snap.serverless?.charts)) if (!out.includes(b)) out.push(b);
  return out;
}

/** Cells of a ReplicaView at most. */
export const MAX_REPLICA_CELLS = 256;
/** Decisions sent at most in one snapshot (the page keeps a window of the log; the CLI has it all). */
export const MAX_DECISIONS_SENT = 2_000;

function isPolicy(p: unknown): p is BalancerPolicy {
  return typeof p === 'string' && (BALANCER_POLICIES as ReadonlyArray<string>).includes(p);
}

function replicaView(state: LiveMetrics['services'][number]['replicaState'], slots: Uint8Array): ReplicaView {
  const n = state.utilization.length;
  const perCell = n <= MAX_REPLICA_CELLS ? 1 : Math.ceil(n / MAX_REPLICA_CELLS);
  const cells = Math.ceil(n / perCell);
  const v: ReplicaView = {
    perCell,
    cells,
    utilization: new Float64Array(cells),
    inService: new Int32Array(cells),
    queued: new Int32Array(cells),
    up: new Int32Array(cells),
    inRotation: new Int32Array(cells),
    members: new Int32Array(cells),
    starting: new Int32Array(cells),
    draining: new Int32Array(cells),
  };
  for (let c = 0; c < cells; c++) {
    const s = c * perCell;
    const e = Math.min(n, s + perCell);
    let u = 0;
    for (let r = s; r < e; r++) {
      u += state.utilization[r]!;
      v.inService[c]! += state.inService[r]!;
      v.queued[c]! += state.queued[r]!;
      v.up[c]! += state.up[r]!;
      v.inRotation[c]! += state.inRotation[r]!;
      const st = slots[r]!;
      if (st !== 0) v.members[c]!++;
      if (st === 1) v.starting[c]!++;
      if (st === 3) v.draining[c]!++;
    }
    v.utilization[c] = e > s ? u / (e - s) : 0;
  }
  return v;
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function sameView(a: ReplicaView, b: ReplicaView): boolean {
  return (
    a.perCell === b.perCell &&
    sameArray(a.utilization, b.utilization) &&
    sameArray(a.inService, b.inService) &&
    sameArray(a.queued, b.queued) &&
    sameArray(a.up, b.up) &&
    sameArray(a.inRotation, b.inRotation) &&
    sameArray(a.members, b.members) &&
    sameArray(a.starting, b.starting) &&
    sameArray(a.draining, b.draining)
  );
}

function sameSlo(a: SloStatus | null, b: SloStatus | null): boolean {
  if (a === null || b === null) return a === b;
  return a.windows === b.windows && a.breached === b.breached && (a.last?.end ?? -1) === (b.last?.end ?? -1);
}

function issue(path: string, message: string): ScenarioIssue {
  return { path, message };
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function sameService(a: ServiceSnapshot, b: ServiceSnapshot): boolean {
  return (
    a.replicas === b.replicas &&
    a.arrivals === b.arrivals &&
    a.completed === b.completed &&
    a.dropped === b.dropped &&
    a.timedOut === b.timedOut &&
    a.errors === b.errors &&
    a.policy === b.policy &&
    a.up === b.up &&
    a.inRotation === b.inRotation &&
    a.inSystem === b.inSystem &&
    a.queued === b.queued &&
    Object.is(a.utilization, b.utilization) &&
    Object.is(a.latency.mean, b.latency.mean) &&
    Object.is(a.latency.p50, b.latency.p50) &&
    Object.is(a.latency.p95, b.latency.p95) &&
    Object.is(a.latency.p99, b.latency.p99) &&
    sameView(a.replicaView, b.replicaView) &&
    sameSlo(a.slo, b.slo) &&
    a.ready === b.ready &&
    a.starting === b.starting &&
    a.draining === b.draining &&
    (a.autoscaler === null) === (b.autoscaler === null) &&
    a.autoscaler?.policy === b.autoscaler?.policy &&
    a.autoscaler?.last === b.autoscaler?.last
  );
}

function copyService(s: LiveMetrics['services'][number]): ServiceSnapshot {
  const l = s.latency;
  return {
    id: s.id,
    replicas: s.replicas,
    arrivals: s.arrivals,
    completed: s.completed,
    dropped: s.dropped,
    timedOut: s.timedOut,
    errors: s.errors,
    inSystem: s.inSystem,
    queued: s.queued,
    utilization: s.utilization,
    latency: { mean: l.mean, p50: l.p50, p95: l.p95, p99: l.p99 },
    policy: s.policy,
    up: s.up,
    inRotation: s.inRotation,
    replicaView: replicaView(s.replicaState, s.slotState),
    slo: s.slo ? { windows: s.slo.windows, breached: s.slo.breached, last: s.slo.last ? { ...s.slo.last } : null } : null,
    ready: s.ready,
    starting: s.starting,
    draining: s.draining,
    // The decision object is kept as is for the comparison (a new sync makes a new object); it is copied on the way out.
    autoscaler: s.autoscaler ? { ...s.autoscaler } : null,
  };
}

const finiteOrNull = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
const lastValue = (c: Float64Array | undefined, len: number): number => (c && len > 0 ? c[len - 1]! : Number.NaN);
const rateOrZero = (x: number): number => (Number.isFinite(x) ? x : 0);

export class SimService {
  private sim: Simulation | null = null;
  private readonly onBusyBeat: (() => void) | undefined;
  /** Beats between the slices of long calls other than a run to the end (see ./busyBeat). */
  private readonly busyBeat: BusyBeat;
  private scenario: Scenario | null = null;
  /** The loaded document as written (defaults left out): what a trace import edits. */
  private doc: unknown = null;
  private info: ScenarioInfo | null = null;

  /** Balancer switches made while running (cleared by reset and load). */
  private switches: BalancerSwitch[] = [];
  private pendingSwitches = false;
  /** The policy in use per service id. */
  private policies = new Map<string, BalancerPolicy>();

  /** Rates of the last sample, and the counters they were measured from. */
  private flows: Flows | null = null;
  private flowLength = -1;
  private flowMarks = new Map<string, { arrivals: number; failed: number }>();

  /** The service whose charts are pushed, and when they were last built. */
  private chartFocus: { serviceId: string; maxPoints: number } | null = null;
  private chartDirty = false;
  private chartBuiltLength = -1;
  private lastChartWall = -Infinity;
  private chartCostMs = 0;

  /** What the page was last sent about the compute model. */
  private readonly computeTracker = new ComputeTracker();
  private computeChartDirty = true;
  private computeChartLength = -1;
  private lastComputeChartWall = -Infinity;
  /** Compute operations of this run (interactive; a reset starts over from the scenario). */
  private operations: OperationRecord[] = [];
  /** Autoscaler settings changed in this run, per service id (a reset goes back to the scenario's). */
  private autoscalerEdits = new Map<string, AutoscalerSpecInput>();
  /** Decisions of the log already sent, and whether the receivers must drop theirs. */
  private sentDecisions = 0;
  private decisionsReset = true;
  private pendingOperations = false;
  /** Who the console acts as (the platform admin unless the page chose a principal), and what it was sent of the audit trail. */
  private principalId = 'admin';
  private readonly auditTracker = new AuditTracker();
  /** The serverless block's shape, keep-alive switches and what was pushed of it. */
  private readonly serverless = new ServerlessPart();

  private playing = false;
  private speed: number;
  private timer: unknown = undefined;
  private lastTickWall = 0;
  private chunk = 2_000;

  private rev = 0;
  private scenarioRev = 0;
  private lastPushWall = -Infinity;
  /** Info not yet pushed (after a load). */
  private pendingInfo = false;
  /** The series must be reset at the receiver on the next push. */
  private pendingSeriesReset = false;
  private sentSeriesLength = 0;
  /** Last pushed numbers per service id. */
  private sentServices = new Map<string, ServiceSnapshot>();
  /** What the acting principal may read of the live views (services; instances on demand). */
  private readonly readScope = new ReadScope();

  private rateWall = 0;
  private rateEvents = 0;
  private eventsPerWallSecond = 0;

  private readonly listeners = new Set<SnapshotListener>();

  private readonly clock: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly tickBudgetMs: number;
  private readonly maxSpeedBudgetMs: number;
  private readonly tickIntervalMs: number;
  private readonly minPushIntervalMs: number;

  constructor(options: SimServiceOptions = {}) {
    this.clock = options.clock ?? (() => performance.now());
    this.onBusyBeat = options.onBusyBeat;
    this.busyBeat = new BusyBeat(this.clock, options.onBusyBeat);
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.tickBudgetMs = options.tickBudgetMs ?? 20;
    this.maxSpeedBudgetMs = options.maxSpeedBudgetMs ?? 25;
    this.tickIntervalMs = options.tickIntervalMs ?? 16;
    this.minPushIntervalMs = options.minPushIntervalMs ?? 33;
    this.speed = SimService.validSpeed(options.speed) ? options.speed : 10;
  }

  /** A sign of life from inside a long call, at most every 250 ms (the page's heartbeat hears it). */
  beat(): void {
    this.busyBeat.beat();
  }

  // ---------------------------------------------------------------- queries

  presets(): PresetList {
    const presets = Object.entries(PRESETS).map(([id, p]) => ({ id, title: p.title, description: p.description, watch: p.watch, question: p.question }));
    return { presets, defaultPreset: DEFAULT_PRESET };
  }

  /** The loaded scenario's description, or null before the first successful load. */
  scenarioInfo(): ScenarioInfo | null {
    return this.info;
  }

  /** The loaded scenario document (a copy-safe plain object), or null. */
  currentScenario(): Scenario | null {
    return this.scenario;
  }

  /** The loaded scenario document as written (defaults left out; a copy), or null: what the editor edits and A/B compare patches. */
  scenarioDocument(): unknown {
    return this.doc === null ? null : structuredClone(this.doc);
  }

  /** The loaded document itself (not a copy: the same object until the next load), for caches keyed on it. Never mutate it. */
  loadedDocument(): unknown {
    return this.doc;
  }

  /** Results so far (the whole run after `runToEnd`), all of them: for the worker's own helpers (billing, compare). Throws if nothing is loaded. */
  results(): SimulationResults {
    return this.requireSim().results();
  }

  /** Results so far as the page gets them (export): cut to what the acting principal may read (see readScope.ts). Throws if nothing is loaded. */
  scopedResults(): ScopedResults {
    const sim = this.requireSim();
    this.refreshReadScope(sim);
    return cutResults(this.readScope, sim, this.principalId, sim.results());
  }

  isPlaying(): boolean {
    return this.playing;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  // ---------------------------------------------------------------- commands

  load(source: LoadSource): LoadResult {
    let parsed: ParseResult;
    /** The document as written (defaults left out): what the share link carries, so links stay short. */
    let doc: unknown;
    let preset: string | undefined;
    try {
      if (typeof source !== 'object' || source === null) {
        return { ok: false, errors: [issue('', 'nothing to load: expected a preset, a link or a scenario')] };
      } else if ('preset' in source) {
        const id = source.preset;
        const p = typeof id === 'string' && Object.prototype.hasOwnProperty.call(PRESETS, id) ? PRESETS[id] : undefined;
        if (!p) {
          const names = Object.keys(PRESETS).join(', ');
          return { ok: false, errors: [issue('preset', `there is no preset called "${String(id)}" (available: ${names})`)] };
        }
        preset = id;
        doc = p.scenario;
        parsed = parseScenario(doc);
      } else if ('link' in source) {
        if (typeof source.link !== 'string' || source.link.trim() === '' || source.link.trim() === '#') {
          return { ok: false, errors: [issue('link', 'the link is empty')] };
        }
        const decoded: ParseResult & { doc?: unknown } = decodeScenarioLink(source.link);
        parsed = decoded;
        doc = decoded.doc;
      } else if ('scenario' in source) {
        if (typeof source.scenario === 'string') {
          parsed = parseScenarioText(source.scenario);
          if (parsed.ok) doc = JSON.parse(source.scenario) as unknown;
        } else {
          doc = source.scenario;
          parsed = parseScenario(doc);
        }
      } else {
        return { ok: false, errors: [issue('', 'nothing to load: expected a preset, a link or a scenario')] };
      }
    } catch (e) {
      return { ok: false, errors: [issue('', `the scenario could not be read: ${errorMessage(e)}`)] };
    }
    if (!parsed.ok) {
      const errors = parsed.errors.length > 0 ? parsed.errors : [issue('', 'the scenario is not valid')];
      return { ok: false, errors };
    }
    this.beat();

    let scenario = parsed.scenario;
    // Trace files named by path (presets replaying the course's traces) cannot be opened from a
    // page: those workloads start silent, and the page offers Import trace for each.
    const missingTraces: MissingTrace[] = [];
    if (scenario.workloads.some((w) => w.arrival.type === 'trace' && w.arrival.data === undefined)) {
      scenario = {
        ...scenario,
        workloads: scenario.workloads.map((w) => {
          const a = w.arrival;
          if (a.type !== 'trace' || a.data !== undefined) return w;
          missingTraces.push({ workload: w.id, file: a.file ?? '' });
          return { ...w, arrival: { ...a, format: 'per-minute' as const, data: [0], file: undefined } };
        }),
      };
    }
    // The same for an Azure trace folder named by path: the functions come when its files are imported.
    let missingServerless: ServerlessInfo['missingTrace'] = null;
    /** What the console draws: the serverless block even while its functions are still to be imported. */
    let shown = scenario;
    if (scenario.serverless?.azureTrace) {
      missingServerless = { folder: scenario.serverless.azureTrace.folder, files: ['invocations.csv', 'durations.csv', 'memory.csv'] };
      shown = { ...scenario, serverless: { ...scenario.serverless, azureTrace: undefined } };
      // Without functions there is nothing for the serverless model to run until the files come.
      scenario = shown.serverless!.functions.length > 0 ? shown : { ...shown, serverless: undefined };
    }
    let sim: Simulation;
    try {
      sim = createSimulation(scenario);
    } catch (e) {
      return { ok: false, errors: [issue('', `the simulation could not start: ${errorMessage(e)}`)] };
    }
    this.beat();
    let link = '';
    try {
      link = encodeScenarioLink(doc ?? scenario);
    } catch {
      link = '';
    }

    let topology: TopologyInfo;
    let computeInfo: ComputeInfo | null;
    let serverlessInfo: ServerlessInfo | null;
    try {
      topology = topologyOf(scenario);
      computeInfo = computeInfoOf(scenario, sim.compute);
      serverlessInfo = serverlessInfoOf(shown, missingServerless, topology.metricsInterval);
    } catch (e) {
      return { ok: false, errors: [issue('', `the scenario could not be read: ${errorMessage(e)}`)] };
    }

    this.stopTimer();
    this.playing = false;
    this.sim = sim;
    this.scenario = scenario;
    this.doc = doc ?? scenario;
    this.scenarioRev++;
    this.info = {
      name: scenario.name,
      description: scenario.description ?? '',
      link,
      ...(preset !== undefined ? { preset } : {}),
      seed: scenario.seed,
      endTime: sim.endTime,
      serviceIds: scenario.services.map((s) => s.id),
      topology,
      compute: computeInfo,
      missingTraces,
      ...(sim.iam.defined ? { principals: principalsOf(sim) } : {}),
      serverless: serverlessInfo,
      instanceTypes: computeInfo?.instanceTypes ?? instanceTypesOf(scenario),
    };
    if (!sim.iam.principal(this.principalId)) this.principalId = 'admin';
    this.serverless.load(shown, serverlessInfo);
    this.pendingInfo = true;
    if (this.chartFocus && !scenario.services.some((s) => s.id === this.chartFocus?.serviceId)) this.chartFocus = null;
    this.resetRunState();
    this.resetDeltaState();
    this.push(true);
    return { ok: true, name: scenario.name, link, ...(preset !== undefined ? { preset } : {}) };
  }

  /**
   * Loads an edited document in place of the current scenario (the console's editor): a
   * `scenario:edit` of the acting principal, authorized and audited first; a denial changes nothing.
   */
  loadEdited(doc: unknown): LoadResult {
    const denied = this.sim ? gate(this.sim, this.principalId, 'scenario:edit', 'scenario/') : null;
    if (denied) {
      this.push(true);
      return { ok: false, errors: [{ path: '', message: denialText(denied) }] };
    }
    return this.load({ scenario: doc });
  }

  play(): void {
    const sim = this.sim;
    if (!sim || this.playing || sim.finished) {
      this.push(true);
      return;
    }
    this.playing = true;
    this.lastTickWall = this.clock();
    this.rateWall = this.lastTickWall;
    this.rateEvents = sim.eventsProcessed;
    this.push(true);
    this.schedule(this.speed === Infinity ? 0 : this.tickIntervalMs);
  }

  pause(): void {
    this.stopTimer();
    this.playing = false;
    this.eventsPerWallSecond = 0;
    this.push(true);
  }

  /** Process exactly one event (pausing first). Returns false when nothing was left before the end. */
  step(): boolean {
    this.stopTimer();
    this.playing = false;
    this.eventsPerWallSecond = 0;
    let stepped = false;
    if (this.sim && !this.sim.finished) {
      try {
        stepped = this.sim.step();
      } catch (e) {
        this.fail(e);
      }
    }
    this.push(true);
    return stepped;
  }

  /** Start the loaded scenario over from time 0, paused. */
  reset(): void {
    this.stopTimer();
    this.playing = false;
    this.eventsPerWallSecond = 0;
    if (this.scenario) {
      try {
        this.sim = createSimulation(this.scenario);
      } catch (e) {
        this.fail(e);
      }
      this.resetRunState();
      this.resetDeltaState();
    }
    this.push(true);
  }

  /**
   * Switches a service's load balancer from now on, while running or paused. The switch is
   * recorded (see `Snapshot.switches`) but is not part of the scenario: reset and the share link
   * start from the scenario's own policy.
   */
  setBalancer(serviceId: string, policy: string): BalancerResult {
    const sim = this.sim;
    let result: BalancerResult;
    let denied: Denial | null = null;
    if (!sim || !this.scenario) result = { ok: false, error: 'no scenario is loaded' };
    else if (!isPolicy(policy)) result = { ok: false, error: `there is no balancing policy "${String(policy)}" (available: ${BALANCER_POLICIES.join(', ')})` };
    else if (!this.policies.has(serviceId)) result = { ok: false, error: `there is no service "${String(serviceId)}"` };
    else if ((denied = gate(sim, this.principalId, 'policy:change', `service/${serviceId}`))) result = { ok: false, error: denialText(denied) };
    else if (sim.finished) result = { ok: false, error: 'the run has ended: reset it to start again' };
    else if ((sim.policyOf(serviceId) ?? this.policies.get(serviceId)) === policy) result = { ok: true };
    else {
      try {
        // The policy in force (a scripted action may have switched it since the last console switch).
        const from = sim.policyOf(serviceId) ?? this.policies.get(serviceId)!;
        if (sim.setBalancer(serviceId, policy)) {
          this.policies.set(serviceId, policy);
          this.switches.push({ time: sim.now, service: serviceId, from, to: policy });
          this.pendingSwitches = true;
          this.chartDirty = true;
          result = { ok: true };
        } else result = { ok: false, error: `the simulation refused the policy "${policy}" for "${serviceId}"` };
      } catch (e) {
        result = { ok: false, error: `the balancer could not be switched: ${errorMessage(e)}` };
      }
    }
    this.push(true);
    return result;
  }

  /**
   * Changes a service's autoscaler from now on (policy, bounds, target, rules…), while running or
   * paused. The change is checked like a scenario edit (the same messages, with their paths); it is
   * not part of the scenario: reset starts over from the scenario's own autoscaler. The decision
   * log records it.
   */
  setAutoscaler(serviceId: string, change: AutoscalerChange): AutoscalerResult {
    const sim = this.sim;
    let result: AutoscalerResult;
    let denied: Denial | null = null;
    const doc = this.doc as { services?: Array<{ id?: unknown; autoscaler?: AutoscalerSpecInput }> } | null;
    const index = doc?.services?.findIndex((x) => x.id === serviceId) ?? -1;
    if (!sim || !this.scenario || !doc) result = { ok: false, error: 'no scenario is loaded' };
    else if (index < 0) result = { ok: false, error: `there is no service "${String(serviceId)}"` };
    else if (change === null || typeof change !== 'object') result = { ok: false, error: 'the change must be an object of autoscaler settings' };
    else if ((denied = gate(sim, this.principalId, autoscalerAction(change), `service/${serviceId}`))) result = { ok: false, error: denialText(denied) };
    else {
      const current = this.autoscalerEdits.get(serviceId) ?? doc.services![index]!.autoscaler;
      if (!current) result = { ok: false, error: `service "${serviceId}" has no autoscaler in its scenario; add one there (its replica slots are set when the run starts)` };
      else {
        const next = { ...current, ...change } as AutoscalerSpecInput;
        const trial = structuredClone(doc) as { services: Array<{ autoscaler?: AutoscalerSpecInput }> };
        trial.services[index]!.autoscaler = next;
        const parsed = parseScenario(trial);
        if (!parsed.ok) {
          const mine = parsed.errors.filter((e) => e.path.startsWith(`services[${index}]`));
          const shown = (mine.length > 0 ? mine : parsed.errors).slice(0, 3).map((e) => `${e.path.replace(`services[${index}].`, '')}: ${e.message}`);
          result = { ok: false, error: shown.join('; ') };
        } else {
          const r = sim.setAutoscaler(serviceId, parsed.scenario.services[index]!.autoscaler!);
          if (r.ok) {
            this.autoscalerEdits.set(serviceId, next);
            this.chartDirty = true;
            result = { ok: true, autoscaler: structuredClone(next) };
          } else result = { ok: false, error: r.error };
        }
      }
    }
    this.push(true);
    return result;
  }

  /** The run's metric series up to now, read in place (no copy): for planning inside the worker. */
  /** Why the acting principal may not read a service (null: it may): a query, so a denial is audited like the inspector's. */
  serviceReadDenial(serviceId: string): ReadDenial | null {
    const sim = this.sim;
    if (!sim || !sim.scenario.services.some((s) => s.id === serviceId)) return null;
    return readDecision(sim, this.principalId, 'service:read', `service/${serviceId}`, true);
  }

  seriesView(): { time: ArrayLike<number>; column(name: string): ArrayLike<number> | undefined } | null {
    const sim = this.sim;
    if (!sim) return null;
    const s = sim.series;
    const n = Math.min(s.length, s.time.length);
    return { time: s.time.subarray(0, n), column: (name) => s.column(name)?.subarray(0, n) };
  }

  /** The autoscaler settings in force for a service (the scenario's, or as changed in this run), or null. */
  autoscalerSettings(serviceId: string): AutoscalerSpecInput | null {
    if (this.sim && readDecision(this.sim, this.principalId, 'service:read', `service/${serviceId}`, false)) return null;
    const edited = this.autoscalerEdits.get(serviceId);
    if (edited) return structuredClone(edited);
    const doc = this.doc as { services?: Array<{ id?: unknown; autoscaler?: AutoscalerSpecInput }> } | null;
    const a = doc?.services?.find((x) => x.id === serviceId)?.autoscaler;
    return a ? structuredClone(a) : null;
  }

  /** The balancer switches of this run so far. */
  balancerSwitches(): BalancerSwitch[] {
    return this.switches.map((s) => ({ ...s }));
  }

  /**
   * Switches every function's keep-alive policy from now on (fixed-10m, fixed-20m or hybrid), while
   * running or paused. Checked; a refusal comes back as a value. Recorded (see the serverless live
   * view's switches); not part of the scenario: reset starts over from the scenario's own policy.
   */
  setKeepAlive(req: KeepAliveRequest): KeepAliveResult {
    let result: KeepAliveResult;
    // Every function at once: a platform-wide policy change, authorized and audited like the others.
    const denied = this.sim ? gate(this.sim, this.principalId, 'policy:change', 'scenario/serverless') : null;
    if (denied) result = { ok: false, error: denialText(denied) };
    else {
      try {
        result = this.serverless.setKeepAlive(this.sim ? keepAliveTarget(this.sim) : null, req);
      } catch (e) {
        result = { ok: false, error: `the keep-alive policy could not be changed: ${errorMessage(e)}` };
      }
    }
    this.push(true);
    return result;
  }

  /** The keep-alive switches of this run so far. */
  keepAliveSwitches(): KeepAliveSwitch[] {
    return this.serverless.keepAliveSwitches();
  }

  /**
   * Keep-alive A/B: the loaded scenario run to its end under fixed 10 min, fixed 20 min and hybrid,
   * each in a fresh simulation on the scenario's seed (the live run is not touched). Never throws.
   */
  compareKeepAlive(): KeepAliveCompareResult {
    try {
      if (this.info?.serverless?.missingTrace) return { ok: false, error: 'import the trace files first: the scenario has no functions until then' };
      return compareKeepAlive(this.scenario, this.clock, () => this.beat());
    } catch (e) {
      return { ok: false, error: `the comparison failed: ${errorMessage(e)}` };
    }
  }

  /**
   * An operation on the compute model (kill a host, drain, uncordon, migrate, resize, terminate, a
   * zone outage, a link cut…), now, while running or paused. Never throws: an impossible request
   * comes back as { ok: false, message }. Successful ones are recorded (see
   * `Snapshot.operations`); they are not part of the scenario: reset starts over without them.
   */
  operate(op: ComputeOperation): OperationResult {
    const sim = this.sim;
    let result: OperationResult;
    let denied: Denial | null = null;
    if (!sim || !this.info) result = { ok: false, message: 'no scenario is loaded' };
    else if (sim.finished) result = { ok: false, message: 'the run has ended: reset it to start again' };
    else if ((denied = this.gateOperation(sim, op))) result = { ok: false, message: denialText(denied) };
    else {
      result = runOperation(sim, this.info.compute, op);
      if (result.ok) {
        this.operations.push({ time: sim.now, op: structuredCloneOp(op), message: result.message, ...(result.code ? { code: result.code, params: result.params } : {}) });
        this.pendingOperations = true;
        this.computeChartDirty = true;
      }
    }
    this.push(true);
    return result;
  }

  /** The compute operations of this run so far. */
  computeOperations(): OperationRecord[] {
    return this.operations.map((o) => ({ ...o }));
  }

  /** An instance's placement explanation (the scheduler's reasoning) and its lifecycle from the log. */
  explain(instance: string): ExplainResult {
    if (!this.sim) return { ok: false, message: 'no scenario is loaded' };
    // Reading an instance's placement and history is an instance:read of the acting principal (audited).
    if (typeof instance === 'string' && this.sim.compute?.instanceNamed(instance)) {
      const denied = gate(this.sim, this.principalId, 'instance:read', `instance/${instance}`);
      if (denied) {
        this.push(true);
        return { ok: false, message: denialText(denied), hidden: denied };
      }
    }
    const r = explainInstance(this.sim, instance);
    if (!r.ok) return r;
    // Its history may name instances the principal may not read (the one that preempted it, …).
    this.refreshReadScope(this.sim);
    const history = r.history.filter((e) => !this.readScope.logEntry(e));
    return history.length === r.history.length ? r : { ...r, history, historyOmitted: r.historyOmitted + (r.history.length - history.length) };
  }

  /** A host now: capacity, allocation, state and the instances on it (and migrating to it). */
  /** Tenants' quotas, usage, isolation, refusals and fairness now (null without tenants or host pools). */
  tenancy(): ScopedTenancyView | null {
    const sim = this.sim;
    if (!sim?.compute || !sim.tenancy) return null;
    // Cut to the tenants the acting principal may read (see readScope.ts).
    this.refreshReadScope(sim);
    return cutTenancy(this.readScope, tenancyView(sim.scenario, sim.compute, sim.tenancy));
  }

  hostDetail(hostId: string): HostDetailResult {
    if (!this.sim) return { ok: false, message: 'no scenario is loaded' };
    const r = hostDetail(this.sim, this.info?.compute ?? null, hostId);
    if (!r.ok) return r;
    // The instances on the host are each an instance:read, its history a host:read (those denied are left out; see readScope.ts).
    this.refreshReadScope(this.sim);
    return cutHostDetail(this.readScope, r);
  }

  /**
   * Replaces a workload's arrivals by a trace file (CSV per-minute counts, timestamps or an SWF
   * log; gzip accepted), then validates and reloads the scenario: the clock starts over. A file or
   * a result that does not validate changes nothing and comes back as line-numbered messages.
   */
  importTrace(req: TraceImportRequest): TraceImportResult {
    const name = typeof req?.fileName === 'string' && req.fileName !== '' ? req.fileName : 'the file';
    if (!this.scenario || this.doc === null) return { ok: false, code: 'no-scenario', title: 'No scenario is loaded', errors: [] };
    if (!this.scenario.workloads.some((w) => w.id === req.workload)) {
      return { ok: false, code: 'no-workload', title: 'The trace could not be imported', errors: [`there is no workload "${String(req.workload)}"`] };
    }
    const denied = this.sim ? gate(this.sim, this.principalId, 'scenario:edit', 'scenario/') : null;
    if (denied) {
      this.push(true);
      return { ok: false, code: 'denied', title: 'Access denied', errors: [denialText(denied)] };
    }
    let parsed: ReturnType<typeof parseTraceFile>;
    try {
      parsed = parseTraceFile(req, () => this.beat());
    } catch (e) {
      parsed = { ok: false, errors: [errorMessage(e)] };
    }
    if (!parsed.ok) return { ok: false, code: 'invalid-trace', title: `${name} is not a valid ${req.format} trace`, errors: parsed.errors };
    this.beat();
    const next = withTrace(this.doc, req.workload, parsed.format, parsed.data, {
      ...(req.minuteSeconds !== undefined ? { minuteSeconds: req.minuteSeconds } : {}),
      loop: req.loop === true,
      fitDuration: req.fitDuration === true,
    });
    if (!next.ok) return { ok: false, code: 'not-applied', title: 'The trace could not be imported', errors: next.errors };
    const loaded = this.load({ scenario: next.doc });
    if (!loaded.ok) {
      return {
        ok: false,
        code: 'invalid-scenario',
        title: 'The scenario with this trace is not valid; nothing was changed',
        errors: loaded.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
      };
    }
    return {
      ok: true,
      name: loaded.name,
      link: loaded.link,
      workload: req.workload,
      values: parsed.data.length,
      format: parsed.format,
      duration: this.sim?.endTime ?? 0,
    };
  }

  // ---------------------------------------------------------------- identity and access

  /** Acts as another principal of the scenario from now on (the audit trail records who did what). */
  setPrincipal(id: string): PrincipalResult {
    let result: PrincipalResult;
    if (!this.sim) result = { ok: false, error: 'no scenario is loaded' };
    else if (typeof id !== 'string' || !this.sim.iam.principal(id)) {
      const ids = this.sim.iam.principals().map((p) => p.id).join(', ');
      result = { ok: false, error: `there is no principal "${String(id)}" (principals: ${ids})` };
    } else {
      this.principalId = id;
      result = { ok: true, principal: id };
    }
    this.push(true);
    return result;
  }

  /** Who the console acts as. */
  actingPrincipal(): string {
    return this.principalId;
  }

  /** The run's audit trail so far (every authorization, allowed or denied). */
  audit(): AuditEntry[] {
    return this.sim ? this.sim.iam.trail.entries().map((e) => ({ ...e })) : [];
  }

  /** Pins a service at `replicas` (its autoscaler's bounds), as the acting principal; never throws. */
  scaleService(serviceId: string, replicas: number): ScaleResult {
    const r = scaleService(this.sim, this.principalId, serviceId, replicas);
    const current = r.ok ? this.autoscalerSettings(serviceId) : null;
    if (current) {
      // The autoscaler panel shows the bounds in force.
      this.autoscalerEdits.set(serviceId, { ...current, minReplicas: replicas, maxReplicas: Math.max(1, replicas) });
      this.chartDirty = true;
    }
    this.push(true);
    return r;
  }

  /** The simulation, for the worker's own helpers (billing); null before a load. */
  simulation(): Simulation | null {
    return this.sim;
  }

  /** Sends a snapshot now (after a helper recorded something, such as audited bill reads). */
  notify(): void {
    this.push(true);
  }

  private gateOperation(sim: Simulation, op: ComputeOperation): Denial | null {
    // A scheduling priority can preempt other tenants' instances on shared hosts: setting one is a
    // platform decision (policy:change on scenario/priority), checked before the create itself.
    // (`op` comes from the page: it may be anything, null included; operationAccess and the operation's own checks say why)
    const o = (typeof op === 'object' && op !== null ? op : {}) as { op?: unknown; priority?: unknown };
    if (o.op === 'create' && typeof o.priority === 'number' && o.priority > 0) {
      const denied = gate(sim, this.principalId, 'policy:change', 'scenario/priority');
      if (denied) return denied;
    }
    const access = operationAccess(op);
    return access ? gate(sim, this.principalId, access.action, access.target) : null;
  }

  /**
   * Fills in the Azure Functions 2019 trace a scenario names by folder (`serverless.azureTrace`)
   * from the three files the page read, then validates and reloads: the clock starts over. Bad
   * files or a result that does not validate change nothing and come back as messages.
   */
  importAzureTrace(req: AzureImportRequest): AzureImportResult {
    if (!this.scenario || this.doc === null) return { ok: false, title: 'No scenario is loaded', errors: [] };
    const denied = this.sim ? gate(this.sim, this.principalId, 'scenario:edit', 'scenario/') : null;
    if (denied) {
      this.push(true);
      return { ok: false, title: 'Access denied', errors: [denialText(denied)] };
    }
    let next: ReturnType<typeof withAzureTrace>;
    try {
      next = withAzureTrace(this.doc, req);
    } catch (e) {
      next = { ok: false, title: 'The trace could not be imported', errors: [errorMessage(e)] };
    }
    if (!next.ok) return next;
    this.beat();
    const loaded = this.load({ scenario: next.doc });
    if (!loaded.ok) {
      return {
        ok: false,
        title: 'The scenario with this trace is not valid; nothing was changed',
        errors: loaded.errors.slice(0, 20).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
      };
    }
    return { ok: true, name: loaded.name, link: loaded.link, functions: next.functions, invocations: next.invocations, minutes: next.minutes };
  }

  /**
   * Which service's charts to push (null: none). `maxPoints` bounds each line chart (≤ 1000).
   * Charts are pushed now, then with new samples at most ~4 times a second.
   */
  setChartFocus(serviceId: string | null, maxPoints: number = DEFAULT_CHART_POINTS): void {
    const valid = typeof serviceId === 'string' && this.scenario?.services.some((s) => s.id === serviceId) === true;
    const points = Number.isFinite(maxPoints) ? Math.max(10, Math.min(MAX_CHART_POINTS, Math.floor(maxPoints))) : DEFAULT_CHART_POINTS;
    this.chartFocus = valid ? { serviceId: serviceId as string, maxPoints: points } : null;
    this.chartDirty = true;
    this.push(true);
  }

  /** Simulated seconds per wall second (> 0, or Infinity for as fast as possible). Returns false if rejected. */
  setSpeed(speed: number): boolean {
    if (!SimService.validSpeed(speed)) {
      this.push(true);
      return false;
    }
    this.speed = speed;
    if (this.playing) {
      // Restart pacing from now so the new speed applies from this moment on.
      this.stopTimer();
      this.lastTickWall = this.clock();
      this.schedule(0);
    }
    this.push(true);
    return true;
  }

  /** Run synchronously to the end and return the results (stops playing). */
  runToEnd(): ScopedResults {
    const sim = this.requireSim();
    this.stopTimer();
    this.playing = false;
    this.eventsPerWallSecond = 0;
    try {
      const t0 = this.clock();
      const e0 = sim.eventsProcessed;
      let beatAt = t0;
      while (!sim.finished) {
        // In chunks, so a long run can say it is alive (the same events in the same order either way).
        const n = sim.runUntil(sim.endTime, RUN_TO_END_CHUNK);
        if (this.onBusyBeat) {
          const t = this.clock();
          if (t - beatAt >= BUSY_BEAT_MS) {
            beatAt = t;
            this.onBusyBeat();
          }
        }
        if (n === 0 && !sim.finished) break; // defensive: the core could not move on
      }
      const dt = this.clock() - t0;
      if (dt > 0) this.eventsPerWallSecond = ((sim.eventsProcessed - e0) * 1000) / dt;
    } catch (e) {
      this.fail(e);
      throw e;
    } finally {
      this.push(true);
      this.eventsPerWallSecond = 0;
    }
    return this.scopedResults();
  }

  /** Listen to snapshots; the new listener first gets a full snapshot of the current state. */
  subscribe(cb: SnapshotListener): () => void {
    this.listeners.add(cb);
    if (this.sim) {
      try {
        cb(this.buildFullSnapshot());
      } catch {
        // a failing listener must not break the service
      }
    }
    return () => {
      this.listeners.delete(cb);
    };
  }

  /** Stop playing and drop listeners (the worker is about to go away). */
  dispose(): void {
    this.stopTimer();
    this.playing = false;
    this.listeners.clear();
  }

  // ---------------------------------------------------------------- pacing

  private static validSpeed(speed: unknown): speed is number {
    return typeof speed === 'number' && speed > 0 && !Number.isNaN(speed);
  }

  private requireSim(): Simulation {
    if (!this.sim) throw new Error('no scenario is loaded');
    return this.sim;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) return;
    this.timer = this.setTimer(this.tick, ms);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    const sim = this.sim;
    if (!this.playing || !sim) return;
    const start = this.clock();
    const maxSpeed = this.speed === Infinity;
    try {
      if (maxSpeed) {
        this.runChunks(sim, sim.endTime, start + this.maxSpeedBudgetMs);
      } else {
        const elapsedMs = Math.min(Math.max(0, start - this.lastTickWall), MAX_CATCH_UP_MS);
        const target = Math.min(sim.endTime, sim.now + (this.speed * elapsedMs) / 1000);
        this.runChunks(sim, target, start + this.tickBudgetMs);
      }
    } catch (e) {
      this.fail(e);
      this.push(true);
      return;
    }
    this.lastTickWall = start;
    const now = this.clock();
    this.updateRate(sim, now);
    if (sim.finished) {
      this.playing = false;
      this.push(true);
      this.eventsPerWallSecond = 0;
      return;
    }
    this.push(false);
    if (maxSpeed) this.schedule(0);
    else this.schedule(Math.max(0, this.tickIntervalMs - (now - start)));
  };

  /** Advance toward `target` in chunks until it is reached or the wall-clock deadline passes. */
  private runChunks(sim: Simulation, target: number, deadline: number): void {
    while (sim.now < target && !sim.finished) {
      const t0 = this.clock();
      const n = sim.runUntil(target, this.chunk);
      const t1 = this.clock();
      if (n >= this.chunk) {
        // Aim for chunks of ~4 ms so the deadline check stays fine-grained.
        const perMs = n / Math.max(t1 - t0, 0.05);
        this.chunk = Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, perMs * 4)));
      } else if (sim.now < target && !sim.finished) {
        break; // the core stopped short on its own; do not spin
      }
      if (t1 >= deadline) break;
    }
  }

  private updateRate(sim: Simulation, now: number): void {
    const dt = now - this.rateWall;
    if (dt >= 500) {
      this.eventsPerWallSecond = ((sim.eventsProcessed - this.rateEvents) * 1000) / dt;
      this.rateWall = now;
      this.rateEvents = sim.eventsProcessed;
    }
  }

  /** An exception from the core: stop playing; the next push shows the state as it is. */
  private fail(e: unknown): void {
    this.stopTimer();
    this.playing = false;
    // Surface in the worker's console; the page sees playing=false.
    console.error('[cumulo] simulation error:', e);
  }

  // ---------------------------------------------------------------- snapshots

  private resetDeltaState(): void {
    this.computeTracker.reset();
    this.computeChartDirty = true;
    this.computeChartLength = -1;
    this.lastComputeChartWall = -Infinity;
    this.pendingSeriesReset = true;
    this.sentSeriesLength = 0;
    this.sentServices = new Map();
    this.chunk = 2_000;
    this.eventsPerWallSecond = 0;
  }

  /** A new run of the loaded scenario: its own policies, no switches, no rates yet. */
  private resetRunState(): void {
    this.auditTracker.reset();
    this.serverless.resetRun();
    this.autoscalerEdits = new Map();
    this.sentDecisions = 0;
    this.decisionsReset = true;
    this.switches = [];
    this.pendingSwitches = true;
    this.operations = [];
    this.pendingOperations = true;
    this.policies = new Map((this.scenario?.services ?? []).map((s) => [s.id, s.loadBalancer.policy]));
    this.flows = null;
    this.flowLength = -1;
    this.flowMarks = new Map();
    this.chartDirty = true;
    this.chartBuiltLength = -1;
    this.lastChartWall = -Infinity;
  }

  /** Rates from the last sample, and failure fractions from the counters since the previous call. */
  private buildFlows(live: LiveMetrics): Flows {
    const series = live.series;
    const len = Math.min(series.length, series.time.length);
    const flows: Flows = { time: len > 0 ? series.time[len - 1]! : 0, workloads: {}, calls: {}, services: {} };
    const topo = this.info?.topology;
    for (const w of topo?.workloads ?? []) if (this.readScope.workload(w.id)) flows.workloads[w.id] = rateOrZero(lastValue(series.column(`workload.${w.id}.rate`), len));
    for (const s of topo?.services ?? []) {
      if (s.calls.length === 0 || this.readScope.service(s.id)) continue;
      const out: Record<string, number> = {};
      for (const c of s.calls) if (this.readScope.call(s.id, c.service)) out[c.service] = rateOrZero(lastValue(series.column(`call.${s.id}.${c.service}.rate`), len));
      flows.calls[s.id] = out;
    }
    for (const s of live.services) {
      if (this.readScope.service(s.id)) continue;
      const failed = s.dropped + s.timedOut + s.errors;
      const mark = this.flowMarks.get(s.id) ?? { arrivals: 0, failed: 0 };
      const dArr = s.arrivals - mark.arrivals;
      const dFail = failed - mark.failed;
      this.flowMarks.set(s.id, { arrivals: s.arrivals, failed });
      const fraction = dArr > 0 ? Math.min(1, Math.max(0, dFail / dArr)) : dFail > 0 ? 1 : 0;
      flows.services[s.id] = {
        throughput: rateOrZero(lastValue(series.column(`${s.id}.throughput`), len)),
        failures: rateOrZero(lastValue(series.column(`${s.id}.dropped`), len)) + rateOrZero(lastValue(series.column(`${s.id}.errors`), len)),
        failureFraction: fraction,
        p95: finiteOrNull(lastValue(series.column(`${s.id}.p95`), len)),
        p99: finiteOrNull(lastValue(series.column(`${s.id}.p99`), len)),
      };
    }
    return flows;
  }

  /** Minimum wall time between two chart builds while playing: 250 ms, more if building is slow. */
  private chartInterval(): number {
    return Math.max(250, this.chartCostMs * 10);
  }

  private buildCharts(live: LiveMetrics, len: number): ChartData | null {
    const focus = this.chartFocus;
    if (!focus) return null;
    if (this.readScope.service(focus.serviceId)) {
      this.chartDirty = false;
      this.chartBuiltLength = len;
      return null;
    }
    const t0 = this.clock();
    const data = buildChartData(live.series, focus.serviceId, { maxPoints: focus.maxPoints });
    this.chartCostMs = Math.max(0, this.clock() - t0);
    this.lastChartWall = this.clock();
    this.chartBuiltLength = len;
    this.chartDirty = false;
    return data;
  }

  private push(force: boolean): void {
    const sim = this.sim;
    if (!sim) return;
    const wall = this.clock();
    if (!force && wall - this.lastPushWall < this.minPushIntervalMs) return;
    this.lastPushWall = wall;
    if (this.listeners.size === 0) {
      // Nobody to tell: keep the delta state so the next listener gets a full snapshot anyway.
      return;
    }
    const snap = this.buildDelta(sim, force, wall);
    // Spacing is measured between deliveries: a slow build (charts, a GC pause) cannot bunch them up.
    this.lastPushWall = this.clock();
    for (const cb of this.listeners) {
      try {
        cb(snap);
      } catch {
        // ignore a failing listener
      }
    }
  }

  private header(sim: Simulation): Snapshot {
    return {
      rev: ++this.rev,
      playing: this.playing,
      speed: this.speed,
      now: sim.now,
      endTime: sim.endTime,
      finished: sim.finished,
      eventsProcessed: sim.eventsProcessed,
      eventsPerWallSecond: this.eventsPerWallSecond,
      scenarioRev: this.scenarioRev,
    };
  }

  private buildDelta(sim: Simulation, force: boolean, wall: number): Snapshot {
    this.refreshReadScope(sim);
    const snap = this.header(sim);
    if (this.pendingInfo && this.info) {
      snap.scenario = { ...this.info, serviceIds: [...this.info.serviceIds] };
      this.pendingInfo = false;
    }
    const live = sim.live();
    const changed: ServiceSnapshot[] = [];
    for (const s of live.services) {
      const hidden = this.readScope.service(s.id);
      const copy = hidden ? redactService(copyService(s), hidden) : copyService(s);
      const prev = this.sentServices.get(s.id);
      if (prev && sameService(prev, copy)) continue;
      this.sentServices.set(s.id, copy);
      // Kept for the next comparison and sent as is: its arrays are copied on the way, never transferred.
      changed.push(copy);
    }
    if (changed.length > 0) snap.services = changed;

    const series = live.series;
    const len = Math.min(series.length, series.time.length);
    if (this.pendingSeriesReset || len > this.sentSeriesLength) {
      const from = this.pendingSeriesReset ? 0 : this.sentSeriesLength;
      snap.series = this.sliceSeries(series, from, len, this.pendingSeriesReset);
      this.sentSeriesLength = len;
      this.pendingSeriesReset = false;
    }
    if (len !== this.flowLength) {
      this.flows = this.buildFlows(live);
      this.flowLength = len;
      snap.flows = this.flows;
    }
    if (this.pendingSwitches) {
      snap.switches = this.balancerSwitches();
      this.pendingSwitches = false;
    }
    if (this.pendingOperations) {
      snap.operations = this.computeOperations();
      this.pendingOperations = false;
    }
    const log = sim.scalingLog;
    if (this.decisionsReset || log.length > this.sentDecisions) {
      const from = this.decisionsReset ? Math.max(0, log.length - MAX_DECISIONS_SENT) : Math.max(this.sentDecisions, log.length - MAX_DECISIONS_SENT);
      snap.decisions = { reset: this.decisionsReset, entries: this.readableDecisions(log.slice(from)) };
      this.sentDecisions = log.length;
      this.decisionsReset = false;
    }
    const audit = this.auditTracker.delta(sim, this.principalId);
    if (audit) snap.iam = audit;
    if (sim.compute && this.info?.compute) {
      const delta = this.computeTracker.delta(sim.compute, live.compute, this.info.compute.links, { force, wall });
      if (delta) snap.compute = cutComputeDelta(this.readScope, delta, this.instanceAt);
      if (this.computeChartDirty || len !== this.computeChartLength) {
        // No clock readings here (a tick's budget is tight): the interval grows with the series instead.
        if (force || !this.playing || this.computeChartDirty || wall - this.lastComputeChartWall >= Math.max(250, len / 2000)) {
          snap.computeCharts = buildComputeCharts(live.series, DEFAULT_CHART_POINTS);
          this.lastComputeChartWall = wall;
          this.computeChartLength = len;
          this.computeChartDirty = false;
        }
      }
    }
    const sls = this.serverless.delta(keepAliveTarget(sim), { force, playing: this.playing, wall, maxPoints: DEFAULT_CHART_POINTS });
    if (sls) snap.serverless = sls.live ? { ...sls, live: cutServerlessLive(this.readScope, sls.live) } : sls;
    if (this.chartDirty && !this.chartFocus) {
      snap.charts = null;
      this.chartDirty = false;
    } else if (this.chartFocus && (this.chartDirty || len !== this.chartBuiltLength)) {
      if (force || !this.playing || this.chartDirty || wall - this.lastChartWall >= this.chartInterval()) snap.charts = this.buildCharts(live, len);
    }
    return snap;
  }

  /** Everything, for a new subscriber; does not disturb the delta state of existing ones. */
  private buildFullSnapshot(): Snapshot {
    const sim = this.requireSim();
    this.refreshReadScope(sim);
    const snap = this.header(sim);
    if (this.info) snap.scenario = { ...this.info, serviceIds: [...this.info.serviceIds] };
    const live = sim.live();
    snap.services = live.services.map((s) => {
      const hidden = this.readScope.service(s.id);
      return hidden ? redactService(copyService(s), hidden) : copyService(s);
    });
    // Up to what the others were sent, so later deltas line up for everybody.
    const len = this.pendingSeriesReset ? 0 : this.sentSeriesLength;
    snap.series = this.sliceSeries(live.series, 0, len, true);
    snap.switches = this.balancerSwitches();
    snap.operations = this.computeOperations();
    const log = sim.scalingLog.slice(0, this.sentDecisions);
    snap.decisions = { reset: true, entries: this.readableDecisions(log.slice(-MAX_DECISIONS_SENT)) };
    snap.iam = this.auditTracker.full(sim, this.principalId);
    if (sim.compute && this.info?.compute) {
      // Nothing sent since a load or reset (nobody was listening): send everything now, as a delta.
      const t = this.computeTracker;
      snap.compute = cutComputeDelta(this.readScope, (t.fresh ? t.delta(sim.compute, live.compute, this.info.compute.links, { force: true, wall: this.clock() }) : null) ?? t.full(sim.compute), this.instanceAt);
      snap.computeCharts = buildComputeCharts(live.series, DEFAULT_CHART_POINTS);
    }
    if (this.flows) snap.flows = this.flows;
    const sls = this.serverless.full(keepAliveTarget(sim), DEFAULT_CHART_POINTS);
    if (sls) snap.serverless = sls.live ? { ...sls, live: cutServerlessLive(this.readScope, sls.live) } : sls;
    if (this.chartFocus && !this.readScope.service(this.chartFocus.serviceId)) {
      const data = buildChartData(live.series, this.chartFocus.serviceId, { maxPoints: this.chartFocus.maxPoints });
      if (data) snap.charts = data;
    }
    // Services not yet sent to the others will come with the next delta anyway; harmless duplicates.
    return snap;
  }

  private sliceSeries(series: LiveMetrics['series'], from: number, to: number, reset: boolean): SeriesDelta {
    return {
      reset,
      from,
      time: series.time.slice(from, to),
      columns: series.columns.filter((c) => this.readScope.column(c.name)).map((c) => ({ name: c.name, data: c.data.slice(from, to) })),
    };
  }

  /**
   * Brings what the acting principal may read up to date (a new run or principal); when it changed,
   * what was sent is sent again, cut to the new scope (services, series, flows, decisions, charts).
   */
  private refreshReadScope(sim: Simulation): void {
    if (!this.readScope.refresh(sim, this.principalId)) return;
    this.sentServices = new Map();
    this.pendingSeriesReset = true;
    this.sentSeriesLength = 0;
    this.flowLength = -1;
    this.decisionsReset = true;
    this.chartDirty = true;
    // The instance table, event log and serverless view start over too, cut to the new scope.
    this.computeTracker.reset();
    this.computeChartDirty = true;
    this.serverless.scope((id) => !this.readScope.fn(id));
  }

  /** The name of the instance at a row of the instance table (rows are the core's instances in order). */
  private readonly instanceAt = (row: number): string | undefined => this.sim?.compute?.instances[row]?.name;

  /** Copies of the decisions about services the acting principal may read. */
  private readableDecisions(list: readonly ScalingDecision[]): ScalingDecision[] {
    return list.filter((d) => !this.readScope.service(d.service)).map((d) => ({ ...d }));
  }
}

/** A plain copy of an operation as the page sent it (arrays copied; nothing else kept). */
function structuredCloneOp(op: ComputeOperation): ComputeOperation {
  return JSON.parse(JSON.stringify(op)) as ComputeOperation;
}
