/**
 * Importing a trace file into a workload: decompress (gzip), decode, parse with the core's
 * `parseTraceText` (which reports bad lines by number), and write the values into the scenario
 * document as an inline trace arrival. Pure functions; SimService validates and loads the result.
 */
import { gunzipSync } from 'fflate';
import { parseTraceText } from '../core/index';

export type TraceFormat = 'per-minute' | 'timestamps' | 'swf';

export const TRACE_FORMATS: ReadonlyArray<TraceFormat> = ['per-minute', 'timestamps', 'swf'];

export interface TraceImportRequest {
  /** The workload whose arrivals the trace replaces. */
  workload: string;
  /** The file's name (a name ending in .gz is decompressed; gzip data is recognised anyway). */
  fileName: string;
  /** The file's bytes (transfer the buffer). */
  bytes: ArrayBuffer | Uint8Array;
  format: TraceFormat;
  /** CSV column to read (default: the last). */
  column?: string;
  /**
   * Time compression: simulated seconds one trace minute lasts (default 60, real time). For
   * timestamps and SWF logs the times are divided by 60 / minuteSeconds.
   */
  minuteSeconds?: number;
  /** Replay again when the trace ends. */
  loop?: boolean;
  /** Set the scenario's duration to the trace's length. */
  fitDuration?: boolean;
}

export type TraceImportResult =
  | { ok: true; name: string; link: string; workload: string; values: number; format: 'per-minute' | 'timestamps'; duration: number }
  | { ok: false; title: string; errors: string[]; code?: TraceImportFailure };

/**
 * What kind of failure a trace import met, beside its English title, so the console can word the
 * title in its own language (the title stays for the CLI and logs).
 */
export type TraceImportFailure = 'no-scenario' | 'no-workload' | 'denied' | 'invalid-trace' | 'not-applied' | 'invalid-scenario';

/** Largest file accepted, compressed or not. */
export const MAX_TRACE_FILE_BYTES = 256 * 1024 * 1024;
/** Largest text a gzip file may unpack to. */
export const MAX_TRACE_TEXT_BYTES = 512 * 1024 * 1024;

function isGzip(bytes: Uint8Array, fileName: string): boolean {
  return (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) || /\.gz$/i.test(fileName);
}

/** The file's text, gunzipped when it is gzip data. */
export function decodeTraceBytes(input: ArrayBuffer | Uint8Array, fileName: string): { ok: true; text: string } | { ok: false; errors: string[] } {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length === 0) return { ok: false, errors: ['the file is empty'] };
  if (bytes.length > MAX_TRACE_FILE_BYTES) return { ok: false, errors: [`the file is larger than ${MAX_TRACE_FILE_BYTES / 1024 / 1024} MiB`] };
  let raw = bytes;
  if (isGzip(bytes, fileName)) {
    if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { ok: false, errors: ['the file is named .gz but is not gzip data'] };
    // The gzip trailer holds the unpacked size (mod 2^32): refuse a bomb before inflating it.
    const n = bytes.length;
    const size = (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0;
    if (size > MAX_TRACE_TEXT_BYTES) return { ok: false, errors: [`the file unpacks to more than ${MAX_TRACE_TEXT_BYTES / 1024 / 1024} MiB`] };
    try {
      raw = gunzipSync(bytes);
    } catch (e) {
      return { ok: false, errors: [`the gzip data is damaged: ${e instanceof Error ? e.message : String(e)}`] };
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: false }).decode(raw);
  } catch (e) {
    return { ok: false, errors: [`the file could not be read as text: ${e instanceof Error ? e.message : String(e)}`] };
  }
  return { ok: true, text };
}

type Doc = Record<string, unknown>;

function isRecord(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A copy of the scenario document (as written) whose workload `workload` replays `data`.
 * per-minute: `minuteSeconds` compresses time; timestamps: times are divided by 60 / minuteSeconds.
 * Defaults are left out so the document (and its link) stays short.
 */
export function withTrace(
  doc: unknown,
  workload: string,
  format: 'per-minute' | 'timestamps',
  data: number[],
  options: { minuteSeconds?: number; loop?: boolean; fitDuration?: boolean } = {},
): { ok: true; doc: Doc; duration: number | null } | { ok: false; errors: string[] } {
  if (!isRecord(doc) || !Array.isArray(doc.workloads)) return { ok: false, errors: ['the loaded scenario has no workloads'] };
  const copy = JSON.parse(JSON.stringify(doc)) as Doc;
  const workloads = copy.workloads as unknown[];
  const i = workloads.findIndex((w) => isRecord(w) && w.id === workload);
  if (i < 0) return { ok: false, errors: [`there is no workload "${workload}"`] };
  const minuteSeconds = options.minuteSeconds ?? 60;
  if (!(minuteSeconds > 0) || !Number.isFinite(minuteSeconds)) return { ok: false, errors: [`seconds per trace minute must be a number above 0, got ${String(options.minuteSeconds)}`] };
  const arrival: Doc = { type: 'trace', format, data };
  let length: number;
  if (format === 'per-minute') {
    if (minuteSeconds !== 60) arrival.minuteSeconds = minuteSeconds;
    length = data.length * minuteSeconds;
  } else {
    const scale = 60 / minuteSeconds;
    if (scale !== 1) arrival.scale = scale;
    const n = data.length;
    const gap = n > 1 ? (data[n - 1]! - data[0]!) / (n - 1) : 1;
    length = ((n > 0 ? data[n - 1]! : 0) + gap) / scale;
  }
  if (options.loop) arrival.loop = true;
  const w = workloads[i] as Doc;
  // Filling in a trace the scenario names by path (a preset replaying the course's traces): keep its scale.
  const prev = w.arrival;
  if (isRecord(prev) && prev.type === 'trace' && typeof prev.file === 'string' && format === 'per-minute' && typeof prev.scale === 'number') arrival.scale = prev.scale;
  workloads[i] = { ...w, arrival };
  let duration: number | null = null;
  if (options.fitDuration) {
    duration = Math.max(1, Math.ceil(length));
    copy.duration = duration;
  }
  return { ok: true, doc: copy, duration };
}

/** Parses a trace file into values (SWF logs become arrival timestamps). */
export function parseTraceFile(
  req: Pick<TraceImportRequest, 'bytes' | 'fileName' | 'format' | 'column'>,
): { ok: true; format: 'per-minute' | 'timestamps'; data: number[] } | { ok: false; errors: string[] } {
  if (!TRACE_FORMATS.includes(req.format)) return { ok: false, errors: [`unknown trace format "${String(req.format)}" (per-minute, timestamps or swf)`] };
  const decoded = decodeTraceBytes(req.bytes, req.fileName);
  if (!decoded.ok) return decoded;
  const column = req.column !== undefined && req.column.trim() !== '' && req.format !== 'swf' ? req.column.trim() : undefined;
  const parsed = parseTraceText(decoded.text, req.format, column);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return { ok: true, format: req.format === 'swf' ? 'timestamps' : req.format, data: parsed.data };
}
