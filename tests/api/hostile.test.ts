import { join } from 'node:path';
import { describe, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { hostileContract } from './hostile.contract.js';

describe('hostile input on the embedded store', () => {
  hostileContract(
    it,
    async (dataset) => MemoryStore.fromDataset(dataset),
    () => loadDatasetFile(join(ROOT, 'data', 'idlib.json')),
  );
});
