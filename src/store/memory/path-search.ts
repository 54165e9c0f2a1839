import { ClientError } from '../../domain/errors.js';
import { comparePaths, canStep, followsInTime, type Path, type PathQuery, type PathsQuery } from '../../domain/paths.js';
import { compareIds } from '../../domain/order.js';
import { otherEnd } from '../../domain/relation-kinds.js';
import type { Relation } from '../../domain/types.js';

/** The relations touching an actor. */
export type Adjacency = (actorId: string) => readonly Relation[];

/** Steps a depth-first enumeration may take before it gives up with a clear error. */
export const PATH_SEARCH_BUDGET = 2_000_000;

/**
 * Hops from every actor to `target` along walkable relations, up to `limit`: a breadth-first
 * search backwards from the target. Used to find shortest paths and to prune path enumeration.
 */
function hopsTo(adjacent: Adjacency, target: string, query: PathQuery, limit: number): Map<string, number> {
  const hops = new Map([[target, 0]]);
  let ring = [target];
  for (let d = 1; d <= limit && ring.length > 0; d++) {
    const next: string[] = [];
    for (const y of ring) {
      for (const relation of adjacent(y)) {
        const x = otherEnd(relation, y);
        if (hops.has(x) || !canStep(relation, x, query)) continue;
        hops.set(x, d);
        next.push(x);
      }
    }
    ring = next;
  }
  return hops;
}

/**
 * A shortest path, the first in `comparePaths` order among all shortest ones: step by step the
 * smallest next actor id that still lies on a shortest path, over the smallest relation id.
 */
export function shortestPath(adjacent: Adjacency, query: PathQuery): Path | null {
  const hops = hopsTo(adjacent, query.to, query, query.maxHops);
  const total = hops.get(query.from);
  if (total === undefined || total === 0) return null;
  const actorIds = [query.from];
  const relations: Relation[] = [];
  let current = query.from;
  for (let remaining = total; remaining > 0; remaining--) {
    let best: Relation | null = null;
    let bestNext = '';
    for (const relation of adjacent(current)) {
      const next = otherEnd(relation, current);
      if (hops.get(next) !== remaining - 1 || !canStep(relation, current, query)) continue;
      if (!best || compareIds(next, bestNext) < 0 || (next === bestNext && compareIds(relation.id, best.id) < 0)) {
        best = relation;
        bestNext = next;
      }
    }
    relations.push(best!);
    actorIds.push(bestNext);
    current = bestNext;
  }
  return { actorIds, relations };
}

/**
 * Every simple path (no actor twice) of at most `maxHops` relations, optionally time-respecting,
 * sorted by `comparePaths`, the first `first` of them. Branches that cannot reach the target in
 * the hops left are cut using the distances to the target.
 */
export function simplePaths(adjacent: Adjacency, query: PathsQuery): Path[] {
  const hops = hopsTo(adjacent, query.to, query, query.maxHops);
  if (!hops.has(query.from)) return [];
  const found: Path[] = [];
  const actorIds = [query.from];
  const relations: Relation[] = [];
  const onPath = new Set([query.from]);
  let steps = 0;

  const walk = (current: string) => {
    if (current === query.to) {
      found.push({ actorIds: [...actorIds], relations: [...relations] });
      return;
    }
    for (const relation of adjacent(current)) {
      const next = otherEnd(relation, current);
      const left = hops.get(next);
      if (left === undefined || relations.length + 1 + left > query.maxHops || onPath.has(next)) continue;
      if (!canStep(relation, current, query)) continue;
      if (query.timeRespecting && relations.length > 0 && !followsInTime(relations.at(-1)!, relation)) continue;
      if (++steps > PATH_SEARCH_BUDGET) {
        throw new ClientError(`Too many paths to rank (over ${PATH_SEARCH_BUDGET} steps): lower maxHops, or narrow kinds or window.`, 'LIMIT_EXCEEDED', 'maxHops');
      }
      actorIds.push(next);
      relations.push(relation);
      onPath.add(next);
      walk(next);
      onPath.delete(next);
      relations.pop();
      actorIds.pop();
    }
  };
  walk(query.from);
  return found.sort(comparePaths).slice(0, query.first);
}
