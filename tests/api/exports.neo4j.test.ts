import { afterAll, describe, it } from 'vitest';
import { createDriver } from '../../src/store/neo4j/neo4j-store.js';
import { neo4jOpener, neo4jSettings } from '../support/neo4j.js';
import { exportsContract } from './exports.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('exports read by real consumers, on Neo4j', () => {
  const driver = createDriver(settings!);
  afterAll(() => driver.close());
  exportsContract(it, neo4jOpener(driver, settings!));
});
