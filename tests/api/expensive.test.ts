import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { SearchClock } from '../../src/store/memory/search-clock.js';
import { simplePaths, type Adjacency } from '../../src/store/memory/path-search.js';
import { EVERYTHING } from '../../src/domain/reading.js';
import { StoreTimeoutError } from '../../src/store/store-errors.js';
import { storedRelations } from '../support/build.js';
import { denseDataset } from '../support/dense-graph.js';
import { expensiveContract } from './expensive.contract.js';

describe('expensive reads on the embedded store', () => {
  expensiveContract(it, async (dataset) => MemoryStore.fromDataset(dataset));

  it('stops a search at its own time limit with the store timeout error, as Neo4j does at its transaction timeout', async () => {
    const byActor = new Map<string, ReturnType<typeof storedRelations>>();
    for (const r of storedRelations(denseDataset(12, 3)))
      for (const end of [r.from, r.to]) byActor.set(end, [...(byActor.get(end) ?? []), r]);
    const adjacent: Adjacency = (id) => byActor.get(id) ?? [];
    const query = {
      from: 'd00',
      to: 'd01',
      kinds: null,
      reading: EVERYTHING,
      maxHops: 6,
      directed: false,
      timeRespecting: false,
      first: 50,
    };
    const started = performance.now();
    const search = simplePaths(adjacent, query, new SearchClock(undefined, 300));
    await expect(search).rejects.toBeInstanceOf(StoreTimeoutError);
    await expect(search).rejects.toThrow("The query ran longer than the store's 300 ms limit and was stopped.");
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
