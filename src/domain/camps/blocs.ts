import { badInput } from '../errors.js';
import type { IsoDate, Relation } from '../types.js';
import { breaksSplit, canonicalCamps, signedGraph } from './signed-graph.js';
import { bestSplit, DEFAULT_SPLIT_BUDGET, type SplitBudget } from './solver.js';

/**
 * How many camps `blocs` may split into: at least two (one camp is no split), at most four (the
 * exact solver's work grows with k, and analysts rarely read more than four blocs). The default is 2.
 */
export const CAMPS = { min: 2, max: 4, default: 2 } as const;

/** `k` or the default, when it is a whole number of camps `CAMPS` allows; BAD_USER_INPUT naming `field` otherwise. */
export function campCount(k: number | null | undefined, field = 'k'): number {
  const n = k ?? CAMPS.default;
  if (!Number.isInteger(n) || n < CAMPS.min || n > CAMPS.max)
    throw badInput(field, `${field} must be a whole number of camps from ${CAMPS.min} to ${CAMPS.max}; got ${n}`);
  return n;
}

export interface BlocsReport {
  at: IsoDate;
  /** Actor ids per camp: each camp sorted, camps by size (largest first), then by their smallest id. */
  camps: string[][];
  /** How many relations break the split: `frustrated.length`. */
  frustration: number;
  /** The relations that break it, oldest first. */
  frustrated: Relation[];
  /** Proved: no split into at most k camps breaks fewer relations. */
  optimal: boolean;
}

/**
 * The actors of the relations active on `at` split into at most `k` camps so that the fewest
 * relations break the split (`bestSplit`); signs as in `balance` (`SIGN`), every relation counted.
 */
export async function blocsAt(
  at: IsoDate,
  active: readonly Relation[],
  k: number,
  budget: SplitBudget = DEFAULT_SPLIT_BUDGET,
): Promise<BlocsReport> {
  const graph = signedGraph(active);
  const split = await bestSplit(graph, k, budget);
  const camps = canonicalCamps(graph.actorIds, split.camp);
  const campOf = new Map(camps.flatMap((ids, c) => ids.map((id) => [id, c] as const)));
  const frustrated = graph.relations.filter((r) => breaksSplit(r, (id) => campOf.get(id)!));
  return { at, camps, frustration: frustrated.length, frustrated, optimal: split.optimal };
}
