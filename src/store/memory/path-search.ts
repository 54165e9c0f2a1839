import { limitExceeded } from '../../domain/errors.js';
import {
  comparePaths,
  canStep,
  followsInTime,
  type Path,
  type PathQuery,
  type PathsQuery,
} from '../../domain/paths.js';
import { compareIds } from '../../domain/order.js';
import { otherEnd } from '../../domain/relation-kinds.js';
import type { Relation } from '../../domain/types.js';
import { SearchClock } from './search-clock.js';

/** The relations touching an actor. */
export type Adjacency = (actorId: string) => readonly Relation[];

/** Steps a depth-first enumeration may take before it gives up with a clear error. */
export const PATH_SEARCH_BUDGET = 2_000_000;

/**
 * Hops from every actor to `target` along walkable relations, up to `limit`: a breadth-first
 * search backwards from the target. Used to prune path enumeration.
 */
async function hopsTo(
  adjacent: Adjacency,
  target: string,
  query: PathQuery,
  limit: number,
  clock: SearchClock,
): Promise<Map<string, number>> {
  const hops = new Map([[target, 0]]);
  let ring = [target];
  for (let d = 1; d <= limit && ring.length > 0; d++) {
    const next: string[] = [];
    for (const y of ring) {
      if (clock.due()) await clock.pause();
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
 * A shortest path, the first in `comparePaths` order among all shortest ones.
 *
 * A bidirectional breadth-first search finds the length: it grows the smaller frontier, from
 * `from` forwards or from `to` backwards, until the two balls meet, so it visits two balls of about
 * half the length instead of one of the whole length (on a hub-heavy graph, thousands of times
 * fewer actors). The actors where they meet, traced back through both balls, are exactly the actors
 * on shortest paths, each at its position along them. Then step by step: the smallest next actor id
 * on a shortest path, over the smallest relation id.
 */
export async function shortestPath(
  adjacent: Adjacency,
  query: PathQuery,
  clock = new SearchClock(),
): Promise<Path | null> {
  const meeting = await meet(adjacent, query, clock);
  if (!meeting) return null;
  const position = await positionsOnShortestPaths(adjacent, query, meeting, clock);
  const actorIds = [query.from];
  const relations: Relation[] = [];
  let current = query.from;
  for (let step = 1; step <= meeting.length; step++) {
    let best: Relation | null = null;
    let bestNext = '';
    for (const relation of adjacent(current)) {
      const next = otherEnd(relation, current);
      if (position.get(next) !== step || !canStep(relation, current, query)) continue;
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

interface Meeting {
  /** Hops of a shortest path. */
  length: number;
  /** Hops from `from` of every actor the forward search reached, and to `to` for the backward one. */
  forward: Map<string, number>;
  backward: Map<string, number>;
  /** The actors both searches reached, `forwardDepth` hops from `from`. */
  middle: string[];
  forwardDepth: number;
}

/**
 * Grows a ball around `from` (along walkable steps) and one around `to` (against them), one whole
 * ring at a time, the smaller frontier first, until a ring reaches the other ball. Up to that ring
 * the balls were disjoint, so no path is shorter than the two radii together; every actor the ring
 * shares with the other ball lies on a path of exactly that length.
 */
async function meet(adjacent: Adjacency, query: PathQuery, clock: SearchClock): Promise<Meeting | null> {
  if (query.from === query.to) return null;
  const forward = new Map([[query.from, 0]]);
  const backward = new Map([[query.to, 0]]);
  let forwardRing = [query.from];
  let backwardRing = [query.to];
  let forwardDepth = 0;
  let backwardDepth = 0;
  while (forwardDepth + backwardDepth < query.maxHops && forwardRing.length > 0 && backwardRing.length > 0) {
    const growForward = ringWeight(adjacent, forwardRing) <= ringWeight(adjacent, backwardRing);
    const [seen, other, ring] = growForward ? [forward, backward, forwardRing] : [backward, forward, backwardRing];
    const depth = (growForward ? forwardDepth : backwardDepth) + 1;
    const next: string[] = [];
    const middle: string[] = [];
    for (const y of ring) {
      if (clock.due()) await clock.pause();
      for (const relation of adjacent(y)) {
        const x = otherEnd(relation, y);
        if (seen.has(x) || !canStep(relation, growForward ? y : x, query)) continue;
        seen.set(x, depth);
        next.push(x);
        if (other.has(x)) middle.push(x);
      }
    }
    if (growForward) [forwardRing, forwardDepth] = [next, depth];
    else [backwardRing, backwardDepth] = [next, depth];
    if (middle.length > 0) return { length: forwardDepth + backwardDepth, forward, backward, middle, forwardDepth };
  }
  return null;
}

/** The relations a ring would scan: grow the cheaper side. */
function ringWeight(adjacent: Adjacency, ring: readonly string[]): number {
  let weight = 0;
  for (const id of ring) weight += adjacent(id).length;
  return weight;
}

/**
 * Every actor on a shortest path, with its hops from `from`: the meeting actors, then ring by ring
 * back towards `from` through the forward ball and on towards `to` through the backward ball,
 * keeping only actors one walkable step from the ring before.
 */
async function positionsOnShortestPaths(
  adjacent: Adjacency,
  query: PathQuery,
  meeting: Meeting,
  clock: SearchClock,
): Promise<Map<string, number>> {
  const position = new Map(meeting.middle.map((id) => [id, meeting.forwardDepth]));
  let ring = meeting.middle;
  for (let at = meeting.forwardDepth - 1; at >= 0; at--) {
    const previous: string[] = [];
    for (const y of ring) {
      if (clock.due()) await clock.pause();
      for (const relation of adjacent(y)) {
        const x = otherEnd(relation, y);
        if (meeting.forward.get(x) !== at || position.has(x) || !canStep(relation, x, query)) continue;
        position.set(x, at);
        previous.push(x);
      }
    }
    ring = previous;
  }
  ring = meeting.middle;
  for (let at = meeting.forwardDepth + 1; at <= meeting.length; at++) {
    const following: string[] = [];
    for (const x of ring) {
      if (clock.due()) await clock.pause();
      for (const relation of adjacent(x)) {
        const y = otherEnd(relation, x);
        if (meeting.backward.get(y) !== meeting.length - at || position.has(y) || !canStep(relation, x, query))
          continue;
        position.set(y, at);
        following.push(y);
      }
    }
    ring = following;
  }
  return position;
}

/**
 * Every simple path (no actor twice) of at most `maxHops` relations, optionally time-respecting,
 * sorted by `comparePaths`, the first `first` of them. Branches that cannot reach the target in
 * the hops left are cut using the distances to the target. A depth-first walk with its own stack,
 * so that it can pause between steps (`clock`).
 */
export async function simplePaths(adjacent: Adjacency, query: PathsQuery, clock = new SearchClock()): Promise<Path[]> {
  const hops = await hopsTo(adjacent, query.to, query, query.maxHops, clock);
  if (!hops.has(query.from)) return [];
  const found: Path[] = [];
  const actorIds = [query.from];
  const relations: Relation[] = [];
  const onPath = new Set([query.from]);
  /** Per actor on the path, its relations and the next one to try. */
  const frames = [{ current: query.from, options: adjacent(query.from), next: 0 }];
  let steps = 0;
  while (frames.length > 0) {
    if (clock.due()) await clock.pause();
    const frame = frames[frames.length - 1];
    if (frame.next >= frame.options.length) {
      frames.pop();
      onPath.delete(frame.current);
      relations.pop();
      actorIds.pop();
      continue;
    }
    const relation = frame.options[frame.next++];
    const current = frame.current;
    const next = otherEnd(relation, current);
    const left = hops.get(next);
    if (left === undefined || relations.length + 1 + left > query.maxHops || onPath.has(next)) continue;
    if (!canStep(relation, current, query)) continue;
    if (query.timeRespecting && relations.length > 0 && !followsInTime(relations.at(-1)!, relation)) continue;
    if (++steps > PATH_SEARCH_BUDGET) {
      throw limitExceeded(
        'path-search',
        `Too many paths to rank (over ${PATH_SEARCH_BUDGET} steps): lower maxHops, or narrow kinds or window.`,
        'maxHops',
      );
    }
    if (next === query.to) {
      keepBest(found, { actorIds: [...actorIds, next], relations: [...relations, relation] }, query.first);
      continue;
    }
    actorIds.push(next);
    relations.push(relation);
    onPath.add(next);
    frames.push({ current: next, options: adjacent(next), next: 0 });
  }
  return found;
}

/**
 * Inserts `path` into `best` (sorted by `comparePaths`, at most `first` long) when it belongs
 * there: a search may find thousands of paths, and sorting them all at the end would hold the
 * event loop for hundreds of milliseconds.
 */
function keepBest(best: Path[], path: Path, first: number): void {
  if (best.length >= first && comparePaths(path, best[best.length - 1]) >= 0) return;
  let low = 0;
  let high = best.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (comparePaths(best[middle], path) <= 0) low = middle + 1;
    else high = middle;
  }
  best.splice(low, 0, path);
  if (best.length > first) best.pop();
}
