/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { format, placeholders, translator, type Catalog } from './messages';
import { initialLang } from './lang';

/** Every catalog of the console (they must live in `messages.ts` or `*.messages.ts` files). */
const modules = import.meta.glob<Record<string, unknown>>(['../**/messages.ts', '../**/*.messages.ts'], { eager: true });

function isCatalog(v: unknown): v is Catalog {
  return typeof v === 'object' && v !== null && 'en' in v && 'zh' in v && typeof (v as Catalog).en === 'object' && typeof (v as Catalog).zh === 'object';
}

const catalogs: Array<{ where: string; catalog: Catalog }> = [];
for (const [file, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) if (isCatalog(value)) catalogs.push({ where: `${file} ${name}`, catalog: value });
}

/** Chinese text that may legitimately contain no Chinese character (units, ids, symbols). */
const NO_HAN_OK = /^[\s\d\p{P}\p{S}{}|]*$|^(p50|p95|p99|JSON|CSV|PNG|vCPU|GB-s|ms|s|ID|SLA|URL|API|LB|IaaS|PaaS|SaaS|FaaS|DRF|LTTB|HPA|FIFO|ELK|A\/B|CPU|RPS|GB)$/u;
const HAN = /\p{Script=Han}/u;

describe('message catalogs', () => {
  it('finds the catalogs of the console', () => {
    expect(catalogs.length).toBeGreaterThan(0);
  });

  for (const { where, catalog } of catalogs) {
    it(`${where}: Chinese has exactly the English keys, the same placeholders, and Chinese text`, () => {
      expect(Object.keys(catalog.zh).sort()).toEqual(Object.keys(catalog.en).sort());
      for (const key of Object.keys(catalog.en)) {
        const en = catalog.en[key] as string;
        const zh = catalog.zh[key] as string;
        expect(zh.trim(), `${key} is empty in Chinese`).not.toBe('');
        expect(placeholders(zh), `${key}: placeholders differ`).toEqual(placeholders(en));
        if (!NO_HAN_OK.test(zh.trim()) && /[A-Za-z]{3,}/.test(en)) {
          expect(HAN.test(zh), `${key}: "${zh}" has no Chinese in it`).toBe(true);
        }
      }
    });
  }
});

describe('format', () => {
  it('fills named placeholders and keeps unknown ones visible', () => {
    expect(format('{a} of {b}', { a: 1, b: 'x' })).toBe('1 of x');
    expect(format('{a} and {missing}', { a: 2 })).toBe('2 and {missing}');
  });

  it('picks the English plural by the number', () => {
    expect(format('{n} {n|event|events}', { n: 1 })).toBe('1 event');
    expect(format('{n} {n|event|events}', { n: 3 })).toBe('3 events');
    expect(placeholders('{n} {n|event|events} in {where}')).toEqual(['n', 'where']);
  });

  it('falls back to English for a key missing at run time', () => {
    const c = { en: { a: 'A', b: 'B' }, zh: { a: '甲' } } as unknown as Catalog<'a' | 'b'>;
    const t = translator(c, 'zh');
    expect(t('a')).toBe('甲');
    expect(t('b')).toBe('B');
  });
});

describe('initial language', () => {
  const store = (v: string | null) => ({ getItem: () => v });
  it('uses the remembered choice first', () => {
    expect(initialLang(store('zh'), ['en-US'])).toBe('zh');
    expect(initialLang(store('en'), ['zh-CN'])).toBe('en');
  });
  it('else the browser preference, else English', () => {
    expect(initialLang(store(null), ['fr-FR', 'zh-CN'])).toBe('zh');
    expect(initialLang(store('klingon'), ['de'])).toBe('en');
    expect(initialLang(undefined, undefined)).toBe('en');
  });
  it('survives a storage that throws', () => {
    const throwing = { getItem: () => { throw new Error('denied'); } };
    expect(initialLang(throwing, ['zh-TW'])).toBe('zh');
  });
});
