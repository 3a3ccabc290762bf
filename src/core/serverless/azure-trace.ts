/**
 * The Azure Functions 2019 trace, in the form the vHive "invitro" tooling ships it (see
 * ../shared/traces/README.txt, section 3): three CSV files joined on HashFunction.
 *
 * - invocations.csv: HashOwner,HashApp,HashFunction,Trigger, then one column per minute of the day
 *   (consecutive minute numbers, e.g. 480…959), each the number of invocations in that minute;
 * - durations.csv: HashFunction and percentile_Average_{0,1,25,50,75,99,100}, execution times in ms;
 * - memory.csv: HashFunction and AverageAllocatedMb.
 *
 * Parsers report malformed files with the file name, line and column (1-based) and stop after 20
 * problems. `azureTraceConfig` joins the three into a FaasConfig: one function per row of
 * invocations.csv, durations drawn through its percentile points (see durations.ts), memory the
 * average allocation rounded up to whole MB and raised to Lambda's 128 MB minimum (configurable),
 * and — since the trace does not say — an assumed runtime, package size and timeout.
 */

import type { FaasConfig, FaasFunctionSpec, KeepAliveSpec, Runtime } from './types';

export type AzureParse<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface AzureInvocationRow {
  owner: string;
  app: string;
  fn: string;
  trigger: string;
  /** Line in the file (1-based). */
  line: number;
  counts: number[];
}

export interface AzureInvocations {
  /** The first minute column's number (minute of the day in the original trace). */
  startMinute: number;
  minutes: number;
  rows: AzureInvocationRow[];
}

/** Percentile points in ms, probabilities as fractions. */
export interface AzureDurationRow {
  line: number;
  points: Array<[number, number]>;
}

const MAX_ERRORS = 20;
const DURATION_PERCENTILES = [0, 1, 25, 50, 75, 99, 100] as const;

interface Csv {
  header: string[];
  /** [line number, fields] of every non-blank line after the header. */
  rows: Array<[number, string[]]>;
}

function splitCsv(text: string, file: string, errors: string[]): Csv | null {
  const lines = text.split('\n');
  let headerAt = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '') {
      headerAt = i;
      break;
    }
  }
  if (headerAt < 0) {
    errors.push(`${file}: the file is empty`);
    return null;
  }
  const strip = (l: string) => (l.endsWith('\r') ? l.slice(0, -1) : l);
  const header = strip(lines[headerAt]!).split(',').map((h) => h.trim());
  const rows: Array<[number, string[]]> = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const l = strip(lines[i]!);
    if (l.trim() === '') continue;
    rows.push([i + 1, l.split(',')]);
  }
  return { header, rows };
}

function fieldCountError(file: string, line: number, got: number, want: number): string {
  return `${file} line ${line}: ${got} field${got === 1 ? '' : 's'}, expected ${want} (as in the header)`;
}

function requireColumns(file: string, header: string[], names: readonly string[], errors: string[]): number[] | null {
  const idx = names.map((n) => header.indexOf(n));
  const missing = names.filter((_, i) => idx[i]! < 0);
  if (missing.length > 0) {
    errors.push(`${file} line 1: missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (found: ${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''})`);
    return null;
  }
  return idx;
}

function finish<T>(errors: string[], value: () => T): AzureParse<T> {
  if (errors.length >= MAX_ERRORS) errors.splice(MAX_ERRORS, errors.length, '… (further problems not listed)');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value() };
}

