import neo4j, { type SessionConfig } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphReading } from '../../src/domain/reading.js';
import { dateWindow } from '../../src/domain/dates.js';
import { createDriver } from '../../src/store/neo4j/neo4j-store.js';
import { conflictDataset } from '../support/build.js';
import { neo4jOpener, neo4jSettings } from '../support/neo4j.js';
import { evidenceContract } from './evidence.contract.js';
import { graphStoreContract } from './graph-store.contract.js';

// The whole store contract through `neo4j://` (the routing driver a Neo4j cluster or Aura needs),
// against the local server, which routes to itself: the routing table is fetched and used, reads
// are sent as reads and writes as writes.

const settings = neo4jSettings();
const routed = settings && { ...settings, uri: settings.uri.replace(/^bolt:/, 'neo4j:') };

describe.skipIf(!routed)('Neo4jStore through neo4j:// routing', () => {
  const driver = createDriver(routed!);
  /** The access mode of every session the store opens, in order. */
  const modes: (string | undefined)[] = [];
  const open = driver.session.bind(driver);
  driver.session = (config?: SessionConfig) => {
    modes.push(config?.defaultAccessMode);
    return open(config);
  };
  const opener = neo4jOpener(driver, routed!);
  beforeAll(() => opener(conflictDataset()), 120_000);
  afterAll(() => driver.close());

  it('uses a routing driver that fetched its routing table from the server', async () => {
    expect(routed!.uri).toMatch(/^neo4j:\/\//);
    await driver.verifyConnectivity({ database: routed!.database });
    expect(await driver.supportsMultiDb()).toBe(true);
  });

  it('sends reads as reads and writes as writes', async () => {
    const store = await opener(conflictDataset());
    modes.length = 0;
    await store.actorsByIds(['hts']);
    await store.activeRelations(graphReading(dateWindow({ from: '2018-01-01', to: '2018-12-31' })), null, null);
    expect(modes).toEqual([neo4j.session.READ, neo4j.session.READ]);
    modes.length = 0;
    await store.write({
      op: 'createActor',
      actor: { id: 'routed-writer', name: 'Routed', kind: 'ARMED_GROUP', aliases: [], description: null },
    });
    expect(modes).toEqual([neo4j.session.WRITE]);
    // Read-your-writes: the next read carries the write's bookmark.
    expect((await store.actorsByIds(['routed-writer']))[0]?.id).toBe('routed-writer');
  });

  graphStoreContract(it, opener);
  evidenceContract(it, opener);
});
