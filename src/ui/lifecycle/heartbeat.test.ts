import { describe, expect, it } from 'vitest';
import { Heartbeat, isBeat, trackedRemote, WorkerGoneError, type BusyKind, type HeartbeatTimings } from './heartbeat';

const T: HeartbeatTimings = { intervalMs: 1000, bootMs: 30_000, idleMs: 5000, busyMs: 12_000, stallMs: 1500 };

/** A heartbeat on a hand-driven clock: `advance` moves time and runs the checks that fall due. */
function rig(answer: 'never' | 'always' = 'never', booted = true) {
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
  // Most tests start from a worker that is up (it answered once).
  if (booted) hb.alive();
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

  it('gives a worker that is starting up the boot allowance, then the idle one once it answered', async () => {
    const r = rig('never', false);
    r.hb.start();
    expect(r.hb.busy()).toBe('boot');
    await r.advance(T.bootMs - 1000);
    expect(r.deaths).toEqual([]);
    r.hb.alive(); // its module loaded and it answered
    expect(r.hb.busy()).toBeNull();
    await r.advance(T.idleMs + 1000);
    expect(r.deaths).toHaveLength(1);
    expect(r.deaths[0]!.busy).toBeNull();

    // One that never comes up is found after the boot allowance.
    const r2 = rig('never', false);
    r2.hb.start();
    await r2.advance(T.bootMs + 1000);
    expect(r2.deaths).toHaveLength(1);
    expect(r2.deaths[0]!.busy).toBe('boot');
  });

  it('a call in flight allows one slice of silence: a long call that beats lives on, one that stops beating is found in seconds', async () => {
    const r = rig('never');
    r.hb.start();
    let finish!: () => void;
    const call = r.hb.track(new Promise<void>((res) => (finish = res)));
    expect(r.hb.allowance()).toBe(T.busyMs);
    // A call beating every 2 s for ten minutes (a re-run of a three-day scenario): no verdict.
    for (let i = 0; i < 300; i++) {
      await r.advance(2000);
      r.hb.alive();
    }
    expect(r.deaths).toEqual([]);
    finish();
    await call;
    expect(r.hb.allowance()).toBe(T.idleMs);

    // A call that stops beating (a hang inside it): dead after the busy allowance, not later.
    void r.hb.track(new Promise<void>(() => undefined));
    await r.advance(T.busyMs - 1000);
    expect(r.deaths).toEqual([]);
    await r.advance(3000);
    expect(r.deaths).toHaveLength(1);
    expect(r.deaths[0]!.busy).toBe('call');
    expect(r.deaths[0]!.silence).toBeLessThanOrEqual(T.busyMs + 2000);
  });

  it('a quick call that blocks longer than the idle allowance is not a hang yet: any call in flight gets the slice allowance', async () => {
    const r = rig('never');
    r.hb.start();
    let finish!: (v: string) => void;
    const call = r.hb.track(new Promise<string>((res) => (finish = res)));
    await r.advance(T.idleMs + 3000);
    expect(r.deaths).toEqual([]);
    finish('answered');
    await expect(call).resolves.toBe('answered');
    // The answer itself is a sign of life: a fresh idle allowance from now.
    await r.advance(T.idleMs - 1000);
    expect(r.deaths).toEqual([]);
  });

  it('a rejected call is an answer too, and frees its allowance', async () => {
    const r = rig('never');
    r.hb.start();
    const call = r.hb.track(Promise.reject(new Error('bad scenario')));
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
  it('tracks every call (answers are signs of life; the busy allowance holds while one is in flight)', async () => {
    let now = 0;
    const hb = new Heartbeat({ ping: () => Promise.resolve(), onDead: () => undefined, now: () => now, setTimer: () => 0, clearTimer: () => undefined }, T);
    hb.alive();
    let release!: () => void;
    const sym = Symbol('release');
    const target = {
      runToEnd: () => new Promise<string>((res) => (release = () => res('done'))),
      play: () => 'ok',
      [sym]: 'kept',
    };
    const r = trackedRemote(target, hb);
    expect(r[sym]).toBe('kept');
    const p = r.runToEnd();
    expect(hb.allowance()).toBe(T.busyMs);
    expect(hb.busy()).toBe('call');
    now = 4000;
    release();
    await expect(p).resolves.toBe('done');
    expect(hb.allowance()).toBe(T.idleMs);
    now = 7000;
    await expect(r.play() as unknown as Promise<string>).resolves.toBe('ok');
  });

  it('recognises beats', () => {
    expect(isBeat({ cumuloBeat: true })).toBe(true);
    expect(isBeat({ id: 'x' })).toBe(false);
    expect(isBeat(null)).toBe(false);
  });
});

describe('Heartbeat.abandon', () => {
  it('fails the calls still waiting on a dead worker, so nothing waits forever', async () => {
    const hb = new Heartbeat({ ping: () => new Promise(() => undefined), onDead: () => undefined, now: () => 0, setTimer: () => 0, clearTimer: () => undefined }, T);
    hb.start();
    const stuck = hb.track(new Promise<string>(() => undefined));
    let answer!: (v: string) => void;
    const late = hb.track(new Promise<string>((res) => (answer = res)));
    hb.abandon();
    await expect(stuck).rejects.toBeInstanceOf(WorkerGoneError);
    await expect(late).rejects.toBeInstanceOf(WorkerGoneError);
    // A late answer after abandon changes nothing; new calls fail at once.
    answer('too late');
    await expect(hb.track(Promise.resolve(1))).rejects.toBeInstanceOf(WorkerGoneError);
  });
});
