import { inject } from 'vitest';
import type { Neo4jSettings } from '../../src/store/neo4j/neo4j-store.js';

/**
 * The Neo4j settings for this test run, or null when there is no server. A missing server is
 * said loudly, and fails the run when NEO4J_REQUIRED=1 (as in CI).
 */
export function neo4jSettings(): Neo4jSettings | null {
  const target = inject('neo4j');
  if (target.uri) {
    return { uri: target.uri, user: target.user, password: target.password, database: target.database, txTimeoutMs: 10_000 };
  }
  const message = `Neo4j tests cannot run: ${target.reason}`;
  if (process.env.NEO4J_REQUIRED === '1') throw new Error(`${message} (NEO4J_REQUIRED=1)`);
  console.warn(`\n*** SKIPPING the Neo4j tests in this file. ${message}\n*** Set NEO4J_URI, or install Java 21+ so \`npm test\` can start a local Neo4j.\n`);
  return null;
}
