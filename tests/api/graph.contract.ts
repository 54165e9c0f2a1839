import { expect, type TestAPI } from 'vitest';
import { dateWindow, dayWindow } from '../../src/domain/dates.js';
import { graphReading, inReading } from '../../src/domain/reading.js';
import { graphOver } from '../../src/service/graph-reads.js';
import { apiClient } from '../support/api.js';
import { conflictDataset, storedRelations } from '../support/build.js';
import type { OpenStore } from './mutations.contract.js';

interface Sub {
  nodeCount: number;
  edgeCount: number;
  nodes: { id: string }[];
  nodesWithHops: { actor: { id: string }; hops: number | null }[];
  edges: { id: string; source: string; target: string; from: { id: string }; to: { id: string } }[];
}

const SUB =
  'nodeCount edgeCount nodes { id } nodesWithHops { actor { id } hops } edges { id source target from { id } to { id } }';

/** Issue 15 section 1 through the API, on each store: `graph(window:)`, counts, `source`/`target`, hops. */
export function graphApiContract(it: TestAPI, open: OpenStore): void {
  it('answers graph(window) with every relation read in the window, the actors they touch, and counts', async () => {
    const dataset = conflictDataset();
    const query = apiClient(await open(dataset));
    const res = await query<{ graph: Sub }>(`{ graph(window: { from: "2017-12-01", to: "2017-12-31" }) { ${SUB} } }`);
    expect(res.errors).toBeUndefined();
    const sub = res.data!.graph;
    const reading = graphReading(dateWindow({ from: '2017-12-01', to: '2017-12-31' }));
    const expected = storedRelations(dataset)
      .filter((r) => inReading(r, reading))
      .map((r) => r.id)
      .sort();
    expect(sub.edges.map((e) => e.id).sort()).toEqual(expected);
    expect(expected).toContain('rebels-fight-daesh');
    expect(sub.edgeCount).toBe(expected.length);
    const touched = [...new Set(sub.edges.flatMap((e) => [e.source, e.target]))].sort();
    expect(sub.nodes.map((n) => n.id)).toEqual(touched);
    expect(sub.nodeCount).toBe(touched.length);
    for (const edge of sub.edges) expect([edge.source, edge.target]).toEqual([edge.from.id, edge.to.id]);
    expect(sub.nodesWithHops.every((n) => n.hops === null)).toBe(true);
  });

  it('applies kinds, openEnd and evidence to graph as relations(window:) does', async () => {
    const query = apiClient(await open(conflictDataset()));
    const filters = [
      'kinds: [SUPPORTS, MEMBER_OF]',
      'openEnd: LAST_REPORTED',
      'evidence: { minSources: 2 }',
      'evidence: { statedOnly: true }, kinds: [FIGHTS]',
    ];
    for (const filter of filters) {
      const window = 'window: { from: "2016-06-01", to: "2018-03-01" }';
      const res = await query<{ graph: Sub; relations: { edges: { node: { id: string } }[] } }>(
        `{ graph(${window}, ${filter}) { ${SUB} } relations(${window}, ${filter}, first: 200) { edges { node { id } } } }`,
      );
      expect(res.errors, filter).toBeUndefined();
      const listed = res.data!.relations.edges.map((e) => e.node.id);
      expect(
        res.data!.graph.edges.map((e) => e.id),
        filter,
      ).toEqual(listed);
      expect(res.data!.graph.edgeCount, filter).toBe(listed.length);
    }
    const everything = await query<{ graph: Sub }>(`{ graph(window: {}) { edgeCount } }`);
    const some = await query<{ graph: Sub }>(`{ graph(window: {}, evidence: { minSources: 2 }) { edgeCount } }`);
    expect(some.data!.graph.edgeCount).toBeGreaterThan(0);
    expect(some.data!.graph.edgeCount).toBeLessThan(everything.data!.graph.edgeCount);
  });

  it('refuses a bad window or reading on graph, naming the argument', async () => {
    const query = apiClient(await open(conflictDataset()));
    const res = await query(`{ graph(window: { from: "2018-01-01", to: "2017-01-01" }) { edgeCount } }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'window' });
    const bad = await query(`{ graph(window: {}, evidence: { minSources: -1 }) { edgeCount } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence.minSources' });
  });

  it('refuses a graph larger than its cap with LIMIT_EXCEEDED rather than answering part of it', async () => {
    const store = await open(conflictDataset());
    const reading = graphReading(dateWindow(null));
    await expect(graphOver(store, reading, null, 3)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      field: 'window',
      details: { limit: 'graph-size' },
    });
    expect((await graphOver(store, reading, null, 7)).relations).toHaveLength(7);
  });

  it('refuses a camps sample over its cap with LIMIT_EXCEEDED, naming the day and how to narrow it', async () => {
    const dataset = conflictDataset();
    const store = await open(dataset);
    const day = '2017-12-15';
    const onDay = storedRelations(dataset).filter((r) => inReading(r, graphReading(dayWindow(day))));
    const fights = onDay.filter((r) => r.kind === 'FIGHTS').length;
    expect(fights).toBeGreaterThan(0);
    expect(fights).toBeLessThan(onDay.length - 1);
    const cap = onDay.length - 1;
    const query = apiClient(store, { maxCampRelations: cap });
    const refused = await query(`{ blocs(at: "${day}") { frustration } }`);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', field: 'at', limit: 'camps-size' });
    expect(refused.errors?.[0].message).toContain(`${day} has more than ${cap} relations`);
    expect(refused.errors?.[0].message).toMatch(/kinds.*minPublishers/);
    // Under the cap: the same day narrowed by kind, and the whole day with one more allowed.
    const narrowed = await query(`{ blocs(at: "${day}", kinds: [FIGHTS]) { frustration } }`);
    expect(narrowed.errors).toBeUndefined();
    const whole = await apiClient(store, { maxCampRelations: onDay.length })(`{ blocs(at: "${day}") { frustration } }`);
    expect(whole.errors).toBeUndefined();
    // A series is refused when one of its sample days is over the cap, naming the first such day.
    const series = await query(`{ alignmentSeries(from: "2017-10-15", to: "2018-01-15") { at } }`);
    expect(series.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', field: 'from', limit: 'camps-size' });
    const first = ['2017-10-15', '2017-11-15', '2017-12-15'].find(
      (at) => storedRelations(dataset).filter((r) => inReading(r, graphReading(dayWindow(at)))).length > cap,
    );
    expect(series.errors?.[0].message).toContain(`${first} has more than ${cap} relations`);
    const fewer = await query(`{ alignmentSeries(from: "2017-10-15", to: "2018-01-15", kinds: [FIGHTS]) { at } }`);
    expect(fewer.errors).toBeUndefined();
    expect(fewer.data).toEqual({
      alignmentSeries: [{ at: '2017-10-15' }, { at: '2017-11-15' }, { at: '2017-12-15' }, { at: '2018-01-15' }],
    });
  });

  it('tells how many hops away each node of a neighbourhood is', async () => {
    const query = apiClient(await open(conflictDataset()));
    const res = await query<{ neighborhood: Sub }>(`{ neighborhood(actor: "daesh", hops: 3) { ${SUB} } }`);
    expect(res.errors).toBeUndefined();
    const sub = res.data!.neighborhood;
    const hops = Object.fromEntries(sub.nodesWithHops.map((n) => [n.actor.id, n.hops]));
    // daesh - rebels, cell (1) - gov, tr (2) - ru, ir (3)
    expect(hops).toEqual({ daesh: 0, rebels: 1, cell: 1, gov: 2, tr: 2, ru: 3, ir: 3 });
    expect(sub.nodesWithHops.map((n) => n.actor.id)).toEqual(sub.nodes.map((n) => n.id));
    expect(sub.nodeCount).toBe(7);
    expect(sub.edgeCount).toBe(sub.edges.length);
  });
}
