/**
 * The console's language: English or Simplified Chinese, switchable at run time and remembered in
 * localStorage. A vanilla zustand store, so code outside React (the bridge's notices) can read it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type Lang = 'en' | 'zh';
export const LANGS: ReadonlyArray<{ id: Lang; label: string; htmlLang: string }> = [
  { id: 'en', label: 'English', htmlLang: 'en' },
  { id: 'zh', label: '简体中文', htmlLang: 'zh-CN' },
];

export const LANG_STORAGE_KEY = 'cumulo.lang';

export function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'zh';
}

/** The remembered choice, else the browser's preferred language, else English. */
export function initialLang(storage: Pick<Storage, 'getItem'> | undefined, preferred: ReadonlyArray<string> | undefined): Lang {
  try {
    const saved = storage?.getItem(LANG_STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // Storage can throw (privacy modes); fall through to the browser's preference.
  }
  for (const p of preferred ?? []) {
    const lower = p.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function browserLanguages(): ReadonlyArray<string> | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.languages ?? [navigator.language];
}

export const langStore = createStore<{ lang: Lang }>()(() => ({ lang: initialLang(browserStorage(), browserLanguages()) }));

function applyToDocument(lang: Lang): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = LANGS.find((l) => l.id === lang)?.htmlLang ?? 'en';
}
applyToDocument(langStore.getState().lang);

/** Switches the language everywhere (components re-render through useLang/useT) and remembers it. */
export function setLang(lang: Lang): void {
  if (!isLang(lang)) return;
  langStore.setState({ lang });
  applyToDocument(lang);
  try {
    browserStorage()?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Not remembered when storage is unavailable; the switch still applies to this page.
  }
  for (const listener of listeners) listener(lang);
}

const listeners = new Set<(lang: Lang) => void>();
/** Non-React code that must follow the language (e.g. telling a worker) subscribes here. */
export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentLang(): Lang {
  return langStore.getState().lang;
}

export function useLang(): Lang {
  return useStore(langStore, (s) => s.lang);
}
