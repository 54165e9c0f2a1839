import type { Driver, Session } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import { apiClient } from '../support/api.js';
import { ringDataset } from '../support/build.js';
import { neo4jSettings } from '../support/neo4j.js';

const settings = neo4jSettings();

/**
 * A driver whose queries are counted: each `executeQuery` call and each `run` on a session (the
 * store's auto-commit reads) is one round trip to the server.
 */
function countingDriver(driver: Driver) {
  let count = 0;
  const countRuns = (session: Session) =>
    new Proxy(session, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'run') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: Parameters<Session['run']>) => {
          count++;
          return target.run(...args);
        };
      },
    });
  const proxy = new Proxy(driver, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'session') return (...args: Parameters<Driver['session']>) => countRuns(target.session(...args));
      if (property !== 'executeQuery') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: Parameters<Driver['executeQuery']>) => {
        count++;
        return target.executeQuery(...args);
      };
    },
  });
  return { driver: proxy, count: () => count, reset: () => (count = 0) };
}

// Depth 4: actors -> relations -> far end -> its relations -> citations.
const NESTED = `{ actors(first: 100) { edges { node { id
  relations { from { id name } to { id name relations(kinds: [SUPPORTS]) { id citations { title } } } citations { id title } } } } } }`;

describe.skipIf(!settings)('Neo4j round trips per request', () => {
  const raw = createDriver(settings!);
  const counted = countingDriver(raw);
  // Relations nested in relations multiply past the cost limit (50 assumed at each level): this file
  // counts driver queries, not limits.
  const query = apiClient(new Neo4jStore(counted.driver, settings!), { maxQueryCost: Infinity });
  beforeAll(async () => {
    await applySchema(raw, settings!.database);
    await seedDataset(raw, settings!.database, ringDataset(60), { reset: true });
  });
  afterAll(() => raw.close());

  it('answers a depth-4 nested query over 60 actors in at most depth + 1 driver queries', async () => {
    counted.reset();
    const res = await query(NESTED);
    expect(res.errors).toBeUndefined();
    expect((res.data as { actors: { edges: unknown[] } }).actors.edges).toHaveLength(60);
    console.log(`[round trips] nested depth-4 query over 60 actors: ${counted.count()} driver queries`);
    expect(counted.count()).toBeLessThanOrEqual(5);
  });

  it('answers a 3-hop neighbourhood in 4 driver queries, however many actors it reaches', async () => {
    counted.reset();
    const res = await query(
      '{ neighborhood(actor: "a000", hops: 3) { nodes { id name } edges { id from { id } to { id } citations { id } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect((res.data as { neighborhood: { nodes: unknown[] } }).neighborhood.nodes).toHaveLength(13);
    console.log(`[round trips] 3-hop neighbourhood: ${counted.count()} driver queries`);
    // The start actor's existence check, one query for the whole neighbourhood, then the reached
    // actors' fields and the relations' citations, one batch each.
    expect(counted.count()).toBe(1 + 1 + 1 + 1);
  });
});
