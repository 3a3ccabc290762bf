/**
 * Text kept in a store and put into words when it is shown, so a language switch re-renders it:
 * either plain text (already in words, e.g. an error the worker wrote) or a catalog message with its
 * parameters, which may themselves be texts of either kind.
 */
import type { Lang } from './i18n/lang';
import { translator, type Catalog } from './i18n/messages';

export interface LocalMessage {
  readonly catalog: Catalog;
  readonly key: string;
  readonly params?: Readonly<Record<string, LocalParam>>;
}
export type LocalText = string | LocalMessage;
export type LocalParam = number | LocalText;

/** A message to put into words later (the key is checked against the catalog here). */
export function msg<K extends string>(catalog: Catalog<K>, key: K, params?: Readonly<Record<string, LocalParam>>): LocalMessage {
  return params ? { catalog: catalog as Catalog, key, params } : { catalog: catalog as Catalog, key };
}

/** The text in `lang`. */
export function renderText(text: LocalText, lang: Lang): string {
  if (typeof text === 'string') return text;
  const params: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(text.params ?? {})) params[name] = typeof v === 'number' ? v : renderText(v, lang);
  return translator(text.catalog, lang)(text.key, params);
}
