import { describe, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { evidenceContract } from './evidence.contract.js';
import { graphStoreContract } from './graph-store.contract.js';

describe('MemoryStore', () => {
  graphStoreContract(it, async (dataset) => MemoryStore.fromDataset(dataset));
  evidenceContract(it, async (dataset) => MemoryStore.fromDataset(dataset));
});
