import { afterAll, describe, it } from 'vitest';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import { neo4jSettings } from '../support/neo4j.js';
import { expensiveContract } from './expensive.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('expensive reads on Neo4j', () => {
  // Collected even when skipped: no driver without a server.
  const driver = settings ? createDriver(settings) : null;
  afterAll(() => driver?.close());
  let schemaApplied = false;
  // Neo4j's transaction timeout ends before the request deadline (as REQUEST_TIMEOUT_MS > NEO4J_TX_TIMEOUT_MS requires).
  expensiveContract(it, async (dataset) => {
    if (!schemaApplied) await applySchema(driver!, settings!.database);
    schemaApplied = true;
    await seedDataset(driver!, settings!.database, dataset, { reset: true });
    return new Neo4jStore(driver!, { ...settings!, txTimeoutMs: 1_000 });
  });
});
