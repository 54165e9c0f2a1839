import { afterAll, describe, expect, it } from 'vitest';
import { createDriver, Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { neo4jOpener, neo4jSettings } from '../support/neo4j.js';
import { conflictDataset } from '../support/build.js';
import { expectEvidenceAgrees } from './evidence.contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('a Neo4j database written before evidence was kept', () => {
  const driver = createDriver(settings!);
  afterAll(() => driver.close());

  it('gets each relation its evidence, once, when the store connects', async () => {
    await neo4jOpener(driver, settings!)(conflictDataset());
    // As a database from before issue 14 holds them: relationships without the derived properties.
    await driver.executeQuery(
      `MATCH ()-[r]->() WHERE r.id IS NOT NULL
       REMOVE r.lastReported, r.evidenceSources, r.evidencePublishers, r.evidenceStated, r.evidenceClaimants,
              r.evidenceSelfReported, r.evidenceDisputed, r.evidenceReliability`,
      {},
      { database: settings!.database },
    );
    const store = await Neo4jStore.connect(settings!);
    try {
      expect(await store.backfillEvidence(), 'nothing left to derive after connecting').toBe(0);
      expect(await expectEvidenceAgrees(store)).toBe(conflictDataset().relations.length);
    } finally {
      await store.close();
    }
  }, 120_000);
});
