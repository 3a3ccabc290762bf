/**
 * The page's side of A/B compare: two simulation workers of their own, created like the console's
 * (the same module, a literal `new Worker(new URL(…))` so Vite bundles it), each kept in a
 * module-level variable with its Comlink proxy and its own heartbeat. A loads the console's
 * scenario as it is; B loads it and becomes the variant. They play side by side at one speed, or
 * run to the end in parallel.
 *
 * Lifecycle rules:
 * - At most two compare workers live at any time; closing the panel (or its unmount) terminates
 *   them, and a failing worker (an `error` event, or silence past its heartbeat allowance) ends the
 *   comparison with the reason in the panel's own error area.
 * - Every start, stop and restart bumps a generation: answers and snapshots of an older one are
 *   ignored, so nothing late reaches the next comparison.
 * - When the console's scenario changes (an editor edit, a new link or preset) while a comparison
 *   is loaded, A becomes the new scenario: both start again on its seed with the same change for B
 *   (and go on playing or running if they were), or, when the change no longer applies, the
 *   comparison stops with its workers terminated and the reason shown.
 * - While playing live, the delta table is taken with both runs at the same simulated time: once a
 *   second both pause, the one behind runs on to the other's time, the table is read, and both
 *   play on.
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { ChartData, HeldAt, LoadSource, SimWorkerApi, Snapshot, VariantRequest } from '../../workers/api';
import { consoleStore } from '../store';
import { actions } from '../bridge';
import { Heartbeat, isBeat, trackedRemote, WorkerGoneError } from '../lifecycle/heartbeat';
import { registerTestHook, testHeartbeatTimings } from '../lifecycle/testHooks';
import { compareStore, initialCompareState, type CompareSideState } from './compareStore';
import { translate, type Params } from '../i18n/messages';
import { compareMessages, type CompareMessageKey } from './compare.messages';

const tr = (key: CompareMessageKey, params?: Params): string => translate(compareMessages, key, params);
import { currentLang, onLangChange } from '../i18n/lang';

type Side = 'a' | 'b';

interface Runner {
  worker: Worker;
  /** Calls tracked by the heartbeat. */
  remote: Remote<SimWorkerApi>;
  raw: Remote<SimWorkerApi>;
  heartbeat: Heartbeat;
  unsubscribe: Remote<() => void> | null;
  terminated: boolean;
}

const runners: Partial<Record<Side, Runner>> = {};
// Running compare workers answer in the console's language too, after a switch as at their start.
onLangChange((lang) => {
  for (const r of Object.values(runners)) r?.raw.setLanguage(lang).catch(() => undefined);
});
/** Compare workers created and not yet terminated (never more than two). */
let liveWorkers = 0;
/** Points per overlaid line (the worker downsamples). */
const COMPARE_POINTS = 300;
/** How often the delta table is taken while both play. */
const TABLE_MS = 1000;
let tableTimer: ReturnType<typeof setTimeout> | null = null;
/** Bumped by every start and stop, so a late answer of an older comparison is ignored. */
let generation = 0;
/** The live play wanted now (0: none); pause, reset, run to end and stop cancel it at once. */
let liveToken = 0;
let liveSeq = 0;
/** While both are held for an aligned table, their paused snapshots must not end the live phase. */
let aligning = 0;
/** The speed of the last live play (a restart on an edited A plays on at it). */
let lastSpeed = 100;
/** What is loaded: B's request (re-applied to an edited A), the service compared, and A's source. */
let prepared: { request: VariantRequest; service: string | null; key: string; base: string } | null = null;

/** Compare workers alive now (for tests: none may leak). */
export function compareWorkerCount(): number {
  return liveWorkers;
}

