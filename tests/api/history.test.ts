import { describe, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { historyContract } from './history.contract.js';

describe('named writers and the edit history on the embedded store', () => {
  historyContract(it, async (dataset) => MemoryStore.fromDataset(dataset));
});
