import { afterAll, describe, expect, it } from 'vitest';
import { INPUT_LIMITS as L } from '../../src/domain/input-limits.js';
import { createDriver } from '../../src/store/neo4j/neo4j-store.js';
import { neo4jSettings } from '../support/neo4j.js';

const settings = neo4jSettings();

/**
 * Measures what Neo4j can index (a range index key, as the id uniqueness constraints use; a text
 * index value, as actor search uses) and checks that the limits table stays below both, so no
 * accepted write can reach "Property value is too large to index" (issue 13, finding 8).
 */
describe.skipIf(!settings)('the limits table against what Neo4j indexes', () => {
  const driver = createDriver(settings!);
  const run = (cypher: string, params: Record<string, unknown> = {}) =>
    driver.executeQuery(cypher, params, { database: settings!.database });
  afterAll(async () => {
    await run('DROP CONSTRAINT limits_probe_id IF EXISTS');
    await run('DROP INDEX limits_probe_text IF EXISTS');
    await driver.close();
  });

  /** The largest string of `unit` repeated that a property of `LimitsProbe` nodes takes, in UTF-8 bytes. */
  async function largest(property: 'id' | 'searchText', unit: string): Promise<number> {
    const fits = async (bytes: number) => {
      const value = unit.repeat(Math.floor(bytes / Buffer.byteLength(unit)));
      try {
        await run(`CREATE (p:LimitsProbe) SET p.${property} = $value DELETE p`, { value });
        return true;
      } catch (error) {
        expect((error as Error).message).toMatch(/too large to index/);
        return false;
      }
    };
    let [lo, hi] = [1, 1 << 17];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (await fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  it('keeps ids, citation ids and idempotency keys below the range index key size, and folded names below the text index size', async () => {
    await run('CREATE CONSTRAINT limits_probe_id IF NOT EXISTS FOR (p:LimitsProbe) REQUIRE p.id IS UNIQUE');
    await run('CREATE TEXT INDEX limits_probe_text IF NOT EXISTS FOR (p:LimitsProbe) ON (p.searchText)');
    await run('CALL db.awaitIndexes(60)');
    const rangeKey = await largest('id', 'a');
    const textValue = await largest('searchText', 'é');
    console.log(
      `[limits] Neo4j indexes range keys of up to ${rangeKey} bytes and text values of up to ${textValue} bytes`,
    );
    // Ids are ASCII slugs; a citation id is two of them and an "@"; a stored key has its mutation's name before it.
    const longestKey = Math.max(2 * L.idLength + 1, 'retractCitation:'.length + L.idempotencyKeyLength);
    expect(longestKey).toBeLessThan(rangeKey);
    expect(L.searchTextBytes).toBeLessThan(textValue);
  }, 120_000);
});
