import neo4j, { Neo4jError, type Driver, type RecordShape } from 'neo4j-driver';
import type { Config } from '../../config.js';
import { MUTUAL_KINDS } from '../../domain/relation-kinds.js';
import type {
  Actor,
  Citation,
  Reading,
  Relation,
  RelationFilter,
  RelationKind,
  Source,
  Subgraph,
} from '../../domain/types.js';
import type { Logger } from '../../logger.js';
import { compareIds, compareRelations } from '../../domain/order.js';
import {
  STREAM_PAGE_SIZE,
  type ActorSearch,
  type GraphStore,
  type Page,
  type RelationQuery,
  type SpanReading,
  type WriteAuthor,
  type WriteOptions,
  type WriteOutcome,
} from '../port.js';
import { StoreTimeoutError, StoreUnavailableError } from '../store-errors.js';
import { editParams, int, toActor, toEdit, toNumber, toPath, toRelations, toSource, type PathRow } from './mapping.js';
import { Lookups, type Run } from './lookups.js';
import { applyAndRecord, refreshEvidence } from './apply-command.js';
import { UNNAMED_WRITER, type Edit, type HistoryQuery, type Recorded } from '../../domain/edits.js';
import type { Stamp } from '../edit-record.js';
import { checkCommand } from '../check-command.js';
import { touched, type WriteCommand, type WriteResult } from '../../domain/commands.js';
import { ClientError } from '../../domain/errors.js';
import {
  cypher,
  readingParams,
  seekSince,
  withHops,
  withMaxHops,
  WRITE_LOCK,
  type StatementName,
} from './statements.js';
import { answerWithin, isUnavailable, NoAnswerError, waitForNeo4j } from './wait-for-neo4j.js';
import type { Path, PathQuery, PathsQuery } from '../../domain/paths.js';

export type Neo4jSettings = Config['neo4j'];

/** Enough to page "everything": activeRelations reuses the paged statements without a page. */
const NO_LIMIT = 2 ** 31 - 1;

/**
 * The production store. One driver per process, passed in and closed by `close()`. Every read is
 * one auto-commit query in a read session (routed to a reader in a cluster) with a transaction
 * timeout; every write one managed transaction. Every statement is a file under `cypher/`, and
 * values travel only as parameters.
 */
export class Neo4jStore implements GraphStore {
  readonly name = 'neo4j';

  private readonly lookups: Lookups;
  /**
   * Read-your-writes through `neo4j://` routing: every session of this store shares one bookmark
   * manager, so a read sent to a cluster's follower waits until that member has applied this
   * process's latest write (causal consistency). On a single server it changes nothing.
   */
  private readonly bookmarks = neo4j.bookmarkManager();

  constructor(
    private readonly driver: Driver,
    private readonly settings: Pick<Neo4jSettings, 'database' | 'txTimeoutMs' | 'answerTimeoutMs'>,
  ) {
    this.lookups = new Lookups((name, params) => this.read(name, params));
  }

  /**
   * Opens a driver and checks that the server answers, waiting up to `startupWaitMs` for one that
   * is still starting (saying so in the log); a clear error if it does not answer.
   */
  static async connect(settings: Neo4jSettings, log?: Logger): Promise<Neo4jStore> {
    const driver = createDriver(settings);
    try {
      await waitForNeo4j(() => driver.verifyConnectivity({ database: settings.database }), {
        uri: settings.uri,
        waitMs: settings.startupWaitMs ?? 0,
        log: (message) => log?.warn({ uri: settings.uri, database: settings.database }, message),
      });
    } catch (error) {
      await driver.close();
      throw new StoreUnavailableError(
        `Cannot reach Neo4j at ${settings.uri} (database "${settings.database}"): ${(error as Error).message}\n` +
          'Start the local server with `npm run neo4j` (and load it with `npm run seed`), or set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.',
      );
    }
    log?.info({ uri: settings.uri, database: settings.database }, 'connected to Neo4j');
    const store = new Neo4jStore(driver, settings);
    const backfilled = await store.backfillEvidence();
    if (backfilled > 0)
      log?.info({ relations: backfilled }, 'derived the evidence of relations written before it was kept');
    return store;
  }

