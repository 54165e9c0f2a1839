import { SIGN } from '../balance.js';
import { compareIds, compareRelations } from '../order.js';
import type { Relation } from '../types.js';

/**
 * The relations of a day read as a signed graph for a split into camps. Every relation counts
 * once: two SUPPORTS between the same pair weigh two, and a pair both fighting and negotiating has
 * a hostile and a friendly tie of which one always breaks a split. Actors are indexed in id order
 * and ties are sorted, so the graph (and every answer built from it) does not depend on the order
 * in which a store returned the relations.
 */
export interface SignedGraph {
  /** Every actor touching a relation, by id. */
  actorIds: string[];
  /** Ties between two distinct actors (`a < b` as indices), ordered by `a`, then `b`. */
  ties: SignedTie[];
  /** The relations, oldest first (then by id). */
  relations: Relation[];
}

export interface SignedTie {
  a: number;
  b: number;
  /** Friendly relations between the two (SUPPORTS, NEGOTIATES, MEMBER_OF as `SIGN` reads them). */
  friendly: number;
  /** Hostile relations between the two (FIGHTS). */
  hostile: number;
}

/** A camp index per actor index; camps are numbered from 0. */
export type Assignment = Int32Array;

export function signedGraph(relations: readonly Relation[]): SignedGraph {
  const sorted = [...relations].sort(compareRelations);
  const actorIds = [...new Set(sorted.flatMap((r) => [r.from, r.to]))].sort(compareIds);
  const index = new Map(actorIds.map((id, i) => [id, i]));
  const byPair = new Map<number, SignedTie>();
  for (const relation of sorted) {
    const [i, j] = [index.get(relation.from)!, index.get(relation.to)!];
    if (i === j) continue;
    const [a, b] = i < j ? [i, j] : [j, i];
    const key = a * actorIds.length + b;
    let tie = byPair.get(key);
    if (!tie) byPair.set(key, (tie = { a, b, friendly: 0, hostile: 0 }));
    if (SIGN[relation.kind] < 0) tie.hostile++;
    else tie.friendly++;
  }
  const ties = [...byPair.values()].sort((x, y) => x.a - y.a || x.b - y.b);
  return { actorIds, ties, relations: sorted };
}

/**
 * Whether a relation breaks a split: a hostile relation inside a camp, or a friendly one across
 * camps. A relation of an actor with itself breaks every split when it is hostile.
 */
export const breaksSplit = (relation: Relation, campOf: (actorId: string) => number): boolean =>
  SIGN[relation.kind] < 0
    ? campOf(relation.from) === campOf(relation.to)
    : campOf(relation.from) !== campOf(relation.to);

/** The number of relations that break the split `camp` of the graph's actors. */
export function frustrationOf(graph: SignedGraph, camp: Assignment): number {
  let total = 0;
  for (const tie of graph.ties) total += camp[tie.a] === camp[tie.b] ? tie.hostile : tie.friendly;
  return total + graph.relations.filter((r) => r.from === r.to && SIGN[r.kind] < 0).length;
}

/**
 * The canonical form of a split: camps as lists of actor ids (each sorted), ordered by size
 * (largest first), then by their smallest actor id; empty camps are left out.
 */
export function canonicalCamps(actorIds: readonly string[], camp: Assignment): string[][] {
  const camps = new Map<number, string[]>();
  actorIds.forEach((id, i) => {
    if (!camps.has(camp[i])) camps.set(camp[i], []);
    camps.get(camp[i])!.push(id);
  });
  return [...camps.values()]
    .map((ids) => ids.sort(compareIds))
    .sort((x, y) => y.length - x.length || compareIds(x[0], y[0]));
}

/** Lists of neighbours with signed weights, for local search and components. */
export interface Adjacency {
  /** For each actor, its neighbours with the friendly and hostile counts of the tie. */
  around: { other: number; friendly: number; hostile: number }[][];
}

export function adjacency(graph: SignedGraph): Adjacency {
  const around: Adjacency['around'] = graph.actorIds.map(() => []);
  for (const { a, b, friendly, hostile } of graph.ties) {
    around[a].push({ other: b, friendly, hostile });
    around[b].push({ other: a, friendly, hostile });
  }
  return { around };
}

/** Connected components of the graph, each a sorted list of actor indices, ordered by their first actor. */
export function components(graph: SignedGraph, adj: Adjacency): number[][] {
  const seen = new Uint8Array(graph.actorIds.length);
  const result: number[][] = [];
  for (let start = 0; start < graph.actorIds.length; start++) {
    if (seen[start]) continue;
    const members: number[] = [];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const v = stack.pop()!;
      members.push(v);
      for (const { other } of adj.around[v])
        if (!seen[other]) {
          seen[other] = 1;
          stack.push(other);
        }
    }
    result.push(members.sort((x, y) => x - y));
  }
  return result;
}
