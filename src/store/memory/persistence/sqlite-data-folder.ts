import { mkdirSync, openSync, fsyncSync, closeSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { WriteCommand, WriteResult } from '../../../domain/commands.js';
import { editContent, UNNAMED_WRITER, type Edit } from '../../../domain/edits.js';
import { StorageUnwritableError, StoreUnavailableError } from '../../store-errors.js';
import { ownerLine, parseOwner } from './process-owner.js';
import type { LoggedWrite, StateChanges, StoredGraph, WriteLog } from './write-log.js';

/** The database file inside DATA_DIR. */
export const DATABASE_FILE = 'idlib.sqlite';
/**
 * Who holds the folder (`pid start-time`), for the message a second process gets; removed on a
 * clean close. SQLite's lock is what guards the folder: this file left by a crash is harmless.
 */
const OWNER_FILE = 'idlib.sqlite.owner';
/** 1: the first database; 2: each write keeps its edit (who, what before and after), `writes.edit`. */
const SCHEMA_VERSION = 2;
const RECOVERY = 'See docs/operations.md, "Embedded store data folder", to check and recover it.';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS sources (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS actors (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS relations (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS citations (id TEXT PRIMARY KEY, relation_id TEXT NOT NULL, body TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS redirects (from_id TEXT PRIMARY KEY, to_id TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS writes (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    op TEXT NOT NULL,
    command TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    result TEXT NOT NULL,
    edit TEXT
  ) STRICT;
`;

/** Brings a database of schema 1 to 2: its writes keep their rows and are edits by `UNNAMED_WRITER`. */
const MIGRATE_1_TO_2 = 'ALTER TABLE writes ADD COLUMN edit TEXT;';

type Table = 'sources' | 'actors' | 'relations' | 'citations';

/**
 * The embedded store's data folder: one SQLite database in WAL mode with `synchronous=FULL`, so a
 * transaction is on disk when its commit returns. It holds the graph's records (loaded into memory
 * at start-up) and the history of every acknowledged write, each write one transaction. The
 * connection takes SQLite's exclusive lock and keeps it: a second process on the same folder is
 * refused, and a process that dies (even by SIGKILL) releases the lock with its file handles.
 */
export class SqliteDataFolder implements WriteLog {
  private readonly statements;
  private readonly commitWrites;
  private readonly importWrites;

  private constructor(
    readonly dir: string,
    private readonly db: Database.Database,
    private readonly onFailure: (error: Error) => void,
  ) {
    const upsert = (table: Table) => db.prepare(`INSERT OR REPLACE INTO ${table} (id, body) VALUES (?, ?)`);
    const remove = (table: Table | 'redirects', key = 'id') => db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`);
    this.statements = {
      upsert: { sources: upsert('sources'), actors: upsert('actors'), relations: upsert('relations') },
      upsertCitation: db.prepare('INSERT OR REPLACE INTO citations (id, relation_id, body) VALUES (?, ?, ?)'),
      upsertRedirect: db.prepare('INSERT OR REPLACE INTO redirects (from_id, to_id) VALUES (?, ?)'),
      remove: {
        sources: remove('sources'),
        actors: remove('actors'),
        relations: remove('relations'),
        citations: remove('citations'),
        redirects: remove('redirects', 'from_id'),
      },
      logWrite: db.prepare(
        'INSERT INTO writes (seq, at, op, command, idempotency_key, result, edit) VALUES (@seq, @at, @op, @command, @key, @result, @edit)',
      ),
      edits: db.prepare<
        [],
        { seq: number; at: string; op: string; command: string; result: string; edit: string | null }
      >('SELECT seq, at, op, command, result, edit FROM writes ORDER BY seq'),
      answerOf: db.prepare<[string], { result: string }>('SELECT result FROM writes WHERE idempotency_key = ?'),
      meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
    this.commitWrites = db.transaction((writes: readonly LoggedWrite[], key: string | null, changes: StateChanges) => {
      this.putChanges(changes);
      for (const [i, { command, result, edit }] of writes.entries()) {
        this.statements.logWrite.run({
          seq: edit.seq,
          at: edit.at,
          op: command.op,
          command: JSON.stringify(command),
          key: i === 0 ? key : null,
          result: JSON.stringify(result),
          edit: JSON.stringify(edit),
        });
      }
    });
    this.importWrites = db.transaction((edits: readonly Edit[]) => {
      for (const edit of edits) {
        const { actorIds, relationIds, citationIds, sourceIds } = edit;
        this.statements.logWrite.run({
          seq: edit.seq,
          at: edit.at,
          op: edit.operation,
          command: 'null',
          key: null,
          result: JSON.stringify({ actorIds, relationIds, citationIds, sourceIds }),
          edit: JSON.stringify(edit),
        });
      }
    });
  }

  /**
   * Opens (creating if needed) the database in `dir` and takes the folder for this process.
   * `onFailure` hears every failed commit, for the server log, before the caller gets the error.
   */
  static open(dir: string, onFailure: (error: Error) => void = () => {}): SqliteDataFolder {
    const file = join(dir, DATABASE_FILE);
    let db: Database.Database;
    try {
      mkdirSync(dir, { recursive: true });
      db = new Database(file, { timeout: 0 });
    } catch (error) {
      throw new StoreUnavailableError(`The data folder ${dir} cannot be opened: ${(error as Error).message}`);
    }
    try {
      // Exclusive before WAL: the WAL index then lives in this process's memory, and the lock taken
      // by the empty write transaction below is held until the connection closes.
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('journal_size_limit = 16777216');
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new StoreUnavailableError(inUse(dir));
      throw new StoreUnavailableError(
        `The data folder ${dir} cannot be opened: ${(error as Error).message}. ${RECOVERY}`,
      );
    }
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION)
        throw new StoreUnavailableError(
          `${file} was written by a newer version of this server (schema ${version}); upgrade the server to open it`,
        );
      if (version === 0) {
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        syncFolder(dir);
      } else if (version < SCHEMA_VERSION) {
        // One small change to the table's definition, in one transaction: a full disk leaves schema 1 as it was.
        db.transaction(() => {
          db.exec(MIGRATE_1_TO_2);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        })();
      }
      recordOwner(dir);
    } catch (error) {
      db.close();
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(
        `The data folder ${dir} cannot be prepared: ${(error as Error).message}. ${RECOVERY}`,
      );
    }
    return new SqliteDataFolder(dir, db, onFailure);
  }

  get file(): string {
    return join(this.dir, DATABASE_FILE);
  }

  /** A value the folder keeps about itself (when it was seeded, whether a journal was migrated). */
  meta(key: string): string | null {
    return this.statements.meta.get(key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value);
  }

  /** Whether the database already holds a graph (it is seeded once, on the first start). */
  get seeded(): boolean {
    return this.meta('seeded_at') !== null;
  }

  /** Writes a whole graph; used once, to seed the database, inside `inTransaction`. */
  putGraph(graph: StoredGraph): void {
    for (const source of graph.sources) this.statements.upsert.sources.run(source.id, JSON.stringify(source));
    for (const actor of graph.actors) this.statements.upsert.actors.run(actor.id, JSON.stringify(actor));
    for (const relation of graph.relations) this.statements.upsert.relations.run(relation.id, JSON.stringify(relation));
    for (const citation of graph.citations)
      this.statements.upsertCitation.run(citation.id, citation.relationId, JSON.stringify(citation));
    for (const [from, to] of graph.redirects) this.statements.upsertRedirect.run(from, to);
  }

  /** The graph as the database holds it; a damaged database is refused with the way to recover it. */
  loadGraph(): StoredGraph {
    try {
      return this.readGraph();
    } catch (error) {
      throw new StoreUnavailableError(
        `${this.file} cannot be read (${(error as Error).message}); the server will not start on it. ${RECOVERY}`,
      );
    }
  }

  private readGraph(): StoredGraph {
    const bodies = <T>(table: Table) =>
      this.db
        .prepare<[], { body: string }>(`SELECT body FROM ${table}`)
        .all()
        .map((row) => JSON.parse(row.body) as T);
    return {
      sources: bodies('sources'),
      actors: bodies('actors'),
      relations: bodies('relations'),
      citations: bodies('citations'),
      redirects: this.db
        .prepare<[], { from_id: string; to_id: string }>('SELECT from_id, to_id FROM redirects')
        .all()
        .map((row) => [row.from_id, row.to_id]),
    };
  }

  /** How many writes the history holds. */
  writeCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM writes').get() as { n: number }).n;
  }

  /** The history, oldest first; a write kept before edits were (schema 1, an old journal's replay) by `UNNAMED_WRITER`. */
  edits(): Edit[] {
    return this.statements.edits.all().map((row) => {
      if (row.edit !== null) return JSON.parse(row.edit) as Edit;
      const command = JSON.parse(row.command) as WriteCommand;
      const result = JSON.parse(row.result) as WriteResult;
      return {
        seq: row.seq,
        at: row.at,
        by: UNNAMED_WRITER,
        operation: command.op,
        actorIds: result.actorIds,
        relationIds: result.relationIds,
        citationIds: result.citationIds,
        sourceIds: result.sourceIds,
        ...editContent(command, result, { before: null, after: null }),
      };
    });
  }

  importEdits(edits: readonly Edit[]): void {
    if (this.writeCount() > 0) throw new Error(`${this.file} already holds a history: restore into an empty store`);
    try {
      this.importWrites(edits);
    } catch (error) {
      const failure = new StorageUnwritableError(this.dir, error as Error);
      this.onFailure(failure);
      throw failure;
    }
  }

  /**
   * Runs `work` in one transaction: all of it is on disk when this resolves, or none of it. The
   * writes committed inside it (a migration's replay) become part of it.
   */
  async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  answerOf(key: string): WriteResult | null {
    const row = this.statements.answerOf.get(key);
    return row ? (JSON.parse(row.result) as WriteResult) : null;
  }

  commit(writes: readonly LoggedWrite[], idempotencyKey: string | null, changes: StateChanges): void {
    try {
      this.commitWrites(writes, idempotencyKey, changes);
    } catch (error) {
      const failure = new StorageUnwritableError(this.dir, error as Error);
      this.onFailure(failure);
      throw failure;
    }
  }

  /** Closes the database (folding its WAL in) and so releases the folder; its owner file goes too. */
  close(): void {
    if (!this.db.open) return;
    // Removed while the lock is still ours, so a process that takes the folder next keeps its own.
    try {
      rmSync(join(this.dir, OWNER_FILE), { force: true });
    } catch {
      // Only a name for messages; a read-only folder may keep it.
    }
    this.db.close();
  }

  private putChanges(changes: StateChanges): void {
    const { upsert, remove } = this.statements;
    for (const table of ['sources', 'actors', 'relations'] as const) {
      for (const [id, record] of changes[table]) {
        if (record) upsert[table].run(id, JSON.stringify(record));
        else remove[table].run(id);
      }
    }
    for (const [id, citation] of changes.citations) {
      if (citation) this.statements.upsertCitation.run(id, citation.relationId, JSON.stringify(citation));
      else remove.citations.run(id);
    }
    for (const [from, to] of changes.redirects) {
      if (to) this.statements.upsertRedirect.run(from, to);
      else remove.redirects.run(from);
    }
  }
}

/** Notes this process as the folder's holder, for a second process's message; best effort (a full disk). */
function recordOwner(dir: string): void {
  try {
    writeFileSync(join(dir, OWNER_FILE), `${ownerLine()}\n`);
  } catch {
    // Not needed for safety: SQLite's lock is what keeps a second process out.
  }
}

function inUse(dir: string): string {
  let owner = '';
  try {
    owner = String(parseOwner(readFileSync(join(dir, OWNER_FILE), 'utf8'))?.pid ?? '');
  } catch {
    // The lock is what counts; the owner's pid only makes the message more useful.
  }
  const who = owner ? `pid ${owner}, a running server or import?` : 'a running server or import?';
  return `The data folder ${dir} is in use by another process (${who}): stop it first, or give this one another DATA_DIR`;
}

/** Makes a new file's directory entry durable (SQLite syncs its own WAL's entry, not the database's). */
function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
