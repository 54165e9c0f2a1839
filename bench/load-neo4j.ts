/**
 * Loads a benchmark dataset into Neo4j in batches. The project's `seedDataset` runs everything in
 * one transaction, which does not scale to 10^6 relations; this applies the project's schema
 * (`applySchema`), then runs the project's own statements (`cypher/merge-*.cypher`) with `UNWIND`
 * over batches of `batchSize` rows, one transaction per batch.
 *
 * A `(:BenchMeta)` node records which dataset the graph holds, so a later run on the same server
 * with the same size and seed can skip the load (`--reuse-neo4j`).
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Dataset } from '../src/dataset/dataset.js';
import { derivedRelations } from '../src/dataset/derived-relations.js';
import { datasetParams, evidenceParams, toNumber } from '../src/store/neo4j/mapping.js';
import { applySchema, graphCounts, type GraphCounts } from '../src/store/neo4j/seed.js';
import { cypher, type StatementName } from '../src/store/neo4j/statements.js';

export interface LoadReport {
  /** Wall time of the whole load (clear, schema, every batch, index wait), in ms. */
  totalMs: number;
  phases: Record<string, { rows: number; batches: number; ms: number }>;
  counts: GraphCounts;
  /** True when the graph already held this dataset and nothing was loaded. */
  reused: boolean;
}

export interface LoadOptions {
  batchSize: number;
  /** Identifies the dataset (size, seed, generator version). */
  fingerprint: string;
  /** Whether to skip the load when the graph already holds this fingerprint. */
  reuse: boolean;
  /** Whether a graph holding other data may be cleared. */
  mayClear: boolean;
  log: (line: string) => void;
}

/**
 * What a loaded graph holds beyond the dataset, recorded with its fingerprint so that
 * `--reuse-neo4j` never reuses a graph loaded by an older loader. 2: relations carry the evidence
 * properties every read tests (a relationship without them is read as unsourced, and reads none).
 */
const LOAD_FORMAT = 2;

export async function loadNeo4j(
  driver: Driver,
  database: string,
  dataset: Dataset,
  options: LoadOptions,
): Promise<LoadReport> {
  const write = (query: string, params: Record<string, unknown> = {}) =>
    driver.executeQuery(query, params, { database, routing: neo4j.routing.WRITE });
  const started = Date.now();
  const fingerprint = `${options.fingerprint}:load${LOAD_FORMAT}`;

  const before = await graphCounts(driver, database);
  const meta = await write('OPTIONAL MATCH (m:BenchMeta {key: "dataset"}) RETURN m.fingerprint AS fingerprint');
  const heldFingerprint = meta.records[0]?.get('fingerprint') as string | null;
  const expected = {
    actors: dataset.actors.length,
    relations: dataset.relations.length,
    citations: dataset.citations.length,
    sources: dataset.sources.length,
  };
  const sameCounts = Object.entries(expected).every(([k, v]) => before[k as keyof GraphCounts] === v);
  if (options.reuse && heldFingerprint === fingerprint && sameCounts) {
    options.log(`Neo4j already holds dataset ${fingerprint}: not reloading (--reuse-neo4j)`);
    await write('CALL db.clearQueryCaches()');
    return { totalMs: 0, phases: {}, counts: before, reused: true };
  }

  const empty = before.actors + before.relations + before.citations + before.sources === 0;
  if (!empty && heldFingerprint === null && !options.mayClear) {
    throw new Error(
      `The Neo4j graph is not empty (${before.actors} actors, ${before.relations} relations) and was not loaded by the benchmark. ` +
        'The benchmark clears the graph before loading: pass --clear-neo4j to allow it, or unset NEO4J_URI to use a throw-away local server.',
    );
  }

  const phases: LoadReport['phases'] = {};
  const timed = async (phase: string, rows: number, batches: number, work: () => Promise<void>) => {
    const t = Date.now();
    await work();
    phases[phase] = { rows, batches, ms: Date.now() - t };
    options.log(`  ${phase}: ${rows} rows in ${batches} batch(es), ${phases[phase].ms} ms`);
  };

  if (!empty) {
    await timed('clear', before.actors + before.relations + before.citations + before.sources, 0, async () => {
      // In slices, so no transaction holds much of the graph; citations before sources, so no
      // slice deletes a source with its thousands of FROM_SOURCE relationships at once.
      await repeatUntilNone(write, 'MATCH (:Actor)-[r]->(:Actor) WITH r LIMIT 10000 DELETE r RETURN count(*) AS n');
      for (const label of ['Citation', 'Actor', 'Source', 'BenchMeta']) {
        await repeatUntilNone(write, `MATCH (n:${label}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n`);
      }
    });
  }

  await timed('schema', 0, 0, () => applySchema(driver, database));

  const params = datasetParams(dataset);
  const batched = async (phase: string, statement: StatementName, key: string, rows: unknown[]) => {
    const batches = Math.ceil(rows.length / options.batchSize);
    await timed(phase, rows.length, batches, async () => {
      for (let i = 0; i < rows.length; i += options.batchSize) {
        await write(cypher(statement), { [key]: rows.slice(i, i + options.batchSize) });
      }
    });
  };
  await batched('sources', 'merge-sources', 'sources', params.sources);
  await batched('actors', 'merge-actors', 'actors', params.actors);
  await batched('relations', 'merge-relations', 'relations', params.relations);
  await batched('citations', 'merge-citations', 'citations', params.citations);
  // What the citations vouch for, derived from the dataset as `seedDataset` does: every read tests it.
  await batched('evidence', 'set-relation-evidence', 'relations', derivedRelations(dataset).map(evidenceParams));
  await timed('await indexes', 0, 0, async () => {
    await write(cypher('await-indexes'));
  });
  // Indexes created on an empty graph keep their empty-graph statistics until a background
  // resample, and plans made meanwhile stay cached: on a fresh 10^5 graph citations-of-relations
  // scanned the whole Citation(relationId) index (NodeIndexScan) instead of seeking it, 7x slower.
  // Resample, then drop cached plans, so every target is measured on steady-state plans.
  await timed('index statistics', 0, 0, async () => {
    await write('CALL db.resampleOutdatedIndexes()');
    await write(cypher('await-indexes'));
    await write('CALL db.clearQueryCaches()');
  });

  await write('MERGE (m:BenchMeta {key: "dataset"}) SET m.fingerprint = $fingerprint', { fingerprint });
  const counts = await graphCounts(driver, database);
  const wrong = Object.entries(expected).filter(([k, v]) => counts[k as keyof GraphCounts] !== v);
  if (wrong.length) {
    throw new Error(
      `Neo4j load incomplete: expected ${JSON.stringify(expected)}, the graph holds ${JSON.stringify(counts)}`,
    );
  }
  return { totalMs: Date.now() - started, phases, counts, reused: false };
}

async function repeatUntilNone(
  write: (query: string) => Promise<{ records: { get(key: string): unknown }[] }>,
  query: string,
): Promise<void> {
  for (;;) {
    const { records } = await write(query);
    const n = records[0] ? toNumber(records[0].get('n')) : 0;
    if (n === 0) return;
  }
}