/** Parses invocations.csv (per-minute counts per function). */
export function parseAzureInvocations(text: string, file = 'invocations.csv'): AzureParse<AzureInvocations> {
  const errors: string[] = [];
  const csv = splitCsv(text, file, errors);
  if (!csv) return { ok: false, errors };
  const ids = requireColumns(file, csv.header, ['HashOwner', 'HashApp', 'HashFunction', 'Trigger'], errors);
  if (!ids) return { ok: false, errors };
  if (ids.some((c, i) => c !== i)) return { ok: false, errors: [`${file} line 1: the first columns must be HashOwner, HashApp, HashFunction, Trigger`] };
  const minuteCols = csv.header.slice(4);
  if (minuteCols.length === 0) return { ok: false, errors: [`${file} line 1: no minute columns after Trigger`] };
  const startMinute = Number(minuteCols[0]);
  for (let i = 0; i < minuteCols.length; i++) {
    const h = minuteCols[i]!;
    if (!/^\d+$/.test(h) || Number(h) !== startMinute + i) {
      return { ok: false, errors: [`${file} line 1, column ${i + 5}: expected minute ${Number.isFinite(startMinute) ? startMinute + i : 'number'}, found ${JSON.stringify(h.slice(0, 20))} (minute columns must be consecutive whole numbers)`] };
    }
  }
  const width = csv.header.length;
  const rows: AzureInvocationRow[] = [];
  eachFunctionRow(file, csv, 2, errors, (line, f, fn) => {
    const counts = new Array<number>(minuteCols.length);
    for (let c = 4; c < width; c++) {
      const raw = f[c]!.trim();
      if (!/^\d+$/.test(raw)) {
        errors.push(`${file} line ${line}, column ${c + 1} (minute ${minuteCols[c - 4]}): ${JSON.stringify(raw.slice(0, 20))} is not a whole number of invocations`);
        return;
      }
      counts[c - 4] = Number(raw);
    }
    rows.push({ owner: f[0]!.trim(), app: f[1]!.trim(), fn, trigger: f[3]!.trim(), line, counts });
  });
  if (errors.length === 0 && rows.length === 0) errors.push(`${file}: no functions (only a header)`);
  return finish(errors, () => ({ startMinute, minutes: minuteCols.length, rows }));
}

/** Parses durations.csv: per function, percentile points of the execution time (ms). */
export function parseAzureDurations(text: string, file = 'durations.csv'): AzureParse<Map<string, AzureDurationRow>> {
  const errors: string[] = [];
  const csv = splitCsv(text, file, errors);
  if (!csv) return { ok: false, errors };
  const names = ['HashFunction', ...DURATION_PERCENTILES.map((p) => `percentile_Average_${p}`)];
  const idx = requireColumns(file, csv.header, names, errors);
  if (!idx) return { ok: false, errors };
  const out = new Map<string, AzureDurationRow>();
  eachFunctionRow(file, csv, idx[0]!, errors, (line, f, fn) => {
    const points: Array<[number, number]> = [];
    let prev = -Infinity;
    for (let k = 0; k < DURATION_PERCENTILES.length; k++) {
      const col = idx[k + 1]!;
      const raw = f[col]!.trim();
      const v = raw === '' ? NaN : Number(raw);
      const where = `${file} line ${line}, column ${col + 1} (${names[k + 1]})`;
      if (!Number.isFinite(v) || v < 0) {
        errors.push(`${where}: ${JSON.stringify(raw.slice(0, 20))} is not a duration in ms (a number, 0 or more)`);
        return;
      }
      if (v < prev) {
        errors.push(`${where}: ${v} is below the previous percentile (${prev}); percentiles must not decrease`);
        return;
      }
      prev = v;
      points.push([DURATION_PERCENTILES[k]! / 100, v]);
    }
    out.set(fn, { line, points });
  });
  return finish(errors, () => out);
}

/**
 * Walks the data rows of a per-function file: rows with the wrong number of fields, an empty
 * function hash, or a function seen before are reported; `row` gets the others (line, fields,
 * function hash). Stops at MAX_ERRORS.
 */
function eachFunctionRow(file: string, csv: { header: string[]; rows: Array<[number, string[]]> }, fnColumn: number, errors: string[], row: (line: number, f: string[], fn: string) => void): void {
  const width = csv.header.length;
  const seen = new Map<string, number>();
  for (const [line, f] of csv.rows) {
    if (errors.length >= MAX_ERRORS) break;
    if (f.length !== width) {
      errors.push(fieldCountError(file, line, f.length, width));
      continue;
    }
    const fn = f[fnColumn]!.trim();
    if (fn === '') {
      errors.push(`${file} line ${line}, column ${fnColumn + 1}: HashFunction is empty`);
      continue;
    }
    if (seen.has(fn)) {
      errors.push(`${file} line ${line}, column ${fnColumn + 1}: function ${fn.slice(0, 12)}… is already on line ${seen.get(fn)}`);
      continue;
    }
    seen.set(fn, line);
    row(line, f, fn);
  }
}

