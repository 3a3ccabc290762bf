/**
 * The page's side of the ELK worker: created on first use (so neither elkjs nor the worker is part
 * of the first paint), one request at a time per id, errors as rejections. A failed or missing
 * worker leaves the caller on the grid layout.
 */
import type { ElkGraphNode } from './elkLayout';

type Reply = { id: number; graph: ElkGraphNode } | { id: number; error: string };

let worker: Worker | null = null;
let seq = 0;
const pending = new Map<number, { resolve: (g: ElkGraphNode) => void; reject: (e: Error) => void }>();

function failAll(message: string): void {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
  worker?.terminate();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module', name: 'elk-layout' });
  w.addEventListener('message', (e: MessageEvent<Reply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if ('error' in e.data) p.reject(new Error(`ELK layout failed: ${e.data.error}`));
    else p.resolve(e.data.graph);
  });
  w.addEventListener('error', (e) => failAll(`the layout worker failed: ${e.message || 'could not start'}`));
  worker = w;
  return w;
}

/** Lays a graph out in the worker. */
export function layoutInWorker(graph: ElkGraphNode): Promise<ElkGraphNode> {
  return new Promise((resolve, reject) => {
    const id = ++seq;
    pending.set(id, { resolve, reject });
    try {
      getWorker().postMessage({ id, graph });
    } catch (e) {
      pending.delete(id);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
