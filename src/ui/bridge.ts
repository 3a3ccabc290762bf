/**
 * The page's side of the worker boundary. The worker's lifecycle (start-up, heartbeat, crash
 * recovery, the autosave of loads) is ./lifecycle/supervisor's; here it is given real workers
 * (Comlink's `wrap()` result is kept by it for the worker's life: a collected temporary proxy would
 * drop calls), the page's clock and the stores. The bridge subscribes with a proxied callback and
 * merges snapshots into the store, keeping unchanged parts as the same objects. Components call
 * the `actions`; they never talk to the worker themselves.
 */
import { proxy, wrap, releaseProxy, transfer } from 'comlink';
import type { Remote } from 'comlink';
import type {
  AutoscalerChange,
  AutoscalerResult,
  AutoscalerSpecInput,
  ComputeOperation,
  ExplainResult,
  HostDetailResult,
  LoadResult,
  LoadSource,
  PrincipalResult,
  ScaleResult,
  ScenarioIssue,
  ServiceSnapshot,
  SimWorkerApi,
  Snapshot,
  TraceImportRequest,
  TraceImportResult,
} from '../workers/sim.worker';
import type { CapacityPlanRequest, CapacityPlanResult } from '../workers/planning';
import type { BillResult, RerunView } from '../workers/billing';
import type { AzureImportResult, KeepAliveCompareResult, KeepAliveRequest, KeepAliveResult } from '../workers/serverless-types';
import { applyServerlessDelta, loadServerlessInfo } from './serverless/serverlessStore';
import type { ScopedTenancyView } from '../workers/api';
import { consoleStore, type ConsoleState, type Notice } from './store';
import { SeriesBuffer } from './series';
import { syncTopology } from './topology/topologyStore';
import { policyText } from './inspector/policies';
import { applyComputeDelta, computeStore, flushCompute, loadComputeInfo, select, setComputeCharts, setOperations, setView, showResult, type ConsoleView, type InfraSelection } from './infra/computeStore';
import { syncInfra } from './infra/infraGraph';
import { appendDecisions } from './elasticity/decisionStore';
import { applyAudit } from './iam/iamStore';
import { browserStorage, recoveryStore, saveScenario, savedSource } from './recovery/savedScenario';
import { saveBlob } from './export/saveBlob';
import { MAX_SCENARIO_FILE_MB, parseScenarioText, scenarioFileName } from './scenarioFile';
import { isBeat, WorkerGoneError } from './lifecycle/heartbeat';
import { registerTestHook, testFailingWorkers, testHeartbeatTimings } from './lifecycle/testHooks';
import { WorkerLifecycle, type WorkerHandle } from './lifecycle/supervisor';
import { TEST_HOOK_MESSAGE } from '../workers/wire';
import { currentLang, onLangChange } from './i18n/lang';
import { translate } from './i18n/messages';
import { msg, type LocalText } from './localText';
import { noticeMessages as nm } from './notices.messages';
import { cancelPublish, publishInFrame } from './framePublish';
import { livePace } from './framePace';

/** Points per line chart the worker downsamples to (LTTB; ≤ 1000). */
const CHART_POINTS = 600;

let unsubscribe: Remote<() => void> | null = null;

/** Test hook: this many of the next workers die right after their first answer (a replacement dying during its recovery). */
let failingWorkers = testFailingWorkers();

/** A started worker: its Comlink remote, and the Worker itself for the test hooks. */
interface SimWorker extends WorkerHandle<Remote<SimWorkerApi>> {
  readonly worker: Worker;
}

/**
 * The worker's lifecycle (./lifecycle/supervisor): start-up, heartbeat, loads and their autosave,
 * crash recovery and its restart budget. Here it gets real workers, the page's clock and the stores.
 */
