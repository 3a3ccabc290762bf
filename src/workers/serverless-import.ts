/**
 * Importing the Azure Functions 2019 trace files (invocations.csv, durations.csv, memory.csv, as
 * the page read them from disk) into a scenario whose serverless block names the trace folder by
 * path: the files are recognised by their header, then parsed, joined and written into the scenario
 * by the core as the CLI does from the folder (`resolveServerlessTrace`; bad lines are reported by
 * file and number): one function per row with its per-minute counts, duration percentiles and
 * memory. Pure.
 */
import { parseScenario, resolveServerlessTrace } from '../core/index';
import type { AzureImportRequest, AzureImportTitle } from './serverless-types';

type Doc = Record<string, unknown>;
type Kind = 'invocations' | 'durations' | 'memory';

/** Which of the three files a text is, from its header line (null: none of them). */
export function azureFileKind(text: string): Kind | null {
  const first = text.slice(0, 4096).split('\n', 1)[0] ?? '';
  if (/^\s*HashOwner\s*,\s*HashApp\s*,\s*HashFunction\s*,\s*Trigger\s*,/.test(first)) return 'invocations';
  if (/percentile_Average_0/.test(first)) return 'durations';
  if (/AverageAllocatedMb/.test(first)) return 'memory';
  return null;
}

export type AzureDocResult = { ok: true; doc: Doc; functions: number; invocations: number; minutes: number } | { ok: false; title: string; errors: string[]; titleCode?: AzureImportTitle };

const KINDS: readonly Kind[] = ['invocations', 'durations', 'memory'];

/**
 * The scenario with its `serverless.azureTrace` replaced by the functions the files describe, as the
 * CLI does from the folder (the core's `resolveServerlessTrace`: one function per row, id "az-" and
 * 12 hex digits of its hash). The request may limit the minutes replayed.
 */
export function withAzureTrace(doc: unknown, req: AzureImportRequest): AzureDocResult {
  const parsed = parseScenario(doc);
  if (!parsed.ok) return { ok: false, title: 'The trace could not be imported', titleCode: 'not-imported', errors: parsed.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`) };
  const sl = parsed.scenario.serverless;
  if (!sl?.azureTrace) return { ok: false, title: 'The trace could not be imported', titleCode: 'not-imported', errors: ['the loaded scenario does not replay an Azure trace (serverless.azureTrace)'] };
  const files = Array.isArray(req?.files) ? req.files : [];
  const texts: Partial<Record<Kind, { name: string; text: string }>> = {};
  const errors: string[] = [];
  for (const f of files) {
    const name = typeof f?.name === 'string' ? f.name : 'a file';
    if (typeof f?.text !== 'string' || f.text.trim() === '') {
      errors.push(`${name}: the file is empty`);
      continue;
    }
    const kind = azureFileKind(f.text);
    if (!kind) errors.push(`${name}: not an Azure Functions 2019 file (expected the header of invocations.csv, durations.csv or memory.csv)`);
    else if (texts[kind]) errors.push(`${name}: a second ${kind} file (already have ${texts[kind]!.name})`);
    else texts[kind] = { name, text: f.text };
  }
  for (const k of KINDS) if (!texts[k]) errors.push(`missing the ${k} file (${k}.csv)`);
  if (errors.length > 0) return { ok: false, title: 'Choose the three files of the trace: invocations.csv, durations.csv and memory.csv', titleCode: 'choose-files', errors };
  const minutes = req.minutes;
  if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 1)) return { ok: false, title: 'The trace could not be imported', titleCode: 'not-imported', errors: [`minutes must be a whole number of at least 1, got ${String(minutes)}`] };
  const scenario = minutes !== undefined ? { ...parsed.scenario, serverless: { ...sl, azureTrace: { ...sl.azureTrace, minutes } } } : parsed.scenario;
  const read = (file: string): string => {
    const kind = KINDS.find((k) => file.endsWith(`/${k}.csv`) || file === `${k}.csv`);
    const t = kind ? texts[kind] : undefined;
    if (!t) throw new Error(`no file for ${file}`);
    return t.text;
  };
  const resolved = resolveServerlessTrace(scenario, read);
  if (!resolved.ok) return { ok: false, title: 'The trace files are not valid', titleCode: 'files-invalid', errors: resolved.errors.map((e) => e.message) };
  const all = resolved.scenario.serverless?.functions ?? [];
  const added = all.slice(sl.functions.length);
  let invocations = 0;
  let longest = 0;
  for (const f of added) {
    const counts = f.trace?.perMinute ?? [];
    longest = Math.max(longest, counts.length);
    for (const c of counts) invocations += c;
  }
  return { ok: true, doc: resolved.scenario as unknown as Doc, functions: added.length, invocations, minutes: longest };
}
