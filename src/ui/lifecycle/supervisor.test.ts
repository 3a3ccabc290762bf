import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { langStore } from '../i18n/lang';
import { saveScenario } from '../recovery/savedScenario';
import { WorkerGoneError } from './heartbeat';
import { EDITED, SCENARIOS, settle, World } from './testRig';

const RESTARTED = 'The simulation worker crashed and was restarted';
const RELOADED = `"${EDITED.name}" was reloaded with all its edits; the run starts again at 0 s.`;
const KEEPS_FAILING = 'The simulation worker keeps failing; reload the page';

beforeAll(() => {
  langStore.setState({ lang: 'en' });
});

/** A console started on the default, then the edited scenario loaded (and autosaved). */
async function running(world = new World()): Promise<World> {
  await world.lifecycle.start();
  const r = await world.lifecycle.load({ link: EDITED.link });
  expect(r.ok).toBe(true);
  return world;
}

describe('start-up', () => {
  it('without a link opens the default and autosaves it', async () => {
    const w = new World();
    await w.lifecycle.start();
    expect(w.loads()).toEqual([{ worker: 1, source: { preset: 'default' } }]);
    expect(w.saved()?.link).toBe(SCENARIOS.default!.link);
    expect(w.offer).toBeNull();
    expect(w.notices).toEqual([]);
    expect(w.lifecycle.isStartedUp).toBe(true);
  });

  it('with another scenario autosaved offers it back and does not overwrite it with the default', async () => {
    const w = new World();
    saveScenario(w.storage, EDITED);
    await w.lifecycle.start();
    expect(w.offer?.link).toBe(EDITED.link);
    expect(w.storage.writes).toHaveLength(1);
    expect(w.saved()?.link).toBe(EDITED.link);
  });

  it('a bad link falls back to the default, says so and clears the address bar', async () => {
    const w = new World();
    w.link = 's=c9.later';
    await w.lifecycle.start();
    expect(w.loads().map((l) => l.source)).toEqual([{ link: 's=c9.later' }, { preset: 'default' }]);
    expect(w.banner()).toEqual(['The scenario link could not be opened; the default scenario was loaded instead', 'this link was made by a newer version']);
    expect(w.link).toBe('');
  });
});

describe('a worker that dies while the start-up link loads', () => {
  it('(error event) is replaced; the start-up runs again and loads the link, never the default over it', async () => {
    const w = new World();
    saveScenario(w.storage, SCENARIOS.mm1!); // the user's last scenario, from an earlier visit
    w.link = EDITED.link;
    w.holdOnNewWorkers.add('load');
    const started = w.lifecycle.start();
    await settle();
    expect(w.workers[0]!.waiting('load').map((c) => c.args[0])).toEqual([{ link: EDITED.link }]);
    w.holdOnNewWorkers.clear();

    w.workers[0]!.crash('boom');
    await started;

    expect(w.workers).toHaveLength(2);
    expect(w.workers[0]!.terminated).toBe(true);
    // The whole start-up again on the new worker: presets, then the link still in the address bar.
    expect(w.workers[1]!.sent('presets')).toHaveLength(1);
    expect(w.presetsListed).toBe(2);
    expect(w.loads()).toEqual([
      { worker: 1, source: { link: EDITED.link } },
      { worker: 2, source: { link: EDITED.link } },
    ]);
    // The only autosave since is the link's scenario: the default was neither loaded nor saved.
    expect(w.storage.writes.slice(1).map((s) => s.link)).toEqual([EDITED.link]);
    expect(w.scenario?.link).toBe(EDITED.link);
    expect(w.link).toBe(EDITED.link);
    expect(w.banner()).toEqual([RESTARTED, 'boom', `The console started again with "${EDITED.name}".`]);
    expect(w.lifecycle.isStartedUp).toBe(true);
    // The link listener was registered once and still works: a pasted link opens on the new worker.
    w.paste(SCENARIOS.flash!.link);
    await settle();
    expect(w.scenario?.name).toBe('Flash crowd');
  });

  it('(killed, no event) is found after the busy allowance, 20 s, and recovered the same way', async () => {
    const w = new World();
    w.link = EDITED.link;
    w.holdOnNewWorkers.add('load');
    const started = w.lifecycle.start();
    await settle();
    w.holdOnNewWorkers.clear();
    w.workers[0]!.kill();
    await w.clock.advance(21_999);
    expect(w.workers).toHaveLength(1);
    await w.clock.advance(1);
    await started;
    expect(w.workers).toHaveLength(2);
    expect(w.banner()).toEqual([RESTARTED, 'it stopped answering while working on a request: no sign of life for 22 s', `The console started again with "${EDITED.name}".`]);
    expect(w.loads().map((l) => l.source)).toEqual([{ link: EDITED.link }, { link: EDITED.link }]);
    expect(w.saved()?.link).toBe(EDITED.link);
  });

  it('while the default loads, the start-up again still offers the autosave and keeps it', async () => {
    const w = new World();
    saveScenario(w.storage, EDITED);
    w.holdOnNewWorkers.add('load');
    const started = w.lifecycle.start();
    await settle();
    w.holdOnNewWorkers.clear();
    w.workers[0]!.crash('boom');
    await started;
    expect(w.workers).toHaveLength(2);
    expect(w.offer?.link).toBe(EDITED.link);
    expect(w.storage.writes).toHaveLength(1);
    expect(w.banner()).toEqual([RESTARTED, 'boom', 'The console started again with "Default".']);
  });
});

