import { execFileSync } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WriteCommand } from '../../src/domain/commands.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { openDataFolder } from '../../src/store/memory/open-data-folder.js';
import { StorageUnwritableError } from '../../src/store/store-errors.js';
import { buildActor, buildCitation, buildRelation, conflictDataset } from '../support/build.js';
import { graphDigest } from '../support/graph-digest.js';
import { legacyJournalLine } from '../support/legacy-journal.js';

const create = (id: string): WriteCommand => ({ op: 'createActor', actor: buildActor({ id }) });
const DB = 'idlib.sqlite';

/** The same writes on a store without a data folder: what a reopened folder must equal. */
async function expectedAfter(commands: WriteCommand[]) {
  const store = MemoryStore.fromDataset(conflictDataset());
  for (const command of commands) await store.write(command).catch(() => undefined);
  return { digest: await graphDigest(store), merged: await store.actorsByIds(['ir', 'tr']) };
}

describe('the embedded store data folder (SQLite)', () => {
  let dir: string;
  const seed = vi.fn(async () => conflictDataset());
  const open = () => openDataFolder(dir, { seed });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'data-folder-'));
    seed.mockClear();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const history = () => {
    const db = new Database(join(dir, DB), { readonly: true });
    try {
      return db.prepare('SELECT seq, op, idempotency_key AS key FROM writes ORDER BY seq').all();
    } finally {
      db.close();
    }
  };

  it('seeds the database on the first start and loads every write from it afterwards, not from the dataset', async () => {
    const commands: WriteCommand[] = [
      create('new-a'),
      { op: 'closeRelation', id: 'ru-supports-gov', until: '2020-01-01' },
      { op: 'retractCitation', id: 'gov-fights-rebels@monitor-2018-02-09' },
      { op: 'mergeActors', survivorId: 'rebels', mergedId: 'tr' },
      { op: 'mergeActors', survivorId: 'gov', mergedId: 'rebels' },
      { op: 'updateActor', id: 'gov', patch: { description: 'Updated' } },
    ];
    const first = await open();
    expect(first.report).toMatchObject({ seeded: true, migrated: null, writes: 0 });
    for (const command of commands) await first.store.write(command);
    await first.store.close();

    const second = await open();
    expect(seed).toHaveBeenCalledTimes(1);
    expect(second.report).toMatchObject({ seeded: false, writes: commands.length });
    const expected = await expectedAfter(commands);
    expect(await graphDigest(second.store)).toEqual(expected.digest);
    // Redirects are kept, chains included: tr was merged into rebels, then rebels into gov.
    expect(await second.store.actorsByIds(['ir', 'tr'])).toEqual(expected.merged);
    expect((await second.store.actorsByIds(['tr']))[0]?.id).toBe('gov');
    await second.store.close();
  });

  it('keeps a refused write out of the history and the graph', async () => {
    const { store } = await open();
    await expect(store.write(create('gov'))).rejects.toThrow(/already exists/);
    await store.close();
    expect(history()).toEqual([]);
  });

  it('commits a batch as one transaction, one history row per command, or nothing', async () => {
    const { store } = await open();
    await store.writeBatch([create('b-1'), create('b-2')]);
    await expect(store.writeBatch([create('b-3'), create('b-1')])).rejects.toThrow(/already exists/);
    await store.close();
    expect(history()).toEqual([
      { seq: 1, op: 'createActor', key: null },
      { seq: 2, op: 'createActor', key: null },
    ]);
    const again = await open();
    expect((await again.store.actorsByIds(['b-1', 'b-2', 'b-3'])).map((a) => a?.id ?? null)).toEqual([
      'b-1',
      'b-2',
      null,
    ]);
    await again.store.close();
  });

  it('keeps idempotency keys across restarts: a retry after a restart writes nothing', async () => {
    const first = await open();
    const answer = await first.store.write(create('k-1'), { idempotencyKey: 'retry-me' });
    await first.store.close();
    const second = await open();
    expect(await second.store.write(create('k-2'), { idempotencyKey: 'retry-me' })).toEqual({
      ...answer,
      replayed: true,
    });
    await second.store.close();
    expect(history()).toEqual([{ seq: 1, op: 'createActor', key: 'retry-me' }]);
  });

  it('undoes the change in memory when the commit fails, and answers with a clear error', async () => {
    const failures: Error[] = [];
    const { store } = await openDataFolder(dir, { seed, onWriteFailure: (e) => failures.push(e) });
    const before = await graphDigest(store);
    // A read-only connection makes the commit fail, as a full disk does (tests/e2e/full-disk.test.ts).
    const db = (store as unknown as { log: { db: Database.Database } }).log.db;
    db.pragma('query_only = ON');
    const refused = store.write({ op: 'mergeActors', survivorId: 'gov', mergedId: 'ir' });
    await expect(refused).rejects.toBeInstanceOf(StorageUnwritableError);
    await expect(refused).rejects.toThrow(/The data folder is full or cannot be written .*the write was not kept/);
    expect(failures).toHaveLength(1);
    expect(await graphDigest(store)).toEqual(before);
    expect((await store.actorsByIds(['ir']))[0]?.id).toBe('ir');
    db.pragma('query_only = OFF');
    await store.write({ op: 'mergeActors', survivorId: 'gov', mergedId: 'ir' });
    await store.close();
    expect(history()).toEqual([{ seq: 1, op: 'mergeActors', key: null }]);
  });

  it('refuses a second process on the same folder with a clear message, and opens once the first has closed it', async () => {
    const first = await open();
    const script = `
      import('${new URL('../../src/store/memory/open-data-folder.ts', import.meta.url).pathname}').then(async (m) => {
        try { await m.openDataFolder(process.argv[1], { seed: async () => { throw new Error('no seed expected'); } }); console.log('opened'); }
        catch (e) { console.log(e.message); }
      });`;
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], {
        encoding: 'utf8',
      });
    expect(run()).toMatch(
      new RegExp(
        `The data folder .* is in use by another process \\(pid ${process.pid}, a running server or import\\?\\): stop it first`,
      ),
    );
    await first.store.close();
    expect(run()).toMatch(/^opened/);
  });
});

