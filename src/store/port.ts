import type { WriteCommand, WriteResult } from '../domain/commands.js';
import type { Edit, HistoryQuery, Recorded } from '../domain/edits.js';
import type { Path, PathQuery, PathsQuery } from '../domain/paths.js';
import type {
  Actor,
  ActorKind,
  Citation,
  DateSpan,
  Reading,
  Relation,
  RelationFilter,
  RelationKind,
  Source,
  Subgraph,
} from '../domain/types.js';

/** A reading whose window has both ends, the span `changes` reports on. */
export type SpanReading = Reading & { readonly window: DateSpan };

/** How many relations `streamRelations` reads from a store at a time, unless a caller says otherwise. */
export const STREAM_PAGE_SIZE = 5_000;

/** One page of a keyset-paginated list, in the list's documented order. */
export interface Page<T> {
  items: T[];
  /** Whether items follow the last one returned. */
  hasMore: boolean;
}

/** How a long read runs. */
export interface ReadOptions {
  /**
   * Aborts when the request no longer wants the answer (its deadline passed, its client left). The
   * embedded store's searches stop there with StoreTimeoutError; Neo4j's own transaction timeout,
   * which ends before the deadline, bounds its queries.
   */
  signal?: AbortSignal;
}

/** Who makes a write: carried with it from the request (the token's name) to the edit the store keeps. */
export interface WriteAuthor {
  /** The writer's name (never a token); absent: `UNNAMED_WRITER`. */
  by?: string;
}

export interface WriteOptions extends WriteAuthor {
  /** A client-chosen key: a second write with the same key returns the first result, writing nothing. */
  idempotencyKey?: string;
}
/** What `write` answers: what it touched, and whether it is the stored answer of an earlier write with the same key. */
export interface WriteOutcome extends WriteResult {
  replayed: boolean;
}

export interface ActorSearch {
  /** Already folded with `foldForSearch`; null or empty matches every actor. */
  foldedSearch: string | null;
  kinds: ActorKind[] | null;
  /** Return actors whose id sorts after this one (exclusive). */
  afterId: string | null;
  limit: number;
}

export interface RelationQuery {
  kinds: RelationKind[] | null;
  /** Only relations read in it (`EVERYTHING` for every relation). */
  reading: Reading;
  actorId: string | null;
  /** Return relations after this position in `(since, id)` order (exclusive). */
  after: { since: string; id: string } | null;
  limit: number;
}

/**
 * The one port every store implements. Batch-first: a method that takes a list of ids answers
 * in the same order, with `null` (or an empty list) for a miss, so DataLoaders can sit on top.
 * Lists of relations come oldest first, then by id, unless a method says otherwise. Filters
 * reaching a store are already validated: a reading is a `Reading` (only `graphReading` makes one,
 * from a checked `DateWindow`), limits were checked against `LIMITS`. A relation passes a reading
 * when `inReading` (src/domain/reading.ts) holds: active in its window under its open-end reading,
 * with the evidence it asks for; a store answers exactly those.
 */
export interface GraphStore {
  /** A name for logs and errors: `memory`, `neo4j`. */
  readonly name: string;

  /** An id merged into another actor resolves to that actor (whose `id` differs from the one asked). */
  actorsByIds(ids: readonly string[]): Promise<(Actor | null)[]>;
  sourcesByIds(ids: readonly string[]): Promise<(Source | null)[]>;
  /** Every source, by id. */
  listSources(): Promise<Source[]>;
  citationsByIds(ids: readonly string[]): Promise<(Citation | null)[]>;
  relationsByIds(ids: readonly string[]): Promise<(Relation | null)[]>;
  /** The citations of each relation, by citation id. */
  citationsOfRelations(relationIds: readonly string[]): Promise<Citation[][]>;
  /** Relations touching each actor that pass one shared filter (direction relative to that actor). */
  relationsOfActors(actorIds: readonly string[], filter: RelationFilter): Promise<Relation[][]>;

