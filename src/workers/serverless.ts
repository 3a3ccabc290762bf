/**
 * The worker's serverless part: the live view pushed to the page (the core's, plus keep-alive
 * switches and queue totals), charts downsampled from the series (cold starts per interval vs idle
 * warm memory, concurrency and 429s, queue depth and the oldest message's age), the keep-alive
 * switch command and the keep-alive A/B comparison (fresh runs off the live one, same seed).
 * Display preparation and plumbing only; every number comes from the core.
 */
import { createSimulation, parseScenario, serverlessColumn } from '../core/index';
import type { KeepAliveSpec, Scenario, ServerlessLive as CoreServerlessLive, Simulation } from '../core/index';
import { pick, sharedIndices } from './lttb';
import { KEEP_ALIVE_CHOICES } from './wire';
import { runOutBeating } from './busyBeat';
import type { SeriesSource } from './charts';
import type {
  KeepAliveChoice,
  KeepAliveCompareResult,
  KeepAliveRequest,
  KeepAliveRow,
  KeepAliveResult,
  KeepAliveSwitch,
  ServerlessCharts,
  ServerlessDelta,
  ServerlessInfo,
  ServerlessLive,
} from './serverless-types';

export type ScenarioKeepAlive = NonNullable<Scenario['serverless']>['keepAlive'];

/** The scenario form of a keep-alive preset (hybrid: the paper's parameters, the schema's defaults). */
export function keepAliveScenarioSpec(choice: KeepAliveChoice): { type: 'fixed'; ttl: string } | { type: 'hybrid' } {
  switch (choice) {
    case 'fixed-10m':
      return { type: 'fixed', ttl: '10m' };
    case 'fixed-20m':
      return { type: 'fixed', ttl: '20m' };
    case 'hybrid':
      return { type: 'hybrid' };
  }
}