const lifecycle = new WorkerLifecycle<Remote<SimWorkerApi>, SimWorker>({
  clock: {
    now: () => performance.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
  spawn: (events) => {
    // Written literally so Vite finds and bundles the worker.
    const w = new Worker(new URL('../workers/sim.worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('error', (ev) => events.crashed(ev.message));
    w.addEventListener('messageerror', () => {
      showNotice({ kind: 'error', title: msg(nm, 'workerBadMessage'), messages: [] });
    });
    // Beats from inside a run to the end: busy, not dead.
    w.addEventListener('message', (ev: MessageEvent) => {
      if (isBeat(ev.data)) events.beat();
    });
    if (failingWorkers > 0) {
      failingWorkers--;
      // Dies once it has answered once, with calls still in flight, and without an event.
      w.addEventListener('message', () => w.terminate(), { once: true });
    }
    const raw = wrap<SimWorkerApi>(w);
    return { worker: w, remote: raw, terminate: () => w.terminate(), release: () => raw[releaseProxy]() };
  },
  // The worker answers errors in the console's language: tell it now (before any load) and on every switch.
  spawned: (r) => tellLanguage(r, currentLang()),
  subscribe: async (r) => {
    unsubscribe = await r.subscribe(onSnapshot);
  },
  dropSubscription: () => {
    unsubscribe = null;
  },
  endSubscription: async () => {
    const u = unsubscribe;
    unsubscribe = null;
    if (u) {
      try {
        await u();
      } finally {
        u[releaseProxy]();
      }
    }
  },
  storage: browserStorage,
  console: {
    view: () => consoleStore.getState(),
    setPresets: ({ presets, defaultPreset }) => consoleStore.setState({ presets, defaultPreset }),
    clearRun: () => {
      computeScenarioRev = -1;
      pendingConsole = null;
      cancelPublish('console');
      consoleStore.setState({ status: null, busy: null });
    },
    notice: showNotice,
    offer: (offer) => recoveryStore.setState({ offer }),
    link: currentHash,
    setLink: setHash,
    linkOpened: () => consoleStore.setState({ shareUrl: null, shareCopied: false }),
    refocus: () => void focusCharts(consoleStore.getState().selectedService),
    watchLinks: (listener) => {
      if (linkListener) window.removeEventListener('hashchange', linkListener);
      linkListener = listener;
      if (listener) window.addEventListener('hashchange', listener);
    },
  },
  timings: testHeartbeatTimings(),
});
let linkListener: (() => void) | null = null;

function api(): Remote<SimWorkerApi> {
  return lifecycle.api();
}

// End-to-end journeys (`?testhooks`) can kill the worker without an event, or make it hang.
registerTestHook('killWorker', () => lifecycle.current()?.worker.terminate());
registerTestHook('hangWorker', () => lifecycle.current()?.worker.postMessage({ [TEST_HOOK_MESSAGE]: 'hang' }));
registerTestHook('failNextWorkers', (n: number) => {
  failingWorkers = n;
});
registerTestHook('workersStarted', () => lifecycle.workersStarted);

function tellLanguage(r: Remote<SimWorkerApi>, lang: string): void {
  r.setLanguage(lang).catch(() => undefined);
}
onLangChange((lang) => {
  const remote = lifecycle.currentRemote();
  if (remote) tellLanguage(remote, lang);
});

// ------------------------------------------------------------------ snapshots → store

const seriesBuffer = new SeriesBuffer();
/** The scenario revision whose infrastructure the compute store holds. */
let computeScenarioRev = -1;
/** Charts get the series at most this often while playing (recharts is the bottleneck, not data). */
const SERIES_PUBLISH_MS = 250;
let seriesTimer: ReturnType<typeof setTimeout> | null = null;
let seriesDirty = false;

function publishSeries(): void {
  if (seriesTimer !== null) {
    clearTimeout(seriesTimer);
    seriesTimer = null;
  }
  if (!seriesDirty) return;
  seriesDirty = false;
  consoleStore.setState({ series: seriesBuffer.view() });
}

/** The console store's share of snapshots not yet published (see publishInFrame), or null. */
let pendingConsole: Partial<ConsoleState> | null = null;

function publishConsole(): void {
  const patch = pendingConsole;
  pendingConsole = null;
  if (patch) consoleStore.setState(patch);
}

function applySnapshot(snap: Snapshot): void {
  // What the store will hold once the waiting patch is published: later snapshots build on it.
  const state: ConsoleState = pendingConsole ? { ...consoleStore.getState(), ...pendingConsole } : consoleStore.getState();
  const patch: Partial<ConsoleState> = {
    status: {
      rev: snap.rev,
      playing: snap.playing,
      speed: snap.speed,
      now: snap.now,
      endTime: snap.endTime,
      finished: snap.finished,
      eventsProcessed: snap.eventsProcessed,
      eventsPerWallSecond: snap.eventsPerWallSecond,
      scenarioRev: snap.scenarioRev,
    },
  };
  const newScenario = state.status === null || state.status.scenarioRev !== snap.scenarioRev;
  if (snap.scenario) {
    patch.scenario = snap.scenario;
    syncTopology(snap.scenario.topology, snap.scenario.serverless ?? null);
    loadServerlessInfo(snap.scenario.serverless ?? null, snap.scenarioRev);
    if (snap.scenarioRev !== computeScenarioRev) {
      computeScenarioRev = snap.scenarioRev;
      loadComputeInfo(snap.scenario.compute ?? null);
      syncInfra(snap.scenario.compute ?? null, snap.scenarioRev);
    }
  }
  let computeInStep = true;
  if (snap.compute) computeInStep = applyComputeDelta(snap.compute, !snap.playing);
  else if (!snap.playing) flushCompute();
  if (snap.computeCharts !== undefined) setComputeCharts(snap.computeCharts);
  if (snap.operations) setOperations(snap.operations);
  if (snap.decisions) appendDecisions(snap.decisions);
  if (snap.iam) applyAudit(snap.iam);
  if (snap.serverless) applyServerlessDelta(snap.serverless);
  if (snap.services || newScenario) {
    const services: Record<string, ServiceSnapshot> = newScenario ? {} : { ...state.services };
    for (const s of snap.services ?? []) services[s.id] = s;
    patch.services = services;
  }
  if (snap.switches) patch.switches = snap.switches;
  if (snap.flows) patch.flows = snap.flows;
  else if (newScenario) patch.flows = null;
  if (snap.charts !== undefined) patch.charts = snap.charts;
  if (!state.ready && (snap.scenario || state.scenario)) patch.ready = true;
  // A new scenario: keep the selected service if it is still there, else inspect the entry service.
  let focus: string | null | undefined;
  if (snap.scenario) {
    const ids = snap.scenario.serviceIds;
    const keep = state.selectedService !== null && ids.includes(state.selectedService);
    if (!keep) {
      focus = ids[0] ?? null;
      patch.selectedService = focus;
      patch.charts = null;
    }
  }

  let seriesNow = false;
  if (!computeInStep) void resubscribe();
  if (snap.series) {
    if (!seriesBuffer.apply(snap.series)) {
      // Out of step (should not happen: one ordered channel). Start over with a full snapshot.
      void resubscribe();
    }
    seriesDirty = true;
    seriesNow = snap.series.reset || !snap.playing;
  } else if (!snap.playing && seriesDirty) {
    seriesNow = true;
  }
  // While playing, the clock and figures go out with the next animation frame (at most one render
  // per frame however fast snapshots come); a new scenario, a pause or a reset shows at once.
  pendingConsole = pendingConsole ? { ...pendingConsole, ...patch } : patch;
  if (snap.playing && !snap.scenario && !newScenario && !seriesNow) publishInFrame('console', publishConsole);
  else {
    cancelPublish('console');
    publishConsole();
  }
  if (focus !== undefined) void focusCharts(focus);
  if (seriesNow) publishSeries();
  else if (seriesDirty && seriesTimer === null) {
    seriesTimer = setTimeout(() => {
      seriesTimer = null;
      publishInFrame('series', publishSeries, true);
    }, SERIES_PUBLISH_MS * livePace());
  }
}

const onSnapshot = proxy((snap: Snapshot) => {
  lifecycle.alive();
  try {
    applySnapshot(snap);
  } catch (e) {
    console.error('[cumulo] could not apply a snapshot', e);
  }
});

function subscribe(): Promise<void> {
  return lifecycle.subscribe();
}

async function resubscribe(): Promise<void> {
  const old = unsubscribe;
  unsubscribe = null;
  if (old) {
    await old();
    old[releaseProxy]();
  }
  await subscribe();
}

async function focusCharts(serviceId: string | null): Promise<void> {
  try {
    await api().setChartFocus(serviceId, CHART_POINTS);
  } catch (e) {
    console.error('[cumulo] could not focus the charts', e);
  }
}

// ------------------------------------------------------------------ notices and links

function showNotice(notice: Notice | null): void {
  consoleStore.setState({ notice });
}

function issueLines(errors: ReadonlyArray<ScenarioIssue>): string[] {
  return errors.map((e) => (e.path === '' || e.path === 'link' ? e.message : `${e.path}: ${e.message}`));
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The hash without '#', trimmed. */
function currentHash(): string {
  return window.location.hash.replace(/^#/, '').trim();
}

function setHash(fragment: string): void {
  const url = `${window.location.pathname}${window.location.search}${fragment ? `#${fragment}` : ''}`;
  // replaceState does not fire hashchange, so sharing never reloads the scenario.
  window.history.replaceState(window.history.state, '', url);
}

/** Loads a scenario, autosaved on success (see WorkerLifecycle.load); never throws. */
function load(source: LoadSource, autosave = true, edited = false): Promise<LoadResult> {
  return lifecycle.load(source, autosave, edited);
}

/**
 * Starts the worker, subscribes, and opens the link in the URL (or the default preset). Idempotent.
 * A worker that dies during start-up is recovered like any other, and its recovery runs the
 * start-up again on the new worker; links pasted meanwhile are heard from the first moment.
 */
export function start(): Promise<void> {
  return lifecycle.start();
}

/** For tests and hot reload: drop the subscription and the worker. */
export function stop(): Promise<void> {
  return lifecycle.stop();
}

// ------------------------------------------------------------------ actions

async function guarded(what: keyof typeof nm.en, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    // The worker died under the call: the crash banner already says so.
    if (e instanceof WorkerGoneError) return;
    showNotice({ kind: 'error', title: msg(nm, 'failed', { what: msg(nm, what) }), messages: [errorText(e)] });
  }
}

function download(filename: string, text: string, type = 'application/json'): void {
  saveBlob(filename, new Blob([text], { type }));
}

export const actions = {
  play: () => guarded('whatPlay', () => api().play()),
  pause: () => guarded('whatPause', () => api().pause()),
  togglePlay: () => {
    const s = consoleStore.getState().status;
    return s?.playing ? actions.pause() : actions.play();
  },
  step: () => guarded('whatStep', () => api().step()),
  reset: () => guarded('whatReset', () => api().reset()),
  setSpeed: (speed: number) => guarded('whatSpeed', () => api().setSpeed(speed)),

  runToEnd: () =>
    guarded('whatRunToEnd', async () => {
      consoleStore.setState({ busy: msg(nm, 'busyRunToEnd') });
      try {
        await api().runToEnd();
      } finally {
        consoleStore.setState({ busy: null });
      }
    }),

  loadPreset: (id: string) =>
    guarded('whatLoadPreset', async () => {
      const r = await load({ preset: id });
      if (r.ok) {
        setHash('');
        consoleStore.setState({ shareUrl: null, shareCopied: false, notice: null });
      } else {
        showNotice({ kind: 'error', title: msg(nm, 'presetNotLoaded', { id }), messages: issueLines(r.errors) });
      }
    }),

  /** Puts the scenario's link in the address bar, shows it, and tries to copy it. */
  share: () =>
    guarded('whatShare', async () => {
      const info = consoleStore.getState().scenario ?? (await api().scenarioInfo());
      if (!info || !info.link) {
        showNotice({ kind: 'error', title: msg(nm, 'noLink'), messages: [] });
        return;
      }
      setHash(info.link);
      const url = window.location.href;
      consoleStore.setState({ shareUrl: url, shareCopied: false });
      try {
        await navigator.clipboard.writeText(url);
        consoleStore.setState({ shareCopied: true });
      } catch {
        // No clipboard permission (or not a secure context): the link is shown to copy by hand.
      }
    }),

  closeShare: () => consoleStore.setState({ shareUrl: null, shareCopied: false }),

  exportResults: () =>
    guarded('whatExport', async () => {
      const results = await api().results();
      download('results.json', `${JSON.stringify(results, null, 2)}\n`);
    }),

  /** Downloads the scenario as written (its seed included) as a JSON file; opening it reproduces the run. */
  saveScenarioFile: () =>
    guarded('whatSaveScenario', async () => {
      const doc = await api().scenarioDocument();
      const name = consoleStore.getState().scenario?.name ?? 'scenario';
      // Indented for reading, unless that makes it big (a scenario carrying a long trace).
      const compact = JSON.stringify(doc);
      download(scenarioFileName(name), `${compact.length < 1_000_000 ? JSON.stringify(doc, null, 2) : compact}\n`);
    }),

  /**
   * Opens a scenario JSON file (chosen or dropped). A file that is too big, not JSON or not a valid
   * scenario is refused with what is wrong and where; the scenario on screen stays loaded.
   */
  openScenarioFile: (file: File) =>
    guarded('whatOpenScenario', async () => {
      const refuse = (why: LocalText | string[]): void =>
        showNotice({ kind: 'error', title: msg(nm, 'scenarioFileNotLoaded', { file: file.name }), messages: Array.isArray(why) ? why : [why] });
      // As the Open button: not while the console starts, recovers or runs a long call (a recovery
      // would load its own scenario over this one).
      if (!lifecycle.consoleFree()) {
        refuse(msg(nm, 'scenarioFileBusy'));
        return;
      }
      if (file.size > MAX_SCENARIO_FILE_MB * 1024 * 1024) {
        refuse(msg(nm, 'scenarioFileTooBig', { size: (file.size / 1024 / 1024).toFixed(1), max: MAX_SCENARIO_FILE_MB }));
        return;
      }
      let text: string;
      try {
        text = await file.text();
      } catch (e) {
        refuse(msg(nm, 'scenarioFileUnreadable', { error: errorText(e) }));
        return;
      }
      const parsed = parseScenarioText(text);
      if (!parsed.ok) {
        refuse(parsed.error);
        return;
      }
      const r = await load({ scenario: parsed.doc });
      if (!r.ok) {
        refuse(issueLines(r.errors));
        return;
      }
      setHash('');
      consoleStore.setState({ shareUrl: null, shareCopied: false });
      showNotice({ kind: 'info', title: msg(nm, 'scenarioFileOpened', { name: r.name, file: file.name }), messages: [] });
    }),

  /** More than one file dropped at once: refused, nothing changes. */
  refuseDroppedFiles: (n: number) =>
    showNotice({ kind: 'error', title: msg(nm, 'scenarioFileNotLoaded', { file: '…' }), messages: [msg(nm, 'scenarioFileOneOnly', { n })] }),

  dismissNotice: () => showNotice(null),

  /** Loads the autosaved scenario offered at start-up. */
  restoreSaved: () =>
    guarded('whatRestore', async () => {
      const saved = recoveryStore.getState().offer;
      if (!saved) return;
      const r = await load(savedSource(saved));
      if (r.ok) {
        setHash('');
        consoleStore.setState({ shareUrl: null, shareCopied: false, notice: null });
      } else {
        recoveryStore.setState({ offer: null });
        showNotice({ kind: 'error', title: msg(nm, 'restoreFailed', { name: saved.name }), messages: issueLines(r.errors) });
      }
    }),

  /** Declines the offer: the scenario on screen becomes the one autosaved. */
  dismissRestore: () => {
    recoveryStore.setState({ offer: null });
    const info = consoleStore.getState().scenario;
    if (info) saveScenario(browserStorage(), info);
  },

  /** Shows a service in the inspector and the charts (null closes the inspector). */
  selectService: (id: string | null) => {
    if (consoleStore.getState().selectedService === id) return Promise.resolve();
    consoleStore.setState({ selectedService: id, charts: null });
    return focusCharts(id);
  },

  /** Switches a service's balancer while running (an interactive change, not part of the link). */
  setBalancer: (serviceId: string, policy: string) =>
    guarded('whatBalancer', async () => {
      const r = await api().setBalancer(serviceId, policy);
      if (!r.ok) showNotice({ kind: 'error', title: msg(nm, 'balancerFailed', { service: serviceId, policy: policyText(policy) }), messages: [r.error] });
    }),

  // ---------------------------------------------------------------- scenario editor

  /**
   * Loads an edited scenario document: the worker validates it (an invalid one changes nothing and
   * comes back with the schema's issues) and restarts the run on the document's own seed. On
   * success the address bar carries the new link and the scenario is autosaved; a playing run
   * keeps playing.
   */
  loadEdited: async (doc: unknown): Promise<LoadResult> => {
    const wasPlaying = consoleStore.getState().status?.playing === true;
    const r = await load({ scenario: doc }, true, true);
    if (r.ok) {
      setHash(r.link);
      consoleStore.setState({ shareUrl: null, shareCopied: false });
      if (wasPlaying) void actions.play();
    }
    return r;
  },

  /** The loaded scenario document as written (null: none, or the worker did not answer). */
  scenarioDocument: async (): Promise<unknown> => {
    try {
      return await api().scenarioDocument();
    } catch {
      return null;
    }
  },

  // ---------------------------------------------------------------- compute (infrastructure view)

  setView: (view: ConsoleView) => setView(view),

  /** Shows a host, instance, pool, zone, region or link in the infrastructure inspector. */
  selectInfra: (selection: InfraSelection | null) => select(selection),

  /**
   * Runs an operation on the compute model. The result (or the error) is shown in the inspector;
   * it never throws. `what` describes it for people ("Kill host pool-a-0").
   */
  operate: async (op: ComputeOperation, what: string): Promise<boolean> => {
    try {
      const r = await api().operate(op);
      // The snapshot after the operation came first: show it with the answer.
      flushCompute();
      showResult(what, r.ok, r.message, r);
      return r.ok;
    } catch (e) {
      showResult(what, false, translate(nm, 'noAnswer', { error: errorText(e) }), { code: 'workerDidNotAnswer', params: { error: errorText(e) } });
      return false;
    }
  },

  explain: async (instance: string): Promise<ExplainResult> => {
    try {
      return await api().explain(instance);
    } catch (e) {
      return { ok: false, message: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  hostDetail: async (hostId: string): Promise<HostDetailResult> => {
    try {
      return await api().hostDetail(hostId);
    } catch (e) {
      return { ok: false, message: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  closeHostMenu: () => computeStore.setState({ menu: null }),

  /** Opens "Import trace", for `workload` when given (a trace the scenario names by path). */
  openImport: (workload?: string) => consoleStore.setState({ importOpen: true, importWorkload: workload ?? null }),
  closeImport: () => consoleStore.setState({ importOpen: false, importWorkload: null }),

  // ---------------------------------------------------------------- elasticity

  /** Changes a service's autoscaler from now on; resolves to the worker's answer (its error is for the form). */
  setAutoscaler: async (serviceId: string, change: AutoscalerChange): Promise<AutoscalerResult> => {
    try {
      return await api().setAutoscaler(serviceId, change);
    } catch (e) {
      return { ok: false, error: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  /** The autoscaler settings in force for a service (null: it has none, or the worker did not answer). */
  autoscalerSettings: async (serviceId: string): Promise<AutoscalerSpecInput | null> => {
    try {
      return await api().autoscalerSettings(serviceId);
    } catch {
      return null;
    }
  },

  /** A capacity plan from the run's arrivals so far; never throws. */
  planCapacity: async (serviceId: string, request: CapacityPlanRequest): Promise<CapacityPlanResult> => {
    try {
      return await api().planCapacity(serviceId, request);
    } catch (e) {
      return { ok: false, error: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  // ---------------------------------------------------------------- identity and access

  /** Acts as another principal from now on; resolves to the worker's answer. */
  setPrincipal: async (id: string): Promise<PrincipalResult> => {
    try {
      return await api().setPrincipal(id);
    } catch (e) {
      return { ok: false, error: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  /** Pins a service at `replicas` as the acting principal (service:scale); never throws. */
  scaleService: async (serviceId: string, replicas: number): Promise<ScaleResult> => {
    try {
      return await api().scaleService(serviceId, replicas);
    } catch (e) {
      return { ok: false, error: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  // ---------------------------------------------------------------- billing

  /** The run's bill so far with its CSV (whole and per tenant); never throws. `quiet`: a refresh, not audited. */
  bill: async (quiet = false): Promise<BillResult> => {
    try {
      return await api().bill(quiet);
    } catch (e) {
      return { ok: false, error: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  /**
   * Applies recommendations (all, kinds or ids) and runs the scenario and the patched copy to the
   * end on the same seed in the worker, apart from the live run; never throws.
   */
  applyAndRerun: async (selection: string): Promise<RerunView> => {
    try {
      return await api().applyAndRerun(selection);
    } catch (e) {
      return { ok: false, selection, error: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  /** Loads a patched scenario from its link and puts the link in the address bar. */
  loadPatched: (link: string) =>
    guarded('whatPatched', async () => {
      const r = await load({ link });
      if (r.ok) {
        setHash(r.link || link);
        consoleStore.setState({ shareUrl: null, shareCopied: false, notice: null });
      } else {
        showNotice({ kind: 'error', title: msg(nm, 'patchedFailed'), messages: issueLines(r.errors) });
      }
    }),
  // ---------------------------------------------------------------- serverless

  /** Switches every function's keep-alive policy from now on; resolves to the worker's answer. */
  setKeepAlive: async (policy: KeepAliveRequest): Promise<KeepAliveResult> => {
    try {
      return await api().setKeepAlive(policy);
    } catch (e) {
      return { ok: false, error: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  /** The keep-alive A/B comparison (three whole runs in the worker); never throws. */
  compareKeepAlive: async (): Promise<KeepAliveCompareResult> => {
    try {
      return await api().compareKeepAlive();
    } catch (e) {
      return { ok: false, error: translate(nm, 'noAnswer', { error: errorText(e) }) };
    }
  },

  /** Reads the Azure trace files and asks the worker to fill in the scenario's trace with them; never throws. */
  importAzureTrace: async (files: readonly File[], minutes?: number): Promise<AzureImportResult> => {
    let texts: Array<{ name: string; text: string }>;
    try {
      texts = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    } catch (e) {
      return { ok: false, title: translate(nm, 'filesUnreadable'), errors: [errorText(e)] };
    }
    let r: AzureImportResult;
    try {
      r = await api().importAzureTrace({ files: texts, ...(minutes !== undefined ? { minutes } : {}) });
    } catch (e) {
      return { ok: false, title: translate(nm, 'noAnswerTitle'), errors: [errorText(e)] };
    }
    if (r.ok) {
      recoveryStore.setState({ offer: null });
      if (r.link !== '') saveScenario(browserStorage(), { name: r.name, link: r.link });
      setHash('');
      consoleStore.setState({ shareUrl: null, shareCopied: false });
      showNotice({
        kind: 'info',
        title: msg(nm, 'azureImported', { functions: r.functions.toLocaleString('en-US'), invocations: r.invocations.toLocaleString('en-US'), minutes: r.minutes }),
        messages: [],
      });
    }
    return r;
  },

  /** Tenants' quotas, usage, isolation, refusals and fairness now; null without tenants or when the worker does not answer. */
  tenancy: async (): Promise<ScopedTenancyView | null> => {
    try {
      return await api().tenancy();
    } catch {
      return null;
    }
  },

  /** Saves `text` as a CSV file named `filename` (Blob + object URL). */
  downloadCsv: (filename: string, text: string) => download(filename, text, 'text/csv'),

  /**
   * Reads `file` and asks the worker to replace `workload`'s arrivals with it. Resolves to the
   * worker's answer (the dialog shows its errors); on success the dialog closes and a note says so.
   */
  importTrace: async (file: File, options: Omit<TraceImportRequest, 'bytes' | 'fileName'>): Promise<TraceImportResult> => {
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch (e) {
      return { ok: false, title: translate(nm, 'fileUnreadable', { file: file.name }), errors: [errorText(e)] };
    }
    let r: TraceImportResult;
    try {
      const req: TraceImportRequest = { ...options, fileName: file.name, bytes };
      r = await api().importTrace(transfer(req, [bytes]));
    } catch (e) {
      return { ok: false, title: translate(nm, 'noAnswerTitle'), errors: [errorText(e)] };
    }
    if (r.ok) {
      recoveryStore.setState({ offer: null });
      saveScenario(browserStorage(), { name: r.name, link: r.link });
      setHash('');
      consoleStore.setState({ importOpen: false, importWorkload: null, shareUrl: null, shareCopied: false });
      showNotice({
        kind: 'info',
        title: msg(nm, r.format === 'per-minute' ? 'traceImportedCounts' : 'traceImportedTimes', { workload: r.workload, values: r.values.toLocaleString('en-US'), file: file.name }),
        messages: [],
      });
    }
    return r;
  },
};
