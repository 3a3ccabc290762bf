/**
 * The simulation worker, as the page starts it:
 *   new Worker(new URL('../workers/sim.worker.ts', import.meta.url), { type: 'module' })
 * The page imports only the type below, never this module's code.
 */
import { expose } from 'comlink';
import { createWorkerApi } from './api';
import type { SimWorkerApi as Api } from './api';
import { SimService } from './service';
import { BEAT_MESSAGE, TEST_HOOK_MESSAGE } from './wire';
import { unclampedTimers } from './yield';

export type SimWorkerApi = Api;
export type * from './service';

const scope = globalThis as unknown as { postMessage(m: unknown): void; addEventListener(type: 'message', fn: (ev: MessageEvent) => void): void };

// A run to the end blocks this thread; its beats tell the page's heartbeat it is busy, not dead.
// Zero-delay yields of a max-speed run through a MessageChannel: no 4 ms clamp per yield (see yield.ts).
expose(createWorkerApi(new SimService({ onBusyBeat: () => scope.postMessage({ [BEAT_MESSAGE]: true }), ...unclampedTimers() })));

// The page's test hooks (an end-to-end journey) can make this worker hang, as a stuck loop would.
scope.addEventListener('message', (ev) => {
  const data = ev.data as Record<string, unknown> | null;
  if (data && typeof data === 'object' && data[TEST_HOOK_MESSAGE] === 'hang') {
    for (;;) {
      // never returns: only terminate() ends it
    }
  }
});
