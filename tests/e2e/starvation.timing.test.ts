import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { starve } from '../support/starvation.js';

/**
 * Issue 18: eight clients repeating the heaviest query the cost limit admits must not starve a
 * ninth, cheap one. The server runs as `npm start` runs it, on the embedded store with the Idlib
 * dataset and its default limits (one expensive query at a time, searches yielding every 1 ms).
 */
describe('a cheap query beside eight clients sending the heaviest admitted query (embedded store)', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ STORE: 'memory' });
  });
  afterAll(() => server?.stop());

  it('answers the cheap query with a p99 under 100 ms', async () => {
    const result = await starve(server.url);
    console.log(`[starvation] embedded: ${JSON.stringify(result)}`);
    expect(result.heavy.other).toEqual([]);
    expect(result.heavy.answered).toBeGreaterThanOrEqual(8);
    expect(result.cheap.count).toBeGreaterThanOrEqual(100);
    expect(result.cheap.p99).toBeLessThan(100);
  }, 60_000);
});
