/**
 * The serverless part of the console's state, in its own small store: the scenario's serverless
 * shape (from the scenario info), the live counters and downsampled charts (from snapshots), the
 * selected box, and the last keep-alive A/B comparison. The bridge writes the first two; the panel
 * and the inspector write the rest through the functions below.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { KeepAliveCompareResult, ServerlessCharts, ServerlessDelta, ServerlessInfo, ServerlessLive } from '../../workers/serverless-types';

export interface ServerlessState {
  info: ServerlessInfo | null;
  live: ServerlessLive | null;
  charts: ServerlessCharts | null;
  /** The node key ("function:resize") shown in the serverless inspector, or null. */
  selected: string | null;
  /** The A/B comparison (null: not run for this scenario), and whether it is running. */
  compare: KeepAliveCompareResult | null;
  comparing: boolean;
  /** The scenario revision the state belongs to. */
  scenarioRev: number;
  /** The "Import Azure trace" dialog is open. */
  importOpen: boolean;
}

const initial: ServerlessState = { info: null, live: null, charts: null, selected: null, compare: null, comparing: false, scenarioRev: -1, importOpen: false };

export const serverlessStore = createStore<ServerlessState>()(() => initial);

export function useServerless<T>(selector: (s: ServerlessState) => T): T {
  return useStore(serverlessStore, selector);
}

/** A newly loaded scenario: its serverless shape (or none); everything of the old run goes. */
export function loadServerlessInfo(info: ServerlessInfo | null, scenarioRev: number): void {
  const prev = serverlessStore.getState();
  if (prev.scenarioRev === scenarioRev && prev.info === info) return;
  const keep = info !== null && prev.selected !== null && info.nodes.some((n) => n.key === prev.selected) ? prev.selected : null;
  const firstFn = info?.nodes.find((n) => n.kind === 'function')?.key ?? null;
  serverlessStore.setState({
    info,
    live: null,
    charts: null,
    selected: keep ?? firstFn,
    compare: null,
    comparing: false,
    scenarioRev,
    importOpen: prev.importOpen && info?.missingTrace != null,
  });
}

export function applyServerlessDelta(delta: ServerlessDelta): void {
  const patch: Partial<ServerlessState> = {};
  if (delta.live !== undefined) patch.live = delta.live;
  if (delta.charts !== undefined) patch.charts = delta.charts;
  serverlessStore.setState(patch);
}

export function selectServerless(key: string | null): void {
  serverlessStore.setState({ selected: key });
}

export function setImportAzureOpen(open: boolean): void {
  serverlessStore.setState({ importOpen: open });
}
