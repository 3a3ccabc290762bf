/**
 * The console's state: a zustand vanilla store (no React in it) plus a hook for components.
 * The bridge is the only writer of simulation state; it keeps unchanged parts as the same objects
 * so selectors (compared with Object.is) re-render only what changed.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BalancerSwitch, ChartData, Flows, PresetInfo, ScenarioInfo, ServiceSnapshot, Snapshot } from '../workers/sim.worker';
import { EMPTY_SERIES, type SeriesView } from './series';
import type { LocalText } from './localText';

/** The run's clock and counters, as the latest snapshot carried them. */
export type RunStatus = Pick<Snapshot, 'rev' | 'playing' | 'speed' | 'now' | 'endTime' | 'finished' | 'eventsProcessed' | 'eventsPerWallSecond' | 'scenarioRev'>;

/** A banner. Its texts are put into words when shown (LocalText), so a language switch re-renders them. */
export interface Notice {
  kind: 'error' | 'info';
  title: LocalText;
  messages: LocalText[];
}

export interface ConsoleState {
  /** The worker answered and a scenario is loaded. */
  ready: boolean;
  presets: PresetInfo[];
  defaultPreset: string;
  scenario: ScenarioInfo | null;
  status: RunStatus | null;
  /** Latest numbers per service id; an entry is replaced only when its numbers changed. */
  services: Readonly<Record<string, ServiceSnapshot>>;
  /** The metrics series, republished at a calm rate for the charts. */
  series: SeriesView;
  notice: Notice | null;
  /** The full URL last shared (shown in the share box), or null. */
  shareUrl: string | null;
  shareCopied: boolean;
  /** A long-running request in progress ("Running to the end…"), or null. */
  busy: LocalText | null;
  /** The service shown in the inspector and the charts, or null. */
  selectedService: string | null;
  /** Balancer switches made during this run (interactive; not in the scenario). */
  switches: BalancerSwitch[];
  /** Rates of the last metrics sample (edges, workloads, failure fractions). */
  flows: Flows | null;
  /** Downsampled charts of the selected service, from the worker. */
  charts: ChartData | null;
  /** The "Import trace" dialog is open. */
  importOpen: boolean;
  /** The workload the dialog was opened for (a missing trace), or null: the dialog's own choice. */
  importWorkload: string | null;
}

export const initialState: ConsoleState = {
  ready: false,
  presets: [],
  defaultPreset: 'default',
  scenario: null,
  status: null,
  services: {},
  series: EMPTY_SERIES,
  notice: null,
  shareUrl: null,
  shareCopied: false,
  busy: null,
  selectedService: null,
  switches: [],
  flows: null,
  charts: null,
  importOpen: false,
  importWorkload: null,
};

export const consoleStore = createStore<ConsoleState>()(() => initialState);

export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  return useStore(consoleStore, selector);
}
