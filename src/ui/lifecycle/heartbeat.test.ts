import { describe, expect, it } from 'vitest';
import { Heartbeat, isBeat, SIM_CALL_KINDS, trackedRemote, WorkerGoneError, type BusyKind, type HeartbeatTimings } from './heartbeat';

const T: HeartbeatTimings = { intervalMs: 1000, idleMs: 5000, beatingMs: 20_000, silentMs: 120_000, runsMs: 600_000, stallMs: 1500 };

/** A heartbeat on a hand-driven clock: `advance` moves time and runs the checks that fall due. */
function rig(answer: 'never' | 'always' = 'never') {
  let now = 0;
  let pending: { fn: () => void; at: number } | null = null;
  let pings = 0;
  const pingResolvers: Array<() => void> = [];
  const deaths: Array<{ silence: number; busy: BusyKind | null }> = [];
  const hb = new Heartbeat(
    {
      ping: () => {
        pings++;
        if (answer === 'always') return Promise.resolve(1);
        return new Promise<unknown>((resolve) => pingResolvers.push(() => resolve(1)));
      },
      onDead: (silence, busy) => deaths.push({ silence, busy }),
      now: () => now,
      setTimer: (fn, ms) => {
        pending = { fn, at: now + ms };
        return pending;
      },
      clearTimer: (h) => {
        if (pending === h) pending = null;
      },
    },
    T,
  );
  /** Moves the clock by `ms`, running due checks on time (the page is responsive). */
  const advance = async (ms: number) => {
    const end = now + ms;
    while (pending && pending.at <= end) {
      now = pending.at;
      const p = pending;
      pending = null;
      p.fn();
      await Promise.resolve();
      await Promise.resolve();
    }
    now = end;
  };
  /** The page stalls for `ms`: the due check runs only afterwards. */
  const stall = async (ms: number) => {
    now += ms;
    const p = pending;
    pending = null;
    p?.fn();
    await Promise.resolve();
  };
  return { hb, advance, stall, deaths, pings: () => pings, answerPings: () => pingResolvers.splice(0).forEach((r) => r()), setNow: (t: number) => (now = t) };
}

describe('Heartbeat', () => {
  it('declares a worker that never answers dead once it has been silent longer than the idle allowance', async () => {
    const r = rig('never');
    r.hb.start();
    await r.advance(5000);
    expect(r.deaths).toEqual([]);
    await r.advance(1000);
    expect(r.deaths).toHaveLength(1);
    expect(r.deaths[0]!.silence).toBe(6000);
    expect(r.deaths[0]!.busy).toBeNull();
    expect(r.hb.isDead).toBe(true);
    // Only one ping was outstanding at a time, and nothing is judged twice.
    expect(r.pings()).toBe(1);
    await r.advance(60_000);
    expect(r.deaths).toHaveLength(1);
  });

  it('keeps a worker that answers its pings alive indefinitely', async () => {
    const r = rig('always');
    r.hb.start();
    await r.advance(10 * 60_000);
    expect(r.deaths).toEqual([]);
    expect(r.pings()).toBeGreaterThan(500);
  });

  it('counts snapshots and beats as signs of life even when pings queue behind work', async () => {
    const r = rig('never');
    r.hb.start();
    for (let i = 0; i < 30; i++) {
      await r.advance(3000);
      r.hb.alive();
    }
    expect(r.deaths).toEqual([]);
  });

  it('gives a beating call (run to the end) more room, but still finds a hang inside it', async () => {
    const r = rig('never');
    r.hb.start();
    let finish!: () => void;
    const call = r.hb.track('beating', new Promise<void>((res) => (finish = res)));
    // Beats every 2 s for a minute: far past the idle allowance, no verdict.
    for (let i = 0; i < 30; i++) {
      await r.advance(2000);
      r.hb.alive();
    }
    expect(r.deaths).toEqual([]);
    expect(r.hb.allowance()).toBe(T.beatingMs);
    finish();
    await call;
    expect(r.hb.allowance()).toBe(T.idleMs);

    // A second run to the end that stops beating: dead after the beating allowance, not the idle one.
    void r.hb.track('beating', new Promise<void>(() => undefined));
    await r.advance(T.idleMs + 2000);
    expect(r.deaths).toEqual([]);
    await r.advance(T.beatingMs);
    expect(r.deaths).toHaveLength(1);
    expect(r.deaths[0]!.busy).toBe('beating');
  });

  it('waits out a silent call (a big load) up to its ceiling', async () => {
    const r = rig('never');
    r.hb.start();
    let finish!: (v: string) => void;
    const call = r.hb.track('silent', new Promise<string>((res) => (finish = res)));
    await r.advance(T.silentMs - 1000);
    expect(r.deaths).toEqual([]);
    finish('loaded');
    await expect(call).resolves.toBe('loaded');
    // The answer itself is a sign of life: a fresh idle allowance from now.
    await r.advance(T.idleMs - 1000);
    expect(r.deaths).toEqual([]);
    void r.hb.track('silent', new Promise<void>(() => undefined));
    await r.advance(T.silentMs + 2000);
    expect(r.deaths).toHaveLength(1);
    expect(r.deaths[0]!.busy).toBe('silent');
  });

  it('a call running whole simulations has the longest allowance, and wins over shorter ones in flight', async () => {
    const r = rig('never');
    r.hb.start();
    void r.hb.track('beating', new Promise<void>(() => undefined));
    void r.hb.track('runs', new Promise<void>(() => undefined));
    expect(r.hb.busy()).toBe('runs');
    await r.advance(T.runsMs - 1000);
    expect(r.deaths).toEqual([]);
    await r.advance(3000);
    expect(r.deaths).toHaveLength(1);
    expect(r.deaths[0]!.busy).toBe('runs');
    expect(SIM_CALL_KINDS.applyAndRerun).toBe('runs');
  });

  it('a rejected call is an answer too, and frees its allowance', async () => {
    const r = rig('never');
    r.hb.start();
    const call = r.hb.track('silent', Promise.reject(new Error('bad scenario')));
    await expect(call).rejects.toThrow('bad scenario');
    expect(r.hb.allowance()).toBe(T.idleMs);
  });

  it('does not blame the worker for a page that stalled: a late check starts a fresh allowance', async () => {
    const r = rig('never');
    r.hb.start();
    // The page sleeps for ten minutes (a laptop lid, a throttled background tab): the check runs late.
    await r.stall(10 * 60_000);
    expect(r.deaths).toEqual([]);
    // The worker then answers: nothing happens.
    r.answerPings();
    await r.advance(3000);
    expect(r.deaths).toEqual([]);
    // But a worker that stays silent after the page woke up is found as usual.
    await r.advance(T.idleMs);
    expect(r.deaths).toHaveLength(1);
  });

  it('stop() ends the checks', async () => {
    const r = rig('never');
    r.hb.start();
    r.hb.stop();
    await r.advance(60_000);
    expect(r.deaths).toEqual([]);
  });
});

