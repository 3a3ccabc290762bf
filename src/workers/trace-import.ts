/**
 * Importing a trace file into a workload: decompress (gzip), decode, parse with the core's
 * `parseTraceText` (which reports bad lines by number), and write the values into the scenario
 * document as an inline trace arrival. Pure functions; SimService validates and loads the result.
 */
import { Gunzip } from 'fflate';
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

/**
 * Inflates gzip data, refusing it as soon as it unpacks past `limit` bytes (a gzip bomb, or a
 * trace too big to replay), and telling a file cut short from one damaged inside.
 */
const CUT_SHORT = 'the gzip file is cut short: it ends before its data does (was the download or copy interrupted?)';

export function gunzipBounded(bytes: Uint8Array, limit: number): { ok: true; bytes: Uint8Array } | { ok: false; errors: string[] } {
  const parts: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  // Where the last gzip member starts (files may be several concatenated), and what came before it.
  let lastMember = 0;
  let beforeLast = 0;
  const g = new Gunzip((chunk) => {
    if (tooBig) return;
    total += chunk.length;
    if (total > limit) tooBig = true;
    else parts.push(chunk);
  });
  g.onmember = (offset) => {
    lastMember = offset;
    beforeLast = total;
  };
  try {
    // In pieces, so a bomb stops being inflated soon after it passes the limit.
    const piece = 1 << 20;
    for (let at = 0; at < bytes.length && !tooBig; at += piece) g.push(bytes.subarray(at, Math.min(bytes.length, at + piece)), at + piece >= bytes.length);
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    if (/unexpected EOF/i.test(m)) return { ok: false, errors: [CUT_SHORT] };
    return { ok: false, errors: [`the gzip data is damaged: ${m}`] };
  }
  if (tooBig) return { ok: false, errors: [`the file unpacks to more than ${limit / 1024 / 1024} MiB`] };
  // The last member ends with its unpacked size (mod 2^32): a file cut inside that trailer has
  // all its data but cannot show it is whole.
  const n = bytes.length;
  const size = n >= 4 ? (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0 : -1;
  if (n - lastMember < 18 || size !== (total - beforeLast) % 2 ** 32) return { ok: false, errors: [CUT_SHORT] };
  if (parts.length === 1) return { ok: true, bytes: parts[0]! };
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { ok: true, bytes: out };
}

/** The file's text, gunzipped when it is gzip data. */
export function decodeTraceBytes(input: ArrayBuffer | Uint8Array, fileName: string): { ok: true; text: string } | { ok: false; errors: string[] } {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length === 0) return { ok: false, errors: ['the file is empty'] };
  if (bytes.length > MAX_TRACE_FILE_BYTES) return { ok: false, errors: [`the file is larger than ${MAX_TRACE_FILE_BYTES / 1024 / 1024} MiB`] };
  let raw = bytes;
  if (isGzip(bytes, fileName)) {
    if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { ok: false, errors: ['the file is named .gz but is not gzip data'] };
    const unpacked = gunzipBounded(bytes, MAX_TRACE_TEXT_BYTES);
    if (!unpacked.ok) return unpacked;
    raw = unpacked.bytes;
  }
  let text: string;
  try {
    // A UTF-16 file (a spreadsheet's "Unicode text") says so with its byte-order mark.
    const utf16 = raw.length >= 2 && raw[0] === 0xff && raw[1] === 0xfe ? 'utf-16le' : raw.length >= 2 && raw[0] === 0xfe && raw[1] === 0xff ? 'utf-16be' : null;
    if (utf16 === null) {
      const nul = raw.indexOf(0);
      if (nul >= 0) return { ok: false, errors: [`the file is not text: it has a zero byte at byte ${nul + 1} (a binary file, or UTF-16 without a byte-order mark); save the trace as UTF-8 text`] };
    }
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: false }).decode(raw);
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
  beat?: () => void,
): { ok: true; format: 'per-minute' | 'timestamps'; data: number[] } | { ok: false; errors: string[] } {
  if (!TRACE_FORMATS.includes(req.format)) return { ok: false, errors: [`unknown trace format "${String(req.format)}" (per-minute, timestamps or swf)`] };
  const decoded = decodeTraceBytes(req.bytes, req.fileName);
  if (!decoded.ok) return decoded;
  beat?.();
  const column = req.column !== undefined && req.column.trim() !== '' && req.format !== 'swf' ? req.column.trim() : undefined;
  const parsed = parseTraceText(decoded.text, req.format, column, beat);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return { ok: true, format: req.format === 'swf' ? 'timestamps' : req.format, data: parsed.data };
}
