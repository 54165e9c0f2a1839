import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGN } from '../../src/domain/balance.js';
import { defections, matchCamps, sampleDates } from '../../src/domain/camps/alignment.js';
import { blocsAt, campCount } from '../../src/domain/camps/blocs.js';
import { reachableFrom } from '../../src/domain/camps/reachability.js';
import { breaksSplit } from '../../src/domain/camps/signed-graph.js';
import { canStep, followsInTime, pathProblem } from '../../src/domain/paths.js';
import { RELATION_KINDS, type Relation } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { buildStoredRelation } from '../support/build.js';
import { randomDataset, randomPathQuery } from '../support/random-graphs.js';

const SEED = Number(process.env.FC_SEED ?? 20261127);

/** A random signed graph: up to 12 actors, parallel and mixed-sign relations between a pair allowed. */
const signedGraphs = fc.integer({ min: 2, max: 12 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    k: fc.integer({ min: 2, max: n <= 7 ? 4 : n <= 9 ? 3 : 2 }),
    edges: fc.array(fc.record({ a: fc.nat(n - 1), b: fc.nat(n - 1), kind: fc.constantFrom(...RELATION_KINDS) }), {
      minLength: 1,
      maxLength: 2 * n + 4,
    }),
  }),
);

const relationsOf = (edges: { a: number; b: number; kind: Relation['kind'] }[]): Relation[] =>
  edges
    .filter((e) => e.a !== e.b)
    .map((e, i) =>
      buildStoredRelation({ id: `r${String(i).padStart(2, '0')}`, from: `a${e.a}`, to: `a${e.b}`, kind: e.kind }),
    );

/** The fewest relations any split of the actors into at most k camps breaks, by trying every split. */
function bruteForce(relations: Relation[], k: number): number {
  const actors = [...new Set(relations.flatMap((r) => [r.from, r.to]))];
  const camp = new Map<string, number>();
  let best = Infinity;
  // Restricted growth strings: actor i opens at most camp (max so far + 1), so each split is seen once.
  const place = (i: number, opened: number) => {
    if (i === actors.length) {
      best = Math.min(best, relations.filter((r) => breaksSplit(r, (id) => camp.get(id)!)).length);
      return;
    }
    for (let c = 0; c < Math.min(k, opened + 1); c++) {
      camp.set(actors[i], c);
      place(i + 1, Math.max(opened, c + 1));
    }
  };
  place(0, 0);
  return best;
}

