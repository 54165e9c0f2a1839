import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type TestAPI } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { dateWindow } from '../../src/domain/dates.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { GraphStore } from '../../src/store/port.js';
import { apiClient } from '../support/api.js';
import { buildActor, buildCitation, buildDataset, buildRelation, buildSource } from '../support/build.js';
import { graphDigest } from '../support/graph-digest.js';
import { invariantProblems, type RawGraph } from '../support/write-invariants.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore & { release?: () => Promise<void> }>;
export type ReadRaw = (store: GraphStore) => Promise<RawGraph>;

const TOKEN = 'race-token';
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 20);

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
interface Sent {
  query: string;
  answer: Answer;
}
const acknowledged = (sent: Sent) => !sent.answer.errors?.length && sent.answer.data != null;
const expectAllAcknowledged = (sent: Sent[]) =>
  expect(
    sent.filter((s) => !acknowledged(s)).map((s) => s.answer.errors?.[0]?.message),
    'refused',
  ).toEqual([]);

/**
 * Two actors `a`, `b` (to be merged) and `c`, `d`; relation `bc` (b to c) cited by two sources,
 * relation `ad` cited by one.
 */
function raceDataset(): Dataset {
  const [s1, s2] = [buildSource({ id: 's1' }), buildSource({ id: 's2' })];
  return buildDataset({
    sources: [s1, s2],
    actors: ['a', 'b', 'c', 'd'].map((id) => buildActor({ id })),
    relations: [buildRelation({ id: 'bc', from: 'b', to: 'c' }), buildRelation({ id: 'ad', from: 'a', to: 'd' })],
    citations: [buildCitation('bc', s1), buildCitation('bc', s2), buildCitation('ad', s1)],
  });
}

const record = (extra: string) =>
  `mutation { recordRelation(input: { ${extra} kind: FIGHTS, since: "2018-01-01", summary: "raced", citations: [{ source: "s1" }] }) { id } }`;

/**
 * Each race of issue 13 (findings 2 and 3): the mutations sent at once, and what must hold after
 * whatever order the server applied them in.
 */
const RACES: {
  name: string;
  mutations: string[];
  check: (sent: Sent[], raw: RawGraph, store: GraphStore) => Promise<void>;
}[] = [
  {
    name: 'two retractCitation on a relation with two citations',
    mutations: ['mutation { retractCitation(id: "bc@s1") { id } }', 'mutation { retractCitation(id: "bc@s2") { id } }'],
    check: async (sent, raw) => {
      expect(sent.filter(acknowledged)).toHaveLength(1);
      expect(raw.citations.filter((c) => c.relationId === 'bc')).toHaveLength(1);
    },
  },
  {
    name: 'mergeActors racing retractRelation of the merged actor',
    mutations: [
      'mutation { mergeActors(survivor: "a", merged: "b") { id } }',
      'mutation { retractRelation(id: "bc") { id } }',
    ],
    check: async (sent, raw) => {
      expectAllAcknowledged(sent);
      expect(raw.relations.map((r) => r.id)).toEqual(['ad']);
      expect(raw.citations.map((c) => c.id)).toEqual(['ad@s1']);
    },
  },
  {
    name: 'mergeActors racing recordRelation to the merged actor',
    mutations: [
      'mutation { mergeActors(survivor: "a", merged: "b") { id } }',
      record('id: "new", from: "c", to: "b",'),
    ],
    check: async (sent, raw) => {
      expectAllAcknowledged(sent);
      expect(raw.relations.find((r) => r.id === 'new')).toMatchObject({ from: 'c', to: 'a' });
      expect(raw.citations.map((c) => c.id)).toContain('new@s1');
    },
  },
  {
    name: 'opposing merges',
    mutations: [
      'mutation { mergeActors(survivor: "a", merged: "b") { id } }',
      'mutation { mergeActors(survivor: "b", merged: "a") { id } }',
    ],
    check: async (sent, raw, store) => {
      expect(sent.filter(acknowledged)).toHaveLength(1);
      const [a, b] = await store.actorsByIds(['a', 'b']);
      expect(a?.id).toBe(b?.id);
      expect(raw.actorIds).toEqual(['c', 'd', a!.id].sort());
      expect(raw.relations.map((r) => r.id).sort()).toEqual(['ad', 'bc']);
    },
  },
  {
    name: 'two createActor with the same id',
    mutations: [
      'mutation { createActor(input: { id: "same", name: "First", kind: STATE }) { id name } }',
      'mutation { createActor(input: { id: "same", name: "Second", kind: STATE }) { id name } }',
    ],
    check: async (sent, _, store) => {
      const winners = sent.filter(acknowledged);
      expect(winners).toHaveLength(1);
      expect(sent.find((s) => !acknowledged(s))?.answer.errors?.[0].extensions?.code).toBe('DUPLICATE_ID');
      const [stored] = await store.actorsByIds(['same']);
      expect(stored?.name).toBe((winners[0].answer.data!.createActor as { name: string }).name);
    },
  },
  {
    name: 'two updateActor adding aliases',
    mutations: [
      'mutation { updateActor(id: "c", input: { addAliases: ["One"] }) { id } }',
      'mutation { updateActor(id: "c", input: { addAliases: ["Two"] }) { id } }',
    ],
    check: async (sent, _, store) => {
      expectAllAcknowledged(sent);
      const [c] = await store.actorsByIds(['c']);
      expect([...c!.aliases].sort()).toEqual(['One', 'Two']);
    },
  },
  {
    name: 'two recordRelation without an id for the same actors, kind and day',
    mutations: [record('from: "c", to: "d",'), record('from: "c", to: "d",')],
    check: async (sent, raw) => {
      expectAllAcknowledged(sent);
      const ids = sent.map((s) => (s.answer.data!.recordRelation as { id: string }).id).sort();
      expect(ids).toEqual(['c-fights-d-2018-01-01', 'c-fights-d-2018-01-01-2']);
      expect(raw.relations.map((r) => r.id)).toEqual(expect.arrayContaining(ids));
    },
  },
];