describe('a damaged database', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'data-folder-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stops the start with a message that points to the recovery steps', async () => {
    const { store } = await openDataFolder(dir, { seed: async () => conflictDataset() });
    await store.close();
    const file = join(dir, DB);
    const db = new Database(file);
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'actors'").get() as {
      rootpage: number;
    };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = await readFile(file);
    bytes.fill(0xa5, (rootpage - 1) * pageSize, rootpage * pageSize);
    await writeFile(file, bytes);
    await expect(openDataFolder(dir, { seed: async () => conflictDataset() })).rejects.toThrow(
      /idlib.sqlite cannot be read \(.*\); the server will not start on it. See docs\/operations.md, "Embedded store data folder"/,
    );
  });
});

describe('migrating an old journal.jsonl', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'data-folder-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const seed = async () => conflictDataset();
  const commands: WriteCommand[] = [
    create('old-a'),
    {
      op: 'recordRelation',
      relation: buildRelation({ id: 'old-rel', from: 'old-a', to: 'gov' }),
      citations: [buildCitation('old-rel', conflictDataset().sources[0])],
    },
    create('gov'), // refused on every replay by the old server too: skipped, with the reason
    { op: 'mergeActors', survivorId: 'gov', mergedId: 'ir' },
  ];
  const journal = () => join(dir, 'journal.jsonl');
  const exists = (file: string) =>
    access(join(dir, file)).then(
      () => true,
      () => false,
    );

  it('replays it onto the seeded graph once, cuts a torn tail, renames it, and never replays it again', async () => {
    const text = commands.map(legacyJournalLine).join('');
    await writeFile(journal(), text + legacyJournalLine(create('torn')).slice(0, 30));
    await writeFile(join(dir, 'journal.lock'), '999999999'); // left by an old server that died

    const first = await openDataFolder(dir, { seed });
    expect(first.report.migrated).toEqual({
      journal: journal(),
      replayed: 3,
      skipped: [expect.stringMatching(/^line 3 \(createActor\): A.* with id "gov" already exists/)],
      torn: expect.stringMatching(/the last record \(line 5\) was torn by a crash mid-write/),
    });
    expect(first.report.writes).toBe(3);
    expect(await graphDigest(first.store)).toEqual((await expectedAfter(commands)).digest);
    await first.store.write(create('after-migration'));
    await first.store.close();
    expect(await exists('journal.jsonl')).toBe(false);
    expect(await exists('journal.lock')).toBe(false);
    expect(await readFile(join(dir, 'journal.jsonl.migrated'), 'utf8')).toMatch(/^[0-9a-f]{8} /);

    const second = await openDataFolder(dir, { seed });
    expect(second.report).toMatchObject({ seeded: false, migrated: null, writes: 4 });
    expect((await second.store.actorsByIds(['old-a', 'after-migration', 'ir'])).map((a) => a?.id)).toEqual([
      'old-a',
      'after-migration',
      'gov',
    ]);
    await second.store.close();
  });

  it('migrates nothing and starts nothing when a record before the last is damaged, so it can be fixed and retried', async () => {
    const lines = commands.map(legacyJournalLine);
    lines[1] = lines[1].replace('old-rel', 'old-reL');
    await writeFile(journal(), lines.join(''));
    await expect(openDataFolder(dir, { seed })).rejects.toThrow(
      /journal.jsonl: line 2 is damaged \(its checksum or JSON is wrong\), so it cannot be migrated. Nothing was migrated/,
    );
    expect(await exists('journal.jsonl')).toBe(true);
    // Fixed (here: cut before the damage, as docs/operations.md describes), it migrates.
    await writeFile(journal(), lines[0]);
    const { store, report } = await openDataFolder(dir, { seed });
    expect(report.migrated).toMatchObject({ replayed: 1, skipped: [], torn: null });
    await store.close();
  });

  it('refuses a journal that appears beside a database it was never migrated into', async () => {
    const { store } = await openDataFolder(dir, { seed });
    await store.close();
    await writeFile(journal(), legacyJournalLine(create('late')));
    await expect(openDataFolder(dir, { seed })).rejects.toThrow(
      /journal.jsonl was found beside a database that already holds the graph .* so it was not migrated/,
    );
  });

  it('refuses a folder an old server still writes', async () => {
    await writeFile(journal(), '');
    await writeFile(join(dir, 'journal.lock'), String(process.ppid));
    await expect(openDataFolder(dir, { seed })).rejects.toThrow(
      new RegExp(`is in use by process ${process.ppid}, an older server or import writing journal.jsonl`),
    );
  });
});

