import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import { apiClient } from '../support/api.js';
import { neo4jSettings } from '../support/neo4j.js';
import { randomDataset, randomDay } from '../support/random-graphs.js';

const settings = neo4jSettings();
const SEED = Number(process.env.FC_SEED ?? 20261127);
const RUNS = Number(process.env.FC_RUNS ?? 6);

/** Three requests, run one after another: a solve holds the event loop, and with it other reads in flight. */
const QUERIES = [
  `query ($at: Date!, $kinds: [RelationKind!], $openEnd: OpenEnd, $k: Int) {
    blocs(at: $at, k: $k, kinds: $kinds, openEnd: $openEnd) { at camps { id } frustration frustrated { id } optimal }
  }`,
  `query ($from: Date!, $to: Date!, $kinds: [RelationKind!], $openEnd: OpenEnd, $k: Int) {
    alignmentSeries(from: $from, to: $to, step: YEAR, k: $k, kinds: $kinds, openEnd: $openEnd) {
      at balance { triads balanced } blocs { camps { id } frustration frustrated { id } optimal }
      defections { actor { id } fromCamp toCamp relations { id } }
    }
  }`,
  `query ($from: Date!, $to: Date!, $actor: ID!, $kinds: [RelationKind!], $openEnd: OpenEnd, $directed: Boolean) {
    reachable(from: $actor, window: { from: $from, to: $to }, maxHops: 3, directed: $directed, kinds: $kinds, openEnd: $openEnd) {
      actor { id } at hops relations { id }
    }
  }`,
];

describe.skipIf(!settings)('differential: blocs, alignmentSeries and reachable agree on both stores', () => {
  const driver = createDriver(settings!);
  const neo4j = new Neo4jStore(driver, settings!);
  afterAll(() => driver.close());

  it(`on random dated signed graphs (seed ${SEED}, ${RUNS} graphs)`, async () => {
    await applySchema(driver, settings!.database);
    await fc.assert(
      fc.asyncProperty(
        randomDataset.chain((dataset) =>
          fc.record({
            dataset: fc.constant(dataset),
            days: fc.array(randomDay, { minLength: 3, maxLength: 3 }),
            actor: fc.nat(dataset.actors.length - 1),
            kinds: fc.option(fc.constantFrom(['FIGHTS', 'SUPPORTS', 'MEMBER_OF'], ['FIGHTS', 'NEGOTIATES'])),
            openEnd: fc.constantFrom('ONGOING', 'LAST_REPORTED'),
            k: fc.integer({ min: 2, max: 3 }),
            directed: fc.boolean(),
          }),
        ),
        async ({ dataset, days, actor, ...rest }) => {
          await seedDataset(driver, settings!.database, dataset, { reset: true });
          const [at, from, to] = [days[0], ...[days[1], days[2]].sort()];
          const variables = { at, from, to, actor: `x${actor}`, ...rest };
          const onMemory = apiClient(MemoryStore.fromDataset(dataset));
          const onNeo4j = apiClient(neo4j);
          for (const query of QUERIES) {
            const a = await onMemory(query, variables);
            const b = await onNeo4j(query, variables);
            expect(a.errors).toBeUndefined();
            expect(b, JSON.stringify(variables)).toEqual(a);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 180_000);
});