  /** Actors ordered by id; matches name and aliases. */
  searchActors(query: ActorSearch): Promise<Page<Actor>>;
  /** Relations in `(since, id)` order. */
  listRelations(query: RelationQuery): Promise<Page<Relation>>;
  /**
   * Every relation read in the reading, of the given kinds, in `(since, id)` order, without holding
   * them all: the exports walk the whole graph through it. The store reads `pageSize` relations at a
   * time, each page after the last one's `(since, id)`, and reads the next only when the consumer
   * asks for it (backpressure). A write during the walk shows or not depending on where it falls,
   * but no relation comes twice and the order holds.
   */
  streamRelations(reading: Reading, kinds: RelationKind[] | null, pageSize?: number): AsyncIterable<Relation>;
  /** Every relation between two actors, in either direction, that passes the reading. */
  relationsBetween(a: string, b: string, kinds: RelationKind[] | null, reading: Reading): Promise<Relation[]>;
  /** Relations read in the reading, optionally only those touching one actor. */
  activeRelations(reading: Reading, kinds: RelationKind[] | null, actorId: string | null): Promise<Relation[]>;
  /**
   * Actors within `hops` of `actorId` over relations that pass the filter (either direction),
   * and every passing relation among them. Actor ids sorted, the start actor included.
   */
  neighborhood(
    actorId: string,
    hops: number,
    kinds: RelationKind[] | null,
    reading: Reading,
    options?: ReadOptions,
  ): Promise<Subgraph>;

  /**
   * The shortest path between two actors over relations that pass the query's filters (the
   * window applies to every relation during the search), at most `maxHops` long; among several
   * shortest, the first in `comparePaths` order. Null when there is none.
   */
  shortestPath(query: PathQuery, options?: ReadOptions): Promise<Path | null>;
  /**
   * Simple paths (no actor twice) of at most `maxHops` relations passing the filters, optionally
   * time-respecting (`followsInTime`), the first `first` in `comparePaths` order.
   */
  paths(query: PathsQuery, options?: ReadOptions): Promise<Path[]>;
  /**
   * Relations with a change date (`changeDates` under the reading's open-end reading: since,
   * until, or the last report) in the reading's window (both ends given, included) that pass its
   * evidence filter, optionally touching one actor.
   */
  relationsChangedBetween(reading: SpanReading, actorId: string | null): Promise<Relation[]>;

  /**
   * Applies one change atomically: checked first (`checkCommand`), then all of it or nothing,
   * together with its edit (who, when, what) in the history. The embedded store makes both durable
   * in one commit before it answers when it has a data folder; Neo4j in the one transaction.
   */
  write(command: WriteCommand, options?: WriteOptions): Promise<WriteOutcome>;
  /** All or nothing: the commands are checked and applied in order, in one transaction (Neo4j) or under
   *  the one write lock with one durable commit (embedded); any refusal leaves the graph as it was.
   *  Each command is one edit, all by `options.by`. */
  writeBatch(commands: readonly WriteCommand[], options?: WriteAuthor): Promise<WriteResult[]>;

  /**
   * The edit history, newest first (`seq` descending): the first `limit` edits older than
   * `beforeSeq` that pass the filters (`inHistory`, src/domain/edits.ts). Both stores number edits
   * 1, 2, 3, ... in commit order, so a page and its cursor mean the same on either.
   */
  history(query: HistoryQuery): Promise<Page<Edit>>;
  /** For each relation, who recorded it and when: its latest recording edit; null for the seed data. */
  relationsRecorded(relationIds: readonly string[]): Promise<(Recorded | null)[]>;
  /**
   * Adds edits kept elsewhere (a backup) to an empty history, as they are (`seq`, `by`, `at`
   * kept); refused when the history already holds an edit. Later writes continue the numbering.
   */
  importHistory(edits: readonly Edit[]): Promise<void>;

  /** Resolves when the store answers; rejects when it cannot (readiness). */
  ping(): Promise<void>;

  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}
