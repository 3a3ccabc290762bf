/**
 * Liveness of a worker that can die without an `error` event (killed, out of memory, stuck in a
 * loop). The page keeps the time of the worker's last sign of life — an answer to any call, a
 * snapshot, a ping's answer, or a beat the worker posts from inside a long synchronous call — and
 * declares it dead when it has been silent for longer than its current allowance:
 *
 * - `bootMs` until the worker's first sign of life: its module must load before it can answer
 *   anything.
 * - `idleMs` while no call is in flight. A worker that plays yields between ticks (≤ ~25 ms of
 *   work each), so it answers a ping within milliseconds; a few seconds of silence mean it is gone.
 * - `busyMs` while any call is in flight. The allowance is for one slice of work, not for a whole
 *   call: every call that can run long beats from inside, between slices (a run to the end, an
 *   apply-and-re-run, the keep-alive comparison, an A/B catch-up, the phases of a load or an
 *   import: see workers/busyBeat), at least every 250 ms. What is left without a beat is one
 *   validation of a document, one simulation build, one trace-text parse, one results summary:
 *   tens of milliseconds for the presets (the largest load, 'default', ~80 ms; its results ~12 ms),
 *   about 2 s for the largest trace import the schema allows (2 million values, 20 MB; the parse
 *   itself beats every 65 536 lines), measured on a shared, loaded machine. `busyMs` (20 s) leaves
 *   ten times that. So a quick call and a long one get
 *   the same honest allowance: a call that blocks the worker for longer than `busyMs` without a
 *   beat is judged hung, whatever it was.
 *
 * The page can stall too (a long task on the main thread, a laptop asleep, a background tab whose
 * timers are throttled to once a minute): a check that runs much later than it was due does not
 * judge anything, it starts a fresh allowance, so the worker is never blamed for the page's pause.
 *
 * Pure logic with injected clock and timers (unit-tested without waiting); the worker lifecycle
 * (./supervisor) gives every worker it starts one.
 */
import { BEAT_MESSAGE } from '../../workers/wire';

/** What the worker was doing when it fell silent: starting up, or working on a call (null: idle). */
export type BusyKind = 'boot' | 'call';

export interface HeartbeatTimings {
  /** How often the check runs (and a ping is sent when none is pending). */
  intervalMs: number;
  /** Silence allowed before the worker's first sign of life (its module is loading). */
  bootMs: number;
  /** Silence allowed with no call in flight. */
  idleMs: number;
  /** Silence allowed while a call is in flight: one slice of work between two beats. */
  busyMs: number;
  /** A check this much later than due means the page itself stalled: no verdict, a fresh allowance. */
  stallMs: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatTimings = {
  intervalMs: 2_000,
  bootMs: 30_000,
  idleMs: 8_000,
  busyMs: 20_000,
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
  /** Calls in flight. */
  private inFlight = 0;
  /** The worker has shown a sign of life (its module loaded). */
  private heard = false;
  /** Rejecters of the calls in flight (a terminated worker never answers them). */
  private readonly waiting = new Set<(e: Error) => void>();

  constructor(
    private readonly deps: HeartbeatDeps,
    timings: Partial<HeartbeatTimings> = {},
  ) {
    this.timings = { ...DEFAULT_HEARTBEAT, ...timings };
    this.lastLife = deps.now();
  }

  /** Starts checking (from the worker's creation on: until its first sign of life the boot allowance holds). */
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
    this.heard = true;
  }

  /** The allowance in force now. */
  allowance(): number {
    if (!this.heard) return Math.max(this.timings.bootMs, this.timings.busyMs);
    return this.inFlight > 0 ? this.timings.busyMs : this.timings.idleMs;
  }

  /** What the worker is doing: starting up, working on a call, or null (idle). */
  busy(): BusyKind | null {
    if (!this.heard) return 'boot';
    return this.inFlight > 0 ? 'call' : null;
  }

  get isDead(): boolean {
    return this.dead;
  }

  /**
   * Marks a call in flight until it settles; its answer (or its error: the worker answered) is a
   * sign of life. Returns the same promise's outcome.
   */
  track<T>(call: Promise<T>): Promise<T> {
    if (this.dead) return Promise.reject(new WorkerGoneError());
    this.inFlight++;
    return new Promise<T>((resolve, reject) => {
      const gone = (e: Error): void => reject(e);
      this.waiting.add(gone);
      const settle = (): boolean => {
        if (!this.waiting.delete(gone)) return false; // already failed by abandon()
        this.inFlight = Math.max(0, this.inFlight - 1);
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

/** A worker's beat from inside a long call (see `BEAT_MESSAGE` in workers/wire). */
export function isBeat(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[BEAT_MESSAGE] === true;
}

/**
 * `remote` with every call tracked by `heartbeat`: an answer is a sign of life, and the busy
 * allowance holds while a call is in flight. Symbols (Comlink's releaseProxy) and `then` pass
 * through untouched.
 */
export function trackedRemote<T extends object>(remote: T, heartbeat: Heartbeat): T {
  return new Proxy(remote, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || prop === 'then' || typeof value !== 'function') return value;
      return (...args: unknown[]) => heartbeat.track(Promise.resolve((value as (...a: unknown[]) => unknown)(...args)));
    },
  });
}
