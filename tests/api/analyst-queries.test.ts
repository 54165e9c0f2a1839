import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { dateWindow } from '../../src/domain/dates.js';
import { graphReading, isActiveIn } from '../../src/domain/reading.js';
import { isTimeRespecting } from '../../src/domain/paths.js';
import type { Relation } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient } from '../support/api.js';

let query: ReturnType<typeof apiClient>;
beforeAll(async () => {
  query = apiClient(MemoryStore.fromDataset(await loadDatasetFile(join(ROOT, 'data', 'idlib.json'))));
});

type RelationJson = Omit<Relation, 'from' | 'to'> & { from: { id: string }; to: { id: string } };
type PathJson = { hops: number; actors: { id: string }[]; relations: RelationJson[] };
const RELATION = 'id kind from to since until precision summary places';
const relationFields = `relations { ${RELATION.replace('from to', 'from { id } to { id }')} }`;
const flat = (r: RelationJson): Relation => ({ ...r, from: r.from.id, to: r.to.id });

describe('analyst queries on the curated data', () => {
  it('finds a shortest path from Turkey to Daesh in February 2018, every relation active then', async () => {
    const window = { from: '2018-02-01', to: '2018-02-28' };
    const res = await query<{ shortestPath: PathJson }>(
      `{ shortestPath(from: "turkey", to: "daesh", window: { from: "${window.from}", to: "${window.to}" }) { hops actors { id } ${relationFields} } }`,
    );
    const path = res.data!.shortestPath;
    expect(path.actors[0].id).toBe('turkey');
    expect(path.actors.at(-1)!.id).toBe('daesh');
    expect(path.actors).toHaveLength(path.hops + 1);
    for (const r of path.relations) expect(isActiveIn(r, graphReading(dateWindow(window))), r.id).toBe(true);
  });

  it('finds time-respecting paths from Russia to Daesh, each in date order', async () => {
    // Two hops at most, so neither list reaches the `first: 50` cap and the two counts compare.
    const res = await query<{ paths: PathJson[] }>(
      `{ paths(from: "russia", to: "daesh", timeRespecting: true, maxHops: 2, first: 50) { hops actors { id } ${relationFields} } }`,
    );
    const paths = res.data!.paths;
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(isTimeRespecting(p.relations.map(flat))).toBe(true);
    const all = await query<{ paths: PathJson[] }>(
      `{ paths(from: "russia", to: "daesh", maxHops: 2, first: 50) { hops ${relationFields} } }`,
    );
    expect(all.data!.paths.length).toBeLessThan(50);
    expect(all.data!.paths.length).toBeGreaterThan(paths.length);
  });

  it('lists what changed between December 2017 and February 2018', async () => {
    const res = await query<{
      changes: { date: string; change: string; relation: { id: string; since: string; until: string | null } }[];
    }>('{ changes(from: "2017-12-01", to: "2018-02-28") { date change relation { id since until } } }');
    const changes = res.data!.changes;
    expect(changes.length).toBeGreaterThan(10);
    for (const c of changes) {
      expect(c.date >= '2017-12-01' && c.date <= '2018-02-28').toBe(true);
      expect(c.date).toBe(c.change === 'BEGAN' ? c.relation.since : c.relation.until);
    }
    expect(changes.map((c) => c.date)).toEqual([...changes.map((c) => c.date)].sort());
  });

  it('reports unbalanced triads on 2017-12-15 with the relations that make them', async () => {
    const res = await query<{
      balance: {
        triads: number;
        balanced: number;
        balancedShare: number;
        unbalanced: {
          pattern: string;
          pivot: { id: string } | null;
          actors: { id: string }[];
          relations: { from: { id: string }; to: { id: string } }[];
        }[];
      };
    }>(
      '{ balance(at: "2017-12-15") { triads balanced balancedShare unbalanced { pattern pivot { id } actors { id } relations { from { id } to { id } } } } }',
    );
    const report = res.data!.balance;
    expect(report.unbalanced.length).toBeGreaterThan(0);
    expect(report.balancedShare).toBeCloseTo(report.balanced / report.triads);
    for (const triad of report.unbalanced) {
      const ids = triad.actors.map((a) => a.id);
      expect(ids).toHaveLength(3);
      for (const r of triad.relations) expect(ids).toEqual(expect.arrayContaining([r.from.id, r.to.id]));
    }
  });
});

describe('path query limits', () => {
  it.each([
    [
      '{ paths(from: "russia", to: "daesh", maxHops: 7) { hops } }',
      'LIMIT_EXCEEDED',
      /maxHops must be between 1 and 6; got 7/,
    ],
    [
      '{ shortestPath(from: "russia", to: "daesh", maxHops: 0) { hops } }',
      'LIMIT_EXCEEDED',
      /maxHops must be between 1 and 6; got 0/,
    ],
    [
      '{ paths(from: "russia", to: "daesh", first: 51) { hops } }',
      'LIMIT_EXCEEDED',
      /first must be between 1 and 50; got 51/,
    ],
    ['{ paths(from: "russia", to: "russia") { hops } }', 'BAD_USER_INPUT', /from and to must be different actors/],
    ['{ shortestPath(from: "russia", to: "nobody") { hops } }', 'NOT_FOUND', /^Unknown actor id in to: "nobody"/],
    [
      '{ changes(from: "2018-01-01", to: "2017-01-01") { date } }',
      'BAD_USER_INPUT',
      /from \(2018-01-01\) is after to \(2017-01-01\)/,
    ],
    [
      '{ changes(from: "2017-01-01", to: "2018-01-01", actor: "nobody") { date } }',
      'NOT_FOUND',
      /Unknown actor id in actor/,
    ],
    ['{ balance(at: "2017-02-30") { triads } }', 'BAD_USER_INPUT', /Date must be a real calendar date/],
  ])('%s is a clear error', async (document, code, message) => {
    const res = await query(document);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.errors?.[0].message).toMatch(message);
  });
});
