/**
 * A hand-driven world for the worker lifecycle's unit tests: a fake clock with timers, fake workers
 * whose answers the test holds, releases or withholds (a hung or killed worker never answers), a
 * fake console (what the store would hold, the banners shown) and a Map-backed autosave. Only
 * test files import it.
 */
import type { LoadResult, LoadSource, PresetList } from '../../workers/service';
import type { Notice } from '../store';
import { renderText } from '../localText';
import { readSavedScenario, SAVE_KEY, type KeyValueStore, type SavedScenario } from '../recovery/savedScenario';
import type { HeartbeatTimings } from './heartbeat';
import type { LoadedRef } from './decisions';
import { WorkerLifecycle, type ConsolePort, type LifecycleRemote, type WorkerEvents, type WorkerHandle } from './supervisor';

// ------------------------------------------------------------------ clock

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/** Node's setImmediate when there (the tests run in Node), else a zero timeout: a turn of the event loop. */
const nextTurn: (fn: () => void) => void = (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate ?? ((fn) => void setTimeout(fn, 0));

/** Lets every promise callback that is ready run, and those they make ready (a turn of the event loop, twice). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => nextTurn(resolve));
}

export class FakeClock {
  time = 0;
  private timers: Timer[] = [];
  private nextId = 1;
  /** Called at every step of `advance` (e.g. a worker beating from inside a long call). */
  onTick: ((now: number) => void) | null = null;

  now = (): number => this.time;

  setTimer = (fn: () => void, ms: number): unknown => {
    const t = { id: this.nextId++, at: this.time + ms, fn };
    this.timers.push(t);
    return t.id;
  };

  clearTimer = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  /**
   * Moves time on by `ms`, running due timers on time and letting the promise callbacks they start
   * run (the page is responsive throughout). With `onTick` set, time moves in steps of `stepMs`
   * and `onTick` runs at each.
   */
  async advance(ms: number, stepMs = 250): Promise<void> {
    const end = this.time + ms;
    while (this.time < end) {
      const firstDue = Math.min(...this.timers.map((t) => t.at));
      const next = this.onTick ? Math.min(end, this.time + stepMs) : Math.min(end, Math.max(this.time, firstDue));
      for (;;) {
        const due = this.timers.filter((t) => t.at <= next).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        this.timers = this.timers.filter((t) => t !== due);
        this.time = Math.max(this.time, due.at);
        due.fn();
        await settle();
      }
      if (next > this.time) this.time = next;
      this.onTick?.(this.time);
      await settle();
    }
  }
}

// ------------------------------------------------------------------ scenarios the fake workers know

export interface FakeScenario extends LoadedRef {
  preset?: string;
}

/** Presets by id, and the scenario an edited link stands for. */
export const SCENARIOS: Record<string, FakeScenario> = {
  default: { name: 'Default', link: 's=c1.default', preset: 'default' },
  mm1: { name: 'M/M/1', link: 's=c1.mm1', preset: 'mm1' },
  flash: { name: 'Flash crowd', link: 's=c1.flash', preset: 'flash' },
};
/** A scenario with edits: only its link has it. */
export const EDITED: FakeScenario = { name: 'M/M/1 (two replicas)', link: 's=c1.mm1-two-replicas' };

function resolveSource(source: LoadSource): LoadResult {
  if ('preset' in source) {
    const s = SCENARIOS[source.preset];
    return s ? { ok: true, ...s, preset: source.preset } : { ok: false, errors: [{ path: 'preset', message: `unknown preset "${source.preset}"` }] };
  }
  if ('link' in source) {
    if (source.link === EDITED.link) return { ok: true, name: EDITED.name, link: EDITED.link };
    const s = Object.values(SCENARIOS).find((x) => x.link === source.link);
    return s ? { ok: true, ...s } : { ok: false, errors: [{ path: 'link', message: 'this link was made by a newer version' }] };
  }
  return { ok: false, errors: [{ path: '', message: 'documents are not used in these tests' }] };
}

// ------------------------------------------------------------------ workers

export interface FakeCall {
  method: string;
  args: unknown[];
  /** Answers the call (a held one) now. */
  answer: () => void;
  answered: boolean;
}

export interface FakeRemote extends LifecycleRemote {
  subscribe(): Promise<void>;
  /** A long call (a run to the end): answered when the test says so. */
  runToEnd(): Promise<void>;
}

/**
 * A worker. Alive and not hung, it answers every call at once, except the methods in `holds`
 * (answered when the test calls `answer()` on them). Hung or terminated, it answers nothing.
 */
export class FakeWorker implements WorkerHandle<FakeRemote> {
  readonly calls: FakeCall[] = [];
  terminated = false;
  released = false;
  /** Answers nothing (stuck in a loop, or dead without an event). */
  hung = false;
  /** Methods whose calls wait for the test. */
  readonly holds = new Set<string>();
  readonly remote: FakeRemote;

