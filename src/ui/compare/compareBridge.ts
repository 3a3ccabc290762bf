/**
 * The page's side of A/B compare: two simulation workers of their own, created like the console's
 * (the same module, a literal `new Worker(new URL(…))` so Vite bundles it), each kept in a
 * module-level variable with its Comlink proxy. A loads the console's scenario as it is; B loads
 * it and becomes the variant. They play side by side at one speed, or run to the end in parallel;
 * the delta table is refreshed from the workers while they play and once they stop.
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { ChartData, LoadSource, SimWorkerApi, Snapshot, VariantRequest } from '../../workers/api';
import { consoleStore } from '../store';
import { actions } from '../bridge';
import { compareStore, initialCompareState, type CompareSideState } from './compareStore';
import { currentLang } from '../i18n/lang';

type Side = 'a' | 'b';

interface Runner {
  worker: Worker;
  remote: Remote<SimWorkerApi>;
  unsubscribe: Remote<() => void> | null;
}

const runners: Partial<Record<Side, Runner>> = {};
/** Points per overlaid line (the worker downsamples). */
const COMPARE_POINTS = 300;
/** How often the delta table is refreshed while both play. */
const TABLE_MS = 1000;
let tableTimer: ReturnType<typeof setInterval> | null = null;
/** Bumped by every start and stop, so a late answer of an older run is ignored. */
let generation = 0;

