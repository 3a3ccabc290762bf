/**
 * The compute model on the page: static infrastructure, live host state, the instance table, the
 * event log, the summary, charts and operations, plus the infrastructure view's own UI state
 * (which view, what is selected, the last action's result, the host context menu). Written by the
 * bridge from snapshots; read by components through narrow selectors.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ComputeCharts, ComputeDelta, ComputeInfo, ComputeLogEntry, ComputeSummaryView, HostLive, OperationRecord } from '../../workers/sim.worker';
import type { SaidParams } from '../../core/index';
import { EMPTY_INSTANCES, InstanceTable, type InstanceTableView } from './instanceTable';
import { appendLog } from './logFilter';

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
  pending = null;
  if (publishTimer !== null) {
    clearTimeout(publishTimer);
    publishTimer = null;
  }
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

let pending: Partial<ComputeState> | null = null;
let publishTimer: ReturnType<typeof setTimeout> | null = null;

function flush(): void {
  if (publishTimer !== null) {
    clearTimeout(publishTimer);
    publishTimer = null;
  }
  if (!pending) return;
  const patch = pending;
  pending = null;
  computeStore.setState(patch);
}

/**
 * Applies a compute delta: the instance table at once (deltas must be applied in order), the store
 * now when `now` (paused, a reset, a command's answer), else at most every COMPUTE_PUBLISH_MS.
 * Returns false when the instance table is out of step (the caller should resubscribe).
 */
export function applyComputeDelta(d: ComputeDelta, now = true): boolean {
  const s = computeStore.getState();
  const patch: Partial<ComputeState> = pending ?? {};
  let ok = true;
  if (d.reset) {
    patch.log = [];
    patch.logTotal = 0;
    patch.logDropped = 0;
    patch.hosts = null;
    patch.result = null;
    patch.menu = null;
    // Instances of the old run are gone; hosts, zones and links stay.
    if (s.selection?.kind === 'instance') patch.selection = null;
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
    patch.log = appendLog(d.reset ? [] : (patch.log ?? s.log), d.log.entries);
    patch.logTotal = d.log.total;
    patch.logDropped = d.log.dropped;
  }
  if (d.summary) patch.summary = d.summary;
  pending = patch;
  if (now || d.reset) flush();
  else if (publishTimer === null) publishTimer = setTimeout(flush, COMPUTE_PUBLISH_MS);
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
  if (charts === null || computeStore.getState().charts === null || now - chartsShownAt >= CHARTS_PUBLISH_MS) {
    if (chartsTimer !== null) clearTimeout(chartsTimer);
    chartsTimer = null;
    chartsShownAt = now;
    computeStore.setState({ charts });
    return;
  }
  chartsPending = charts;
  chartsTimer ??= setTimeout(() => {
    chartsTimer = null;
    chartsShownAt = performance.now();
    computeStore.setState({ charts: chartsPending });
  }, CHARTS_PUBLISH_MS - (now - chartsShownAt));
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
