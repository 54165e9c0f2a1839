import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { dateWindow } from '../../src/domain/dates.js';
import { EVERYTHING, graphReading } from '../../src/domain/reading.js';
import { pathProblem, type PathsQuery } from '../../src/domain/paths.js';
import type { Relation } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { shortestPath, simplePaths, type Adjacency } from '../../src/store/memory/path-search.js';
import { buildActor, buildDataset, buildRelation, storedRelations } from '../support/build.js';
import { randomDataset, randomPathQuery } from '../support/random-graphs.js';

/**
 * The bidirectional shortest-path search against a plain oracle: the first of all simple paths
 * in result order (fewest hops, then actor ids, then relation ids) is the shortest path.
 */

function adjacencyOf(dataset: Dataset): Adjacency {
  const byActor = new Map<string, Relation[]>();
  for (const relation of storedRelations(dataset)) {
    for (const end of [relation.from, relation.to]) byActor.set(end, [...(byActor.get(end) ?? []), relation]);
  }
  return (id) => byActor.get(id) ?? [];
}

/** Sparser, larger graphs than the store tests use, so the two balls meet after several rings. */
const largerDataset = fc
  .record({
    n: fc.integer({ min: 10, max: 40 }),
    relations: fc.array(
      fc.record({
        from: fc.nat(39),
        to: fc.nat(39),
        kind: fc.constantFrom('FIGHTS', 'SUPPORTS', 'NEGOTIATES', 'MEMBER_OF' as const),
        since: fc.constantFrom('2015-01-01', '2017-05-04', '2018-02-09'),
      }),
      { minLength: 30, maxLength: 100 },
    ),
  })
  .map(({ n, relations }): Dataset => {
    const actors = Array.from({ length: n }, (_, i) => buildActor({ id: `a${i}` }));
    const built = relations
      .map((r) => ({ ...r, from: r.from % n, to: r.to % n }))
      .filter((r) => r.from !== r.to)
      .map((r, i) =>
        buildRelation({
          id: `r${String(i).padStart(2, '0')}`,
          kind: r.kind as Relation['kind'],
          from: `a${r.from}`,
          to: `a${r.to}`,
          since: r.since,
          until: null,
        }),
      );
    return buildDataset({ actors, relations: built });
  });

