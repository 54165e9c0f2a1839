import type { Config } from '../config.js';
import { loadDatasetFile } from '../dataset/load-dataset.js';
import type { Logger } from '../logger.js';
import { MemoryStore } from './memory/memory-store.js';
import { openDataFolder } from './memory/open-data-folder.js';
import type { GraphStore } from './port.js';
import type { StorageUnwritableError } from './store-errors.js';

/**
 * Opens the store the settings name: Neo4j, or the embedded one, kept in its data folder (seeded
 * from the dataset file on the first start) or, without DATA_DIR, loaded from the dataset file.
 */
export async function openStore(config: Config, log: Logger): Promise<GraphStore> {
  if (config.store === 'neo4j') {
    const { Neo4jStore } = await import('./neo4j/neo4j-store.js');
    return Neo4jStore.connect(config.neo4j, log);
  }
  if (config.dataDir === null) {
    const dataset = await loadDatasetFile(config.dataset);
    log.info(
      { dataset: config.dataset, actors: dataset.actors.length, relations: dataset.relations.length },
      'embedded store loaded',
    );
    log.warn('DATA_DIR is not set: writes to the embedded store will not be kept after the server stops');
    return MemoryStore.fromDataset(dataset);
  }
  const { store, report } = await openDataFolder(config.dataDir, {
    seed: () => loadDatasetFile(config.dataset),
    onWriteFailure: (error) =>
      log.error(
        { dataDir: config.dataDir, cause: (error as StorageUnwritableError).reason?.message },
        'a write could not be kept: the data folder is full or unwritable',
      ),
  });
  const { migrated } = report;
  if (migrated) {
    if (migrated.torn) log.warn(migrated.torn);
    for (const skipped of migrated.skipped)
      log.warn({ journal: migrated.journal }, `journal record skipped: ${skipped}`);
    log.info(
      { journal: migrated.journal, replayed: migrated.replayed },
      'old journal migrated into the database and renamed journal.jsonl.migrated',
    );
  }
  log.info(
    { database: report.file, actors: report.actors, relations: report.relations, writes: report.writes },
    report.seeded
      ? `embedded store seeded from ${config.dataset}; writes are kept`
      : 'embedded store loaded; writes are kept',
  );
  return store;
}
