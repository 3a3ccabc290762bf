import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import { base64UrlDecode, base64UrlEncode, decodeLinkDocument, decodeScenarioLink, encodeScenarioLink, MAX_SCENARIO_BYTES } from './link';

const linkError = (hash: string): string => {
  const r = decodeScenarioLink(hash);
  if (r.ok) throw new Error('expected an error');
  expect(r.errors).toHaveLength(1);
  return r.errors[0]!.message;
};

describe('scenario links', () => {
  it('round-trips any JSON document exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const link = encodeScenarioLink(doc);
        expect(link).toMatch(/^s=c1\.[A-Za-z0-9_-]+$/);
        expect(decodeLinkDocument(`#${link}`)).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every preset to the same validated scenario', () => {
    for (const p of Object.values(PRESETS)) {
      const r = decodeScenarioLink(`https://example.test/cumulo/#${encodeScenarioLink(p.scenario)}`);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.doc).toEqual(p.scenario);
    }
  });

  it('keeps the default scenario link short', () => {
    const link = encodeScenarioLink(PRESETS.default!.scenario);
    expect(link.length).toBeLessThan(700);
  });

  it('base64url round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(Array.from(base64UrlDecode(base64UrlEncode(bytes)))).toEqual(Array.from(bytes));
      }),
    );
  });

  it('explains broken links precisely', () => {
    const good = encodeScenarioLink(PRESETS.default!.scenario);
    expect(linkError('#foo=bar')).toMatch(/has no scenario in it/);
    expect(linkError('#s=c9.AAAA')).toBe('the link was made by a newer Cumulo (link format c9); this build reads c1');
    expect(linkError('#s=zz.AAAA')).toBe('unknown link format "zz" (this build reads c1)');
    expect(linkError('#s=c1.ab$cd')).toMatch(/character that cannot be in it \("\$" at position 3\)/);
    expect(linkError(`#${good.slice(0, good.length - 10)}`)).toMatch(/damaged|cut short/);
    // Tamper with one character in the middle.
    const mid = Math.floor(good.length / 2);
    const flipped = good.slice(0, mid) + (good[mid] === 'A' ? 'B' : 'A') + good.slice(mid + 1);
    expect(linkError(`#${flipped}`)).toMatch(/damaged|cut short|not a compressed/);
    expect(linkError('#s=c1.')).toMatch(/cut short/);
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        const r = decodeScenarioLink(`#s=c1.${junk}`);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = decodeScenarioLink(`#s=c1.${base64UrlEncode(bytes)}`);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a decompression bomb without inflating it', () => {
    const huge = new Uint8Array(MAX_SCENARIO_BYTES * 4).fill(32); // 32 MiB of spaces
    const link = `s=c1.${base64UrlEncode(zlibSync(huge, { level: 9 }))}`;
    expect(link.length).toBeLessThan(60_000);
    expect(linkError(`#${link}`)).toMatch(/too large \(over 8388608 bytes unpacked\)/);
  });

  it('refuses an oversized link before decoding it', () => {
    expect(linkError(`#s=c1.${'A'.repeat(2_100_000)}`)).toMatch(/too long/);
  });

  it('validates the scenario inside and reports its errors', () => {
    const doc = JSON.parse(JSON.stringify(PRESETS.mm1!.scenario));
    doc.services[0].replicas = 0;
    const r = decodeScenarioLink(`#${encodeScenarioLink(doc)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ path: 'services[0].replicas', message: 'must be at least 1, got 0' }]);
    expect(linkError(`#${encodeScenarioLink('just text')}`)).toBeDefined();
  });
});