function setSide(side: Side, patch: Partial<CompareSideState>): void {
  compareStore.setState((s) => ({ [side]: { ...s[side], ...patch } }) as Partial<typeof s>);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Charts not yet published, per side: drawn at most once a second while playing (recharts is the slow part). */
const pendingCharts: Partial<Record<Side, ChartData | null>> = {};
const CHART_PUBLISH_MS = 1000;
let chartTimer: ReturnType<typeof setTimeout> | null = null;

function publishCharts(): void {
  if (chartTimer !== null) clearTimeout(chartTimer);
  chartTimer = null;
  for (const side of ['a', 'b'] as const) {
    if (side in pendingCharts) {
      setSide(side, { charts: pendingCharts[side] ?? null });
      delete pendingCharts[side];
    }
  }
}

function onSnapshot(side: Side, snap: Snapshot): void {
  setSide(side, { status: { now: snap.now, endTime: snap.endTime, playing: snap.playing, finished: snap.finished } });
  if (snap.charts !== undefined) {
    pendingCharts[side] = snap.charts;
    if (!snap.playing) publishCharts();
    else if (chartTimer === null) chartTimer = setTimeout(publishCharts, CHART_PUBLISH_MS);
  }
  const s = compareStore.getState();
  if (s.phase === 'live' && s.a.status && s.b.status && !s.a.status.playing && !s.b.status.playing) {
    compareStore.setState({ phase: 'ready' });
    stopTableTimer();
    void refreshTable();
  }
}

function failRun(side: Side, reason: string): void {
  stopTableTimer();
  compareStore.setState({ phase: 'idle', errors: [`The ${side.toUpperCase()} worker failed: ${reason}`] });
  const r = runners[side];
  if (r) {
    r.worker.terminate();
    delete runners[side];
  }
}

async function runner(side: Side): Promise<Runner> {
  const existing = runners[side];
  if (existing) return existing;
  // Written literally so Vite finds and bundles the worker (the console's bridge does the same).
  const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module' });
  const remote = wrap<SimWorkerApi>(worker);
  // Its errors (a variant that does not validate) come back in the console's language.
  remote.setLanguage(currentLang()).catch(() => undefined);
  const r: Runner = { worker, remote, unsubscribe: null };
  runners[side] = r;
  worker.addEventListener('error', (ev) => {
    if (runners[side] === r) failRun(side, ev.message || 'it crashed (see the browser console)');
  });
  // A stopped runner's late snapshots (its unsubscribe is asynchronous) must not reach the next comparison.
  r.unsubscribe = await remote.subscribe(proxy((snap: Snapshot) => {
    if (runners[side] === r) onSnapshot(side, snap);
  }));
  return r;
}

function stopTableTimer(): void {
  if (tableTimer !== null) {
    clearInterval(tableTimer);
    tableTimer = null;
  }
}

/** Asks A for its figures and B for the table against them. */
async function refreshTable(): Promise<void> {
  const a = runners.a;
  const b = runners.b;
  if (!a || !b) return;
  const gen = generation;
  try {
    const sideA = await a.remote.compareSide(compareStore.getState().service);
    if (!sideA) return;
    const r = await b.remote.compareWith(sideA);
    if (gen !== generation || !r) return;
    compareStore.setState({ table: r.table, service: r.table.service });
    setSide('a', { side: sideA });
    setSide('b', { side: r.side });
  } catch (e) {
    if (gen === generation) compareStore.setState({ errors: [`The comparison could not be computed: ${errorText(e)}`] });
  }
}

/** Where A comes from: the console's scenario as it is now (its link, else its preset). */
function baseSource(): LoadSource | null {
  const info = consoleStore.getState().scenario;
  if (!info) return null;
  if (info.link !== '') return { link: info.link };
  if (info.preset) return { preset: info.preset };
  return null;
}

export const compareActions = {
  open: () => compareStore.setState({ open: true }),
  close: () => {
    compareActions.stop();
    compareStore.setState({ open: false });
  },
  toggle: () => (compareStore.getState().open ? compareActions.close() : compareActions.open()),

  /** A's document as written, for the free edit of B (null when it could not be had). */
  scenarioDocument: async (): Promise<unknown> => {
    // The console's own worker holds the scenario on screen (A's base): ask it, and never reload A,
    // which may be running a comparison right now.
    if (!baseSource()) return null;
    return actions.scenarioDocument();
  },

  /**
   * Loads A and B (B made as `request` says) on the same seed. B's problems come back as the
   * schema's messages; nothing runs until both are loaded.
   */
  prepare: async (request: VariantRequest, service: string | null): Promise<boolean> => {
    const base = baseSource();
    if (!base) {
      compareStore.setState({ errors: ['No scenario is loaded yet.'] });
      return false;
    }
    const gen = ++generation;
    stopTableTimer();
    compareStore.setState({ phase: 'loading', errors: [], table: null, patch: null, patchParam: null, shareUrl: null, service, a: { ...initialCompareState.a }, b: { ...initialCompareState.b } });
    try {
      const [a, b] = await Promise.all([runner('a'), runner('b')]);
      const [ra, rb] = await Promise.all([a.remote.load(base), b.remote.loadVariant(base, request)]);
      if (gen !== generation) return false;
      if (!ra.ok) {
        compareStore.setState({ phase: 'idle', errors: ra.errors.map((e) => (e.path ? `A · ${e.path}: ${e.message}` : `A: ${e.message}`)) });
        return false;
      }
      if (!rb.ok) {
        compareStore.setState({ phase: 'idle', errors: rb.errors.map((e) => (e.path && e.path !== 'B' ? `B · ${e.path}: ${e.message}` : e.message)) });
        return false;
      }
      const focus = service ?? consoleStore.getState().scenario?.topology.workloads[0]?.target ?? consoleStore.getState().scenario?.serviceIds[0] ?? null;
      await Promise.all([a.remote.setChartFocus(focus, COMPARE_POINTS), b.remote.setChartFocus(focus, COMPARE_POINTS)]);
      compareStore.setState({ phase: 'ready', patch: rb.patch, patchParam: rb.patchParam, seedChanged: rb.seedChanged, service: focus, a: { ...compareStore.getState().a, name: ra.name }, b: { ...compareStore.getState().b, name: rb.name } });
      await refreshTable();
      return true;
    } catch (e) {
      if (gen === generation) compareStore.setState({ phase: 'idle', errors: [`The compare workers did not answer: ${errorText(e)}`] });
      return false;
    }
  },

  /** Both play at `speed` (simulated seconds per wall second); the table follows every second. */
  playLive: async (speed: number) => {
    const a = runners.a;
    const b = runners.b;
    if (!a || !b || compareStore.getState().phase === 'idle') return;
    await Promise.all([a.remote.setSpeed(speed), b.remote.setSpeed(speed)]);
    await Promise.all([a.remote.play(), b.remote.play()]);
    // Live from now: the snapshots pushed by setSpeed (paused) came before and must not end it.
    compareStore.setState({ phase: 'live' });
    stopTableTimer();
    const s = compareStore.getState();
    if (s.a.status?.playing === false && s.b.status?.playing === false) {
      compareStore.setState({ phase: 'ready' });
      await refreshTable();
      return;
    }
    tableTimer = setInterval(() => void refreshTable(), TABLE_MS);
  },

  pause: async () => {
    stopTableTimer();
    const a = runners.a;
    const b = runners.b;
    if (!a || !b) return;
    await Promise.all([a.remote.pause(), b.remote.pause()]);
    compareStore.setState({ phase: 'ready' });
    await refreshTable();
  },

  /** Both run to the end, in parallel (one worker each), then the final table. */
  runToEnd: async () => {
    const a = runners.a;
    const b = runners.b;
    if (!a || !b) return;
    stopTableTimer();
    const gen = generation;
    compareStore.setState({ phase: 'running' });
    try {
      await Promise.all([a.remote.runToEnd(), b.remote.runToEnd()]);
    } catch (e) {
      if (gen === generation) compareStore.setState({ errors: [`A run failed: ${errorText(e)}`] });
    }
    if (gen !== generation) return;
    compareStore.setState({ phase: 'ready' });
    await refreshTable();
  },

  /** Both back to time 0 (same scenarios). */
  reset: async () => {
    stopTableTimer();
    const a = runners.a;
    const b = runners.b;
    if (!a || !b) return;
    await Promise.all([a.remote.reset(), b.remote.reset()]);
    compareStore.setState({ phase: 'ready' });
    await refreshTable();
  },

  /** Stops both workers (the panel closes or a new comparison starts). */
  stop: () => {
    generation++;
    stopTableTimer();
    if (chartTimer !== null) clearTimeout(chartTimer);
    chartTimer = null;
    delete pendingCharts.a;
    delete pendingCharts.b;
    for (const side of ['a', 'b'] as const) {
      const r = runners[side];
      if (!r) continue;
      delete runners[side];
      const u = r.unsubscribe;
      void (async () => {
        try {
          if (u) {
            await u();
            u[releaseProxy]();
          }
        } catch {
          // the worker is going away anyway
        }
        r.remote[releaseProxy]();
        r.worker.terminate();
      })();
    }
    compareStore.setState({ phase: 'idle', table: null, a: { ...initialCompareState.a }, b: { ...initialCompareState.b } });
  },

  /** Puts scenario + B's patch in the address bar (`#s=…&b=…`) and shows the link. */
  share: () => {
    const info = consoleStore.getState().scenario;
    const param = compareStore.getState().patchParam;
    if (!info || info.link === '' || !param) return;
    const hash = `${info.link}&${param}`;
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#${hash}`);
    const url = window.location.href;
    compareStore.setState({ shareUrl: url });
    void navigator.clipboard?.writeText(url).catch(() => undefined);
  },

  /** At start-up: a link with `&b=` opens the compare panel with B's patch filled in. */
  openFromLink: async () => {
    const hash = window.location.hash;
    if (!/[#&]b=/.test(hash)) return;
    try {
      const b = await runner('b');
      const r = await b.remote.patchFromLink(hash);
      if (!r) return;
      if (!r.ok) compareStore.setState({ open: true, errors: [r.error] });
      else compareStore.setState({ open: true, linkPatch: r.patch });
    } catch (e) {
      compareStore.setState({ open: true, errors: [`The link's variant B could not be read: ${errorText(e)}`] });
    }
  },
};
