/**
 * The simulation worker's lifecycle as seen from the page: starting a worker (through an injected
 * factory), watching it with a heartbeat (./heartbeat), the console's start-up (presets, then the
 * link in the address bar or the default with the offer to restore the autosave), the loads and
 * their autosave, and the recovery from a worker that crashed or hung: drop it, start a new one
 * (at most `budget.max` restarts within `budget.windowMs`, then none until a reload), and either
 * run the start-up again (it died while the console was starting) or reload the console's scenario.
 *
 * No browser in here: the clock and timers, the worker factory, the storage and the console's
 * state and banner come in as ports (`LifecycleDeps`), so the whole lifecycle is unit-tested with
 * fake workers on a hand-driven clock. The bridge (../bridge) wires it to real workers (Comlink),
 * the zustand stores and the address bar.
 */
import type { LoadResult, LoadSource, PresetList } from '../../workers/service';
import type { Notice } from '../store';
import { msg } from '../localText';
import { translate } from '../i18n/messages';
import { noticeMessages as nm } from '../notices.messages';
import { readSavedScenario, RestartBudget, saveScenario, type KeyValueStore, type SavedScenario } from '../recovery/savedScenario';
import { Heartbeat, trackedRemote, WorkerGoneError, type BusyKind, type HeartbeatTimings } from './heartbeat';
import { lifecycleMessages } from './messages';
import { afterStartupDefault, consoleIsFree, linkWaitsForStartUp, planRecovery, silenceKind, type LoadedRef } from './decisions';

/** The part of the worker's API the lifecycle itself calls (Comlink's remote has it). */
export interface LifecycleRemote {
  ping(): Promise<unknown>;
  presets(): Promise<PresetList>;
  load(source: LoadSource): Promise<LoadResult>;
  loadEdited(doc: unknown): Promise<LoadResult>;
}

/** How a worker reports to the lifecycle besides answering calls. */
export interface WorkerEvents {
  /** It failed (its `error` event); `message` may be empty. */
  crashed(message: string): void;
  /** A beat from inside a long call: busy, not dead. */
  beat(): void;
}

/** A started worker. */
export interface WorkerHandle<R> {
  /** Its API, untracked (the lifecycle tracks every call for the heartbeat). */
  readonly remote: R;
  terminate(): void;
  /** Frees the page's end of the connection (stop() only). */
  release?(): void;
}

export interface Clock {
  /** Monotonic milliseconds (heartbeat silences and the restart budget's window). */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** What the lifecycle reads of the console's state. */
export interface ConsoleView {
  scenario: LoadedRef | null;
  defaultPreset: string;
  ready: boolean;
  /** A long call in progress (non-null), or null. */
  busy: unknown;
}

/** The console as the lifecycle reads and changes it. */
export interface ConsolePort {
  view(): ConsoleView;
  setPresets(list: PresetList): void;
  /** A new worker starts: the old run's clock, busy flag and bookkeeping go. */
  clearRun(): void;
  notice(notice: Notice | null): void;
  /** The start-up offer to restore the autosave (null: withdrawn). */
  offer(saved: SavedScenario | null): void;
  /** The link in the address bar (without '#', trimmed). */
  link(): string;
  /** Replaces the link in the address bar (no reload). */
  setLink(fragment: string): void;
  /** A link was opened: the share box closes. */
  linkOpened(): void;
  /** After a reload on a new worker: the charts follow the selected service again. */
  refocus(): void;
  /** Calls `listener` on every change of the address bar's link (null: stop). */
  watchLinks(listener: (() => void) | null): void;
}

export interface LifecycleDeps<R extends LifecycleRemote, H extends WorkerHandle<R>> {
  clock: Clock;
  /** Starts a worker reporting through `events`. */
  spawn(events: WorkerEvents): H;
  /** A new worker's (tracked) API is ready: e.g. tell it the console's language. */
  spawned?(remote: R): void;
  /** Subscribes the console to the worker's snapshots. */
  subscribe(remote: R): Promise<void>;
  /** The worker died: its subscription is gone with it (nothing to call). */
  dropSubscription(): void;
  /** stop(): ends the subscription properly (the worker is alive). */
  endSubscription(): Promise<void>;
  /** Where the autosave lives (null: nowhere). */
  storage(): KeyValueStore | null;
  console: ConsolePort;
  timings?: Partial<HeartbeatTimings>;
  /** Restarts allowed within a window (default: 3 a minute). */
  budget?: { max: number; windowMs: number };
}

interface Slot<R, H> {
  handle: H;
  heartbeat: Heartbeat;
  /** `handle.remote` with every call tracked by `heartbeat`. */
  remote: R;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function issueLines(errors: ReadonlyArray<{ path: string; message: string }>): string[] {
  return errors.map((e) => (e.path === '' || e.path === 'link' ? e.message : `${e.path}: ${e.message}`));
}

/** Why a silent worker was judged dead, in the console's language. */
export function silenceText(ms: number, busy: BusyKind | null): string {
  return translate(lifecycleMessages, silenceKind(busy), { s: Math.round(ms / 1000) });
}

export class WorkerLifecycle<R extends LifecycleRemote, H extends WorkerHandle<R>> {
  private slot: Slot<R, H> | null = null;
  /** The restart budget ran out: no new worker until the page is reloaded (the banner says so). */
  private gaveUp = false;
  /** The console finished starting (presets listed, the first scenario opened) on some worker. */
  private startedUp = false;
  private started: Promise<void> | null = null;
  private recovering: Promise<void> | null = null;
  private readonly budget: RestartBudget;
  private spawnCount = 0;