  /**
   * Relations written before their evidence was kept on them get it, once, in one write
   * transaction under the write lock; answers how many. Reads test those properties, so a
   * relation without them would be read as unsourced.
   */
  async backfillEvidence(): Promise<number> {
    const missing = await this.read<{ id: string }>('relations-missing-evidence', {});
    if (missing.length === 0) return 0;
    await this.inWriteTransaction((run, lookups) =>
      refreshEvidence(run, lookups, touched({ relationIds: missing.map((row) => row.id) })),
    );
    return missing.length;
  }

  /**
   * A read is one auto-commit query: RUN and PULL leave in one write. `executeQuery` wraps each query
   * in BEGIN and COMMIT, about twice the client CPU for the small batched lookups most requests are
   * made of (see the README's benchmark notes). The driver does not retry auto-commit queries, so a
   * read that failed because its server went away (or with an error Neo4j marks retryable) is tried
   * once more on a fresh connection; reads change nothing, so repeating one is safe.
   */
  private async read<T extends RecordShape = RecordShape>(
    name: StatementName,
    params: Record<string, unknown>,
    text = cypher(name),
  ): Promise<T[]> {
    return this.answered(this.readWithRetry<T>(params, text));
  }

  private async readWithRetry<T extends RecordShape>(params: Record<string, unknown>, text: string): Promise<T[]> {
    for (let attempt = 1; ; attempt++) {
      const session = this.driver.session({
        database: this.settings.database,
        defaultAccessMode: neo4j.session.READ,
        bookmarkManager: this.bookmarks,
      });
      try {
        const result = await session.run(text, params, { timeout: this.settings.txTimeoutMs });
        return result.records.map((record) => record.toObject() as T);
      } catch (error) {
        const translated = translateError(error, this.settings.txTimeoutMs);
        if (attempt === 1 && translated instanceof StoreUnavailableError) continue;
        throw translated;
      } finally {
        await session.close().catch(() => undefined);
      }
    }
  }

  actorsByIds(ids: readonly string[]): Promise<(Actor | null)[]> {
    return this.lookups.actorsByIds(ids);
  }

  relationsByIds(ids: readonly string[]): Promise<(Relation | null)[]> {
    return this.lookups.relationsByIds(ids);
  }

  sourcesByIds(ids: readonly string[]): Promise<(Source | null)[]> {
    return this.lookups.sourcesByIds(ids);
  }

  async listSources(): Promise<Source[]> {
    return (await this.read<{ source: Record<string, unknown> }>('list-sources', {})).map((row) =>
      toSource(row.source),
    );
  }

  citationsByIds(ids: readonly string[]): Promise<(Citation | null)[]> {
    return this.lookups.citationsByIds(ids);
  }

  citationsOfRelations(relationIds: readonly string[]): Promise<Citation[][]> {
    return this.lookups.citationsOfRelations(relationIds);
  }

  relationsOfActors(actorIds: readonly string[], filter: RelationFilter): Promise<Relation[][]> {
    return this.lookups.relationsOfActors(actorIds, filter);
  }

  /**
   * One write transaction: it takes the write lock first, then answers a key it has seen with the
   * stored result, or checks the command, applies it and stores the result under its key, so a
   * refusal writes nothing and a retried write never applies twice.
   */
  async write(command: WriteCommand, options: WriteOptions = {}): Promise<WriteOutcome> {
    const key = options.idempotencyKey;
    const stamp = stampOf(options);
    return this.inWriteTransaction(async (run, lookups) => {
      if (key !== undefined) {
        const [prior] = await run<{ result: string }>('idempotent-write-by-key', { key });
        if (prior) return { ...(JSON.parse(prior.result) as WriteResult), replayed: true };
      }
      const result = await applyAndRecord(run, lookups, await checkCommand(lookups, command), stamp);
      if (key !== undefined) await run('record-idempotent-write', { key, result: JSON.stringify(result) });
      return { ...result, replayed: false };
    });
  }

  async writeBatch(commands: readonly WriteCommand[], options: WriteAuthor = {}): Promise<WriteResult[]> {
    const stamp = stampOf(options);
    return this.inWriteTransaction(async (run, lookups) => {
      const results: WriteResult[] = [];
      for (const command of commands)
        results.push(await applyAndRecord(run, lookups, await checkCommand(lookups, command), stamp));
      return results;
    });
  }

  async history(query: HistoryQuery): Promise<Page<Edit>> {
    const rows = await this.read<{ edit: Record<string, unknown> }>('history', {
      beforeSeq: query.beforeSeq === null ? null : int(query.beforeSeq),
      relationId: query.relationId,
      actorId: query.actorId,
      by: query.by,
      from: query.window.from,
      to: query.window.to,
      limit: int(query.limit + 1),
    });
    return page(
      rows.map((row) => toEdit(row.edit)),
      query.limit,
    );
  }

