/**
 * Liveness of a worker that can die without an `error` event (killed, out of memory, stuck in a
 * loop). The page keeps the time of the worker's last sign of life — an answer to any call, a
 * snapshot, a ping's answer, or a beat the worker posts from inside a long synchronous call — and
 * declares it dead when it has been silent for longer than its current allowance:
 *
 * - `idleMs` while no long call is in flight. A worker that plays yields between ticks (≤ ~25 ms of
 *   work each), so it answers a ping within milliseconds; a few seconds of silence mean it is gone.
 * - `beatingMs` while a call that beats is in flight (run to the end: the worker posts a beat at
 *   least every half second from inside its loop), so a hang inside it is still found quickly.
 * - `silentMs` while a call that cannot beat is in flight (loading and validating a scenario, a
 *   trace import): the worker cannot answer anything until it returns, so only a ceiling well
 *   above the biggest load tells a hang from a big job.
 * - `runsMs` while a call that runs whole simulations without beating is in flight (apply and
 *   re-run, the keep-alive comparison): a three-day scenario takes minutes per run, so the
 *   ceiling is long; a worker dying under such a call is found late, not never.
 *
 * The page can stall too (a long task on the main thread, a laptop asleep, a background tab whose
 * timers are throttled to once a minute): a check that runs much later than it was due does not
 * judge anything, it starts a fresh allowance, so the worker is never blamed for the page's pause.
 *
 * Pure logic with injected clock and timers (unit-tested without waiting); the bridge wires it to
 * the worker.
 */
import { BEAT_MESSAGE } from '../../workers/wire';

/**
 * How much silence a call in flight allows: 'beating' calls post beats; 'silent' ones (loads,
 * imports) cannot but are bounded by the scenario's size; 'runs' ones run whole simulations to
 * their end without beating (re-runs, keep-alive comparisons), as long as the scenario takes.
 */
export type BusyKind = 'beating' | 'silent' | 'runs';

export interface HeartbeatTimings {
  /** How often the check runs (and a ping is sent when none is pending). */
  intervalMs: number;
  /** Silence allowed with no long call in flight. */
  idleMs: number;
  /** Silence allowed while a beating call is in flight. */
  beatingMs: number;
  /** Silence allowed while a silent call is in flight. */
  silentMs: number;
  /** Silence allowed while a call running whole simulations is in flight. */
  runsMs: number;
  /** A check this much later than due means the page itself stalled: no verdict, a fresh allowance. */
  stallMs: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatTimings = {
  intervalMs: 2_000,
  idleMs: 8_000,
  beatingMs: 20_000,
  silentMs: 180_000,
  runsMs: 30 * 60_000,
  stallMs: 1_500,
};

export interface HeartbeatDeps {
  /** Asks the worker for a cheap answer (a Comlink call queued behind any call in flight). */
  ping: () => Promise<unknown>;
  /** Called once when the worker is judged dead; `silenceMs` is how long it was silent. */
  onDead: (silenceMs: number, busy: BusyKind | null) => void;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

/** A call in flight when its worker was given up (dead or replaced): it will never be answered. */
export class WorkerGoneError extends Error {
  constructor() {
    super('the simulation worker stopped and was replaced before it answered');
    this.name = 'WorkerGoneError';
  }
}

export class Heartbeat {
  private readonly timings: HeartbeatTimings;
  private lastLife: number;
  private due = 0;
  private timer: unknown = undefined;
  private running = false;
  private dead = false;
  private pinging = false;
  private readonly inFlight: Record<BusyKind, number> = { beating: 0, silent: 0, runs: 0 };
  /** Rejecters of the calls in flight (a terminated worker never answers them). */
  private readonly waiting = new Set<(e: Error) => void>();

  constructor(
    private readonly deps: HeartbeatDeps,
    timings: Partial<HeartbeatTimings> = {},
  ) {
    this.timings = { ...DEFAULT_HEARTBEAT, ...timings };
    this.lastLife = deps.now();
  }

  /** Starts checking (the worker answered once, so it is up). */
  start(): void {
    if (this.running || this.dead) return;
    this.running = true;
    this.lastLife = this.deps.now();
    this.schedule();
  }

  /** Stops checking for good (the worker is being replaced or the page is going away). */
  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.deps.clearTimer(this.timer);
    this.timer = undefined;
  }

  /**
   * Gives the worker up: stops checking and fails every tracked call still waiting with a
   * `WorkerGoneError` (Comlink would leave them pending forever once the worker is terminated).
   */
  abandon(): void {
    this.stop();
    this.dead = true;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const reject of waiting) reject(new WorkerGoneError());
  }