describe('a worker that dies mid-run', () => {
  it('is replaced; calls waiting on it fail; the scenario with its edits is reloaded (not started up again)', async () => {
    const w = await running();
    w.workers[0]!.holds.add('runToEnd');
    const run = w.lifecycle.api().runToEnd();
    w.busy = 'Running to the end…';
    expect(w.lifecycle.consoleFree()).toBe(false);

    w.workers[0]!.crash('out of memory');
    await expect(run).rejects.toBeInstanceOf(WorkerGoneError);
    await settle();

    expect(w.workers).toHaveLength(2);
    expect(w.runsCleared).toBe(1);
    expect(w.busy).toBeNull();
    expect(w.workers[1]!.sent('presets')).toEqual([]);
    expect(w.workers[1]!.sent('load')).toEqual([{ link: EDITED.link }]);
    expect(w.refocused).toBe(1);
    expect(w.banner()).toEqual([RESTARTED, 'out of memory', RELOADED]);
    expect(w.saved()?.link).toBe(EDITED.link);
    expect(w.lifecycle.consoleFree()).toBe(true);
    // The dead worker's late events are ignored.
    w.workers[0]!.events.crashed('late');
    await settle();
    expect(w.workers).toHaveLength(2);
  });

  it('an error event without a message gets a generic reason', async () => {
    const w = await running();
    w.workers[0]!.crash('');
    await settle();
    expect(w.banner()[1]).toBe('the worker could not start or crashed (see the browser console)');
  });

  it('says so when the new worker cannot load the scenario', async () => {
    const w = new World();
    await w.lifecycle.start();
    w.showLoaded({ name: 'Gone', link: 's=c9.unknown' });
    w.workers[0]!.crash('boom');
    await settle();
    expect(w.banner()).toEqual([RESTARTED, 'boom', '"Gone" could not be reloaded: this link was made by a newer version']);
  });
});

