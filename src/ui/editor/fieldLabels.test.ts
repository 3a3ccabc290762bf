import { afterEach, describe, expect, it } from 'vitest';
import scenarioJsonSchema from '../../../schema/scenario.schema.json';
import { setLang } from '../i18n/lang';
import { translator } from '../i18n/messages';
import { fieldLabelMessages, paramLabel, paramLabelKey } from './fieldLabels.messages';
import { instanceTypeCatalog, instanceTypeOptions } from './instanceTypes';

afterEach(() => setLang('en'));

/** The keys of every object the schema discriminates by a constant "type", by that type. */
function typedObjects(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const props = (node as { properties?: Record<string, { const?: unknown }> }).properties;
      if (props && typeof props.type?.const === 'string') out.set(props.type.const, [...new Set([...(out.get(props.type.const) ?? []), ...Object.keys(props)])]);
      Object.values(node).forEach(walk);
    }
  };
  walk(scenarioJsonSchema);
  return out;
}

describe('parameter labels', () => {
  it('name every parameter of every distribution and arrival process the schema has', () => {
    const typed = typedObjects();
    const kinds = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'bounded-pareto', 'empirical', 'percentiles', 'poisson', 'piecewise', 'diurnal', 'spike', 'mmpp', 'trace'];
    for (const kind of kinds) {
      const keys = typed.get(kind);
      expect(keys, `${kind} is in the schema`).toBeDefined();
      for (const key of keys!.filter((k) => k !== 'type')) expect(paramLabelKey(key), `${kind}.${key} has a label`).not.toBeNull();
    }
  });

  it('are translated, and an unknown key keeps its schema name', () => {
    const en = translator(fieldLabelMessages, 'en');
    const zh = translator(fieldLabelMessages, 'zh');
    expect(paramLabel(en, 'sd')).toBe('Standard deviation');
    expect(paramLabel(zh, 'sd')).toBe('标准差');
    expect(paramLabel(zh, 'alpha')).toBe('形状参数 α（尾部指数）');
    expect(paramLabel(zh, 'mean')).not.toBe('mean');
    expect(paramLabel(zh, 'somethingNew')).toBe('somethingNew');
    expect(paramLabelKey('type')).toBeNull();
  });
});

describe('instance-type catalog', () => {
  const reported = [
    { id: 'g.small', vcpu: 1, memoryGiB: 4, gpu: 0 },
    { id: 'p.xlarge', vcpu: 8, memoryGiB: 61, gpu: 1 },
  ];

  it("is the worker's catalog plus the document's own types (the document gives the sizes)", () => {
    const doc = { instanceTypes: [{ id: 'x.big', family: 'general', vcpu: 64, memoryGiB: 256 }, { id: 'g.small', vcpu: 2, memoryGiB: 4 }, { vcpu: 3 }, 'junk'] };
    expect(instanceTypeCatalog(reported, doc).map((t) => [t.id, t.vcpu])).toEqual([
      ['g.small', 2],
      ['p.xlarge', 8],
      ['x.big', 64],
    ]);
    expect(instanceTypeCatalog(reported, null)).toEqual(reported);
    expect(instanceTypeCatalog([], { instanceTypes: 'not a list' })).toEqual([]);
  });

  it('labels each choice with its size, in both languages', () => {
    const en = translator(fieldLabelMessages, 'en');
    const zh = translator(fieldLabelMessages, 'zh');
    expect(instanceTypeOptions(reported, en)).toEqual([
      ['g.small', 'g.small · 1 vCPU, 4 GiB'],
      ['p.xlarge', 'p.xlarge · 8 vCPU, 61 GiB, 1 GPU'],
    ]);
    expect(instanceTypeOptions(reported, zh)[0]).toEqual(['g.small', 'g.small · 1 个 vCPU，内存 4 GiB']);
  });
});