  /** A sign of life: any answer, snapshot or beat from the worker. */
  alive(): void {
    this.lastLife = this.deps.now();
  }

  /** The allowance in force now. */
  allowance(): number {
    if (this.inFlight.runs > 0) return this.timings.runsMs;
    if (this.inFlight.silent > 0) return this.timings.silentMs;
    if (this.inFlight.beating > 0) return this.timings.beatingMs;
    return this.timings.idleMs;
  }

  /** The busiest kind of call in flight, or null. */
  busy(): BusyKind | null {
    if (this.inFlight.runs > 0) return 'runs';
    return this.inFlight.silent > 0 ? 'silent' : this.inFlight.beating > 0 ? 'beating' : null;
  }

  get isDead(): boolean {
    return this.dead;
  }

  /**
   * Marks a call in flight until it settles; its answer (or its error: the worker answered) is a
   * sign of life. Returns the same promise's outcome.
   */
  track<T>(kind: BusyKind | null, call: Promise<T>): Promise<T> {
    if (this.dead) return Promise.reject(new WorkerGoneError());
    if (kind) this.inFlight[kind]++;
    return new Promise<T>((resolve, reject) => {
      const gone = (e: Error): void => reject(e);
      this.waiting.add(gone);
      const settle = (): boolean => {
        if (!this.waiting.delete(gone)) return false; // already failed by abandon()
        if (kind) this.inFlight[kind] = Math.max(0, this.inFlight[kind] - 1);
        if (!this.dead) this.alive();
        return true;
      };
      call.then(
        (v) => {
          if (settle()) resolve(v);
        },
        (e: unknown) => {
          if (settle()) reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  /** One check; normally run by the timer (public for tests). */
  check(): void {
    this.timer = undefined;
    if (!this.running || this.dead) return;
    const now = this.deps.now();
    const late = now - this.due;
    if (late > this.timings.stallMs) {
      // The page did not run for a while: whatever the worker did meanwhile, we could not hear it.
      this.lastLife = now;
    } else {
      const silence = now - this.lastLife;
      if (silence > this.allowance()) {
        this.dead = true;
        this.stop();
        this.deps.onDead(silence, this.busy());
        return;
      }
    }
    this.sendPing();
    this.schedule();
  }

  private sendPing(): void {
    // One ping at a time: a busy worker would only queue them up.
    if (this.pinging) return;
    this.pinging = true;
    let p: Promise<unknown>;
    try {
      p = this.deps.ping();
    } catch {
      this.pinging = false;
      return;
    }
    p.then(
      () => {
        this.pinging = false;
        if (!this.dead) this.alive();
      },
      () => {
        // A rejected ping is still an answer from a live worker (or the proxy is gone: the next checks tell).
        this.pinging = false;
      },
    );
  }

  private schedule(): void {
    if (!this.running) return;
    this.due = this.deps.now() + this.timings.intervalMs;
    this.timer = this.deps.setTimer(() => this.check(), this.timings.intervalMs);
  }
}

/**
 * How long a call to the simulation worker may keep it silent. Run to the end beats from inside its
 * loop; loads, re-runs and imports are one synchronous piece of work; everything else is quick
 * (a tick's worth of work at most) and needs no allowance.
 */
export const SIM_CALL_KINDS: Readonly<Record<string, BusyKind>> = {
  runToEnd: 'beating',
  load: 'silent',
  loadEdited: 'silent',
  reset: 'silent',
  results: 'silent',
  importTrace: 'silent',
  importAzureTrace: 'silent',
  applyAndRerun: 'runs',
  compareKeepAlive: 'runs',
  planCapacity: 'silent',
  bill: 'silent',
  // A/B compare: loading B is a load; reading a side, the table, or catching up to the other
  // side's time (one tick's worth of events) are quick, and run every second while live.
  loadVariant: 'silent',
};

/** A worker's beat from inside a long call (see `BEAT_MESSAGE` in workers/wire). */
export function isBeat(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[BEAT_MESSAGE] === true;
}

/**
 * `remote` with every call tracked by `heartbeat`: an answer is a sign of life, and a call named in
 * `kinds` widens the allowance while it is in flight. Symbols (Comlink's releaseProxy) and `then`
 * pass through untouched.
 */
export function trackedRemote<T extends object>(remote: T, heartbeat: Heartbeat, kinds: Readonly<Record<string, BusyKind>>): T {
  return new Proxy(remote, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || prop === 'then' || typeof value !== 'function') return value;
      const kind = Object.prototype.hasOwnProperty.call(kinds, prop) ? kinds[prop]! : null;
      return (...args: unknown[]) => heartbeat.track(kind, Promise.resolve((value as (...a: unknown[]) => unknown)(...args)));
    },
  });
}
