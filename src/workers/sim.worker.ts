/**
 * The simulation worker, as the page starts it:
 *   new Worker(new URL('../workers/sim.worker.ts', import.meta.url), { type: 'module' })
 * The page imports only the type below, never this module's code.
 */
import { expose } from 'comlink';
import { createWorkerApi } from './api';
import type { SimWorkerApi as Api } from './api';

export type SimWorkerApi = Api;
export type * from './service';

expose(createWorkerApi());
