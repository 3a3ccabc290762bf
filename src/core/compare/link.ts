/**
 * Compare links: B's merge patch rides in the scenario link's hash as a second parameter,
 * `#s=c1.<A>&b=c1.<patch>`, with the same codec as the scenario (zlib, base64url, bounded
 * decoding). A build that does not know `b=` still opens A: the scenario decoder reads `s=` only.
 * A leaf (fflate and ../scenario/codec only): the page decodes a link's B here, without a worker.
 */
import { strFromU8, strToU8, zlibSync } from 'fflate';
import { base64UrlDecode, base64UrlEncode, boundedUnzlib, LINK_CODEC, LinkError } from '../scenario/codec';

export const COMPARE_PARAM = 'b';
/** Largest patch accepted from a link, unpacked. */
const MAX_PATCH_BYTES = 1024 * 1024;

/** The hash parameter (without '&') that carries `patch`, e.g. `b=c1.eJy…`. */
export function encodeComparePatch(patch: unknown): string {
  const packed = zlibSync(strToU8(JSON.stringify(patch)), { level: 9, mem: 8 });
  return `${COMPARE_PARAM}=${LINK_CODEC}.${base64UrlEncode(packed)}`;
}

export type ComparePatchFromLink = { ok: true; patch: unknown } | { ok: false; error: string } | null;

/** B's patch from a hash or URL: null when the link has none; never throws. */
export function decodeComparePatch(hashOrUrl: string): ComparePatchFromLink {
  let s = hashOrUrl.trim();
  const at = s.indexOf('#');
  if (at >= 0) s = s.slice(at + 1);
  const part = s.split('&').find((p) => p.startsWith(`${COMPARE_PARAM}=`));
  if (part === undefined) return null;
  try {
    let payload = part.slice(COMPARE_PARAM.length + 1);
    payload = decodeURIComponent(payload);
    const dot = payload.indexOf('.');
    if (dot < 0 || payload.slice(0, dot) !== LINK_CODEC) throw new LinkError(`unknown format (expected "${LINK_CODEC}.")`);
    const raw = boundedUnzlib(base64UrlDecode(payload.slice(dot + 1)), MAX_PATCH_BYTES);
    const patch = JSON.parse(strFromU8(raw)) as unknown;
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new LinkError('it is not a JSON object');
    return { ok: true, patch };
  } catch (e) {
    const why = e instanceof LinkError ? e.message : e instanceof Error ? e.message : String(e);
    return { ok: false, error: `the variant B in the link could not be read: ${why}` };
  }
}
