import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { startFailing, startServer, type ServerProcess } from '../support/server-process.js';
import { neo4jSettings } from '../support/neo4j.js';

const run = promisify(execFile);
const settings = neo4jSettings();
const TSX = `${ROOT}node_modules/.bin/tsx`;

const envFor = (uri: string) => ({
  STORE: 'neo4j',
  NEO4J_URI: uri,
  NEO4J_USER: settings!.user,
  NEO4J_PASSWORD: settings!.password,
  NEO4J_DATABASE: settings!.database,
});

async function post(server: ServerProcess, query: string) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string; extensions?: { code?: string } }[];
    },
  };
}

const ANALYST_QUERY = `{
  actor(id: "daesh") { name relations(kinds: [FIGHTS], window: { from: "2017-12-01", to: "2017-12-31" }) { from { id } to { id } since citations { title } } }
  alliances(window: { from: "2017-12-01", to: "2017-12-31" }, actor: "syrian-government") { id from { id } }
  snapshot(at: "2018-02-09") { nodes { id } edges { id } }
}`;

describe.skipIf(!settings)('npm run seed, then STORE=neo4j npm start', () => {
  let neo4jServer: ServerProcess;
  let memoryServer: ServerProcess;
  const seed = () =>
    run(TSX, ['scripts/seed.ts', '--reset'], { cwd: ROOT, env: { ...process.env, ...envFor(settings!.uri) } });

  beforeAll(async () => {
    await seed();
    [neo4jServer, memoryServer] = await Promise.all([
      startServer(envFor(settings!.uri)),
      startServer({ STORE: 'memory' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([neo4jServer?.stop(), memoryServer?.stop()]);
  });

  it('seeds idempotently: a second run changes nothing', async () => {
    const { stdout } = await run(TSX, ['scripts/seed.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...envFor(settings!.uri) },
    });
    const before = /before: (.*)/.exec(stdout)?.[1];
    const after = /after: +(.*)/.exec(stdout)?.[1];
    expect(before).toMatch(/^\d+ actors, \d+ relations/);
    expect(after).toBe(before);
  });

  it('answers the analyst questions exactly as the embedded store does', async () => {
    const [a, b] = await Promise.all([post(neo4jServer, ANALYST_QUERY), post(memoryServer, ANALYST_QUERY)]);
    expect(a.body.errors).toBeUndefined();
    expect(a).toEqual(b);
    expect(JSON.stringify(a.body.data)).toContain('"hts"');
  });

  it('refuses to start when Neo4j cannot be reached, after waiting for it, saying where and what to do', async () => {
    const { code, output } = await startFailing({
      STORE: 'neo4j',
      NEO4J_URI: 'bolt://127.0.0.1:1',
      NEO4J_STARTUP_WAIT_MS: '1500',
    });
    expect(code).toBe(1);
    expect(output).toContain('waiting for Neo4j at bolt://127.0.0.1:1 to accept connections');
    expect(output).toContain('up to 1.5 s');
    expect(output).toContain('Cannot reach Neo4j at bolt://127.0.0.1:1');
    expect(output).toContain('npm run neo4j');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
