/**
 * Message catalogs. Each area of the console defines its own catalog next to its components
 * (`messages.ts` or `<name>.messages.ts`) with `defineMessages(en, zh)`: the Chinese side must have
 * exactly the English keys (the type checker says which is missing), and i18n.test.ts checks that
 * every catalog's placeholders agree and that no Chinese text was left in English.
 *
 * Templates: `{name}` is replaced by params.name; `{n|one|other}` picks a word by the number params.n
 * (English plurals; Chinese templates simply write the word once).
 */
import { useMemo } from 'react';
import { currentLang, useLang, type Lang } from './lang';
import { fillTemplate, TEMPLATE_TOKEN } from '../../core/text/template';

export type Params = Readonly<Record<string, string | number>>;

export interface Catalog<K extends string = string> {
  readonly en: Readonly<Record<K, string>>;
  readonly zh: Readonly<Record<K, string>>;
}

export function defineMessages<const E extends Record<string, string>>(en: E, zh: { readonly [K in keyof E]: string }): Catalog<keyof E & string> {
  return { en, zh } as Catalog<keyof E & string>;
}

/** Fills a template. A missing parameter stays visible as `{name}` rather than vanishing (the core's own formatter). */
export function format(template: string, params?: Params): string {
  return params ? fillTemplate(template, (name) => params[name]) : template;
}

export type Translate<K extends string> = (key: K, params?: Params) => string;

export function translator<K extends string>(catalog: Catalog<K>, lang: Lang): Translate<K> {
  const table = catalog[lang];
  return (key, params) => format(table[key] ?? catalog.en[key] ?? key, params);
}

/** Outside React (the bridge, stores): translates in the language chosen now. */
export function translate<K extends string>(catalog: Catalog<K>, key: K, params?: Params): string {
  return translator(catalog, currentLang())(key, params);
}

/** In components: a translate function that changes (and re-renders the component) with the language. */
export function useT<K extends string>(catalog: Catalog<K>): Translate<K> {
  const lang = useLang();
  return useMemo(() => translator(catalog, lang), [catalog, lang]);
}

/** The placeholder names a template uses (for the catalog checks). */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(TEMPLATE_TOKEN)) names.add(m[1] as string);
  return [...names].sort();
}
