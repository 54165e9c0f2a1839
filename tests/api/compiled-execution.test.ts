import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient } from '../support/api.js';
import { conflictDataset } from '../support/build.js';

const store = MemoryStore.fromDataset(conflictDataset());
const compiled = apiClient(store);
const interpreted = apiClient(store, { jit: false });

// An unknown actor inside an aliased field of a fragment, two lines down: the error must point there.
const located = `query Located {
  ...Twice
}
fragment Twice on Query {
  known: neighborhood(actor: "gov") { nodes { id } }
  unknown: neighborhood(actor: "nobody") { nodes { id } }
}`;

describe('compiled queries (graphql-jit) answer as graphql-js does', () => {
  it('gives the same data and the same errors, locations included, through aliases and fragments', async () => {
    const [jit, js] = await Promise.all([compiled(located), interpreted(located)]);
    expect(jit.errors?.[0]).toMatchObject({ path: ['unknown'], locations: [{ line: 6, column: 3 }] });
    expect(jit.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(jit).toEqual(js);
  });

  it('answers a bad variable with the scalar own message, as graphql-js does', async () => {
    const document = 'query($at: Date!) { snapshot(at: $at) { edges { id } } }';
    const [jit, js] = await Promise.all([
      compiled(document, { at: '2017-02-30' }),
      interpreted(document, { at: '2017-02-30' }),
    ]);
    expect(jit.errors?.[0].message).toMatch(/Date must be a real calendar date/);
    expect(jit).toEqual(js);
  });

  it('gives the same answer to a nested read with variables', async () => {
    const document = `query($id: ID!) { actor(id: $id) { id name relations { id kind since from { id } to { id } citations { id title } } } }`;
    const [jit, js] = await Promise.all([compiled(document, { id: 'gov' }), interpreted(document, { id: 'gov' })]);
    expect(jit.errors).toBeUndefined();
    expect((jit.data as { actor: { relations: unknown[] } }).actor.relations.length).toBeGreaterThan(0);
    expect(jit).toEqual(js);
  });
});
