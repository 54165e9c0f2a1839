// HiGHS (WebAssembly) in a worker thread of its own, so that a solve, which may take seconds on a
// large part, never holds the server's event loop: other requests go on while it runs.
// Messages in: { id, model, options } (a model in CPLEX LP format); out: { id, result } or { id, error }.
// Plain JavaScript, so Node runs it as it is (under tsx, under vitest, or built).
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';

const highs = await loadHighs();

parentPort.on('message', ({ id, model, options }) => {
  try {
    parentPort.postMessage({ id, result: highs.solve(model, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error instanceof Error ? error.message : error) });
  }
});
