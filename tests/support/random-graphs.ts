import fc from 'fast-check';
import type { Dataset } from '../../src/dataset/dataset.js';
import { ALL_TIME, dateWindow } from '../../src/domain/dates.js';
import type { PathsQuery } from '../../src/domain/paths.js';
import { graphReading } from '../../src/domain/reading.js';
import {
  OPEN_ENDS,
  RELATION_KINDS,
  RELIABILITIES,
  type Citation,
  type RelationFacts as Relation,
  type RelationKind,
} from '../../src/domain/types.js';
import { buildActor, buildCitation, buildDataset, buildRelation, buildSource } from './build.js';

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

/** Publishers of the random sources: two share one, one names none (it counts once per source). */
const PUBLISHERS = ['Wire', 'Wire', null, 'Monitor', 'Daily'];

/** One citation of a random relation: which source, who claims it (nobody, or an actor), its stance. */
const citationArb = (n: number) =>
  fc.record({
    source: fc.nat(PUBLISHERS.length - 1),
    claimant: fc.option(fc.nat(n - 1), { freq: 2 }),
    disputes: fc.integer({ min: 0, max: 4 }).map((d) => d === 0),
  });

/**
 * A random dated graph of a few actors with parallel relations, open and closed intervals, and
 * sourcing of every shape: one to three citations from sources with shared, distinct or no
 * publishers, graded A to F and published on random days; claims by nobody, by a relation's own
 * actors or by others; citations that dispute.
 */
export const randomDataset = fc
  .integer({ min: 3, max: 8 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      sources: fc.array(fc.record({ published: day, reliability: fc.constantFrom(...RELIABILITIES) }), {
        minLength: PUBLISHERS.length,
        maxLength: PUBLISHERS.length,
      }),
      relations: fc.array(
        fc.record({
          from: fc.nat(n - 1),
          to: fc.nat(n - 1),
          kind,
          since: day,
          until: fc.option(day, { freq: 3 }),
          citations: fc.uniqueArray(citationArb(n), { minLength: 1, maxLength: 3, selector: (c) => c.source }),
          exact: fc.boolean(),
        }),
        { minLength: 4, maxLength: 30 },
      ),
    }),
  )
  .map(({ n, sources: drawn, relations }): Dataset => {
    const actors = Array.from({ length: n }, (_, i) => buildActor({ id: `x${i}` }));
    const sources = drawn.map((s, i) =>
      buildSource({ id: `s${i}`, publisher: PUBLISHERS[i], published: s.published, reliability: s.reliability }),
    );
    const built: Relation[] = [];
    const citations: Citation[] = [];
    relations
      .filter((r) => r.from !== r.to)
      .forEach((r, i) => {
        const [since, until] = r.until !== null && r.until < r.since ? [r.until, r.since] : [r.since, r.until];
        const id = `r${String(i).padStart(2, '0')}`;
        built.push(
          buildRelation({
            id,
            kind: r.kind,
            from: `x${r.from}`,
            to: `x${r.to}`,
            since,
            until,
            sinceBound: r.exact ? 'EXACT' : 'ON_OR_BEFORE',
          }),
        );
        for (const c of r.citations)
          citations.push(
            buildCitation(id, sources[c.source], {
              claimant: c.claimant === null ? null : `x${c.claimant} spokesman`,
              claimantActorId: c.claimant === null ? null : `x${c.claimant}`,
              stance: c.disputes ? 'DISPUTES' : 'REPORTS',
            }),
          );
      });
    return buildDataset({ actors, sources, relations: built, citations });
  });

const window = fc.option(
  fc
    .tuple(fc.option(day), fc.option(day))
    .map(([a, b]) => dateWindow(a !== null && b !== null && a > b ? { from: b, to: a } : { from: a, to: b })),
  { freq: 2, nil: ALL_TIME },
);

/** A random evidence filter, mostly lenient so that readings still find relations. */
const evidence = fc.option(
  fc.record({
    minSources: fc.integer({ min: 0, max: 3 }),
    minPublishers: fc.integer({ min: 0, max: 3 }),
    statedOnly: fc.boolean(),
    excludeDisputed: fc.boolean(),
    minReliability: fc.option(fc.constantFrom(...RELIABILITIES)),
  }),
  { freq: 2 },
);

/** A random reading: a window (often all time), an open-end reading, an evidence filter. */
export const randomReading = fc
  .record({ window, openEnd: fc.constantFrom(...OPEN_ENDS), evidence })
  .map(({ window: w, openEnd, evidence: e }) => graphReading(w, openEnd, e));

/** A random path query over actors x0..x(n-1). */
export const randomPathQuery = (n: number) =>
  fc
    .record({
      from: fc.nat(n - 1),
      to: fc.nat(n - 1),
      kinds: fc.option(fc.subarray([...RELATION_KINDS], { minLength: 1 }), { freq: 2 }),
      reading: randomReading,
      maxHops: fc.integer({ min: 1, max: 4 }),
      directed: fc.boolean(),
      timeRespecting: fc.boolean(),
      first: fc.integer({ min: 1, max: 50 }),
    })
    .filter((q) => q.from !== q.to)
    .map((q): PathsQuery => ({ ...q, from: `x${q.from}`, to: `x${q.to}` }));

export { day as randomDay };
