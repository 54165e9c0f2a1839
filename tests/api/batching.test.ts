import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient, countingStore } from '../support/api.js';
import { ringDataset } from '../support/build.js';

const NESTED = `{ actors(first: 100) { edges { node { id
  relations { from { id name } to { id name relations(kinds: [SUPPORTS]) { id citations { title } } } citations { id title } } } } } }`;

describe('batching', () => {
  it.each([5, 100])('answers a nested query over %i actors with the same bounded number of store calls', async (n) => {
    const counted = countingStore(MemoryStore.fromDataset(ringDataset(n)));
    // Relations nested in relations multiply past the cost limit (50 assumed at each level): this
    // test measures store calls, not limits.
    const res = await apiClient(counted.store, { maxQueryCost: Infinity })(NESTED);
    expect(res.errors).toBeUndefined();
    const edges = (res.data as { actors: { edges: { node: { relations: unknown[] } }[] } }).actors.edges;
    expect(edges).toHaveLength(n);
    expect(edges.every((e) => e.node.relations.length === 4)).toBe(true);
    // One call per level: the actor page, their relations, the far ends' SUPPORTS relations,
    // and citations of both levels in one loader wave; never one call per actor.
    expect(Object.fromEntries(counted.calls)).toEqual({
      searchActors: 1,
      relationsOfActors: 2,
      citationsOfRelations: 1,
    });
  });
});