/** Parses memory.csv: per function, the average allocated memory (MB). */
export function parseAzureMemory(text: string, file = 'memory.csv'): AzureParse<Map<string, { line: number; averageMb: number }>> {
  const errors: string[] = [];
  const csv = splitCsv(text, file, errors);
  if (!csv) return { ok: false, errors };
  const idx = requireColumns(file, csv.header, ['HashFunction', 'AverageAllocatedMb'], errors);
  if (!idx) return { ok: false, errors };
  const out = new Map<string, { line: number; averageMb: number }>();
  eachFunctionRow(file, csv, idx[0]!, errors, (line, f, fn) => {
    const raw = f[idx[1]!]!.trim();
    const v = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(v) || v < 0) {
      errors.push(`${file} line ${line}, column ${idx[1]! + 1} (AverageAllocatedMb): ${JSON.stringify(raw.slice(0, 20))} is not a memory size in MB`);
      return;
    }
    out.set(fn, { line, averageMb: v });
  });
  return finish(errors, () => out);
}

export interface AzureTraceTexts {
  invocations: string;
  durations: string;
  memory: string;
  /** File names for messages (default invocations.csv, durations.csv, memory.csv). */
  names?: { invocations?: string; durations?: string; memory?: string };
}

export interface AzureTraceOptions {
  keepAlive?: KeepAliveSpec;
  /** Assumed for every function (the trace does not say): default 'node'. */
  runtime?: Runtime;
  /** Assumed deployment package size: default 5 MB. */
  packageMb?: number;
  /** Default 900 s (Lambda's maximum; the trace's longest executions are about 405 s). */
  timeout?: number;
  /** Memory floor: default 128 MB (Lambda's minimum). */
  minMemoryMb?: number;
  account?: FaasConfig['account'];
  /** Use only the first n minutes. */
  minutes?: number;
}

export interface AzureTrace {
  config: FaasConfig;
  /** Function id → trigger (timer, http, queue, …). */
  triggers: Record<string, string>;
  invocations: number;
}

/** Joins the three files into a FaasConfig (one function per row of invocations.csv). */
export function azureTraceConfig(texts: AzureTraceTexts, options: AzureTraceOptions = {}): AzureParse<AzureTrace> {
  const names = { invocations: 'invocations.csv', durations: 'durations.csv', memory: 'memory.csv', ...texts.names };
  const inv = parseAzureInvocations(texts.invocations, names.invocations);
  const dur = parseAzureDurations(texts.durations, names.durations);
  const mem = parseAzureMemory(texts.memory, names.memory);
  const errors = [...(inv.ok ? [] : inv.errors), ...(dur.ok ? [] : dur.errors), ...(mem.ok ? [] : mem.errors)];
  if (!inv.ok || !dur.ok || !mem.ok) return { ok: false, errors };
  const minFloor = options.minMemoryMb ?? 128;
  const functions: FaasFunctionSpec[] = [];
  const invocations: FaasConfig['invocations'] = [];
  const triggers: Record<string, string> = {};
  const keep = options.minutes ?? inv.value.minutes;
  let total = 0;
  for (const r of inv.value.rows) {
    const d = dur.value.get(r.fn);
    const m = mem.value.get(r.fn);
    if (!d) errors.push(`${names.durations}: no row for function ${r.fn.slice(0, 12)}… (${names.invocations} line ${r.line})`);
    if (!m) errors.push(`${names.memory}: no row for function ${r.fn.slice(0, 12)}… (${names.invocations} line ${r.line})`);
    if (!d || !m) continue;
    functions.push({
      id: r.fn,
      app: r.app,
      runtime: options.runtime ?? 'node',
      memoryMb: Math.min(10240, Math.max(minFloor, Math.ceil(m.averageMb - 1e-9), 1)),
      timeout: options.timeout ?? 900,
      packageMb: options.packageMb ?? 5,
      duration: { type: 'percentiles', points: d.points.map(([p, ms]) => [p, ms / 1000] as [number, number]) },
    });
    const counts = r.counts.slice(0, keep);
    for (const c of counts) total += c;
    invocations.push({ function: r.fn, perMinute: counts });
    triggers[r.fn] = r.trigger;
  }
  if (errors.length > 0) return finish(errors, () => null as never);
  const config: FaasConfig = {
    functions,
    invocations,
    startMinute: inv.value.startMinute,
    ...(options.keepAlive ? { keepAlive: options.keepAlive } : {}),
    ...(options.account ? { account: options.account } : {}),
  };
  return { ok: true, value: { config, triggers, invocations: total } };
}
