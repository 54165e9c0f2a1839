import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type TestAPI } from 'vitest';
import { parseBackup, takeBackup } from '../../src/dataset/backup.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { historyQuery } from '../../src/domain/edits.js';
import type { GraphStore } from '../../src/store/port.js';
import { restoreDataFolder } from '../../src/store/restore.js';
import { WriteService } from '../../src/service/write-service.js';
import { conflictDataset } from '../support/build.js';
import { graphDigest } from '../support/graph-digest.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

export const ALL = historyQuery({ limit: 200 });

/** A store with a few edits by two writers: a recording, an update, a retraction, a merge. */
export async function writtenStore(open: OpenStore): Promise<GraphStore> {
  const store = await open(conflictDataset());
  const alice = new WriteService(store, { by: 'alice' });
  const bob = new WriteService(store, { by: 'bob' });
  await alice.recordRelation({
    kind: 'SUPPORTS',
    from: 'ir',
    to: 'rebels',
    since: '2018-03-01',
    summary: 'Iran arms the rebels (test).',
    citations: [{ source: 'wire-2017-12-10', claimant: 'a monitor', claimantActor: 'loner' }],
  });
  await bob.updateActor('tr', { description: 'Ankara' });
  await bob.retractRelation('rebels-fight-daesh');
  await alice.mergeActors('rebels', 'cell');
  return store;
}

/** A backup taken from one store, through its file form, restored into a fresh data folder, reads the same. */
export function backupContract(it: TestAPI, open: OpenStore): void {
  it(
    'round-trips through a backup file into an empty data folder: same graph digest, same history',
    { timeout: 60_000 },
    async () => {
      const store = await writtenStore(open);
      const file = JSON.parse(JSON.stringify(await takeBackup(store)));
      expect(file.history.map((e: { by: string }) => e.by)).toEqual(['alice', 'bob', 'bob', 'alice']);
      const dir = await mkdtemp(join(tmpdir(), 'restore-'));
      try {
        const backup = parseBackup('backup.json', file);
        const restored = await restoreDataFolder(dir, backup);
        expect(await graphDigest(restored)).toEqual(await graphDigest(store));
        expect(await restored.history(ALL)).toEqual(await store.history(ALL));
        const ids = ['ir-supports-rebels-2018-03-01', 'ir-supports-gov'];
        expect(await restored.relationsRecorded(ids)).toEqual(await store.relationsRecorded(ids));
        // The restored store goes on numbering after the history it was given.
        await new WriteService(restored, { by: 'carol' }).restoreRelation('rebels-fight-daesh');
        expect((await restored.history({ ...ALL, limit: 1 })).items[0]).toMatchObject({ seq: 5, by: 'carol' });
        await restored.close();
        // A folder that holds a graph is refused, unless --force replaces it.
        await expect(restoreDataFolder(dir, backup)).rejects.toThrow(/already holds a graph.*--force/);
        const forced = await restoreDataFolder(dir, backup, { force: true });
        expect(await graphDigest(forced)).toEqual(await graphDigest(store));
        expect((await forced.history(ALL)).items).toHaveLength(4);
        await forced.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}
