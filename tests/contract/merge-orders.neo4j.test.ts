import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { ClientError } from '../../src/domain/errors.js';
import { factsOf } from '../../src/domain/evidence.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import type { GraphStore } from '../../src/store/port.js';
import { buildActor, buildCitation, buildDataset, buildRelation, buildSource } from '../support/build.js';
import { graphDigest } from '../support/graph-digest.js';
import { neo4jSettings } from '../support/neo4j.js';
import { invariantProblems, rawGraph } from '../support/write-invariants.js';

const settings = neo4jSettings();
const SEED = Number(process.env.FC_SEED ?? 20261127);
const RUNS = Number(process.env.FC_RUNS ?? 3);

/** A small graph: actors x0..x(n-1), relations between random pairs, each cited once, some claimed by an actor. */
const smallGraph = fc.integer({ min: 3, max: 5 }).chain((n) =>
  fc
    .record({
      n: fc.constant(n),
      relations: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), claimant: fc.option(fc.nat(n - 1)) }), {
        minLength: 2,
        maxLength: 7,
      }),
    })
    .map(({ n, relations }): Dataset => {
      const source = buildSource();
      const built = relations
        .filter((r) => r.from !== r.to)
        .map((r, i) => ({
          relation: buildRelation({ id: `r${i}`, from: `x${r.from}`, to: `x${r.to}` }),
          claimant: r.claimant,
        }));
      return buildDataset({
        sources: [source],
        actors: Array.from({ length: n }, (_, i) => buildActor({ id: `x${i}`, aliases: [`alias ${i}`] })),
        relations: built.map((b) => b.relation),
        citations: built.map(({ relation, claimant }) =>
          buildCitation(
            relation.id,
            source,
            claimant === null ? {} : { claimant: 'someone', claimantActorId: `x${claimant}` },
          ),
        ),
      });
    }),
);

/** `count` merges over the graph's actor ids; ids may repeat, be merged already, or name one actor twice. */
const mergesOver = (dataset: Dataset, count: number) =>
  fc.array(
    fc.record({
      survivorId: fc.constantFrom(...dataset.actors.map((a) => a.id)),
      mergedId: fc.constantFrom(...dataset.actors.map((a) => a.id)),
    }),
    { minLength: count, maxLength: count },
  );

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [item, ...p]),
  );
}

/** Applies the merges in order; each answers ok or the client error's code. */
async function mergeAll(store: GraphStore, merges: { survivorId: string; mergedId: string }[]) {
  const outcomes: string[] = [];
  for (const merge of merges) {
    try {
      await store.write({ op: 'mergeActors', ...merge });
      outcomes.push('ok');
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      outcomes.push(error.code);
    }
  }
  return outcomes;
}

describe.skipIf(!settings)(
  'merge chains and forks: every order of 3 and 4 merges, the same graph on both stores',
  () => {
    const driver = createDriver(settings!);
    const neo4j = new Neo4jStore(driver, settings!);
    afterAll(() => driver.close());

    it.each([3, 4])(
      `every order of %i merges on random small graphs (seed ${SEED}, ${RUNS} graphs)`,
      async (count) => {
        await applySchema(driver, settings!.database);
        let orders = 0;
        await fc.assert(
          fc.asyncProperty(
            smallGraph.chain((dataset) =>
              fc.record({ dataset: fc.constant(dataset), merges: mergesOver(dataset, count) }),
            ),
            async ({ dataset, merges }) => {
              const ids = dataset.actors.map((a) => a.id);
              for (const order of permutations(merges)) {
                orders++;
                const memory = MemoryStore.fromDataset(dataset);
                await seedDataset(driver, settings!.database, dataset, { reset: true });
                const outcomes = await mergeAll(memory, order);
                expect(await mergeAll(neo4j, order), JSON.stringify(order)).toEqual(outcomes);
                for (const store of [memory, neo4j])
                  expect(invariantProblems(await rawGraph(store, driver, settings!.database)), store.name).toEqual([]);
                expect(await graphDigest(neo4j)).toEqual(await graphDigest(memory));
                const resolved = (await memory.actorsByIds(ids)).map((a) => a!.id);
                expect((await neo4j.actorsByIds(ids)).map((a) => a?.id)).toEqual(resolved);
                // Nothing is lost: a relation is gone exactly when its two ends became one actor, and
                // otherwise it joins the actors its ends resolve to, with its citation and claimant.
                const live = new Map(ids.map((id, i) => [id, resolved[i]]));
                const expected = dataset.relations
                  .filter((r) => live.get(r.from) !== live.get(r.to))
                  .map((r) => ({ ...r, from: live.get(r.from)!, to: live.get(r.to)! }));
                const held = await memory.relationsByIds(dataset.relations.map((r) => r.id));
                expect(held.filter((r) => r !== null).map(factsOf)).toEqual(expected);
                const citations = (await memory.citationsOfRelations(expected.map((r) => r.id))).flat();
                expect(citations.map((c) => c.claimantActorId)).toEqual(
                  expected.map((r) => {
                    const original = dataset.citations.find((c) => c.relationId === r.id)!.claimantActorId;
                    return original === null ? null : live.get(original);
                  }),
                );
              }
            },
          ),
          { seed: SEED + count, numRuns: RUNS, endOnFailure: true },
        );
        console.log(`[merge orders] ${orders} orders of ${count} merges compared`);
      },
      300_000,
    );
  },
);
