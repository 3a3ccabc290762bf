/**
 * The compute model on the page: static infrastructure, live host state, the instance table, the
 * event log, the summary, charts and operations, plus the infrastructure view's own UI state
 * (which view, what is selected, the last action's result, the host context menu). Written by the
 * bridge from snapshots; read by components through narrow selectors.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ComputeCharts, ComputeDelta, ComputeInfo, ComputeLogEntry, ComputeSummaryView, HiddenCount, HostLive, OperationRecord } from '../../workers/sim.worker';
import type { SaidParams } from '../../core/index';
import { EMPTY_INSTANCES, InstanceTable, type InstanceTableView } from './instanceTable';
import { appendLog } from './logFilter';
import { cancelPublish, publishInFrame } from '../framePublish';
import { livePace } from '../framePace';

export type InfraSelection =
  | { kind: 'host'; id: string }
  | { kind: 'instance'; name: string }
  | { kind: 'pool'; id: string }
  | { kind: 'zone'; id: string }
  | { kind: 'region'; id: string }
  | { kind: 'link'; index: number };

export interface ActionResult {
  ok: boolean;
  /** What was asked ("Kill host pool-a-0"). */
  what: string;
  message: string;
  /** The message's structure, when the worker gave it (shown in the console's language). */
  code?: string;
  params?: SaidParams;
  /** Increments per result (for keys and animations). */
  seq: number;
}

export interface HostMenuState {
  hostId: string;
  /** Viewport coordinates of the click. */
  x: number;
  y: number;
}

export type ConsoleView = 'traffic' | 'infra';

export interface ComputeState {
  info: ComputeInfo | null;
  hosts: HostLive | null;
  instances: InstanceTableView;
  /** Kept log entries, oldest first. */
  log: ComputeLogEntry[];
  logTotal: number;
  logDropped: number;
  /** Entries the worker left out because the acting principal may not read them (since the log's last reset), and the first denial. */
  logHidden: HiddenCount | null;
  summary: ComputeSummaryView | null;
  charts: ComputeCharts | null;
  operations: OperationRecord[];
  view: ConsoleView;
  selection: InfraSelection | null;
  result: ActionResult | null;
  menu: HostMenuState | null;
}

const initial: ComputeState = {
  info: null,
  hosts: null,
  instances: EMPTY_INSTANCES,
  log: [],
  logTotal: 0,
  logDropped: 0,
  logHidden: null,
  summary: null,
  charts: null,
  operations: [],
  view: 'traffic',
  selection: null,
  result: null,
  menu: null,
};

export const computeStore = createStore<ComputeState>()(() => initial);

export function useCompute<T>(selector: (s: ComputeState) => T): T {
  return useStore(computeStore, selector);
}

const table = new InstanceTable();
let resultSeq = 0;

/** A newly loaded scenario: its infrastructure (or none). Keeps the view if it still applies. */
export function loadComputeInfo(info: ComputeInfo | null): void {
  const s = computeStore.getState();
  dropWaiting();
  table.clear();
  computeStore.setState({
    ...initial,
    info,
    instances: table.view(),
    view: info ? s.view : 'traffic',
  });
}

/** While playing, the store gets compute changes at most this often (rendering is the bottleneck, not data). */
export const COMPUTE_PUBLISH_MS = 200;

/**
 * The parts of a compute publish that feed different panels, each put into the store in an
 * animation frame of its own while a run plays (framePublish.ts runs one heavy job per frame): the
 * live infrastructure (host state, instances and the summary: heat strips, pool, zone and region
 * figures, the queue, the pool table) and the event log. One publish of both re-rendered most of
 * the console in a single frame, far past a frame's budget at a thousand hosts. (Hosts and summary
 * stay together: the pool nodes show both, and would otherwise render twice.)
 */
type Part = 'infra' | 'log';
const PART_KEYS: Readonly<Record<Part, ReadonlyArray<keyof ComputeState>>> = {
  infra: ['hosts', 'instances', 'summary'],
  log: ['log', 'logTotal', 'logDropped', 'logHidden'],
};
const PARTS = Object.keys(PART_KEYS) as Part[];
const partKey = (part: Part): string => `compute-${part}`;

/** Changes not yet handed to a frame (the timer collects them). */
let pending: Partial<ComputeState> | null = null;
/** Changes handed to frame jobs, not yet in the store (the next deltas build on them). */
let queued: Partial<ComputeState> = {};
let publishTimer: ReturnType<typeof setTimeout> | null = null;

/** The value of `key` once everything waiting is published. */
function latest<K extends keyof ComputeState>(key: K): ComputeState[K] {
  if (pending && key in pending) return pending[key] as ComputeState[K];
  if (key in queued) return queued[key] as ComputeState[K];
  return computeStore.getState()[key];
}

function dropWaiting(): void {
  pending = null;
  queued = {};
  if (publishTimer !== null) {
    clearTimeout(publishTimer);
    publishTimer = null;
  }
  for (const part of PARTS) cancelPublish(partKey(part));
}

/** Everything waiting into the store now, in one render. */
function flush(): void {
  const patch = { ...queued, ...pending };
  dropWaiting();
  if (Object.keys(patch).length > 0) computeStore.setState(patch);
}