  constructor(private readonly deps: LifecycleDeps<R, H>) {
    this.budget = new RestartBudget(deps.budget?.max ?? 3, deps.budget?.windowMs ?? 60_000);
  }

  // ---------------------------------------------------------------- the current worker

  /** The current worker's API, starting a worker when there is none; throws `WorkerGoneError` once the budget is spent. */
  api(): R {
    if (this.gaveUp) throw new WorkerGoneError();
    if (!this.slot) this.slot = this.spawn();
    return this.slot.remote;
  }

  private spawn(): Slot<R, H> {
    const { clock } = this.deps;
    // Filled in below; the callbacks only run later, and only the current worker's count.
    const self: { slot: Slot<R, H> | null } = { slot: null };
    const current = (): boolean => self.slot !== null && this.slot === self.slot;
    const handle = this.deps.spawn({
      crashed: (message) => {
        if (current()) void this.recover(message || translate(nm, 'workerCrashedUnknown'), self.slot);
      },
      beat: () => {
        if (current()) self.slot!.heartbeat.alive();
      },
    });
    this.spawnCount++;
    const heartbeat = new Heartbeat(
      {
        ping: () => handle.remote.ping(),
        onDead: (silence, busy) => {
          if (current()) void this.recover(silenceText(silence, busy), self.slot);
        },
        now: () => clock.now(),
        setTimer: (fn, ms) => clock.setTimer(fn, ms),
        clearTimer: (h) => clock.clearTimer(h),
      },
      this.deps.timings,
    );
    const slot: Slot<R, H> = { handle, heartbeat, remote: trackedRemote(handle.remote, heartbeat) };
    self.slot = slot;
    // Checked from its creation on: a worker that never comes up is found too (boot allowance).
    heartbeat.start();
    this.deps.spawned?.(slot.remote);
    return slot;
  }

  /** The current worker's handle (null: none now). */
  current(): H | null {
    return this.slot?.handle ?? null;
  }

  /** The current worker's API without starting one (null: none now). */
  currentRemote(): R | null {
    return this.slot?.remote ?? null;
  }

  /** Workers started since this lifecycle was made. */
  get workersStarted(): number {
    return this.spawnCount;
  }

  /** The restart budget is spent: no worker will be started again. */
  get exhausted(): boolean {
    return this.gaveUp;
  }

  get isRecovering(): boolean {
    return this.recovering !== null;
  }

  get isStartedUp(): boolean {
    return this.startedUp;
  }

  /** A sign of life outside a tracked answer (a snapshot). */
  alive(): void {
    this.slot?.heartbeat.alive();
  }

  /** Subscribes the console to the current worker (starting one if needed). */
  async subscribe(): Promise<void> {
    await this.deps.subscribe(this.api());
    // The worker is up and answering: from now on its silence counts.
    this.slot?.heartbeat.start();
  }

  // ---------------------------------------------------------------- loads

