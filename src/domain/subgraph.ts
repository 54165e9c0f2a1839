import { compareIds } from './order.js';
import type { Relation } from './types.js';

/** The actors a set of relations touches, sorted by id. */
export const endpoints = (relations: readonly Relation[]): string[] =>
  [...new Set(relations.flatMap((r) => [r.from, r.to]))].sort(compareIds);

/**
 * How many relations away from `start` each actor of a neighbourhood is, walking its relations in
 * either direction (a breadth-first search). A neighbourhood holds every passing relation among
 * the actors it reached, so the walk over its own relations finds the same distances as the walk
 * that built it. Actors it cannot reach are absent.
 */
export function hopsFrom(start: string, relations: readonly Relation[]): Map<string, number> {
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const r of relations) {
    link(r.from, r.to);
    link(r.to, r.from);
  }
  const hops = new Map([[start, 0]]);
  let frontier = [start];
  for (let distance = 1; frontier.length > 0; distance++) {
    const next: string[] = [];
    for (const actor of frontier) {
      for (const neighbour of neighbours.get(actor) ?? []) {
        if (hops.has(neighbour)) continue;
        hops.set(neighbour, distance);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return hops;
}
