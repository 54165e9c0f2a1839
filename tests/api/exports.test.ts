import { describe, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { exportsContract } from './exports.contract.js';

describe('exports read by real consumers, on the embedded store', () => {
  exportsContract(it, async (dataset) => MemoryStore.fromDataset(dataset));
});
