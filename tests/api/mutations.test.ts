import { describe, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { mutationContract } from './mutations.contract.js';

describe('mutations on the embedded store', () => {
  mutationContract(it, async (dataset) => MemoryStore.fromDataset(dataset));
});