/** Day `n` counted from 2010-01-01. */
const day = (n: number) => new Date(Date.UTC(2010, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

async function checkAgainstOracle(dataset: Dataset, query: PathsQuery) {
  const adjacent = adjacencyOf(dataset);
  const plain = { ...query, timeRespecting: false };
  const all = (await simplePaths(adjacent, { ...plain, first: Number.MAX_SAFE_INTEGER })).filter(
    (path) => path.relations.length > 0,
  );
  const found = await shortestPath(adjacent, plain);
  if (found) expect(pathProblem(found, plain)).toBeNull();
  expect(found).toEqual(all[0] ?? null);
}

describe('shortestPath on the embedded store', () => {
  it('equals the first simple path on small random dated graphs', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomDataset.chain((dataset) => fc.tuple(fc.constant(dataset), randomPathQuery(dataset.actors.length))),
        ([dataset, query]) => checkAgainstOracle(dataset, query),
      ),
      { seed: 20261122, numRuns: 400 },
    );
  });

  it('equals the first simple path on larger sparse graphs, up to 6 hops', async () => {
    let found = 0;
    await fc.assert(
      fc.asyncProperty(
        largerDataset.chain((dataset) =>
          fc.tuple(
            fc.constant(dataset),
            fc.record({
              from: fc.nat(dataset.actors.length - 1),
              to: fc.nat(dataset.actors.length - 1),
              maxHops: fc.integer({ min: 1, max: 6 }),
              directed: fc.boolean(),
            }),
          ),
        ),
        async ([dataset, q]) => {
          const query: PathsQuery = {
            from: `a${q.from}`,
            to: `a${q.to}`,
            kinds: null,
            reading: EVERYTHING,
            maxHops: q.maxHops,
            directed: q.directed,
            timeRespecting: false,
            first: 1,
          };
          await checkAgainstOracle(dataset, query);
          if (await shortestPath(adjacencyOf(dataset), query)) found++;
        },
      ),
      { seed: 20261122, numRuns: 300 },
    );
    // The property is only worth something if many queries have an answer.
    expect(found).toBeGreaterThan(100);
  });

  it('finds no path from an actor to itself, nor past maxHops', async () => {
    const dataset = buildDataset({
      actors: ['a', 'b', 'c', 'd'].map((id) => buildActor({ id })),
      relations: [
        buildRelation({ id: 'r1', kind: 'FIGHTS', from: 'a', to: 'b' }),
        buildRelation({ id: 'r2', kind: 'FIGHTS', from: 'b', to: 'c' }),
        buildRelation({ id: 'r3', kind: 'FIGHTS', from: 'c', to: 'd' }),
      ],
    });
    const base = { kinds: null, reading: EVERYTHING, directed: false };
    expect(await shortestPath(adjacencyOf(dataset), { ...base, from: 'a', to: 'a', maxHops: 3 })).toBeNull();
    expect(await shortestPath(adjacencyOf(dataset), { ...base, from: 'a', to: 'd', maxHops: 2 })).toBeNull();
    expect((await shortestPath(adjacencyOf(dataset), { ...base, from: 'a', to: 'd', maxHops: 3 }))?.actorIds).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('gives the same answers through the store, whose hubs use the active-relations index', async () => {
    const hubDataset = fc
      .array(
        fc.record({
          from: fc.nat(29),
          to: fc.nat(29),
          start: fc.integer({ min: 0, max: 3650 }),
          days: fc.option(fc.integer({ min: 1, max: 900 }), { freq: 4 }),
        }),
        { minLength: 300, maxLength: 400 },
      )
      .map((rows): Dataset => {
        // Actors 0-2 take part in most relations: hubs past the index's threshold.
        const end = (n: number) => (n < 20 ? n % 3 : n - 17);
        const relations = rows
          .map((r) => ({ ...r, from: end(r.from), to: end(r.to) }))
          .filter((r) => r.from !== r.to)
          .map((r, i) =>
            buildRelation({
              id: `r${String(i).padStart(3, '0')}`,
              kind: 'FIGHTS',
              from: `a${r.from}`,
              to: `a${r.to}`,
              since: day(r.start),
              until: r.days === null ? null : day(r.start + r.days),
            }),
          );
        return buildDataset({ actors: Array.from({ length: 13 }, (_, i) => buildActor({ id: `a${i}` })), relations });
      });
    const window = fc
      .tuple(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 400 }))
      .map(([start, days]) => dateWindow({ from: day(start), to: day(start + days) }));
    await fc.assert(
      fc.asyncProperty(
        hubDataset,
        fc.array(fc.tuple(fc.nat(12), fc.nat(12), window), { minLength: 5, maxLength: 5 }),
        async (dataset, queries) => {
          const store = MemoryStore.fromDataset(dataset);
          const adjacent = adjacencyOf(dataset);
          for (const [from, to, w] of queries) {
            const query: PathsQuery = {
              from: `a${from}`,
              to: `a${to}`,
              kinds: null,
              reading: graphReading(w),
              maxHops: 3,
              directed: false,
              timeRespecting: true,
              first: 20,
            };
            expect(await store.shortestPath(query)).toEqual(await shortestPath(adjacent, query));
            expect(await store.paths(query)).toEqual(await simplePaths(adjacent, query));
            const plain = { ...query, timeRespecting: false };
            expect(await store.paths(plain)).toEqual(await simplePaths(adjacent, plain));
          }
        },
      ),
      { seed: 20261122, numRuns: 60 },
    );
  });
});