describe('large values in the data folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'data-folder-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('loads after many updates with 90 KB descriptions: the history grows, the graph does not', async () => {
    // The old journal kept all of them in one file read as one string; 6,500 made it unloadable.
    const updates = 300;
    const first = await openDataFolder(dir, { seed: async () => conflictDataset() });
    const description = (i: number) => `${i} `.padEnd(90_000, 'x');
    for (let i = 0; i < updates; i++)
      await first.store.write({ op: 'updateActor', id: 'gov', patch: { description: description(i) } });
    await first.store.close();

    const started = performance.now();
    const second = await openDataFolder(dir, { seed: async () => conflictDataset() });
    const loadMs = performance.now() - started;
    expect(second.report.writes).toBe(updates);
    expect((await second.store.actorsByIds(['gov']))[0]?.description).toBe(description(updates - 1));
    await second.store.close();
    const db = new Database(join(dir, DB), { readonly: true });
    const sizes = db
      .prepare(
        'SELECT (SELECT sum(length(command)) FROM writes) AS history, (SELECT sum(length(body)) FROM actors) AS graph',
      )
      .get() as { history: number; graph: number };
    db.close();
    expect(sizes.history).toBeGreaterThan(updates * 90_000);
    expect(sizes.graph).toBeLessThan(200_000);
    console.log(
      `[large values] ${updates} updates of 90 KB: history ${(sizes.history / 1e6).toFixed(1)} MB, graph ${(sizes.graph / 1e3).toFixed(0)} KB, reopened in ${loadMs.toFixed(0)} ms`,
    );
  }, 60_000);
});
