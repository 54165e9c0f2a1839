import type { Config } from '../config.js';
import { loadDatasetFile } from '../dataset/load-dataset.js';
import type { Logger } from '../logger.js';
import { MemoryStore } from './memory/memory-store.js';
import type { GraphStore } from './port.js';

/** Opens the store the settings name: the embedded one loaded from the dataset, or Neo4j. */
export async function openStore(config: Config, log: Logger): Promise<GraphStore> {
  if (config.store === 'neo4j') {
    const { Neo4jStore } = await import('./neo4j/neo4j-store.js');
    return Neo4jStore.connect(config.neo4j, log);
  }
  const dataset = await loadDatasetFile(config.dataset);
  const store = MemoryStore.fromDataset(dataset);
  log.info(
    { dataset: config.dataset, actors: dataset.actors.length, relations: dataset.relations.length },
    'embedded store loaded',
  );
  if (config.dataDir === null) {
    log.warn('DATA_DIR is not set: writes to the embedded store will not be kept after the server stops');
    return store;
  }
  const replay = await store.attachJournal(config.dataDir);
  if (replay.torn) log.warn(replay.torn);
  for (const skipped of replay.skipped) log.warn({ journal: replay.file }, `journal record skipped: ${skipped}`);
  log.info({ journal: replay.file, replayed: replay.replayed }, 'journal replayed; writes are kept');
  return store;
}
