/**
 * The link codec shared by scenario links and compare links: base64url without padding, and a
 * zlib inflate bounded in output size with its Adler-32 checksum verified. A leaf module (fflate
 * only): the page decodes a compare link's variant with it without loading the scenario
 * validator or any simulation code.
 */
import { Inflate } from 'fflate';

/** Version 1 of the link codec: UTF-8 JSON, zlib-compressed, base64url without padding. */
export const LINK_CODEC = 'c1';

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

