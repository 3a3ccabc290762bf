import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVERLESS_PRESETS } from '../presets/serverless';
import { parseScenario } from '../scenario/validate';
import { Simulation } from '../sim/simulation';
import type { ServerlessResults } from './live';
import { resolveServerlessTrace } from './scenario-trace';

const TRACES = '../shared/traces';
const FOLDER = 'azure-functions-2019-invitro-100fn';

/**
 * The serverless-azure preset through the scenario path (the CLI's resolution of the trace folder,
 * the Simulation's kernel): the "must show" on the Azure 2019 sample. Figures at the time of
 * writing (seed 1; cold starts, idle warm memory in GB-s):
 *   fixed 10 min   940  315,269
 *   hybrid         525  305,592   (10-minute fallback, the scenario default)
 */
describe.skipIf(!existsSync(`${TRACES}/${FOLDER}/invocations.csv`))('serverless-azure preset on the Azure 2019 sample (skipped when ../shared/traces is absent)', () => {
  const results = new Map<string, ServerlessResults>();
  const run = (keepAlive: 'fixed' | 'hybrid'): ServerlessResults => {
    let r = results.get(keepAlive);
    if (r) return r;
    const preset = SERVERLESS_PRESETS['serverless-azure']!.scenario;
    const p = parseScenario({ ...preset, serverless: { ...preset.serverless, keepAlive: keepAlive === 'fixed' ? { type: 'fixed', ttl: '10m' } : { type: 'hybrid' } } });
    if (!p.ok) throw new Error('bad preset');
    const resolved = resolveServerlessTrace(p.scenario, (file) => readFileSync(`${TRACES}/${file}`, 'utf8'));
    if (!resolved.ok) throw new Error(resolved.errors.map((e) => e.message).join('; '));
    r = new Simulation(resolved.scenario).runToEnd().serverless!;
    results.set(keepAlive, r);
    return r;
  };

  it('replays the 100 functions and their 339,657 invocations through the scenario', () => {
    const r = run('fixed');
    expect(r.functions).toHaveLength(100);
    expect(r.functions.every((f) => /^az-[0-9a-f]{12}$/.test(f.id))).toBe(true);
    expect(r.totals.invocations).toBe(339_657);
    expect(r.totals.throttled).toBe(0);
  });

  it('hybrid keep-alive: fewer cold starts than fixed 10 min at no more idle memory (or less memory at no more cold starts)', () => {
    const f = run('fixed').totals;
    const h = run('hybrid').totals;
    const better = (h.coldStarts < f.coldStarts && h.idleGbSeconds <= f.idleGbSeconds) || (h.idleGbSeconds < f.idleGbSeconds && h.coldStarts <= f.coldStarts);
    expect(better, `hybrid ${h.coldStarts} cold / ${h.idleGbSeconds.toFixed(0)} GB-s vs fixed-10m ${f.coldStarts} / ${f.idleGbSeconds.toFixed(0)}`).toBe(true);
    // the size of the effect on this sample: about 45 % fewer cold starts, a few % less idle memory
    expect(h.coldStarts).toBeLessThan(0.7 * f.coldStarts);
    // the bill hardly depends on the policy (INIT is not billed; the same duration draws)
    const cf = run('fixed').cost.gbSeconds;
    expect(Math.abs(run('hybrid').cost.gbSeconds - cf) / cf).toBeLessThan(0.001);
  });

  it('a missing folder is a clear error naming the file', () => {
    const p = parseScenario(SERVERLESS_PRESETS['serverless-azure']!.scenario);
    if (!p.ok) throw new Error('bad preset');
    const r = resolveServerlessTrace(p.scenario, (file) => {
      throw new Error(`no such file ${file}`);
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toEqual({ path: 'serverless.azureTrace.folder', message: `cannot read "${FOLDER}/invocations.csv": no such file ${FOLDER}/invocations.csv` });
  });
});
