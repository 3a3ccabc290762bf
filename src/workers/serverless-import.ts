/**
 * Importing the Azure Functions 2019 trace files (invocations.csv, durations.csv, memory.csv, as
 * the page read them from disk) into a scenario whose serverless block names the trace folder by
 * path: the files are recognised by their header, parsed and joined by the core
 * (`azureTraceConfig`, which reports bad lines by file and number), and written into the document
 * as one function per row with its per-minute counts, duration percentiles and memory. Pure.
 */
import { azureTraceConfig } from '../core/index';
import type { AzureImportRequest } from './serverless-types';

type Doc = Record<string, unknown>;
type Kind = 'invocations' | 'durations' | 'memory';

const isRecord = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Which of the three files a text is, from its header line (null: none of them). */
export function azureFileKind(text: string): Kind | null {
  const first = text.slice(0, 4096).split('\n', 1)[0] ?? '';
  if (/^\s*HashOwner\s*,\s*HashApp\s*,\s*HashFunction\s*,\s*Trigger\s*,/.test(first)) return 'invocations';
  if (/percentile_Average_0/.test(first)) return 'durations';
  if (/AverageAllocatedMb/.test(first)) return 'memory';
  return null;
}

/** "az-" and the first 12 hex digits of the function's hash (the scenario's id rules). */
export function azureFunctionId(hash: string): string {
  return `az-${hash.toLowerCase().replace(/[^a-f0-9]/g, '').slice(0, 12)}`;
}

export type AzureDocResult = { ok: true; doc: Doc; functions: number; invocations: number; minutes: number } | { ok: false; title: string; errors: string[] };

/**
 * A copy of the scenario document whose `serverless.azureTrace` is replaced by the functions the
 * files describe (runtime and minutes as the document's azureTrace says, unless the request limits
 * the minutes).
 */
export function withAzureTrace(doc: unknown, req: AzureImportRequest): AzureDocResult {
  if (!isRecord(doc) || !isRecord(doc.serverless)) return { ok: false, title: 'The trace could not be imported', errors: ['the loaded scenario has no serverless block'] };
  const source = doc.serverless.azureTrace;
  if (!isRecord(source)) return { ok: false, title: 'The trace could not be imported', errors: ['the loaded scenario does not replay an Azure trace (serverless.azureTrace)'] };
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
  for (const k of ['invocations', 'durations', 'memory'] as const) if (!texts[k]) errors.push(`missing the ${k} file (${k}.csv)`);
  if (errors.length > 0) return { ok: false, title: 'Choose the three files of the trace: invocations.csv, durations.csv and memory.csv', errors };
  const minutesReq = req.minutes !== undefined ? req.minutes : typeof source.minutes === 'number' ? source.minutes : undefined;
  if (minutesReq !== undefined && !(Number.isInteger(minutesReq) && minutesReq >= 1)) return { ok: false, title: 'The trace could not be imported', errors: [`minutes must be a whole number of at least 1, got ${String(minutesReq)}`] };
  const runtime = typeof source.runtime === 'string' ? source.runtime : 'node';
  const parsed = azureTraceConfig(
    {
      invocations: texts.invocations!.text,
      durations: texts.durations!.text,
      memory: texts.memory!.text,
      names: { invocations: texts.invocations!.name, durations: texts.durations!.name, memory: texts.memory!.name },
    },
    { runtime: runtime as 'node', ...(minutesReq !== undefined ? { minutes: minutesReq } : {}) },
  );
  if (!parsed.ok) return { ok: false, title: 'The trace files are not valid', errors: parsed.errors };
  const config = parsed.value.config;
  const counts = new Map(config.invocations.map((i) => [i.function, 'perMinute' in i ? i.perMinute : []]));
  const seen = new Set<string>();
  const functions: Doc[] = [];
  let minutes = 0;
  for (const f of config.functions) {
    const id = azureFunctionId(f.id);
    if (seen.has(id)) return { ok: false, title: 'The trace could not be imported', errors: [`two functions share the id ${id} (the first 12 hex digits of their hashes)`] };
    seen.add(id);
    const perMinute = counts.get(f.id) ?? [];
    minutes = Math.max(minutes, perMinute.length);
    functions.push({
      id,
      app: azureFunctionId(f.app ?? f.id),
      runtime: f.runtime,
      memoryMb: f.memoryMb,
      timeout: f.timeout,
      packageMb: f.packageMb,
      duration: f.duration,
      trace: { perMinute: [...perMinute] },
    });
  }
  const copy = JSON.parse(JSON.stringify(doc)) as Doc;
  const sl = copy.serverless as Doc;
  delete sl.azureTrace;
  sl.functions = [...(Array.isArray(sl.functions) ? (sl.functions as unknown[]) : []), ...functions];
  return { ok: true, doc: copy, functions: functions.length, invocations: parsed.value.invocations, minutes };
}