describe('trackedRemote', () => {
  it('tracks every call (answers are signs of life) and widens the allowance for long calls', async () => {
    let now = 0;
    const hb = new Heartbeat({ ping: () => Promise.resolve(), onDead: () => undefined, now: () => now, setTimer: () => 0, clearTimer: () => undefined }, T);
    let release!: () => void;
    const sym = Symbol('release');
    const target = {
      runToEnd: () => new Promise<string>((res) => (release = () => res('done'))),
      play: () => 'ok',
      [sym]: 'kept',
    };
    const r = trackedRemote(target, hb, SIM_CALL_KINDS);
    expect(r[sym]).toBe('kept');
    const p = r.runToEnd();
    expect(hb.allowance()).toBe(T.beatingMs);
    expect(hb.busy()).toBe('beating');
    now = 4000;
    release();
    await expect(p).resolves.toBe('done');
    expect(hb.allowance()).toBe(T.idleMs);
    now = 7000;
    await expect(r.play() as unknown as Promise<string>).resolves.toBe('ok');
  });

  it('knows which calls are long', () => {
    expect(SIM_CALL_KINDS.runToEnd).toBe('beating');
    expect(SIM_CALL_KINDS.load).toBe('silent');
    expect(SIM_CALL_KINDS.play).toBeUndefined();
    expect(isBeat({ cumuloBeat: true })).toBe(true);
    expect(isBeat({ id: 'x' })).toBe(false);
    expect(isBeat(null)).toBe(false);
  });
});

describe('Heartbeat.abandon', () => {
  it('fails the calls still waiting on a dead worker, so nothing waits forever', async () => {
    const hb = new Heartbeat({ ping: () => new Promise(() => undefined), onDead: () => undefined, now: () => 0, setTimer: () => 0, clearTimer: () => undefined }, T);
    hb.start();
    const stuck = hb.track('beating', new Promise<string>(() => undefined));
    let answer!: (v: string) => void;
    const late = hb.track(null, new Promise<string>((res) => (answer = res)));
    hb.abandon();
    await expect(stuck).rejects.toBeInstanceOf(WorkerGoneError);
    await expect(late).rejects.toBeInstanceOf(WorkerGoneError);
    // A late answer after abandon changes nothing; new calls fail at once.
    answer('too late');
    await expect(hb.track(null, Promise.resolve(1))).rejects.toBeInstanceOf(WorkerGoneError);
  });
});
