// Boots node-entry.ts inside a worker_threads Worker. On Node 20, `execArgv: ['--import', 'tsx']` does
// not reach worker threads (the loader hooks it registers are not applied to the worker's entry:
// "Unknown file extension .ts"), so the worker starts from this plain .mjs file and loads the
// TypeScript entry through tsx's programmatic API instead:
//   new Worker(new URL('./node-worker.mjs', import.meta.url))
import { tsImport } from 'tsx/esm/api';

await tsImport('./node-entry.ts', import.meta.url);
