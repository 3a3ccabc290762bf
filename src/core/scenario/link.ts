import { strFromU8, strToU8, zlibSync } from 'fflate';
import { parseScenario, type ParseResult } from './validate';
import { base64UrlDecode, base64UrlEncode, boundedUnzlib, LINK_CODEC, LinkError } from './codec';

// The codec (base64url, bounded inflate) lives in ./codec, a leaf the page can use without the validator.
export { base64UrlDecode, base64UrlEncode, boundedUnzlib, LINK_CODEC, LinkError } from './codec';

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
export const LINK_PARAM = 's';
/** Longest payload accepted (characters); Chromium accepts URLs up to 2 MB. */
export const MAX_LINK_CHARS = 2_000_000;
/** Largest decompressed scenario accepted (bytes). */
export const MAX_SCENARIO_BYTES = 8 * 1024 * 1024;

/** The hash fragment (without '#') that carries `doc`, e.g. `s=c1.eJyr…`. */
export function encodeScenarioLink(doc: unknown): string {
  const json = JSON.stringify(doc);
  const packed = zlibSync(strToU8(json), { level: 9, mem: 8 });
  return `${LINK_PARAM}=${LINK_CODEC}.${base64UrlEncode(packed)}`;
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
