import { afterAll, describe, expect, it } from 'vitest';
import { parseBackup, takeBackup } from '../../src/dataset/backup.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { restoreNeo4j } from '../../src/store/restore.js';
import { graphDigest } from '../support/graph-digest.js';
import { neo4jOpener, neo4jSettings } from '../support/neo4j.js';
import { ALL, backupContract, writtenStore } from './backup.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('backup and restore with Neo4j', () => {
  const driver = createDriver(settings!);
  afterAll(() => driver.close());
  const open = neo4jOpener(driver, settings!);
  // Neo4j → file → embedded.
  backupContract(it, open);

  it(
    "restores an embedded store's backup into Neo4j: same digest, same history; a second restore needs --force",
    { timeout: 120_000 },
    async () => {
      const memory = await writtenStore(async (dataset) => MemoryStore.fromDataset(dataset));
      const backup = parseBackup('backup.json', JSON.parse(JSON.stringify(await takeBackup(memory))));
      await open({ sources: [], actors: [], relations: [], citations: [] });
      await restoreNeo4j(settings!, backup);
      const neo4j = new Neo4jStore(driver, settings!);
      expect(await graphDigest(neo4j)).toEqual(await graphDigest(memory));
      expect(await neo4j.history(ALL)).toEqual(await memory.history(ALL));
      await expect(restoreNeo4j(settings!, backup)).rejects.toThrow(/already holds a graph or a history.*--force/);
      await restoreNeo4j(settings!, backup, { force: true });
      expect(await graphDigest(neo4j)).toEqual(await graphDigest(memory));
      expect((await neo4j.history(ALL)).items).toHaveLength(4);
    },
  );
});
