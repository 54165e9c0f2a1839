import { describe, expect, it } from 'vitest';
import type { Relation } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient, countingStore } from '../support/api.js';
import { buildActor, buildDataset, buildRelation } from '../support/build.js';

/** A ring of `n` actors, each fighting the next and supporting the one after. */
function ring(n: number) {
  const actors = Array.from({ length: n }, (_, i) => buildActor({ id: `a${String(i).padStart(3, '0')}` }));
  const relations: Relation[] = actors.flatMap((a, i) => [
    buildRelation({ id: `f${i}`, from: a.id, to: actors[(i + 1) % n].id }),
    buildRelation({ id: `s${i}`, kind: 'SUPPORTS', from: a.id, to: actors[(i + 2) % n].id, since: '2018-01-01' }),
  ]);
  return buildDataset({ actors, relations });
}

const NESTED = `{ actors(first: 100) { edges { node { id
  relations { from { id name } to { id name relations(kinds: [SUPPORTS]) { id citations { title } } } citations { id title } } } } } }`;

describe('batching', () => {
  it.each([5, 100])('answers a nested query over %i actors with the same bounded number of store calls', async (n) => {
    const counted = countingStore(MemoryStore.fromDataset(ring(n)));
    const res = await apiClient(counted.store)(NESTED);
    expect(res.errors).toBeUndefined();
    const edges = (res.data as { actors: { edges: { node: { relations: unknown[] } }[] } }).actors.edges;
    expect(edges).toHaveLength(n);
    expect(edges.every((e) => e.node.relations.length === 4)).toBe(true);
    // One call per level: the actor page, their relations, the far ends' SUPPORTS relations,
    // and citations of both levels in one loader wave; never one call per actor.
    expect(Object.fromEntries(counted.calls)).toEqual({ searchActors: 1, relationsOfActors: 2, citationsOfRelations: 1 });
  });
});
