import neo4j, { type Driver } from 'neo4j-driver';
import type { Dataset } from '../../dataset/dataset.js';
import { datasetParams, toNumber } from './mapping.js';
import { cypher, schemaStatements, WRITE_LOCK, type StatementName } from './statements.js';
import { refreshEvidence } from './apply-command.js';
import { Lookups, type Run } from './lookups.js';
import { touched } from '../../domain/commands.js';

/** Applies the constraints and indexes under `cypher/schema/`; each is `IF NOT EXISTS`. */
export async function applySchema(driver: Driver, database: string): Promise<void> {
  for (const statement of schemaStatements()) {
    await driver.executeQuery(statement, {}, { database, routing: neo4j.routing.WRITE });
  }
  await driver.executeQuery(cypher('await-indexes'), {}, { database, routing: neo4j.routing.WRITE });
}

/**
 * Loads a dataset with MERGE in one transaction, under the write lock: all of it or nothing, and
 * loading the same dataset twice changes nothing. With `reset`, the graph is cleared first in the same transaction.
 */
export async function seedDataset(
  driver: Driver,
  database: string,
  dataset: Dataset,
  options: { reset?: boolean } = {},
): Promise<void> {
  const params = datasetParams(dataset);
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  try {
    await session.executeWrite(async (tx) => {
      await tx.run(cypher('take-write-lock'), { name: WRITE_LOCK });
      if (options.reset) await tx.run(cypher('clear-graph'));
      await tx.run(cypher('merge-sources'), { sources: params.sources });
      await tx.run(cypher('merge-actors'), { actors: params.actors });
      await tx.run(cypher('merge-relations'), { relations: params.relations });
      await tx.run(cypher('merge-citations'), { citations: params.citations });
      const run: Run = async <R>(name: StatementName, values: Record<string, unknown>) =>
        (await tx.run(cypher(name), values)).records.map((record) => record.toObject() as R);
      await refreshEvidence(run, new Lookups(run), touched({ relationIds: dataset.relations.map((r) => r.id) }));
    });
  } finally {
    await session.close();
  }
}

export interface GraphCounts {
  actors: number;
  relations: number;
  citations: number;
  sources: number;
}

/** What the graph holds now. */
export async function graphCounts(driver: Driver, database: string): Promise<GraphCounts> {
  const { records } = await driver.executeQuery(cypher('graph-counts'), {}, { database, routing: neo4j.routing.READ });
  const row = records[0];
  return {
    actors: toNumber(row.get('actors')),
    relations: toNumber(row.get('relations')),
    citations: toNumber(row.get('citations')),
    sources: toNumber(row.get('sources')),
  };
}
