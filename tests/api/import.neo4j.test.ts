import { afterAll, describe, it } from 'vitest';
import { createDriver } from '../../src/store/neo4j/neo4j-store.js';
import { neo4jOpener, neo4jSettings } from '../support/neo4j.js';
import { importContract } from './import.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('imports into Neo4j', () => {
  const driver = createDriver(settings!);
  afterAll(() => driver.close());
  importContract(it, neo4jOpener(driver, settings!));
});
