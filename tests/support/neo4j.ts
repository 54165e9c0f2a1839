import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { Dataset } from '../../src/dataset/dataset.js';
import { Neo4jStore, type Neo4jSettings } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';

/**
 * The Neo4j settings for this test run, or null when there is no server. A missing server is
 * said loudly, and fails the run when NEO4J_REQUIRED=1 (as in CI).
 */
export function neo4jSettings(): Neo4jSettings | null {
  const target = inject('neo4j');
  if (target.uri) {
    return {
      uri: target.uri,
      user: target.user,
      password: target.password,
      database: target.database,
      txTimeoutMs: 10_000,
    };
  }
  const message = `Neo4j tests cannot run: ${target.reason}`;
  if (process.env.NEO4J_REQUIRED === '1') throw new Error(`${message} (NEO4J_REQUIRED=1)`);
  console.warn(
    `\n*** SKIPPING the Neo4j tests in this file. ${message}\n*** Set NEO4J_URI, or install Java 21+ so \`npm test\` can start a local Neo4j.\n`,
  );
  return null;
}

/**
 * Opens the Neo4j store on a given dataset for a contract: the graph is cleared and loaded with
 * it, so every test starts from its own data (the Neo4j files run one at a time).
 */
export function neo4jOpener(driver: Driver, settings: Neo4jSettings) {
  let schemaApplied = false;
  return async (dataset: Dataset): Promise<Neo4jStore> => {
    if (!schemaApplied) await applySchema(driver, settings.database);
    schemaApplied = true;
    await seedDataset(driver, settings.database, dataset, { reset: true });
    return new Neo4jStore(driver, settings);
  };
}
