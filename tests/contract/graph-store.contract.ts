import { describe, expect, type TestAPI } from 'vitest';
import { citationOf } from '../../src/domain/citations.js';
import { historyQuery, type Edit } from '../../src/domain/edits.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { dateSpan, dateWindow, dayWindow } from '../../src/domain/dates.js';
import { foldForSearch } from '../../src/domain/search.js';
import type { Path, PathsQuery } from '../../src/domain/paths.js';
import type { Relation } from '../../src/domain/types.js';
import { EVERYTHING, graphReading } from '../../src/domain/reading.js';
import type { GraphStore, SpanReading } from '../../src/store/port.js';
import { buildActor, buildCitation, buildDataset, buildRelation, conflictDataset } from '../support/build.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

/** The reading of `changes` over a span, as the API builds it. */
const spanReading = (from: string, to: string) => graphReading(dateSpan(from, to, 'span')) as SpanReading;

const ids = (relations: readonly (Relation | null)[]) => relations.map((r) => r?.id ?? null);

/** The behaviour every GraphStore adapter must have. Each adapter's test file calls this. */
export function graphStoreContract(it: TestAPI, open: OpenStore): void {
  it('answers actorsByIds in input order, with null for a miss', async () => {
    const store = await open(conflictDataset());
    const actors = await store.actorsByIds(['tr', 'nobody', 'gov', 'tr']);
    expect(actors.map((a) => a?.id ?? null)).toEqual(['tr', null, 'gov', 'tr']);
    expect(actors[0]).toEqual({
      id: 'tr',
      name: 'Türkiye',
      kind: 'STATE',
      aliases: ['Turkey', 'Ankara'],
      description: null,
    });
    expect(actors[2]?.aliases).toEqual(['Assad regime', 'Syrian Army']);
  });

  it('answers relationsByIds in input order with every field', async () => {
    const store = await open(conflictDataset());
    const relations = await store.relationsByIds(['rebels-fight-daesh', 'missing', 'ru-supports-gov']);
    expect(ids(relations)).toEqual(['rebels-fight-daesh', null, 'ru-supports-gov']);
    expect(relations[0]).toEqual({
      ...buildRelation({
        id: 'rebels-fight-daesh',
        from: 'rebels',
        to: 'daesh',
        since: '2017-12-08',
        until: '2017-12-08',
        places: ['Bashkun'],
      }),
      lastReported: '2017-12-08',
      evidence: {
        sources: 1,
        publishers: 1,
        stated: true,
        claimants: [],
        selfReported: false,
        disputed: false,
        bestReliability: 'F',
      },
    });
    expect(relations[2]?.until).toBeNull();
  });

  it('answers citationsOfRelations per relation, ordered by id, empty for a miss', async () => {
    const store = await open(conflictDataset());
    const [many, none, one] = await store.citationsOfRelations(['gov-fights-rebels', 'missing', 'ru-supports-gov']);
    expect(many.map((c) => c.id)).toEqual([
      'gov-fights-rebels@monitor-2018-02-09',
      'gov-fights-rebels@wire-2017-12-10',
    ]);
    expect(many[0]).toMatchObject({
      relationId: 'gov-fights-rebels',
      sourceId: 'monitor-2018-02-09',
      title: 'Corridor opened',
      publisher: null,
      published: '2018-02-09',
      publishedApproximate: true,
      claimant: 'Observatory director',
      claimantActorId: 'loner',
    });
    expect(many[1]).toMatchObject({ publisher: 'Wire', claimant: null, claimantActorId: null });
    expect(none).toEqual([]);
    expect(one).toHaveLength(1);
  });

  it('filters relations of actors by kind, oldest first', async () => {
    const store = await open(conflictDataset());
    const [gov, tr] = await store.relationsOfActors(['gov', 'tr'], {
      kinds: ['SUPPORTS'],
      reading: EVERYTHING,
      direction: 'ANY',
    });
    expect(ids(gov)).toEqual(['ru-supports-gov', 'ir-supports-gov']);
    expect(ids(tr)).toEqual(['tr-supports-rebels']);
  });

  it('treats window ends as inclusive and an open until as ongoing', async () => {
    const store = await open(conflictDataset());
    const of = async (from: string | null, to: string | null) =>
      ids(
        (
          await store.relationsOfActors(['rebels'], {
            kinds: null,
            reading: graphReading(dateWindow({ from, to })),
            direction: 'ANY',
          })
        )[0],
      );
    expect(await of('2017-12-08', '2017-12-08')).toEqual(['gov-fights-rebels', 'rebels-fight-daesh']);
    expect(await of('2017-12-31', null)).toEqual(['gov-fights-rebels', 'tr-supports-rebels']);
    expect(await of('2018-01-01', null)).toEqual(['tr-supports-rebels']);
    expect(await of(null, '2017-09-30')).toEqual([]);
    expect(await of(null, '2017-10-01')).toEqual(['gov-fights-rebels']);
  });

  it('follows direction: directed kinds by their arrow, mutual kinds both ways', async () => {
    const store = await open(conflictDataset());
    const of = async (id: string, direction: 'OUTGOING' | 'INCOMING') =>
      ids((await store.relationsOfActors([id], { kinds: null, reading: EVERYTHING, direction }))[0]);
    expect(await of('ru', 'OUTGOING')).toEqual(['ru-supports-gov', 'ru-negotiates-tr']);
    expect(await of('ru', 'INCOMING')).toEqual(['ru-negotiates-tr']);
    expect(await of('gov', 'OUTGOING')).toEqual(['gov-fights-rebels']);
    expect(await of('gov', 'INCOMING')).toEqual(['ru-supports-gov', 'gov-fights-rebels', 'ir-supports-gov']);
    expect(await of('tr', 'INCOMING')).toEqual(['ru-negotiates-tr']);
  });

  it('answers relationsOfActors with an empty list for an unknown actor', async () => {
    const store = await open(conflictDataset());
    expect(
      await store.relationsOfActors(['nobody', 'loner'], { kinds: null, reading: EVERYTHING, direction: 'ANY' }),
    ).toEqual([[], []]);
  });

  it('searches names and aliases ignoring case and accents, ordered by id', async () => {
    const store = await open(conflictDataset());
    const search = async (text: string) =>
      (
        await store.searchActors({ foldedSearch: foldForSearch(text), kinds: null, afterId: null, limit: 10 })
      ).items.map((a) => a.id);
    expect(await search('isis')).toEqual(['daesh']);
    expect(await search('TAHRIR')).toEqual(['rebels']);
    expect(await search('hayat tahrir al sham')).toEqual(['rebels']);
    expect(await search('nusra')).toEqual(['rebels']);
    expect(await search('turkiye')).toEqual(['tr']);
    expect(await search('r')).toEqual(['cell', 'gov', 'ir', 'loner', 'rebels', 'ru', 'tr']);
    expect(await search('no such name')).toEqual([]);
  });

  it('filters actors by kind and pages by id', async () => {
    const store = await open(conflictDataset());
    const first = await store.searchActors({ foldedSearch: null, kinds: ['STATE'], afterId: null, limit: 2 });
    expect(first.items.map((a) => a.id)).toEqual(['gov', 'ir']);
    expect(first.hasMore).toBe(true);
    const second = await store.searchActors({ foldedSearch: null, kinds: ['STATE'], afterId: 'ir', limit: 2 });
    expect(second.items.map((a) => a.id)).toEqual(['ru', 'tr']);
    expect(second.hasMore).toBe(false);
    const empty = await store.searchActors({ foldedSearch: null, kinds: null, afterId: 'zzz', limit: 5 });
    expect(empty).toEqual({ items: [], hasMore: false });
  });

  it('lists relations in (since, id) order with filters and keyset pages', async () => {
    const store = await open(conflictDataset());
    const all = await store.listRelations({ kinds: null, reading: EVERYTHING, actorId: null, after: null, limit: 100 });
    expect(ids(all.items)).toEqual([
      'ru-supports-gov',
      'cell-member-of-daesh',
      'ru-negotiates-tr',
      'gov-fights-rebels',
      'ir-supports-gov',
      'rebels-fight-daesh',
      'tr-supports-rebels',
    ]);
    const page1 = await store.listRelations({ kinds: null, reading: EVERYTHING, actorId: null, after: null, limit: 3 });
    expect(page1.hasMore).toBe(true);
    const last = page1.items[2];
    const page2 = await store.listRelations({
      kinds: null,
      reading: EVERYTHING,
      actorId: null,
      after: { since: last.since, id: last.id },
      limit: 3,
    });
    expect(ids(page2.items)).toEqual(['gov-fights-rebels', 'ir-supports-gov', 'rebels-fight-daesh']);
    const windowed = await store.listRelations({
      kinds: ['SUPPORTS', 'FIGHTS'],
      reading: graphReading(dateWindow({ from: '2018-01-15', to: '2018-03-01' })),
      actorId: null,
      after: null,
      limit: 10,
    });
    expect(ids(windowed.items)).toEqual(['ru-supports-gov', 'ir-supports-gov', 'tr-supports-rebels']);
    const ofActor = await store.listRelations({
      kinds: null,
      reading: EVERYTHING,
      actorId: 'daesh',
      after: null,
      limit: 10,
    });
    expect(ids(ofActor.items)).toEqual(['cell-member-of-daesh', 'rebels-fight-daesh']);
  });

  it('streams every relation of a reading in (since, id) order, page after page, as listRelations lists them', async () => {
    const store = await open(conflictDataset());
    const collect = async (stream: AsyncIterable<Relation>) => {
      const out: Relation[] = [];
      for await (const relation of stream) out.push(relation);
      return out;
    };
    const cases = [
      { reading: EVERYTHING, kinds: null },
      { reading: graphReading(dateWindow({ from: '2017-12-01', to: '2017-12-31' })), kinds: null },
      { reading: graphReading(dateWindow({ from: '2018-01-15', to: null }), 'LAST_REPORTED'), kinds: null },
      { reading: graphReading(dateWindow(null), 'ONGOING', { minSources: 2 }), kinds: null },
      { reading: EVERYTHING, kinds: ['FIGHTS' as const, 'MEMBER_OF' as const] },
    ];
    for (const { reading, kinds } of cases) {
      const listed = await store.listRelations({ kinds, reading, actorId: null, after: null, limit: 100 });
      const streamed = await collect(store.streamRelations(reading, kinds, 2));
      expect(streamed, `${JSON.stringify([reading, kinds])}`).toEqual(listed.items);
    }
    expect(ids(await collect(store.streamRelations(EVERYTHING, null)))).toEqual(
      ids(
        (await store.listRelations({ kinds: null, reading: EVERYTHING, actorId: null, after: null, limit: 100 })).items,
      ),
    );
  }, 60_000);

  it('streams no relation twice and keeps the order when a write lands between pages', async () => {
    const store = await open(conflictDataset());
    const seen: string[] = [];
    for await (const relation of store.streamRelations(EVERYTHING, null, 2)) {
      seen.push(relation.id);
      if (seen.length === 3) {
        const [source] = await store.listSources();
        const early = buildRelation({ id: 'early-fight', from: 'gov', to: 'daesh', since: '2012-01-01' });
        const late = buildRelation({ id: 'late-fight', from: 'gov', to: 'daesh', since: '2019-01-01' });
        for (const relation of [early, late])
          await store.write({
            op: 'recordRelation',
            relation,
            citations: [buildCitation(relation.id, source)],
          });
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain('early-fight');
    expect(seen.at(-1)).toBe('late-fight');
    expect(seen).toHaveLength(8);
  }, 60_000);

  it('finds every relation between two actors in either direction', async () => {
    const store = await open(conflictDataset());
    expect(ids(await store.relationsBetween('gov', 'ru', null, EVERYTHING))).toEqual(['ru-supports-gov']);
    expect(ids(await store.relationsBetween('ru', 'gov', ['FIGHTS'], EVERYTHING))).toEqual([]);
    expect(ids(await store.relationsBetween('gov', 'daesh', null, EVERYTHING))).toEqual([]);
  });

  it('answers active relations in a window, of kinds, of one actor', async () => {
    const store = await open(conflictDataset());
    const on = (day: string) => dayWindow(day);
    expect(ids(await store.activeRelations(graphReading(on('2017-12-15')), null, null))).toEqual([
      'ru-supports-gov',
      'ru-negotiates-tr',
      'gov-fights-rebels',
      'ir-supports-gov',
    ]);
    expect(ids(await store.activeRelations(graphReading(on('2017-12-15')), ['SUPPORTS'], 'gov'))).toEqual([
      'ru-supports-gov',
      'ir-supports-gov',
    ]);
    expect(
      ids(
        await store.activeRelations(graphReading(dateWindow({ from: '2016-06-01', to: '2016-06-30' })), null, 'daesh'),
      ),
    ).toEqual(['cell-member-of-daesh']);
  });

  it('walks a neighbourhood hop by hop and returns the relations among the actors reached', async () => {
    const store = await open(conflictDataset());
    const one = await store.neighborhood('gov', 1, null, EVERYTHING);
    expect(one.actorIds).toEqual(['gov', 'ir', 'rebels', 'ru']);
    expect(ids(one.relations)).toEqual(['ru-supports-gov', 'gov-fights-rebels', 'ir-supports-gov']);
    const two = await store.neighborhood('gov', 2, null, EVERYTHING);
    expect(two.actorIds).toEqual(['daesh', 'gov', 'ir', 'rebels', 'ru', 'tr']);
    expect(ids(two.relations)).toEqual([
      'ru-supports-gov',
      'ru-negotiates-tr',
      'gov-fights-rebels',
      'ir-supports-gov',
      'rebels-fight-daesh',
      'tr-supports-rebels',
    ]);
    const dated = await store.neighborhood(
      'gov',
      2,
      null,
      graphReading(dateWindow({ from: '2018-01-01', to: '2018-01-31' })),
    );
    expect(dated.actorIds).toEqual(['gov', 'ir', 'ru', 'tr']);
    expect(ids(dated.relations)).toEqual(['ru-supports-gov', 'ru-negotiates-tr', 'ir-supports-gov']);
    const alone = await store.neighborhood('loner', 2, null, EVERYTHING);
    expect(alone).toEqual({ actorIds: ['loner'], relations: [] });
  });

  it('keeps a relation on both sides when the same pair has several relations', async () => {
    const store = await open(
      buildDataset({
        actors: [buildActor({ id: 'a' }), buildActor({ id: 'b' })],
        relations: [
          buildRelation({ id: 'r2', from: 'b', to: 'a', since: '2018-01-01' }),
          buildRelation({ id: 'r1', from: 'a', to: 'b', kind: 'NEGOTIATES', since: '2018-01-01' }),
          buildRelation({ id: 'r0', from: 'a', to: 'b', since: '2017-01-01', until: '2017-01-01' }),
        ],
      }),
    );
    expect(ids(await store.relationsBetween('a', 'b', null, EVERYTHING))).toEqual(['r0', 'r1', 'r2']);
    expect(ids(await store.relationsBetween('b', 'a', ['FIGHTS'], EVERYTHING))).toEqual(['r0', 'r2']);
  });

  const pathQuery = (overrides: Partial<PathsQuery> & Pick<PathsQuery, 'from' | 'to'>): PathsQuery => ({
    kinds: null,
    reading: EVERYTHING,
    maxHops: 4,
    directed: false,
    timeRespecting: false,
    first: 50,
    ...overrides,
  });
  const walk = (path: Path | null) =>
    path ? `${path.actorIds.join('>')} via ${path.relations.map((r) => r.id).join(',')}` : null;

  it('finds a shortest path, the smallest by actor ids when several tie', async () => {
    const store = await open(conflictDataset());
    expect(walk(await store.shortestPath(pathQuery({ from: 'ir', to: 'tr' })))).toBe(
      'ir>gov>rebels>tr via ir-supports-gov,gov-fights-rebels,tr-supports-rebels',
    );
    expect(walk(await store.shortestPath(pathQuery({ from: 'daesh', to: 'gov' })))).toBe(
      'daesh>rebels>gov via rebels-fight-daesh,gov-fights-rebels',
    );
    expect(await store.shortestPath(pathQuery({ from: 'daesh', to: 'loner' }))).toBeNull();
    expect(await store.shortestPath(pathQuery({ from: 'cell', to: 'tr', maxHops: 2 }))).toBeNull();
    expect(walk(await store.shortestPath(pathQuery({ from: 'cell', to: 'tr', maxHops: 3 })))).toBe(
      'cell>daesh>rebels>tr via cell-member-of-daesh,rebels-fight-daesh,tr-supports-rebels',
    );
  });

  it('applies the window to every relation during the search, not after it', async () => {
    const store = await open(conflictDataset());
    // Unfiltered, ir reaches tr through gov and ru; in March 2018 ir-supports-gov has ended, so
    // a post-filter would find nothing while a longer path through rebels is valid.
    const march = dateWindow({ from: '2018-03-01', to: '2018-03-31' });
    expect(walk(await store.shortestPath(pathQuery({ from: 'gov', to: 'tr', reading: graphReading(march) })))).toBe(
      'gov>ru>tr via ru-supports-gov,ru-negotiates-tr',
    );
    expect(await store.shortestPath(pathQuery({ from: 'ir', to: 'tr', reading: graphReading(march) }))).toBeNull();
    const december = dateWindow({ from: '2017-12-10', to: '2017-12-20' });
    expect(
      walk(await store.shortestPath(pathQuery({ from: 'daesh', to: 'tr', reading: graphReading(december) }))),
    ).toBeNull();
    expect(
      walk(await store.shortestPath(pathQuery({ from: 'rebels', to: 'tr', reading: graphReading(december) }))),
    ).toBe('rebels>gov>ru>tr via gov-fights-rebels,ru-supports-gov,ru-negotiates-tr');
  });

  it('walks directed kinds only along their arrow when asked', async () => {
    const store = await open(conflictDataset());
    expect(walk(await store.shortestPath(pathQuery({ from: 'gov', to: 'ru', directed: true })))).toBeNull();
    expect(walk(await store.shortestPath(pathQuery({ from: 'ru', to: 'gov', directed: true })))).toBe(
      'ru>gov via ru-supports-gov',
    );
    expect(walk(await store.shortestPath(pathQuery({ from: 'tr', to: 'gov', directed: true })))).toBe(
      'tr>rebels>gov via tr-supports-rebels,gov-fights-rebels',
    );
    expect(walk(await store.shortestPath(pathQuery({ from: 'tr', to: 'ir', directed: true })))).toBeNull();
    expect(walk(await store.shortestPath(pathQuery({ from: 'tr', to: 'ir', kinds: ['NEGOTIATES', 'SUPPORTS'] })))).toBe(
      'tr>ru>gov>ir via ru-negotiates-tr,ru-supports-gov,ir-supports-gov',
    );
  });

  it('lists simple paths shortest first, then by actor ids, then by relation ids, up to first', async () => {
    const store = await open(conflictDataset());
    const all = (await store.paths(pathQuery({ from: 'rebels', to: 'ru', maxHops: 4 }))).map(walk);
    expect(all).toEqual([
      'rebels>gov>ru via gov-fights-rebels,ru-supports-gov',
      'rebels>tr>ru via tr-supports-rebels,ru-negotiates-tr',
    ]);
    const capped = (await store.paths(pathQuery({ from: 'rebels', to: 'ru', first: 1 }))).map(walk);
    expect(capped).toEqual(['rebels>gov>ru via gov-fights-rebels,ru-supports-gov']);
    const ir = (await store.paths(pathQuery({ from: 'ir', to: 'tr', maxHops: 4 }))).map(walk);
    expect(ir).toEqual([
      'ir>gov>rebels>tr via ir-supports-gov,gov-fights-rebels,tr-supports-rebels',
      'ir>gov>ru>tr via ir-supports-gov,ru-supports-gov,ru-negotiates-tr',
    ]);
    expect(await store.paths(pathQuery({ from: 'ir', to: 'tr', maxHops: 2 }))).toEqual([]);
  });

  it('lists parallel relations as distinct paths', async () => {
    const store = await open(
      buildDataset({
        actors: [buildActor({ id: 'a' }), buildActor({ id: 'b' }), buildActor({ id: 'c' })],
        relations: [
          buildRelation({ id: 'ab2', from: 'a', to: 'b' }),
          buildRelation({ id: 'ab1', from: 'b', to: 'a', kind: 'NEGOTIATES' }),
          buildRelation({ id: 'bc', from: 'b', to: 'c' }),
          buildRelation({ id: 'ac', from: 'c', to: 'a', since: '2019-01-01' }),
        ],
      }),
    );
    expect((await store.paths(pathQuery({ from: 'a', to: 'c' }))).map(walk)).toEqual([
      'a>c via ac',
      'a>b>c via ab1,bc',
      'a>b>c via ab2,bc',
    ]);
    expect((await store.paths(pathQuery({ from: 'a', to: 'c', timeRespecting: true }))).map(walk)).toEqual([
      'a>c via ac',
      'a>b>c via ab1,bc',
      'a>b>c via ab2,bc',
    ]);
    expect((await store.paths(pathQuery({ from: 'b', to: 'c', timeRespecting: true, maxHops: 2 }))).map(walk)).toEqual([
      'b>c via bc',
      'b>a>c via ab1,ac',
      'b>a>c via ab2,ac',
    ]);
    expect((await store.paths(pathQuery({ from: 'c', to: 'b', timeRespecting: true, maxHops: 2 }))).map(walk)).toEqual([
      'c>b via bc',
    ]);
  });

  it('keeps only time-respecting paths when asked: each relation starts no earlier than the one before', async () => {
    const store = await open(conflictDataset());
    // ru-supports-gov (2015) then gov-fights-rebels (2017-10) then rebels-fight-daesh (2017-12-08): in order.
    const forward = (await store.paths(pathQuery({ from: 'ru', to: 'daesh', timeRespecting: true }))).map(walk);
    expect(forward).toEqual(['ru>gov>rebels>daesh via ru-supports-gov,gov-fights-rebels,rebels-fight-daesh']);
    // Backwards, the same relations start in reverse order: not time-respecting.
    expect(await store.paths(pathQuery({ from: 'daesh', to: 'ru', timeRespecting: true }))).toEqual([]);
    expect((await store.paths(pathQuery({ from: 'daesh', to: 'ru' }))).map(walk)).toEqual([
      'daesh>rebels>gov>ru via rebels-fight-daesh,gov-fights-rebels,ru-supports-gov',
      'daesh>rebels>tr>ru via rebels-fight-daesh,tr-supports-rebels,ru-negotiates-tr',
    ]);
    // tr-supports-rebels (2018-01-01) after ru-negotiates-tr (2017-05-04): in order.
    expect((await store.paths(pathQuery({ from: 'ru', to: 'rebels', timeRespecting: true }))).map(walk)).toEqual([
      'ru>gov>rebels via ru-supports-gov,gov-fights-rebels',
      'ru>tr>rebels via ru-negotiates-tr,tr-supports-rebels',
    ]);
  });

  it('lists relations that began or ended in a span, of everyone or of one actor', async () => {
    const store = await open(conflictDataset());
    expect(ids(await store.relationsChangedBetween(spanReading('2017-12-01', '2018-01-31'), null)).sort()).toEqual([
      'gov-fights-rebels',
      'rebels-fight-daesh',
      'tr-supports-rebels',
    ]);
    expect(ids(await store.relationsChangedBetween(spanReading('2016-12-31', '2017-05-04'), null)).sort()).toEqual([
      'cell-member-of-daesh',
      'ru-negotiates-tr',
    ]);
    expect(ids(await store.relationsChangedBetween(spanReading('2017-12-01', '2018-12-31'), 'gov')).sort()).toEqual([
      'gov-fights-rebels',
      'ir-supports-gov',
    ]);
    expect(await store.relationsChangedBetween(spanReading('2019-01-01', '2019-12-31'), null)).toEqual([]);
  });

  describe('the edit history', () => {
    const all = historyQuery;
    const seqs = (page: { items: Edit[] }) => page.items.map((e) => e.seq);

    it(
      'keeps one edit per acknowledged command, by its writer, numbered in commit order; a refusal keeps none',
      { timeout: 60_000 },
      async () => {
        const store = await open(conflictDataset());
        const [source] = await store.sourcesByIds(['wire-2017-12-10']);
        const facts = buildRelation({ id: 'ir-supports-rebels', kind: 'SUPPORTS', from: 'ir', to: 'rebels' });
        await store.write(
          {
            op: 'recordRelation',
            relation: facts,
            citations: [citationOf(facts.id, source!, { claimant: null, claimantActorId: null })],
          },
          { by: 'alice' },
        );
        await expect(store.write({ op: 'retractRelation', id: 'nothing' }, { by: 'alice' })).rejects.toThrow(/Unknown/);
        await store.writeBatch(
          [
            { op: 'updateActor', id: 'tr', patch: { description: 'Ankara' } },
            { op: 'closeRelation', id: 'ru-supports-gov', until: '2019-01-01' },
          ],
          { by: 'importer' },
        );
        await store.write({ op: 'retractRelation', id: 'ir-supports-rebels' });
        const page = await store.history(all());
        expect(page.items.map((e) => [e.seq, e.by, e.operation])).toEqual([
          [4, 'unknown', 'retractRelation'],
          [3, 'importer', 'closeRelation'],
          [2, 'importer', 'updateActor'],
          [1, 'alice', 'recordRelation'],
        ]);
        expect(page.hasMore).toBe(false);
        const [, close, update] = page.items;
        expect(JSON.parse(close.before!)).toEqual({ until: null });
        expect(JSON.parse(close.after!)).toEqual({ until: '2019-01-01' });
        expect(JSON.parse(update.after!)).toEqual({ description: 'Ankara' });
        expect(JSON.parse(page.items[0].before!).relation).toEqual(facts);
        expect(page.items.map((e) => e.at)).toEqual([...page.items.map((e) => e.at)].sort().reverse());
        expect(seqs(await store.history(all({ limit: 2 })))).toEqual([4, 3]);
        expect(seqs(await store.history(all({ beforeSeq: 3, limit: 1 })))).toEqual([2]);
        expect((await store.history(all({ beforeSeq: 3, limit: 1 }))).hasMore).toBe(true);
        expect(seqs(await store.history(all({ by: 'importer' })))).toEqual([3, 2]);
        expect(seqs(await store.history(all({ relationId: 'ir-supports-rebels' })))).toEqual([4, 1]);
        expect(seqs(await store.history(all({ actorId: 'tr' })))).toEqual([2]);
        const today = new Date().toISOString().slice(0, 10);
        expect(seqs(await store.history(all({ window: dateWindow({ from: today }) })))).toEqual([4, 3, 2, 1]);
        expect(seqs(await store.history(all({ window: dateWindow({ to: '2020-12-31' }) })))).toEqual([]);
      },
    );

    it(
      'answers who recorded each relation (its latest recording edit), null for the seed data',
      { timeout: 60_000 },
      async () => {
        const store = await open(conflictDataset());
        const [source] = await store.sourcesByIds(['wire-2017-12-10']);
        const facts = buildRelation({ id: 'ir-fights-daesh', from: 'ir', to: 'daesh' });
        const citations = [citationOf(facts.id, source!, { claimant: null, claimantActorId: null })];
        await store.write({ op: 'recordRelation', relation: facts, citations }, { by: 'alice' });
        await store.write({ op: 'retractRelation', id: facts.id }, { by: 'bob' });
        await store.write({ op: 'restoreRelation', relation: facts, citations }, { by: 'carol' });
        const [restored, seed, missing] = await store.relationsRecorded([facts.id, 'ru-supports-gov', 'nothing']);
        const [newest] = (await store.history(all({ limit: 1 }))).items;
        expect(restored).toEqual({ by: 'carol', at: newest.at });
        expect([seed, missing]).toEqual([null, null]);
        expect(await store.citationsOfRelations([facts.id])).toEqual([citations]);
      },
    );

    it(
      'imports a backed-up history into an empty one only, and numbers later edits after it',
      { timeout: 60_000 },
      async () => {
        const store = await open(conflictDataset());
        const edit = (seq: number): Edit => ({
          seq,
          at: `2024-01-0${seq}T00:00:00.000Z`,
          by: 'alice',
          operation: 'recordRelation',
          actorIds: ['ru', 'gov'],
          relationIds: ['ru-supports-gov'],
          citationIds: [],
          sourceIds: [],
          before: null,
          after: '{}',
        });
        await store.importHistory([edit(1), edit(2)]);
        expect((await store.history(all())).items).toEqual([edit(2), edit(1)]);
        expect(await store.relationsRecorded(['ru-supports-gov'])).toEqual([{ by: 'alice', at: edit(2).at }]);
        await expect(store.importHistory([edit(3)])).rejects.toThrow(/not empty/);
        await store.write({ op: 'updateActor', id: 'tr', patch: { description: 'Ankara' } }, { by: 'bob' });
        expect(seqs(await store.history(all()))).toEqual([3, 2, 1]);
      },
    );
  });
}
