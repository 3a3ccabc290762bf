/**
 * The console's language, as the worker knows it (the page sends it at start and on every switch):
 * the worker returns scenario, link, file and trace errors in it. English is the default, so the CLI,
 * the tests and a page that never says otherwise get the core's own English messages.
 *
 * Zod's own messages (the few the core passes through, e.g. inside a saas block) follow through
 * zod's global locale: zod 4 ships a Simplified Chinese one (zod/v4/locales/zh-CN). It is global
 * state, but a worker is its own realm and runs one command at a time.
 */
import { config } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';

export type WorkerLang = 'en' | 'zh';

let current: WorkerLang = 'en';

export function isWorkerLang(v: unknown): v is WorkerLang {
  return v === 'en' || v === 'zh';
}

/** Sets the language of the worker's messages; false (and no change) for an unknown one. */
export function setWorkerLang(lang: unknown): boolean {
  if (!isWorkerLang(lang)) return false;
  current = lang;
  config(lang === 'zh' ? zhCN() : en());
  return true;
}

export function workerLang(): WorkerLang {
  return current;
}
