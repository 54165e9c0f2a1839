import { describe, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { graphApiContract } from './graph.contract.js';

describe('graph-shaped API, on the embedded store', () => {
  graphApiContract(it, async (dataset) => MemoryStore.fromDataset(dataset));
});