function setSide(side: Side, patch: Partial<CompareSideState>): void {
  compareStore.setState((s) => ({ [side]: { ...s[side], ...patch } }) as Partial<typeof s>);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The key of a request as the panel's form makes it (the panel knows the workers hold its request). */
export function requestKey(request: VariantRequest, service: string | null): string {
  return JSON.stringify({ request, service });
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

function stopTableTimer(): void {
  if (tableTimer !== null) {
    clearTimeout(tableTimer);
    tableTimer = null;
  }
}

function cancelLive(): void {
  liveToken = 0;
  stopTableTimer();
}

function onSnapshot(side: Side, snap: Snapshot): void {
  setSide(side, { status: { now: snap.now, endTime: snap.endTime, playing: snap.playing, finished: snap.finished } });
  if (snap.charts !== undefined) {
    pendingCharts[side] = snap.charts;
    if (!snap.playing) publishCharts();
    else if (chartTimer === null) chartTimer = setTimeout(publishCharts, CHART_PUBLISH_MS);
  }
  const s = compareStore.getState();
  if (aligning === 0 && s.phase === 'live' && s.a.status && s.b.status && !s.a.status.playing && !s.b.status.playing) {
    // Both reached their end while playing: the final table.
    cancelLive();
    compareStore.setState({ phase: 'ready' });
    void alignBoth();
  }
}

function terminate(r: Runner): void {
  if (r.terminated) return;
  r.terminated = true;
  liveWorkers--;
  // Calls still waiting on it fail now (a terminated worker never answers them).
  r.heartbeat.abandon();
  const u = r.unsubscribe;
  r.unsubscribe = null;
  try {
    u?.[releaseProxy]();
    r.raw[releaseProxy]();
  } catch {
    // the proxies may be released already
  }
  r.worker.terminate();
}

/** Terminates both workers and forgets the comparison (the store is reset, errors kept unless cleared). */
function stopWorkers(): void {
  generation++;
  cancelLive();
  prepared = null;
  if (chartTimer !== null) clearTimeout(chartTimer);
  chartTimer = null;
  delete pendingCharts.a;
  delete pendingCharts.b;
  for (const side of ['a', 'b'] as const) {
    const r = runners[side];
    if (!r) continue;
    delete runners[side];
    terminate(r);
  }
}

/** A worker failed: the comparison ends, both workers go, and the panel says why. */
function failRun(side: Side, reason: string): void {
  stopWorkers();
  compareStore.setState({
    phase: 'idle',
    table: null,
    preparedKey: null,
    errors: [tr('workerFailed', { side: side.toUpperCase(), reason })],
    a: { ...initialCompareState.a },
    b: { ...initialCompareState.b },
  });
}

async function runner(side: Side): Promise<Runner> {
  const existing = runners[side];
  if (existing) return existing;
  // Written literally so Vite finds and bundles the worker (the console's bridge does the same).
  const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module' });
  liveWorkers++;
  const raw = wrap<SimWorkerApi>(worker);
  const heartbeat = new Heartbeat(
    {
      ping: () => raw.ping(),
      onDead: (silence) => {
        if (runners[side] === r) failRun(side, tr('workerSilent', { s: Math.round(silence / 1000) }));
      },
      now: () => performance.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    testHeartbeatTimings(),
  );
  const r: Runner = { worker, raw, remote: trackedRemote(raw, heartbeat), heartbeat, unsubscribe: null, terminated: false };
  // Its errors (a variant that does not validate) come back in the console's language.
  r.remote.setLanguage(currentLang()).catch(() => undefined);
  runners[side] = r;
  worker.addEventListener('error', (ev) => {
    if (runners[side] === r) failRun(side, ev.message || tr('workerCrashed'));
  });
  worker.addEventListener('message', (ev: MessageEvent) => {
    if (isBeat(ev.data)) heartbeat.alive();
  });
  // Checked from its creation on (a worker that never comes up is found after the boot allowance).
  heartbeat.start();
  // A stopped runner's late snapshots (its unsubscribe is asynchronous) must not reach the next comparison.
  const unsubscribe = await r.remote.subscribe(
    proxy((snap: Snapshot) => {
      if (runners[side] !== r) return;
      heartbeat.alive();
      onSnapshot(side, snap);
    }),
  );
  if (r.terminated) unsubscribe[releaseProxy]();
  else {
    r.unsubscribe = unsubscribe;
    heartbeat.start();
  }
  return r;
}

/** Asks A for its figures and B for the table against them. */
async function refreshTable(): Promise<void> {
  const a = runners.a;
  const b = runners.b;
  if (!a || !b) return;
  const gen = generation;
  try {
    const sideA = await a.remote.compareSide(compareStore.getState().service);
    if (!sideA || gen !== generation) return;
    const r = await b.remote.compareWith(sideA);
    if (gen !== generation || !r) return;
    compareStore.setState({ table: r.table, service: r.table.service });
    setSide('a', { side: sideA });
    setSide('b', { side: r.side });
  } catch (e) {
    if (gen === generation && !(e instanceof WorkerGoneError)) compareStore.setState({ errors: [tr('tableFailed', { error: errorText(e) })] });
  }
}

/**
 * Pauses both, runs the one behind on to the other's simulated time (neither past its end), and
 * takes the table there. Null when the comparison went away meanwhile.
 */
function alignBoth(): Promise<{ a: HeldAt; b: HeldAt } | null> {
  // One alignment at a time: two interleaved (a pause during a live step's) could read the table
  // while one side had already been run on to the later one's time and the other not yet.
  const run = aligned.then(alignNow, alignNow);
  aligned = run.catch(() => null);
  return run;
}

/** The last alignment asked for (the next one starts after it). */
let aligned: Promise<unknown> = Promise.resolve();

async function alignNow(): Promise<{ a: HeldAt; b: HeldAt } | null> {
  const a = runners.a;
  const b = runners.b;
  if (!a || !b) return null;
  const gen = generation;
  aligning++;
  try {
    const [ha, hb] = await Promise.all([a.remote.holdAt(-1), b.remote.holdAt(-1)]);
    if (gen !== generation || !ha || !hb) return null;
    const t = Math.max(ha.now, hb.now);
    const [ha2, hb2] = await Promise.all([a.remote.holdAt(t), b.remote.holdAt(t)]);
    if (gen !== generation || !ha2 || !hb2) return null;
    await refreshTable();
    return gen === generation ? { a: ha2, b: hb2 } : null;
  } catch (e) {
    if (gen === generation && !(e instanceof WorkerGoneError)) compareStore.setState({ errors: [tr('alignFailed', { error: errorText(e) })] });
    return null;
  } finally {
    aligning--;
  }
}

/** One live step: both held at one time, the table, then both play on (unless the live play was cancelled meanwhile). */
async function liveTick(token: number): Promise<void> {
  tableTimer = null;
  if (liveToken !== token) return;
  const held = await alignBoth();
  if (liveToken !== token || !held) return;
  if (held.a.finished && held.b.finished) {
    cancelLive();
    compareStore.setState({ phase: 'ready' });
    return;
  }
  const a = runners.a;
  const b = runners.b;
  if (!a || !b) return;
  aligning++;
  try {
    await Promise.all([a.remote.play(), b.remote.play()]);
  } catch {
    return; // the comparison went away (failRun says why)
  } finally {
    aligning--;
  }
  if (liveToken === token) tableTimer = setTimeout(() => void liveTick(token), TABLE_MS);
}

/** Where A comes from: the console's scenario as it is now (its link, else its preset). */
function baseSource(): LoadSource | null {
  const info = consoleStore.getState().scenario;
  if (!info) return null;
  if (info.link !== '') return { link: info.link };
  if (info.preset) return { preset: info.preset };
  return null;
}

/** Loads A and B in the workers; the store says how it went. */
async function load(request: VariantRequest, service: string | null, key: string): Promise<boolean> {
  const base = baseSource();
  if (!base) {
    compareStore.setState({ errors: [tr('noScenario')] });
    return false;
  }
  const gen = ++generation;
  cancelLive();
  prepared = null;
  compareStore.setState({
    phase: 'loading',
    errors: [],
    warnings: [],
    table: null,
    patch: null,
    patchParam: null,
    shareUrl: null,
    preparedKey: null,
    service,
    a: { ...initialCompareState.a },
    b: { ...initialCompareState.b },
  });
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
    if (gen !== generation) return false;
    // A free edit of B's document becomes its patch: an edited A keeps A's edit and B's change.
    prepared = { request: 'scenarioText' in request ? { patch: rb.patch } : request, service, key, base: JSON.stringify(base) };
    compareStore.setState({
      phase: 'ready',
      patch: rb.patch,
      patchParam: rb.patchParam,
      seedChanged: rb.seedChanged,
      warnings: rb.warnings,
      preparedKey: key,
      service: focus,
      a: { ...compareStore.getState().a, name: ra.name },
      b: { ...compareStore.getState().b, name: rb.name },
    });
    await refreshTable();
    if (gen !== generation) return false;
    const latest = baseSource();
    const done = prepared;
    if (done !== null && latest !== null && JSON.stringify(latest) !== done.base) {
      // A changed again while this load ran (the subscription ignores changes mid-load): load once
      // more on the newest A, with the same change for B.
      return await load(done.request, service, key);
    }
    return true;
  } catch (e) {
    if (gen === generation && !(e instanceof WorkerGoneError)) compareStore.setState({ phase: 'idle', errors: [tr('workersNoAnswer', { error: errorText(e) })] });
    return false;
  }
}

/**
 * The console's scenario changed while a comparison is loaded: A must be the new scenario. Both
 * start again (same change for B, A's new seed) and carry on as they were; if B's change no
 * longer applies, the comparison stops and its workers go.
 */
async function followNewA(): Promise<void> {
  const p = prepared;
  if (!p) return;
  const was = compareStore.getState().phase;
  const ok = await load(p.request, p.service, p.key);
  if (!ok) {
    if (prepared === null && compareStore.getState().errors.length > 0) {
      const errors = compareStore.getState().errors;
      stopWorkers();
      compareStore.setState({ phase: 'idle', preparedKey: null, note: null, errors: [tr('bNoLongerApplies'), ...errors] });
    }
    return;
  }
  const seed = consoleStore.getState().scenario?.seed;
  compareStore.setState({ note: tr('followedA', { seed: seed ?? '—' }) });
  if (was === 'live') await compareActions.playLive(lastSpeed);
  else if (was === 'running') await compareActions.runToEnd();
}

consoleStore.subscribe((s, prev) => {
  if (s.scenario === prev.scenario || !prepared) return;
  const base = baseSource();
  // The same document again (the console's worker was restarted, or a share): nothing to do.
  if (base === null || JSON.stringify(base) === prepared.base) return;
  void followNewA();
});

export const compareActions = {
  open: () => compareStore.setState({ open: true }),
  close: () => {
    compareActions.stop();
    compareStore.setState({ open: false, errors: [] });
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
    compareStore.setState({ note: null });
    return load(request, service, requestKey(request, service));
  },

  /** Both play at `speed` (simulated seconds per wall second); the table follows every second, both at one time. */
  playLive: async (speed: number) => {
    const a = runners.a;
    const b = runners.b;
    if (!a || !b || compareStore.getState().phase === 'idle') return;
    const token = ++liveSeq;
    liveToken = token;
    stopTableTimer();
    lastSpeed = speed;
    try {
      await Promise.all([a.remote.setSpeed(speed), b.remote.setSpeed(speed)]);
      if (liveToken !== token) return;
      await Promise.all([a.remote.play(), b.remote.play()]);
    } catch {
      return; // the comparison went away (failRun says why)
    }
    if (liveToken !== token) return;
    // Live from now: the snapshots pushed by setSpeed (paused) came before and must not end it.
    compareStore.setState({ phase: 'live' });
    const s = compareStore.getState();
    if (s.a.status?.playing === false && s.b.status?.playing === false) {
      cancelLive();
      compareStore.setState({ phase: 'ready' });
      await alignBoth();
      return;
    }
    tableTimer = setTimeout(() => void liveTick(token), TABLE_MS);
  },

  /** Both pause, at the same simulated time, with the table there. */
  pause: async () => {
    cancelLive();
    if (!runners.a || !runners.b) return;
    compareStore.setState({ phase: 'ready' });
    await alignBoth();
  },

  /** Both run to the end, in parallel (one worker each), then the final table. */
  runToEnd: async () => {
    const a = runners.a;
    const b = runners.b;
    if (!a || !b) return;
    cancelLive();
    const gen = generation;
    compareStore.setState({ phase: 'running' });
    try {
      await Promise.all([a.remote.runToEnd(), b.remote.runToEnd()]);
    } catch (e) {
      if (gen === generation && !(e instanceof WorkerGoneError)) compareStore.setState({ errors: [tr('runFailed', { error: errorText(e) })] });
    }
    if (gen !== generation) return;
    compareStore.setState({ phase: 'ready' });
    await refreshTable();
  },

  /** Both back to time 0 (same scenarios). */
  reset: async () => {
    cancelLive();
    const a = runners.a;
    const b = runners.b;
    if (!a || !b) return;
    const gen = generation;
    try {
      await Promise.all([a.remote.reset(), b.remote.reset()]);
    } catch {
      return;
    }
    if (gen !== generation) return;
    compareStore.setState({ phase: 'ready' });
    await refreshTable();
  },

  /** Stops both workers (the panel closes or unmounts). */
  stop: () => {
    stopWorkers();
    compareStore.setState({ phase: 'idle', table: null, preparedKey: null, note: null, warnings: [], a: { ...initialCompareState.a }, b: { ...initialCompareState.b } });
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

  /** At start-up: a link with `&b=` opens the compare panel with B's patch filled in (decoded here, no worker). */
  openFromLink: async () => {
    const hash = window.location.hash;
    if (!/[#&]b=/.test(hash)) return;
    try {
      // A leaf codec (fflate only), loaded only when a link carries a B.
      const { decodeComparePatch } = await import('../../core/compare/link');
      const r = decodeComparePatch(hash);
      if (!r) return;
      if (!r.ok) compareStore.setState({ open: true, errors: [r.error] });
      else compareStore.setState({ open: true, linkPatch: r.patch });
    } catch (e) {
      compareStore.setState({ open: true, errors: [tr('linkUnreadable', { error: errorText(e) })] });
    }
  },
};

// End-to-end journeys (`?testhooks`): count the compare workers, or kill one without an event.
registerTestHook('compareWorkers', () => liveWorkers);
registerTestHook('killCompareWorker', (side: Side) => runners[side]?.worker.terminate());
