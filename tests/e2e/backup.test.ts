import { describe, expect, it } from 'vitest';
import { parseBackup, takeBackup } from '../../src/dataset/backup.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { backupContract, writtenStore } from './backup.contract.js';

describe('backup and restore of the embedded store', () => {
  backupContract(it, async (dataset) => MemoryStore.fromDataset(dataset));

  it('refuses a backup whose history is out of order or names an unknown operation, naming the field', async () => {
    const file = await takeBackup(await writtenStore(async (dataset) => MemoryStore.fromDataset(dataset)));
    expect(() => parseBackup('b.json', { ...file, history: [...file.history].reverse() })).toThrow(/oldest first/);
    const wrong = { ...file, history: [{ ...file.history[0], operation: 'dropEverything' }] };
    expect(() => parseBackup('b.json', wrong)).toThrow(/history\.0\.operation/);
  });
});
