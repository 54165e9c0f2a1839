import { describe, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { rawGraph } from '../support/write-invariants.js';
import { writePolicyContract } from './write-policies.contract.js';

describe('write policies on the embedded store', () => {
  writePolicyContract(
    it,
    async (dataset) => MemoryStore.fromDataset(dataset),
    (store) => rawGraph(store),
  );
});
