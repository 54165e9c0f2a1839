import { afterAll, beforeAll, describe, it } from 'vitest';
import { createDriver } from '../../src/store/neo4j/neo4j-store.js';
import { conflictDataset } from '../support/build.js';
import { neo4jOpener, neo4jSettings } from '../support/neo4j.js';
import { evidenceContract } from './evidence.contract.js';
import { graphStoreContract } from './graph-store.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('Neo4jStore', () => {
  const driver = createDriver(settings!);
  const open = neo4jOpener(driver, settings!);
  // The first opening applies the schema and warms the server up: on a loaded machine that alone
  // may take longer than one test is given.
  beforeAll(() => open(conflictDataset()), 120_000);
  afterAll(() => driver.close());
  graphStoreContract(it, open);
  evidenceContract(it, open);
});
