/**
 * Resolving a scenario's `serverless.azureTrace` (a folder of the Azure Functions 2019 trace, by
 * path) into functions: one per row of invocations.csv, id "az-" + the first 12 hex digits of its
 * hash, with its application, per-minute counts, duration percentiles (seconds) and memory (at least
 * 128 MB). The reading is done by the caller (`readText`, e.g. the CLI from the traces folder); the
 * core stays free of file access.
 */
import type { Scenario } from '../scenario/schema';
import type { ScenarioIssue } from '../scenario/validate';
import { azureTraceConfig } from './azure-trace';

/** "az-" and the first 12 hex digits of an Azure function hash (the scenario's id rules). */
export function azureFunctionId(hash: string): string {
  return `az-${hash.toLowerCase().replace(/[^a-f0-9]/g, '').slice(0, 12)}`;
}

export function resolveServerlessTrace(
  scenario: Scenario,
  readText: (file: string) => string,
): { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioIssue[] } {
  const sl = scenario.serverless;
  if (!sl?.azureTrace) return { ok: true, scenario };
  const src = sl.azureTrace;
  const path = 'serverless.azureTrace.folder';
  const texts: Record<'invocations' | 'durations' | 'memory', string> = { invocations: '', durations: '', memory: '' };
  for (const k of ['invocations', 'durations', 'memory'] as const) {
    const file = `${src.folder}/${k}.csv`;
    try {
      texts[k] = readText(file);
    } catch (e) {
      return { ok: false, errors: [{ path, message: `cannot read "${file}": ${e instanceof Error ? e.message : String(e)}` }] };
    }
  }
  const parsed = azureTraceConfig(texts, { runtime: src.runtime, ...(src.minutes !== undefined ? { minutes: src.minutes } : {}) });
  if (!parsed.ok) return { ok: false, errors: parsed.errors.slice(0, 10).map((message) => ({ path, message })) };
  const c = parsed.value.config;
  const ids = new Map<string, string>();
  const seen = new Set(sl.functions.map((f) => f.id));
  for (const f of c.functions) {
    let id = azureFunctionId(f.id);
    for (let n = 2; seen.has(id); n++) id = `${azureFunctionId(f.id)}-${n}`;
    seen.add(id);
    ids.set(f.id, id);
  }
  const counts = new Map(c.invocations.map((s) => [s.function, 'perMinute' in s ? s.perMinute : []] as const));
  const functions = c.functions.map((f) => ({
    id: ids.get(f.id)!,
    ...(f.app !== undefined ? { app: f.app.slice(0, 80) } : {}),
    runtime: f.runtime,
    memoryMb: f.memoryMb,
    timeout: f.timeout,
    packageMb: f.packageMb,
    duration: f.duration as Extract<NonNullable<Scenario['serverless']>['functions'][number]['duration'], { type: 'percentiles' }>,
    provisioned: 0,
    failureRate: 0,
    outputs: [],
    trace: { perMinute: counts.get(f.id) ?? [] },
  }));
  const { azureTrace: _azureTrace, ...rest } = sl;
  return { ok: true, scenario: { ...scenario, serverless: { ...rest, functions: [...sl.functions, ...functions] } } };
}
