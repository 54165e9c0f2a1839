import { afterAll, describe, it } from 'vitest';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import { neo4jSettings } from '../support/neo4j.js';
import { importContract } from './import.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('imports into Neo4j', () => {
  const driver = createDriver(settings!);
  afterAll(() => driver.close());
  let schemaApplied = false;
  importContract(it, async (dataset) => {
    if (!schemaApplied) await applySchema(driver, settings!.database);
    schemaApplied = true;
    await seedDataset(driver, settings!.database, dataset, { reset: true });
    return new Neo4jStore(driver, settings!);
  });
});