  async relationsRecorded(relationIds: readonly string[]): Promise<(Recorded | null)[]> {
    const rows = await this.read<{ id: string; by: string; at: string }>('relations-recorded', {
      ids: [...new Set(relationIds)],
    });
    const byId = new Map(rows.map((row) => [row.id, { by: row.by, at: row.at }]));
    return relationIds.map((id) => byId.get(id) ?? null);
  }

  async importHistory(edits: readonly Edit[]): Promise<void> {
    await this.inWriteTransaction(async (run) => {
      const [row] = await run<{ edits: unknown }>('edit-count', {});
      if (toNumber(row.edits) > 0) throw new Error('The history is not empty: restore into an empty store');
      await run('import-edits', { edits: edits.map(editParams) });
    });
  }

  /** A managed write transaction that holds the write lock from its first statement. */
  private async inWriteTransaction<T>(work: (run: Run, lookups: Lookups) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.settings.database,
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
    let settled = false;
    try {
      return await this.answered(
        session
          .executeWrite(
            async (tx) => {
              const run: Run = async <R>(name: StatementName, params: Record<string, unknown>) =>
                (await tx.run(cypher(name), params)).records.map((record) => record.toObject() as R);
              await run('take-write-lock', { name: WRITE_LOCK });
              return work(run, new Lookups(run));
            },
            { timeout: this.settings.txTimeoutMs },
          )
          .finally(() => (settled = true)),
      );
    } catch (error) {
      throw translateWriteError(error, this.settings.txTimeoutMs);
    } finally {
      // Not awaited after a hang: closing would wait for the answer that never came.
      const closing = session.close().catch(() => undefined);
      if (settled) await closing;
    }
  }

  /** `work`, or STORE_UNAVAILABLE once Neo4j has given no answer for `answerTimeoutMs` (it hangs). */
  private async answered<T>(work: Promise<T>): Promise<T> {
    try {
      return await answerWithin(work, this.settings.answerTimeoutMs ?? this.settings.txTimeoutMs + 2_000);
    } catch (error) {
      if (error instanceof NoAnswerError) throw new StoreUnavailableError(`Neo4j is unavailable: ${error.message}`);
      throw error;
    }
  }

  async searchActors(query: ActorSearch): Promise<Page<Actor>> {
    const rows = await this.read<{ actor: Record<string, unknown> }>('search-actors', {
      search: query.foldedSearch || null,
      kinds: query.kinds,
      afterId: query.afterId,
      limit: int(query.limit + 1),
    });
    return page(
      rows.map((row) => toActor(row.actor)),
      query.limit,
    );
  }

  async listRelations(query: RelationQuery): Promise<Page<Relation>> {
    const params = {
      kinds: query.kinds,
      ...readingParams(query.reading),
      afterSince: query.after?.since ?? null,
      afterId: query.after?.id ?? null,
      limit: int(Math.min(query.limit + 1, NO_LIMIT)),
    };
    const rows =
      query.actorId === null
        ? await this.read<{ relation: Record<string, unknown> }>('relations-page', {
            ...params,
            ...seekSince(params.afterSince, query.reading.window),
          })
        : await this.read<{ relation: Record<string, unknown> }>('relations-page-of-actor', {
            ...params,
            actorId: query.actorId,
          });
    // `hasMore` counts the rows read: a relation deleted while it was read leaves the page one short, not the end.
    return {
      items: toRelations(rows.slice(0, query.limit).map((row) => row.relation)),
      hasMore: rows.length > query.limit,
    };
  }

  /**
   * Keyset pages of `relations-page.cypher`, each a short auto-commit query: one query over the
   * whole graph would outlive the transaction timeout and hold a read transaction open for as long
   * as the slowest client downloads. The next page is read only when the consumer has taken the last.
   */
  async *streamRelations(
    reading: Reading,
    kinds: RelationKind[] | null,
    pageSize = STREAM_PAGE_SIZE,
  ): AsyncIterable<Relation> {
    let after: RelationQuery['after'] = null;
    for (;;) {
      const page = await this.listRelations({ kinds, reading, actorId: null, after, limit: pageSize });
      yield* page.items;
      const last = page.items.at(-1);
      if (!page.hasMore || !last) return;
      after = { since: last.since, id: last.id };
    }
  }

