import { compareIds, compareRelations } from '../order.js';
import { canStep, followsInTime, type PathQuery } from '../paths.js';
import type { IsoDate, Relation } from '../types.js';

/** An actor reached from the start, and the walk that reaches it first. */
export interface Reach {
  actorId: string;
  /**
   * The earliest date it is reached: when the last relation of the walk started, or the window's
   * first day when that relation was already active then.
   */
  at: IsoDate;
  /** The fewest relations of a walk that reaches it on that date. */
  hops: number;
  /** Such a walk, from the start actor to this one, in walk order. */
  relations: Relation[];
}

export type ReachQuery = Omit<PathQuery, 'to'>;

/** Relations touching each actor (already read under the query's reading and kinds), by actor id. */
export type RelationsOf = (actorIds: string[]) => Promise<Relation[][]>;

/**
 * Every actor reachable from `query.from` by a time-respecting walk (`followsInTime`, the rule of
 * `paths(timeRespecting: true)`) of at most `maxHops` relations that pass the query (`canStep`).
 *
 * Exact by dynamic programming over hop counts: after round h, `since[v]` is the smallest start
 * date of the last relation over walks of at most h relations reaching v. Arriving on an earlier
 * relation never hurts later steps (the next relation need only start on or after it), so each
 * round relaxes the relations of the actors improved in the round before, fetched from the store
 * the first time an actor is reached. The earliest walk never visits an actor twice (a revisit
 * would have reached that actor earlier, in fewer hops), so walks and simple paths agree. On equal
 * dates the fewer hops win, then the relation first in the API's order, then the smaller actor id.
 */
export async function reachableFrom(query: ReachQuery, relationsOf: RelationsOf): Promise<Reach[]> {
  interface Label {
    since: IsoDate;
    hops: number;
    via: Relation;
    previous: Label | null;
    actorId: string;
  }
  const best = new Map<string, Label | null>([[query.from, null]]);
  const known = new Map<string, Relation[]>();
  let frontier: { actorId: string; label: Label | null }[] = [{ actorId: query.from, label: null }];
  for (let hop = 1; hop <= query.maxHops && frontier.length; hop++) {
    const missing = frontier.map((f) => f.actorId).filter((id) => !known.has(id));
    if (missing.length) (await relationsOf(missing)).forEach((list, i) => known.set(missing[i], list));
    const improved = new Map<string, Label>();
    for (const { actorId, label } of frontier) {
      for (const relation of known.get(actorId)!) {
        if (!canStep(relation, actorId, query)) continue;
        if (label && !followsInTime(label.via, relation)) continue;
        const other = relation.from === actorId ? relation.to : relation.from;
        if (other === query.from) continue;
        const candidate: Label = { since: relation.since, hops: hop, via: relation, previous: label, actorId: other };
        const current = improved.get(other) ?? best.get(other);
        if (current === undefined || (current !== null && better(candidate, current))) improved.set(other, candidate);
      }
    }
    for (const [id, label] of improved) best.set(id, label);
    frontier = [...improved.entries()]
      .sort((x, y) => compareIds(x[0], y[0]))
      .map(([actorId, label]) => ({ actorId, label }));
  }
  const windowStart = query.reading.window.from;
  const result: Reach[] = [];
  for (const [actorId, label] of best) {
    if (!label) continue;
    const relations: Relation[] = [];
    for (let l: Label | null = label; l; l = l.previous) relations.unshift(l.via);
    const at = windowStart !== null && label.since < windowStart ? windowStart : label.since;
    result.push({ actorId, at, hops: label.hops, relations });
  }
  return result.sort((x, y) =>
    x.at < y.at ? -1 : x.at > y.at ? 1 : x.hops - y.hops || compareIds(x.actorId, y.actorId),
  );
}

interface Comparable {
  since: IsoDate;
  hops: number;
  via: Relation;
  previous: { actorId: string } | null;
}

/** Earlier first; then fewer hops; then the relation first in the API's order; then the smaller predecessor id. */
function better(a: Comparable, b: Comparable): boolean {
  if (a.since !== b.since) return a.since < b.since;
  if (a.hops !== b.hops) return a.hops < b.hops;
  const byRelation = compareRelations(a.via, b.via);
  if (byRelation !== 0) return byRelation < 0;
  return compareIds(a.previous?.actorId ?? '', b.previous?.actorId ?? '') < 0;
}
