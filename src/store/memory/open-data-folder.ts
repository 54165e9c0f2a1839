import { access, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from '../../dataset/dataset.js';
import type { Edit } from '../../domain/edits.js';
import { StoreUnavailableError } from '../store-errors.js';
import { MemoryStore } from './memory-store.js';
import {
  LEGACY_JOURNAL,
  MIGRATED_JOURNAL,
  readLegacyJournal,
  releaseLegacyLock,
} from './persistence/legacy-journal.js';
import { SqliteDataFolder } from './persistence/sqlite-data-folder.js';

/** What opening a data folder did, for the start-up log. */
export interface DataFolderReport {
  file: string;
  /** True on the first start, when the database was seeded from the dataset file. */
  seeded: boolean;
  /** Records of an old `journal.jsonl` moved into the database on this start; null if there was none. */
  migrated: { journal: string; replayed: number; skipped: string[]; torn: string | null } | null;
  actors: number;
  relations: number;
  /** Writes in the database's history. */
  writes: number;
}

export interface OpenDataFolderOptions {
  /** The graph to start from on the first start; not called afterwards. */
  seed: () => Promise<Dataset>;
  /** Hears each write the folder failed to keep (full disk, unwritable), for the server log. */
  onWriteFailure?: (error: Error) => void;
  /** A history to seed with the graph, in the same transaction (a restore from a backup). */
  seedHistory?: readonly Edit[];
}

/**
 * The embedded store kept in `dir`: on the first start the database is seeded from the dataset
 * (and an old journal found there replayed onto it, then renamed), all in one transaction; later
 * starts load the graph from the database. Every write is then committed there before it is
 * acknowledged.
 */
export async function openDataFolder(
  dir: string,
  options: OpenDataFolderOptions,
): Promise<{ store: MemoryStore; report: DataFolderReport }> {
  const folder = SqliteDataFolder.open(dir, options.onWriteFailure);
  try {
    const journal = join(dir, LEGACY_JOURNAL);
    const hasJournal = await exists(journal);
    let store: MemoryStore;
    let migrated: DataFolderReport['migrated'] = null;
    const seeded = !folder.seeded;
    if (seeded) {
      if (hasJournal) await releaseLegacyLock(dir);
      store = MemoryStore.fromDataset(await options.seed());
      store.attach(folder);
      await folder.inTransaction(async () => {
        folder.putGraph(store.graph());
        if (options.seedHistory?.length) await store.importHistory(options.seedHistory);
        if (hasJournal) migrated = await migrate(store, journal);
        folder.setMeta('seeded_at', new Date().toISOString());
        if (migrated) folder.setMeta('journal_migrated', JSON.stringify({ ...migrated, at: new Date().toISOString() }));
      });
    } else {
      if (hasJournal && folder.meta('journal_migrated') === null)
        throw new StoreUnavailableError(
          `${journal} was found beside a database that already holds the graph (${folder.file}), ` +
            `so it was not migrated: it may hold writes the database lacks. Move it out of the folder to start, ` +
            `then see docs/operations.md, "Embedded store data folder".`,
        );
      store = MemoryStore.fromGraph(folder.loadGraph());
      store.attach(folder);
    }
    // A crash between the commit above and this rename is harmless: the next start sees the mark.
    if (hasJournal) await rename(journal, join(dir, MIGRATED_JOURNAL));
    const graph = store.graph();
    return {
      store,
      report: {
        file: folder.file,
        seeded,
        migrated,
        actors: graph.actors.length,
        relations: graph.relations.length,
        writes: folder.writeCount(),
      },
    };
  } catch (error) {
    folder.close();
    throw error;
  }
}

/** Replays an old journal onto the store; each record is checked and written like any write. */
async function migrate(store: MemoryStore, journal: string): Promise<NonNullable<DataFolderReport['migrated']>> {
  let torn: string | null = null;
  let replayed = 0;
  const skipped: string[] = [];
  for await (const { line, command } of readLegacyJournal(journal, (message) => (torn = message))) {
    try {
      await store.write(command);
      replayed++;
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      // The old server skipped these on every replay too (a record it could not apply).
      skipped.push(`line ${line} (${command.op}): ${(error as Error).message}`);
    }
  }
  return { journal, replayed, skipped, torn };
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