  async relationsBetween(a: string, b: string, kinds: RelationKind[] | null, reading: Reading): Promise<Relation[]> {
    const rows = await this.read<{ relation: Record<string, unknown> }>('relations-between', {
      a,
      b,
      kinds,
      ...readingParams(reading),
    });
    return toRelations(rows.map((row) => row.relation));
  }

  async activeRelations(reading: Reading, kinds: RelationKind[] | null, actorId: string | null): Promise<Relation[]> {
    return (await this.listRelations({ kinds, reading, actorId, after: null, limit: NO_LIMIT - 1 })).items;
  }

  /** One statement, so the filtering happens in Neo4j: only the answer crosses the wire. */
  async neighborhood(actorId: string, hops: number, kinds: RelationKind[] | null, reading: Reading): Promise<Subgraph> {
    const rows = await this.read<{ actorIds: string[]; relations: Record<string, unknown>[] }>(
      'neighborhood',
      { actorId, kinds, ...readingParams(reading) },
      withHops(hops),
    );
    const row = rows[0];
    if (!row) return { actorIds: [], relations: [] };
    return {
      actorIds: [...row.actorIds].sort(compareIds),
      relations: toRelations(row.relations).sort(compareRelations),
    };
  }

  async shortestPath(query: PathQuery): Promise<Path | null> {
    const rows = await this.read<PathRow>(
      'shortest-path',
      pathParams(query),
      withMaxHops('shortest-path', query.maxHops),
    );
    // A path one of whose relations was deleted while it was read is no path: none is found.
    return rows.length ? toPath(rows[0]) : null;
  }

  async paths(query: PathsQuery): Promise<Path[]> {
    const params = { ...pathParams(query), timeRespecting: query.timeRespecting, first: int(query.first) };
    const rows = await this.read<PathRow>('paths', params, withMaxHops('paths', query.maxHops));
    return rows.flatMap((row) => toPath(row) ?? []);
  }

  async relationsChangedBetween(reading: SpanReading, actorId: string | null): Promise<Relation[]> {
    const { windowFrom: _from, windowTo: _to, ...rest } = readingParams(reading);
    const changed = { changedFrom: reading.window.from, changedTo: reading.window.to, ...rest };
    const rows =
      actorId === null
        ? await this.read<{ relation: Record<string, unknown> }>('relations-changed', changed)
        : await this.read<{ relation: Record<string, unknown> }>('relations-changed-of-actor', { ...changed, actorId });
    return toRelations(rows.map((row) => row.relation));
  }

  async ping(): Promise<void> {
    await this.read('ping', {});
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** One driver per process. Works with bolt://, neo4j:// (cluster routing) and +s schemes (Aura). */
export function createDriver(settings: Pick<Neo4jSettings, 'uri' | 'user' | 'password'>): Driver {
  return neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 5_000,
    disableLosslessIntegers: false,
  });
}

/**
 * A write's errors: a uniqueness constraint's refusal is the client's duplicate id (the checks under
 * the write lock catch duplicates first; the constraint is the backstop); the rest as for reads.
 */
function translateWriteError(error: unknown, txTimeoutMs: number): unknown {
  if (error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed')
    return new ClientError('An entity with that id already exists', 'DUPLICATE_ID', 'id');
  return translateError(error, txTimeoutMs);
}

/** Outages and timeouts become store errors the API reports plainly; anything else stays masked. */
function translateError(error: unknown, txTimeoutMs: number): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (/TransactionTimedOut|TransactionTimeout/.test(error.code)) return new StoreTimeoutError(txTimeoutMs);
  if (isUnavailable(error)) return new StoreUnavailableError(`Neo4j is unavailable: ${error.message}`);
  return error;
}

function pathParams(query: PathQuery) {
  return {
    source: query.from,
    target: query.to,
    kinds: query.kinds,
    ...readingParams(query.reading),
    directed: query.directed,
    mutualKinds: [...MUTUAL_KINDS],
  };
}

/** Who writes, and when the write was asked for (the edit's `at` never goes back: see create-edit). */
const stampOf = (author: WriteAuthor): Stamp => ({ by: author.by ?? UNNAMED_WRITER, at: new Date().toISOString() });

function page<T>(items: T[], limit: number): Page<T> {
  return items.length > limit ? { items: items.slice(0, limit), hasMore: true } : { items, hasMore: false };
}
