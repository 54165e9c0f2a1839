import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient } from '../support/api.js';
import { denseDataset } from '../support/dense-graph.js';

describe('a path query that could run away', () => {
  it('ends with a clear error on the embedded store instead of hanging', async () => {
    const query = apiClient(MemoryStore.fromDataset(denseDataset(12, 3)));
    const started = Date.now();
    const res = await query('{ paths(from: "d00", to: "d01", maxHops: 6, first: 50) { hops } }');
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', field: 'maxHops' } });
    expect(res.errors?.[0].message).toMatch(/Too many paths to rank .* lower maxHops, or narrow kinds or window/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
