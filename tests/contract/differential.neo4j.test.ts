import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { balanceAt } from '../../src/domain/balance.js';
import { changesBetween } from '../../src/domain/changes.js';
import { dateSpan, dayWindow } from '../../src/domain/dates.js';
import { graphReading, withWindow } from '../../src/domain/reading.js';
import { comparePaths, pathProblem, type Path } from '../../src/domain/paths.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { GraphStore, RelationQuery, SpanReading } from '../../src/store/port.js';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import { neo4jSettings } from '../support/neo4j.js';
import { randomDataset, randomDay, randomPathQuery } from '../support/random-graphs.js';

const settings = neo4jSettings();
const SEED = Number(process.env.FC_SEED ?? 20261121);
const RUNS = Number(process.env.FC_RUNS ?? 20);

/** Every page of a relation listing, walked with the keyset cursor, as ids. */
async function allPages(store: GraphStore, query: Omit<RelationQuery, 'after' | 'limit'>): Promise<string[]> {
  const ids: string[] = [];
  let after: RelationQuery['after'] = null;
  for (;;) {
    const page = await store.listRelations({ ...query, after, limit: 3 });
    ids.push(...page.items.map((r) => r.id));
    if (!page.hasMore) return ids;
    const last = page.items.at(-1)!;
    after = { since: last.since, id: last.id };
  }
}

const allRelations = (store: GraphStore, reading: RelationQuery['reading']) =>
  store.listRelations({ kinds: null, reading, actorId: null, after: null, limit: 10_000 }).then((page) => page.items);

const walk = (p: Path | null) => (p ? `${p.actorIds.join('>')} via ${p.relations.map((r) => r.id).join(',')}` : null);

describe.skipIf(!settings)('differential: the embedded store and Neo4j agree on random dated graphs', () => {
  const driver = createDriver(settings!);
  const neo4j = new Neo4jStore(driver, settings!);
  afterAll(() => driver.close());

  it(`on paths, shortest paths, neighbourhoods, relation pages, changes, balance and evidence, under random readings (seed ${SEED}, ${RUNS} graphs)`, async () => {
    console.log(`[differential] fast-check seed ${SEED}, ${RUNS} graphs x 6 queries (FC_SEED / FC_RUNS to change)`);
    await applySchema(driver, settings!.database);
    let checkedPaths = 0;
    await fc.assert(
      fc.asyncProperty(
        randomDataset.chain((dataset) =>
          fc.record({
            dataset: fc.constant(dataset),
            queries: fc.array(randomPathQuery(dataset.actors.length), { minLength: 6, maxLength: 6 }),
            days: fc.array(randomDay, { minLength: 2, maxLength: 2 }),
          }),
        ),
        async ({ dataset, queries, days }) => {
          const memory = MemoryStore.fromDataset(dataset);
          await seedDataset(driver, settings!.database, dataset, { reset: true });
          for (const query of queries) {
            const [a, b] = [await memory.paths(query), await neo4j.paths(query)];
            expect(b.map(walk), JSON.stringify(query)).toEqual(a.map(walk));
            for (const path of a) expect(pathProblem(path, query), walk(path)!).toBeNull();
            expect([...a].sort(comparePaths).map(walk)).toEqual(a.map(walk));
            checkedPaths += a.length;

            const [s1, s2] = [await memory.shortestPath(query), await neo4j.shortestPath(query)];
            expect(walk(s2), JSON.stringify(query)).toEqual(walk(s1));
            if (s1) expect(pathProblem(s1, { ...query, timeRespecting: false })).toBeNull();
            // The same set of shortest paths: every simple path of the shortest length, on both.
            const untimed = { ...query, timeRespecting: false, first: 50 };
            const all = await memory.paths(untimed);
            const shortest = s1 ? all.filter((p) => p.relations.length === s1.relations.length) : [];
            expect(s1 === null).toBe(all.length === 0);
            if (s1) {
              expect(all.every((p) => p.relations.length >= s1.relations.length)).toBe(true);
              expect(walk(shortest[0])).toBe(walk(s1));
              const limited = { ...untimed, maxHops: s1.relations.length };
              expect(
                (await neo4j.paths(limited)).filter((p) => p.relations.length === s1.relations.length).map(walk),
              ).toEqual(shortest.map(walk));
            }

            const hops = Math.min(query.maxHops, 3);
            expect(
              await neo4j.neighborhood(query.from, hops, query.kinds, query.reading),
              `neighbourhood ${JSON.stringify(query)}`,
            ).toEqual(await memory.neighborhood(query.from, hops, query.kinds, query.reading));
            for (const actorId of [null, query.from]) {
              const listing = { kinds: query.kinds, reading: query.reading, actorId };
              expect(await allPages(neo4j, listing), `pages ${JSON.stringify(listing)}`).toEqual(
                await allPages(memory, listing),
              );
            }
          }
          const [from, to] = [...days].sort();
          // Two queries' readings (open ends, evidence) over the span and the day, on both stores.
          for (const { reading } of queries.slice(0, 2)) {
            const span = withWindow(reading, dateSpan(from, to, 'span')) as SpanReading;
            for (const actorId of [null, 'x0']) {
              const changes = async (store: GraphStore) =>
                changesBetween(await store.relationsChangedBetween(span, actorId), from, to, reading.openEnd);
              expect(await changes(neo4j), `changes ${JSON.stringify(span)}`).toEqual(await changes(memory));
            }
            const day = withWindow(reading, dayWindow(from));
            expect(balanceAt(from, await neo4j.activeRelations(day, null, null))).toEqual(
              balanceAt(from, await memory.activeRelations(day, null, null)),
            );
            expect(await neo4j.relationsBetween('x0', 'x1', null, reading)).toEqual(
              await memory.relationsBetween('x0', 'x1', null, reading),
            );
          }
          // Every relation with what its citations vouch for, equal on both stores.
          const everything = graphReading(dateSpan('0001-01-01', '9999-12-31', 'span'));
          expect(await allRelations(neo4j, everything)).toEqual(await allRelations(memory, everything));
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.log(`[differential] ${checkedPaths} paths compared and validated`);
    expect(checkedPaths).toBeGreaterThan(RUNS);
  }, 600_000);
});
