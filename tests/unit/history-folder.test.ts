import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyQuery } from '../../src/domain/edits.js';
import { openDataFolder } from '../../src/store/memory/open-data-folder.js';
import { buildActor, conflictDataset } from '../support/build.js';
import { legacyJournalLine } from '../support/legacy-journal.js';

const ALL = historyQuery();
const DB = 'idlib.sqlite';

describe('the edit history in the embedded store data folder', () => {
  let dir: string;
  const open = () => openDataFolder(dir, { seed: async () => conflictDataset() });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'history-folder-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps each edit in the same commit as its write, across restarts', async () => {
    const first = await open();
    await first.store.write({ op: 'createActor', actor: buildActor({ id: 'new-a' }) }, { by: 'alice' });
    await first.store.write({ op: 'retractRelation', id: 'ru-supports-gov' }, { by: 'bob' });
    const before = await first.store.history(ALL);
    await first.store.close();
    const db = new Database(join(dir, DB), { readonly: true });
    // One row per write, holding the graph change's edit: there is no second place to fall out of step with.
    expect(db.prepare("SELECT seq, op, json_extract(edit, '$.by') AS by FROM writes ORDER BY seq").all()).toEqual([
      { seq: 1, op: 'createActor', by: 'alice' },
      { seq: 2, op: 'retractRelation', by: 'bob' },
    ]);
    db.close();
    const second = await open();
    expect(await second.store.history(ALL)).toEqual(before);
    await second.store.write({ op: 'updateActor', id: 'new-a', patch: { description: 'x' } }, { by: 'carol' });
    expect((await second.store.history(ALL)).items.map((e) => [e.seq, e.by])).toEqual([
      [3, 'carol'],
      [2, 'bob'],
      [1, 'alice'],
    ]);
    await second.store.close();
  });

  it('opens a database written before edits were kept (schema 1): its writes are edits by "unknown"', async () => {
    const first = await open();
    await first.store.write({ op: 'retractRelation', id: 'ru-supports-gov' });
    await first.store.close();
    // Back to schema 1 as the previous version wrote it: no `edit` column.
    const db = new Database(join(dir, DB));
    db.exec('ALTER TABLE writes DROP COLUMN edit');
    db.pragma('user_version = 1');
    db.close();

    const second = await open();
    expect(second.report).toMatchObject({ seeded: false, writes: 1 });
    const [legacy] = (await second.store.history(ALL)).items;
    expect(legacy).toMatchObject({
      seq: 1,
      by: 'unknown',
      operation: 'retractRelation',
      relationIds: ['ru-supports-gov'],
    });
    // What the retraction removed is still there to restore, from the write's own result.
    expect(JSON.parse(legacy.before!).relation.id).toBe('ru-supports-gov');
    await second.store.write({ op: 'createActor', actor: buildActor({ id: 'new-b' }) }, { by: 'alice' });
    expect((await second.store.history(ALL)).items.map((e) => [e.seq, e.by])).toEqual([
      [2, 'alice'],
      [1, 'unknown'],
    ]);
    await second.store.close();
    const reopened = new Database(join(dir, DB), { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBe(2);
    reopened.close();
  });

  it('migrates an old journal into the history as edits by "unknown"', async () => {
    await writeFile(
      join(dir, 'journal.jsonl'),
      legacyJournalLine({ op: 'createActor', actor: buildActor({ id: 'old-a' }) }) +
        legacyJournalLine({ op: 'closeRelation', id: 'ru-supports-gov', until: '2020-01-01' }),
    );
    const { store } = await open();
    expect((await store.history(ALL)).items.map((e) => [e.seq, e.by, e.operation])).toEqual([
      [2, 'unknown', 'closeRelation'],
      [1, 'unknown', 'createActor'],
    ]);
    await store.close();
  });
});
