import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { findJava, LOCAL_NEO4J_PASSWORD, LOCAL_NEO4J_USER, startLocalNeo4j } from '../../local-neo4j/index.js';
import { ROOT } from '../../src/config.js';

/**
 * Issue 18: a client that connects the moment the local Neo4j's port opens (as a script or a
 * container health check that waits for the port does) must never see an authentication failure;
 * `npm run seed` and the server, started before Neo4j, wait for it.
 *
 * Twenty connections, made at the first accepted TCP connection: five at once on each of four
 * starts (two of a fresh data folder, where the password has never been set, and two restarts of
 * one already used). Twenty separate starts would take minutes on a 2-core machine; what the race
 * needs is a connection inside the window between the port opening and the launcher's ready line,
 * and every start is checked to have had one there.
 */
const STARTS = ['fresh', 'fresh', 'restart', 'restart'] as const;
const CONNECTIONS_PER_START = 5;
const NON_AUTH_RETRY_MS = 60_000;
const START_TIMEOUT_MS = 150_000;

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'idlib-neo4j-start-'));
  dirs.push(dir);
  return dir;
}

/** True when there is no JDK (said loudly; an error when NEO4J_REQUIRED=1, as in CI). */
async function noJava(): Promise<boolean> {
  const java = await findJava();
  if (!('error' in java)) return false;
  if (process.env.NEO4J_REQUIRED === '1') throw new Error(`${java.error} (NEO4J_REQUIRED=1)`);
  console.warn(`\n*** SKIPPING the local Neo4j start test: ${java.error}\n`);
  return true;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface Attempt {
  ok: boolean;
  /** Errors seen on the way, in order (a connection refused while Bolt starts is retried). */
  errors: string[];
}

/** One fresh driver (one new connection) that authenticates; retries only errors that are not about auth. */
async function authenticate(uri: string): Promise<Attempt> {
  const errors: string[] = [];
  const deadline = Date.now() + NON_AUTH_RETRY_MS;
  for (;;) {
    const driver = neo4j.driver(uri, neo4j.auth.basic(LOCAL_NEO4J_USER, LOCAL_NEO4J_PASSWORD), {
      connectionTimeout: 10_000,
      maxConnectionPoolSize: 1,
    });
    try {
      await driver.verifyConnectivity();
      return { ok: true, errors };
    } catch (error) {
      const code = (error as { code?: string }).code ?? String(error);
      errors.push(`${code}: ${(error as Error).message}`);
      if (code.startsWith('Neo.ClientError.Security.') || Date.now() > deadline) return { ok: false, errors };
    } finally {
      await driver.close();
    }
  }
}

interface StartResult {
  kind: (typeof STARTS)[number];
  /** The first accept came before the launcher said it was ready. */
  openedBeforeReady: boolean;
  attempts: Attempt[];
}

async function startAndConnectAtOnce(dir: string, kind: (typeof STARTS)[number]): Promise<StartResult> {
  const port = await freePort();
  let ready = false;
  const starting = startLocalNeo4j({ port, dataDir: dir, log: () => {} }).then((server) => {
    ready = true;
    return server;
  });
  const failed = starting.then(
    () => false,
    () => true,
  );
  try {
    while (!(await accepts(port))) {
      // A start that failed says why.
      if (await Promise.race([failed, new Promise<false>((r) => setTimeout(() => r(false), 2))])) await starting;
    }
    const openedBeforeReady = !ready;
    const uri = `bolt://127.0.0.1:${port}`;
    const attempts = await Promise.all(Array.from({ length: CONNECTIONS_PER_START }, () => authenticate(uri)));
    return { kind, openedBeforeReady, attempts };
  } finally {
    await (await starting).stop();
  }
}

/** A Node process of ours (tsx as a loader) whose output is collected. */
function runTsx(file: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  /** Resolves once the output matches; rejects if the process exits first. */
  const saw = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => pattern.test(output) && resolve();
      waiters.push(check);
      check();
      void exited.then((code) =>
        pattern.test(output) ? resolve() : reject(new Error(`${file} exited (${code}) before ${pattern}:\n${output}`)),
      );
    });
  return { output: () => output, exited, saw, kill: () => child.kill('SIGTERM') };
}

describe('local Neo4j: ready when it listens', () => {
  it(
    `authenticates ${STARTS.length * CONNECTIONS_PER_START} connections made the moment the port opens`,
    async () => {
      if (await noJava()) return;
      const results: StartResult[] = [];
      let dir = '';
      for (const kind of STARTS) {
        if (kind === 'fresh' || !dir) dir = await dataDir();
        results.push(await startAndConnectAtOnce(dir, kind));
      }
      const failures = results.flatMap((r, i) =>
        r.attempts.filter((a) => !a.ok).map((a) => `start ${i + 1} (${r.kind}): ${a.errors.at(-1)}`),
      );
      const authErrors = results.flatMap((r) =>
        r.attempts.flatMap((a) => a.errors.filter((e) => e.startsWith('Neo.ClientError.Security.'))),
      );
      expect(failures).toEqual([]);
      expect(authErrors).toEqual([]);
      expect(results.map((r) => r.openedBeforeReady)).toEqual(STARTS.map(() => true));
      expect(results.flatMap((r) => r.attempts).filter((a) => a.ok)).toHaveLength(
        STARTS.length * CONNECTIONS_PER_START,
      );
    },
    STARTS.length * START_TIMEOUT_MS,
  );

  it(
    'npm run seed and the server, started before Neo4j, wait for it and then work',
    async () => {
      if (await noJava()) return;
      const port = await freePort();
      const env = {
        STORE: 'neo4j',
        NEO4J_URI: `bolt://127.0.0.1:${port}`,
        NEO4J_USER: LOCAL_NEO4J_USER,
        NEO4J_PASSWORD: LOCAL_NEO4J_PASSWORD,
        NEO4J_STARTUP_WAIT_MS: String(START_TIMEOUT_MS),
        PORT: '0',
        HOST: '127.0.0.1',
      };
      const seed = runTsx('scripts/seed.ts', ['--reset'], env);
      const server = runTsx('src/main.ts', [], env);
      let db;
      try {
        // Both are waiting before Neo4j starts, so this does not depend on who is faster.
        const waiting = new RegExp(`waiting for Neo4j at bolt://127\\.0\\.0\\.1:${port} to accept connections`);
        await Promise.all([seed.saw(waiting), server.saw(waiting)]);
        db = await startLocalNeo4j({ port, dataDir: await dataDir(), log: () => {} });
        expect(await seed.exited, seed.output()).toBe(0);
        expect(seed.output()).toMatch(/after: +\d+ actors, \d+ relations/);
        await server.saw(/GraphiQL at http:\/\/[^/]+\/graphql/);
        const url = /GraphiQL at (http:\/\/[^/]+)\/graphql/.exec(server.output())![1];
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ actor(id: "hts") { id } }' }),
        });
        expect(await res.json()).toEqual({ data: { actor: { id: 'hts' } } });
        expect(server.output()).toMatch(/Neo4j at bolt:\/\/127\.0\.0\.1:\d+ answered after/);
      } finally {
        seed.kill();
        server.kill();
        await Promise.all([seed.exited, server.exited]);
        await db?.stop();
      }
    },
    2 * START_TIMEOUT_MS,
  );
});
