/**
 * A/B compare state: the two runs' clocks and charts as their workers pushed them, the delta table
 * (computed in B's worker from A's figures), and what B changes. Written only by ./compareBridge.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ChartData, CompareSide, ComparisonTable } from '../../workers/api';

export interface SideStatus {
  now: number;
  endTime: number;
  playing: boolean;
  finished: boolean;
}

export interface CompareSideState {
  name: string;
  status: SideStatus | null;
  charts: ChartData | null;
  /** The latest figures (its cost curve feeds the cost chart). */
  side: CompareSide | null;
}

export type ComparePhase = 'idle' | 'loading' | 'ready' | 'live' | 'running';

export interface CompareState {
  /** The compare panel is shown. */
  open: boolean;
  phase: ComparePhase;
  /** B's merge patch once loaded (what a shared link carries), its link parameter, and the service compared. */
  patch: unknown;
  patchParam: string | null;
  seedChanged: boolean;
  service: string | null;
  /** Problems with B (schema messages with their paths) or with the run. */
  errors: string[];
  /** What B's change does not reach (the comparison runs anyway), e.g. spot on pools billed per host. */
  warnings: string[];
  /** A note about the comparison itself (A was edited: both started again). */
  note: string | null;
  /** The request loaded in the workers (JSON of the form's request and service), or null. */
  preparedKey: string | null;
  a: CompareSideState;
  b: CompareSideState;
  table: ComparisonTable | null;
  /** A patch that came with the page's link (`&b=`), to prefill the form. */
  linkPatch: unknown;
  /** The comparison's own share link, once made. */
  shareUrl: string | null;
}

const emptySide = (name: string): CompareSideState => ({ name, status: null, charts: null, side: null });

export const initialCompareState: CompareState = {
  open: false,
  phase: 'idle',
  patch: null,
  patchParam: null,
  seedChanged: false,
  service: null,
  errors: [],
  warnings: [],
  note: null,
  preparedKey: null,
  a: emptySide('A'),
  b: emptySide('B'),
  table: null,
  linkPatch: null,
  shareUrl: null,
};

export const compareStore = createStore<CompareState>()(() => initialCompareState);

export function useCompare<T>(selector: (s: CompareState) => T): T {
  return useStore(compareStore, selector);
}
