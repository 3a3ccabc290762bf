import { describe, expect, it } from 'vitest';
import { readSavedScenario, RestartBudget, SAVE_KEY, saveScenario, savedSource, worthOffering, type KeyValueStore } from './savedScenario';

function memory(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('scenario autosave', () => {
  it('round-trips what was loaded and restores by link first', () => {
    const s = memory();
    expect(saveScenario(s, { name: 'Flash crowd', link: 's=c1.abc', preset: 'flash-crowd' }, 42)).toBe(true);
    const saved = readSavedScenario(s);
    expect(saved).toEqual({ v: 1, name: 'Flash crowd', link: 's=c1.abc', preset: 'flash-crowd', savedAt: 42 });
    expect(savedSource(saved!)).toEqual({ link: 's=c1.abc' });
    saveScenario(s, { name: 'P', link: '', preset: 'mm1' });
    expect(savedSource(readSavedScenario(s)!)).toEqual({ preset: 'mm1' });
  });

  it('ignores nothing-to-save, refusing storage and garbage', () => {
    const s = memory();
    expect(saveScenario(s, { name: 'x', link: '' })).toBe(false);
    expect(saveScenario(null, { name: 'x', link: 's=1' })).toBe(false);
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveScenario(full, { name: 'x', link: 's=1' })).toBe(false);
    for (const bad of ['{', 'null', '{"v":2,"name":"x","link":"s","savedAt":1}', '{"v":1,"name":"x","link":"","savedAt":1}', '{"v":1,"name":3,"link":"s","savedAt":1}']) {
      s.map.set(SAVE_KEY, bad);
      expect(readSavedScenario(s)).toBeNull();
    }
    expect(readSavedScenario(null)).toBeNull();
  });

  it('offers anything but the default scenario', () => {
    const base = { v: 1 as const, name: 'n', savedAt: 0 };
    expect(worthOffering(null, 'default', 's=d')).toBe(false);
    expect(worthOffering({ ...base, link: 's=d', preset: 'default' }, 'default', 's=d')).toBe(false);
    expect(worthOffering({ ...base, link: '', preset: 'default' }, 'default', 's=d')).toBe(false);
    expect(worthOffering({ ...base, link: 's=x', preset: 'default' }, 'default', 's=d')).toBe(true);
    expect(worthOffering({ ...base, link: 's=f', preset: 'flash-crowd' }, 'default', 's=d')).toBe(true);
  });
});

describe('restart budget', () => {
  it('allows a few restarts per window, then refuses until the window passes', () => {
    const b = new RestartBudget(2, 1000);
    expect(b.allow(0)).toBe(true);
    expect(b.allow(10)).toBe(true);
    expect(b.allow(20)).toBe(false);
    expect(b.allow(1005)).toBe(true);
  });
});
