import { afterAll, describe, it } from 'vitest';
import { createDriver } from '../../src/store/neo4j/neo4j-store.js';
import { neo4jOpener, neo4jSettings } from '../support/neo4j.js';
import { evidenceContract } from './evidence.contract.js';
import { graphStoreContract } from './graph-store.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('Neo4jStore', () => {
  const driver = createDriver(settings!);
  afterAll(() => driver.close());
  graphStoreContract(it, neo4jOpener(driver, settings!));
  evidenceContract(it, neo4jOpener(driver, settings!));
});
