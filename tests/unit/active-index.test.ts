import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_TIME, dateWindow } from '../../src/domain/dates.js';
import { graphReading, isActiveIn } from '../../src/domain/reading.js';
import { compareRelations } from '../../src/domain/order.js';
import type { DateWindow, Relation } from '../../src/domain/types.js';
import { ActiveIndex } from '../../src/store/memory/active-index.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { buildActor, buildCitation, buildDataset, buildRelation, buildSource } from '../support/build.js';

const date = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** One hub's relations: many, some open, some long, some short, in the store's (since, id) order. */
const hubRelations = fc
  .array(fc.record({ since: date, until: fc.option(date, { freq: 4 }), long: fc.boolean() }), {
    minLength: 70,
    maxLength: 300,
  })
  .map((rows) =>
    rows
      .map(({ since, until, long }, i) => {
        const end =
          long && until !== null
            ? `${Number(until.slice(0, 4)) + 30}${until.slice(4)}`.replace(/^(\d{4})-02-29$/, '$1-02-28')
            : until;
        const [a, b] = end !== null && end < since ? [end, since] : [since, end];
        return buildRelation({ id: `r${String(i).padStart(3, '0')}`, from: 'hub', to: `a${i}`, since: a, until: b });
      })
      .sort(compareRelations),
  );

const windowArb = fc
  .tuple(date, date)
  .map(([a, b]): DateWindow => dateWindow(a <= b ? { from: a, to: b } : { from: b, to: a }));

describe('ActiveIndex', () => {
  it('finds every relation active in a window, each once', () => {
    fc.assert(
      fc.property(hubRelations, fc.array(windowArb, { minLength: 1, maxLength: 5 }), (relations, windows) => {
        const index = new ActiveIndex(() => relations);
        for (const window of windows) {
          const found = index.candidates('hub', window);
          expect(new Set(found.map((r) => r.id)).size, 'no relation twice').toBe(found.length);
          const active = relations
            .filter((r) => isActiveIn(r, graphReading(window)))
            .map((r) => r.id)
            .sort();
          expect(
            found
              .filter((r) => isActiveIn(r, graphReading(window)))
              .map((r) => r.id)
              .sort(),
          ).toEqual(active);
        }
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('narrows a long history to far fewer candidates for a short window', () => {
    const relations: Relation[] = [];
    for (let year = 2010; year < 2020; year++) {
      for (let i = 0; i < 50; i++)
        relations.push(
          buildRelation({
            id: `r${year}-${i}`,
            from: 'hub',
            to: `a${i}`,
            since: `${year}-03-01`,
            until: `${year}-09-30`,
          }),
        );
    }
    const index = new ActiveIndex(() => relations);
    expect(index.candidates('hub', dateWindow({ from: '2015-05-01', to: '2015-06-30' }))).toHaveLength(50);
    expect(index.candidates('hub', ALL_TIME)).toHaveLength(500);
  });

  it('is rebuilt after a write, so a closed relation stops carrying paths', async () => {
    const source = buildSource();
    const relations = [
      buildRelation({ id: 'ab', from: 'a', to: 'b', since: '2017-01-01', until: null }),
      ...Array.from({ length: 80 }, (_, i) =>
        buildRelation({
          id: `x${String(i).padStart(2, '0')}`,
          from: 'a',
          to: `x${i}`,
          since: '2016-01-01',
          until: '2016-12-31',
        }),
      ),
    ];
    const store = MemoryStore.fromDataset(
      buildDataset({
        sources: [source],
        actors: ['a', 'b', ...relations.slice(1).map((r) => r.to)].map((id) => buildActor({ id })),
        relations,
        citations: relations.map((r) => buildCitation(r.id, source)),
      }),
    );
    const query = {
      from: 'a',
      to: 'b',
      kinds: null,
      window: dateWindow({ from: '2018-01-01', to: '2018-06-30' }),
      maxHops: 2,
      directed: false,
    };
    expect((await store.shortestPath(query))?.relations.map((r) => r.id)).toEqual(['ab']);
    await store.write({ op: 'closeRelation', id: 'ab', until: '2017-06-30' });
    expect(await store.shortestPath(query)).toBeNull();
  });
});
