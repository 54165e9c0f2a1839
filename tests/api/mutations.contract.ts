import { expect, type TestAPI } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import type { GraphStore } from '../../src/store/port.js';
import { apiClient, type GraphQLResponse } from '../support/api.js';
import { conflictDataset } from '../support/build.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

const TOKEN = 'test-writer-token';

function expectError(res: GraphQLResponse, code: string, field?: string, message?: RegExp) {
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  expect(res.errors![0].extensions?.code).toBe(code);
  if (field) expect(res.errors![0].extensions?.field).toBe(field);
  if (message) expect(res.errors![0].message).toMatch(message);
}

const RECORD = `mutation($input: RecordRelationInput!) { recordRelation(input: $input) { id kind from { id } to { id } since until precision summary places citations { id source claimant claimantActor { id } } } }`;
const relationInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'SUPPORTS',
  from: 'ir',
  to: 'rebels',
  since: '2018-03-01',
  summary: 'Iran arms the rebels (test).',
  citations: [{ source: 'wire-2017-12-10', claimant: 'a test monitor', claimantActor: 'loner' }],
  ...overrides,
});

/** The state a client can see, to prove a refused write changed nothing. */
const SNAPSHOT = `{ actors(first: 100) { edges { node { id name kind aliases description } } }
  relations(first: 200) { edges { node { id kind from { id } to { id } since until citations { id claimant } } } } sources { id } }`;

