import { expect, type TestAPI } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { INPUT_LIMITS as L } from '../../src/domain/input-limits.js';
import type { GraphStore } from '../../src/store/port.js';
import { apiClient, type GraphQLResponse } from '../support/api.js';
import { buildActor, buildDataset, buildRelation, buildSource, conflictDataset } from '../support/build.js';
import { invariantProblems, type RawGraph } from '../support/write-invariants.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;
export type ReadRaw = (store: GraphStore) => Promise<RawGraph>;

const TOKEN = 'test-writer-token';

function expectError(res: GraphQLResponse, code: string, field?: string, message?: RegExp) {
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  expect(res.errors![0].extensions?.code, JSON.stringify(res.errors)).toBe(code);
  if (field) expect(res.errors![0].extensions?.field).toBe(field);
  if (message) expect(res.errors![0].message).toMatch(message);
}

const ok = <T>(res: GraphQLResponse<T>): T => {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};

const RECORD = `mutation($input: RecordRelationInput!, $key: String) {
  recordRelation(input: $input, idempotencyKey: $key) { id from { id } to { id } citations { id source claimantActor { id } } } }`;
const MERGE = `mutation($s: ID!, $m: ID!, $key: String) { mergeActors(survivor: $s, merged: $m, idempotencyKey: $key) { id aliases } }`;

