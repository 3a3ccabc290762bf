/**
 * Hooks for end-to-end journeys, installed as `window.__cumuloTest` only when the page's address
 * has `?testhooks` in its query (never in normal use). With `?testhooks&heartbeat=fast` the
 * heartbeat runs on short timings, so a journey sees a dead worker found in seconds.
 */
import type { HeartbeatTimings } from './heartbeat';

type Hook = (...args: never[]) => unknown;

const hooks: Record<string, Hook> = {};

function params(): URLSearchParams | null {
  try {
    return typeof window === 'undefined' ? null : new URLSearchParams(window.location.search);
  } catch {
    return null;
  }
}

export function testHooksEnabled(): boolean {
  return params()?.has('testhooks') === true;
}

/** Makes `fn` callable as `window.__cumuloTest[name]` when the hooks are enabled. */
export function registerTestHook(name: string, fn: Hook): void {
  if (!testHooksEnabled()) return;
  hooks[name] = fn;
  (window as unknown as { __cumuloTest?: Record<string, Hook> }).__cumuloTest = hooks;
}

/** Short heartbeat timings for journeys (`&heartbeat=fast`), else none. */
export function testHeartbeatTimings(): Partial<HeartbeatTimings> {
  if (!testHooksEnabled() || params()?.get('heartbeat') !== 'fast') return {};
  return { intervalMs: 250, bootMs: 15_000, idleMs: 2_000, busyMs: 5_000, stallMs: 1_500 };
}

/** How many of the first workers die right after their first answer (`&failworkers=N`), else 0. */
export function testFailingWorkers(): number {
  if (!testHooksEnabled()) return 0;
  const n = Number(params()?.get('failworkers') ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
