import { Inflate, strFromU8, strToU8, zlibSync } from 'fflate';
import { parseScenario, type ParseResult } from './validate';

/**
 * Scenario links: the scenario travels in the URL hash as `#s=c1.<payload>`, where `c1` names the
 * codec (version 1: UTF-8 JSON, zlib-compressed, base64url without padding). The scenario inside
 * carries its own format version (`cumulo`) and is migrated like any file.
 *
 * Decoding never throws and is bounded: the payload length is capped before anything is decoded,
 * and inflation runs in small input chunks whose output is counted, so a tiny hostile link cannot
 * inflate to gigabytes. The zlib Adler-32 checksum is verified, so a tampered or truncated link is
 * caught before its JSON is even parsed.
 */
export const LINK_CODEC = 'c1';
export const LINK_PARAM = 's';
/** Longest payload accepted (characters); Chromium accepts URLs up to 2 MB. */
export const MAX_LINK_CHARS = 2_000_000;
/** Largest decompressed scenario accepted (bytes). */
export const MAX_SCENARIO_BYTES = 8 * 1024 * 1024;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]!;
  }
  return out;
}

/** Decodes base64url (no padding; '=' padding tolerated). Throws a LinkError naming the bad character. */
export function base64UrlDecode(text: string): Uint8Array {
  const s = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) throw new LinkError(`the link contains a character that cannot be in it (${JSON.stringify(s[i])} at position ${i + 1})`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  if (s.length % 4 === 1) throw new LinkError('the link is cut short (its data has an impossible length)');
  return out.subarray(0, o);
}

export class LinkError extends Error {}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  const n = data.length;
  let i = 0;
  while (i < n) {
    const end = Math.min(i + 3800, n);
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The hash fragment (without '#') that carries `doc`, e.g. `s=c1.eJyr…`. */
export function encodeScenarioLink(doc: unknown): string {
  const json = JSON.stringify(doc);
  const packed = zlibSync(strToU8(json), { level: 9, mem: 8 });
  return `${LINK_PARAM}=${LINK_CODEC}.${base64UrlEncode(packed)}`;
}

/** Inflates zlib data with a hard cap on the output size. */
export function boundedUnzlib(data: Uint8Array, maxBytes: number): Uint8Array {
  if (data.length < 6) throw new LinkError('the link is cut short (too little data)');
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf & 15) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || flg & 32) {
    throw new LinkError('the link data is not a compressed scenario (bad header)');
  }
  const body = data.subarray(2, data.length - 4);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) {
      tooBig = true;
      return;
    }
    chunks.push(chunk);
  });
  const STEP = 512; // ≤ ~530 KB of output per step at the maximum deflate ratio
  try {
    for (let i = 0; i < body.length && !tooBig; i += STEP) {
      const end = Math.min(i + STEP, body.length);
      inflate.push(body.subarray(i, end), end === body.length);
    }
  } catch (e) {
    if (tooBig) throw new LinkError(`the scenario in the link is too large (over ${maxBytes} bytes unpacked)`);
    throw new LinkError(`the link is damaged or cut short (${e instanceof Error ? e.message : 'bad compressed data'})`);
  }
  if (tooBig) throw new LinkError(`the scenario in the link is too large (over ${maxBytes} bytes unpacked)`);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  const t = data.length - 4;
  const expected = ((data[t]! << 24) | (data[t + 1]! << 16) | (data[t + 2]! << 8) | data[t + 3]!) >>> 0;
  if (adler32(out) !== expected) throw new LinkError('the link is damaged: its checksum does not match (was it cut or edited?)');
  return out;
}

/** Extracts the payload from "#s=…", "s=…", a full URL, or a hash with other parameters. */
function payloadOf(hashOrUrl: string): string {
  let s = hashOrUrl.trim();
  const hashAt = s.indexOf('#');
  if (hashAt >= 0) s = s.slice(hashAt + 1);
  for (const part of s.split('&')) {
    if (part.startsWith(`${LINK_PARAM}=`)) return part.slice(LINK_PARAM.length + 1);
  }
  throw new LinkError(`the link has no scenario in it (expected "#${LINK_PARAM}=${LINK_CODEC}.…")`);
}

/** Decodes a scenario link into a document (not yet validated). Throws LinkError with a plain message. */
export function decodeLinkDocument(hashOrUrl: string): unknown {
  if (hashOrUrl.length > MAX_LINK_CHARS + 16) {
    throw new LinkError(`the link is too long (${hashOrUrl.length} characters; at most ${MAX_LINK_CHARS})`);
  }
  let payload = payloadOf(hashOrUrl);
  try {
    payload = decodeURIComponent(payload);
  } catch {
    throw new LinkError('the link contains broken %-escapes');
  }
  const dot = payload.indexOf('.');
  if (dot < 0) throw new LinkError(`the link has no codec version (expected "${LINK_CODEC}." before the data)`);
  const codec = payload.slice(0, dot);
  if (codec !== LINK_CODEC) {
    const m = /^c(\d+)$/.exec(codec);
    if (m && Number(m[1]) > 1) throw new LinkError(`the link was made by a newer Cumulo (link format ${codec}); this build reads ${LINK_CODEC}`);
    throw new LinkError(`unknown link format "${codec.slice(0, 12)}" (this build reads ${LINK_CODEC})`);
  }
  const bytes = base64UrlDecode(payload.slice(dot + 1));
  const raw = boundedUnzlib(bytes, MAX_SCENARIO_BYTES);
  let text: string;
  try {
    text = strFromU8(raw);
  } catch {
    throw new LinkError('the link does not hold text (invalid UTF-8)');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LinkError('the link does not hold a JSON scenario');
  }
}

/** Decodes and validates a scenario link. Never throws: every failure is a plain-language error. */
export function decodeScenarioLink(hashOrUrl: string): ParseResult & { doc?: unknown } {
  let doc: unknown;
  try {
    doc = decodeLinkDocument(hashOrUrl);
  } catch (e) {
    const message = e instanceof LinkError ? e.message : `the link could not be read (${e instanceof Error ? e.message : String(e)})`;
    return { ok: false, errors: [{ path: 'link', message }] };
  }
  const parsed = parseScenario(doc);
  return parsed.ok ? { ...parsed, doc } : parsed;
}
