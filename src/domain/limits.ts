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
} as const satisfies Record<string, Limit>;

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
