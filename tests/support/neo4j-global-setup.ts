import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  findJava,
  LOCAL_NEO4J_DATABASE,
  LOCAL_NEO4J_PASSWORD,
  LOCAL_NEO4J_USER,
  startLocalNeo4j,
} from '../../local-neo4j/index.js';
import { loadConfig } from '../../src/config.js';

export interface Neo4jTarget {
  uri: string | null;
  user: string;
  password: string;
  database: string;
  /** Why there is no server, when `uri` is null. */
  reason: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jTarget;
  }
}

/**
 * Gives the Neo4j test files a server: NEO4J_URI when set, otherwise a local Neo4j started for
 * this run on a free port with its own throw-away data folder.
 */
export default async function setup(project: TestProject) {
  if (process.env.NEO4J_URI) {
    const { uri, user, password, database } = loadConfig().neo4j;
    project.provide('neo4j', { uri, user, password, database, reason: null });
    return;
  }
  const base = { user: LOCAL_NEO4J_USER, password: LOCAL_NEO4J_PASSWORD, database: LOCAL_NEO4J_DATABASE };
  const java = await findJava();
  if ('error' in java) {
    project.provide('neo4j', { ...base, uri: null, reason: java.error });
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'idlib-neo4j-test-'));
  const started = Date.now();
  let server;
  try {
    server = await startLocalNeo4j({ port: 0, dataDir, log: (line) => console.log(`[neo4j] ${line}`) });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    project.provide('neo4j', {
      ...base,
      uri: null,
      reason: `the local Neo4j did not start: ${(error as Error).message}`,
    });
    return;
  }
  console.log(`[neo4j] test server ready at ${server.uri} in ${Date.now() - started} ms`);
  project.provide('neo4j', { ...base, uri: server.uri, reason: null });
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