  constructor(
    readonly index: number,
    readonly bornAt: number,
    readonly events: WorkerEvents,
    private readonly world: World,
  ) {
    const call = <T>(method: string, args: unknown[], result: () => T): Promise<T> =>
      new Promise<T>((resolve) => {
        const c: FakeCall = {
          method,
          args,
          answered: false,
          answer: () => {
            if (c.answered || this.terminated || this.hung) return;
            c.answered = true;
            resolve(result());
          },
        };
        this.calls.push(c);
        if (!this.holds.has(method)) c.answer();
      });
    this.remote = {
      ping: () => call('ping', [], () => true),
      presets: () => call<PresetList>('presets', [], () => ({ presets: [], defaultPreset: world.defaultPreset })),
      load: (source) =>
        call<LoadResult>('load', [source], () => {
          const r = resolveSource(source);
          // The worker's snapshot with the new scenario reaches the console before the answer.
          if (r.ok) world.showLoaded({ name: r.name, link: r.link, ...(r.preset !== undefined ? { preset: r.preset } : {}) });
          return r;
        }),
      loadEdited: () => call<LoadResult>('loadEdited', [], () => ({ ok: false, errors: [{ path: '', message: 'not used' }] })),
      subscribe: () => call('subscribe', [], () => undefined),
      runToEnd: () => call('runToEnd', [], () => undefined),
    };
  }

  /** Free again after a hang: it answers what was asked meanwhile (except held calls). */
  unhang(): void {
    this.hung = false;
    for (const c of this.calls) if (!this.holds.has(c.method)) c.answer();
  }

  /** Killed without an event: nothing it was asked is ever answered. */
  kill(): void {
    this.terminated = true;
  }

  /** Its `error` event. */
  crash(message = 'out of memory'): void {
    this.terminated = true;
    this.events.crashed(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  release(): void {
    this.released = true;
  }

  /** The calls to `method` so far (their first arguments). */
  sent(method: string): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args[0]);
  }

  /** The calls to `method` still waiting for an answer. */
  waiting(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method && !c.answered);
  }
}

// ------------------------------------------------------------------ the console, the storage, the world

export function memoryStorage(): KeyValueStore & { writes: SavedScenario[] } {
  const map = new Map<string, string>();
  const writes: SavedScenario[] = [];
  return {
    writes,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      map.set(k, v);
      if (k === SAVE_KEY) writes.push(JSON.parse(v) as SavedScenario);
    },
  };
}

/** Everything a test drives and looks at. */
export class World {
  readonly clock = new FakeClock();
  readonly workers: FakeWorker[] = [];
  readonly storage = memoryStorage();
  defaultPreset = 'default';
  /** Store state. */
  scenario: LoadedRef | null = null;
  ready = false;
  busy: string | null = null;
  presetsListed = 0;
  runsCleared = 0;
  refocused = 0;
  offer: SavedScenario | null = null;
  notices: Array<Notice | null> = [];
  /** The clock's time at each notice. */
  noticeTimes: number[] = [];
  /** The address bar's link. */
  link = '';
  linksOpened = 0;
  linkListener: (() => void) | null = null;
  /** Methods every new worker holds from its birth. */
  holdOnNewWorkers = new Set<string>();
  /** Every new worker is hung from its birth. */
  hangNewWorkers = false;
  readonly lifecycle: WorkerLifecycle<FakeRemote, FakeWorker>;

  constructor(options: { timings?: Partial<HeartbeatTimings>; budget?: { max: number; windowMs: number } } = {}) {
    const port: ConsolePort = {
      view: () => ({ scenario: this.scenario, defaultPreset: this.defaultPreset, ready: this.ready, busy: this.busy }),
      setPresets: (list) => {
        this.presetsListed++;
        this.defaultPreset = list.defaultPreset;
      },
      clearRun: () => {
        this.runsCleared++;
        this.busy = null;
      },
      notice: (n) => {
        this.notices.push(n);
        this.noticeTimes.push(this.clock.time);
      },
      offer: (o) => {
        this.offer = o;
      },
      link: () => this.link,
      setLink: (f) => {
        this.link = f;
      },
      linkOpened: () => {
        this.linksOpened++;
      },
      refocus: () => {
        this.refocused++;
      },
      watchLinks: (l) => {
        this.linkListener = l;
      },
    };
    this.lifecycle = new WorkerLifecycle<FakeRemote, FakeWorker>({
      clock: this.clock,
      spawn: (events) => {
        const w = new FakeWorker(this.workers.length + 1, this.clock.time, events, this);
        for (const m of this.holdOnNewWorkers) w.holds.add(m);
        w.hung = this.hangNewWorkers;
        this.workers.push(w);
        return w;
      },
      subscribe: async (r) => {
        await r.subscribe();
      },
      dropSubscription: () => undefined,
      endSubscription: async () => undefined,
      storage: () => this.storage,
      console: port,
      ...(options.timings ? { timings: options.timings } : {}),
      ...(options.budget ? { budget: options.budget } : {}),
    });
  }

  showLoaded(s: LoadedRef): void {
    this.scenario = s;
    this.ready = true;
  }

  /** The worker in use now (null: none). */
  get current(): FakeWorker | null {
    return this.lifecycle.current();
  }

  /** The last banner (or the `i`th), in English: title, then its lines. */
  banner(i = this.notices.length - 1): string[] {
    const n = this.notices[i];
    return n ? [renderText(n.title, 'en'), ...n.messages.map((m) => renderText(m, 'en'))] : [];
  }

  saved(): SavedScenario | null {
    return readSavedScenario(this.storage);
  }

  /** Every load sent to any worker, in order, with the worker's number. */
  loads(): Array<{ worker: number; source: unknown }> {
    return this.workers.flatMap((w) => w.calls.filter((c) => c.method === 'load').map((c) => ({ worker: w.index, source: c.args[0] })));
  }

  /** Pastes a link into the address bar (the page's hashchange). */
  paste(link: string): void {
    this.link = link;
    this.linkListener?.();
  }
}
