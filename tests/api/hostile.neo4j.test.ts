import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import { neo4jSettings } from '../support/neo4j.js';
import { hostileContract } from './hostile.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('hostile input on Neo4j', () => {
  // Collected even when skipped: no driver without a server.
  const driver = settings ? createDriver(settings) : null;
  afterAll(() => driver?.close());
  hostileContract(
    it,
    async (dataset) => {
      await applySchema(driver!, settings!.database);
      await seedDataset(driver!, settings!.database, dataset, { reset: true });
      return new Neo4jStore(driver!, settings!);
    },
    () => loadDatasetFile(join(ROOT, 'data', 'idlib.json')),
  );
});
