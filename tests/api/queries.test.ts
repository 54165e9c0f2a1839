import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient } from '../support/api.js';
import { conflictDataset } from '../support/build.js';

const query = apiClient(MemoryStore.fromDataset(conflictDataset()));

describe('queries', () => {
  it('returns an actor with filtered relations, their ends and citations', async () => {
    const res =
      await query(`{ actor(id: "gov") { id name kind aliases relations(kinds: [SUPPORTS], window: { from: "2018-01-01" }) {
      id kind from { id } to { id } since until precision summary places citations { id title publisher published claimant claimantActor { id } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      actor: {
        id: 'gov',
        name: 'Syrian Government',
        kind: 'STATE',
        aliases: ['Assad regime', 'Syrian Army'],
        relations: [
          {
            id: 'ru-supports-gov',
            kind: 'SUPPORTS',
            from: { id: 'ru' },
            to: { id: 'gov' },
            since: '2015-09-30',
            until: null,
            precision: 'DAY',
            summary: 'ru and gov',
            places: [],
            citations: [
              {
                id: 'ru-supports-gov@wire-2017-12-10',
                title: 'Clashes in Idlib',
                publisher: 'Wire',
                published: '2017-12-10',
                claimant: null,
                claimantActor: null,
              },
            ],
          },
          {
            id: 'ir-supports-gov',
            kind: 'SUPPORTS',
            from: { id: 'ir' },
            to: { id: 'gov' },
            since: '2017-10-01',
            until: '2018-02-28',
            precision: 'MONTH',
            summary: 'ir and gov',
            places: [],
            citations: [
              {
                id: 'ir-supports-gov@wire-2017-12-10',
                title: 'Clashes in Idlib',
                publisher: 'Wire',
                published: '2017-12-10',
                claimant: null,
                claimantActor: null,
              },
            ],
          },
        ],
      },
    });
  });

  it('returns null for an unknown actor id', async () => {
    expect(await query('{ actor(id: "nobody") { id } }')).toMatchObject({ status: 200, data: { actor: null } });
  });

  it('keeps who claims a fact', async () => {
    const res = await query<{
      relation: { citations: { claimant: string | null; claimantActor: { id: string } | null }[] };
    }>('{ relation(id: "gov-fights-rebels") { citations { claimant claimantActor { id } } } }');
    expect(res.data?.relation.citations).toContainEqual({
      claimant: 'Observatory director',
      claimantActor: { id: 'loner' },
    });
  });

  it('pages through actors with Relay cursors', async () => {
    type Page = {
      actors: {
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
      };
    };
    const first = await query<Page>(
      '{ actors(first: 3) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }',
    );
    expect(first.data?.actors.edges.map((e) => e.node.id)).toEqual(['cell', 'daesh', 'gov']);
    expect(first.data?.actors.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const seen = [...first.data!.actors.edges.map((e) => e.node.id)];
    let after: string | null = first.data!.actors.pageInfo.endCursor;
    while (after) {
      const next: { data?: Page } = await query<Page>(
        'query($after: String) { actors(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }',
        { after },
      );
      seen.push(...next.data!.actors.edges.map((e) => e.node.id));
      expect(next.data!.actors.pageInfo.hasPreviousPage).toBe(true);
      after = next.data!.actors.pageInfo.hasNextPage ? next.data!.actors.pageInfo.endCursor : null;
    }
    expect(seen).toEqual(['cell', 'daesh', 'gov', 'ir', 'loner', 'rebels', 'ru', 'tr']);
  });

  it('searches actors by alias, accent- and case-insensitively, and by kind', async () => {
    const ids = async (args: string) =>
      (
        (
          await query<{ actors: { edges: { node: { id: string } }[] } }>(
            `{ actors(${args}) { edges { node { id } } } }`,
          )
        ).data?.actors.edges ?? []
      ).map((e) => e.node.id);
    expect(await ids('search: "Islamic State"')).toEqual(['daesh']);
    expect(await ids('search: "TURKIYE"')).toEqual(['tr']);
    expect(await ids('search: "Tahrir"')).toEqual(['rebels']);
    expect(await ids('kinds: [STATE], search: "a"')).toEqual(['gov', 'ir', 'ru', 'tr']);
  });

  it('pages relations oldest first and filters them by actor, kind and window', async () => {
    type Page = {
      relations: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    };
    const res = await query<Page>(
      '{ relations(actor: "gov", kinds: [SUPPORTS, FIGHTS], window: { from: "2017-11-01", to: "2017-11-30" }, first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(res.data?.relations.edges.map((e) => e.node.id)).toEqual(['ru-supports-gov', 'gov-fights-rebels']);
    const next = await query<Page>(
      `{ relations(actor: "gov", kinds: [SUPPORTS, FIGHTS], window: { from: "2017-11-01", to: "2017-11-30" }, first: 2, after: "${res.data!.relations.pageInfo.endCursor}") { edges { node { id } } pageInfo { hasNextPage } } }`,
    );
    expect(next.data?.relations.edges.map((e) => e.node.id)).toEqual(['ir-supports-gov']);
    expect(next.data?.relations.pageInfo.hasNextPage).toBe(false);
  });

  it('answers alliances, timeline, snapshot and neighborhood', async () => {
    const res = await query<Record<string, unknown>>(`{
      alliances(window: { from: "2018-01-01", to: "2018-01-31" }, actor: "rebels") { id }
      all: alliances(window: { from: "2018-03-01" }) { id }
      timeline(a: "daesh", b: "rebels") { id since }
      snapshot(at: "2017-12-08", kinds: [FIGHTS]) { nodes { id } edges { id from { id } to { id } } }
      neighborhood(actor: "daesh", hops: 2) { nodes { id } edges { id } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      alliances: [{ id: 'tr-supports-rebels' }],
      all: [{ id: 'ru-supports-gov' }, { id: 'tr-supports-rebels' }],
      timeline: [{ id: 'rebels-fight-daesh', since: '2017-12-08' }],
      snapshot: {
        nodes: [{ id: 'daesh' }, { id: 'gov' }, { id: 'rebels' }],
        edges: [
          { id: 'gov-fights-rebels', from: { id: 'gov' }, to: { id: 'rebels' } },
          { id: 'rebels-fight-daesh', from: { id: 'rebels' }, to: { id: 'daesh' } },
        ],
      },
      neighborhood: {
        nodes: [{ id: 'cell' }, { id: 'daesh' }, { id: 'gov' }, { id: 'rebels' }, { id: 'tr' }],
        edges: [
          { id: 'cell-member-of-daesh' },
          { id: 'gov-fights-rebels' },
          { id: 'rebels-fight-daesh' },
          { id: 'tr-supports-rebels' },
        ],
      },
    });
  });
});
