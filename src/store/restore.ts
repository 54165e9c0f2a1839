import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Backup } from '../dataset/backup.js';
import { historyQuery } from '../domain/edits.js';
import { openDataFolder } from './memory/open-data-folder.js';
import { DATABASE_FILE } from './memory/persistence/sqlite-data-folder.js';
import { createDriver, Neo4jStore } from './neo4j/neo4j-store.js';
import { applySchema, graphCounts, seedDataset } from './neo4j/seed.js';
import { waitForNeo4j } from './neo4j/wait-for-neo4j.js';
import type { GraphStore } from './port.js';

/** A restore refused because the target already holds a graph or a history. */
export class NotEmptyError extends Error {}

export interface RestoreOptions {
  /** Replace what the target holds (its graph and history) instead of refusing. */
  force?: boolean;
}

/**
 * Restores a backup into the embedded store's data folder `dir`: the graph and its history in one
 * transaction, into a folder that holds no database yet (or, with `force`, after removing the one
 * it holds). Answers the store, open on the folder.
 */
export async function restoreDataFolder(
  dir: string,
  backup: Backup,
  options: RestoreOptions = {},
): Promise<GraphStore> {
  if (options.force)
    for (const suffix of ['', '-wal', '-shm']) await rm(join(dir, DATABASE_FILE + suffix), { force: true });
  const { store, report } = await openDataFolder(dir, {
    seed: async () => backup.dataset,
    seedHistory: backup.history,
  });
  if (!report.seeded) {
    await store.close();
    throw new NotEmptyError(
      `${report.file} already holds a graph: restore into an empty DATA_DIR, or pass --force to replace it`,
    );
  }
  return store;
}

/**
 * Restores a backup into Neo4j: the schema, then the graph (one transaction), then the history
 * (one transaction), into a database holding no graph and no history unless `force` clears it.
 */
export async function restoreNeo4j(
  settings: Config['neo4j'],
  backup: Backup,
  options: RestoreOptions = {},
): Promise<void> {
  const driver = createDriver(settings);
  try {
    await waitForNeo4j(() => driver.verifyConnectivity({ database: settings.database }), {
      uri: settings.uri,
      waitMs: settings.startupWaitMs ?? 0,
      log: (message) => console.error(message),
    });
    await applySchema(driver, settings.database);
    const store = new Neo4jStore(driver, settings);
    const counts = await graphCounts(driver, settings.database);
    const history = await store.history(historyQuery({ limit: 1 }));
    const edits = history.items.length;
    const holds = counts.actors + counts.relations + counts.sources + edits > 0;
    if (holds && !options.force)
      throw new NotEmptyError(
        `Neo4j at ${settings.uri} (database "${settings.database}") already holds a graph or a history: ` +
          'restore into an empty database, or pass --force to replace it',
      );
    await seedDataset(driver, settings.database, backup.dataset, { reset: holds });
    await store.importHistory(backup.history);
  } finally {
    await driver.close();
  }
}
