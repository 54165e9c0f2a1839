import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp, type AppConfig } from '../../src/app.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { GraphStore } from '../../src/store/port.js';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import { EVERYTHING } from '../../src/domain/reading.js';
import { conflictDataset } from '../support/build.js';

const TOKEN = 'app-checks-token-0123';
const firstRelation = { kinds: null, reading: EVERYTHING, actorId: null, after: null, limit: 1 };

/** A pino logger writing into an array, one parsed object per line. */
function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
  return { log: pino({ level: 'info' }, sink), lines };
}

/** A store with one method replaced, the rest as they are. */
function storeWith(store: GraphStore, overrides: Partial<GraphStore>): GraphStore {
  return new Proxy(store, {
    get: (target, property, receiver) =>
      property in overrides ? overrides[property as keyof GraphStore] : Reflect.get(target, property, receiver),
  });
}

const app = (store: GraphStore, config: Partial<AppConfig> = {}, log?: pino.Logger) =>
  createApp(store, { env: 'production', corsOrigins: null, ...config }, log);

const post = (a: ReturnType<typeof createApp>, query: string, headers: Record<string, string> = {}) =>
  a.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

describe('unexpected errors', () => {
  it('are logged once with the request id and the stack, and never sent to the client', async () => {
    const base = MemoryStore.fromDataset(conflictDataset());
    // One failure shared by every actor of a batch, as a DataLoader shares it.
    const broken = storeWith(base, {
      relationsOfActors: async () => {
        const nothing = null as unknown as { kinds: string[] };
        return nothing.kinds.map(() => []);
      },
    });
    const { log, lines } = memoryLog();
    const res = await post(
      app(broken, {}, log),
      'query Broken { a: actor(id: "gov") { relations { id } } b: actor(id: "ir") { relations { id } } }',
      { 'x-request-id': 'req-broken-1' },
    );
    const body = (await res.json()) as { errors: { message: string; extensions?: unknown }[] };
    expect(body.errors.length).toBeGreaterThanOrEqual(2);
    expect(new Set(body.errors.map((e) => e.message))).toEqual(new Set(['Unexpected error.']));
    expect(JSON.stringify(body)).not.toMatch(/TypeError|kinds|\n\s+at |\.ts:\d+/);

    await new Promise((resolve) => setImmediate(resolve));
    const failures = lines.filter((line) => line.level === 50);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ msg: 'unexpected error', reqId: 'req-broken-1', operation: 'Broken' });
    const err = failures[0].err as { type: string; message: string; stack: string };
    expect(err.type).toBe('TypeError');
    expect(err.stack).toMatch(/truthful-app\.test\.ts:\d+/);
    // The request's own line still follows, with the same id.
    expect(lines.filter((l) => l.msg === 'request').map((l) => l.reqId)).toEqual(['req-broken-1']);
  });

  it('a store failure is logged once per request at warn level, with its cause and the request id', async () => {
    const down = storeWith(MemoryStore.fromDataset(conflictDataset()), {
      actorsByIds: () =>
        Promise.reject(new StoreUnavailableError('Neo4j is unavailable: Connection acquisition timed out')),
    });
    const { log, lines } = memoryLog();
    await post(app(down, {}, log), '{ a: actor(id: "gov") { id } b: actor(id: "ir") { id } }', {
      'x-request-id': 'r-2',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.filter((line) => (line.level as number) >= 40)).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'store failure',
        reqId: 'r-2',
        cause: expect.stringMatching(/acquisition/),
      }),
    ]);
  });

  // Issue 18's soak: a Neo4j row with a null `kind` answered "Cannot return null for non-nullable
  // field Relation.kind." with no code, compiled (graphql-jit) as it is by default.
  it.each([true, false])(
    'a store answer the schema forbids is one too, never an error without a code (jit %s)',
    async (jit) => {
      const base = MemoryStore.fromDataset(conflictDataset());
      const malformed = storeWith(base, {
        relationsByIds: async (ids) =>
          (await base.relationsByIds(ids)).map((r) => (r ? { ...r, kind: null as unknown as typeof r.kind } : r)),
      });
      const { log, lines } = memoryLog();
      const [id] = (await base.listRelations(firstRelation)).items.map((r) => r.id);
      const res = await post(app(malformed, { jit }, log), `query Malformed { relation(id: "${id}") { id kind } }`);
      const body = (await res.json()) as { errors: { message: string; extensions?: { code?: string } }[] };
      expect(body.errors.map((e) => [e.message, e.extensions?.code])).toEqual([
        ['Unexpected error.', 'INTERNAL_SERVER_ERROR'],
      ]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(lines.filter((line) => line.level === 50)).toEqual([
        expect.objectContaining({ msg: 'unexpected error', path: 'relation.kind', operation: 'Malformed' }),
      ]);
    },
  );

  it('are not client errors: a NOT_FOUND or a bad date is answered, not logged as a failure', async () => {
    const { log, lines } = memoryLog();
    const a = app(MemoryStore.fromDataset(conflictDataset()), {}, log);
    await post(a, '{ neighborhood(actor: "nobody") { nodes { id } } }');
    await post(a, '{ snapshot(at: "2017-02-30") { edges { id } } }');
    await post(a, '{ actors(first: 1000) { edges { cursor } } }');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.filter((line) => line.level === 50)).toEqual([]);
  });
});