  /**
   * Loads a scenario; a successful load is autosaved (unless `autosave` is false: the start-up
   * default while a restore is offered). A worker that died under the call is thrown as a
   * `WorkerGoneError` (its recovery takes over); any other failure comes back as a failed load.
   */
  async loadOrGone(source: LoadSource, autosave = true, edited = false): Promise<LoadResult> {
    let r: LoadResult;
    try {
      r = edited && 'scenario' in source ? await this.api().loadEdited(source.scenario) : await this.api().load(source);
    } catch (e) {
      if (e instanceof WorkerGoneError) throw e;
      return { ok: false, errors: [{ path: '', message: translate(nm, 'noAnswer', { error: errorText(e) }) }] };
    }
    if (r.ok && autosave) {
      this.deps.console.offer(null);
      saveScenario(this.deps.storage(), r);
    }
    return r;
  }

  /** `loadOrGone`, with a worker that died under the call as a failed load too. */
  async load(source: LoadSource, autosave = true, edited = false): Promise<LoadResult> {
    try {
      return await this.loadOrGone(source, autosave, edited);
    } catch (e) {
      return { ok: false, errors: [{ path: '', message: translate(nm, 'noAnswer', { error: errorText(e) }) }] };
    }
  }

  private loadDefault(autosave = true): Promise<LoadResult> {
    return this.loadOrGone({ preset: this.deps.console.view().defaultPreset }, autosave);
  }

  /** A scenario file may be opened now (see `consoleIsFree`). */
  consoleFree(): boolean {
    return consoleIsFree(this.deps.console.view(), this.recovering !== null);
  }

  // ---------------------------------------------------------------- crash recovery

