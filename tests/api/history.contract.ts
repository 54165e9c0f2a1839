import { subscribeInProcess } from '../support/sse-client.js';
import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, type TestAPI } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import type { GraphStore } from '../../src/store/port.js';
import type { GraphQLResponse } from '../support/api.js';
import { conflictDataset } from '../support/build.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789ab';
const READER = 'reader-token-0123456789';
/** As an operator writes it: named entries, and one bare token (named `token-2` by its place). */
const API_TOKEN = `alice:${ALICE},${BOB}`;

const EDIT = 'id at by operation actorIds relationIds citationIds before after';
const HISTORY = `query($relation: ID, $actor: ID, $by: String, $window: DateWindow, $first: Int, $after: String) {
  history(relation: $relation, actor: $actor, by: $by, window: $window, first: $first, after: $after) {
    edges { cursor node { ${EDIT} } } pageInfo { hasNextPage endCursor } } }`;

interface Edit {
  id: string;
  at: string;
  by: string;
  operation: string;
  actorIds: string[];
  relationIds: string[];
  citationIds: string[];
  before: string | null;
  after: string | null;
}
type History = {
  history: { edges: { cursor: string; node: Edit }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
};

function expectError(res: GraphQLResponse, code: string, message?: RegExp) {
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  expect(res.errors![0].extensions?.code).toBe(code);
  if (message) expect(res.errors![0].message).toMatch(message);
}

const RECORD = `mutation($input: RecordRelationInput!) { recordRelation(input: $input) { id recordedBy recordedAt } }`;
const relationInput = (overrides: Record<string, unknown> = {}) => ({
  id: 'ir-supports-rebels',
  kind: 'SUPPORTS',
  from: 'ir',
  to: 'rebels',
  since: '2018-03-01',
  summary: 'Iran arms the rebels (test).',
  citations: [{ source: 'wire-2017-12-10' }, { source: 'monitor-2018-02-09', claimant: 'a monitor' }],
  ...overrides,
});

/** Named writers, the edit history and restoring a retracted relation, through the API; run on each store. */
export function historyContract(it: TestAPI, open: OpenStore): void {
  const setup = async () => {
    const config = loadConfig({ API_TOKEN, API_READ_TOKEN: READER });
    const store = await open(conflictDataset());
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _, done) => (lines.push(chunk.toString()), done()) });
    const app = createApp(store, { ...config, env: 'test', corsOrigins: null }, pino({ level: 'debug' }, sink));
    const as = (token: string | undefined) => async (document: string, variables?: Record<string, unknown>) => {
      const response = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: document, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse<never>;
    };
    return { store, app, lines, alice: as(ALICE), bob: as(BOB), reader: as(READER), anonymous: as(undefined) };
  };
  const history = async (
    query: (d: string, v?: Record<string, unknown>) => Promise<GraphQLResponse<never>>,
    vars = {},
  ) => {
    const res = (await query(HISTORY, vars)) as GraphQLResponse<History>;
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.history;
  };

  it('keeps who wrote what: alice by name, a bare token as token-2; recordedBy is null for the seed data', async () => {
    const { alice, bob, anonymous } = await setup();
    expect((await history(anonymous)).edges).toEqual([]);
    const recorded = await alice(RECORD, { input: relationInput() });
    expect(recorded.errors).toBeUndefined();
    const relation = (recorded.data as unknown as { recordRelation: { recordedBy: string; recordedAt: string } })
      .recordRelation;
    expect(relation.recordedBy).toBe('alice');
    await bob('mutation { updateActor(id: "ir", input: { description: "Islamic Republic" }) { id } }');
    const { edges } = await history(anonymous);
    expect(edges.map((e) => [e.node.id, e.node.by, e.node.operation])).toEqual([
      ['2', 'token-2', 'updateActor'],
      ['1', 'alice', 'recordRelation'],
    ]);
    const [update, record] = edges.map((e) => e.node);
    expect(relation.recordedAt).toBe(record.at);
    expect(record).toMatchObject({
      actorIds: ['ir', 'rebels'],
      relationIds: ['ir-supports-rebels'],
      before: null,
    });
    expect(JSON.parse(record.after!).citations).toHaveLength(2);
    // An update keeps the fields that changed, as they were and as they are.
    expect(JSON.parse(update.before!)).toEqual({ description: null });
    expect(JSON.parse(update.after!)).toEqual({ description: 'Islamic Republic' });
    const seed = await anonymous('{ relation(id: "ru-supports-gov") { recordedBy recordedAt } }');
    expect(seed.data).toEqual({ relation: { recordedBy: null, recordedAt: null } });
  });

  it('filters by relation, actor, writer and day, and pages newest first with the same cursors on every store', async () => {
    const { alice, bob, anonymous } = await setup();
    await alice(RECORD, { input: relationInput() });
    await bob('mutation { closeRelation(id: "ru-supports-gov", until: "2019-01-01") { id } }');
    await alice('mutation { updateActor(id: "tr", input: { description: "Ankara" }) { id } }');
    const ids = async (vars: Record<string, unknown>) => (await history(anonymous, vars)).edges.map((e) => e.node.id);
    expect(await ids({})).toEqual(['3', '2', '1']);
    expect(await ids({ by: 'alice' })).toEqual(['3', '1']);
    expect(await ids({ relation: 'ru-supports-gov' })).toEqual(['2']);
    expect(await ids({ actor: 'rebels' })).toEqual(['1']);
    expect(await ids({ actor: 'gov', by: 'alice' })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await ids({ window: { from: today, to: today } })).toEqual(['3', '2', '1']);
    expect(await ids({ window: { to: '2020-01-01' } })).toEqual([]);
    const first = await history(anonymous, { first: 2 });
    expect(first.edges.map((e) => e.node.id)).toEqual(['3', '2']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    // A cursor is the edit's number, so a page means the same on either store.
    expect(first.pageInfo.endCursor).toBe(Buffer.from(JSON.stringify({ seq: '2' })).toString('base64url'));
    const rest = await history(anonymous, { first: 2, after: first.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.id)).toEqual(['1']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expectError(await anonymous(HISTORY, { after: 'nonsense' }), 'BAD_USER_INPUT', /after is not a cursor/);
    expectError(await anonymous(HISTORY, { first: 500 }), 'LIMIT_EXCEEDED');
  });

  it('keeps a retracted relation in the history with its content, and restoreRelation brings it back', async () => {
    const { alice, bob, anonymous } = await setup();
    const RELATION = `{ relation(id: "gov-fights-rebels") { id since until summary places citations { id claimant } recordedBy } }`;
    const before = (await anonymous(RELATION)).data as unknown as { relation: Record<string, unknown> };
    expect((await alice('mutation { retractRelation(id: "gov-fights-rebels") { id } }')).errors).toBeUndefined();
    expect((await anonymous(RELATION)).data).toEqual({ relation: null });
    const [retraction] = (await history(anonymous, { relation: 'gov-fights-rebels' })).edges.map((e) => e.node);
    expect(retraction).toMatchObject({ operation: 'retractRelation', by: 'alice', after: null });
    expect(JSON.parse(retraction.before!)).toMatchObject({
      relation: { id: 'gov-fights-rebels', from: 'gov', to: 'rebels', since: '2017-10-01' },
      citations: [{ relationId: 'gov-fights-rebels' }, { relationId: 'gov-fights-rebels' }],
    });

    const restored = await bob(
      'mutation { restoreRelation(id: "gov-fights-rebels") { id citations { id } recordedBy } }',
    );
    expect(restored.errors, JSON.stringify(restored.errors)).toBeUndefined();
    expect((await anonymous(RELATION)).data).toEqual({ relation: { ...before.relation, recordedBy: 'token-2' } });
    const edits = (await history(anonymous, { relation: 'gov-fights-rebels' })).edges.map((e) => e.node);
    expect(edits.map((e) => [e.operation, e.by])).toEqual([
      ['restoreRelation', 'token-2'],
      ['retractRelation', 'alice'],
    ]);
    expect(JSON.parse(edits[0].after!)).toEqual(JSON.parse(edits[1].before!));

    // Restoring what is not retracted, or an id no relation had, is a coded error that writes nothing.
    expectError(await bob('mutation { restoreRelation(id: "gov-fights-rebels") { id } }'), 'NOT_RETRACTED');
    expectError(await bob('mutation { restoreRelation(id: "ru-supports-gov") { id } }'), 'NOT_RETRACTED');
    expectError(await bob('mutation { restoreRelation(id: "no-such-relation") { id } }'), 'NOT_FOUND');
    // Retracted, then its id taken again by a new relation: the restoration would clash.
    await alice('mutation { retractRelation(id: "ru-supports-gov") { id } }');
    await alice(RECORD, { input: relationInput({ id: 'ru-supports-gov', from: 'ru', to: 'gov' }) });
    expectError(await bob('mutation { restoreRelation(id: "ru-supports-gov") { id } }'), 'DUPLICATE_ID', /taken again/);
    expect((await history(anonymous)).edges).toHaveLength(4);
  });

  it('lets a read-only token read but not write, and never logs or answers a token', async () => {
    const { reader, anonymous, alice, lines } = await setup();
    expect((await reader('{ history { edges { node { id } } } }')).errors).toBeUndefined();
    const refused = await reader('mutation { retractRelation(id: "gov-fights-rebels") { id } }');
    expectError(refused, 'FORBIDDEN', /may only read/);
    expectError(await anonymous('mutation { retractRelation(id: "gov-fights-rebels") { id } }'), 'UNAUTHENTICATED');
    await alice(RECORD, { input: relationInput() });
    const answers = JSON.stringify(await anonymous(HISTORY));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.length).toBeGreaterThan(0);
    for (const token of [ALICE, BOB, READER]) {
      expect(lines.join('\n')).not.toContain(token);
      expect(answers).not.toContain(token);
    }
    expect(answers).toContain('"alice"');
  });

  it('tells graphChanged subscribers who wrote', { timeout: 10_000 }, async () => {
    const { app } = await setup();
    const { first, close } = await subscribeInProcess<{ graphChanged: { operation: string; by: string } }>(
      app,
      'subscription { graphChanged { operation by } }',
    );
    const res = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ALICE}` },
      body: JSON.stringify({ query: 'mutation { closeRelation(id: "ru-supports-gov", until: "2019-01-01") { id } }' }),
    });
    expect(((await res.json()) as GraphQLResponse).errors).toBeUndefined();
    const { value } = await first;
    expect(value.data?.graphChanged).toEqual({ operation: 'closeRelation', by: 'alice' });
    await close();
  });
}
