import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { EXAMPLE_QUERY } from '../../src/graphql/example-query.js';
import { schema } from '../../src/graphql/index.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { apiClient } from '../support/api.js';

/** The five articles the dataset was curated from; they sit beside the repository, not in it. */
const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const haveSeeds = existsSync(SEEDS);
const noSeeds = `no seed articles at ${SEEDS}`;
if (!haveSeeds) console.warn(`\n*** SKIPPING the checks against the seed articles: ${noSeeds}.\n`);

let dataset: Dataset;
let query: ReturnType<typeof apiClient>;
beforeAll(async () => {
  dataset = await loadDatasetFile(join(ROOT, 'data', 'idlib.json'));
  query = apiClient(MemoryStore.fromDataset(dataset));
});

describe('the curated Idlib dataset', () => {
  it('is as large as promised and keeps the fixed ids', () => {
    expect(dataset.actors.length).toBeGreaterThanOrEqual(25);
    expect(dataset.relations.length).toBeGreaterThanOrEqual(45);
    const ids = new Set(dataset.actors.map((a) => a.id));
    for (const id of ['hts', 'daesh', 'syrian-government', 'russia', 'turkey', 'iran', 'fsa'])
      expect(ids, id).toContain(id);
  });

  it('cites at least one known source for every relation', () => {
    const sourceIds = new Set(dataset.sources.map((s) => s.id));
    for (const relation of dataset.relations) {
      const citations = dataset.citations.filter((c) => c.relationId === relation.id);
      expect(citations.length, relation.id).toBeGreaterThan(0);
      for (const c of citations) expect(sourceIds).toContain(c.sourceId);
    }
  });

  it('finds Daesh as "Islamic State" and HTS as "nusra"', async () => {
    const res = await query<{ a: { edges: { node: { id: string } }[] }; b: { edges: { node: { id: string } }[] } }>(
      '{ a: actors(search: "Islamic State") { edges { node { id } } } b: actors(search: "nusra") { edges { node { id } } } }',
    );
    expect(res.data?.a.edges.map((e) => e.node.id)).toContain('daesh');
    expect(res.data?.b.edges.map((e) => e.node.id)).toContain('hts');
  });

  it("shows Russia among the government's allies in December 2017", async () => {
    const res = await query<{ alliances: { from: { id: string }; to: { id: string } }[] }>(
      '{ alliances(window: { from: "2017-12-01", to: "2017-12-31" }, actor: "syrian-government") { from { id } to { id } } }',
    );
    expect(res.data?.alliances.some((r) => r.from.id === 'russia' && r.to.id === 'syrian-government')).toBe(true);
  });

  it('shows HTS among the enemies of Daesh in December 2017, each relation cited', async () => {
    const res = await query<{
      actor: { relations: { from: { id: string }; to: { id: string }; citations: unknown[] }[] };
    }>(
      '{ actor(id: "daesh") { relations(kinds: [FIGHTS], window: { from: "2017-12-01", to: "2017-12-31" }) { from { id } to { id } citations { title } } } }',
    );
    const relations = res.data!.actor.relations;
    expect(relations.map((r) => (r.from.id === 'daesh' ? r.to.id : r.from.id))).toContain('hts');
    expect(relations.every((r) => r.citations.length > 0)).toBe(true);
  });
});

describe('the curated Idlib dataset read by its last reports (issue 14)', () => {
  type Edge = { id: string; since: string; lastReported: string };
  const snapshot = async (openEnd: string) =>
    (
      await query<{ snapshot: { edges: Edge[] } }>(
        `{ snapshot(at: "2019-08-20", openEnd: ${openEnd}) { edges { id since lastReported } } }`,
      )
    ).data!.snapshot.edges;

  it('holds on 2019-08-20, read LAST_REPORTED, no relation last reported before that day', async () => {
    const lastReported = await snapshot('LAST_REPORTED');
    expect(lastReported.length).toBeGreaterThan(0);
    expect(lastReported.filter((e) => e.lastReported < '2019-08-20')).toEqual([]);
    // Read ONGOING the same day holds relations no source has vouched for since 2017-2018.
    const ongoing = await snapshot('ONGOING');
    expect(ongoing.filter((e) => e.lastReported < '2019-08-20').length).toBeGreaterThan(0);
    expect(ongoing.map((e) => e.id)).toEqual(expect.arrayContaining(lastReported.map((e) => e.id)));
  });

  it.each(['ONGOING', 'LAST_REPORTED'])(
    "shows, read %s, no end and restart of Russia's support of the government in January-March 2018",
    async (openEnd) => {
      const res = await query<{
        changes: { date: string; change: string; relation: { id: string; kind: string; to: { id: string } } }[];
        alliances: { id: string }[];
      }>(
        `{ changes(from: "2018-01-01", to: "2018-03-31", actor: "russia", openEnd: ${openEnd}) { date change relation { id kind to { id } } }
           alliances(window: { from: "2018-01-01", to: "2018-03-31" }, actor: "russia", openEnd: ${openEnd}) { id from { id } to { id } } }`,
      );
      const support = res.data!.changes.filter(
        (c) => c.relation.kind === 'SUPPORTS' && c.relation.to.id === 'syrian-government',
      );
      expect(support.filter((c) => c.change === 'ENDED' || c.change === 'BEGAN')).toEqual([]);
      // One support of the government all through the span, not two records split in it.
      expect(res.data!.alliances.map((r) => r.id)).toEqual(['russia-supports-syrian-government-air-hama-idlib-2017']);
    },
  );

  it("runs every operation of GraphiQL's example document without an error, each with an answer", async () => {
    const operations = parse(EXAMPLE_QUERY).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThanOrEqual(4);
    expect(validate(schema, parse(EXAMPLE_QUERY))).toEqual([]);
    for (const operation of operations) {
      const res = await query<Record<string, unknown>>(print(operation));
      expect(res.errors, operation.name?.value).toBeUndefined();
      expect(JSON.stringify(res.data), operation.name?.value).toMatch(/"id"|"name"/);
    }
  });
});

describe.skipIf(!haveSeeds)(
  `the curated Idlib dataset against its seed articles${haveSeeds ? '' : ` (skipped: ${noSeeds})`}`,
  () => {
    it('cites only the five seed articles, with their titles and dates', () => {
      const articles = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
      expect(articles).toHaveLength(5);
      expect(dataset.sources.map((s) => s.file).sort()).toEqual(articles.sort());
      const readme = readFileSync(join(SEEDS, 'README.md'), 'utf8');
      for (const source of dataset.sources) {
        const row = readme.split('\n').find((line) => line.includes(source.file));
        expect(row, source.file).toBeDefined();
        expect(row).toContain(source.title);
        expect(row).toContain(source.published);
      }
    });

    it('copies no sentence from the articles: no summary shares a run of eight words with one', () => {
      const words = (text: string) =>
        text
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s]/gu, ' ')
          .split(/\s+/)
          .filter(Boolean);
      const shingles = new Set<string>();
      for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
        const w = words(readFileSync(join(SEEDS, file), 'utf8'));
        for (let i = 0; i + 8 <= w.length; i++) shingles.add(w.slice(i, i + 8).join(' '));
      }
      const copied = [
        ...dataset.relations.map((r) => [r.id, r.summary]),
        ...dataset.actors.map((a) => [a.id, a.description ?? '']),
      ].filter(([, text]) => {
        const w = words(text);
        return w.some((_, i) => i + 8 <= w.length && shingles.has(w.slice(i, i + 8).join(' ')));
      });
      expect(copied).toEqual([]);
    });
  },
);