function publishPart(part: Part): void {
  const patch: Partial<ComputeState> = {};
  for (const key of PART_KEYS[part]) {
    if (!(key in queued)) continue;
    (patch as Record<string, unknown>)[key] = queued[key];
    delete queued[key];
  }
  if (Object.keys(patch).length > 0) computeStore.setState(patch);
}

/** The timer's turn: what waits goes out part by part, each in a later animation frame. */
function schedule(): void {
  publishTimer = null;
  const patch = pending;
  pending = null;
  if (!patch) return;
  queued = { ...queued, ...patch };
  for (const part of PARTS) {
    if (PART_KEYS[part].some((key) => key in patch)) publishInFrame(partKey(part), () => publishPart(part), true);
  }
  // Anything else (a reset's selection or menu) goes with the first part.
  const rest = Object.keys(patch).filter((key) => !PARTS.some((part) => PART_KEYS[part].includes(key as keyof ComputeState)));
  if (rest.length > 0) {
    const extra: Partial<ComputeState> = {};
    for (const key of rest) {
      (extra as Record<string, unknown>)[key] = queued[key as keyof ComputeState];
      delete queued[key as keyof ComputeState];
    }
    computeStore.setState(extra);
  }
}

/**
 * Applies a compute delta: the instance table at once (deltas must be applied in order), the store
 * now when `now` (paused, a reset, a command's answer), else at most every COMPUTE_PUBLISH_MS, in
 * parts (see PART_KEYS). Returns false when the instance table is out of step (the caller should
 * resubscribe).
 */
export function applyComputeDelta(d: ComputeDelta, now = true): boolean {
  const patch: Partial<ComputeState> = pending ?? {};
  let ok = true;
  if (d.reset) {
    patch.log = [];
    patch.logTotal = 0;
    patch.logDropped = 0;
    patch.logHidden = null;
    patch.hosts = null;
    patch.result = null;
    patch.menu = null;
    // Instances of the old run are gone; hosts, zones and links stay.
    if (latest('selection')?.kind === 'instance') patch.selection = null;
    if (!d.instances) {
      table.clear();
      patch.instances = table.view();
    }
  }
  if (d.hosts) patch.hosts = d.hosts;
  if (d.instances) {
    ok = table.apply(d.instances);
    patch.instances = table.view();
  }
  if (d.log) {
    patch.log = appendLog(d.reset ? [] : latest('log'), d.log.entries);
    patch.logTotal = d.log.total;
    patch.logDropped = d.log.dropped;
    if (d.log.hidden) {
      const before = d.reset ? null : latest('logHidden');
      patch.logHidden = before ? { count: before.count + d.log.hidden.count, first: before.first } : d.log.hidden;
    }
  }
  if (d.summary) patch.summary = d.summary;
  pending = patch;
  if (now || d.reset) flush();
  else publishTimer ??= setTimeout(schedule, COMPUTE_PUBLISH_MS * livePace());
  return ok;
}

/** Publishes what is waiting now (e.g. when the run pauses). */
export function flushCompute(): void {
  flush();
}

/** Charts re-render at most this often (recharts redraws whole charts; the numbers are live elsewhere). */
const CHARTS_PUBLISH_MS = 500;
let chartsTimer: ReturnType<typeof setTimeout> | null = null;
let chartsPending: ComputeCharts | null = null;
let chartsShownAt = -Infinity;

export function setComputeCharts(charts: ComputeCharts | null): void {
  const now = performance.now();
  // A new run or a cleared chart shows at once; a stream of updates is thinned out, the latest kept.
  if (charts === null || computeStore.getState().charts === null || now - chartsShownAt >= CHARTS_PUBLISH_MS * livePace()) {
    if (chartsTimer !== null) clearTimeout(chartsTimer);
    chartsTimer = null;
    cancelPublish('compute-charts');
    chartsShownAt = now;
    computeStore.setState({ charts });
    return;
  }
  chartsPending = charts;
  chartsTimer ??= setTimeout(() => {
    chartsTimer = null;
    chartsShownAt = performance.now();
    publishInFrame('compute-charts', () => computeStore.setState({ charts: chartsPending }), true);
  }, CHARTS_PUBLISH_MS * livePace() - (now - chartsShownAt));
}

export function setOperations(operations: OperationRecord[]): void {
  computeStore.setState({ operations });
}

export function setView(view: ConsoleView): void {
  const s = computeStore.getState();
  if (view === 'infra' && !s.info) return;
  computeStore.setState({ view, menu: null });
}

export function select(selection: InfraSelection | null): void {
  computeStore.setState({ selection, menu: null });
}

export function showResult(what: string, ok: boolean, message: string, said?: { code?: string; params?: SaidParams }): void {
  const structure = said?.code ? { code: said.code, ...(said.params ? { params: said.params } : {}) } : {};
  computeStore.setState({ result: { ok, what, message, ...structure, seq: ++resultSeq } });
}

export function dismissResult(): void {
  computeStore.setState({ result: null });
}

export function openHostMenu(menu: HostMenuState | null): void {
  computeStore.setState({ menu });
}
