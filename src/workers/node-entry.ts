/// <reference path="./comlink-node-adapter.d.ts" />
/**
 * The same worker API over Node's worker_threads (for integration tests and headless tools).
 * Start it through its plain-JS bootstrap, which loads this file with tsx:
 *   new Worker(new URL('./node-worker.mjs', import.meta.url))
 */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createWorkerApi } from './api';

export type { SimWorkerApi } from './api';

if (!parentPort) throw new Error('node-entry.ts must run inside a worker_threads Worker');
expose(createWorkerApi(), nodeEndpoint(parentPort));
