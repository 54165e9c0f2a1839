import { describe, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { evidenceApiContract } from './evidence.contract.js';

describe('evidence and readings through the API, on the embedded store', () => {
  evidenceApiContract(it, async (dataset) => MemoryStore.fromDataset(dataset));
});
