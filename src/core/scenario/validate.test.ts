import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import { migrate, type Migration } from './migrate';
import { issueLine, parseScenario, parseScenarioText } from './validate';

const base = () => JSON.parse(JSON.stringify(PRESETS.default!.scenario)) as Record<string, any>;

function errorsOf(doc: unknown): string[] {
  const r = parseScenario(doc);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map(issueLine);
}

describe('scenario validation', () => {
  it('accepts every preset and fills defaults', () => {
    for (const [name, p] of Object.entries(PRESETS)) {
      const r = parseScenario(p.scenario);
      expect(r.ok, name).toBe(true);
    }
    const r = parseScenario(PRESETS.mm1!.scenario);
    if (!r.ok) throw new Error();
    expect(r.scenario.services[0]!.concurrency).toBe(1);
    expect(r.scenario.services[0]!.loadBalancer.policy).toBe('round-robin');
    expect(r.scenario.regions).toEqual([]);
  });

  it('names the path and the problem in plain words', () => {
    const doc = base();
    doc.services[1].replicas = 0;
    doc.services[0].concurrency = 'two';
    doc.workloads[1].arrival.rate = -5;
    expect(errorsOf(doc)).toEqual([
      'services[0].concurrency: must be a number, got text "two"',
      'services[1].replicas: must be at least 1, got 0',
      'workloads[1].arrival.rate: must be at least 0, got -5',
    ]);
  });

  it('reports every error, not just the first', () => {
    const doc = base();
    delete doc.name;
    doc.seed = 2.5;
    doc.duration = 'forever';
    doc.services[0].work = { type: 'gaussian', mean: 1 };
    doc.services[0].queue = 'shard';
    const errs = errorsOf(doc);
    expect(errs).toContain('name: is required');
    expect(errs).toContain('seed: must be a whole number, got the number 2.5');
    expect(errs.some((e) => e.startsWith('duration: must be a duration such as'))).toBe(true);
    expect(errs).toContain('services[0].work.type: must be one of "constant", "uniform", "exponential", "normal", "lognormal", "bounded-pareto", "empirical", got "gaussian"');
    expect(errs).toContain('services[0].queue: must be one of "per-replica", "shared", got "shard" (did you mean "shared"?)');
  });

  it('flags unknown fields with a suggestion', () => {
    const doc = base();
    doc.services[0].replica = 3;
    doc.colour = 'blue';
    const errs = errorsOf(doc);
    expect(errs).toContain('services[0].replica: unknown field');
    expect(errs).toContain('colour: unknown field');
    const doc2 = base();
    delete doc2.services[0].replicas;
    doc2.services[0].replica = 3;
    expect(errorsOf(doc2)).toEqual(['services[0].replicas: is required', 'services[0].replica: unknown field (did you mean "replicas"?)']);
  });

  it('checks cross-references and ordering', () => {
    const doc = base();
    doc.workloads[0].target = 'nope';
    doc.services[0].zone = 'mars-1';
    doc.services.push({ ...doc.services[0], zone: 'eu-west-a' });
    doc.warmup = '1h';
    const errs = errorsOf(doc);
    expect(errs).toContain('workloads[0].target: unknown service "nope" (services: web, search)');
    expect(errs).toContain('services[0].zone: unknown zone "mars-1" (zones: eu-west-a, eu-west-b)');
    expect(errs).toContain('services[2].id: duplicate id "web" (already used by services[0])');
    expect(errs).toContain('warmup: must be shorter than the duration (360s), got 3600s');
  });

  it('rejects wrong types at the top and JSON syntax errors with a position', () => {
    expect(errorsOf([1, 2])).toEqual(['a scenario must be a JSON object, got a list']);
    expect(errorsOf({ name: 'x' })[0]).toMatch(/^cumulo: is required/);
    expect(errorsOf({ cumulo: 99 })[0]).toMatch(/format version 99, made by a newer Cumulo/);
    const r = parseScenarioText('{\n  "cumulo": 1,\n  "name": oops\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toBe('not valid JSON at line 3, column 11: expected a value (object, list, text in double quotes, number, true, false or null) but found "oops\\n}"');
    const cut = parseScenarioText('{"cumulo": 1, "name": "x');
    expect(!cut.ok && cut.errors[0]!.message).toBe('not valid JSON at line 1, column 25: expected the closing quote, but the text ended');
  });
});

describe('migrations', () => {
  it('runs a chain of migrations from an older version to the current one', () => {
    const table: Record<number, Migration> = {
      1: (d) => ({ ...d, renamed: d.old, old: undefined }),
      2: (d) => ({ ...d, added: true }),
    };
    const r = migrate({ cumulo: 1, old: 5 }, table, 3);
    expect(r).toEqual({ ok: true, doc: { cumulo: 3, renamed: 5, added: true }, from: 1 });
  });
  it('reports a missing step and a failing step', () => {
    expect(migrate({ cumulo: 1 }, {}, 2)).toMatchObject({ ok: false, errors: [{ message: 'no migration from format version 1 to 2' }] });
    const boom: Migration = () => {
      throw new Error('bad field');
    };
    expect(migrate({ cumulo: 1 }, { 1: boom }, 2)).toMatchObject({ ok: false, errors: [{ message: 'could not upgrade from format version 1: bad field' }] });
  });
  it('leaves current documents untouched', () => {
    const doc = { cumulo: 1, name: 'x' };
    const r = migrate(doc);
    expect(r.ok && r.doc).toBe(doc);
  });
});