describe('blocs', () => {
  it('proves the same frustration as brute force on random signed graphs of up to 12 actors', async () => {
    let proved = 0;
    await fc.assert(
      fc.asyncProperty(signedGraphs, fc.nat(), async ({ k, edges }, shuffleSeed) => {
        const relations = relationsOf(edges);
        fc.pre(relations.length > 0);
        const blocs = await blocsAt('2017-12-15', relations, k);
        const actors = [...new Set(relations.flatMap((r) => [r.from, r.to]))].sort();
        // The camps partition the actors, in the canonical order.
        expect(blocs.camps.flat().sort()).toEqual(actors);
        expect(blocs.camps.length).toBeLessThanOrEqual(k);
        for (let c = 1; c < blocs.camps.length; c++) {
          const [x, y] = [blocs.camps[c - 1], blocs.camps[c]];
          expect(x.length > y.length || (x.length === y.length && x[0] < y[0])).toBe(true);
        }
        // Exactly the relations that break the split are listed.
        const campOf = new Map(blocs.camps.flatMap((ids, c) => ids.map((id) => [id, c] as const)));
        const breaking = relations.filter((r) => breaksSplit(r, (id) => campOf.get(id)!)).map((r) => r.id);
        expect(blocs.frustrated.map((r) => r.id).sort()).toEqual(breaking.sort());
        expect(blocs.frustration).toBe(blocs.frustrated.length);
        if (blocs.optimal) {
          proved++;
          expect(blocs.frustration).toBe(bruteForce(relations, k));
        }
        // The store's order of relations does not change the answer.
        const shuffled = [...relations].sort((x, y) => ((x.id + shuffleSeed).localeCompare(y.id) * 7) % 3);
        expect(await blocsAt('2017-12-15', shuffled.reverse(), k)).toEqual(blocs);
      }),
      { seed: SEED, numRuns: 40 },
    );
    expect(proved).toBeGreaterThan(30);
  });

  it('splits a balanced graph with nothing broken, and counts parallel relations each', async () => {
    const r = (id: string, from: string, to: string, kind: Relation['kind']) =>
      buildStoredRelation({ id, from, to, kind });
    const balanced = [r('1', 'a', 'b', 'SUPPORTS'), r('2', 'c', 'd', 'SUPPORTS'), r('3', 'a', 'c', 'FIGHTS')];
    const blocs = await blocsAt('2017-12-15', balanced, 2);
    expect(blocs).toMatchObject({
      camps: [
        ['a', 'b'],
        ['c', 'd'],
      ],
      frustration: 0,
      optimal: true,
    });
    // a and b fight twice and support once: apart, the support alone breaks.
    const parallel = [r('1', 'a', 'b', 'FIGHTS'), r('2', 'a', 'b', 'FIGHTS'), r('3', 'a', 'b', 'SUPPORTS')];
    const split = await blocsAt('2017-12-15', parallel, 2);
    expect(split).toMatchObject({ camps: [['a'], ['b']], frustration: 1, optimal: true });
    expect(split.frustrated.map((x) => x.id)).toEqual(['3']);
    expect(SIGN.NEGOTIATES).toBe(1);
  });

  it('takes 2 to 4 camps', () => {
    expect(campCount(undefined)).toBe(2);
    expect(campCount(4)).toBe(4);
    for (const k of [1, 5, 2.5])
      expect(() => campCount(k)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'k' }));
  });
});

describe('alignment', () => {
  it('samples by calendar step while on or before `to`, keeping the day or the month end', () => {
    expect(sampleDates('2018-01-31', '2018-05-01', 'MONTH', 60)).toEqual([
      '2018-01-31',
      '2018-02-28',
      '2018-03-31',
      '2018-04-30',
    ]);
    expect(sampleDates('2017-10-01', '2019-08-31', 'MONTH', 60)).toHaveLength(23);
    expect(sampleDates('2017-12-15', '2018-01-05', 'WEEK', 60)).toEqual([
      '2017-12-15',
      '2017-12-22',
      '2017-12-29',
      '2018-01-05',
    ]);
    expect(sampleDates('2016-02-29', '2020-03-01', 'YEAR', 60)).toEqual([
      '2016-02-29',
      '2017-02-28',
      '2018-02-28',
      '2019-02-28',
      '2020-02-29',
    ]);
    expect(sampleDates('2017-01-01', '2017-12-31', 'QUARTER', 60)).toEqual([
      '2017-01-01',
      '2017-04-01',
      '2017-07-01',
      '2017-10-01',
    ]);
    expect(sampleDates('2000-01-01', '2020-01-01', 'MONTH', 60)).toHaveLength(61);
  });

  it('matches camps so that the most actors keep theirs', () => {
    expect(
      matchCamps(
        [['a', 'b', 'c'], ['d']],
        [
          ['d', 'e', 'f'],
          ['a', 'b'],
        ],
      ),
    ).toEqual([1, 0]);
    expect(matchCamps([['a'], ['b']], [['a', 'b']])).toEqual([0, 1]);
    expect(matchCamps([['a', 'b']], [['c'], ['b'], ['a']])).toEqual([1, 0, 2]);
  });
});