describe('hang detection: one allowance per state', () => {
  it('boot: a worker that never comes up is given up after 30 s', async () => {
    const w = new World();
    w.hangNewWorkers = true;
    const started = w.lifecycle.start();
    await settle();
    w.hangNewWorkers = false;
    await w.clock.advance(30_000);
    expect(w.workers).toHaveLength(1);
    await w.clock.advance(2_000);
    await started;
    expect(w.workers).toHaveLength(2);
    expect(w.banner()).toEqual([RESTARTED, 'it did not start: no sign of life for 32 s after it was created', 'The console started again with "Default".']);
  });

  it('idle: a worker silent for more than 8 s with nothing asked is dead', async () => {
    const w = await running();
    w.workers[0]!.hung = true;
    await w.clock.advance(9_999);
    expect(w.workers).toHaveLength(1);
    await w.clock.advance(1);
    await settle();
    expect(w.workers).toHaveLength(2);
    expect(w.banner()).toEqual([RESTARTED, 'it stopped answering: no sign of life for 10 s (it may have been killed, run out of memory or be stuck in a loop)', RELOADED]);
  });

  it('busy: a long call that beats lives on however long it runs; once the beats stop, 20 s', async () => {
    const w = await running();
    const worker = w.workers[0]!;
    worker.holds.add('runToEnd');
    const run = w.lifecycle.api().runToEnd();
    const outcome = run.then(
      () => 'answered',
      (e: unknown) => e,
    );
    worker.hung = true; // busy inside the call: pings wait
    w.clock.onTick = () => worker.events.beat();
    await w.clock.advance(60_000);
    expect(w.workers).toHaveLength(1);
    w.clock.onTick = null; // killed mid-run: the beats stop at 60 s
    await w.clock.advance(21_999);
    expect(w.workers).toHaveLength(1);
    await w.clock.advance(1);
    expect(await outcome).toBeInstanceOf(WorkerGoneError);
    await settle();
    expect(w.workers).toHaveLength(2);
    expect(w.banner()[1]).toBe('it stopped answering while working on a request: no sign of life for 22 s');
  });

  it('busy: one slice of 19 s without a beat is not a hang', async () => {
    const w = await running();
    const worker = w.workers[0]!;
    worker.holds.add('runToEnd');
    const run = w.lifecycle.api().runToEnd();
    worker.hung = true;
    await w.clock.advance(19_000);
    worker.unhang();
    worker.waiting('runToEnd')[0]!.answer();
    await run;
    await w.clock.advance(60_000);
    expect(w.workers).toHaveLength(1);
    expect(w.notices).toEqual([]);
  });

  it('the old worker\'s beats do not keep its replacement alive, nor do they count after it is replaced', async () => {
    const w = await running();
    const old = w.workers[0]!;
    old.crash('boom');
    await settle();
    const replacement = w.workers[1]!;
    replacement.hung = true;
    w.clock.onTick = () => old.events.beat();
    await w.clock.advance(10_000);
    w.clock.onTick = null;
    await settle();
    expect(w.workers).toHaveLength(3);
    expect(w.banner()[1]).toMatch(/^it stopped answering: no sign of life for 10 s/);
  });
});

