import { inReading } from './reading.js';
import { compareIds } from './order.js';
import { isMutual } from './relation-kinds.js';
import type { Reading, Relation, RelationKind } from './types.js';

/** A walk through the graph: `actorIds` has one more entry than `relations`, in walk order. */
export interface Path {
  actorIds: string[];
  relations: Relation[];
}

export interface PathQuery {
  from: string;
  to: string;
  kinds: RelationKind[] | null;
  /** Every relation walked is read in it: active in its window, under its open-end reading, with its evidence. */
  reading: Reading;
  maxHops: number;
  /** Walk SUPPORTS and MEMBER_OF only from `from` to `to`; mutual kinds always both ways. */
  directed: boolean;
}

export interface PathsQuery extends PathQuery {
  timeRespecting: boolean;
  first: number;
}

/**
 * Whether a walk may cross `relation` starting at `actorId`: it touches the actor, passes the
 * kind filter and the reading, and (when directed) leaves the actor along a directed kind's arrow.
 */
export function canStep(
  relation: Relation,
  actorId: string,
  query: Pick<PathQuery, 'kinds' | 'reading' | 'directed'>,
): boolean {
  if (relation.from !== actorId && relation.to !== actorId) return false;
  if (query.kinds && !query.kinds.includes(relation.kind)) return false;
  if (query.directed && !isMutual(relation.kind) && relation.from !== actorId) return false;
  return inReading(relation, query.reading);
}

/**
 * The time-respecting rule: each relation starts no earlier than the one before it started
 * (`next.since >= previous.since`). Such a relation overlaps the previous one or follows it, so
 * support or hostility can pass along the path in date order.
 */
export const followsInTime = (previous: Relation, next: Relation) => next.since >= previous.since;

export function isTimeRespecting(relations: readonly Relation[]): boolean {
  return relations.every((r, i) => i === 0 || followsInTime(relations[i - 1], r));
}

/**
 * The one order of path results: fewer hops first, then by the actor ids along the walk, then by
 * the relation ids along it (each list compared element by element).
 */
export function comparePaths(a: Path, b: Path): number {
  return (
    a.relations.length - b.relations.length ||
    compareLists(a.actorIds, b.actorIds) ||
    compareLists(
      a.relations.map((r) => r.id),
      b.relations.map((r) => r.id),
    )
  );
}

function compareLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareIds(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Why `path` is not a valid answer to `query`, or null when it is. Used by tests and assertions. */
export function pathProblem(path: Path, query: PathQuery & { timeRespecting?: boolean }): string | null {
  const { actorIds, relations } = path;
  if (actorIds.length !== relations.length + 1) return 'actors must number hops + 1';
  if (actorIds[0] !== query.from || actorIds.at(-1) !== query.to) return 'path must run from `from` to `to`';
  if (relations.length > query.maxHops) return `path is longer than maxHops ${query.maxHops}`;
  if (new Set(actorIds).size !== actorIds.length) return 'path visits an actor twice';
  for (let i = 0; i < relations.length; i++) {
    const r = relations[i];
    const ends = [r.from, r.to].sort().join();
    if (ends !== [actorIds[i], actorIds[i + 1]].sort().join())
      return `relation ${r.id} does not join ${actorIds[i]} and ${actorIds[i + 1]}`;
    if (!canStep(r, actorIds[i], query)) return `relation ${r.id} cannot be walked from ${actorIds[i]}`;
  }
  if (query.timeRespecting && !isTimeRespecting(relations)) return 'path is not time-respecting';
  return null;
}
