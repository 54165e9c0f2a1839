import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import { apiClient } from '../support/api.js';
import { neo4jSettings } from '../support/neo4j.js';

const settings = neo4jSettings();

const RELATION =
  'id kind from { id name } to { id } since until precision summary places citations { id title publisher published publishedApproximate source claimant claimantActor { id } }';
const ACTOR = 'id name kind aliases description';

/** Every query of the API, with arguments chosen to cover filters, windows, pages and errors. */
function queriesFor(dataset: Dataset): [string, string][] {
  const ids = dataset.actors.map((a) => a.id);
  const days = [
    '2011-03-01',
    '2014-06-30',
    '2017-05-04',
    '2017-10-15',
    '2017-12-08',
    '2017-12-15',
    '2018-02-09',
    '2019-08-20',
    '2025-01-01',
  ];
  const windows = [
    '{ from: "2017-12-01", to: "2017-12-31" }',
    '{ from: "2018-02-01", to: "2018-02-28" }',
    '{ to: "2016-12-31" }',
    '{ from: "2019-01-01" }',
    '{}',
  ];
  const q: [string, string][] = [];
  for (const id of ids) {
    q.push([
      `actor ${id}`,
      `{ actor(id: "${id}") { ${ACTOR} relations { ${RELATION} } out: relations(direction: OUTGOING, kinds: [SUPPORTS, MEMBER_OF, FIGHTS]) { id } in: relations(direction: INCOMING, window: { from: "2017-12-01", to: "2018-02-28" }) { id } } }`,
    ]);
    q.push([
      `neighborhood ${id}`,
      `{ n1: neighborhood(actor: "${id}") { nodes { id } edges { id } } n2: neighborhood(actor: "${id}", hops: 2, window: { from: "2017-12-01", to: "2017-12-31" }) { nodes { id } edges { id } } n3: neighborhood(actor: "${id}", hops: 3, kinds: [FIGHTS, SUPPORTS]) { nodes { id } edges { id } } }`,
    ]);
    q.push([
      `relations of ${id}`,
      `{ relations(actor: "${id}", first: 200) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } alliances(window: { from: "2017-10-01", to: "2019-12-31" }, actor: "${id}") { id } }`,
    ]);
  }
  for (let i = 0; i < ids.length; i += 3) {
    for (const other of ['syrian-government', 'daesh', 'hts', 'russia', 'turkey'])
      q.push([`timeline ${ids[i]} ${other}`, `{ timeline(a: "${ids[i]}", b: "${other}") { ${RELATION} } }`]);
  }
  for (const day of days)
    q.push([
      `snapshot ${day}`,
      `{ all: snapshot(at: "${day}") { nodes { ${ACTOR} } edges { id from { id } to { id } } } fights: snapshot(at: "${day}", kinds: [FIGHTS, NEGOTIATES]) { nodes { id } edges { id } } }`,
    ]);
  for (const w of windows) {
    q.push([
      `relations ${w}`,
      `{ relations(window: ${w}, first: 7) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } supports: relations(window: ${w}, kinds: [SUPPORTS], first: 200) { edges { node { id } } } alliances(window: ${w}) { id } }`,
    ]);
  }
  for (const search of [
    '',
    'isis',
    'ISLAMIC STATE',
    'nusra',
    'assad',
    'Ja’afari',
    'jaafari',
    'de mistura',
    'army',
    'türkiye',
    'z',
    'no such thing',
  ]) {
    q.push([
      `search ${search}`,
      `{ actors(search: ${JSON.stringify(search)}, first: 100) { edges { cursor node { ${ACTOR} } } pageInfo { hasNextPage endCursor } } states: actors(search: ${JSON.stringify(search)}, kinds: [STATE, PERSON], first: 3) { edges { node { id } } pageInfo { hasNextPage } } }`,
    ]);
  }
  q.push(['errors', '{ timeline(a: "nobody", b: "daesh") { id } }']);
  q.push(['unknown relation', '{ relation(id: "nothing") { id } actor(id: "nobody") { id } }']);
  return q;
}

describe.skipIf(!settings)('the embedded store and Neo4j give the same answers', () => {
  const driver = createDriver(settings!);
  let dataset: Dataset;
  let memory: ReturnType<typeof apiClient>;
  let neo4j: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    dataset = await loadDatasetFile(join(ROOT, 'data', 'idlib.json'));
    await applySchema(driver, settings!.database);
    await seedDataset(driver, settings!.database, dataset, { reset: true });
    memory = apiClient(MemoryStore.fromDataset(dataset));
    neo4j = apiClient(new Neo4jStore(driver, settings!));
  });
  afterAll(() => driver.close());

  it('on every query of the API over the curated dataset', async () => {
    const queries = queriesFor(dataset);
    expect(queries.length).toBeGreaterThan(150);
    let withData = 0;
    for (const [name, document] of queries) {
      const [a, b] = [await memory(document), await neo4j(document)];
      expect(b, name).toEqual(a);
      if (a.data && JSON.stringify(a.data).includes('"id"')) withData++;
    }
    // Most queries must actually return something, or agreeing would prove little.
    expect(withData).toBeGreaterThan(queries.length * 0.65);
    // Over 150 queries one after another on both stores: seconds on a quiet machine, much more on a loaded one.
  }, 300_000);
});
