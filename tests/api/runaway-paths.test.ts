import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient } from '../support/api.js';
import { denseDataset } from '../support/dense-graph.js';

describe('a path query that could run away', () => {
  it('ends with a clear error on the embedded store instead of hanging', async () => {
    const query = apiClient(MemoryStore.fromDataset(denseDataset(12, 3)));
    const started = Date.now();
    const res = await query('{ paths(from: "d00", to: "d01", maxHops: 6, first: 50) { hops } }');
    // Its step budget on a fast machine, its 10 s time limit (as Neo4j's transaction timeout) on a slow one.
    const [error] = res.errors ?? [];
    if (error?.extensions?.code === 'LIMIT_EXCEEDED') {
      expect(error).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', field: 'maxHops' } });
      expect(error.message).toMatch(/Too many paths to rank .* lower maxHops, or narrow kinds or window/);
    } else {
      expect(error).toMatchObject({
        message: "The query ran longer than the store's 10000 ms limit and was stopped.",
        extensions: { code: 'QUERY_TIMEOUT' },
      });
    }
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
