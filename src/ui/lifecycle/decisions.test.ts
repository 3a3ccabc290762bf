import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RestartBudget, type SavedScenario } from '../recovery/savedScenario';
import { afterStartupDefault, consoleIsFree, linkWaitsForStartUp, planRecovery, recoverySource, silenceKind } from './decisions';

const saved = (link: string, preset?: string): SavedScenario => ({ v: 1, name: 'Saved', link, ...(preset !== undefined ? { preset } : {}), savedAt: 0 });

describe('what a recovery reloads', () => {
  it("the console's scenario by its link (edits included), else its preset, else the autosave, else the default", () => {
    expect(recoverySource({ name: 'A', link: 's=a', preset: 'mm1' }, saved('s=b'), 'default')).toEqual({ link: 's=a' });
    expect(recoverySource({ name: 'A', link: '', preset: 'mm1' }, saved('s=b'), 'default')).toEqual({ preset: 'mm1' });
    expect(recoverySource({ name: 'A', link: '' }, saved('s=b'), 'default')).toEqual({ link: 's=b' });
    expect(recoverySource(null, saved('', 'flash'), 'default')).toEqual({ preset: 'flash' });
    expect(recoverySource(null, null, 'default')).toEqual({ preset: 'default' });
  });
});

describe('what a recovery does', () => {
  const base = { current: { name: 'A', link: 's=a' }, saved: saved('s=b'), defaultPreset: 'default' };

  it('gives up when the budget refuses, keeping the scenario on screen, else the autosave, else nothing', () => {
    expect(planRecovery({ ...base, allowed: false, startedUp: true })).toEqual({ kind: 'give-up', kept: base.current });
    expect(planRecovery({ ...base, current: null, allowed: false, startedUp: false })).toEqual({ kind: 'give-up', kept: base.saved });
    expect(planRecovery({ ...base, current: null, saved: null, allowed: false, startedUp: false })).toEqual({ kind: 'give-up', kept: null });
  });

  it('starts up again (never a reload of its own) when the console had not finished starting', () => {
    // Even with a scenario on screen (a link loaded, then a crash before start-up ended): the
    // start-up reads the link again; a reload here could load the default over the link.
    expect(planRecovery({ ...base, allowed: true, startedUp: false })).toEqual({ kind: 'start-up' });
    expect(planRecovery({ ...base, current: null, saved: null, allowed: true, startedUp: false })).toEqual({ kind: 'start-up' });
  });

  it('reloads once the console is up', () => {
    expect(planRecovery({ ...base, allowed: true, startedUp: true })).toEqual({ kind: 'reload', source: { link: 's=a' } });
  });
});

describe('the start-up default and the autosave', () => {
  it('offers another autosaved scenario back (and keeps it), else saves the default', () => {
    expect(afterStartupDefault(saved('s=edited'), 'default', 's=default')).toEqual({ offer: saved('s=edited') });
    expect(afterStartupDefault(saved('', 'mm1'), 'default', 's=default')).toEqual({ offer: saved('', 'mm1') });
    expect(afterStartupDefault(saved('s=default'), 'default', 's=default')).toEqual({ save: true });
    expect(afterStartupDefault(saved('', 'default'), 'default', 's=default')).toEqual({ save: true });
    expect(afterStartupDefault(null, 'default', 's=default')).toEqual({ save: true });
  });
});

describe('loads that wait', () => {
  it('a scenario file loads only when the console is ready, not busy and not recovering', () => {
    expect(consoleIsFree({ ready: true, busy: null }, false)).toBe(true);
    expect(consoleIsFree({ ready: false, busy: null }, false)).toBe(false);
    expect(consoleIsFree({ ready: true, busy: 'Running to the end…' }, false)).toBe(false);
    expect(consoleIsFree({ ready: true, busy: null }, true)).toBe(false);
  });

  it('a pasted link waits only while start-up is under way', () => {
    expect(linkWaitsForStartUp(false, true)).toBe(true);
    expect(linkWaitsForStartUp(true, true)).toBe(false);
    // Not started at all (no worker yet): nothing to wait for.
    expect(linkWaitsForStartUp(false, false)).toBe(false);
  });
});

describe('which allowance a silent worker exhausted', () => {
  it('boot, a call in flight, or idle', () => {
    expect(silenceKind('boot')).toBe('silentBoot');
    expect(silenceKind('call')).toBe('silentBusy');
    expect(silenceKind(null)).toBe('silentIdle');
  });
});

describe('the restart budget (3 a minute)', () => {
  it('counts a window of 60 s, both ends included', () => {
    const b = new RestartBudget(3, 60_000);
    expect([0, 10, 20].map((t) => b.allow(t))).toEqual([true, true, true]);
    expect(b.allow(60_000)).toBe(false);
    expect(b.allow(60_001)).toBe(true);
  });

  it('property: allowed restarts never number more than 3 within any 60 s, and a refusal means 3 in the minute before', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 70_000 }), { minLength: 1, maxLength: 40 }), (gaps) => {
        const b = new RestartBudget(3, 60_000);
        const allowed: number[] = [];
        let t = 0;
        for (const gap of gaps) {
          t += gap;
          const ok = b.allow(t);
          const recent = allowed.filter((a) => a >= t - 60_000).length;
          expect(ok).toBe(recent < 3);
          if (ok) allowed.push(t);
        }
        for (const a of allowed) expect(allowed.filter((x) => x >= a && x <= a + 60_000).length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 500 },
    );
  });
});
