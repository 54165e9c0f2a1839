import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp, type AppConfig } from '../../src/app.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { conflictDataset } from '../support/build.js';

const store = MemoryStore.fromDataset(conflictDataset());
const post = (app: ReturnType<typeof createApp>, query: string, headers: Record<string, string> = {}) =>
  app.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
const app = (config: Partial<AppConfig>, log?: pino.Logger) =>
  createApp(store, { env: 'development', corsOrigins: null, ...config }, log);

describe('production mode', () => {
  const production = app({ env: 'production' });
  const development = app({ env: 'development' });

  it('turns introspection off, and GRAPHIQL/INTROSPECTION turn them back on', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    expect(JSON.stringify(await (await post(production, introspection)).json())).toMatch(/introspection|__schema/i);
    expect(((await (await post(production, introspection)).json()) as { data?: unknown }).data).toBeUndefined();
    expect(await (await post(development, introspection)).json()).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
    expect(await (await post(app({ env: 'production', introspection: true }), introspection)).json()).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
  });

  it('serves GraphiQL in development only, unless asked', async () => {
    const page = async (a: ReturnType<typeof createApp>) =>
      (await a.fetch('http://test/graphql', { headers: { accept: 'text/html' } })).text();
    expect(await page(development)).toContain('Idlib actor graph');
    expect(await page(production)).not.toContain('Idlib actor graph');
    expect(await page(app({ env: 'production', graphiql: true }))).toContain('Idlib actor graph');
  });

  it('hides field suggestions and the limits themselves', async () => {
    const typo = await (await post(production, '{ actor(id: "gov") { nam } }')).text();
    expect(typo).toMatch(/Cannot query field/);
    expect(typo).not.toMatch(/Did you mean/);
    // (A different document: the validation cache is shared by apps on one schema, as in one process.)
    expect(await (await post(development, '{ actor(id: "ru") { nme } }')).text()).toMatch(/Did you mean \\"name/);
    const deep = `{ actor(id: "gov") ${'{ relations { from '.repeat(8)}{ id }${' }'.repeat(16)} }`;
    const prodDeep = await (await post(production, deep)).text();
    expect(prodDeep).toMatch(/The query is nested too deeply/);
    expect(prodDeep).not.toMatch(/\b12\b/);
    expect(await (await post(development, deep)).text()).toMatch(/Query depth limit of 12 exceeded/);
  });

  it('denies unknown origins when CORS origins are configured, and all in production by default', async () => {
    const preflight = async (a: ReturnType<typeof createApp>, origin: string) =>
      (
        await a.fetch('http://test/graphql', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        })
      ).headers.get('access-control-allow-origin');
    const configured = app({ env: 'production', corsOrigins: ['https://explorer.example.org'] });
    expect(await preflight(configured, 'https://explorer.example.org')).toBe('https://explorer.example.org');
    expect(await preflight(configured, 'https://evil.example.com')).not.toBe('https://evil.example.com');
    expect(await preflight(production, 'https://evil.example.com')).toBeNull();
    expect(await preflight(app({ env: 'development', corsOrigins: [] }), 'https://evil.example.com')).toBeNull();
    expect(await preflight(development, 'https://anything.example.com')).toBe('https://anything.example.com');
  });

  it('answers /ready when the store answers', async () => {
    expect((await production.fetch('http://test/ready')).status).toBe(200);
    const broken = MemoryStore.fromDataset(conflictDataset());
    broken.ping = () => Promise.reject(new Error('down'));
    const res = await createApp(broken, { env: 'production', corsOrigins: null }).fetch('http://test/ready');
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain('down');
  });
});

describe('request logs', () => {
  it('log one line per request with id, operation, status and duration, never the token or the query', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
    const logged = app({ apiTokens: ['secret-token-value'] }, pino({ level: 'info' }, sink));
    const res = await logged.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer secret-token-value',
        'x-request-id': 'req-42',
      },
      body: JSON.stringify({ query: 'query Lookup { actor(id: "gov") { name } }', operationName: 'Lookup' }),
    });
    expect(res.headers.get('x-request-id')).toBe('req-42');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      reqId: 'req-42',
      method: 'POST',
      path: '/graphql',
      operation: 'Lookup',
      status: 200,
      msg: 'request',
    });
    expect(typeof lines[0].ms).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/secret-token-value|actor\(id/);
  });
});