describe('/ready', () => {
  it('answers 503 within its own timeout while the store hangs', async () => {
    const hanging = storeWith(MemoryStore.fromDataset(conflictDataset()), { ping: () => new Promise(() => {}) });
    const started = Date.now();
    const res = await app(hanging, { readyTimeoutMs: 300 }).fetch('http://test/ready');
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('CORS', () => {
  const store = MemoryStore.fromDataset(conflictDataset());
  const allowOrigin = async (a: ReturnType<typeof createApp>, origin: string, method = 'OPTIONS') =>
    (
      await a.fetch('http://test/graphql', {
        method,
        headers: { origin, 'access-control-request-method': 'POST', 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ query: '{ __typename }' }) } : {}),
      })
    ).headers.get('access-control-allow-origin');

  it('never allows Origin: null, whatever the settings', async () => {
    for (const config of [
      { env: 'development' as const, corsOrigins: null },
      { env: 'production' as const, corsOrigins: null },
      { env: 'production' as const, corsOrigins: ['https://a.example.org', 'https://b.example.org'] },
      { env: 'production' as const, corsOrigins: ['https://a.example.org'] },
    ]) {
      const a = app(store, config);
      for (const method of ['OPTIONS', 'POST']) {
        expect(await allowOrigin(a, 'null', method), `${JSON.stringify(config)} ${method}`).toBeNull();
        if (config.env === 'production')
          expect(await allowOrigin(a, 'https://evil.example.com', method), JSON.stringify(config)).toBeNull();
      }
    }
    const configured = app(store, { corsOrigins: ['https://a.example.org', 'https://b.example.org'] });
    expect(await allowOrigin(configured, 'https://b.example.org')).toBe('https://b.example.org');
    expect(await allowOrigin(app(store, { env: 'development' }), 'http://localhost:5173')).toBe(
      'http://localhost:5173',
    );
  });
});

describe('with API_READS=token', () => {
  const store = MemoryStore.fromDataset(conflictDataset());
  const a = app(store, { env: 'development', reads: 'token', apiTokens: [TOKEN], graphiql: true });
  const page = (path: string, headers: Record<string, string> = {}) =>
    a.fetch(`http://test${path}`, { headers: { accept: 'text/html', ...headers } });

  it('GraphiQL needs the token too, as a header or ?token=, and then sends it with its requests', async () => {
    const anonymous = await page('/graphql');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('Idlib actor graph');
    expect((await page('/graphql?token=wrong-token-0000000')).status).toBe(403);
    const withHeader = await page('/graphql', { authorization: `Bearer ${TOKEN}` });
    expect(withHeader.status).toBe(200);
    expect(await withHeader.text()).toContain('Idlib actor graph');
    const withQuery = await page(`/graphql?token=${TOKEN}`);
    expect(withQuery.status).toBe(200);
    expect(await withQuery.text()).toContain(`Bearer ${TOKEN}`);
    expect(withQuery.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('the explorer page needs the token too; its public code bundle does not', async () => {
    expect((await page('/explore/')).status).toBe(401);
    expect((await page('/explore/index.html')).status).toBe(401);
    expect((await page('/explore/?token=wrong-token-0000000')).status).toBe(403);
    expect([200, 503]).toContain((await page(`/explore/?token=${TOKEN}`)).status);
    expect([200, 503]).toContain((await page('/explore/', { authorization: `Bearer ${TOKEN}` })).status);
    // Hashed assets hold code, not data: a missing one is a plain 404 (or 503 when nothing is built), not a 401.
    expect([404, 503]).toContain((await page('/explore/assets/none.js')).status);
  });

  it('reads through the API still need the token', async () => {
    expect((await post(a, '{ actor(id: "gov") { id } }')).status).toBe(401);
    expect((await post(a, '{ actor(id: "gov") { id } }', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });
});