/** Listens on a free port of 127.0.0.1 with the app over `store`, as `npm start` does. */
async function serve(store: GraphStore): Promise<{ url: string; server: Server }> {
  const server = createServer(createApp(store, { env: 'test', corsOrigins: null, apiTokens: [TOKEN] }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

async function post(url: string, query: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Answer;
}

const NO_FILTER = { relationId: null, actorId: null, by: null, window: dateWindow(null) };
const operationOf = (sent: Sent) => /^mutation \{ (\w+)\(/.exec(sent.query)![1];

/** Every order of a list. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [item, ...p]),
  );
}

/** The graph and id resolution a store ends with, to compare it with a serial replay. */
async function outcome(store: GraphStore, ids: string[]) {
  return { digest: await graphDigest(store), resolved: (await store.actorsByIds(ids)).map((a) => a?.id ?? null) };
}

/**
 * Racing clients through the HTTP API, on a real port: each race runs `ROUNDS` times, its
 * mutations sent at once; afterwards the invariants hold, no acknowledged write is missing, and the
 * graph equals the acknowledged writes replayed one by one in some order.
 */
export function writeRaceContract(it: TestAPI, open: OpenStore, raw: ReadRaw): void {
  for (const { name, mutations, check } of RACES)
    it(`${name} (${ROUNDS} rounds)`, async () => {
      const dataset = raceDataset();
      const ids = dataset.actors.map((a) => a.id);
      for (let round = 0; round < ROUNDS; round++) {
        const store = await open(dataset);
        const { url, server } = await serve(store);
        try {
          const answers = await Promise.all(mutations.map((query) => post(url, query)));
          const sent = mutations.map((query, i) => ({ query, answer: answers[i] }));
          for (const { answer } of sent)
            for (const error of answer.errors ?? [])
              expect(['NOT_FOUND', 'DUPLICATE_ID', 'BAD_USER_INPUT'], `round ${round}: ${error.message}`).toContain(
                error.extensions?.code,
              );
          const graph = await raw(store);
          expect(invariantProblems(graph), `round ${round}`).toEqual([]);
          await check(sent, graph, store);
          // The history holds each acknowledged write once, numbered without gaps, and nothing refused.
          const { items: edits } = await store.history({ ...NO_FILTER, beforeSeq: null, limit: 50 });
          const done = sent.filter(acknowledged);
          expect(
            edits.map((e) => e.seq),
            `round ${round}`,
          ).toEqual(done.map((_, i) => done.length - i));
          expect(edits.map((e) => e.operation).sort(), `round ${round}`).toEqual(done.map(operationOf).sort());
          expect(new Set(edits.map((e) => e.by)), `round ${round}`).toEqual(new Set(done.length ? ['token-1'] : []));
          const live = await outcome(store, ids);
          const replays = [];
          for (const order of permutations(sent.filter(acknowledged))) {
            const replica = MemoryStore.fromDataset(dataset);
            const query = apiClient(replica, { apiTokens: [TOKEN] }, TOKEN);
            let replayed = true;
            for (const s of order) replayed = !(await query(s.query)).errors && replayed;
            if (replayed) replays.push(await outcome(replica, ids));
          }
          expect(replays, `round ${round}: the graph is no serial replay of the acknowledged writes`).toContainEqual(
            live,
          );
        } finally {
          await new Promise((resolve) => server.close(resolve));
          await store.release?.();
        }
      }
    }, 120_000);
}
