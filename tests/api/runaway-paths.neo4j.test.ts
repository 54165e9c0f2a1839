import { afterAll, describe, expect, it } from 'vitest';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import { apiClient } from '../support/api.js';
import { denseDataset } from '../support/dense-graph.js';
import { neo4jSettings } from '../support/neo4j.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('a path query that could run away on Neo4j', () => {
  const driver = createDriver(settings!);
  afterAll(() => driver.close());

  it('is stopped by the transaction timeout with a clear error', async () => {
    await applySchema(driver, settings!.database);
    await seedDataset(driver, settings!.database, denseDataset(12, 3), { reset: true });
    const query = apiClient(new Neo4jStore(driver, { ...settings!, txTimeoutMs: 1_000 }));
    const started = Date.now();
    const res = await query('{ paths(from: "d00", to: "d01", maxHops: 6, first: 50) { hops } }');
    const elapsed = Date.now() - started;
    console.log(`[runaway] stopped after ${elapsed} ms with ${res.errors?.[0].extensions?.code}`);
    expect(res.errors?.[0]).toMatchObject({
      message: "The query ran longer than the store's 1000 ms limit and was stopped.",
      extensions: { code: 'QUERY_TIMEOUT' },
    });
    expect(elapsed).toBeLessThan(10_000);
  });
});
