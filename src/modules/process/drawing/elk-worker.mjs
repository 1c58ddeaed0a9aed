// The worker thread that runs ELK for layout.ts (through layout-thread.ts), so that a layout taking seconds blocks
// this thread and not the server's. Plain JavaScript, not TypeScript: the worker starts without tsx's loader, however
// the main thread was started (bin/sunlit.js registers tsx in-process, tests use --import tsx).
//
// Protocol: once ELK is loaded the worker posts { ready: true }; each message after that is an ELK graph, answered by
// { graph } (the graph laid out) or { error: { name, message } }, one at a time in the order they came.
import { parentPort } from 'node:worker_threads';
import ElkBundle from 'elkjs/lib/elk.bundled.js';

// The bundle is CommonJS: imported from ESM its default is module.exports, whose `default` is the constructor again.
const elk = new ElkBundle.default();

parentPort.on('message', (graph) => {
  let settled;
  try {
    settled = elk.layout(graph);
  } catch (e) {
    settled = Promise.reject(e);
  }
  settled.then(
    (out) => parentPort.postMessage({ graph: out }),
    (e) => parentPort.postMessage({ error: { name: String(e?.name ?? 'Error'), message: String(e?.message ?? e) } }),
  );
});

parentPort.postMessage({ ready: true });
