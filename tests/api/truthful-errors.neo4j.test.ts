import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { neo4jOpener, neo4jSettings } from '../support/neo4j.js';
import { truthfulErrorsContract } from './truthful-errors.contract.js';

const settings = neo4jSettings();

/** A local port nothing listens on: a Neo4j that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(!settings)('errors that tell the truth, on Neo4j', () => {
  // Collected even when skipped: no driver without a server.
  const driver = settings ? createDriver(settings) : null;
  const downDrivers: ReturnType<typeof createDriver>[] = [];
  afterAll(async () => {
    await driver?.close();
    await Promise.all(downDrivers.map((d) => d.close()));
  });
  const open = settings ? neo4jOpener(driver!, settings) : null;
  truthfulErrorsContract(
    it,
    async () => open!(await loadDatasetFile(join(ROOT, 'data', 'idlib.json'))),
    async () => {
      // The real driver against a port where Neo4j is down: connections are refused.
      const down = createDriver({ ...settings!, uri: `bolt://127.0.0.1:${await closedPort()}` });
      downDrivers.push(down);
      return new Neo4jStore(down, settings!);
    },
  );
});
