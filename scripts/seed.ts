// `npm run seed [-- --reset] [--dataset FILE]`: applies cypher/schema and loads the dataset into Neo4j,
// waiting up to NEO4J_STARTUP_WAIT_MS (60 s) for a Neo4j that is still starting.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { DatasetError, loadDatasetFile } from '../src/dataset/load-dataset.js';
import { createDriver } from '../src/store/neo4j/neo4j-store.js';
import { applySchema, graphCounts, seedDataset, type GraphCounts } from '../src/store/neo4j/seed.js';
import { waitForNeo4j } from '../src/store/neo4j/wait-for-neo4j.js';

async function main() {
  const { values } = parseArgs({
    options: { reset: { type: 'boolean', default: false }, dataset: { type: 'string' } },
  });
  const config = loadConfig();
  const file = values.dataset ?? config.dataset;
  const dataset = await loadDatasetFile(file);
  const driver = createDriver(config.neo4j);
  try {
    await waitForNeo4j(() => driver.verifyConnectivity({ database: config.neo4j.database }), {
      uri: config.neo4j.uri,
      waitMs: config.neo4j.startupWaitMs ?? 0,
      log: (message) => console.error(message),
    });
  } catch (error) {
    await driver.close();
    throw new Error(
      `Cannot reach Neo4j at ${config.neo4j.uri}: ${(error as Error).message}\nStart it with \`npm run neo4j\` in another terminal, or set NEO4J_URI.`,
    );
  }
  try {
    const started = Date.now();
    await applySchema(driver, config.neo4j.database);
    const before = await graphCounts(driver, config.neo4j.database);
    await seedDataset(driver, config.neo4j.database, dataset, { reset: values.reset });
    const after = await graphCounts(driver, config.neo4j.database);
    const describe = (c: GraphCounts) =>
      `${c.actors} actors, ${c.relations} relations, ${c.citations} citations, ${c.sources} sources`;
    console.log(
      `Seeded ${config.neo4j.uri} (database "${config.neo4j.database}") from ${file} in ${Date.now() - started} ms${values.reset ? ', graph cleared first' : ''}.`,
    );
    console.log(`  before: ${describe(before)}`);
    console.log(`  after:  ${describe(after)}`);
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DatasetError;
  console.error(known || error instanceof Error ? (error as Error).message : error);
  process.exit(1);
});