/** Every mutation and its errors, through the API; run on each store. */
export function mutationContract(it: TestAPI, open: OpenStore): void {
  const setup = async (config: { apiTokens?: string[]; reads?: 'open' | 'token' } = { apiTokens: [TOKEN] }) => {
    const store = await open(conflictDataset());
    return { store, query: apiClient(store, config, TOKEN), anonymous: apiClient(store, config) };
  };

  it('refuses writes without a token (401) or with a wrong one (403), writing nothing', async () => {
    const { query, anonymous } = await setup();
    const before = await query(SNAPSHOT);
    const none = await anonymous('mutation { createActor(input: { id: "x", name: "X", kind: STATE }) { id } }');
    expect(none.status).toBe(401);
    expectError(none, 'UNAUTHENTICATED', undefined, /Writes need a bearer token/);
    const wrong = await query(
      'mutation { createActor(input: { id: "x", name: "X", kind: STATE }) { id } }',
      undefined,
      'not-the-token',
    );
    expect(wrong.status).toBe(403);
    expectError(wrong, 'FORBIDDEN', undefined, /not valid/);
    expect(await query(SNAPSHOT)).toEqual(before);
    expect((await anonymous('{ actor(id: "gov") { id } }')).data).toEqual({ actor: { id: 'gov' } });
  });

  it('refuses every write when no token is configured', async () => {
    const { query } = await setup({ apiTokens: [] });
    expectError(
      await query('mutation { createActor(input: { id: "x", name: "X", kind: STATE }) { id } }'),
      'FORBIDDEN',
      undefined,
      /Writes are disabled/,
    );
  });

  it('needs a token for reads too when reads are closed', async () => {
    const { query, anonymous } = await setup({ apiTokens: [TOKEN], reads: 'token' });
    const res = await anonymous('{ actor(id: "gov") { id } }');
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await query('{ actor(id: "gov") { id } }')).data).toEqual({ actor: { id: 'gov' } });
  });

  it('creates and updates actors, aliases included', async () => {
    const { query } = await setup();
    const created = await query(
      'mutation { createActor(input: { id: "syrian-democratic-forces", name: "Syrian Democratic Forces", kind: ARMED_GROUP, aliases: ["SDF", "SDF"] }) { id name kind aliases description } }',
    );
    expect(created.data).toEqual({
      createActor: {
        id: 'syrian-democratic-forces',
        name: 'Syrian Democratic Forces',
        kind: 'ARMED_GROUP',
        aliases: ['SDF'],
        description: null,
      },
    });
    const updated = await query(
      'mutation { updateActor(id: "syrian-democratic-forces", input: { addAliases: ["QSD"], description: "Kurdish-led alliance." }) { aliases description } }',
    );
    expect(updated.data).toEqual({ updateActor: { aliases: ['SDF', 'QSD'], description: 'Kurdish-led alliance.' } });
    const found = await query<{ actors: { edges: { node: { id: string } }[] } }>(
      '{ actors(search: "qsd") { edges { node { id } } } }',
    );
    expect(found.data?.actors.edges.map((e) => e.node.id)).toEqual(['syrian-democratic-forces']);
  });

  it('names the field of a bad or duplicate actor', async () => {
    const { query } = await setup();
    expectError(
      await query('mutation { createActor(input: { id: "gov", name: "Again", kind: STATE }) { id } }'),
      'DUPLICATE_ID',
      'input.id',
      /already exists/,
    );
    expectError(
      await query('mutation { createActor(input: { id: "Bad Id", name: "X", kind: STATE }) { id } }'),
      'BAD_USER_INPUT',
      'input.id',
      /kebab-case/,
    );
    expectError(
      await query('mutation { createActor(input: { id: "x", name: "  ", kind: STATE }) { id } }'),
      'BAD_USER_INPUT',
      'input.name',
    );
    expectError(await query('mutation { updateActor(id: "nobody", input: { name: "X" }) { id } }'), 'NOT_FOUND', 'id');
  });

  it('records a relation with citations and a generated id', async () => {
    const { query } = await setup();
    const res = await query(RECORD, { input: relationInput() });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      recordRelation: {
        id: 'ir-supports-rebels-2018-03-01',
        kind: 'SUPPORTS',
        from: { id: 'ir' },
        to: { id: 'rebels' },
        since: '2018-03-01',
        until: null,
        precision: 'DAY',
        summary: 'Iran arms the rebels (test).',
        places: [],
        citations: [
          {
            id: 'ir-supports-rebels-2018-03-01@wire-2017-12-10',
            source: 'wire-2017-12-10',
            claimant: 'a test monitor',
            claimantActor: { id: 'loner' },
          },
        ],
      },
    });
    const again = await query<{ recordRelation: { id: string } }>(RECORD, { input: relationInput() });
    expect(again.data?.recordRelation.id).toBe('ir-supports-rebels-2018-03-01-2');
    const timeline = await query<{ timeline: { id: string }[] }>('{ timeline(a: "ir", b: "rebels") { id } }');
    expect(timeline.data?.timeline.map((r) => r.id)).toEqual([
      'ir-supports-rebels-2018-03-01',
      'ir-supports-rebels-2018-03-01-2',
    ]);
  });

  it('refuses a bad relation, naming the field, and writes nothing', async () => {
    const { query } = await setup();
    const before = await query(SNAPSHOT);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ from: 'nobody' }, 'NOT_FOUND', 'input.from'],
      [{ to: 'nobody' }, 'NOT_FOUND', 'input.to'],
      [{ until: '2018-02-01' }, 'BAD_USER_INPUT', 'input.until'],
      [{ citations: [] }, 'BAD_USER_INPUT', 'input.citations'],
      [{ id: 'gov-fights-rebels' }, 'DUPLICATE_ID', 'input.id'],
      [
        { citations: [{ source: 'wire-2017-12-10' }, { source: 'no-such-article' }] },
        'NOT_FOUND',
        'input.citations.1.source',
      ],
      [
        { citations: [{ source: 'wire-2017-12-10', claimantActor: 'nobody' }] },
        'NOT_FOUND',
        'input.citations.0.claimantActor',
      ],
      [{ from: 'rebels' }, 'BAD_USER_INPUT', 'input.to'],
    ];
    for (const [overrides, code, field] of cases)
      expectError(await query(RECORD, { input: relationInput(overrides) }), code, field);
    const unknownKind = await query(RECORD, { input: relationInput({ kind: 'ALLIES' }) });
    expect(unknownKind.errors?.[0].message).toMatch(
      /"ALLIES".*input\.kind|input\.kind.*"ALLIES"|ALLIES.*RelationKind/s,
    );
    expect(await query(SNAPSHOT)).toEqual(before);
  });

  it('closes a relation, refusing an end before its start', async () => {
    const { query } = await setup();
    const closed = await query(
      'mutation { closeRelation(id: "ru-supports-gov", until: "2019-12-31") { id since until } }',
    );
    expect(closed.data).toEqual({ closeRelation: { id: 'ru-supports-gov', since: '2015-09-30', until: '2019-12-31' } });
    expectError(
      await query('mutation { closeRelation(id: "ru-supports-gov", until: "2015-01-01") { id } }'),
      'BAD_USER_INPUT',
      'until',
      /before the relation's since \(2015-09-30\)/,
    );
    expectError(
      await query('mutation { closeRelation(id: "nothing", until: "2019-01-01") { id } }'),
      'NOT_FOUND',
      'id',
    );
    const active = await query<{ alliances: { id: string }[] }>('{ alliances(window: { from: "2020-01-01" }) { id } }');
    expect(active.data?.alliances.map((r) => r.id)).toEqual(['tr-supports-rebels']);
  });

  it('retracts a relation with its citations', async () => {
    const { query } = await setup();
    const res = await query('mutation { retractRelation(id: "gov-fights-rebels") { id kind since citations { id } } }');
    // Returned as it was, but its citations are already gone with it.
    expect(res.data).toEqual({
      retractRelation: { id: 'gov-fights-rebels', kind: 'FIGHTS', since: '2017-10-01', citations: [] },
    });
    expectError(
      await query('mutation { retractCitation(id: "gov-fights-rebels@wire-2017-12-10") { id } }'),
      'NOT_FOUND',
      'id',
    );
    expect(
      (await query('{ relation(id: "gov-fights-rebels") { id } timeline(a: "gov", b: "rebels") { id } }')).data,
    ).toEqual({ relation: null, timeline: [] });
    expectError(await query('mutation { retractRelation(id: "gov-fights-rebels") { id } }'), 'NOT_FOUND', 'id');
  });

  it('adds and retracts citations, keeping at least one', async () => {
    const { query } = await setup();
    const added = await query(
      'mutation { addCitation(relation: "ru-supports-gov", citation: { source: "monitor-2018-02-09", claimant: "Damascus" }) { id claimant } }',
    );
    expect(added.data).toEqual({ addCitation: { id: 'ru-supports-gov@monitor-2018-02-09', claimant: 'Damascus' } });
    expectError(
      await query(
        'mutation { addCitation(relation: "ru-supports-gov", citation: { source: "monitor-2018-02-09" }) { id } }',
      ),
      'DUPLICATE_ID',
      'citation.source',
    );
    expectError(
      await query('mutation { addCitation(relation: "nothing", citation: { source: "monitor-2018-02-09" }) { id } }'),
      'NOT_FOUND',
      'relation',
    );
    const retracted = await query('mutation { retractCitation(id: "ru-supports-gov@wire-2017-12-10") { id } }');
    expect(retracted.data).toEqual({ retractCitation: { id: 'ru-supports-gov@wire-2017-12-10' } });
    expectError(
      await query('mutation { retractCitation(id: "ru-supports-gov@monitor-2018-02-09") { id } }'),
      'BAD_USER_INPUT',
      'id',
      /last one/,
    );
    const left = await query('{ relation(id: "ru-supports-gov") { citations { id } } }');
    expect(left.data).toEqual({ relation: { citations: [{ id: 'ru-supports-gov@monitor-2018-02-09' }] } });
  });

  it('merges two actors: relations and aliases move, the old id resolves to the survivor', async () => {
    const { query } = await setup();
    // "ir" turns out to be the same as "gov": ir-supports-gov joins them and is dropped.
    const merged = await query('mutation { mergeActors(survivor: "gov", merged: "ir") { id aliases } }');
    expect(merged.data).toEqual({ mergeActors: { id: 'gov', aliases: ['Assad regime', 'Syrian Army', 'Iran'] } });
    const res = await query<Record<string, unknown>>(`{ old: actor(id: "ir") { id }
      gov: actor(id: "gov") { relations { id from { id } to { id } } }
      dropped: relation(id: "ir-supports-gov") { id }
      search: actors(search: "iran") { edges { node { id } } } }`);
    expect(res.data).toEqual({
      old: { id: 'gov' },
      gov: {
        relations: [
          { id: 'ru-supports-gov', from: { id: 'ru' }, to: { id: 'gov' } },
          { id: 'gov-fights-rebels', from: { id: 'gov' }, to: { id: 'rebels' } },
        ],
      },
      dropped: null,
      search: { edges: [{ node: { id: 'gov' } }] },
    });
    // A later merge of the survivor carries the old id along.
    await query('mutation { mergeActors(survivor: "ru", merged: "gov") { id } }');
    expect((await query('{ a: actor(id: "ir") { id } b: actor(id: "gov") { id } }')).data).toEqual({
      a: { id: 'ru' },
      b: { id: 'ru' },
    });
    const moved = await query('{ relation(id: "gov-fights-rebels") { from { id } to { id } } }');
    expect(moved.data).toEqual({ relation: { from: { id: 'ru' }, to: { id: 'rebels' } } });
    expectError(
      await query('mutation { mergeActors(survivor: "ru", merged: "ru") { id } }'),
      'BAD_USER_INPUT',
      'merged',
    );
    expectError(
      await query('mutation { mergeActors(survivor: "ru", merged: "nobody") { id } }'),
      'NOT_FOUND',
      'merged',
    );
  });

  it('moves a claimant to the survivor of a merge', async () => {
    const { query } = await setup();
    await query('mutation { mergeActors(survivor: "daesh", merged: "loner") { id } }');
    const res = await query('{ relation(id: "gov-fights-rebels") { citations { claimantActor { id } } } }');
    expect(res.data).toEqual({
      relation: { citations: [{ claimantActor: { id: 'daesh' } }, { claimantActor: null }] },
    });
  });

  it('adds sources that relations can then cite', async () => {
    const { query } = await setup();
    const added = await query(
      'mutation { addSource(input: { id: "un-report-2018", title: "A UN report", published: "2018-03-01" }) { id title publisher published file } }',
    );
    expect(added.data).toEqual({
      addSource: {
        id: 'un-report-2018',
        title: 'A UN report',
        publisher: null,
        published: '2018-03-01',
        file: 'un-report-2018',
      },
    });
    expectError(
      await query(
        'mutation { addSource(input: { id: "un-report-2018", title: "Again", published: "2018-03-01" }) { id } }',
      ),
      'DUPLICATE_ID',
      'input.id',
    );
    const cited = await query<{ recordRelation: { citations: { source: string }[] } }>(RECORD, {
      input: relationInput({ citations: [{ source: 'un-report-2018' }] }),
    });
    expect(cited.data?.recordRelation.citations.map((c) => c.source)).toEqual(['un-report-2018']);
    const sources = await query<{ sources: { id: string }[] }>('{ sources { id } }');
    expect(sources.data?.sources.map((s) => s.id)).toEqual(['monitor-2018-02-09', 'un-report-2018', 'wire-2017-12-10']);
  });
}
