// Runs ELK (elkjs, bundled build) off the main thread: one message in (a graph and a request id),
// one message out (the laid-out graph, or the error's message). Nothing else lives here.
import ELK from 'elkjs/lib/elk.bundled.js';

const elk = new ELK();

interface Request {
  id: number;
  graph: Parameters<typeof elk.layout>[0];
}

addEventListener('message', (e: MessageEvent<Request>) => {
  const { id, graph } = e.data;
  elk.layout(graph).then(
    (laid) => postMessage({ id, graph: laid }),
    (err: unknown) => postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
  );
});
