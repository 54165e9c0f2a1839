import { expect, type TestAPI } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import type { GraphStore } from '../../src/store/port.js';
import { apiClient, type GraphQLResponse } from '../support/api.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

const TOKEN = 'truthful-errors-token';
/** Each test loads the dataset into its store first: on Neo4j, on a loaded machine, that takes seconds. */
const TIMEOUT_MS = 90_000;

interface ErrorEntry {
  message: string;
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

const errorsOf = (res: GraphQLResponse) => (res as { errors?: ErrorEntry[] }).errors ?? [];

/** Every query that checks its actor arguments, with one argument naming "hts". */
export const ACTOR_QUERIES = [
  '{ neighborhood(actor: "hts") { nodes { id } } }',
  '{ relations(actor: "hts") { edges { node { id } } } }',
  '{ alliances(window: {}, actor: "hts") { id } }',
  '{ timeline(a: "hts", b: "daesh") { id } }',
  '{ changes(from: "2017-01-01", to: "2018-01-01", actor: "hts") { date } }',
  '{ paths(from: "hts", to: "daesh") { hops } }',
  '{ shortestPath(from: "hts", to: "daesh") { hops } }',
];

/**
 * Errors that tell the truth (issue 18, section 3), through the API on one store loaded with the
 * Idlib dataset: a store failure is never "not found", limits are LIMIT_EXCEEDED naming the limit,
 * a bad literal says where it is, NOT_FOUND names its argument and suggests ids, a search needs a
 * letter or digit and folds compatibility forms, and lookalike names are accepted with a notice.
 */
export function truthfulErrorsContract(
  it: TestAPI,
  open: () => Promise<GraphStore>,
  /** The same store kind when its backend is down (Neo4j not listening; a failing embedded store). */
  openDown: () => Promise<GraphStore>,
): void {
  it(
    'answers STORE_UNAVAILABLE, never NOT_FOUND, when the store fails during the actor check',
    async () => {
      const query = apiClient(await openDown(), { env: 'production' });
      for (const document of ACTOR_QUERIES) {
        const res = await query(document);
        expect(
          errorsOf(res).map((e) => e.extensions?.code),
          `${document}: ${JSON.stringify(res)}`,
        ).toEqual(['STORE_UNAVAILABLE']);
        expect(res.status, document).toBe(503);
        expect(JSON.stringify(res)).not.toMatch(/Unknown actor/);
      }
    },
    TIMEOUT_MS,
  );

  it(
    'names the one argument whose actor id is unknown and suggests the closest ids from ids, names and aliases',
    async () => {
      const query = apiClient(await open(), { env: 'production' });
      const cases: [document: string, field: string, suggestions: string[] | undefined][] = [
        ['{ timeline(a: "Russia", b: "turkey") { id } }', 'a', ['russia']],
        ['{ timeline(a: "russia", b: "turky") { id } }', 'b', ['turkey']],
        ['{ neighborhood(actor: "ISIS") { nodes { id } } }', 'actor', ['daesh']],
        ['{ paths(from: "Türkiye", to: "zzzz-qqqq") { hops } }', 'from', ['turkey']],
        ['{ shortestPath(from: "daesh", to: "Nusra Front") { hops } }', 'to', ['hts']],
        ['{ relations(actor: "zzzz-qqqq") { edges { cursor } } }', 'actor', undefined],
      ];
      for (const [document, field, suggestions] of cases) {
        const res = await query(document);
        const errors = errorsOf(res);
        expect(errors, `${document}: ${JSON.stringify(res)}`).toHaveLength(1);
        const [error] = errors;
        expect(error.extensions, document).toMatchObject({ code: 'NOT_FOUND', field });
        expect(error.message, document).toMatch(new RegExp(`^Unknown actor id in ${field}: "`));
        expect(error.extensions?.suggestions, document).toEqual(suggestions);
        if (suggestions) expect(error.message).toContain(`did you mean \`${suggestions[0]}\`?`);
        else expect(error.message).not.toMatch(/did you mean/);
      }
    },
    TIMEOUT_MS,
  );

  it(
    'refuses every request over a limit with LIMIT_EXCEEDED naming the limit, never a "Syntax Error"',
    async () => {
      const store = await open();
      const cases: [document: string, limit: string][] = [
        ['{ actors(first: 100000) { edges { cursor } } }', 'cost'],
        [`{ actor(id: "hts") ${'{ relations { from '.repeat(8)}{ id }${' }'.repeat(16)} }`, 'depth'],
        [`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: actor(id: "hts") { id }`).join(' ')} }`, 'aliases'],
        [`{ ${'__typename '.repeat(4_000)} }`, 'tokens'],
        [`{ __typename ${'@include(if: true) '.repeat(30)} }`, 'directives'],
        ['{ actors(first: 101) { edges { cursor } } }', 'argument'],
        ['{ neighborhood(actor: "hts", hops: 4) { nodes { id } } }', 'argument'],
        [`{ actors(search: "${'a'.repeat(201)}") { edges { cursor } } }`, 'search-length'],
      ];
      for (const env of ['development', 'production'] as const) {
        const query = apiClient(store, { env });
        for (const [document, limit] of cases) {
          const res = await query(document);
          const errors = errorsOf(res);
          expect(errors.length, `${env} ${document.slice(0, 60)}: ${JSON.stringify(res).slice(0, 300)}`).toBe(1);
          expect(errors[0].extensions, `${env} ${document.slice(0, 60)}`).toMatchObject({
            code: 'LIMIT_EXCEEDED',
            limit,
          });
          expect(errors[0].message).not.toMatch(/Syntax Error/);
        }
      }
    },
    TIMEOUT_MS,
  );

  it(
    'gives a bad date literal its locations and argument path',
    async () => {
      const query = apiClient(await open());
      const cases: [document: string, field: string, fieldPath: string, column: number][] = [
        ['{ alliances(window: { from: "2017-02-30" }) { id } }', 'window.from', 'alliances', 29],
        ['{ snapshot(at: "yesterday") { edges { id } } }', 'at', 'snapshot', 16],
        ['{ actor(id: "hts") { relations(window: { to: "2017-13-01" }) { id } } }', 'window.to', 'actor.relations', 46],
        ['{ x: changes(from: "2017-01-01", to: 20180101) { date } }', 'to', 'x', 38],
      ];
      for (const [document, field, fieldPath, column] of cases) {
        const res = await query(document);
        const errors = errorsOf(res);
        expect(errors, `${document}: ${JSON.stringify(res)}`).toHaveLength(1);
        expect(errors[0].extensions, document).toMatchObject({ code: 'BAD_USER_INPUT', field, fieldPath });
        expect(errors[0].locations, document).toEqual([{ line: 1, column }]);
        expect(errors[0].message).toMatch(/^Date must be/);
      }
    },
    TIMEOUT_MS,
  );

  it(
    'refuses a search with no letter or digit, and folds compatibility forms and invisible characters',
    async () => {
      const query = apiClient(await open());
      for (const search of ['%', '%%', '...', '🔥🔥', '\u200b\u200b', ' - ', '\u00ad']) {
        const res = await query('query($s: String) { actors(search: $s) { edges { node { id } } } }', { s: search });
        const errors = errorsOf(res);
        expect(
          errors.map((e) => e.extensions),
          JSON.stringify(search),
        ).toEqual([{ code: 'BAD_USER_INPUT', field: 'search' }]);
      }
      const ids = async (search: string) => {
        const res = await query<{ actors: { edges: { node: { id: string } }[] } }>(
          'query($s: String) { actors(search: $s) { edges { node { id } } } }',
          { s: search },
        );
        expect(res.errors, JSON.stringify(res)).toBeUndefined();
        return res.data!.actors.edges.map((e) => e.node.id);
      };
      expect(await ids('')).toHaveLength(20);
      expect(await ids('Ｈａｙａｔ Ｔａｈｒｉｒ')).toEqual(['hts']);
      expect(await ids('Hay\u00adat\u200b Tahrir')).toEqual(['hts']);
      expect(await ids('Ta\u0640hrir')).toEqual(['hts']);

      // Invisible characters inside a stored name do not split it either.
      const write = apiClient(await open(), { apiTokens: [TOKEN] }, TOKEN);
      const created = await write(
        'mutation { createActor(input: { id: "zw-test", name: "Liwa\u200b al-Fatah\u00ad", kind: MILITIA, aliases: ["ＬＡＦ"] }) { id } }',
      );
      expect(created.errors, JSON.stringify(created)).toBeUndefined();
      for (const search of ['liwa al fatah', 'LAF', 'ｌｉｗａ']) {
        const res = await write('query($s: String) { actors(search: $s) { edges { node { id } } } }', { s: search });
        expect(JSON.stringify(res.data), search).toContain('zw-test');
      }
    },
    TIMEOUT_MS,
  );

  it(
    'accepts an actor whose name mixes scripts, with a MIXED_SCRIPTS notice naming the field',
    async () => {
      const query = apiClient(await open(), { apiTokens: [TOKEN] }, TOKEN);
      const lookalike = 'D\u0430esh'; // a Cyrillic "а"
      const created = await query(
        `mutation { createActor(input: { id: "lookalike", name: "${lookalike}", kind: MILITIA }) { id name } }`,
      );
      expect(created.errors, JSON.stringify(created)).toBeUndefined();
      expect(created.data).toEqual({ createActor: { id: 'lookalike', name: lookalike } });
      expect(created.extensions?.notices).toEqual([
        expect.objectContaining({ code: 'MIXED_SCRIPTS', field: 'input.name', given: lookalike }),
      ]);
      expect(created.extensions!.notices![0].message).toMatch(/Latin and Cyrillic/);

      const updated = await query(
        'mutation { updateActor(id: "hts", input: { addAliases: ["Ηayat"] }) { id } }', // a Greek capital eta
      );
      expect(updated.errors, JSON.stringify(updated)).toBeUndefined();
      expect(updated.extensions?.notices).toEqual([
        expect.objectContaining({ code: 'MIXED_SCRIPTS', field: 'input.addAliases.0' }),
      ]);

      // Scripts side by side, each word in one, are no mix.
      const clean = await query(
        'mutation { createActor(input: { id: "bilingual", name: "Hayat (هيئة) Москва", kind: MILITIA }) { id } }',
      );
      expect(clean.errors, JSON.stringify(clean)).toBeUndefined();
      expect(clean.extensions?.notices).toBeUndefined();
    },
    TIMEOUT_MS,
  );
}