/** A preset as the validated scenario block (defaults filled in), as the Simulation takes it. */
export function parsedKeepAlive(choice: KeepAliveChoice): { ok: true; spec: ScenarioKeepAlive } | { ok: false; error: string } {
  const parsed = parseScenario({ cumulo: 1, name: 'keep-alive', duration: 1, serverless: { keepAlive: keepAliveScenarioSpec(choice), azureTrace: { folder: 'unused' } } });
  if (!parsed.ok || !parsed.scenario.serverless) return { ok: false, error: parsed.ok ? 'the keep-alive policy could not be read' : parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ') };
  return { ok: true, spec: parsed.scenario.serverless.keepAlive };
}

/** The request as a preset name, or a plain sentence saying what is wrong with it. */
export function checkKeepAliveRequest(req: unknown): { ok: true; choice: KeepAliveChoice } | { ok: false; error: string } {
  if (typeof req === 'string' && (KEEP_ALIVE_CHOICES as readonly string[]).includes(req)) return { ok: true, choice: req as KeepAliveChoice };
  if (typeof req === 'object' && req !== null && (req as { type?: unknown }).type === 'hybrid') return { ok: true, choice: 'hybrid' };
  if (typeof req === 'object' && req !== null && (req as { type?: unknown }).type === 'fixed') {
    const ttl = (req as { ttl?: unknown }).ttl;
    if (ttl === 600) return { ok: true, choice: 'fixed-10m' };
    if (ttl === 1200) return { ok: true, choice: 'fixed-20m' };
    return { ok: false, error: `the console offers fixed keep-alives of 10 or 20 minutes, not ${String(ttl)} s` };
  }
  return { ok: false, error: `there is no keep-alive policy "${typeof req === 'string' ? req : JSON.stringify(req)}" (available: ${KEEP_ALIVE_CHOICES.join(', ')})` };
}

/** The parsed scenario with another keep-alive policy (validated like a scenario edit), or the reason it cannot be. */
export function withKeepAlive(scenario: Scenario, choice: KeepAliveChoice): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  if (!scenario.serverless) return { ok: false, error: 'this scenario has no serverless block, so there is no keep-alive policy to change' };
  const parsed = parseScenario({ ...scenario, serverless: { ...scenario.serverless, keepAlive: keepAliveScenarioSpec(choice) } });
  if (!parsed.ok) return { ok: false, error: parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ') };
  return { ok: true, scenario: parsed.scenario };
}

/** The live view for the page: the core's, with the switches and totals over every function and queue. */
export function serverlessLiveView(view: CoreServerlessLive, switches: readonly KeepAliveSwitch[]): ServerlessLive {
  let started = 0;
  let initSeconds = 0;
  let latencySeconds = 0;
  for (const f of view.functions) {
    const s = f.invocations - f.throttled;
    started += s;
    initSeconds += f.initSeconds;
    if (f.initShare > 0) latencySeconds += f.initSeconds / f.initShare;
  }
  const q = { retries: 0, duplicates: 0, deadLettered: 0, lost: 0, depth: 0, oldestAge: 0 };
  for (const x of view.queues) {
    q.retries += x.retries;
    q.duplicates += x.duplicates;
    q.deadLettered += x.deadLettered;
    q.lost += x.lost;
    q.depth += x.depth;
    q.oldestAge = Math.max(q.oldestAge, x.oldestAge);
  }
  return {
    ...view,
    switches: switches.map((s) => ({ ...s })),
    coldStartRatio: started > 0 ? view.totals.coldStarts / started : 0,
    initShare: latencySeconds > 0 ? Math.min(1, initSeconds / latencySeconds) : 0,
    queueTotals: q,
  };
}

function sumColumns(series: SeriesSource, names: readonly string[], n: number, scale: number): Float64Array {
  const out = new Float64Array(n);
  let any = false;
  for (const name of names) {
    const c = series.column(name);
    if (!c) continue;
    any = true;
    for (let i = 0; i < n; i++) {
      const v = c[i]!;
      if (Number.isFinite(v)) out[i]! += v * scale;
    }
  }
  if (!any) out.fill(Number.NaN);
  return out;
}

function maxColumns(series: SeriesSource, names: readonly string[], n: number): Float64Array {
  const out = new Float64Array(n).fill(names.length === 0 ? Number.NaN : 0);
  for (const name of names) {
    const c = series.column(name);
    if (!c) continue;
    for (let i = 0; i < n; i++) {
      const v = c[i]!;
      if (Number.isFinite(v) && v > out[i]!) out[i] = v;
    }
  }
  return out;
}

/**
 * Charts from the series: cold starts and 429s per interval (the totals' rates × the interval, or
 * the functions' own when there are no totals),
 * idle warm memory and invocations running (the totals' levels), messages waiting (summed over the
 * queues) and the oldest message's age (the largest). Each chart's lines share LTTB indices.
 */
export function buildServerlessCharts(series: SeriesSource, functions: readonly string[], queues: readonly string[], interval: number, maxPoints: number): ServerlessCharts {
  const n = Math.min(series.length, series.time.length);
  const time = series.time.subarray(0, n);
  const nan = (): Float64Array => new Float64Array(n).fill(Number.NaN);
  // The totals' rates cover every function (per-function columns stop after the first few dozen).
  const totalCold = serverlessColumn.total('coldStartsRate');
  const totalThrottled = serverlessColumn.total('throttledRate');
  const cold = sumColumns(series, series.column(totalCold) ? [totalCold] : functions.map((f) => serverlessColumn.fn(f, 'coldStartsRate')), n, interval);
  const throttled = sumColumns(series, series.column(totalThrottled) ? [totalThrottled] : functions.map((f) => serverlessColumn.fn(f, 'throttledRate')), n, interval);
  const idle = series.column(serverlessColumn.total('idleMb'))?.subarray(0, n) ?? nan();
  const running = series.column(serverlessColumn.total('running'))?.subarray(0, n) ?? nan();
  const depth = queues.length > 0 ? sumColumns(series, queues.map((q) => serverlessColumn.queue(q, 'depth')), n, 1) : nan();
  const age = queues.length > 0 ? maxColumns(series, queues.map((q) => serverlessColumn.queue(q, 'oldestAge')), n) : nan();
  const wi = sharedIndices(time, [cold, idle], n, maxPoints);
  const li = sharedIndices(time, [running, throttled], n, maxPoints);
  const qi = queues.length > 0 ? sharedIndices(time, [depth, age], n, maxPoints) : new Int32Array(0);
  return {
    samples: n,
    warm: { time: pick(time, wi), coldStarts: pick(cold, wi), idleMb: pick(idle, wi) },
    load: { time: pick(time, li), concurrency: pick(running, li), throttled: pick(throttled, li) },
    queues: { time: pick(time, qi), depth: pick(depth, qi), oldestAge: pick(age, qi) },
  };
}

export function serverlessChartTransferables(c: ServerlessCharts | null | undefined): ArrayBuffer[] {
  if (!c) return [];
  const out: ArrayBuffer[] = [];
  for (const a of [c.warm.time, c.warm.coldStarts, c.warm.idleMb, c.load.time, c.load.concurrency, c.load.throttled, c.queues.time, c.queues.depth, c.queues.oldestAge]) {
    const b = a.buffer;
    if (b instanceof ArrayBuffer && b.byteLength > 0 && !out.includes(b)) out.push(b);
  }
  return out;
}


/** One row of the A/B table from a finished run's serverless results. */
export function keepAliveRow(policy: KeepAliveChoice, view: CoreServerlessLive, wallMs: number): KeepAliveRow {
  const live = serverlessLiveView(view, []);
  const p95s = view.functions.map((f) => f.p95).filter((x): x is number => x !== null && Number.isFinite(x));
  return {
    policy,
    invocations: view.totals.invocations,
    coldStarts: view.totals.coldStarts,
    coldStartRatio: live.coldStartRatio,
    initShare: live.initShare,
    idleGbSeconds: view.totals.idleGbSeconds,
    p95: p95s.length > 0 ? Math.max(...p95s) : null,
    costUsd: view.cost.totalUsd,
    wallMs,
  };
}

/**
 * Runs the scenario to its end once per keep-alive preset (fixed 10 min, fixed 20 min, hybrid) on
 * the scenario's seed, each in a fresh Simulation (the live run is untouched). Never throws.
 */
export function compareKeepAlive(scenario: Scenario | null, clock: () => number, beat: () => void = () => undefined): KeepAliveCompareResult {
  if (!scenario) return { ok: false, error: 'no scenario is loaded' };
  if (!scenario.serverless) return { ok: false, error: 'this scenario has no serverless block: there are no keep-alive policies to compare' };
  if (scenario.serverless.functions.length === 0) return { ok: false, error: 'this scenario has no functions yet (import its trace first)', code: 'no-functions' };
  const rows: KeepAliveRow[] = [];
  let horizon = 0;
  for (const choice of KEEP_ALIVE_CHOICES) {
    const next = withKeepAlive(scenario, choice);
    if (!next.ok) return { ok: false, error: `${choice}: ${next.error}` };
    const t0 = clock();
    try {
      const sim = createSimulation(next.scenario);
      // In slices, beating between them: three whole runs can keep the worker busy for minutes.
      runOutBeating(sim, beat);
      horizon = sim.endTime;
      const view = sim.results().serverless;
      if (!view) return { ok: false, error: `${choice}: the run has no serverless results` };
      rows.push(keepAliveRow(choice, view, clock() - t0));
    } catch (e) {
      return { ok: false, error: `${choice}: the run failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  return { ok: true, seed: scenario.seed, horizon, rows, engine: 'simulation' };
}

/** Why a keep-alive request is refused before reaching the core, or null. */
export function keepAliveRefusal(req: KeepAliveRequest): string | null {
  const r = checkKeepAliveRequest(req);
  return r.ok ? null : r.error;
}

export type { KeepAliveSpec };

/** Live pushes and chart builds at most this often while playing (ms of wall time). */
const LIVE_INTERVAL_MS = 200;
const CHART_INTERVAL_MS = 300;

/** What a keep-alive change needs from the simulation (the core's `Simulation.setKeepAlive`). */
export interface KeepAliveTarget {
  readonly now: number;
  readonly finished: boolean;
  serverlessLive(): CoreServerlessLive | null;
  setKeepAlive(spec: ScenarioKeepAlive): { ok: true } | { ok: false; error: string };
}

/**
 * The serverless state SimService keeps per loaded scenario and run: the shape sent with the
 * scenario info, the keep-alive switches of this run, and what was last pushed.
 */
export class ServerlessPart {
  info: ServerlessInfo | null = null;
  private switches: KeepAliveSwitch[] = [];
  private current = '';
  private functions: string[] = [];
  private queues: string[] = [];
  private liveT = Number.NaN;
  private liveDirty = true;
  private lastLiveWall = -Infinity;
  private chartLen = -1;
  private chartDirty = true;
  private lastChartWall = -Infinity;

  /** Which functions the acting principal may read (the charts sum only those). */
  private readable: (id: string) => boolean = () => true;

  /** A new read scope: the live view and charts are sent again, the charts summing only the readable functions. */
  scope(readable: (id: string) => boolean): void {
    this.readable = readable;
    this.liveDirty = true;
    this.chartDirty = true;
  }

  /** A new scenario (its serverless shape, or null); the run starts over. */
  load(scenario: Scenario, info: ServerlessInfo | null): void {
    this.info = info;
    this.functions = scenario.serverless?.functions.map((f) => f.id) ?? [];
    this.queues = scenario.serverless?.queues.map((q) => q.id) ?? [];
    this.resetRun();
  }

  /** A new run of the loaded scenario: its own keep-alive, no switches. */
  resetRun(): void {
    this.switches = [];
    this.current = this.info?.keepAlive ?? '';
    this.liveT = Number.NaN;
    this.liveDirty = true;
    this.lastLiveWall = -Infinity;
    this.chartLen = -1;
    this.chartDirty = true;
    this.lastChartWall = -Infinity;
  }

  get keepAlive(): string {
    return this.current;
  }

  keepAliveSwitches(): KeepAliveSwitch[] {
    return this.switches.map((s) => ({ ...s }));
  }

  /** Switches every function's keep-alive from now on; recorded, never thrown. */
  setKeepAlive(sim: KeepAliveTarget | null, req: KeepAliveRequest): KeepAliveResult {
    if (!sim) return { ok: false, error: 'no scenario is loaded' };
    if (!this.info) return { ok: false, error: 'this scenario has no serverless block, so there is no keep-alive policy to change' };
    const checked = checkKeepAliveRequest(req);
    if (!checked.ok) return checked;
    if (sim.finished) return { ok: false, error: 'the run has ended: reset it to start again', code: 'ended' };
    if (checked.choice === this.current) return { ok: true, policy: this.current };
    const spec = parsedKeepAlive(checked.choice);
    if (!spec.ok) return spec;
    let r: { ok: true } | { ok: false; error: string };
    try {
      r = sim.setKeepAlive(spec.spec);
    } catch (e) {
      r = { ok: false, error: `the keep-alive policy could not be changed: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (!r.ok) return r;
    this.switches.push({ time: sim.now, from: this.current, to: checked.choice });
    this.current = checked.choice;
    this.liveDirty = true;
    this.chartDirty = true;
    return { ok: true, policy: checked.choice };
  }

  /** What changed since the last push (undefined: nothing to send). */
  delta(sim: KeepAliveTarget & { series: SeriesSource }, opts: { force: boolean; playing: boolean; wall: number; maxPoints: number }): ServerlessDelta | undefined {
    if (!this.info) return undefined;
    const out: ServerlessDelta = {};
    const calm = opts.force || !opts.playing;
    if (this.liveDirty || (sim.now !== this.liveT && (calm || opts.wall - this.lastLiveWall >= LIVE_INTERVAL_MS))) {
      const view = sim.serverlessLive();
      if (view) out.live = serverlessLiveView({ ...view, keepAlive: this.current || view.keepAlive }, this.switches);
      this.liveT = sim.now;
      this.liveDirty = false;
      this.lastLiveWall = opts.wall;
    }
    const len = Math.min(sim.series.length, sim.series.time.length);
    if (this.chartDirty || (len !== this.chartLen && (calm || opts.wall - this.lastChartWall >= CHART_INTERVAL_MS))) {
      out.charts = len > 0 ? this.charts(sim.series, opts.maxPoints) : null;
      this.chartLen = len;
      this.chartDirty = false;
      this.lastChartWall = opts.wall;
    }
    return out.live !== undefined || out.charts !== undefined ? out : undefined;
  }

  /** Everything, for a new subscriber (does not disturb what the others were sent). */
  full(sim: KeepAliveTarget & { series: SeriesSource }, maxPoints: number): ServerlessDelta | undefined {
    if (!this.info) return undefined;
    const view = sim.serverlessLive();
    const len = Math.min(sim.series.length, sim.series.time.length);
    return {
      ...(view ? { live: serverlessLiveView({ ...view, keepAlive: this.current || view.keepAlive }, this.switches) } : {}),
      charts: len > 0 ? this.charts(sim.series, maxPoints) : null,
    };
  }

  private charts(series: SeriesSource, maxPoints: number): ServerlessCharts {
    return buildServerlessCharts(series, this.functions.filter((id) => this.readable(id)), this.queues, this.info?.metricsInterval ?? 1, maxPoints);
  }
}

/** The simulation as a keep-alive target. */
export function keepAliveTarget(sim: Simulation): KeepAliveTarget & { series: SeriesSource } {
  return {
    get now() {
      return sim.now;
    },
    get finished() {
      return sim.finished;
    },
    series: sim.series,
    serverlessLive: () => sim.serverlessLive(),
    setKeepAlive: (spec) => sim.setKeepAlive(spec),
  };
}