describe('defections', () => {
  const r = (id: string, from: string, to: string, kind: Relation['kind'], since = '2017-01-01') =>
    buildStoredRelation({ id, from, to, kind, since });

  it('lists who changed camp, not a separate part whose rank shifted', async () => {
    // Two parts: a fight (a, b against c) and a mediator pair (m, n) alone.
    const before = [r('1', 'a', 'b', 'SUPPORTS'), r('2', 'a', 'c', 'FIGHTS'), r('3', 'm', 'n', 'MEMBER_OF')];
    // Later b turns on a and joins c; c gains allies d, e, so the ranks of the camps change.
    const after = [
      r('2', 'a', 'c', 'FIGHTS'),
      r('3', 'm', 'n', 'MEMBER_OF'),
      r('4', 'b', 'a', 'FIGHTS', '2017-06-01'),
      r('5', 'd', 'c', 'SUPPORTS', '2017-06-01'),
      r('6', 'e', 'c', 'SUPPORTS', '2017-06-01'),
      r('7', 'b', 'c', 'SUPPORTS', '2017-06-01'),
    ];
    const previous = { blocs: await blocsAt('2017-02-01', before, 2), active: before };
    const current = { blocs: await blocsAt('2017-07-01', after, 2), active: after };
    const moved = defections(previous, current);
    expect(moved.map((d) => d.actorId)).toEqual(['b']);
    expect(moved[0].relations.map((x) => x.id)).toEqual(['1', '4', '7']);
  });

  it('does not count joining a side as changing sides', async () => {
    // m and n are tied to each other only: their part is placed in the largest camp (with a) by rank,
    // not by a side. Later n joins c against a.
    const before = [r('1', 'a', 'b', 'SUPPORTS'), r('2', 'a', 'c', 'FIGHTS'), r('3', 'm', 'n', 'MEMBER_OF')];
    const after = [...before, r('4', 'n', 'a', 'FIGHTS', '2017-06-01'), r('5', 'n', 'c', 'SUPPORTS', '2017-06-01')];
    const previous = { blocs: await blocsAt('2017-02-01', before, 2), active: before };
    const current = { blocs: await blocsAt('2017-07-01', after, 2), active: after };
    expect(defections(previous, current)).toEqual([]);
  });
});

describe('reachable', () => {
  /** Every simple time-respecting walk from the start of at most maxHops relations: the earliest arrival per actor. */
  function oracle(relations: Relation[], query: Parameters<typeof reachableFrom>[0]) {
    const best = new Map<string, { since: string; hops: number }>();
    const extend = (at: string, walk: Relation[], visited: Set<string>) => {
      if (walk.length === query.maxHops) return;
      for (const r of relations) {
        if (!canStep(r, at, query)) continue;
        if (walk.length && !followsInTime(walk.at(-1)!, r)) continue;
        const next = r.from === at ? r.to : r.from;
        if (visited.has(next)) continue;
        const found = best.get(next);
        const hops = walk.length + 1;
        if (!found || r.since < found.since || (r.since === found.since && hops < found.hops))
          best.set(next, { since: r.since, hops });
        extend(next, [...walk, r], new Set([...visited, next]));
      }
    };
    extend(query.from, [], new Set([query.from]));
    return best;
  }

  it('finds the exact earliest arrival and fewest hops of brute force on random dated graphs', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomDataset.chain((dataset) =>
          fc.record({ dataset: fc.constant(dataset), query: randomPathQuery(dataset.actors.length) }),
        ),
        async ({ dataset, query }) => {
          const store = MemoryStore.fromDataset(dataset);
          const all = await store.activeRelations(query.reading, query.kinds, null);
          const reach = await reachableFrom(query, (ids) =>
            store.relationsOfActors(ids, { kinds: query.kinds, reading: query.reading, direction: 'ANY' }),
          );
          const expected = oracle(all, query);
          expect(reach.map((r) => r.actorId).sort()).toEqual([...expected.keys()].sort());
          for (const r of reach) {
            const e = expected.get(r.actorId)!;
            const windowStart = query.reading.window.from;
            expect(r.at).toBe(windowStart !== null && e.since < windowStart ? windowStart : e.since);
            expect(r.hops).toBe(e.hops);
            expect(r.relations.at(-1)!.since).toBe(e.since);
            const path = { actorIds: [query.from], relations: r.relations };
            for (const rel of r.relations) path.actorIds.push(rel.from === path.actorIds.at(-1) ? rel.to : rel.from);
            expect(pathProblem(path, { ...query, to: r.actorId, timeRespecting: true })).toBeNull();
          }
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});