/** The write policies of docs/writing.md, through the API; run on each store. */
export function writePolicyContract(it: TestAPI, open: OpenStore, raw: ReadRaw): void {
  const setup = async (dataset = conflictDataset()) => {
    const store = await open(dataset);
    return { store, query: apiClient(store, { apiTokens: [TOKEN] }, TOKEN) };
  };
  const expectSound = async (store: GraphStore) => expect(invariantProblems(await raw(store))).toEqual([]);

  it('merges whose survivor was itself merged away keep every relation and leave no chain (finding 1)', async () => {
    const source = buildSource({ id: 'src' });
    const { store, query } = await setup(
      buildDataset({
        sources: [source],
        actors: ['m-x', 'm-y', 'm-z', 'hts'].map((id) => buildActor({ id })),
        relations: [buildRelation({ id: 'm-zrel', from: 'm-z', to: 'hts' })],
      }),
    );
    ok(await query(MERGE, { s: 'm-x', m: 'm-y' }));
    // "m-y" is gone: it stands for "m-x", so "m-z" is merged into "m-x".
    const chained = await query(MERGE, { s: 'm-y', m: 'm-z' });
    expect(ok(chained)).toEqual({ mergeActors: { id: 'm-x', aliases: ['M-Y', 'M-Z'] } });
    expect(chained.extensions?.notices).toEqual([
      expect.objectContaining({ code: 'MERGED_ID', field: 'survivor', given: 'm-y', used: 'm-x' }),
    ]);
    const after = ok(
      await query(`{ z: actor(id: "m-z") { id } y: actor(id: "m-y") { id }
        rel: relation(id: "m-zrel") { from { id } to { id } citations { id } } }`),
    );
    expect(after).toEqual({
      z: { id: 'm-x' },
      y: { id: 'm-x' },
      rel: { from: { id: 'm-x' }, to: { id: 'hts' }, citations: [{ id: 'm-zrel@src' }] },
    });
    // An already-merged id as `merged` stands for its survivor: no fork.
    const fork = await query<{ mergeActors: { id: string } }>(MERGE, { s: 'hts', m: 'm-y' });
    expect(ok(fork).mergeActors.id).toBe('hts');
    expect(fork.extensions?.notices?.map((n) => [n.field, n.given, n.used])).toEqual([['merged', 'm-y', 'm-x']]);
    const ids = ok(await query('{ x: actor(id: "m-x") { id } y: actor(id: "m-y") { id } z: actor(id: "m-z") { id } }'));
    expect(ids).toEqual({ x: { id: 'hts' }, y: { id: 'hts' }, z: { id: 'hts' } });
    expect((await raw(store)).redirects).toEqual(['m-x', 'm-y', 'm-z'].map((id) => ({ id, targets: ['hts'] })));
    // Merging an actor with itself is refused, also when it is spelt with a merged id.
    expectError(await query(MERGE, { s: 'm-z', m: 'hts' }), 'BAD_USER_INPUT', 'merged', /already one actor, "hts"/);
    expectError(await query(MERGE, { s: 'hts', m: 'hts' }), 'BAD_USER_INPUT', 'merged');
    await expectSound(store);
  });

  it('writes a relation, a claimant and an update given a merged id on the survivor, with a notice', async () => {
    const { store, query } = await setup();
    ok(await query(MERGE, { s: 'gov', m: 'ir' }));
    const recorded = await query(RECORD, {
      input: {
        kind: 'SUPPORTS',
        from: 'ir',
        to: 'rebels',
        since: '2018-03-01',
        summary: 'Iran (merged into gov) arms the rebels.',
        citations: [{ source: 'wire-2017-12-10', claimantActor: 'ir' }],
      },
    });
    expect(ok(recorded)).toEqual({
      recordRelation: {
        id: 'gov-supports-rebels-2018-03-01',
        from: { id: 'gov' },
        to: { id: 'rebels' },
        citations: [
          {
            id: 'gov-supports-rebels-2018-03-01@wire-2017-12-10',
            source: 'wire-2017-12-10',
            claimantActor: { id: 'gov' },
          },
        ],
      },
    });
    expect(recorded.extensions?.notices?.map((n) => [n.field, n.given, n.used])).toEqual([
      ['input.from', 'ir', 'gov'],
      ['input.citations.0.claimantActor', 'ir', 'gov'],
    ]);
    const updated = await query('mutation { updateActor(id: "ir", input: { addAliases: ["Tehran"] }) { id aliases } }');
    expect(ok(updated)).toEqual({
      updateActor: { id: 'gov', aliases: ['Assad regime', 'Syrian Army', 'Iran', 'Tehran'] },
    });
    expect(updated.extensions?.notices?.map((n) => n.field)).toEqual(['id']);
    // A relation between an actor and one merged into it would join the actor to itself.
    const self = await query(RECORD, {
      input: {
        kind: 'FIGHTS',
        from: 'gov',
        to: 'ir',
        since: '2018-03-01',
        summary: 'x',
        citations: [{ source: 'wire-2017-12-10' }],
      },
    });
    expectError(self, 'BAD_USER_INPUT', 'input.to', /cannot be related to itself/);
    // A request without merged ids has no notices at all.
    expect(
      (await query('mutation { updateActor(id: "gov", input: { addAliases: ["Damascus"] }) { id } }')).extensions,
    ).toBeUndefined();
    await expectSound(store);
  });

  it('cites a source at most once per relation (finding 4)', async () => {
    const { store, query } = await setup();
    const twice = await query(RECORD, {
      input: {
        id: 'twice',
        kind: 'FIGHTS',
        from: 'gov',
        to: 'daesh',
        since: '2018-03-01',
        summary: 'Cited twice.',
        citations: [{ source: 'wire-2017-12-10' }, { source: 'wire-2017-12-10', claimant: 'someone' }],
      },
    });
    expectError(twice, 'BAD_USER_INPUT', 'input.citations.1.source', /cited twice/);
    expect(ok(await query('{ relation(id: "twice") { id } }'))).toEqual({ relation: null });
    const again = await query(
      'mutation { addCitation(relation: "ru-supports-gov", citation: { source: "wire-2017-12-10", claimant: "x" }) { id } }',
    );
    expectError(again, 'DUPLICATE_ID', 'citation.source', /already cites/);
    expect(ok(await query('{ relation(id: "ru-supports-gov") { citations { id } } }'))).toEqual({
      relation: { citations: [{ id: 'ru-supports-gov@wire-2017-12-10' }] },
    });
    await expectSound(store);
  });

  it('applies a write once per idempotency key and answers a repeat with the first result (finding 7)', async () => {
    const { store, query } = await setup();
    const input = {
      kind: 'SUPPORTS',
      from: 'ir',
      to: 'rebels',
      since: '2018-03-01',
      summary: 'Retried without an id.',
      citations: [{ source: 'wire-2017-12-10' }],
    };
    const first = ok(await query(RECORD, { input, key: 'retry-1' }));
    const second = ok(await query(RECORD, { input, key: 'retry-1' }));
    expect(second).toEqual(first);
    expect(
      ok(await query<{ timeline: { id: string }[] }>('{ timeline(a: "ir", b: "rebels") { id } }')).timeline,
    ).toEqual([{ id: 'ir-supports-rebels-2018-03-01' }]);
    // Without a key, a retry is a second write.
    expect(ok(await query<{ recordRelation: { id: string } }>(RECORD, { input })).recordRelation.id).toBe(
      'ir-supports-rebels-2018-03-01-2',
    );
    // Every mutation takes a key; a repeat answers as the first did, even once the thing is gone.
    const retract =
      'mutation($key: String) { retractRelation(id: "ru-supports-gov", idempotencyKey: $key) { id since } }';
    const retracted = ok(await query(retract, { key: 'r-1' }));
    expect(ok(await query(retract, { key: 'r-1' }))).toEqual(retracted);
    expectError(await query(retract, { key: 'r-2' }), 'NOT_FOUND', 'id');
    const create =
      'mutation($key: String) { createActor(input: { id: "new-one", name: "New", kind: STATE }, idempotencyKey: $key) { id name } }';
    expect(ok(await query(create, { key: 'c-1' }))).toEqual(ok(await query(create, { key: 'c-1' })));
    const alias = (a: string) =>
      `mutation { updateActor(id: "new-one", input: { addAliases: ["${a}"] }, idempotencyKey: "u-1") { aliases } }`;
    ok(await query(alias('First')));
    // The same key on the same mutation answers the first write, whatever the second asks.
    expect(ok(await query(alias('Second')))).toEqual({ updateActor: { aliases: ['First'] } });
    // Keys are per mutation: the same key on another mutation is another write.
    const merged = ok(await query(MERGE, { s: 'gov', m: 'new-one', key: 'u-1' }));
    expect(merged).toEqual({ mergeActors: { id: 'gov', aliases: ['Assad regime', 'Syrian Army', 'New', 'First'] } });
    expectError(await query(create, { key: 'bad key' }), 'BAD_USER_INPUT', 'idempotencyKey', /printable ASCII/);
    expectError(
      await query(create, { key: 'k'.repeat(L.idempotencyKeyLength + 1) }),
      'BAD_USER_INPUT',
      'idempotencyKey',
    );
    await expectSound(store);
  });

  it('says a timed-out write may still be applied, and applies its retry with the same key once (finding 7)', async () => {
    const store = await open(conflictDataset());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: (written: Promise<unknown>) => void;
    // Resolves once the write reaches the store (under load that can be after the deadline fired).
    const applied = new Promise<Promise<unknown>>((resolve) => (reached = resolve));
    // The first write reaches the store only after its request has been answered.
    const slow = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (property !== 'write') return value.bind(target);
        return (...args: unknown[]) => {
          const written = gate.then(() => value.apply(target, args));
          reached(written.catch(() => undefined));
          return written;
        };
      },
    });
    const input = {
      kind: 'SUPPORTS',
      from: 'ir',
      to: 'rebels',
      since: '2018-03-01',
      summary: 'Timed out.',
      citations: [{ source: 'wire-2017-12-10' }],
    };
    const timedOut = await apiClient(
      slow,
      { apiTokens: [TOKEN], requestTimeoutMs: 200 },
      TOKEN,
    )(RECORD, {
      input,
      key: 'slow-1',
    });
    expectError(timedOut, 'REQUEST_TIMEOUT', undefined, /may still be applied\. Retry with the same idempotencyKey/);
    release();
    await await applied;
    const query = apiClient(store, { apiTokens: [TOKEN] }, TOKEN);
    const timeline = '{ timeline(a: "ir", b: "rebels") { id } }';
    expect(ok(await query(timeline))).toEqual({ timeline: [{ id: 'ir-supports-rebels-2018-03-01' }] });
    const retried = ok(await query<{ recordRelation: { id: string } }>(RECORD, { input, key: 'slow-1' }));
    expect(retried.recordRelation.id).toBe('ir-supports-rebels-2018-03-01');
    expect(ok(await query(timeline))).toEqual({ timeline: [{ id: 'ir-supports-rebels-2018-03-01' }] });
  });

  it('adds aliases in the store, keeping those another write added (finding 3)', async () => {
    const { query } = await setup();
    const add = (a: string) =>
      query(`mutation { updateActor(id: "daesh", input: { addAliases: ["${a}"] }) { aliases } }`);
    await Promise.all([add('Da’ish'), add('IS')]);
    const aliases = ok(await query<{ actor: { aliases: string[] } }>('{ actor(id: "daesh") { aliases } }')).actor
      .aliases;
    expect([...aliases].sort()).toEqual(['Da’ish', 'IS', 'ISIS', 'Islamic State']);
    const both = await query(
      'mutation { updateActor(id: "daesh", input: { aliases: ["ISIL"], addAliases: ["Daesh", "IS"] }) { aliases } }',
    );
    expect(ok(both)).toEqual({ updateActor: { aliases: ['ISIL', 'IS'] } });
  });

  it('enforces one table of limits, naming the field (finding 8)', async () => {
    const { store, query } = await setup();
    const create = (input: Record<string, unknown>) =>
      query('mutation($input: CreateActorInput!) { createActor(input: $input) { id } }', {
        input: { name: 'X', kind: 'STATE', ...input },
      });
    const slug = (n: number) => `a${'-b'.repeat((n - 1) / 2)}`.slice(0, n);
    // At the limit: written, on Neo4j too (its index keys hold 8 KB, its text index 32 KB).
    ok(
      await create({
        id: slug(L.idLength),
        name: 'N'.repeat(L.nameLength),
        aliases: Array.from({ length: L.aliasesPerActor }, (_, i) => `${i}`.padEnd(L.aliasLength, 'é')),
        description: 'd'.repeat(L.descriptionLength),
      }),
    );
    expectError(await create({ id: slug(L.idLength + 1) }), 'BAD_USER_INPUT', 'input.id', /at most 100/);
    expectError(await create({ id: 'x'.repeat(10_000) }), 'BAD_USER_INPUT', 'input.id');
    expectError(await create({ id: 'n', name: 'N'.repeat(L.nameLength + 1) }), 'BAD_USER_INPUT', 'input.name');
    expectError(await create({ id: 'n', name: 'Nul\u0000name' }), 'BAD_USER_INPUT', 'input.name', /control/);
    expectError(
      await create({ id: 'n', aliases: ['a'.repeat(L.aliasLength + 1)] }),
      'BAD_USER_INPUT',
      'input.aliases.0',
    );
    expectError(
      await create({ id: 'n', aliases: Array.from({ length: L.aliasesPerActor + 1 }, (_, i) => `a${i}`) }),
      'BAD_USER_INPUT',
      'input.aliases',
    );
    expectError(
      await create({ id: 'n', description: 'd'.repeat(L.descriptionLength + 1) }),
      'BAD_USER_INPUT',
      'input.description',
    );
    // Additions are checked against what the actor would hold, in the store.
    ok(
      await query('mutation($a: [String!]) { updateActor(id: "gov", input: { addAliases: $a }) { id } }', {
        a: Array.from({ length: L.aliasesPerActor - 2 }, (_, i) => `g${i}`),
      }),
    );
    expectError(
      await query('mutation { updateActor(id: "gov", input: { addAliases: ["one too many"] }) { id } }'),
      'BAD_USER_INPUT',
      'input.addAliases',
      /at most 50/,
    );
    // A name that folds to a long search text is refused before it reaches an index.
    const ligature = '\uFDFA'.repeat(L.aliasLength);
    expectError(
      await create({ id: 'wide', aliases: Array.from({ length: 6 }, (_, i) => ligature.slice(i)) }),
      'BAD_USER_INPUT',
      'input.aliases',
      /bytes to index/,
    );
    const relation = (over: Record<string, unknown>) =>
      query(RECORD, {
        input: {
          kind: 'FIGHTS',
          from: 'gov',
          to: 'daesh',
          since: '2018-01-01',
          summary: 's',
          citations: [{ source: 'wire-2017-12-10' }],
          ...over,
        },
      });
    expectError(await relation({ summary: 's'.repeat(L.summaryLength + 1) }), 'BAD_USER_INPUT', 'input.summary');
    expectError(
      await relation({ places: Array.from({ length: L.placesPerRelation + 1 }, (_, i) => `p${i}`) }),
      'BAD_USER_INPUT',
      'input.places',
    );
    expectError(
      await relation({ citations: [{ source: 'wire-2017-12-10', claimant: 'c'.repeat(L.textLength + 1) }] }),
      'BAD_USER_INPUT',
      'input.citations.0.claimant',
    );
    await expectSound(store);
  });

  it('caps the citations of a relation, also one by one', async () => {
    const sources = Array.from({ length: L.citationsPerRelation + 1 }, (_, i) => buildSource({ id: `s${i}` }));
    const { query } = await setup(
      buildDataset({ sources, actors: [buildActor({ id: 'a' }), buildActor({ id: 'b' })] }),
    );
    const cite = (n: number) => sources.slice(0, n).map((s) => ({ source: s.id }));
    const input = { id: 'r', kind: 'FIGHTS', from: 'a', to: 'b', since: '2018-01-01', summary: 's' };
    expectError(
      await query(RECORD, { input: { ...input, citations: cite(L.citationsPerRelation + 1) } }),
      'BAD_USER_INPUT',
      'input.citations',
    );
    ok(await query(RECORD, { input: { ...input, citations: cite(L.citationsPerRelation) } }));
    const last = sources[L.citationsPerRelation].id;
    expectError(
      await query(`mutation { addCitation(relation: "r", citation: { source: "${last}" }) { id } }`),
      'BAD_USER_INPUT',
      'citation',
      /already has 50 citations/,
    );
  });
}
