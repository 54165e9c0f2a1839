import { expect, type TestAPI } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import type { GraphStore } from '../../src/store/port.js';
import { graphDigest } from '../support/graph-digest.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

const INJECTIONS = [
  "x'}) DETACH DELETE n //",
  "'; MATCH (n) DETACH DELETE n; //",
  '" OR 1=1 --',
  '`) CALL db.labels() //',
  '$ids',
  '{id: "daesh"}',
  '\u0000\u0001\u001f',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\u202eesrever',
  '🔥'.repeat(50),
  'a'.repeat(5_000),
];

/** What a request must get back, when the answer is known: its code, and its status where one is fixed. */
interface Expected {
  status?: number;
  code: string;
}

type HostileRequest = [label: string, init: RequestInit & { path?: string }, expected?: Expected];

/** Requests a hostile or careless client might send, as [label, fetch init, expected answer]. */
function hostileRequests(token: string): HostileRequest[] {
  const post = (body: string, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const gql = (query: string, variables?: unknown, headers?: Record<string, string>) =>
    post(JSON.stringify({ query, variables }), headers);
  const requests: HostileRequest[] = [];

  for (const body of [
    '{',
    '{"query": ',
    'null',
    '[]',
    '"query"',
    '{"query": 42}',
    '{"query": null}',
    '{"variables": "x"}',
    '\u0000',
    'not json at all',
    '{"query":"{ actor(id: \\"daesh\\") { id } }", "variables": [1]}',
    '{"query": "{ __typename }", "extensions": "x"}',
  ]) {
    requests.push([`malformed JSON ${JSON.stringify(body).slice(0, 30)}`, post(body)]);
  }
  requests.push([
    'wrong content type',
    { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ actor(id: "daesh") { id } }' },
  ]);
  requests.push(['PUT', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }]);
  requests.push(['DELETE', { method: 'DELETE' }]);
  requests.push([
    'GET mutation',
    { method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { retractRelation(id: "x") { id } }')}` },
  ]);
  // The body limit (src/http/limits.ts) and `batching: false` (src/app.ts) answer these exactly.
  requests.push([
    'body over the limit',
    gql(`{ actor(id: "${'x'.repeat(200_000)}") { id } }`),
    { status: 413, code: 'LIMIT_EXCEEDED' },
  ]);
  requests.push([
    'declared huge length',
    { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '999999999' }, body: '{}' },
    { status: 413, code: 'LIMIT_EXCEEDED' },
  ]);
  requests.push([
    'streamed body without a length',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob(['{"query":"{ __typename }"}']).stream(),
      duplex: 'half',
    } as RequestInit,
    { status: 411, code: 'BAD_REQUEST' },
  ]);
  requests.push([
    'batched',
    post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])),
    { status: 400, code: 'BAD_REQUEST' },
  ]);

  // Every limit answers LIMIT_EXCEEDED (src/http/limits.ts, src/domain/limits.ts), never a "Syntax Error".
  const limit = { code: 'LIMIT_EXCEEDED' };
  const deep = (n: number) => `{ actor(id: "daesh") ${'{ relations { from '.repeat(n)}{ id }${' }'.repeat(n * 2)} }`;
  requests.push(['1000-deep nesting', gql(deep(500)), limit]);
  requests.push(['20-deep nesting', gql(deep(10)), limit]);
  requests.push([
    '10k aliases',
    gql(`{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`),
    limit,
  ]);
  requests.push([
    '100 aliases of a heavy field',
    gql(
      `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: neighborhood(actor: "syrian-government", hops: 3) { nodes { id } }`).join(' ')} }`,
    ),
    limit,
  ]);
  requests.push(['first: 100000', gql('{ actors(first: 100000) { edges { cursor } } }'), limit]);
  // Issue 18: the heaviest path query, 11 times over, each actor with its relations (35 MB an answer):
  // the cost analysis multiplies first, hops and nested lists, and refuses it before it runs.
  requests.push([
    '11 aliases of paths(maxHops: 6, first: 50) with nested relations',
    gql(
      `{ ${Array.from({ length: 11 }, (_, i) => `a${i}: paths(from: "turkey", to: "daesh", maxHops: 6, first: 50) { actors { relations { id from { id } to { id } } } }`).join(' ')} }`,
    ),
    limit,
  ]);
  requests.push([
    'nested lists multiplying',
    gql('{ actors(first: 100) { edges { node { relations { citations { id title } } } } } }'),
    limit,
  ]);
  requests.push(['hops over the cap', gql('{ neighborhood(actor: "daesh", hops: 4) { nodes { id } } }'), limit]);
  requests.push([
    'fragment cycle',
    gql(
      'query { actor(id: "daesh") { ...A } } fragment A on Actor { relations { from { ...B } } } fragment B on Actor { relations { to { ...A } } }',
    ),
  ]);
  requests.push(['self fragment', gql('query { actor(id: "daesh") { ...A } } fragment A on Actor { ...A }')]);
  requests.push(['10k directives', gql(`{ __typename ${'@include(if: true) '.repeat(2_000)} }`), limit]);
  requests.push(['huge token count', gql(`{ ${'__typename '.repeat(20_000)} }`), limit]);
  requests.push([
    'introspection bomb',
    gql('{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }'),
  ]);

  const stringArgs = (s: string) => [
    `{ actor(id: ${s}) { id } }`,
    `{ actors(search: ${s}) { edges { node { id } } } }`,
    `{ actors(after: ${s}) { edges { node { id } } } }`,
    `{ relation(id: ${s}) { id } }`,
    `{ relations(actor: ${s}) { edges { node { id } } } }`,
    `{ relations(after: ${s}) { edges { node { id } } } }`,
    `{ alliances(window: {}, actor: ${s}) { id } }`,
    `{ timeline(a: ${s}, b: "daesh") { id } }`,
    `{ neighborhood(actor: ${s}) { nodes { id } } }`,
    `{ shortestPath(from: "turkey", to: ${s}) { hops } }`,
    `{ paths(from: ${s}, to: "daesh") { hops } }`,
    `{ changes(from: "2017-01-01", to: "2018-01-01", actor: ${s}) { date } }`,
    `{ snapshot(at: ${s}) { edges { id } } }`,
  ];
  // An unknown actor id is NOT_FOUND wherever an argument names an actor, whatever the text.
  const notFound = { status: 200, code: 'NOT_FOUND' };
  const namesAnActor = /^\{ (relations\(actor|alliances|timeline|neighborhood|shortestPath|paths|changes)/;
  for (const text of INJECTIONS) {
    for (const document of stringArgs(JSON.stringify(text)))
      requests.push([
        `injection in ${document.slice(2, 30)}`,
        gql(document),
        namesAnActor.test(document) ? notFound : undefined,
      ]);
  }
  // A search with no letter or digit would match everything: it is refused.
  for (const search of ['%', '%%', '🔥'.repeat(3), '\u200b\u200c\u200d', '...', '_']) {
    requests.push([
      `search ${JSON.stringify(search)}`,
      gql('query($s: String) { actors(search: $s) { edges { node { id } } } }', { s: search }),
      { status: 200, code: 'BAD_USER_INPUT' },
    ]);
  }
  for (const text of INJECTIONS.slice(0, 4)) {
    requests.push([
      `injection via variables`,
      gql('query($id: ID!) { actor(id: $id) { id relations { id } } }', { id: text }),
    ]);
    requests.push([
      `injection in a mutation without a token`,
      gql(
        `mutation { createActor(input: { id: ${JSON.stringify(text)}, name: ${JSON.stringify(text)}, kind: STATE }) { id } }`,
      ),
    ]);
    requests.push([
      `injection in a mutation with a token`,
      gql(
        `mutation { recordRelation(input: { id: ${JSON.stringify(text)}, kind: FIGHTS, from: ${JSON.stringify(text)}, to: "daesh", since: "2018-01-01", summary: ${JSON.stringify(text)}, citations: [{ source: ${JSON.stringify(text)} }] }) { id } }`,
        undefined,
        { authorization: `Bearer ${token}` },
      ),
    ]);
    requests.push([
      `injection in a token`,
      gql('mutation { retractRelation(id: "daesh-captures-bashkun-from-hts-2017-12-08") { id } }', undefined, {
        authorization: `Bearer ${text}`,
      }),
    ]);
  }
  for (const [from, to] of [
    ['2018-01-02', '2018-01-01'],
    ['2017-02-30', '2018-01-01'],
    ['0000-00-00', '9999-99-99'],
    ['-2017-01-01', '2018-01-01'],
    ['2017-1-1', '2018-1-1'],
  ]) {
    requests.push([
      `dates ${from}..${to}`,
      gql(
        `{ alliances(window: { from: "${from}", to: "${to}" }) { id } changes(from: "${from}", to: "${to}") { date } }`,
      ),
      { status: 200, code: 'BAD_USER_INPUT' },
    ]);
  }
  for (const n of [
    '9007199254740993',
    '2147483648',
    '-2147483649',
    '1e308',
    '99999999999999999999999',
    '-1',
    '0',
    '3.5',
    '"10"',
    'null',
  ]) {
    requests.push([
      `integer ${n}`,
      gql(`{ actors(first: ${n}) { edges { cursor } } neighborhood(actor: "daesh", hops: ${n}) { nodes { id } } }`),
    ]);
    requests.push([`maxHops ${n}`, gql(`{ paths(from: "turkey", to: "daesh", maxHops: ${n}, first: ${n}) { hops } }`)]);
  }
  for (const id of ['nobody', '', ' ', 'DAESH', 'daesh ', 'hts@x']) {
    requests.push([
      `unknown id ${JSON.stringify(id)}`,
      gql(`{ actor(id: ${JSON.stringify(id)}) { id } timeline(a: ${JSON.stringify(id)}, b: "hts") { id } }`),
      notFound,
    ]);
  }
  for (const header of [
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNz',
    `bearer ${token}x`,
    `Bearer ${token} extra`,
    'Bearer \u0000',
    'x'.repeat(8_000),
  ]) {
    requests.push([
      `wrong token ${header.slice(0, 20)}`,
      gql('mutation { mergeActors(survivor: "hts", merged: "daesh") { id } }', undefined, { authorization: header }),
    ]);
  }
  return requests;
}

/** Sends every hostile request; none may break the server, leak internals or change the graph. */
export function hostileContract(it: TestAPI, open: OpenStore, loadDataset: () => Promise<Dataset>): void {
  it('survives at least 200 hostile requests: no 5xx, no stack trace or Cypher, the graph unchanged', async () => {
    const store = await open(await loadDataset());
    const token = 'hostile-suite-token';
    const app = createApp(store, {
      env: 'production',
      corsOrigins: null,
      apiTokens: [token],
      requestTimeoutMs: 10_000,
    });
    const before = await graphDigest(store);
    const requests = hostileRequests(token);
    expect(requests.length).toBeGreaterThanOrEqual(200);
    const statuses = new Map<number, number>();
    let rejected = 0;
    let answeredExactly = 0;
    for (const [label, init, expected] of requests) {
      const response = await app.fetch(`http://test${init.path ?? '/graphql'}`, init);
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
      if (expected) {
        const got = { status: expected.status === undefined ? undefined : response.status, code: firstErrorCode(text) };
        expect(got, `${label}: ${text.slice(0, 300)}`).toEqual({ status: undefined, ...expected });
        answeredExactly++;
      }
      // No stack frame, no driver error, no text of our own Cypher (echoing the client's input is fine).
      expect(text, label).not.toMatch(
        /\n\s+at |\bat [\w.]+ \(|node_modules|Neo4jError|UNWIND \$ids|MATCH \(a:Actor|startNode\(r\)|neo4j:\/\/|bolt:\/\//,
      );
      if (response.status >= 400 || /"errors"/.test(text)) rejected++;
    }
    console.log(
      `[hostile] ${requests.length} requests, ${rejected} rejected with a client error, ${answeredExactly} with their exact status and code, statuses ${JSON.stringify(Object.fromEntries(statuses))}, 5xx: 0`,
    );
    expect(answeredExactly).toBeGreaterThanOrEqual(100);
    expect(await graphDigest(store)).toEqual(before);
    const alive = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ actor(id: "daesh") { name } }' }),
    });
    expect(await alive.json()).toEqual({ data: { actor: { name: 'Daesh (Islamic State)' } } });
  }, 120_000);
}

function firstErrorCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  } catch {
    return undefined;
  }
}
