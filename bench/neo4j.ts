/**
 * The Neo4j the benchmark runs against: NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD,
 * NEO4J_DATABASE) when set, otherwise a local server started for this run on a free port with a
 * throw-away data folder under the system temp folder, stopped (and its folder removed) at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { LOCAL_NEO4J_DATABASE, LOCAL_NEO4J_PASSWORD, LOCAL_NEO4J_USER, startLocalNeo4j } from '../local-neo4j/index.js';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/store/neo4j/neo4j-store.js';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** True when this run started the server (and may clear its graph freely). */
  local: boolean;
  /** How the server was configured, for the report. */
  note: string;
  /** The Java process, when this run started the server. */
  pid: number | null;
  stop(): Promise<void>;
}

export async function obtainNeo4j(log: (line: string) => void, pageCacheMb: number): Promise<Neo4jTarget> {
  if (process.env.NEO4J_URI) {
    const { uri, user, password, database } = loadConfig().neo4j;
    return {
      uri,
      user,
      password,
      database,
      local: false,
      note: 'external server (NEO4J_URI)',
      pid: null,
      stop: async () => undefined,
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'idlib-bench-neo4j-'));
  const started = Date.now();
  try {
    const server = await startLocalNeo4j({ port: 0, dataDir, pageCacheMb, log: (line) => log(`[neo4j] ${line}`) });
    log(`local Neo4j ready at ${server.uri} in ${Date.now() - started} ms (data in ${dataDir})`);
    return {
      uri: server.uri,
      user: LOCAL_NEO4J_USER,
      password: LOCAL_NEO4J_PASSWORD,
      database: LOCAL_NEO4J_DATABASE,
      local: true,
      note: `local server from local-neo4j/ (JVM -Xmx1g, page cache ${pageCacheMb} MiB)`,
      pid: server.pid,
      stop: async () => {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(
      `Could not start a local Neo4j for the benchmark: ${(error as Error).message}\n` +
        'Install a JDK 21+ and Maven (see README, "Neo4j, the production store"), or point NEO4J_URI at a server.',
    );
  }
}

export function connect(target: Neo4jTarget): Driver {
  return createDriver(target);
}

/** Neo4j's version and edition, as the server reports them. */
export async function serverVersion(driver: Driver, database: string): Promise<string> {
  const { records } = await driver.executeQuery(
    'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition',
    {},
    { database, routing: neo4j.routing.READ },
  );
  const row = records[0];
  return row ? `${row.get('name')} ${row.get('version')} ${row.get('edition')}` : 'unknown';
}
