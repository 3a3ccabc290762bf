import type { Scenario } from '../scenario/schema';
import type { ScenarioIssue } from '../scenario/validate';

/**
 * Trace files: per-minute request counts or arrival timestamps, as CSV (a header row is optional;
 * the value is read from a named column or the last one) or as one number per line. Lines that are
 * blank or start with '#' or ';' are comments. A malformed file is rejected with the line number
 * and the reason for each bad line (the first 20 are listed).
 */
export type TraceParseResult = { ok: true; data: number[] } | { ok: false; errors: string[] };

const MAX_ERRORS = 20;
const MAX_VALUES = 2_000_000;

/**
 * The Standard Workload Format of the Parallel Workloads Archive: ';' header lines, then one job
 * per line with 18 whitespace-separated integer fields (−1 = unknown). Field 2 is the submit time
 * in seconds from the log's start; it becomes the arrival time. Jobs must be in submit order.
 */
/** `onProgress` (optional) is called every 65 536 lines of a long file: a caller's sign of life, it changes nothing. */
const PROGRESS_LINES = 0xffff;

export function parseSwf(text: string, onProgress?: () => void): TraceParseResult {
  const lines = text.split(/\r?\n/);
  onProgress?.();
  const data: number[] = [];
  const errors: string[] = [];
  for (let n = 0; n < lines.length && errors.length < MAX_ERRORS; n++) {
    if (onProgress && (n & PROGRESS_LINES) === PROGRESS_LINES) onProgress();
    const raw = lines[n]!.trim();
    if (raw === '' || raw.startsWith(';')) continue;
    const fields = raw.split(/\s+/);
    const lineNo = n + 1;
    if (fields.length !== 18) {
      errors.push(`line ${lineNo}: a job has 18 fields, found ${fields.length}`);
      continue;
    }
    const bad = fields.findIndex((f) => !/^-?\d+(\.\d+)?$/.test(f));
    if (bad >= 0) {
      errors.push(`line ${lineNo}: field ${bad + 1} (${JSON.stringify(fields[bad]!.slice(0, 20))}) is not a number`);
      continue;
    }
    const submit = Number(fields[1]);
    if (submit < 0) errors.push(`line ${lineNo}: submit time (field 2) is ${submit}; it must be known (≥ 0)`);
    else if (data.length > 0 && submit < data[data.length - 1]!)
      errors.push(`line ${lineNo}: submit time ${submit} is earlier than the job before it (${data[data.length - 1]})`);
    else data.push(submit);
    if (data.length > MAX_VALUES) return { ok: false, errors: [`the trace has more than ${MAX_VALUES} jobs`] };
  }
  if (errors.length >= MAX_ERRORS) errors.push('… (further lines not checked)');
  if (errors.length > 0) return { ok: false, errors };
  if (data.length === 0) return { ok: false, errors: ['the log has no jobs'] };
  return { ok: true, data };
}

export function parseTraceText(text: string, format: 'per-minute' | 'timestamps' | 'swf', column?: string, onProgress?: () => void): TraceParseResult {
  if (format === 'swf') return parseSwf(text, onProgress);
  const lines = text.split(/\r?\n/);
  onProgress?.();
  const data: number[] = [];
  const errors: string[] = [];
  let col = -1;
  let colName = '';
  let headerSeen = false;
  let width = -1;
  for (let n = 0; n < lines.length; n++) {
    if (onProgress && (n & PROGRESS_LINES) === PROGRESS_LINES) onProgress();
    const raw = lines[n]!.trim();
    if (raw === '' || raw.startsWith('#') || raw.startsWith(';')) continue;
    const cells = raw.split(/\s*[,;\t]\s*|\s+/);
    const lineNo = n + 1;
    if (!headerSeen) {
      headerSeen = true;
      const looksLikeHeader = cells.some((c) => c !== '' && !Number.isFinite(Number(c)));
      if (looksLikeHeader) {
        width = cells.length;
        if (column !== undefined) {
          col = cells.indexOf(column);
          if (col < 0) return { ok: false, errors: [`line ${lineNo}: no column named "${column}" (columns: ${cells.join(', ')})`] };
        } else col = cells.length - 1;
        colName = cells[col]!;
        continue;
      }
      if (column !== undefined) return { ok: false, errors: [`line ${lineNo}: the file has no header row, so column "${column}" cannot be found`] };
    }
    if (width < 0) width = cells.length;
    const idx = col >= 0 ? col : cells.length - 1;
    if (cells.length !== width) {
      errors.push(`line ${lineNo}: expected ${width} field${width === 1 ? '' : 's'}, found ${cells.length}`);
    } else {
      const cell = cells[idx]!;
      const v = Number(cell);
      const where = colName ? ` in column "${colName}"` : '';
      if (cell === '' || !Number.isFinite(v)) errors.push(`line ${lineNo}: ${JSON.stringify(cell.slice(0, 30))}${where} is not a number`);
      else if (v < 0) errors.push(`line ${lineNo}: ${v}${where} is negative`);
      else if (format === 'timestamps' && data.length > 0 && v < data[data.length - 1]!)
        errors.push(`line ${lineNo}: timestamp ${v} is earlier than the one before it (${data[data.length - 1]})`);
      else data.push(v);
    }
    if (errors.length >= MAX_ERRORS) {
      errors.push('… (further lines not checked)');
      break;
    }
    if (data.length > MAX_VALUES) return { ok: false, errors: [`the trace has more than ${MAX_VALUES} values`] };
  }
  if (errors.length > 0) return { ok: false, errors };
  if (data.length === 0) return { ok: false, errors: ['the trace has no values'] };
  return { ok: true, data };
}

/**
 * Replaces every `"file"` trace in a validated scenario by its data, reading files through
 * `readText` (the core has no file system: the CLI passes one in). Returns the errors, if any.
 */
export function resolveTraceFiles(
  scenario: Scenario,
  readText: (file: string) => string,
): { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioIssue[] } {
  const errors: ScenarioIssue[] = [];
  const workloads = scenario.workloads.map((w, i) => {
    const a = w.arrival;
    if (a.type !== 'trace' || a.file === undefined) return w;
    const path = `workloads[${i}].arrival.file`;
    let text: string;
    try {
      text = readText(a.file);
    } catch (e) {
      errors.push({ path, message: `cannot read "${a.file}": ${e instanceof Error ? e.message : String(e)}` });
      return w;
    }
    const parsed = parseTraceText(text, a.format, a.column);
    if (!parsed.ok) {
      for (const m of parsed.errors) errors.push({ path, message: `${a.file}: ${m}` });
      return w;
    }
    const { file: _file, ...rest } = a;
    // An SWF log becomes arrival timestamps.
    return { ...w, arrival: { ...rest, format: a.format === 'swf' ? ('timestamps' as const) : a.format, data: parsed.data } };
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, scenario: { ...scenario, workloads } };
}
