import { describe, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { importContract } from './import.contract.js';

describe('imports into the embedded store', () => {
  importContract(it, async (dataset) => MemoryStore.fromDataset(dataset));
});
