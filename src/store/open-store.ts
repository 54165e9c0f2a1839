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
  log.info({ dataset: config.dataset, actors: dataset.actors.length, relations: dataset.relations.length }, 'embedded store loaded');
  return MemoryStore.fromDataset(dataset);
}
