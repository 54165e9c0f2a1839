import { compareIds, compareRelations } from '../../domain/order.js';
import { otherEnd } from '../../domain/relation-kinds.js';
import type { Reading, Relation, RelationFilter, RelationKind, Subgraph } from '../../domain/types.js';
import type { GraphStore } from '../port.js';

/**
 * The embedded store's neighbourhood: a breadth-first expansion, one `relationsOfActors` call per
 * ring plus one for the last ring, to find the relations among the outermost actors. Returns the
 * reached actors and every passing relation among them. (Neo4j answers the same question in one
 * statement, `cypher/neighborhood.cypher`; the store contract checks that the two agree.)
 */
export async function expandNeighborhood(
  store: Pick<GraphStore, 'relationsOfActors'>,
  actorId: string,
  hops: number,
  kinds: RelationKind[] | null,
  reading: Reading,
): Promise<Subgraph> {
  const filter: RelationFilter = { kinds, reading, direction: 'ANY' };
  const reached = new Set([actorId]);
  const seen = new Map<string, Relation>();
  let frontier = [actorId];
  for (let hop = 0; frontier.length > 0; hop++) {
    const lists = await store.relationsOfActors(frontier, filter);
    const next: string[] = [];
    lists.forEach((relations, i) => {
      for (const relation of relations) {
        seen.set(relation.id, relation);
        const neighbour = otherEnd(relation, frontier[i]);
        if (hop < hops && !reached.has(neighbour)) {
          reached.add(neighbour);
          next.push(neighbour);
        }
      }
    });
    if (hop === hops) break;
    frontier = next;
  }
  const relations = [...seen.values()].filter((r) => reached.has(r.from) && reached.has(r.to)).sort(compareRelations);
  return { actorIds: [...reached].sort(compareIds), relations };
}
