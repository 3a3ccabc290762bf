import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineColumn, parseScenarioText, scenarioFileName } from './scenarioFile';
import { renderText } from './localText';

describe('scenario files', () => {
  it('names a saved file after the scenario', () => {
    expect(scenarioFileName('Flash crowd!')).toBe('flash-crowd.cumulo.json');
    expect(scenarioFileName('  A/B: LB -- test  ')).toBe('a-b-lb-test.cumulo.json');
    expect(scenarioFileName('区域故障')).toBe('区域故障.cumulo.json');
    expect(scenarioFileName('!!!')).toBe('scenario.cumulo.json');
  });

  it('reads a JSON document (a byte-order mark is ignored)', () => {
    expect(parseScenarioText('\uFEFF{"name":"x","seed":3}')).toEqual({ ok: true, doc: { name: 'x', seed: 3 } });
  });

  it('says where broken JSON breaks, as a line and column', () => {
    const text = '{\n  "name": "x",\n  "seed": 3,\n}\n';
    const r = parseScenarioText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const en = renderText(r.error, 'en');
    // The stray comma before "}" on line 4: the parser stops at the "}" (line 4, column 1).
    expect(en).toMatch(/^it is not JSON: .+ \(line 4, column 1\)$/);
    expect(en).not.toMatch(/position/);
    expect(renderText(r.error, 'zh')).toContain('第 4 行，第 1 列');
  });

  it('a truncated file breaks at its end', () => {
    const r = parseScenarioText('{\n  "name": "x",\n  "services": [');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(renderText(r.error, 'en')).toMatch(/\(line 3, column 16\)$/);
  });

  it('an empty file is called empty', () => {
    const r = parseScenarioText(' \n\t');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(renderText(r.error, 'en')).toBe('the file is empty');
  });

  it('line and column agree with the text before the offset (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ') }), fc.nat(), (text, n) => {
        const offset = text.length === 0 ? 0 : n % (text.length + 1);
        const { line, column } = lineColumn(text, offset);
        const before = text.slice(0, offset).split('\n');
        expect(line).toBe(before.length);
        expect(column).toBe(before[before.length - 1]!.length + 1);
      }),
    );
  });
});