describe('the restart budget: 3 restarts a minute', () => {
  it('a 4th crash within the minute starts no worker: a banner says the scenario is kept for a reload', async () => {
    const w = await running();
    for (let i = 1; i <= 3; i++) {
      await w.clock.advance(10_000);
      w.current!.crash(`crash ${i}`);
      await settle();
      expect(w.workers).toHaveLength(i + 1);
      expect(w.banner()).toEqual([RESTARTED, `crash ${i}`, RELOADED]);
    }
    await w.clock.advance(10_000);
    w.current!.crash('crash 4');
    await settle();
    expect(w.workers).toHaveLength(4);
    expect(w.workers.every((x) => x.terminated)).toBe(true);
    expect(w.current).toBeNull();
    expect(w.lifecycle.exhausted).toBe(true);
    expect(w.banner()).toEqual([KEEPS_FAILING, 'crash 4', `"${EDITED.name}", with all its edits, is kept in this browser: reload the page to get it back.`]);
    expect(w.saved()?.link).toBe(EDITED.link);
    // Nothing starts a worker any more, not even after the minute has passed.
    expect(() => w.lifecycle.api()).toThrow(WorkerGoneError);
    const r = await w.lifecycle.load({ preset: 'mm1' });
    expect(r.ok).toBe(false);
    await w.clock.advance(120_000);
    expect(() => w.lifecycle.api()).toThrow(WorkerGoneError);
    expect(w.workers).toHaveLength(4);
    expect(w.saved()?.link).toBe(EDITED.link);
  });

  it('workers that die at every start-up exhaust it too; with nothing opened the banner says to reload', async () => {
    const w = new World();
    w.holdOnNewWorkers.add('presets');
    const started = w.lifecycle.start();
    await settle();
    for (let i = 0; i < 4; i++) {
      w.current!.crash(`crash ${i + 1}`);
      await settle();
    }
    await started;
    expect(w.workers).toHaveLength(4);
    expect(w.lifecycle.exhausted).toBe(true);
    expect(w.banner()).toEqual([KEEPS_FAILING, 'crash 4', 'No scenario had been opened yet: reload the page to start again.']);
    expect(w.loads()).toEqual([]);
    expect(w.storage.writes).toEqual([]);
  });

  it('restarts again once the first of the three is more than a minute old', async () => {
    const w = await running();
    const crashAt = async (t: number, reason: string) => {
      await w.clock.advance(t - w.clock.time);
      w.current!.crash(reason);
      await settle();
    };
    await crashAt(1_000, 'a');
    await crashAt(11_000, 'b');
    await crashAt(21_000, 'c');
    expect(w.workers).toHaveLength(4);
    await crashAt(61_001, 'd');
    expect(w.workers).toHaveLength(5);
    expect(w.lifecycle.exhausted).toBe(false);
    expect(w.banner()).toEqual([RESTARTED, 'd', RELOADED]);
    expect(w.workers[4]!.sent('load')).toEqual([{ link: EDITED.link }]);
    // The window slides: b, c and d are within a minute of 70 s, so a crash then is refused.
    await crashAt(70_000, 'e');
    expect(w.workers).toHaveLength(5);
    expect(w.lifecycle.exhausted).toBe(true);
  });

  it('property: never more than 3 restarts in any 60 s window, and a crash is refused only when 3 fell within the minute before', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 40_000 }), duringRecovery: fc.boolean() }), { minLength: 1, maxLength: 9 }),
        async (steps) => {
          const w = await running();
          for (const step of steps) {
            if (!step.duringRecovery) {
              await w.clock.advance(step.gap);
              await settle();
            }
            const cur = w.current;
            if (!cur || cur.terminated) continue;
            cur.crash();
          }
          await settle();
          await w.clock.advance(1_000);
          const born = w.workers.slice(1).map((x) => x.bornAt);
          for (const t of born) expect(born.filter((b) => b >= t && b <= t + 60_000).length).toBeLessThanOrEqual(3);
          if (w.lifecycle.exhausted) {
            // Refused at T: exactly the budget's 3 restarts fell within [T − 60 s, T].
            const i = w.notices.findIndex((_, k) => w.banner(k)[0] === KEEPS_FAILING);
            const refusedAt = w.noticeTimes[i]!;
            expect(born.filter((b) => b >= refusedAt - 60_000 && b <= refusedAt)).toHaveLength(3);
            expect(born.every((b) => b <= refusedAt)).toBe(true);
            expect(w.current).toBeNull();
          } else {
            // Otherwise the console ends on a live worker with the edited scenario.
            expect(w.current?.terminated).toBe(false);
            expect(w.scenario?.link).toBe(EDITED.link);
            expect(w.banner()).toEqual([RESTARTED, 'out of memory', RELOADED]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('a replacement that dies during its recovery', () => {
  it.each(['error event', 'silence'] as const)('(%s) is given up, the recovery recovers once more; the edits survive', async (how) => {
    const w = await running();
    w.holdOnNewWorkers.add('load');
    w.workers[0]!.crash('first');
    await settle();
    expect(w.workers).toHaveLength(2);
    expect(w.workers[1]!.waiting('load')).toHaveLength(1);
    expect(w.lifecycle.isRecovering).toBe(true);
    w.holdOnNewWorkers.clear();

    if (how === 'error event') w.workers[1]!.crash('second');
    else {
      w.workers[1]!.kill();
      await w.clock.advance(22_000);
    }
    await settle();

    expect(w.workers).toHaveLength(3);
    expect(w.workers[1]!.terminated).toBe(true);
    expect(w.workers[2]!.sent('load')).toEqual([{ link: EDITED.link }]);
    expect(w.lifecycle.isRecovering).toBe(false);
    // The first recovery ended with its own banner (its reload was cut off), then the second one's.
    const banners = w.notices.map((_, i) => w.banner(i));
    expect(banners).toContainEqual([RESTARTED, 'first', `"${EDITED.name}" could not be reloaded: the simulation worker did not answer: the simulation worker stopped and was replaced before it answered`]);
    const second = how === 'error event' ? 'second' : 'it stopped answering while working on a request: no sign of life for 22 s';
    expect(w.banner()).toEqual([RESTARTED, second, RELOADED]);
    expect(w.saved()?.link).toBe(EDITED.link);
    expect(w.scenario?.link).toBe(EDITED.link);
  });
});

describe('loads that wait for the console', () => {
  it('a link pasted during start-up waits for it: start-up reads the address itself and the link loads once', async () => {
    const w = new World();
    w.holdOnNewWorkers.add('presets');
    const started = w.lifecycle.start();
    await settle();
    w.paste(EDITED.link);
    await settle();
    expect(w.loads()).toEqual([]);
    w.workers[0]!.waiting('presets')[0]!.answer();
    await started;
    await settle();
    expect(w.loads()).toEqual([{ worker: 1, source: { link: EDITED.link } }]);
    expect(w.scenario?.link).toBe(EDITED.link);
  });

  it('a link pasted while start-up loads the default opens after it', async () => {
    const w = new World();
    w.holdOnNewWorkers.add('load');
    const started = w.lifecycle.start();
    await settle();
    w.paste(EDITED.link);
    await settle();
    expect(w.loads().map((l) => l.source)).toEqual([{ preset: 'default' }]);
    w.workers[0]!.holds.clear();
    w.workers[0]!.waiting('load')[0]!.answer();
    await started;
    await settle();
    expect(w.loads().map((l) => l.source)).toEqual([{ preset: 'default' }, { link: EDITED.link }]);
    expect(w.scenario?.link).toBe(EDITED.link);
    expect(w.storage.writes.map((s) => s.link)).toEqual([SCENARIOS.default!.link, EDITED.link]);
    expect(w.linksOpened).toBe(1);
  });

  it('a bad pasted link keeps the scenario on screen', async () => {
    const w = await running();
    w.paste('s=c9.later');
    await settle();
    expect(w.scenario?.link).toBe(EDITED.link);
    expect(w.banner()).toEqual(['The scenario link could not be opened; the current scenario is still loaded', 'this link was made by a newer version']);
  });

  it('a scenario file may not load while the console starts, recovers or runs a long call', async () => {
    const w = new World();
    w.holdOnNewWorkers.add('load');
    const started = w.lifecycle.start();
    await settle();
    expect(w.lifecycle.consoleFree()).toBe(false); // starting: nothing on screen yet
    w.workers[0]!.holds.clear();
    w.workers[0]!.waiting('load')[0]!.answer();
    await started;
    expect(w.lifecycle.consoleFree()).toBe(true);
    w.busy = 'Running to the end…';
    expect(w.lifecycle.consoleFree()).toBe(false);
    w.busy = null;
    w.workers[0]!.crash('boom');
    await settle();
    expect(w.lifecycle.isRecovering).toBe(true);
    expect(w.lifecycle.consoleFree()).toBe(false); // the recovery would load its scenario over the file
    w.workers[1]!.holds.clear();
    w.workers[1]!.waiting('load')[0]!.answer();
    await settle();
    expect(w.lifecycle.consoleFree()).toBe(true);
  });
});

describe('stop', () => {
  it('drops the worker, stops listening to links, and a later start begins afresh', async () => {
    const w = await running();
    await w.lifecycle.stop();
    expect(w.workers[0]!.terminated).toBe(true);
    expect(w.workers[0]!.released).toBe(true);
    expect(w.linkListener).toBeNull();
    expect(w.current).toBeNull();
    await w.lifecycle.start();
    expect(w.workers).toHaveLength(2);
    expect(w.workers[1]!.sent('presets')).toHaveLength(1);
  });
});
