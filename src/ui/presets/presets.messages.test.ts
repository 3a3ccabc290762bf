import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../../workers/api';
import { PRESET_NOTES_ZH, presetNote } from './presets.messages';

const HAN = /\p{Script=Han}/u;
/** The numbers a text writes with digits (thousands separators dropped): a translation keeps them all. */
function numbers(text: string): string[] {
  return [...text.replace(/(\d),(\d{3})/g, '$1$2').matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]).sort();
}

/** The presets as the console receives them from the worker, with each one's scenario name and description. */
const api = createWorkerApi();
const PRESETS = Object.fromEntries(
  api.presets().presets.map((p) => {
    const loaded = api.load({ preset: p.id });
    const info = loaded.ok ? api.scenarioInfo() : null;
    return [p.id, { ...p, scenario: { name: info?.name, description: info?.description } }];
  }),
);

describe('Chinese preset notes', () => {
  const ids = Object.keys(PRESETS);

  it('covers exactly the presets of the core', () => {
    expect(Object.keys(PRESET_NOTES_ZH).sort()).toEqual([...ids].sort());
  });

  for (const id of ids) {
    it(`${id}: title, description, watch, question and scenario name are in Chinese, with the same numbers`, () => {
      const p = PRESETS[id]!;
      const zh = PRESET_NOTES_ZH[id];
      expect(zh, `no Chinese entry for preset "${id}"`).toBeDefined();
      const scenario = p.scenario as { name?: string; description?: string };
      expect(scenario.name, `preset "${id}" did not load`).toBeTruthy();
      const pairs: Array<[string, string, string | undefined]> = [
        ['title', p.title, zh?.title],
        ['description', p.description, zh?.description],
        ['watch', p.watch, zh?.watch],
        ['question', p.question, zh?.question],
        ['name', scenario.name ?? '', zh?.name],
      ];
      if (scenario.description) pairs.push(['scenarioDescription', scenario.description, zh?.scenarioDescription]);
      for (const [field, en, text] of pairs) {
        expect(text?.trim(), `${id}.${field} is missing`).toBeTruthy();
        expect(HAN.test(text ?? ''), `${id}.${field} has no Chinese`).toBe(true);
        // Every number of the English (counts, rates, times, percentages) is in the translation.
        const missing = numbers(en).filter((n) => !numbers(text ?? '').includes(n));
        expect(missing, `${id}.${field} lost numbers`).toEqual([]);
      }
    });
  }

  it('falls back to the English text in English, for an unknown preset or a custom scenario', () => {
    expect(presetNote('en', 'mm1', 'title', 'M/M/1 queue')).toBe('M/M/1 queue');
    expect(presetNote('zh', 'mm1', 'title', 'M/M/1 queue')).toBe('M/M/1 队列');
    expect(presetNote('zh', 'no-such-preset', 'title', 'Mine')).toBe('Mine');
    expect(presetNote('zh', undefined, 'name', 'Edited')).toBe('Edited');
    expect(presetNote('zh', 'toString', 'name', 'Edited')).toBe('Edited');
    expect(presetNote('zh', 'mm1', 'scenarioDescription', '')).toBe('');
  });
});
