import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient } from '../support/api.js';

interface BlocsAnswer {
  camps: { id: string }[][];
  frustration: number;
  frustrated: { id: string; kind: string; from: { id: string }; to: { id: string } }[];
  optimal: boolean;
}

const BLOCS = `query ($at: Date!, $kinds: [RelationKind!]) {
  blocs(at: $at, kinds: $kinds) { camps { id } frustration frustrated { id kind from { id } to { id } } optimal }
  relations: snapshot(at: $at) { edges { id kind from { id } to { id } } }
}`;

let query: ReturnType<typeof apiClient>;
beforeAll(async () => {
  query = apiClient(MemoryStore.fromDataset(await loadDatasetFile(join(ROOT, 'data', 'idlib.json'))));
});

/** Checks the whole answer: camps partition the day's actors, and `frustrated` is exactly what breaks the split. */
function checkWhole(blocs: BlocsAnswer, active: BlocsAnswer['frustrated'], kinds: string[] | null) {
  const read = active.filter((r) => !kinds || kinds.includes(r.kind));
  const campOf = new Map(blocs.camps.flatMap((camp, c) => camp.map((a) => [a.id, c] as const)));
  expect([...campOf.keys()].sort()).toEqual([...new Set(read.flatMap((r) => [r.from.id, r.to.id]))].sort());
  const breaks = read.filter((r) =>
    r.kind === 'FIGHTS' ? campOf.get(r.from.id) === campOf.get(r.to.id) : campOf.get(r.from.id) !== campOf.get(r.to.id),
  );
  expect(blocs.frustrated.map((r) => r.id).sort()).toEqual(breaks.map((r) => r.id).sort());
  expect(blocs.frustration).toBe(blocs.frustrated.length);
  return campOf;
}

describe('camps on the curated data', () => {
  it('on 2017-12-15, reading alliances (no talks), puts Russia with the government and the government apart from the armed opposition, proved optimal', async () => {
    const kinds = ['FIGHTS', 'SUPPORTS', 'MEMBER_OF'];
    const res = await query<{ blocs: BlocsAnswer; relations: { edges: BlocsAnswer['frustrated'] } }>(BLOCS, {
      at: '2017-12-15',
      kinds,
    });
    expect(res.errors).toBeUndefined();
    const { blocs } = res.data!;
    const campOf = checkWhole(blocs, res.data!.relations.edges, kinds);
    expect(blocs.optimal).toBe(true);
    expect(campOf.get('russia')).toBe(campOf.get('syrian-government'));
    for (const rebel of ['hts', 'fsa', 'syrian-rebels'])
      expect(campOf.get(rebel)).not.toBe(campOf.get('syrian-government'));
  });

  it('with the default kinds (talks count as friendly) moves Turkey into the government camp', async () => {
    const res = await query<{ blocs: BlocsAnswer; relations: { edges: BlocsAnswer['frustrated'] } }>(BLOCS, {
      at: '2017-12-15',
    });
    const campOf = checkWhole(res.data!.blocs, res.data!.relations.edges, null);
    expect(res.data!.blocs.optimal).toBe(true);
    expect(campOf.get('turkey')).toBe(campOf.get('syrian-government'));
  });

  it('samples the series monthly from 2017-10-01 to 2019-08-31 and lists who changed camp', async () => {
    const res = await query<{
      alignmentSeries: {
        at: string;
        blocs: { optimal: boolean };
        defections: { actor: { id: string }; relations: { id: string }[] }[];
      }[];
    }>(
      `{ alignmentSeries(from: "2017-10-01", to: "2019-08-31", kinds: [FIGHTS, SUPPORTS, MEMBER_OF]) {
           at balance { triads } blocs { optimal } defections { actor { id } fromCamp toCamp relations { id } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const series = res.data!.alignmentSeries;
    expect(series).toHaveLength(23);
    expect(series[0].at).toBe('2017-10-01');
    expect(series.at(-1)!.at).toBe('2019-08-01');
    expect(series.every((s) => s.blocs.optimal)).toBe(true);
    const moved = series.flatMap((s) => s.defections.map((d) => `${s.at} ${d.actor.id}`));
    // Jaish al-Izza joins the opposition in January 2018 (its FSA membership, dated on or before
    // 2017-12-18), but before that nothing tied it to either side: joining is not a defection.
    expect(moved).not.toContain('2018-01-01 jaish-al-izza');
    expect(moved).toEqual([]);
  });

  it('reaches actors along time-respecting walks only', async () => {
    const res = await query<{
      reachable: { actor: { id: string }; at: string; hops: number; relations: { since: string }[] }[];
    }>(
      `{ reachable(from: "russia", window: { from: "2017-01-01", to: "2018-12-31" }) { actor { id } at hops relations { since } } }`,
    );
    expect(res.errors).toBeUndefined();
    const reach = res.data!.reachable;
    expect(reach.find((r) => r.actor.id === 'syrian-government')).toMatchObject({ at: '2017-01-01', hops: 2 });
    for (const r of reach) {
      expect(r.relations).toHaveLength(r.hops);
      expect(r.relations.map((x) => x.since)).toEqual(r.relations.map((x) => x.since).sort());
    }
  });

  it('refuses bad arguments with a code naming the argument', async () => {
    const cases: [string, string, string][] = [
      ['{ reachable(from: "rusia", window: {}) { at } }', 'NOT_FOUND', 'from'],
      ['{ reachable(from: "russia", window: {}, maxHops: 9) { at } }', 'LIMIT_EXCEEDED', 'maxHops'],
      [
        '{ reachable(from: "russia", window: { from: "2018-01-01", to: "2017-01-01" }) { at } }',
        'BAD_USER_INPUT',
        'window',
      ],
      ['{ blocs(at: "2017-12-15", k: 1) { at } }', 'BAD_USER_INPUT', 'k'],
      ['{ blocs(at: "2017-12-15", k: 5) { at } }', 'BAD_USER_INPUT', 'k'],
      ['{ alignmentSeries(from: "2018-01-01", to: "2017-01-01") { at } }', 'BAD_USER_INPUT', 'to'],
      ['{ alignmentSeries(from: "2010-01-01", to: "2017-01-01") { at } }', 'LIMIT_EXCEEDED', 'to'],
      [
        '{ alignmentSeries(from: "2017-01-01", to: "2017-02-01", evidence: { minSources: -1 }) { at } }',
        'BAD_USER_INPUT',
        'evidence.minSources',
      ],
    ];
    for (const [doc, code, field] of cases) {
      const res = await query(doc);
      expect(res.errors?.[0]?.extensions, doc).toMatchObject({ code, field });
    }
  });
});
