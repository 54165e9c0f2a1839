import fc from 'fast-check';
import type { Dataset } from '../../src/dataset/dataset.js';
import { ALL_TIME, dateWindow } from '../../src/domain/dates.js';
import type { PathsQuery } from '../../src/domain/paths.js';
import { RELATION_KINDS, type Relation, type RelationKind } from '../../src/domain/types.js';
import { buildActor, buildDataset, buildRelation } from './build.js';

/** Days from a small set, so that equal dates and window edges happen often. */
const DAYS = [
  '2015-01-01',
  '2016-06-30',
  '2017-05-04',
  '2017-10-01',
  '2017-12-08',
  '2017-12-31',
  '2018-02-09',
  '2019-08-20',
  '2020-12-31',
];
const day = fc.constantFrom(...DAYS);
const kind = fc.constantFrom<RelationKind>(...RELATION_KINDS);

/** A random dated graph of a few actors with parallel relations, open and closed intervals. */
export const randomDataset = fc
  .integer({ min: 3, max: 8 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      relations: fc.array(
        fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), kind, since: day, until: fc.option(day, { freq: 3 }) }),
        { minLength: 4, maxLength: 30 },
      ),
    }),
  )
  .map(({ n, relations }): Dataset => {
    const actors = Array.from({ length: n }, (_, i) => buildActor({ id: `x${i}` }));
    const built: Relation[] = relations
      .filter((r) => r.from !== r.to)
      .map((r, i) => {
        const [since, until] = r.until !== null && r.until < r.since ? [r.until, r.since] : [r.since, r.until];
        return buildRelation({
          id: `r${String(i).padStart(2, '0')}`,
          kind: r.kind,
          from: `x${r.from}`,
          to: `x${r.to}`,
          since,
          until,
        });
      });
    return buildDataset({ actors, relations: built });
  });

const window = fc.option(
  fc
    .tuple(fc.option(day), fc.option(day))
    .map(([a, b]) => dateWindow(a !== null && b !== null && a > b ? { from: b, to: a } : { from: a, to: b })),
  { freq: 2, nil: ALL_TIME },
);

/** A random path query over actors x0..x(n-1). */
export const randomPathQuery = (n: number) =>
  fc
    .record({
      from: fc.nat(n - 1),
      to: fc.nat(n - 1),
      kinds: fc.option(fc.subarray([...RELATION_KINDS], { minLength: 1 }), { freq: 2 }),
      window,
      maxHops: fc.integer({ min: 1, max: 4 }),
      directed: fc.boolean(),
      timeRespecting: fc.boolean(),
      first: fc.integer({ min: 1, max: 50 }),
    })
    .filter((q) => q.from !== q.to)
    .map((q): PathsQuery => ({ ...q, from: `x${q.from}`, to: `x${q.to}` }));

export { day as randomDay };
