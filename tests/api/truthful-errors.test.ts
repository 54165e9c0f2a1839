import { join } from 'node:path';
import { describe, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { GraphStore } from '../../src/store/port.js';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import { truthfulErrorsContract } from './truthful-errors.contract.js';

const idlib = () => loadDatasetFile(join(ROOT, 'data', 'idlib.json'));

/** The embedded store with its backing gone: every call fails as a store outage would. */
function failingStore(store: GraphStore): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return () => Promise.reject(new StoreUnavailableError('the data folder cannot be read'));
    },
  });
}

describe('errors that tell the truth, on the embedded store', () => {
  truthfulErrorsContract(
    it,
    async () => MemoryStore.fromDataset(await idlib()),
    async () => failingStore(MemoryStore.fromDataset(await idlib())),
  );
});