  /**
   * The worker died (an `error` event, or the heartbeat found it silent): drop it, start a new
   * one, and either start up again or reload the scenario the console had (in memory, else the
   * autosave, else the default preset), and say so in the error banner. The run starts again at
   * 0 s; the scenario, with every edit, is kept. `failed`: the worker that failed, when known.
   */
  private recover(reason: string, failed: Slot<R, H> | null = null): Promise<void> {
    if (this.recovering) {
      // The replacement itself failed while the recovery waits on it: give it up (the recovery's
      // waiting calls fail now and it ends with its banner), then recover once more; the restart
      // budget bounds the loop.
      if (failed !== null && failed === this.slot) {
        this.slot.heartbeat.abandon();
        return this.recovering.then(() => this.recover(reason, null));
      }
      return this.recovering;
    }
    this.recovering = this.runRecovery(reason).finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  private async runRecovery(reason: string): Promise<void> {
    const port = this.deps.console;
    const view = port.view();
    const current = view.scenario;
    const saved = readSavedScenario(this.deps.storage());
    const old = this.slot;
    this.slot = null;
    this.deps.dropSubscription();
    // Calls waiting on the old worker fail now (they would wait forever); the banner below says why.
    old?.heartbeat.abandon();
    old?.handle.terminate();
    const plan = planRecovery({ allowed: this.budget.allow(this.deps.clock.now()), startedUp: this.startedUp, current, saved, defaultPreset: view.defaultPreset });
    if (plan.kind === 'give-up') {
      // No more restarts until the page is reloaded; the scenario (with its edits) is in the autosave.
      this.gaveUp = true;
      port.notice({
        kind: 'error',
        title: msg(nm, 'workerKeepsFailing'),
        messages: [reason, plan.kept ? msg(lifecycleMessages, 'keptForReload', { name: plan.kept.name }) : msg(lifecycleMessages, 'nothingToKeep')],
      });
      return;
    }
    port.clearRun();
    try {
      await this.subscribe();
      if (plan.kind === 'start-up') {
        // It died while the console was starting: start up again on the new worker (presets, the
        // link or the default, the offer to restore the autosave).
        await this.startUp();
        const info = port.view().scenario;
        port.notice({
          kind: 'error',
          title: msg(nm, 'workerRestarted'),
          messages: [reason, info ? msg(lifecycleMessages, 'startedAgain', { name: info.name }) : msg(lifecycleMessages, 'startedEmpty')],
        });
        return;
      }
      const r = await this.load(plan.source);
      const name = r.ok ? r.name : (current?.name ?? saved?.name ?? msg(nm, 'theScenario'));
      if (r.ok) port.refocus();
      port.notice({
        kind: 'error',
        title: msg(nm, 'workerRestarted'),
        messages: [reason, r.ok ? msg(nm, 'workerReloaded', { name }) : msg(nm, 'workerNotReloaded', { name, issues: issueLines(r.errors).join('; ') })],
      });
    } catch (e) {
      port.notice({ kind: 'error', title: msg(nm, 'workerNotRestarted'), messages: [reason, errorText(e)] });
    }
  }

  // ---------------------------------------------------------------- start-up and links

  /**
   * Opens the scenario in the address bar. At start-up a bad link falls back to the default
   * preset; later (a pasted link) the current scenario stays. Either way the banner says what was
   * wrong.
   */
  private async openLink(initial: boolean): Promise<void> {
    const port = this.deps.console;
    const link = port.link();
    if (link === '') {
      if (initial) {
        // No link: open the default, and offer the last scenario (autosaved) when it was another one.
        const saved = readSavedScenario(this.deps.storage());
        const r = await this.loadDefault(false);
        if (!r.ok) {
          port.notice({ kind: 'error', title: msg(nm, 'defaultNotLoaded'), messages: issueLines(r.errors) });
        } else {
          const next = afterStartupDefault(saved, port.view().defaultPreset, r.link);
          if ('offer' in next) port.offer(next.offer);
          else saveScenario(this.deps.storage(), r);
        }
      }
      return;
    }
    const current = port.view().scenario;
    if (!initial && current && current.link === link) return; // our own link
    // A worker that dies under this load is thrown (not a failed load): its recovery takes over, and
    // at start-up it runs the start-up again with the link still in the address bar.
    const r = await this.loadOrGone({ link });
    if (r.ok) {
      port.linkOpened();
      return;
    }
    if (initial) {
      const fallback = await this.loadDefault();
      port.notice({ kind: 'error', title: fallback.ok ? msg(nm, 'linkFallback') : msg(nm, 'linkFailed'), messages: issueLines(r.errors) });
      if (fallback.ok) port.setLink('');
    } else {
      port.notice({ kind: 'error', title: msg(nm, 'linkKept'), messages: issueLines(r.errors) });
    }
  }

  /** The address bar's link changed (a pasted link). */
  readonly onLinkChange = (): void => {
    // During start-up the link is opened after it (start-up reads the address itself, and a link
    // that is already on screen is left alone), so the two loads cannot race.
    if (linkWaitsForStartUp(this.startedUp, this.started !== null) && this.started) {
      void this.started.then(() => this.openPastedLink());
      return;
    }
    this.openPastedLink();
  };

  private openPastedLink(): void {
    this.openLink(false).catch((e: unknown) => {
      // A worker that died under the load: its recovery keeps the current scenario and says so.
      if (!(e instanceof WorkerGoneError)) this.deps.console.notice({ kind: 'error', title: msg(nm, 'linkKept'), messages: [errorText(e)] });
    });
  }

  /** The start-up steps on the current (subscribed) worker: the preset list, then the link or the default. */
  private async startUp(): Promise<void> {
    const list = await this.api().presets();
    this.deps.console.setPresets(list);
    await this.openLink(true);
    this.startedUp = true;
  }

  /**
   * Starts the worker, subscribes, and opens the link in the address bar (or the default preset).
   * Idempotent. A worker that dies during start-up is recovered like any other, and its recovery
   * runs the start-up again on the new worker; links pasted meanwhile are heard from the first moment.
   */
  start(): Promise<void> {
    if (!this.started) {
      this.started = (async () => {
        this.deps.console.watchLinks(this.onLinkChange);
        try {
          await this.subscribe();
          await this.startUp();
        } catch (e) {
          if (e instanceof WorkerGoneError) {
            await this.recovering;
            return;
          }
          this.deps.console.notice({ kind: 'error', title: msg(nm, 'startFailed'), messages: [errorText(e)] });
        }
      })();
    }
    return this.started;
  }

  /** For tests and hot reload: drop the subscription and the worker; a later start() begins afresh. */
  async stop(): Promise<void> {
    this.deps.console.watchLinks(null);
    await this.deps.endSubscription();
    const slot = this.slot;
    this.slot = null;
    slot?.heartbeat.abandon();
    slot?.handle.release?.();
    slot?.handle.terminate();
    this.started = null;
    this.startedUp = false;
    this.gaveUp = false;
  }
}
