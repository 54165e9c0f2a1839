import { expect, type TestAPI } from 'vitest';
import { apiClient, type GraphQLResponse } from '../support/api.js';
import { conflictDataset } from '../support/build.js';
import type { OpenStore } from './mutations.contract.js';

const TOKEN = 'test-writer-token';

function expectError(res: GraphQLResponse, code: string, field: string, message: RegExp) {
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  expect(res.errors![0].extensions?.code).toBe(code);
  expect(res.errors![0].extensions?.field).toBe(field);
  expect(res.errors![0].message).toMatch(message);
}

const EVIDENCE = 'evidence { sources publishers stated claimants selfReported disputed bestReliability }';

type Edges = { snapshot: { edges: { id: string; lastReported: string; heldUntil: string | null }[] } };

/**
 * Issue 14 through the API, on each store: the two readings of an open end, the evidence filter on
 * every query through time, grading and stances by mutation, and clear errors for bad readings.
 */
export function evidenceApiContract(it: TestAPI, open: OpenStore): void {
  const setup = async () => {
    const store = await open(conflictDataset());
    return apiClient(store, { apiTokens: [TOKEN] }, TOKEN);
  };

  it('reads a day ONGOING or LAST_REPORTED, never keeping a relation past its last report under LAST_REPORTED', async () => {
    const query = await setup();
    const day = '2018-06-01';
    const read = async (openEnd: string) =>
      (
        await query<Edges>(
          `query($at: Date!, $openEnd: OpenEnd) { snapshot(at: $at, openEnd: $openEnd) { edges { id lastReported heldUntil(openEnd: $openEnd) } } }`,
          { at: day, openEnd },
        )
      ).data!.snapshot.edges;
    const ongoing = await read('ONGOING');
    const reported = await read('LAST_REPORTED');
    expect(ongoing.some((e) => e.lastReported < day)).toBe(true);
    expect(reported.length).toBeLessThan(ongoing.length);
    for (const edge of reported) {
      expect(edge.heldUntil! >= day, edge.id).toBe(true);
    }
    // The default is today's reading.
    const plain = await query<Edges>(`{ snapshot(at: "${day}") { edges { id lastReported heldUntil } } }`);
    expect(plain.data!.snapshot.edges.map((e) => e.id)).toEqual(ongoing.map((e) => e.id));
  });

  it('takes openEnd and evidence on every query through time', async () => {
    const query = await setup();
    const filter = 'openEnd: LAST_REPORTED, evidence: { minPublishers: 2, statedOnly: true, excludeDisputed: true }';
    const res = await query(`{
      actor(id: "gov") { relations(${filter}) { id } }
      relations(${filter}) { edges { node { id } } }
      alliances(window: { from: "2017-01-01" }, ${filter}) { id }
      timeline(a: "gov", b: "rebels", ${filter}) { id }
      snapshot(at: "2017-12-15", ${filter}) { edges { id } }
      neighborhood(actor: "gov", ${filter}) { edges { id } }
      paths(from: "gov", to: "rebels", ${filter}) { relations { id } }
      shortestPath(from: "gov", to: "rebels", ${filter}) { relations { id } }
      changes(from: "2017-01-01", to: "2017-12-31", ${filter}) { change relation { id } }
      balance(at: "2017-12-15", ${filter}) { balancedShare }
    }`);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const only = ['gov-fights-rebels'];
    const data = res.data as Record<string, unknown> & {
      actor: { relations: { id: string }[] };
      relations: { edges: { node: { id: string } }[] };
      changes: { change: string; relation: { id: string } }[];
    };
    expect(data.actor.relations.map((r) => r.id)).toEqual(only);
    expect(data.relations.edges.map((e) => e.node.id)).toEqual(only);
    expect(data.alliances).toEqual([]);
    expect(data.timeline).toEqual([{ id: 'gov-fights-rebels' }]);
    expect(data.snapshot).toEqual({ edges: [{ id: 'gov-fights-rebels' }] });
    expect(data.shortestPath).toEqual({ relations: [{ id: 'gov-fights-rebels' }] });
    expect(data.changes.map((c) => `${c.change} ${c.relation.id}`)).toEqual([
      'BEGAN gov-fights-rebels',
      'ENDED gov-fights-rebels',
    ]);
  });

  it('reports a last report as its own change, not as an end', async () => {
    const query = await setup();
    const changes = async (openEnd: string) =>
      (
        await query<{ changes: { date: string; change: string; relation: { id: string } }[] }>(
          `{ changes(from: "2017-12-01", to: "2017-12-31", actor: "ru", openEnd: ${openEnd}) { date change relation { id } } }`,
        )
      ).data!.changes.map((c) => `${c.date} ${c.change} ${c.relation.id}`);
    expect(await changes('ONGOING')).toEqual([]);
    expect(await changes('LAST_REPORTED')).toEqual([
      '2017-12-10 LAST_REPORTED ru-negotiates-tr',
      '2017-12-10 LAST_REPORTED ru-supports-gov',
    ]);
  });

  it('grades sources, sets stances and credibility, and the evidence follows', async () => {
    const query = await setup();
    const graded = await query(
      `mutation { updateSource(id: "monitor-2018-02-09", input: { reliability: B }) { id reliability } }`,
    );
    expect(graded.data).toEqual({ updateSource: { id: 'monitor-2018-02-09', reliability: 'B' } });
    const disputed = await query(
      `mutation { updateCitation(id: "gov-fights-rebels@wire-2017-12-10", input: { stance: DISPUTES, credibility: 5 }) { id stance credibility } }`,
    );
    expect(disputed.data).toEqual({
      updateCitation: { id: 'gov-fights-rebels@wire-2017-12-10', stance: 'DISPUTES', credibility: 5 },
    });
    const relation = await query(`{ relation(id: "gov-fights-rebels") { lastReported sinceBound ${EVIDENCE} } }`);
    expect(relation.data).toEqual({
      relation: {
        lastReported: '2017-12-31',
        sinceBound: 'EXACT',
        evidence: {
          sources: 1,
          publishers: 1,
          stated: false,
          claimants: ['Observatory director'],
          selfReported: false,
          disputed: true,
          bestReliability: 'B',
        },
      },
    });
    const graded2 = await query(`{ relations(evidence: { minReliability: B }) { edges { node { id } } } }`);
    expect(graded2.data).toEqual({ relations: { edges: [{ node: { id: 'gov-fights-rebels' } }] } });
    const recorded = await query(
      `mutation { recordRelation(input: { kind: NEGOTIATES, from: "ir", to: "tr", since: "2017-12-01", sinceBound: ON_OR_BEFORE,
         summary: "Iran and Turkey talk (test).",
         citations: [{ source: "wire-2017-12-10", claimant: "Tehran", claimantActor: "ir", credibility: 3 },
                     { source: "monitor-2018-02-09", stance: DISPUTES }] }) {
         sinceBound lastReported ${EVIDENCE} citations { stance credibility } } }`,
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data).toEqual({
      recordRelation: {
        sinceBound: 'ON_OR_BEFORE',
        lastReported: '2017-12-10',
        evidence: {
          sources: 1,
          publishers: 1,
          stated: false,
          claimants: ['Tehran'],
          selfReported: true,
          disputed: true,
          bestReliability: 'F',
        },
        citations: [
          { stance: 'DISPUTES', credibility: 6 },
          { stance: 'REPORTS', credibility: 3 },
        ],
      },
    });
  });

  it('refuses bad readings and grades with a code naming the field and what is allowed', async () => {
    const query = await setup();
    expectError(
      await query(`{ relations(evidence: { minSources: -1 }) { edges { node { id } } } }`),
      'BAD_USER_INPUT',
      'evidence.minSources',
      /whole number from 0 to 50; got -1/,
    );
    expectError(
      await query(`{ snapshot(at: "2018-01-01", evidence: { minPublishers: 51 }) { edges { id } } }`),
      'BAD_USER_INPUT',
      'evidence.minPublishers',
      /from 0 to 50/,
    );
    expectError(
      await query(
        `mutation { updateCitation(id: "gov-fights-rebels@wire-2017-12-10", input: { credibility: 7 }) { id } }`,
      ),
      'BAD_USER_INPUT',
      'input.credibility',
      /from 1 \(confirmed\) to 6/,
    );
    expectError(
      await query(`mutation { updateSource(id: "nowhere", input: { reliability: A }) { id } }`),
      'NOT_FOUND',
      'id',
      /Unknown source id/,
    );
    const unknown = await query(`{ snapshot(at: "2018-01-01", openEnd: SOMETIMES) { edges { id } } }`);
    expect(unknown.errors?.[0].message).toMatch(/OpenEnd/);
  });
}
