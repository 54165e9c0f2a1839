import type { Driver } from 'neo4j-driver';
import type { Citation, Relation } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { GraphStore } from '../../src/store/port.js';

/**
 * What a store holds below the port, for checking the write invariants: every citation (also one
 * whose relation is gone) and every redirect with all its targets (a fork has two).
 */
export interface RawGraph {
  actorIds: string[];
  relations: Relation[];
  citations: Pick<Citation, 'id' | 'relationId' | 'sourceId'>[];
  redirects: { id: string; targets: string[] }[];
}

/** Reads a store's raw graph: Neo4j with Cypher over `driver`, the embedded store from its maps. */
export async function rawGraph(store: GraphStore, driver?: Driver, database = 'neo4j'): Promise<RawGraph> {
  if (store instanceof MemoryStore) {
    const inside = store as unknown as {
      actors: Map<string, unknown>;
      relations: Map<string, Relation>;
      citationsById: Map<string, Citation>;
      redirects: Map<string, string>;
    };
    return {
      actorIds: [...inside.actors.keys()].sort(),
      relations: [...inside.relations.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      citations: [...inside.citationsById.values()]
        .map(({ id, relationId, sourceId }) => ({ id, relationId, sourceId }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
      redirects: [...inside.redirects]
        .map(([id, target]) => ({ id, targets: [target] }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  }
  if (!driver) throw new Error(`rawGraph needs a driver for the ${store.name} store`);
  const q = async (cypher: string) =>
    (await driver.executeQuery(cypher, {}, { database })).records.map((r) => r.toObject());
  const actorIds = (await q('MATCH (a:Actor) RETURN a.id AS id ORDER BY id')).map((r) => String(r.id));
  const relationIds = (await q('MATCH (:Actor)-[r]->(:Actor) RETURN r.id AS id ORDER BY id')).map((r) => String(r.id));
  const relations = (await store.relationsByIds(relationIds)).filter((r): r is Relation => r !== null);
  if (relations.length !== relationIds.length) throw new Error('a relation id is held twice');
  const citations = (
    await q(
      'MATCH (c:Citation) OPTIONAL MATCH (c)-[:FROM_SOURCE]->(s:Source) RETURN c.id AS id, c.relationId AS relationId, s.id AS sourceId ORDER BY id',
    )
  ).map((r) => ({ id: String(r.id), relationId: String(r.relationId), sourceId: String(r.sourceId) }));
  const redirects = (
    await q(
      'MATCH (m:MergedActor) OPTIONAL MATCH (m)-[:MERGED_INTO]->(a) RETURN m.id AS id, collect(a.id) AS targets ORDER BY id',
    )
  ).map((r) => ({ id: String(r.id), targets: (r.targets as string[]).map(String).sort() }));
  return { actorIds, relations, citations, redirects };
}

/**
 * The invariants no sequence of writes, concurrent or not, may break: every relation joins two live
 * actors and has at least one citation; every citation belongs to a relation and cites a source at
 * most once per relation; every merged id redirects to exactly one live actor and is not itself live.
 */
export function invariantProblems(graph: RawGraph): string[] {
  const problems: string[] = [];
  const live = new Set(graph.actorIds);
  const relations = new Map(graph.relations.map((r) => [r.id, r]));
  const cited = new Map<string, number>();
  const pairs = new Set<string>();
  for (const citation of graph.citations) {
    if (!relations.has(citation.relationId))
      problems.push(`citation ${citation.id} belongs to no relation (${citation.relationId})`);
    const pair = `${citation.relationId} ${citation.sourceId}`;
    if (pairs.has(pair)) problems.push(`relation ${citation.relationId} cites ${citation.sourceId} twice`);
    pairs.add(pair);
    cited.set(citation.relationId, (cited.get(citation.relationId) ?? 0) + 1);
  }
  for (const relation of graph.relations) {
    if (!cited.get(relation.id)) problems.push(`relation ${relation.id} has no citation`);
    for (const end of [relation.from, relation.to])
      if (!live.has(end)) problems.push(`relation ${relation.id} ends at ${end}, which is not a live actor`);
  }
  for (const { id, targets } of graph.redirects) {
    if (targets.length !== 1) problems.push(`merged id ${id} redirects to ${targets.length} actors (${targets})`);
    for (const target of targets)
      if (!live.has(target)) problems.push(`merged id ${id} redirects to ${target}, which is not a live actor`);
    if (live.has(id)) problems.push(`merged id ${id} is also a live actor`);
  }
  return problems;
}
