import { EVERYTHING } from '../../src/domain/reading.js';
import { allActors } from '../../src/import/all-actors.js';
import type { GraphStore } from '../../src/store/port.js';

/** Everything a store holds, in a stable order: two equal digests mean two equal graphs. */
export async function graphDigest(store: GraphStore) {
  const actors = await allActors(store);
  const relations = (
    await store.listRelations({ kinds: null, reading: EVERYTHING, actorId: null, after: null, limit: 1_000_000 })
  ).items;
  const citations = await store.citationsOfRelations(relations.map((r) => r.id));
  return { actors, relations, citations, sources: await store.listSources() };
}
