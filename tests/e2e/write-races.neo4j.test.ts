import { afterAll, describe, it } from 'vitest';
import { createDriver } from '../../src/store/neo4j/neo4j-store.js';
import { neo4jOpener, neo4jSettings } from '../support/neo4j.js';
import { rawGraph } from '../support/write-invariants.js';
import { writeRaceContract } from './write-races.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('racing writers on Neo4j', () => {
  const driver = createDriver(settings!);
  afterAll(() => driver.close());
  writeRaceContract(it, neo4jOpener(driver, settings!), (store) => rawGraph(store, driver, settings!.database));
});
