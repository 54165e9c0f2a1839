import { limitExceeded } from './errors.js';

/** An integer argument's allowed range and its default. */
export interface Limit {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** The longest walk `shortestPath` and `paths` may ask for: a var-length pattern's bound in Cypher. */
const PATH_HOPS = 6;

/**
 * Caps on what one request may ask for, the one place they are set. The GraphQL arguments take
 * their defaults and descriptions from here, resolvers check values with `withinLimit`, and the
 * Neo4j adapter splices hop bounds only up to these maxima (`withHopBound` in
 * src/store/neo4j/statements.ts). Beyond a cap is a client error, never a silent clamp.
 */
export const LIMITS = {
  /** `actors(first:)`: page size. */
  actorsFirst: { min: 0, max: 100, default: 20 },
  /** `relations(first:)`: page size. */
  relationsFirst: { min: 0, max: 200, default: 50 },
  /** `history(first:)`: page size. */
  historyFirst: { min: 0, max: 200, default: 50 },
  /** `paths(first:)`: how many paths. */
  pathsFirst: { min: 1, max: 50, default: 10 },
  /** `shortestPath(maxHops:)`. */
  shortestPathMaxHops: { min: 1, max: PATH_HOPS, default: 4 },
  /** `paths(maxHops:)`. */
  pathsMaxHops: { min: 1, max: PATH_HOPS, default: 3 },
  /** `neighborhood(hops:)`. */
  neighborhoodHops: { min: 1, max: 3, default: 1 },
  /** `reachable(maxHops:)`. */
  reachableMaxHops: { min: 1, max: PATH_HOPS, default: 3 },
  /** `alignmentSeries`: how many sample days `from`, `to` and `step` may give (five years by month). */
  alignmentSamples: { min: 1, max: 60, default: 12 },
} as const satisfies Record<string, Limit>;

/**
 * Time the camp solver may take, in milliseconds: one `blocs` answer, and a whole `alignmentSeries`
 * (shared among its samples). Both stay well under the request deadline (REQUEST_TIMEOUT_MS, 15 s by
 * default) so the store's reads fit too; past them the best split found is returned, `optimal: false`.
 */
export const SOLVER_BUDGET_MS = { blocs: 4_000, series: 10_000 } as const;

/**
 * The most relations one camps sample may read: `blocs` on its day, and each sample day of
 * `alignmentSeries`. Splitting, balance and defections run on the main thread (only HiGHS has a
 * worker), and their cost grows faster than the sample: measured with `npx tsx bench/camps-sample.ts
 * medium` on a 2-core host (medians of 5), a sample of 2,000 relations held the event loop 30-70 ms
 * at a time and answered `blocs` in under 0.1 s; 5,000 held it 150 ms; a day of the `large` graph
 * (about 84,000) held it for minutes. A day holding more is refused at once (LIMIT_EXCEEDED, `limit:
 * 'camps-size'`), read no further than one relation past the cap on either store.
 */
export const MAX_CAMP_RELATIONS = 2_000;

/** The longest `actors(search:)` text, in characters. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * `value` (or the limit's default when it is absent) when it is an integer within the limit;
 * otherwise a LIMIT_EXCEEDED error naming `field`.
 */
export function withinLimit(value: number | null | undefined, limit: Limit, field: string): number {
  const n = value ?? limit.default;
  if (!Number.isInteger(n) || n < limit.min || n > limit.max) {
    throw limitExceeded('argument', `${field} must be between ${limit.min} and ${limit.max}; got ${n}`, field);
  }
  return n;
}

/** "From 0 to 100; default 20." for an argument's description. */
export const limitText = (limit: Limit) => `From ${limit.min} to ${limit.max}; default ${limit.default}.`;

/**
 * What one request may cost, in one unit: a value in the answer (a field of an object, counted once
 * per item of each list it sits in) or an equivalent amount of store work. The GraphQL layer
 * estimates a query's cost before it runs (`src/graphql/cost.ts`, one table of per-field list sizes
 * and work) and counts the values it actually resolves; both refusals are LIMIT_EXCEEDED.
 */
export const QUERY_COST = {
  /** The most a query may be estimated to cost (`extensions.limit: "cost"`). */
  max: 20_000,
  /**
   * The most values one answer may hold, counted while it resolves (`extensions.limit:
   * "answer-size"`): about 3 MB of JSON. Above `max`, since lists no argument bounds are estimated.
   */
  maxAnswerValues: 100_000,
  /** A query estimated at this or more is expensive: it waits for one of the few expensive slots. */
  expensive: 1_000,
  /** Size assumed for a list no argument bounds (an actor's relations, `alliances`, `changes`). */
  assumedList: 50,
  /** Size assumed for a list of citations (a relation has a handful; the input cap is far higher). */
  assumedCitations: 5,
  /** Actors assumed reached per hop of `neighborhood`. */
  assumedPerHop: 20,
} as const;

/**
 * The most relations one `graph` answer may hold: an edge with its id, source, target and kind is
 * five values, so a window within this stays inside `QUERY_COST.maxAnswerValues`. A month of the
 * `large` benchmark graph (10^6 relations) holds about 85,000; a window holding more is refused at
 * once (LIMIT_EXCEEDED, `limit: 'graph-size'`) with a pointer to the streamed exports, which have no cap.
 */
export const MAX_GRAPH_EDGES = Math.floor(QUERY_COST.maxAnswerValues / 5);

/** Expensive queries run at most this many at a time per process; the rest wait in line. */
export const EXPENSIVE_QUERIES = {
  /** How many run at once (EXPENSIVE_CONCURRENCY). */
  concurrency: 1,
  /** How many may wait; one more is refused at once (503, LIMIT_EXCEEDED `expensive-queue`). */
  queue: 32,
  /** How long one may wait for a slot before it is refused (503, LIMIT_EXCEEDED `expensive-queue`). */
  waitMs: 5_000,
} as const;

/** How long an embedded-store search may run before it stops with QUERY_TIMEOUT, as Neo4j's transaction timeout. */
export const EMBEDDED_QUERY_TIMEOUT_MS = 10_000;
