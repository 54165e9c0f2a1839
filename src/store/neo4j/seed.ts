import neo4j, { type Driver } from 'neo4j-driver';
import type { Dataset } from '../../dataset/dataset.js';
import { datasetParams, evidenceParams, toNumber } from './mapping.js';
import { cypher, schemaStatements, WRITE_LOCK } from './statements.js';
import { derivedRelations } from '../../dataset/derived-relations.js';

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
      // What the citations vouch for, derived here from the dataset itself (the rule's one home):
      // one statement instead of reading back what was just written.
      await tx.run(cypher('set-relation-evidence'), { relations: derivedRelations(dataset).map(evidenceParams) });
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
