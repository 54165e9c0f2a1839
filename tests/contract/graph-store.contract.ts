import { expect, type TestAPI } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { foldForSearch } from '../../src/domain/search.js';
import type { Relation } from '../../src/domain/types.js';
import type { GraphStore } from '../../src/store/port.js';
import { buildActor, buildDataset, buildRelation, conflictDataset } from '../support/build.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

const ids = (relations: readonly (Relation | null)[]) => relations.map((r) => r?.id ?? null);

/** The behaviour every GraphStore adapter must have. Each adapter's test file calls this. */
export function graphStoreContract(it: TestAPI, open: OpenStore): void {
  it('answers actorsByIds in input order, with null for a miss', async () => {
    const store = await open(conflictDataset());
    const actors = await store.actorsByIds(['tr', 'nobody', 'gov', 'tr']);
    expect(actors.map((a) => a?.id ?? null)).toEqual(['tr', null, 'gov', 'tr']);
    expect(actors[0]).toEqual({ id: 'tr', name: 'Türkiye', kind: 'STATE', aliases: ['Turkey', 'Ankara'], description: null });
    expect(actors[2]?.aliases).toEqual(['Assad regime', 'Syrian Army']);
  });

  it('answers relationsByIds in input order with every field', async () => {
    const store = await open(conflictDataset());
    const relations = await store.relationsByIds(['rebels-fight-daesh', 'missing', 'ru-supports-gov']);
    expect(ids(relations)).toEqual(['rebels-fight-daesh', null, 'ru-supports-gov']);
    expect(relations[0]).toEqual(buildRelation({ id: 'rebels-fight-daesh', from: 'rebels', to: 'daesh', since: '2017-12-08', until: '2017-12-08', places: ['Bashkun'] }));
    expect(relations[2]?.until).toBeNull();
  });

  it('answers citationsOfRelations per relation, ordered by id, empty for a miss', async () => {
    const store = await open(conflictDataset());
    const [many, none, one] = await store.citationsOfRelations(['gov-fights-rebels', 'missing', 'ru-supports-gov']);
    expect(many.map((c) => c.id)).toEqual(['gov-fights-rebels@monitor-2018-02-09', 'gov-fights-rebels@wire-2017-12-10']);
    expect(many[0]).toMatchObject({ relationId: 'gov-fights-rebels', sourceId: 'monitor-2018-02-09', title: 'Corridor opened', publisher: null, published: '2018-02-09', publishedApproximate: true, claimant: 'Observatory director', claimantActorId: 'loner' });
    expect(many[1]).toMatchObject({ publisher: 'Wire', claimant: null, claimantActorId: null });
    expect(none).toEqual([]);
    expect(one).toHaveLength(1);
  });

  it('filters relations of actors by kind, oldest first', async () => {
    const store = await open(conflictDataset());
    const [gov, tr] = await store.relationsOfActors(['gov', 'tr'], { kinds: ['SUPPORTS'], window: null, direction: 'ANY' });
    expect(ids(gov)).toEqual(['ru-supports-gov', 'ir-supports-gov']);
    expect(ids(tr)).toEqual(['tr-supports-rebels']);
  });

  it('treats window ends as inclusive and an open until as ongoing', async () => {
    const store = await open(conflictDataset());
    const of = async (from: string | null, to: string | null) =>
      ids((await store.relationsOfActors(['rebels'], { kinds: null, window: { from, to }, direction: 'ANY' }))[0]);
    expect(await of('2017-12-08', '2017-12-08')).toEqual(['gov-fights-rebels', 'rebels-fight-daesh']);
    expect(await of('2017-12-31', null)).toEqual(['gov-fights-rebels', 'tr-supports-rebels']);
    expect(await of('2018-01-01', null)).toEqual(['tr-supports-rebels']);
    expect(await of(null, '2017-09-30')).toEqual([]);
    expect(await of(null, '2017-10-01')).toEqual(['gov-fights-rebels']);
  });

  it('follows direction: directed kinds by their arrow, mutual kinds both ways', async () => {
    const store = await open(conflictDataset());
    const of = async (id: string, direction: 'OUTGOING' | 'INCOMING') =>
      ids((await store.relationsOfActors([id], { kinds: null, window: null, direction }))[0]);
    expect(await of('ru', 'OUTGOING')).toEqual(['ru-supports-gov', 'ru-negotiates-tr']);
    expect(await of('ru', 'INCOMING')).toEqual(['ru-negotiates-tr']);
    expect(await of('gov', 'OUTGOING')).toEqual(['gov-fights-rebels']);
    expect(await of('gov', 'INCOMING')).toEqual(['ru-supports-gov', 'gov-fights-rebels', 'ir-supports-gov']);
    expect(await of('tr', 'INCOMING')).toEqual(['ru-negotiates-tr']);
  });

  it('answers relationsOfActors with an empty list for an unknown actor', async () => {
    const store = await open(conflictDataset());
    expect(await store.relationsOfActors(['nobody', 'loner'], { kinds: null, window: null, direction: 'ANY' })).toEqual([[], []]);
  });

  it('searches names and aliases ignoring case and accents, ordered by id', async () => {
    const store = await open(conflictDataset());
    const search = async (text: string) => (await store.searchActors({ foldedSearch: foldForSearch(text), kinds: null, afterId: null, limit: 10 })).items.map((a) => a.id);
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
    const all = await store.listRelations({ kinds: null, window: null, actorId: null, after: null, limit: 100 });
    expect(ids(all.items)).toEqual(['ru-supports-gov', 'cell-member-of-daesh', 'ru-negotiates-tr', 'gov-fights-rebels', 'ir-supports-gov', 'rebels-fight-daesh', 'tr-supports-rebels']);
    const page1 = await store.listRelations({ kinds: null, window: null, actorId: null, after: null, limit: 3 });
    expect(page1.hasMore).toBe(true);
    const last = page1.items[2];
    const page2 = await store.listRelations({ kinds: null, window: null, actorId: null, after: { since: last.since, id: last.id }, limit: 3 });
    expect(ids(page2.items)).toEqual(['gov-fights-rebels', 'ir-supports-gov', 'rebels-fight-daesh']);
    const windowed = await store.listRelations({ kinds: ['SUPPORTS', 'FIGHTS'], window: { from: '2018-01-15', to: '2018-03-01' }, actorId: null, after: null, limit: 10 });
    expect(ids(windowed.items)).toEqual(['ru-supports-gov', 'ir-supports-gov', 'tr-supports-rebels']);
    const ofActor = await store.listRelations({ kinds: null, window: null, actorId: 'daesh', after: null, limit: 10 });
    expect(ids(ofActor.items)).toEqual(['cell-member-of-daesh', 'rebels-fight-daesh']);
  });

  it('finds every relation between two actors in either direction', async () => {
    const store = await open(conflictDataset());
    expect(ids(await store.relationsBetween('gov', 'ru', null))).toEqual(['ru-supports-gov']);
    expect(ids(await store.relationsBetween('ru', 'gov', ['FIGHTS']))).toEqual([]);
    expect(ids(await store.relationsBetween('gov', 'daesh', null))).toEqual([]);
  });

  it('answers active relations in a window, of kinds, of one actor', async () => {
    const store = await open(conflictDataset());
    const on = (day: string) => ({ from: day, to: day });
    expect(ids(await store.activeRelations(on('2017-12-15'), null, null))).toEqual(['ru-supports-gov', 'ru-negotiates-tr', 'gov-fights-rebels', 'ir-supports-gov']);
    expect(ids(await store.activeRelations(on('2017-12-15'), ['SUPPORTS'], 'gov'))).toEqual(['ru-supports-gov', 'ir-supports-gov']);
    expect(ids(await store.activeRelations({ from: '2016-06-01', to: '2016-06-30' }, null, 'daesh'))).toEqual(['cell-member-of-daesh']);
  });

  it('walks a neighbourhood hop by hop and returns the relations among the actors reached', async () => {
    const store = await open(conflictDataset());
    const one = await store.neighborhood('gov', 1, null, null);
    expect(one.actorIds).toEqual(['gov', 'ir', 'rebels', 'ru']);
    expect(ids(one.relations)).toEqual(['ru-supports-gov', 'gov-fights-rebels', 'ir-supports-gov']);
    const two = await store.neighborhood('gov', 2, null, null);
    expect(two.actorIds).toEqual(['daesh', 'gov', 'ir', 'rebels', 'ru', 'tr']);
    expect(ids(two.relations)).toEqual(['ru-supports-gov', 'ru-negotiates-tr', 'gov-fights-rebels', 'ir-supports-gov', 'rebels-fight-daesh', 'tr-supports-rebels']);
    const dated = await store.neighborhood('gov', 2, null, { from: '2018-01-01', to: '2018-01-31' });
    expect(dated.actorIds).toEqual(['gov', 'ir', 'ru', 'tr']);
    expect(ids(dated.relations)).toEqual(['ru-supports-gov', 'ru-negotiates-tr', 'ir-supports-gov']);
    const alone = await store.neighborhood('loner', 2, null, null);
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
    expect(ids(await store.relationsBetween('a', 'b', null))).toEqual(['r0', 'r1', 'r2']);
    expect(ids(await store.relationsBetween('b', 'a', ['FIGHTS']))).toEqual(['r0', 'r2']);
  });
}
